// Paragraphs of an article's text as the matcher and the figure judge see them: the offsets of its breaks, and
// which paragraph an offset is in.

/** A paragraph break: a whitespace run holding two or more line breaks (as the folding reads it), or U+2029. */
const PARAGRAPH_BREAK = /(?:\r\n?|[\n\u000b\u0085\u2028])[^\S\r\n\u000b\u0085\u2028\u2029]*(?:\r\n?|[\n\u000b\u0085\u2028])|\u2029/g;

/** Original offsets of the paragraph breaks of `text`, sorted. */
export function paragraphBreaks(text: string): number[] {
  const breaks: number[] = [];
  PARAGRAPH_BREAK.lastIndex = 0;
  for (let m = PARAGRAPH_BREAK.exec(text); m; m = PARAGRAPH_BREAK.exec(text)) breaks.push(m.index);
  return breaks;
}

/** Index of the paragraph holding `offset`, given the sorted offsets of paragraph breaks. */
export function paragraphOf(breaks: readonly number[], offset: number): number {
  let lo = 0;
  let hi = breaks.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (breaks[mid]! <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
