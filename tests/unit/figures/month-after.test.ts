// The figure reader runs its "15 March" expression only where a month's first letters follow the number
// (lib/figures/index.ts `monthMayFollow`): the check must pass wherever the expression matches.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { monthMayFollow } from '@/lib/figures';

const MONTHS = 'january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec';
/** The reader's expression, as it reads the 14 characters after a day's number. */
const MONTH_AFTER = new RegExp(`^[ \\u00a0]+(?:of[ \\u00a0]+)?(?:${MONTHS})\\b`, 'i');

const PIECES = [' ', ' ', '\u00a0', 'of', 'OF', 'oF', 'March', 'MAR', 'sept', 'Sept.', 'may', 'mAy', 'december', 'Dec', 'jun', 'June', 'j', 'an',
  'people', 'offer', 'x', '1', '-', '.', 'İ', '\u212a', 'ſ', 'ı'];

describe('the month after a number', () => {
  test('is looked for wherever the expression would find it, and not after other words', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...PIECES), { maxLength: 7 }), (parts) => {
        const after = parts.join('').slice(0, 14);
        if (MONTH_AFTER.test(after)) expect(monthMayFollow(after), JSON.stringify(after)).toBe(true);
      }),
      { numRuns: 20000 },
    );
    for (const after of [' March 2013', '\u00a0of\u00a0MAY', ' of  sept.', ' dec']) expect(monthMayFollow(after), after).toBe(true);
    for (const after of [' people were', 'March', ' of the', ' offer', '  1', ' İan']) expect(monthMayFollow(after), after).toBe(false);
  });
});
