import type { FigureReading } from '../figures/types';

/** The highlight categories, registered in CSS.highlights as `backstory-<category>`. */
export type MatchCategory = 'person' | 'place' | 'organization' | 'figure' | 'figure-differs';

export const MATCH_CATEGORIES: readonly MatchCategory[] = ['person', 'place', 'organization', 'figure', 'figure-differs'];

/**
 * How a page figure stands against the reference figure it counts the same thing as: the same figure, another
 * value for the same thing at the same time, or an earlier or later estimate of a running total.
 */
export type FigureVerdict = 'matches' | 'differs' | 'earlier' | 'later';

/** What a page says about a figure it states, beyond the number (shown beside the reference's on the card). */
export interface PageFigure {
  /** The date or period the figure is for, ISO (a day, a month, or "from/to"), when the page says or is dated. */
  asOf?: string;
  /** The period its sentence states, in the project's words ("Fri 20 Jul 2012", "6 months to 16 Mar 2013"). */
  period?: string;
  /** Who its sentence credits it to, as the page writes it ("a pro-government newspaper"). */
  attribution?: string;
  /** Where its sentence says it happened: a reference place's name or a country's. */
  place?: string;
}

/** A match in the normalised article text; offsets index the *original* (un-normalised) article text. */
export interface TextMatch {
  start: number;
  end: number;
  text: string;
  category: MatchCategory;
  /** Entity id or figure id in the reference dataset. */
  referenceId: string;
  /** For figures: what was read on the page, how it stands against the reference, and what the page says of it. */
  figure?: { reading: FigureReading; verdict: FigureVerdict; page?: PageFigure };
}
