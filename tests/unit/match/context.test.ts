// Contextual and short names link only where the article supports them: the full name earlier, the right
// capitalisation, no other bearer named just before in the paragraph, an article on the reference's subject.
import { describe, expect, it } from 'vitest';
import { createMatcher } from '../../../lib/match';
import { dataset as bundled } from '../../../lib/reference';
import type { Entity } from '../../../lib/reference/types';
import { dataset, entity, seen } from './helpers';

const noFigures = { readFigures: () => [] };
const withForms = (e: Entity, forms: Partial<Entity>): Entity => ({ ...e, ...forms });

const reference = {
  ...dataset([
    withForms(entity('person:bashar-al-assad', 'person', 'Bashar al-Assad', 'President Assad'), { shortNames: ['Assad', 'al-Assad'], contextualAliases: ['Bashar'] }),
    withForms(entity('organization:sohr', 'organization', 'Syrian Observatory for Human Rights'), { contextualAliases: ['the Observatory'] }),
    withForms(entity('organization:unsc', 'organization', 'UN Security Council'), { shortNames: ['Security Council'], contextualAliases: ['security council'] }),
    withForms(entity('organization:syrian-state-tv', 'organization', 'Syrian state TV'), { shortNames: ['state TV', 'state television'] }),
    withForms(entity('organization:coalition', 'organization', 'National Coalition'), { contextualAliases: ['the coalition'] }),
    withForms(entity('person:ban-ki-moon', 'person', 'Ban Ki-moon'), { contextualAliases: ['Ban'] }),
  ]),
  otherNames: ['Hafez al-Assad', 'Hafez Assad', 'Maher al-Assad', 'Asma al-Assad'],
};
const matcher = createMatcher(reference, noFigures);
const find = (text: string) => seen(matcher.match(text));

describe('contextual forms need the full name earlier in the article', () => {
  it('"the Observatory" after the Syrian Observatory for Human Rights, with its "the" and its capital', () => {
    expect(find('The Observatory said 12 died.')).toEqual([]);
    expect(find('The Syrian Observatory for Human Rights counted. The Observatory said 12 died; the observatory on the hill did not.')).toEqual([
      ['Syrian Observatory for Human Rights', 'organization:sohr'],
      ['Observatory', 'organization:sohr'],
    ]);
    expect(find('The Syrian Observatory for Human Rights counted. An Observatory said so.')).toEqual([['Syrian Observatory for Human Rights', 'organization:sohr']]);
  });

  it('a first name once the full name was given', () => {
    expect(find('Bashar and Manaf were friends.')).toEqual([]);
    expect(find('Bashar al-Assad spoke. Later Bashar and Manaf fell out.')).toEqual([
      ['Bashar al-Assad', 'person:bashar-al-assad'],
      ['Bashar', 'person:bashar-al-assad'],
    ]);
    expect(find('UN chief Ban Ki-moon arrived. Ban called for talks; the ban on arms stays.')).toEqual([
      ['Ban Ki-moon', 'person:ban-ki-moon'],
      ['Ban', 'person:ban-ki-moon'],
    ]);
  });

  it('lower-case "security council" only after the UN Security Council; "the coalition" after the coalition', () => {
    expect(find('the security council of the club met')).toEqual([]);
    expect(find('The UN Security Council met; the security council decided.')).toEqual([
      ['UN Security Council', 'organization:unsc'],
      ['security council', 'organization:unsc'],
    ]);
    expect(find('They formed a coalition. The coalition met.')).toEqual([]);
    expect(find('The National Coalition was formed. The coalition met; a coalition of others did not.')).toEqual([
      ['National Coalition', 'organization:coalition'],
      ['coalition', 'organization:coalition'],
    ]);
  });
});

describe('short names', () => {
  it('"Assad" is Bashar al-Assad unless another Assad was named more recently in the paragraph', () => {
    expect(find('Assad spoke.')).toEqual([['Assad', 'person:bashar-al-assad']]);
    expect(find('Hafez al-Assad ruled before. Assad crushed Hama in 1982.')).toEqual([]);
    expect(find('Hafez al-Assad ruled before.\n\nAssad rules now.')).toEqual([['Assad', 'person:bashar-al-assad']]);
    expect(find('Maher al-Assad and Asma al-Assad were there, and President Assad. Assad smiled.')).toEqual([
      ['President Assad', 'person:bashar-al-assad'],
      ['Assad', 'person:bashar-al-assad'],
    ]);
    // Lower case is not the name.
    expect(find('an assad of sorts')).toEqual([]);
  });

  it('"state TV" is Syrian state TV, but not when another country qualifies it', () => {
    expect(find('State TV said. Later, state television showed it.')).toEqual([
      ['State TV', 'organization:syrian-state-tv'],
      ['state television', 'organization:syrian-state-tv'],
    ]);
    expect(find('He told Iranian state TV, and Iran\'s state television, that all was well.')).toEqual([]);
  });

  it('"Security Council" capitalised counts on the subject; inside "National Security Council" never', () => {
    expect(find('The Security Council voted.')).toEqual([['Security Council', 'organization:unsc']]);
    expect(find('the US National Security Council said so.')).toEqual([]);
  });
});

describe('with the bundled dataset', () => {
  const real = createMatcher(bundled);
  const text = (paragraphs: string[]) => paragraphs.join('\n\n');
  const on = [
    'Syrian troops shelled Homs and Aleppo as President Bashar al-Assad vowed to crush the uprising in Syria.',
    'The Free Syrian Army said it held Damascus suburbs, the Syrian Observatory for Human Rights reported.',
  ];

  it('on an article about the subject, bare "Assad" is Bashar; Hafez and Maher are not', () => {
    const matches = real.match(text([...on, 'Hafez al-Assad founded the regime; Assad, his father, died in 2000.', 'Maher al-Assad leads the Fourth Division loyal to Assad.']));
    const assad = matches.filter((m) => m.text.includes('Assad'));
    expect(assad.map((m) => [m.text, m.referenceId])).toEqual([
      ['President Bashar al-Assad', 'person:bashar-al-assad'],
    ]);
  });

  it('a London radio station is not the Lebanese broadcaster with its initials; a cartoonist is not the general', () => {
    const matches = real.match(text([...on, 'The Lebanese Broadcasting Corporation aired it, and LBC said more.', 'The cartoonist Ali Ferzat was beaten; Ferzat fled.']));
    expect(matches.filter((m) => m.referenceId === 'organization:lbc' || m.referenceId === 'person:adelnasser-ferzat')).toEqual([]);
  });

  it('"Iranian state TV" is not Syrian state TV', () => {
    const matches = real.match(text([...on, 'State TV in Damascus said the talks went well, while Iranian state TV said they failed.']));
    expect(matches.filter((m) => m.referenceId === 'organization:syrian-state-tv').map((m) => m.text)).toEqual(['State TV']);
  });
});
