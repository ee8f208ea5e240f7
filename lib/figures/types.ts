import type { Qualifier } from '../reference/types';

/**
 * One numeric figure read from running text, e.g. "more than 70,000 people have been killed".
 * Produced by the same reader for source documents (dataset builder) and for pages (content script),
 * so a page figure and a reference figure can be compared field by field.
 */
export interface FigureReading {
  /** Offsets of the whole figure phrase (qualifier + number + unit word) in the text read. */
  start: number;
  end: number;
  /** Offsets of just the number ("70,000", "4 million", "two", "16"). */
  numberStart: number;
  numberEnd: number;
  value: number;
  /**
   * The rounding step the wording states when it is not the place of the number's last digit: 0.5 for "2½" or
   * "two and a half" (lib/figures/tolerance.ts reads the others from the value).
   */
  step?: number;
  qualifier: Qualifier;
  unit: string;
  /** Canonical thing counted (lib/figures/vocabulary.ts), or undefined when the context does not say. */
  counts?: string;
}
