// Anchoring notes to the article: selectors from a DOM Range (when a note is written) and a DOM Range from
// selectors (when the page is visited again). Offsets are into lib/text's TextMap.text of the article.
import { offsetsFromRange, rangeFromOffsets, type TextMap } from '../text';
import type { NoteTarget } from '../notes/types';
import { describeOffsets } from './selectors';
import { anchorQuote, type Anchored } from './match-quote';

export { describeOffsets, CONTEXT_LENGTH } from './selectors';
export { anchorQuote, type Anchored, type AnchorMethod } from './match-quote';

/** Selectors for a DOM Range inside the mapped text; null when the range is empty or outside it. */
export function describeRange(map: TextMap, range: Range): NoteTarget | null {
  const offsets = offsetsFromRange(map, range);
  if (!offsets) return null;
  return describeOffsets(map.text, offsets.start, offsets.end);
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
