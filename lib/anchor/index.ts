// Anchoring notes to the article: selectors from a DOM Range (when a note is written) and a DOM Range from
// selectors (when the page is visited again). Offsets are into lib/text's TextMap.text of the article.
import { offsetsFromRange, rangeFromOffsets, type TextMap } from '../text';
import type { NoteTarget } from '../notes/types';
import { describeOffsets } from './selectors';
import { anchorQuote, type Anchored } from './match-quote';

export { describeOffsets, CONTEXT_LENGTH } from './selectors';
export { anchorQuote, type Anchored, type AnchorMethod } from './match-quote';

/**
 * Offsets in `map.text` of the part of `range` that lies in the mapped text, or null when none does.
 * Unlike a lookup of the boundary nodes, this accepts what real selections look like: boundaries in
 * elements (a triple-click selects from <p>, 0), and selections that start or end outside the article
 * (they are clipped to it).
 */
export function offsetsOfRange(map: TextMap, range: Range): { start: number; end: number } | null {
  const direct = offsetsFromRange(map, range);
  if (direct && direct.end > direct.start) return direct;
  let start = -1;
  let end = -1;
  for (const seg of map.segments) {
    if (!range.intersectsNode(seg.node)) continue;
    if (start < 0) start = seg.start + (seg.node === range.startContainer ? Math.min(range.startOffset, seg.length) : 0);
    end = seg.start + (seg.node === range.endContainer ? Math.min(range.endOffset, seg.length) : seg.length);
  }
  return start >= 0 && end > start ? { start, end } : null;
}

/**
 * Selectors for a DOM Range (the reader's selection) inside the mapped text; null when it selects nothing
 * there. Whitespace at the edges (a double-click often takes the following space) is not part of the quote.
 */
export function describeRange(map: TextMap, range: Range): NoteTarget | null {
  const offsets = offsetsOfRange(map, range);
  if (!offsets) return null;
  let { start, end } = offsets;
  while (start < end && /\s/.test(map.text[start]!)) start++;
  while (end > start && /\s/.test(map.text[end - 1]!)) end--;
  return describeOffsets(map.text, start, end);
}

export interface DomAnchor extends Anchored {
  range: Range;
}

/** The DOM Range a stored target anchors to today, or null when it is orphaned. */
export function anchorTarget(map: TextMap, target: NoteTarget): DomAnchor | null {
  const found = anchorQuote(map.text, target);
  if (!found) return null;
  const range = rangeFromOffsets(map, found.start, found.end);
  return range ? { ...found, range } : null;
}
