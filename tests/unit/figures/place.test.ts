// Where a figure's count happened (lib/figures/place.ts), on sentences written for these tests.
import { describe, expect, it } from 'vitest';
import { cityReferredTo, countriesIn, figureClause, isCountryName, isDescriptive, isLocal, placeOfFigure, type PlaceMention } from '../../../lib/figures/place';

/** Places named in `text` from `names` (name → specificity), and the place of the figure `numberText`. */
function placeIn(text: string, numberText: string, names: Record<string, number>): string | undefined {
  const places: PlaceMention[] = [];
  for (const [name, specificity] of Object.entries(names)) {
    for (let at = text.indexOf(name); at >= 0; at = text.indexOf(name, at + 1)) places.push({ start: at, end: at + name.length, id: name, specificity });
  }
  places.sort((a, b) => a.start - b.start);
  const start = text.indexOf(numberText);
  return placeOfFigure(text, { start, end: start + numberText.length }, { start: 0, end: text.length }, text.length, places)?.id;
}

describe('the place of a figure', () => {
  it('prefers the most specific place after the figure', () => {
    expect(placeIn('Five people were killed in the Damascus neighbourhood of Qaboun.', 'Five', { Damascus: 2, Qaboun: 4 })).toBe('Qaboun');
  });

  it('takes a place before the figure only when it says where ("In Syria,", "Syria’s")', () => {
    expect(placeIn('In Syria, more than 70,000 people have been killed.', '70,000', { Syria: 0 })).toBe('Syria');
    expect(placeIn('Syria’s war has killed 70,000 people.', '70,000', { Syria: 0 })).toBe('Syria');
    expect(placeIn('Russia called for an end to the 19-month conflict.', '19', { Russia: 0 })).toBeUndefined();
    expect(placeIn('Workers in Aleppo say food is short, while the UN puts the toll at 70,000.', '70,000', { Aleppo: 2 })).toBeUndefined();
  });

  it('leaves out a place that only describes someone', () => {
    expect(isDescriptive('the New York-based group', 'the New York'.length)).toBe(true);
    expect(placeIn('The New York-based group said 156 bombs were dropped.', '156', { 'New York': 2 })).toBeUndefined();
  });

  it('"the city" is the last city named before the figure', () => {
    const text = 'Fighting reached Aleppo. Up to 7,000 people have left the city.';
    const places: PlaceMention[] = [{ start: text.indexOf('Aleppo'), end: text.indexOf('Aleppo') + 6, id: 'Aleppo', specificity: 2 }];
    const start = text.indexOf('7,000');
    const sentence = { start: text.indexOf('Up'), end: text.length };
    expect(cityReferredTo(text, { start, end: start + 5 }, sentence, places)?.id).toBe('Aleppo');
    expect(cityReferredTo(text.replace('the city', 'home'), { start, end: start + 5 }, sentence, places)).toBeUndefined();
  });

  it('a figure’s clause starts at the clause it is in', () => {
    const text = 'At least 12 fighters were killed in clashes, and five people were killed by a shell.';
    const start = text.indexOf('five');
    expect(figureClause(text, { start }, { start: 0, end: text.length })).toEqual({ start, end: text.length });
  });
});

describe('countries', () => {
  it('finds countries by name, case-sensitively, not inside other words', () => {
    expect(countriesIn('Refugees reached Turkey, the US and Lebanon; us and Chadwick did not.', 0, 70).map((c) => c.name)).toEqual(['Turkey', 'US', 'Lebanon']);
    expect(isCountryName('Syria')).toBe(true);
    expect(isCountryName('Homs')).toBe(false);
  });

  it('a place is local unless its kind or its name makes it a country', () => {
    expect(isLocal({ name: 'Homs', placeKind: 'city' })).toBe(true);
    expect(isLocal({ name: 'Syria' })).toBe(false);
    expect(isLocal({ name: 'Khan Touman' })).toBe(true);
    expect(isLocal({ name: 'Hama', placeKind: 'province' })).toBe(true);
  });
});
