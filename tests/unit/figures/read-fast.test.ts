// The figure reader runs its hedge expression only after a word a hedge can end with (lib/figures/index.ts): on any
// text it reads exactly what the reader before did (./read-regex.ts).
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { readFigures } from '@/lib/figures';
import * as general from './read-regex';

const WORDS = [
  'more than', 'More Than', 'over', 'Moreover', 'in excess of', 'upwards of', 'at least', 'no fewer than', 'no less than', 'a minimum of', 'up to',
  'as many as', 'nearly', 'NEARLY', 'almost', 'close to', 'just under', 'at most', 'no more than', 'a maximum of', 'fewer than', 'less than',
  'some', 'handsome', 'about', 'around', 'roughly', 'approximately', 'an estimated', 'estimated', 'than', 'of', 'to', 'as', '(more than', 'ſome',
  '60,000', '70,000', '4 million', '2.5bn', '$3.5 billion', 'two', 'a dozen', 'seventeen', '2012', '15', '3', 'March', 'people', 'civilians',
  'were killed', 'killed', 'died', 'fled', 'refugees', 'soldiers', 'including', 'children', 'the death toll rose to', 'months', 'of the conflict',
  'é', 'İ', 'K',
];
const GAPS = [' ', ' ', ' ', '  ', '\u00a0', '\u00a0 ', ', ', '. ', '-', '', '\n'];
const text = fc.array(fc.tuple(fc.constantFrom(...WORDS), fc.constantFrom(...GAPS)), { maxLength: 30 }).map((parts) => parts.map(([w, g]) => w + g).join(''));

// Thousands of generated texts: seconds on a loaded machine.
describe('the reader, its hedge expression run only after a hedge word', { timeout: 60_000 }, () => {
  test('reads what the reader before read, in any text', () => {
    fc.assert(
      fc.property(text, fc.constantFrom(undefined, 'en', 'de'), (page, lang) => {
        const options = lang ? { lang } : {};
        expect(readFigures(page, options)).toEqual(general.readFigures(page, options));
      }),
      { numRuns: 4000 },
    );
  });
});
