// Names inside names: an alias that sits inside a longer capitalised name which is not itself an alias does not
// count; known other names (curation's `others`) win on longest match and are never highlighted.
import { describe, expect, it } from 'vitest';
import { createMatcher } from '../../../lib/match';
import { insideLongerName, isHeadlineCase, startsSentence } from '../../../lib/match/names';
import { dataset as bundled } from '../../../lib/reference';
import { dataset, entity, seen } from './helpers';

const noFigures = { readFigures: () => [] };
const reference = {
  ...dataset([
    entity('place:new-york', 'place', 'New York'),
    entity('place:iraq', 'place', 'Iraq'),
    entity('place:syria', 'place', 'Syria'),
    entity('place:aleppo', 'place', 'Aleppo'),
    entity('place:britain', 'place', 'Britain', 'UK'),
    entity('organization:un', 'organization', 'United Nations', 'UN'),
    entity('organization:al-qaida', 'organization', 'al-Qaida', 'al-Qaeda'),
    { ...entity('organization:unsc', 'organization', 'UN Security Council'), shortNames: ['Security Council'] },
    { ...entity('organization:syrian-army', 'organization', 'Syrian army') },
    { ...entity('person:bashar-al-assad', 'person', 'Bashar al-Assad', 'President Assad'), shortNames: ['Assad', 'al-Assad'] },
    entity('person:ban-ki-moon', 'person', 'Ban Ki-moon'),
  ]),
  otherNames: ['al-Qaeda in Iraq', 'Hafez al-Assad', 'Hafez Assad'],
};
const matcher = createMatcher(reference, noFigures);
const find = (text: string) => seen(matcher.match(text));

describe('names inside longer names', () => {
  it('"New York" in the names of things named after the city is not the city', () => {
    for (const text of [
      'He wrote for The New York Times for years.',
      'She teaches at New York University now.',
      'The Federal Reserve Bank of New York raised rates.',
      'Lawmakers in New York State voted.',
    ]) {
      expect(find(text), text).toEqual([]);
    }
    expect(find('She moved to New York in 2012.')).toEqual([['New York', 'place:new-york']]);
    expect(find('The New York-based group said.')).toEqual([['New York', 'place:new-york']]);
  });

  it('"Security Council" in a country\'s National Security Council is not the UN\'s', () => {
    expect(find('a White House National Security Council expert said')).toEqual([]);
    expect(find('The Security Council met in Syria.')).toEqual([
      ['Security Council', 'organization:unsc'],
      ['Syria', 'place:syria'],
    ]);
  });

  it('a known other name wins on longest match and is never highlighted: "Iraq" in "al-Qaeda in Iraq"', () => {
    expect(find('a merger with al-Qaeda in Iraq was denied')).toEqual([]);
    expect(find('he had fought in Iraq alongside al-Qaeda')).toEqual([
      ['Iraq', 'place:iraq'],
      ['al-Qaeda', 'organization:al-qaida'],
    ]);
  });

  it('a bare family name after another first name is another person', () => {
    expect(find('Hafez Assad ruled for thirty years.')).toEqual([]);
    expect(find('His brother Maher al-Assad commands the division.')).toEqual([]);
    expect(find('Riad Assad, a teacher, said so.')).toEqual([]);
  });

  it('titles, roles, weekdays, sentence starts and demonyms qualify a name without making a longer one', () => {
    expect(find('UN Secretary-General Ban Ki-moon spoke.')).toEqual([
      ['UN', 'organization:un'],
      ['Ban Ki-moon', 'person:ban-ki-moon'],
    ]);
    expect(find('the President of Syria and the Syrian army')).toEqual([
      ['Syria', 'place:syria'],
      ['Syrian army', 'organization:syrian-army'],
    ]);
    expect(find('Fighting resumed in Aleppo Sunday.')).toEqual([['Aleppo', 'place:aleppo']]);
    expect(find('In Syria, and Elsewhere in Syria. Assad spoke. Gen. Assad spoke.')).toEqual([
      ['Syria', 'place:syria'],
      ['Syria', 'place:syria'],
      ['Assad', 'person:bashar-al-assad'],
      ['Assad', 'person:bashar-al-assad'],
    ]);
  });

  it('hyphens and possessives end a name: "UN-Arab League envoy", "Britain-based", "Syria\'s Assad"', () => {
    expect(find('the UN-Arab League envoy and the UK-based monitor')).toEqual([
      ['UN', 'organization:un'],
      ['UK', 'place:britain'],
    ]);
    expect(find("Syria's Assad and the Britain-based Observatory")).toEqual([
      ['Syria', 'place:syria'],
      ['Assad', 'person:bashar-al-assad'],
      ['Britain', 'place:britain'],
    ]);
  });

  it('a longer name built with "of" or "for" around a place is another entity ("Friends of Syria")', () => {
    expect(find('The Friends of Syria met in Paris.')).toEqual([]);
    expect(find('the people of Syria')).toEqual([['Syria', 'place:syria']]);
  });

  it('capitals say nothing in a headline in title case or in capitals', () => {
    expect(isHeadlineCase('Manaf Tlass, Top Syrian General, Abandons Assad\'s Regime')).toBe(true);
    expect(isHeadlineCase('REBELS ENTER ALEPPO AS ASSAD VOWS TO FIGHT')).toBe(true);
    expect(isHeadlineCase('The rebels entered Aleppo on Sunday, activists said.')).toBe(false);
    expect(find('Top General Abandons Assad\'s Regime\n\nHe left the army.')).toEqual([['Assad', 'person:bashar-al-assad']]);
  });

  it('insideLongerName reads only the words around the match', () => {
    const demonyms = new Set(['syrian']);
    const at = (text: string, name: string) => [text.indexOf(name), text.indexOf(name) + name.length] as const;
    const text = 'He told Iranian state TV that';
    expect(insideLongerName(text, ...at(text, 'state TV'), 'description', demonyms)).toBe(true);
    const plain = 'State TV said';
    expect(insideLongerName(plain, ...at(plain, 'State TV'), 'description', demonyms)).toBe(false);
    expect(startsSentence('He left. Assad', 9)).toBe(true);
    expect(startsSentence('said Assad', 5)).toBe(false);
  });
});

describe('with the bundled curation', () => {
  const real = createMatcher(bundled);
  const names = (text: string) => seen(real.match(text, { everyPage: true }));

  it('the namesakes the curation lists are never the reference\'s people', () => {
    expect(names('Hafez al-Assad, Maher al-Assad and Asma al-Assad')).toEqual([]);
    expect(names('The cartoonist Ali Ferzat was beaten.')).toEqual([]);
    expect(names('a Lebanese Broadcasting Corporation report and LBC TV footage')).toEqual([]);
    expect(names('By The New York Times')).toEqual([]);
  });
});
