import type { FigureReading } from '../figures/types';

/** The highlight categories, registered in CSS.highlights as `backstory-<category>`. */
export type MatchCategory = 'person' | 'place' | 'organization' | 'figure' | 'figure-differs';

export const MATCH_CATEGORIES: readonly MatchCategory[] = ['person', 'place', 'organization', 'figure', 'figure-differs'];

/** A match in the normalised article text; offsets index the *original* (un-normalised) article text. */
export interface TextMatch {
  start: number;
  end: number;
  text: string;
  category: MatchCategory;
  /** Entity id or figure id in the reference dataset. */
  referenceId: string;
  /** For figures: what was read on the page, and whether it agrees with the reference. */
  figure?: { reading: FigureReading; verdict: 'matches' | 'differs' };
}
