import { describe, expect, it } from 'vitest';
import { aggregate, precisionOf, recallOf, shingleMatch, tokenize } from '../../../lib/article/metric';

describe('the article-extraction-benchmark metric', () => {
  it('tokenizes like Python\'s \\w+: letters and digits of any script and underscores, case kept', () => {
    expect(tokenize("Assad's forces_2 killed 70,000 in Ḥalab — Алеппо 阿勒颇")).toEqual([
      'Assad', 's', 'forces_2', 'killed', '70', '000', 'in', 'Ḥalab', 'Алеппо', '阿勒颇',
    ]);
  });

  it('counts 4-word shingles as multisets, normalised to sum to 1', () => {
    // expected: a b c d e → shingles abcd, bcde; predicted: a b c d x → abcd, bcdx.
    expect(shingleMatch('a b c d e', 'a b c d x')).toEqual({ tp: 1 / 3, fp: 1 / 3, fn: 1 / 3 });
    // A repeated shingle only matches as often as it occurs in the expected text: the prediction has
    // wxyz twice plus xyzw, yzwx, zwxy; one wxyz is a true positive, the other four are false positives.
    const s = shingleMatch('w x y z', 'w x y z. w x y z');
    expect(s.tp).toBeCloseTo(1 / 5);
    expect(s.fp).toBeCloseTo(4 / 5);
    expect(s.fn).toBe(0);
  });

  it('is case-sensitive and treats a text shorter than four words as one shingle', () => {
    expect(shingleMatch('Aleppo Syria', 'aleppo syria')).toEqual({ tp: 0, fp: 0.5, fn: 0.5 });
    expect(shingleMatch('Aleppo Syria', 'Aleppo, Syria!')).toEqual({ tp: 1, fp: 0, fn: 0 });
  });

  it('scores an empty prediction as recall 0 and leaves it out of the precision mean', () => {
    const empty = shingleMatch('one two three four five', '');
    expect(recallOf(empty)).toBe(0);
    const perfect = shingleMatch('one two three four five', 'one two three four five');
    expect(precisionOf(perfect)).toBe(1);
    const overall = aggregate([empty, perfect]);
    expect(overall.precision).toBe(1);
    expect(overall.recall).toBe(0.5);
    expect(overall.f1).toBeCloseTo((2 * 0.5) / 1.5);
  });
});
