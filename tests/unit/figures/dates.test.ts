// Calendar days for figure comparisons (lib/figures/dates.ts).
import { describe, expect, it } from 'vitest';
import { addMonths, dayOf, formatRange, gapBetween, isoRange, parseDate, parseRange } from '../../../lib/figures/dates';

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
