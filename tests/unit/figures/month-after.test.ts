// The figure reader runs its "15 March" expression only where a month's first letters follow the number
// (lib/figures/months.ts `monthMayFollow`): the check must pass wherever the reader's own expression matches.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { MONTH_AFTER_RE, monthFollows, monthMayFollow } from '@/lib/figures/months';

const PIECES = [' ', ' ', '\u00a0', '\t', '\u2009', 'of', 'OF', 'oF', 'March', 'MAR', 'sept', 'Sept.', 'may', 'mAy', 'december', 'Dec', 'jun', 'June', 'j',
  'an', 'people', 'offer', 'x', '1', '-', '.', 'İ', '\u212a', 'ſ', 'ı'];

describe('the month after a number', () => {
  test('is looked for wherever the expression would find it, and not after other words', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...PIECES), { maxLength: 7 }), (parts) => {
        const after = parts.join('').slice(0, 14);
        const expected = MONTH_AFTER_RE.test(after);
        if (expected) expect(monthMayFollow(after), JSON.stringify(after)).toBe(true);
        expect(monthFollows(after), JSON.stringify(after)).toBe(expected);
      }),
      { numRuns: 20000 },
    );
    for (const after of [' March 2013', '\u00a0of\u00a0MAY', ' of  sept.', ' dec']) expect(monthFollows(after), after).toBe(true);
    for (const after of [' people were', 'March', ' of the', ' offer', '  1', ' İan', '\tMarch']) expect(monthMayFollow(after), after).toBe(false);
  });
});
