// The article's text nodes joined into one string, with a map back to the nodes.
//
// Matching needs one string; highlighting needs DOM Ranges. `buildTextMap` concatenates the nodes' data and
// records where each node sits; `rangeFromOffsets` and `offsetsFromRange` translate between the two with a
// binary search over the segments, so a page with thousands of text nodes costs O(log n) per match.
//
// Words must never glue across blocks: "<h1>Syria</h1><p>Assad…" must not read "SyriaAssad", and a heading
// ending in "Bashar" must not form "Bashar al-Assad" with the paragraph below. So nodes separated by a block
// boundary (a block-level element starting or ending between them, or a <br>) are joined with
// BLOCK_SEPARATOR, a blank line, which the normaliser turns into a hard break that no match crosses. Inline
// markup joins directly: "<b>Bashar</b> al-<i>Assad</i>" reads "Bashar al-Assad".
//
// Whitespace-only nodes (the source's indentation between tags, common in a whole-body map) take no
// separator of their own: between two nodes with text there is exactly one BLOCK_SEPARATOR however many
// whitespace nodes and boundaries lie between, placed just before the next node with text. "<h2>A</h2>\n
// <p>B</p>" reads "A\n\n\nB", not "A\n\n\n\n\nB": the quote a reader or another tool took from that text
// stays within a few characters of it, and the 32 characters of context kept beside a quote are not spent on
// separators. The whitespace run still holds two line breaks, so the normaliser reads the same hard break.
import type { TextMap, TextSegment } from './types';

/** Inserted between text nodes that sit in different blocks. Two line breaks: a paragraph break. */
export const BLOCK_SEPARATOR = '\n\n';

/** Elements that start a new line in the default rendering (HTML's block-level and line-breaking elements). */
const BLOCK_TAGS = new Set([
  'ADDRESS', 'ARTICLE', 'ASIDE', 'BLOCKQUOTE', 'BR', 'CAPTION', 'CENTER', 'DD', 'DETAILS', 'DIALOG', 'DIR', 'DIV',
  'DL', 'DT', 'FIELDSET', 'FIGCAPTION', 'FIGURE', 'FOOTER', 'FORM', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'HEADER',
  'HGROUP', 'HR', 'LEGEND', 'LI', 'MAIN', 'MENU', 'NAV', 'OL', 'OPTGROUP', 'OPTION', 'P', 'PRE', 'SECTION', 'SUMMARY',
  'TABLE', 'TBODY', 'TD', 'TFOOT', 'TH', 'THEAD', 'TR', 'UL', 'BODY', 'HTML', 'IFRAME', 'VIDEO', 'AUDIO', 'CANVAS',
  'SVG', 'MATH', 'TEXTAREA', 'SELECT', 'BUTTON', 'IMG', 'SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE',
]);

function isBlock(node: Node): boolean {
  // Replaced and hidden elements (img, script, style) also separate: nothing of theirs is in the text, and text on
  // either side of an image or a script is not one word.
  return node.nodeType === 1 && BLOCK_TAGS.has((node as Element).tagName.toUpperCase());
}

/**
 * Whether a block boundary lies between `a` and the later node `b`: walks the document in order from `a` to
 * `b` and stops at the first block element entered or left on the way. Consecutive article nodes are usually
 * close, and the walks for successive pairs cover disjoint stretches of the document, so a whole map costs
 * O(DOM size) at worst. When `b` is not after `a` the walk runs off the document: a boundary, to be safe.
 */
function blockBoundaryBetween(a: Node, b: Node): boolean {
  if (a.nextSibling === b) return false;
  let node: Node = a;
  for (;;) {
    if (node !== a && node.firstChild) {
      node = node.firstChild;
    } else {
      // Climbing out of an element means leaving it: b comes later, so b is not inside it.
      while (!node.nextSibling) {
        const parent = node.parentNode;
        if (!parent || isBlock(parent)) return true;
        node = parent;
      }
      node = node.nextSibling!;
    }
    if (node === b) return false;
    if (isBlock(node)) return true;
  }
}

const WHITESPACE_ONLY = /^\s*$/;

/** Join the article's text nodes (in document order) into one string with a map back to each node. */
export function buildTextMap(nodes: Text[]): TextMap {
  const segments: TextSegment[] = [];
  const parts: string[] = [];
  let length = 0;
  let previous: Text | undefined;
  /** A block boundary lies between the last node with text and this point (across whitespace-only nodes). */
  let boundary = false;
  /** Whether any node with text has been added (no separator before the first one). */
  let hasText = false;
  for (const node of nodes) {
    if (previous && !boundary) boundary = blockBoundaryBetween(previous, node);
    if (!WHITESPACE_ONLY.test(node.data)) {
      if (boundary && hasText) {
        parts.push(BLOCK_SEPARATOR);
        length += BLOCK_SEPARATOR.length;
      }
      boundary = false;
      hasText = true;
    }
    segments.push({ node, start: length, length: node.data.length });
    parts.push(node.data);
    length += node.data.length;
    previous = node;
  }
  return { text: parts.join(''), segments };
}

/** Index of the last segment whose start is <= offset (-1 if none). */
function lastStartingAtOrBefore(segments: TextSegment[], offset: number): number {
  let lo = 0;
  let hi = segments.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    if (segments[mid]!.start <= offset) {
      found = mid;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  return found;
}

/**
 * Where a start offset falls: the segment holding the character at `offset`; an offset on a boundary between
 * two nodes belongs to the later one, an offset inside a separator moves forward to the next node.
 */
function locateStart(segments: TextSegment[], offset: number): { index: number; offset: number } | null {
  let i = lastStartingAtOrBefore(segments, offset);
  if (i < 0) i = 0;
  // Skip empty segments and ones that end at or before the offset (the offset is then in a separator or at the end).
  while (i < segments.length && segments[i]!.start + segments[i]!.length <= offset) {
    const next = segments[i + 1];
    if (!next) return null;
    if (next.start > offset) return { index: i + 1, offset: 0 };
    i++;
  }
  const seg = segments[i];
  if (!seg) return null;
  return { index: i, offset: Math.max(0, offset - seg.start) };
}

/**
 * Where an end offset falls: the segment holding the character just before `offset`; an offset on a boundary
 * belongs to the earlier node, an offset inside a separator moves back to the end of the previous node.
 */
function locateEnd(segments: TextSegment[], offset: number): { index: number; offset: number } | null {
  let i = lastStartingAtOrBefore(segments, offset - 1);
  if (i < 0) return null;
  // Move back over empty segments.
  while (i >= 0 && segments[i]!.length === 0) i--;
  if (i < 0) return null;
  const seg = segments[i]!;
  return { index: i, offset: Math.min(seg.length, offset - seg.start) };
}

/**
 * The text node and offset in it where `offset` of `map.text` starts (an offset inside a separator moves forward
 * to the next node), or null past the end.
 */
export function textPointAt(map: TextMap, offset: number): { node: Text; offset: number } | null {
  if (!(offset >= 0 && offset <= map.text.length)) return null;
  const at = locateStart(map.segments, offset);
  return at ? { node: map.segments[at.index]!.node, offset: at.offset } : null;
}

/** The DOM Range for [start, end) of `map.text`, or null when the offsets fall outside the mapped nodes. */
export function rangeFromOffsets(map: TextMap, start: number, end: number): Range | null {
  const { segments, text } = map;
  if (!(start >= 0 && end >= start && end <= text.length) || segments.length === 0) return null;
  const first = locateStart(segments, start);
  if (!first) return null;
  if (end === start) {
    const seg = segments[first.index]!;
    const range = seg.node.ownerDocument.createRange();
    range.setStart(seg.node, first.offset);
    range.collapse(true);
    return range;
  }
  const last = locateEnd(segments, end);
  if (!last) return null;
  // Only separators between start and end: nothing of the page is covered.
  if (last.index < first.index || (last.index === first.index && last.offset <= first.offset)) return null;
  const a = segments[first.index]!;
  const b = segments[last.index]!;
  const range = a.node.ownerDocument.createRange();
  range.setStart(a.node, first.offset);
  range.setEnd(b.node, last.offset);
  return range;
}

const segmentIndexes = new WeakMap<TextMap, Map<Node, number>>();

function indexOfNode(map: TextMap, node: Node): number | undefined {
  let index = segmentIndexes.get(map);
  if (!index) {
    index = new Map();
    map.segments.forEach((s, i) => index!.set(s.node, i));
    segmentIndexes.set(map, index);
  }
  return index.get(node);
}

/** Offset in `map.text` of a point inside one of the mapped text nodes, or null when that node is not mapped. */
export function offsetOfTextPoint(map: TextMap, node: Node, offset: number): number | null {
  const i = node.nodeType === 3 ? indexOfNode(map, node) : undefined;
  if (i === undefined) return null;
  const seg = map.segments[i]!;
  return seg.start + Math.max(0, Math.min(offset, seg.length));
}

/**
 * Offset in `map.text` of a boundary point that is not inside a mapped text node (an element container, or a
 * text node outside the article): the start of the first segment after the point (`side` 'start'), or the end
 * of the last segment before it ('end'). Binary search with Range.comparePoint: O(log n) DOM comparisons.
 */
function offsetOfPoint(map: TextMap, container: Node, offset: number, side: 'start' | 'end'): number | null {
  const { segments } = map;
  const doc = container.ownerDocument ?? (container as Document);
  const point = doc.createRange();
  try {
    point.setStart(container, offset);
  } catch {
    return null;
  }
  point.collapse(true);
  // First segment whose node lies after the point.
  let lo = 0;
  let hi = segments.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    let after: boolean;
    try {
      after = point.comparePoint(segments[mid]!.node, 0) > 0;
    } catch {
      return null; // another document or a detached tree
    }
    if (after) hi = mid;
    else lo = mid + 1;
  }
  if (side === 'start') return lo < segments.length ? segments[lo]!.start : null;
  const before = segments[lo - 1];
  return before ? before.start + before.length : null;
}

/** Offsets in `map.text` of a DOM Range, or null when it does not cover any of the mapped text. */
export function offsetsFromRange(map: TextMap, range: Range): { start: number; end: number } | null {
  const at = (container: Node, offset: number, side: 'start' | 'end'): number | null =>
    offsetOfTextPoint(map, container, offset) ?? offsetOfPoint(map, container, offset, side);
  const start = at(range.startContainer, range.startOffset, 'start');
  const end = at(range.endContainer, range.endOffset, 'end');
  if (start === null || end === null || end < start) return null;
  return { start, end };
}
