// Spans (start/end offsets) sorted by start and not overlapping, so their ends are sorted too: the matcher's
// entities and the figure judge's matches are looked up by offset with one binary search.

/** First index of `sorted` whose end is after `offset` (`sorted.length` when none is). */
export function firstEndingAfter(sorted: readonly { end: number }[], offset: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]!.end <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
