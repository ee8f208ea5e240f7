// The loose scan reads capitalised words by code unit (lib/text/chars.ts), without `\p{…}` regular expressions:
// on any text it finds exactly what the regular-expression form finds (./loose-regex.ts).
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import datasetJson from '@/lib/reference/dataset.json';
import type { Dataset } from '@/lib/reference/types';
import { buildTables } from '@/lib/match/tables';
import { looseCandidates } from '@/lib/match/loose';
import * as general from './loose-regex';

const tables = buildTables(datasetJson as unknown as Dataset).loose;
// The reference's loose names' words, spelt other ways, and the characters around names (astral letters, marks,
// name marks, separators).
const POOL = [
  ...' .,-–—\u00a0\u2011\'’ʼʻʾʿ\n',
  'Deir', 'ez', 'Zor', 'Dayr', 'az', 'Zawr', 'Ezzour', 'Al', 'al', 'El', 'Khatib', 'Alkhatib', 'Mouaz', 'Moaz', 'Nusrah', 'Qa\'ida', 'Qaboon', 'Yabrod',
  'Arabiya', 'Alarabiya', 'Television', 'Jabhat', 'Nusra', 'Front', 'Kremlin', 'Adelnasser', 'Adilnasir', 'Ferzat', 'Firzat', 'Bashar', 'Assad', 'Asad', 'Kofi', 'Anan',
  'Halab', 'Salaheddine', 'Salah', 'Din', 'Sakhour', 'Britain', 'Great', 'United', 'Unitid', 'Nations', 'Kingdom', 'Gen', 'Brig', 'Major', 'General',
  'National', 'Coalition', 'for', 'of', 'the', 'Syrian', 'Revolutionary', 'and', 'Opposition', 'Forces', 'Mc', 'Donald',
  'é', 'É', '\u0301', '𝐀', '𝐚', '\ud835', 'ǅ', 'İ', 'Ω', 'x', 'Q',
];
const text = fc.array(fc.constantFrom(...POOL), { maxLength: 40 }).map((parts) => parts.join(''));

describe('the loose scan without \\p{…} regular expressions', () => {
  test('finds what the regular-expression form finds, in any text and any span of it', () => {
    const strip = (list: ReturnType<typeof looseCandidates>) => list.map((c) => [c.start, c.end, c.pattern.alias]);
    fc.assert(
      fc.property(text, fc.nat(), fc.nat(), (page, a, b) => {
        const from = page.length === 0 ? 0 : Math.min(a, b) % (page.length + 1);
        const to = Math.max(from, page.length === 0 ? 0 : Math.max(a, b) % (page.length + 1));
        expect(strip(looseCandidates(page, from, to, tables))).toEqual(strip(general.looseCandidates(page, from, to, tables)));
      }),
      { numRuns: 5000 },
    );
    // An astral letter just before a word ("𝐀Kremlin"), the span starting inside it: a seed found this once.
    for (const from of [0, 3, 4, 5]) {
      expect(strip(looseCandidates('Mc 𝐀Kremlin', from, 12, tables))).toEqual(strip(general.looseCandidates('Mc 𝐀Kremlin', from, 12, tables)));
    }
    // And it finds something: the pool spells the reference's loose names.
    expect(looseCandidates('Dayr az-Zawr and Alkhatib', 0, 25, tables).length).toBeGreaterThan(0);
  });
});
