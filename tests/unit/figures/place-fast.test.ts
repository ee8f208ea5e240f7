// Countries are read by code unit (lib/figures/place.ts): on any text, and any part of it, countriesIn finds exactly
// what the Unicode regular expression it replaced finds (./place-regex.ts).
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { countriesIn, isCountryName } from '@/lib/figures/place';
import * as general from './place-regex';

// Names, names inside names and near misses, and what bounds a name: letters and numbers of any script (𝐀 and 𝟏
// are astral, \ud835 a lone surrogate), full stops, hyphens, accents, no-break spaces.
const POOL = [
  'Syria', 'Syrian', 'Niger', 'Nigeria', 'Sudan', 'South Sudan', 'South', 'Guinea', 'US', 'USA', 'U.S.', 'U.S.A.', 'U.S', 'UK', 'U.K.', 'UAE', 'Congo',
  'United States', 'United', 'Korea', 'North Korea', 'Iraq', 'Iran', 'Chad', 'chad', 'Oman', 'Turkey', 'Gaza', 'Georgia',
  ' ', ' ', '\u00a0', '.', '-', ',', "'s", '’s', '(', 'a', 'é', 'É', 'x', 'Z', '1', '²', 'ا', '𝐀', '𝟏', '\ud835', '\udc00', '\n', 'based',
];
const text = fc.array(fc.constantFrom(...POOL), { maxLength: 30 }).map((parts) => parts.join(''));

// Thousands of generated texts: seconds on a loaded machine.
describe('countries read by code unit', { timeout: 60_000 }, () => {
  test('countriesIn finds what the regular expression finds, in any text and any part of it', () => {
    fc.assert(
      fc.property(text, fc.nat(), fc.nat(), (page, a, b) => {
        const from = page.length ? a % (page.length + 1) : 0;
        const to = from + b % (page.length - from + 1);
        expect(countriesIn(page, from, to)).toEqual(general.countriesIn(page, from, to));
        expect(countriesIn(page, 0, page.length)).toEqual(general.countriesIn(page, 0, page.length));
      }),
      { numRuns: 5000 },
    );
  });

  test('every name of the list is a country, and a name run into letters is not', () => {
    for (const name of ['Syria', 'United Arab Emirates', 'U.S.', 'USA', 'South Sudan', 'Nigeria', 'Niger']) expect(isCountryName(name)).toBe(true);
    for (const name of ['Syrian', 'U.S.A', 'Nigerian', 'south Sudan', 'US1']) expect(isCountryName(name)).toBe(false);
    expect(countriesIn('troops of the U.S.Army and Niger-based', 0, 38)).toEqual(general.countriesIn('troops of the U.S.Army and Niger-based', 0, 38));
  });
});
