// The number cue (lib/figures/cue.ts) decides which paragraphs the figure reader reads and whether the content script
// loads the reader at all: it must never say "no number" where the reader finds one. Checked against the reader's
// own number patterns on generated text, and against the reader on the seed, coverage and corpus texts.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mayHoldNumber } from '../../../lib/figures/cue';
import { readFigures } from '../../../lib/figures';
import { numberPattern, type NumberStyle } from '../../../lib/figures/numbers';

const STYLES: NumberStyle[] = ['point', 'comma', 'swiss'];
const LANG: Record<NumberStyle, string> = { point: 'en', comma: 'de', swiss: 'de-CH' };

/** Text made of number-ish pieces: digits, separators, number words in any case, and plain words. */
const pieces = fc.constantFrom(
  '7', '70,000', '70.000', '2.5', '60 000', "70'000", '½', 'm', 'bn', 'k', ' ', '\u00a0', '-', ',', '.', '\n',
  'one', 'One', 'TWO', 'seventeen', 'Seventy', 'forty', 'hundred', 'thousand', 'million', 'billion', 'dozen', 'a', 'half',
  'and', 'someone', 'often', 'tension', 'ton', 'people', 'killed', 'x', 'é', 'ſ', '_',
);
const textArb = fc.array(pieces, { maxLength: 24 }).map((parts) => parts.join(''));

describe('mayHoldNumber', () => {
  it('holds wherever the reader\'s number patterns find a number, in every style', () => {
    fc.assert(
      fc.property(textArb, (text) => {
        for (const style of STYLES) {
          const re = numberPattern(style);
          re.lastIndex = 0;
          for (let m = re.exec(text); m; m = re.exec(text)) {
            if (m[0].length === 0) {
              re.lastIndex++;
              continue;
            }
            expect(mayHoldNumber(text, m.index, m.index + m[0].length), `${style}: "${m[0]}" in ${JSON.stringify(text)}`).toBe(true);
          }
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('text without a cue gives the reader nothing to read', () => {
    fc.assert(
      fc.property(textArb, (text) => {
        if (mayHoldNumber(text)) return;
        for (const style of STYLES) expect(readFigures(text, { lang: LANG[style] })).toEqual([]);
      }),
      { numRuns: 3000 },
    );
  });

  it('reads only its range, and whole words', () => {
    expect(mayHoldNumber('no figure here')).toBe(false);
    expect(mayHoldNumber('someone often mentioned a tonne')).toBe(false);
    expect(mayHoldNumber('Some 70 people', 0, 5)).toBe(false);
    expect(mayHoldNumber('Some 70 people', 5, 7)).toBe(true);
    expect(mayHoldNumber('Twenty-five soldiers')).toBe(true);
    expect(mayHoldNumber('a DOZEN soldiers')).toBe(true);
    expect(mayHoldNumber('the eleventh hour')).toBe(true); // a superset: "eleven…" is the reader's to refuse
    expect(mayHoldNumber('x9')).toBe(true);
  });

  const root = resolve(import.meta.dirname, '../../../..', 'shared');
  const texts = (dir: string, pick: (name: string) => boolean, read: (path: string) => string) =>
    existsSync(dir) ? readdirSync(dir).filter(pick).map((name) => read(join(dir, name))) : [];
  const real = [
    ...texts(join(root, 'seeds'), (n) => n.endsWith('.txt'), (p) => readFileSync(p, 'utf8')),
    ...texts(join(root, 'coverage'), (n) => n.endsWith('.txt'), (p) => readFileSync(p, 'utf8')),
    ...texts(join(root, 'corpus'), (n) => existsSync(join(root, 'corpus', n, 'expected.txt')), (p) => readFileSync(join(p, 'expected.txt'), 'utf8')),
  ].filter((t) => t.length > 0);

  it.skipIf(real.length === 0)('every paragraph of the seed, coverage and corpus texts with a reading has a cue', () => {
    let withReadings = 0;
    let withoutCue = 0;
    for (const text of real) {
      for (const paragraph of text.split(/\n\s*\n/)) {
        if (!mayHoldNumber(paragraph)) {
          withoutCue++;
          expect(readFigures(paragraph), paragraph.slice(0, 200)).toEqual([]);
        } else if (readFigures(paragraph).length > 0) withReadings++;
      }
    }
    // Both kinds are there: the check is not vacuous.
    expect(withReadings).toBeGreaterThan(100);
    expect(withoutCue).toBeGreaterThan(100);
  });
});
