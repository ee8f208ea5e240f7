// The names-inside-names rules read characters by code unit (lib/text/chars.ts), without `\p{…}` regular
// expressions: on any text they decide exactly what the regular-expression form decides (./names-regex.ts).
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { insideLongerName, isHeadlineCase, startsSentence, type NameKind } from '@/lib/match/names';
import * as general from './names-regex';

// Characters the rules look at, and the awkward ones: case, accents, combining marks, astral letters (𝐀 is an
// upper-case letter; 𝟏 a number), lone surrogates, the long s that case folding reads as "s", Unicode spaces.
const POOL = [
  ...'abcdeilnrstuzABDEHILNRSTUZ019 .,;:!?\'"()[]-–—’‘“”«»•|\n\t\u00a0\u2011\u2010',
  'al', 'Al', 'El', 'bin', 'Abdul', 'ash', 'ſ', 'é', 'É', 'ß', 'İ', 'ı', 'Ω', 'ω', 'ǅ', 'ª', 'µ', '²', '\u0301', 'ا', '𝐀', '𝐚', '𝟏', '\ud835', '\u2028', '\u3000', '\ufeff', '\u180e',
  'Assad', 'Syria', 'Syrian', 'President', 'Gen.', 'U.N.', 'St.', 'Inc.', 'Sunday', 'of', 'the', 'The', "'s", '’s', 'TV', 'State',
];
const text = fc.array(fc.constantFrom(...POOL), { maxLength: 30 }).map((parts) => parts.join(''));
const KINDS: NameKind[] = ['place', 'organization', 'surname', 'description'];
const demonyms = new Set(['syrian']);

describe('names inside names without \\p{…} regular expressions', () => {
  test('insideLongerName decides as the regular-expression form does, around any match in any text', () => {
    fc.assert(
      fc.property(text, fc.constantFrom('Assad', 'Syria', 'state TV', 'Homs', 'ſ'), text, fc.constantFrom(...KINDS), (before, name, after, kind) => {
        const page = before + name + after;
        const start = before.length;
        const end = start + name.length;
        expect(insideLongerName(page, start, end, kind, demonyms)).toBe(general.insideLongerName(page, start, end, kind, demonyms));
      }),
      { numRuns: 3000 },
    );
  });

  test('isHeadlineCase and startsSentence decide as the regular-expression form does', () => {
    fc.assert(
      fc.property(text, fc.nat(), (block, at) => {
        expect(isHeadlineCase(block)).toBe(general.isHeadlineCase(block));
        const p = block.length === 0 ? 0 : at % (block.length + 1);
        expect(startsSentence(block, p)).toBe(general.startsSentence(block, p));
      }),
      { numRuns: 3000 },
    );
  });

  test('on the rules\' own cases', () => {
    const cases: [string, string, NameKind][] = [
      ['Maher al-Assad said', 'Assad', 'surname'],
      ['the National Security Council met', 'Security Council', 'organization'],
      ['Federal Reserve Bank of New York', 'New York', 'place'],
      ['Syria\'s Assad', 'Assad', 'surname'],
      ['Syrian Army units', 'Army', 'organization'],
      ['Iranian state TV said', 'state TV', 'description'],
      ['aſ-Assad', 'Assad', 'surname'],
      ['𝐀al-Assad', 'Assad', 'surname'],
    ];
    for (const [page, name, kind] of cases) {
      const start = page.indexOf(name);
      expect(insideLongerName(page, start, start + name.length, kind, demonyms), page).toBe(general.insideLongerName(page, start, start + name.length, kind, demonyms));
    }
  });
});
