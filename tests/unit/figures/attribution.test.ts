// Who a page's sentence credits a figure to (lib/figures/attribution.ts), on sentences written for these tests.
import { describe, expect, it } from 'vitest';
import { attributionOf } from '../../../lib/figures/attribution';

/** The attribution of the number `numberText` in a one-sentence text. */
const creditOf = (text: string, numberText: string) => {
  const start = text.indexOf(numberText);
  return attributionOf(text, { start, end: start + numberText.length }, { start: 0, end: text.length });
};

describe('the page’s attribution of a figure', () => {
  it.each([
    ['A spokesman said estimates were exaggerated, and a pro-government newspaper put the number at 60,000 killed.', '60,000', 'a pro-government newspaper'],
    ['The United Nations says it now estimates that more than 9,000 people have died.', '9,000', 'The United Nations'],
    ['Activists estimate more than 10,000 deaths.', '10,000', 'Activists'],
    ['Workers in Aleppo say food is short, while the U.N. puts the toll of the conflict at more than 70,000.', '70,000', 'the U.N.'],
    ['It marks the worst month of a war that activists say has killed more than 14,000 people.', '14,000', 'activists'],
    ['Thousands have died, with activist groups putting the toll at over 25,000.', '25,000', 'activist groups'],
    ['Almost 93,000 people were killed, the United Nations human rights office says.', '93,000', 'the United Nations human rights office'],
    ['UN chief Ban Ki-moon on Thursday raised the death toll to more than 100,000.', '100,000', 'UN chief Ban Ki-moon'],
    ['The toll rose to at least 191,369, the rights office said yesterday.', '191,369', 'the rights office'],
    ['At least 17 civilians were killed, said the Syrian Observatory for Human Rights.', '17', 'the Syrian Observatory for Human Rights'],
    ['Some 70,000 people have been killed, according to U.N. estimates.', '70,000', 'U.N. estimates'],
    ['According to the health ministry, 300 people were wounded.', '300', 'the health ministry'],
    ['The Observatory and other rights groups said that at least 34 people had been killed.', '34', 'The Observatory and other rights groups'],
  ])('%s', (text, numberText, source) => {
    expect(creditOf(text, numberText)).toBe(source);
  });

  it('credits no one when the sentence does not, or only a pronoun does', () => {
    expect(creditOf('More than 50 people were killed in the capital on Friday.', '50')).toBeUndefined();
    expect(creditOf('It said 40 people were wounded.', '40')).toBeUndefined();
  });

  it('takes the attribution nearest the figure', () => {
    const text = 'The UN says more than 9,000 people have died, while activists say 10,000.';
    expect(creditOf(text, '9,000')).toBe('The UN');
    expect(creditOf(text, '10,000')).toBe('activists');
  });
});
