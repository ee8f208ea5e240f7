import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import Papa from 'papaparse';
import { CSV_COLUMNS, csvRows, guardCell, unguardCell, writeCsv } from '@/lib/export/csv';
import { localIso } from '@/lib/export/passage';
import { anyText, note, storedAnnotations } from './helpers';

// Property runs are CPU-bound; on a loaded machine they need more than vitest's default 5 s.
const PROPERTY_TIMEOUT = 120_000;

function parseBack(csv: string): string[][] {
  expect(csv.startsWith('\ufeff')).toBe(true);
  const result = Papa.parse<string[]>(csv.slice(1), { header: false });
  expect(result.errors).toEqual([]);
  return result.data;
}

describe('CSV export', () => {
  test('UTF-8 BOM, the header, one CRLF-terminated row per annotation', () => {
    const csv = writeCsv([note(), note({ id: '0f8fad5b-d9cb-469f-a165-70867728950e', target: undefined, tags: [] })]);
    // Every field quoted, so no locale's separator can split a cell.
    expect(csv.startsWith(`\ufeff${CSV_COLUMNS.map((c) => `"${c}"`).join(',')}\r\n`)).toBe(true);
    expect(csv.split('\r\n')).toHaveLength(3);
    const local = localIso('2026-01-02T10:00:00.000Z');
    expect(local).toMatch(/^2026-01-02T\d\d:\d\d:00\.000[+-]\d\d:\d\d$/);
    expect(Date.parse(local)).toBe(Date.parse('2026-01-02T10:00:00.000Z'));
    expect(parseBack(csv)).toEqual([
      [...CSV_COLUMNS],
      ['https://news.example/syria/aleppo', 'Aleppo under siege', 'more than 70,000 people', 'Check this figure against the UN report.',
        'casualties\nUN', local, local, 'https://news.example/syria/aleppo#:~:text=killed-,more%20than%2070%2C000%20people,-since%20March',
        '', '', '', 'killed ', ' since March', '120', '143', '1b9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4bed'],
      ['https://news.example/syria/aleppo', 'Aleppo under siege', '', 'Check this figure against the UN report.', '', local, local,
        'https://news.example/syria/aleppo', '', '', '', '', '', '', '', '0f8fad5b-d9cb-469f-a165-70867728950e'],
    ]);
  });

  test('commas, double quotes and line breaks are quoted per RFC 4180; non-Latin text is kept', () => {
    const csv = writeCsv([note({ text: 'He said "no",\nthen left', title: 'حلب، سوريا 中文 😀' })]);
    expect(csv).toContain('"He said ""no"",\nthen left"');
    expect(csv).toContain('حلب، سوريا 中文 😀');
    const [, row] = parseBack(csv);
    expect(row?.[1]).toBe('حلب، سوريا 中文 😀');
    expect(row?.[3]).toBe('He said "no",\nthen left');
  });

  test('cells that a spreadsheet would run as a formula start with an apostrophe', () => {
    const csv = writeCsv([note({ text: '=HYPERLINK("http://evil.example","click")', title: '+1 555', tags: ['@home', '-5'] })]);
    const [, row] = parseBack(csv);
    expect(row?.[3]).toBe(`'=HYPERLINK("http://evil.example","click")`);
    expect(row?.[1]).toBe("'+1 555");
    // Each tag is guarded (one per line in the cell), and a ";"-separated locale cannot split it out.
    expect(row?.[4]).toBe("'@home\n'-5");
    const semicolon = parseBack(writeCsv([note({ tags: ['tag;=2+2'] })]))[1]!;
    expect(semicolon[4]).toBe('tag;=2+2');
    expect(writeCsv([note({ tags: ['tag;=2+2'] })])).toContain('"tag;=2+2"');
    for (const cell of row ?? []) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
  });

  test('the guard is reversible, even for text that already starts with an apostrophe', () => {
    expect(guardCell("'=x")).toBe("''=x");
    expect(unguardCell("''=x")).toBe("'=x");
    expect(guardCell("'quoted'")).toBe("'quoted'");
    expect(unguardCell("'quoted'")).toBe("'quoted'");
    fc.assert(fc.property(anyText(), (text) => {
      const cell = guardCell(text);
      expect(cell).not.toMatch(/^[=+\-@\t\r]/);
      expect(unguardCell(cell)).toBe(text);
    }), { numRuns: 500 });
  }, PROPERTY_TIMEOUT);

  test('property: papaparse reads back exactly the rows written, for any Unicode text', () => {
    fc.assert(
      fc.property(storedAnnotations(15), (annotations) => {
        expect(parseBack(writeCsv(annotations))).toEqual(csvRows(annotations));
      }),
      { numRuns: 200 },
    );
  }, PROPERTY_TIMEOUT);

  test('property: the rows are written byte for byte as papaparse writes every cell quoted', () => {
    fc.assert(
      fc.property(storedAnnotations(15), (annotations) => {
        expect(writeCsv(annotations)).toBe('\ufeff' + Papa.unparse(csvRows(annotations), { newline: '\r\n', header: false, quotes: true }));
      }),
      { numRuns: 200 },
    );
    expect(writeCsv([])).toBe('\ufeff' + Papa.unparse([[...CSV_COLUMNS]], { newline: '\r\n', header: false, quotes: true }));
  }, PROPERTY_TIMEOUT);
});
