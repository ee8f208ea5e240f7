// The one tolerance rule (lib/figures/tolerance.ts) and the unit groups it compares across (lib/figures/units.ts).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rangesOverlap, roundingStep, sameFigure, sameMeasure, statedRange } from '../../../lib/figures/tolerance';
import type { Qualifier } from '../../../lib/reference/types';

const n = (value: number, qualifier: Qualifier = 'exact', unit = 'people', step?: number) => ({ value, qualifier, unit, ...(step ? { step } : {}) });

describe('the rounding step a number shows', () => {
  it.each([
    [92_901, 1],
    [4_250_000, 10_000],
    [70_000, 7_000], // one significant digit: capped at a tenth of the value
    [23_000_000, 1_000_000],
    [2.5, 0.1],
    [16, 1],
    [2, 0.2],
  ])('%d → %d', (value, step) => {
    expect(roundingStep(value)).toBeCloseTo(step, 9);
  });

  it('a fraction written as such sets the step', () => {
    expect(roundingStep(2.5, 0.5)).toBe(0.5);
  });
});

describe('the range a hedge allows', () => {
  it('exact and "about" are the same range; "more than" lies above; "up to" below', () => {
    expect(statedRange(70_000, 'exact')).toEqual({ lo: 66_500, hi: 73_500 });
    expect(statedRange(70_000, 'about')).toEqual(statedRange(70_000, 'exact'));
    expect(statedRange(70_000, 'some')).toEqual(statedRange(70_000, 'exact'));
    expect(statedRange(70_000, 'more than')).toEqual({ lo: 70_000, hi: 77_000 });
    expect(statedRange(7_000, 'up to')).toEqual({ lo: 6_300, hi: 7_000 });
  });

  it('overlap must be more than a point', () => {
    expect(rangesOverlap({ lo: 0, hi: 1 }, { lo: 1, hi: 2 })).toBe(false);
    expect(rangesOverlap({ lo: 0, hi: 1.5 }, { lo: 1, hi: 2 })).toBe(true);
  });
});

describe('sameFigure', () => {
  it('hedge direction counts', () => {
    expect(sameFigure(n(7000, 'more than'), n(7000, 'up to'))).toBe(false);
    expect(sameFigure(n(7000, 'at least'), n(7000, 'up to'))).toBe(false);
    expect(sameFigure(n(70_000, 'some'), n(70_000, 'more than'))).toBe(true);
    expect(sameFigure(n(93_000, 'up to'), n(92_901))).toBe(true);
  });

  it('a bare round number is read like a hedged one ("23 million" ~ "about 23 million")', () => {
    expect(sameFigure(n(23e6), n(22e6))).toBe(sameFigure(n(23e6, 'about'), n(22e6)));
    expect(sameFigure(n(23e6), n(23e6, 'about'))).toBe(true);
    expect(sameFigure(n(23e6), n(22e6))).toBe(false);
  });

  it('a precise number meets only numbers that round to it', () => {
    expect(sameFigure(n(92_901), n(93_000))).toBe(true); // "93,000" rounds to the thousand: 92,500–93,500
    expect(sameFigure(n(92_901), n(92_902))).toBe(false);
    expect(sameFigure(n(60_000), n(70_000, 'more than'))).toBe(false);
    expect(sameFigure(n(11), n(12, 'about'))).toBe(false);
  });

  it('compares durations in days, masses in kilograms, and people across the words for them', () => {
    expect(sameFigure(n(2, 'exact', 'years'), n(24, 'exact', 'months'))).toBe(true);
    expect(sameFigure(n(16, 'exact', 'months'), n(16, 'exact', 'weeks'))).toBe(false);
    expect(sameFigure(n(2, 'more than', 'tons'), n(2000, 'more than', 'kilograms'))).toBe(true);
    expect(sameFigure(n(2, 'exact', 'tons'), n(2, 'exact', 'kilograms'))).toBe(false);
    expect(sameFigure(n(4, 'exact', 'officials'), n(4, 'exact', 'members'))).toBe(true);
    expect(sameMeasure({ unit: 'bombs' }, { unit: 'people' })).toBe(false);
    expect(sameMeasure({ unit: 'bombs' }, { unit: 'bombs' })).toBe(true);
  });

  it('is symmetric, and every number is the same figure as itself under any hedge', () => {
    const qualifier = fc.constantFrom<Qualifier>('exact', 'more than', 'at least', 'up to', 'at most', 'fewer than', 'some', 'about');
    const value = fc.integer({ min: 1, max: 10_000_000 });
    fc.assert(
      fc.property(value, qualifier, value, qualifier, (a, qa, b, qb) => {
        expect(sameFigure(n(a, qa), n(b, qb))).toBe(sameFigure(n(b, qb), n(a, qa)));
        expect(sameFigure(n(a, qa), n(a, qa))).toBe(true);
      }),
    );
  });
});
