import type { TextMap, TextSegment } from './types';
export type { TextMap, TextSegment } from './types';

// PLACEHOLDER (owned by the matching work): a plain concatenation; the real one adds block separators
// and normalisation with offset maps.
export function buildTextMap(nodes: Text[]): TextMap {
  const segments: TextSegment[] = [];
  let text = '';
  for (const node of nodes) {
    segments.push({ node, start: text.length, length: node.data.length });
    text += node.data;
  }
  return { text, segments };
}

/** The DOM Range for [start, end) of `map.text`, or null when the offsets fall outside the mapped nodes. */
export function rangeFromOffsets(map: TextMap, start: number, end: number): Range | null {
  const first = map.segments.find((s) => start >= s.start && start < s.start + s.length);
  const last = map.segments.find((s) => end > s.start && end <= s.start + s.length);
  if (!first || !last) return null;
  const range = first.node.ownerDocument.createRange();
  range.setStart(first.node, start - first.start);
  range.setEnd(last.node, end - last.start);
  return range;
}

/** Offsets in `map.text` of a DOM Range, or null when it is not inside the mapped text. */
export function offsetsFromRange(map: TextMap, range: Range): { start: number; end: number } | null {
  const at = (node: Node, offset: number) => {
    const seg = map.segments.find((s) => s.node === node);
    return seg ? seg.start + Math.min(offset, seg.length) : -1;
  };
  const start = at(range.startContainer, range.startOffset);
  const end = at(range.endContainer, range.endOffset);
  return start < 0 || end < 0 ? null : { start, end };
}
