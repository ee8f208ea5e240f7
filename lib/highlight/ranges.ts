// Turns matches (offsets into a TextMap's text) into DOM Ranges: a binary search for the first segment and a
// short forward scan for the last, instead of a linear search per match (big pages have tens of thousands
// of segments and matches).
import type { TextMatch } from '../match/types';
import type { TextMap, TextSegment } from '../text/types';

export interface MatchRange {
  match: TextMatch;
  range: Range;
}

/** Index of the segment with start <= offset < start + length, or -1 (the offset is in a separator). */
export function segmentIndexAt(segments: readonly TextSegment[], offset: number): number {
  let lo = 0;
  let hi = segments.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = segments[mid]!;
    if (offset < s.start) hi = mid - 1;
    else if (offset >= s.start + s.length) lo = mid + 1;
    else return mid;
  }
  return -1;
}

export function rangesForMatches(map: TextMap, matches: readonly TextMatch[]): MatchRange[] {
  const out: MatchRange[] = [];
  const segments = map.segments;
  for (const match of matches) {
    if (match.end <= match.start) continue;
    const first = segmentIndexAt(segments, match.start);
    if (first < 0) continue;
    let last = -1;
    // The end is exclusive, so it may sit exactly at a segment's end.
    for (let i = first; i < segments.length; i++) {
      const s = segments[i]!;
      if (s.start >= match.end) break;
      if (match.end <= s.start + s.length) {
        last = i;
        break;
      }
    }
    if (last < 0) continue;
    const a = segments[first]!;
    const b = segments[last]!;
    if (!a.node.isConnected && !b.node.isConnected) continue;
    const range = a.node.ownerDocument.createRange();
    range.setStart(a.node, match.start - a.start);
    range.setEnd(b.node, match.end - b.start);
    out.push({ match, range });
  }
  return out;
}
