// When two stated numbers are the same figure: the one tolerance rule, for page and reference alike.
//
// A number in running text stands for the range of values its wording allows:
// - Its rounding step is the place of its last non-zero digit ("92,901" → 1, "4.25 million" → 10,000,
//   "70,000" → 10,000), but at most a tenth of the value, so a lone leading digit reads to two significant
//   figures ("70,000" → 7,000; "2 years" → 0.2 years). A fraction written as such sets the step itself:
//   "2½" and "two and a half" round to the half.
// - "70,000", "about 70,000", "some 70,000": anything that rounds to it, half a step either side
//   (66,500–73,500). A bare round number is no more exact than a hedged one, so "23 million" and
//   "about 23 million" compare alike.
// - "more than 70,000", "over", "upwards of": above it, by up to a step (70,000–77,000); "at least" likewise from
//   the number itself.
// - "up to 7,000", "nearly", "almost", "at most", "fewer than": below it, by up to a step (6,300–7,000).
// Two numbers are the same figure when their ranges share more than a single point. So "some 70,000" and "more
// than 70,000" agree, "more than 7,000" and "up to 7,000" do not (the hedges point away from each other), and
// "60,000" differs from "more than 70,000".
//
// Units are compared by what they measure, after conversion (./units.ts): "2 tonnes" is "2,000 kilograms",
// "four officials" and "four members" count the same people.
import type { Qualifier } from '../reference/types';
import { measureOf } from './units';

export interface Range {
  lo: number;
  hi: number;
}

/** The place of the last non-zero digit of `value` (1 for 92,901; 10,000 for 4,250,000; 0.1 for 2.5). */
function lastDigitPlace(value: number): number {
  const v = Math.abs(value);
  if (v === 0) return 1;
  let place = 10 ** Math.floor(Math.log10(v));
  // Walk down until the value is a whole number of `place`s (allowing floating-point noise).
  for (let i = 0; i < 12; i++) {
    const q = v / place;
    if (Math.abs(q - Math.round(q)) < 1e-9 * Math.max(1, q)) return place;
    place /= 10;
  }
  return place;
}

/** The rounding step a stated number implies (see the file comment); `step` when the wording gives one. */
export function roundingStep(value: number, step?: number): number {
  if (step !== undefined && step > 0) return step;
  const place = lastDigitPlace(value);
  const tenth = Math.abs(value) / 10;
  return tenth > 0 ? Math.min(place, tenth) : place;
}

/** The range of values a number stated with `qualifier` allows (see the file comment). */
export function statedRange(value: number, qualifier: Qualifier, step?: number): Range {
  const s = roundingStep(value, step);
  switch (qualifier) {
    case 'more than':
    case 'at least':
      return { lo: value, hi: value + s };
    case 'up to':
    case 'at most':
    case 'fewer than':
      return { lo: value - s, hi: value };
    default:
      return { lo: value - s / 2, hi: value + s / 2 };
  }
}

/** Whether two ranges share more than a single point. */
export function rangesOverlap(a: Range, b: Range): boolean {
  return Math.max(a.lo, b.lo) < Math.min(a.hi, b.hi);
}

export interface Stated {
  value: number;
  qualifier: Qualifier;
  unit: string;
  step?: number;
}

/** A stated number's range in its unit's base measure (days, kilograms, persons), or undefined for unknown units. */
export function measuredRange(x: Stated): { dimension: string; range: Range } {
  const { dimension, factor } = measureOf(x.unit);
  const r = statedRange(x.value, x.qualifier, x.step);
  return { dimension, range: { lo: r.lo * factor, hi: r.hi * factor } };
}

/** Whether two stated numbers are the same figure: the same measure and overlapping ranges. */
export function sameFigure(a: Stated, b: Stated): boolean {
  const x = measuredRange(a);
  const y = measuredRange(b);
  return x.dimension === y.dimension && rangesOverlap(x.range, y.range);
}

/** Whether two stated numbers measure the same kind of thing, so they can be compared at all. */
export function sameMeasure(a: Pick<Stated, 'unit'>, b: Pick<Stated, 'unit'>): boolean {
  return measureOf(a.unit).dimension === measureOf(b.unit).dimension;
}
