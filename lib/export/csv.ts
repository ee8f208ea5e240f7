// CSV for spreadsheets, and back: one row per annotation, every field quoted (so a ";"-separated locale
// cannot split a cell), CRLF line ends, UTF-8 with a byte-order mark so Excel reads non-Latin text as UTF-8.
// The columns carry everything a note holds, so a CSV export imports back without loss.
//
// Formula injection: a spreadsheet runs a cell that starts with = + - @ (or a tab / carriage return, which
// some programs skip before looking) as a formula, so a quote like "=HYPERLINK(...)" from a hostile page
// would become live. Every such value gets a leading apostrophe, the convention spreadsheet programs and
// OWASP use for "this is text" — every cell, and every tag inside the tags cell (one per line), so no value
// starts a formula wherever a program splits it. Parsing back and `unguardCell` recover the original text.
import Papa from 'papaparse';
import type { Annotation } from '../notes/types';
import { webHref } from '../url';
import { localIso, passageLink, rememberedPageHref, type PageHref } from './passage';

export const CSV_COLUMNS = [
  'url', 'title', 'quote', 'note', 'tags', 'created', 'modified', 'passage',
  'reference', 'reference_id', 'reference_kind', 'prefix', 'suffix', 'start', 'end', 'id',
] as const;
export type CsvColumn = (typeof CSV_COLUMNS)[number];
/** Columns an import needs; the others may be empty or missing. */
export const REQUIRED_CSV_COLUMNS: readonly CsvColumn[] = ['id', 'url', 'created'];
/** Tags share one cell, one per line: a tag never holds a line break, so the split is exact. */
export const TAG_SEPARATOR = '\n';
const BOM = '\ufeff';
// Apostrophes already in front of a formula character are counted in, so guarding stays reversible:
// "'=x" is written "''=x" and reads back as "'=x", never as "=x".
const FORMULA_START = /^'*[=+\-@\t\r]/;

export function guardCell(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** The text a guarded cell stands for. */
export function unguardCell(cell: string): string {
  return cell.startsWith("'") && FORMULA_START.test(cell.slice(1)) ? cell.slice(1) : cell;
}

/** One note's cells; a writer of many notes passes one `rememberedPageHref()` for all of them. */
export function csvRow(a: Annotation, pageHref: PageHref = webHref): string[] {
  const values: Record<CsvColumn, string> = {
    url: a.url,
    title: a.title,
    quote: a.target?.quote.exact ?? '',
    note: a.text,
    tags: a.tags.map(guardCell).join(TAG_SEPARATOR),
    created: localIso(a.created),
    modified: localIso(a.modified),
    passage: passageLink(a, pageHref) ?? '',
    reference: a.reference?.label ?? '',
    reference_id: a.reference?.id ?? '',
    reference_kind: a.reference?.kind ?? '',
    prefix: a.target?.quote.prefix ?? '',
    suffix: a.target?.quote.suffix ?? '',
    start: a.target?.position ? String(a.target.position.start) : '',
    end: a.target?.position ? String(a.target.position.end) : '',
    id: a.id,
  };
  // The tags cell is guarded per tag above; guarding it again would add a second apostrophe.
  return CSV_COLUMNS.map((c) => (c === 'tags' ? values[c] : guardCell(values[c])));
}

/** Header then one row per annotation, exactly as a CSV reader will see them. */
export function csvRows(annotations: readonly Annotation[]): string[][] {
  const pageHref = rememberedPageHref();
  return [[...CSV_COLUMNS], ...annotations.map((a) => csvRow(a, pageHref))];
}

/** One cell as RFC 4180 quotes it: in double quotes, each double quote inside doubled. */
function quoted(cell: string): string {
  return `"${cell.includes('"') ? cell.replaceAll('"', '""') : cell}"`;
}

export function writeCsv(annotations: readonly Annotation[]): string {
  // Every cell quoted leaves nothing to decide per cell, so the rows are written here (Papa.unparse, which decides
  // per cell whether to quote, took most of an export of 10,000 notes); papaparse reads them back.
  const lines = [CSV_COLUMNS.map(quoted).join(',')];
  const pageHref = rememberedPageHref();
  for (const a of annotations) lines.push(csvRow(a, pageHref).map(quoted).join(','));
  // No line break after the last row (RFC 4180 allows either): readers then see no empty trailing row.
  return BOM + lines.join('\r\n');
}

/** A row read back: the header's columns to unguarded values ('' where a column is missing). */
export type CsvRecord = Record<CsvColumn, string>;

/**
 * Reads CSV text into header-keyed rows, or says what is wrong. The header must name Backstory's columns
 * (any order; unknown columns are ignored).
 */
export function readCsv(text: string): { rows: CsvRecord[]; missing: CsvColumn[] } {
  const parsed = Papa.parse<string[]>(text, { skipEmptyLines: 'greedy' });
  const [header = [], ...body] = parsed.data;
  const index = new Map(header.map((name, i) => [name.trim().toLowerCase(), i]));
  const missing = REQUIRED_CSV_COLUMNS.filter((c) => !index.has(c));
  const rows = body.map((cells) => {
    const row = {} as CsvRecord;
    for (const column of CSV_COLUMNS) {
      const i = index.get(column);
      const cell = i === undefined ? '' : (cells[i] ?? '');
      row[column] = column === 'tags' ? cell.split(TAG_SEPARATOR).map(unguardCell).join(TAG_SEPARATOR) : unguardCell(cell);
    }
    return row;
  });
  return { rows, missing };
}
