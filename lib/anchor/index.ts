// Anchoring notes: selectors from a DOM Range (when a note is written) and a DOM Range from selectors (when
// the page is visited again), over lib/text TextMaps. A note is described in one text (the article) and found
// again by score across several (the article, then the whole page), never "first text with a hit wins".
import { offsetOfTextPoint, offsetsFromRange, rangeFromOffsets, textPointAt, type TextMap } from '../text';
import { describeOffsets } from './selectors';
import { foldSpaces, isSpaceChar, type Folded } from './fold';
import { rankQuoteCandidates, type AnchorMethod } from './match-quote';
import type { AnchorTarget } from './types';

export type { AnchorTarget, TextQuoteSelector, TextPositionSelector } from './types';
export { describeOffsets, CONTEXT_LENGTH } from './selectors';
export type { AnchorMethod } from './match-quote';

export interface Anchored {
  /** Offsets of the quote found, in the text it was found in. */
  start: number;
  end: number;
  method: AnchorMethod;
  /** 0..1: how well quote, context and position agree (1 = identical). */
  score: number;
}

/** Whether the stored position still holds the quote with its whole context: the page has not moved. */
function unmoved(text: string, target: AnchorTarget): boolean {
  const { position, quote } = target;
  return !!position && !!quote.exact
    && text.slice(position.start, position.end) === quote.exact
    && text.slice(Math.max(0, position.start - quote.prefix.length), position.start) === quote.prefix
    && text.slice(position.end, position.end + quote.suffix.length) === quote.suffix;
}

/** 0..1 closeness of `start` to the stored position in a text of `length` characters. */
function closeness(start: number, hint: number, length: number): number {
  return length === 0 ? 1 : 1 - Math.min(1, Math.abs(start - hint) / length);
}

/** Where a stored quote is in `text` today (offsets into `text`), or null when it is orphaned. */
export function anchorQuote(text: string, target: AnchorTarget): Anchored | null {
  if (unmoved(text, target)) return { start: target.position!.start, end: target.position!.end, method: 'position', score: 1 };
  const hint = target.position?.start;
  const [best] = rankQuoteCandidates([foldSpaces(text)], target.quote, {
    ...(hint === undefined ? {} : { positionScore: (_scope, start) => closeness(start, hint, text.length) }),
  });
  return best ? { start: best.start, end: best.end, method: best.method, score: best.score } : null;
}

export interface ScopedAnchor extends Anchored {
  /** The DOM Range the note anchors to today. */
  range: Range;
  /** Which of the scopes the quote was found in (`start`/`end` are offsets into its text). */
  scopeIndex: number;
}

const foldedMaps = new WeakMap<TextMap, Folded>();

function folded(map: TextMap): Folded {
  let f = foldedMaps.get(map);
  if (!f) {
    f = foldSpaces(map.text);
    foldedMaps.set(map, f);
  }
  return f;
}

/**
 * Anchors a stored target in several candidate scopes at once and returns the best-scoring place in any of
 * them, or null when the note is orphaned. `scopes[0]` is the text the note was described in: its position
 * selector counts characters of that text (a candidate in another scope is placed in `scopes[0]` through its
 * DOM node, and one outside `scopes[0]` gets no credit for position). Typical call: `[articleMap, bodyMap]`.
 * A quote the article detector left out (a heading, a caption) thus lands on its own words in the body rather
 * than on another copy of them in the article, and a quote found in both scores by its context in each.
 */
export function anchorInScopes(target: AnchorTarget, scopes: readonly TextMap[]): ScopedAnchor | null {
  const home = scopes[0];
  if (!home) return null;
  if (unmoved(home.text, target)) {
    const { start, end } = target.position!;
    const range = rangeFromOffsets(home, start, end);
    if (range) return { start, end, method: 'position', score: 1, range, scopeIndex: 0 };
  }
  const hint = target.position?.start;
  const positionScore = hint === undefined ? undefined : (scope: number, start: number): number => {
    if (scope === 0) return closeness(start, hint, home.text.length);
    const at = textPointAt(scopes[scope]!, start);
    const inHome = at ? offsetOfTextPoint(home, at.node, at.offset) : null;
    return inHome === null ? 0 : closeness(inHome, hint, home.text.length);
  };
  const candidates = rankQuoteCandidates(scopes.map(folded), target.quote, positionScore ? { positionScore } : {});
  for (const c of candidates) {
    const range = rangeFromOffsets(scopes[c.scope]!, c.start, c.end);
    if (range) return { start: c.start, end: c.end, method: c.method, score: c.score, range, scopeIndex: c.scope };
  }
  return null;
}

/** The DOM Range a stored target anchors to today in one text, or null when it is orphaned. */
export function anchorTarget(map: TextMap, target: AnchorTarget): ScopedAnchor | null {
  return anchorInScopes(target, [map]);
}

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
export function describeRange(map: TextMap, range: Range): AnchorTarget | null {
  const offsets = offsetsOfRange(map, range);
  if (!offsets) return null;
  let { start, end } = offsets;
  while (start < end && isSpaceChar(map.text[start])) start++;
  while (end > start && isSpaceChar(map.text[end - 1])) end--;
  return describeOffsets(map.text, start, end);
}

/**
 * Selectors for the reader's selection, described in the first scope that holds any of it (the counterpart of
 * `anchorInScopes`, with the same scopes). A position is kept only for `scopes[0]`: offsets into another text
 * would mislead the next anchoring, which reads positions as offsets into `scopes[0]`.
 */
export function describeInScopes(range: Range, scopes: readonly TextMap[]): AnchorTarget | null {
  for (const [i, map] of scopes.entries()) {
    const target = describeRange(map, range);
    if (target) return i === 0 ? target : { quote: target.quote };
  }
  return null;
}
