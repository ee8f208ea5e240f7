// Describing a stretch of text as W3C selectors: the quote with its context (robust to the text moving) plus
// its position (cheap, and a tie-breaker between repeated quotes).
import { endOfFoldedHead, startOfFoldedTail } from './fold';
import type { AnchorTarget } from './types';

/**
 * Characters of context kept each side of a quote (the W3C TextQuoteSelector's usual size), counted as a
 * reader sees them: a run of whitespace (indentation, a block separator) counts as one.
 */
export const CONTEXT_LENGTH = 32;

const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff;
const isLowSurrogate = (code: number) => code >= 0xdc00 && code <= 0xdfff;

/** The selectors for [start, end) of `text`, or null for an empty or out-of-range span. */
export function describeOffsets(text: string, start: number, end: number): AnchorTarget | null {
  if (!(start >= 0 && end <= text.length && start < end)) return null;
  let from = startOfFoldedTail(text, start, CONTEXT_LENGTH);
  let to = endOfFoldedHead(text, end, CONTEXT_LENGTH);
  // Never cut a character in half at the edge of the context.
  if (from > 0 && isLowSurrogate(text.charCodeAt(from)) && isHighSurrogate(text.charCodeAt(from - 1))) from--;
  if (to < text.length && isLowSurrogate(text.charCodeAt(to)) && isHighSurrogate(text.charCodeAt(to - 1))) to++;
  return {
    quote: {
      type: 'TextQuoteSelector',
      exact: text.slice(start, end),
      prefix: text.slice(from, start),
      suffix: text.slice(end, to),
    },
    position: { type: 'TextPositionSelector', start, end },
  };
}
