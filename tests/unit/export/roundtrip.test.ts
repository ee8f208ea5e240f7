// Every export format imports back without loss: the property over any stored notes (any Unicode, Markdown
// and CSV syntax, formula characters, line breaks, reference links, positions), and a wrong file's message.
import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { exportAnnotations } from '@/lib/export/export';
import { EXPORT_FORMATS } from '@/lib/export/formats';
import { parseImportFile, detectFormat } from '@/lib/export/import';
import { byId, note, storedAnnotations } from './helpers';

// Property runs are CPU-bound; on a loaded machine they need more than vitest's default 5 s.
const PROPERTY_TIMEOUT = 120_000;
const now = new Date('2026-03-04T05:06:07Z');

describe('import what you export', () => {
  for (const format of EXPORT_FORMATS) {
    test(`property: a ${format} export imports back as exactly the stored notes`, async () => {
      await fc.assert(
        fc.asyncProperty(storedAnnotations(12), async (annotations) => {
          const file = exportAnnotations(annotations, format, now);
          expect(detectFormat(file.content.replace(/^\ufeff/, ''))).toBe(format);
          expect((await parseImportFile(file.content)).sort(byId)).toStrictEqual([...annotations].sort(byId));
        }),
        { numRuns: 80 },
      );
    }, PROPERTY_TIMEOUT);
  }

  test('a note whose text holds a copy of the Markdown record comment still reads back as itself', async () => {
    const tricky = note({ text: 'x <!-- backstory:note {"id":"evil"} --> y --> z \u2028 --' });
    const file = exportAnnotations([tricky], 'markdown', now);
    expect(await parseImportFile(file.content)).toStrictEqual([tricky]);
  });

  test('a CSV row edited in a spreadsheet imports with the edit; missing columns are named', async () => {
    const file = exportAnnotations([note()], 'csv', now).content.replace('Check this figure against the UN report.', 'Edited in a spreadsheet');
    expect((await parseImportFile(file))[0]!.text).toBe('Edited in a spreadsheet');
    await expect(parseImportFile('url,title\nhttps://a.example/,A\n')).rejects.toThrow(/must name the columns id, url, created \(missing: id, created\)/);
  });
});
