// Calendar days for figure comparisons (lib/figures/dates.ts).
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { addMonths, dayOf, formatRange, gapBetween, isoRange, monthRange, parseDate, parseRange, partsOf, yearRange } from '../../../lib/figures/dates';
import * as byDate from './dates-date';

describe('dates as ranges of days', () => {
  it('reads a day, a month, a year and an ISO date-time (the calendar day written)', () => {
    expect(isoRange(parseDate('2013-03-16')!)).toBe('2013-03-16');
    expect(isoRange(parseDate('2012-07')!)).toBe('2012-07');
    expect(parseDate('2012-07')).toEqual({ from: dayOf(2012, 7, 1), to: dayOf(2012, 7, 31) });
    expect(isoRange(parseDate('2012')!)).toBe('2012');
    expect(isoRange(parseDate('2013-03-16T23:30:00-05:00')!)).toBe('2013-03-16');
  });

  it('refuses what is not a date', () => {
    for (const bad of ['', 'yesterday', '2013-13-01', '2013-02-30', '16/03/2013', undefined, null]) expect(parseDate(bad)).toBeUndefined();
  });

  it('writes and reads spans', () => {
    const span = { from: dayOf(2013, 3, 2), to: dayOf(2013, 3, 16) };
    expect(isoRange(span)).toBe('2013-03-02/2013-03-16');
    expect(parseRange('2013-03-02/2013-03-16')).toEqual(span);
    expect(formatRange(span)).toBe('2–16 Mar 2013');
    expect(formatRange(parseDate('2012-07')!)).toBe('Jul 2012');
    expect(formatRange(parseDate('2012-07-20')!, true)).toBe('Fri 20 Jul 2012');
  });

  it('measures gaps and moves by months', () => {
    expect(gapBetween(parseDate('2013-03-16')!, parseDate('2013-03-19')!)).toBe(3);
    expect(gapBetween(parseDate('2013-03')!, parseDate('2013-03-19')!)).toBe(0);
    expect(isoRange(parseDate('2013-03-31')!)).toBe('2013-03-31');
    expect(addMonths(dayOf(2013, 3, 31), -1)).toBe(dayOf(2013, 2, 28));
    expect(addMonths(dayOf(2013, 1, 15), -2)).toBe(dayOf(2012, 11, 15));
  });
});

// Thousands of generated dates: seconds on a loaded machine.
describe('the calendar in integers', { timeout: 60_000 }, () => {
  // Years around the news (and the two-digit years Date.UTC reads as 19xx, and far ones), months and days past
  // their ends (Date runs them into the next months or years), fractions of days.
  const year = fc.oneof(fc.integer({ min: 1900, max: 2100 }), fc.integer({ min: -300_000, max: 300_000 }), fc.integer({ min: -2, max: 120 }));
  const month = fc.oneof(fc.integer({ min: 1, max: 12 }), fc.integer({ min: -40, max: 40 }));
  const day = fc.oneof(fc.integer({ min: 1, max: 31 }), fc.integer({ min: -800, max: 800 }));

  it('dayOf, monthRange and yearRange count days as Date.UTC does', () => {
    fc.assert(
      fc.property(year, month, day, (y, m, d) => {
        expect(dayOf(y, m, d)).toBe(byDate.dayOf(y, m, d));
        if (m >= 1 && m <= 12) expect(monthRange(y, m)).toEqual({ from: byDate.dayOf(y, m, 1), to: byDate.dayOf(y, m, byDate.lastDay(y, m)) });
        expect(yearRange(y)).toEqual({ from: byDate.dayOf(y, 1, 1), to: byDate.dayOf(y, 12, 31) });
      }),
      { numRuns: 5000 },
    );
    for (const [y, m, d] of [[2012, 2, 29], [2013, 2, 29], [2000, 2, 29], [1900, 2, 29], [2100, 3, 0], [275760, 9, 13], [275760, 9, 14], [-271821, 4, 20], [-271821, 4, 19], [NaN, 1, 1], [2012, Infinity, 1], [2012.7, 3.9, 4.5], [-0.5, 1, 1]] as const) {
      expect(dayOf(y, m, d)).toBe(byDate.dayOf(y, m, d));
    }
  });

  it('partsOf reads a day number as the getUTC… methods do', () => {
    const days = fc.oneof(fc.integer({ min: -50_000, max: 100_000 }), fc.integer({ min: -100_000_001, max: 100_000_001 }), fc.double({ min: -1e6, max: 1e6, noNaN: true }));
    fc.assert(
      fc.property(days, (n) => {
        expect(partsOf(n)).toEqual(byDate.partsOf(n));
      }),
      { numRuns: 5000 },
    );
    for (const n of [0, -1, -1e-12, 1e-12, -0.5, 100_000_000, -100_000_000, 100_000_000.5, NaN, Infinity]) expect(partsOf(n)).toEqual(byDate.partsOf(n));
  });
});
