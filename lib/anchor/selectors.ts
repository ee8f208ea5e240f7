// Describing a stretch of the article text as W3C selectors: the quote with its context (robust to the
// text moving) plus its position (cheap, and a tie-breaker between repeated quotes).
import type { NoteTarget } from '../notes/types';

/** Characters of context kept each side of a quote (the W3C TextQuoteSelector's usual size). */
export const CONTEXT_LENGTH = 32;

/** The selectors for [start, end) of `text`, or null for an empty or out-of-range span. */
export function describeOffsets(text: string, start: number, end: number): NoteTarget | null {
  if (!(start >= 0 && end <= text.length && start < end)) return null;
  return {
    quote: {
      type: 'TextQuoteSelector',
      exact: text.slice(start, end),
      prefix: text.slice(Math.max(0, start - CONTEXT_LENGTH), start),
      suffix: text.slice(end, end + CONTEXT_LENGTH),
    },
    position: { type: 'TextPositionSelector', start, end },
  };
}
