// Anchoring cases built from the Hypothesis client's anchoring test data (tests/fixtures/hypothesis-anchoring,
// see its README): its web-page baselines and their stored annotations, the same pages after simple edits,
// and its range specs with the selectors Hypothesis describes them with. Each case is a page, the selectors a
// note was stored with, and where the quote is on that page, so an anchoring algorithm is judged on landing
// in the right place, not on finding the words somewhere.
//
// Places are offsets into the text of all of the body's text nodes (`body.textContent`, the coordinates
// Hypothesis's position selectors use), with whitespace at either end left out.
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TextPositionSelector, TextQuoteSelector } from '@/lib/anchor';

const FIXTURES = resolve(dirname(fileURLToPath(import.meta.url)), '../../fixtures/hypothesis-anchoring');
const read = (name: string) => readFileSync(resolve(FIXTURES, name), 'utf8');

export type Parse = (html: string) => Document;

/** Hypothesis's RangeSelector: XPaths (relative to the root) and offsets. */
export interface RangeSelectorData {
  type: 'RangeSelector';
  startContainer: string;
  startOffset: number;
  endContainer: string;
  endOffset: number;
}

export interface StoredSelectors {
  range?: RangeSelectorData;
  position: TextPositionSelector;
  quote: TextQuoteSelector;
}

export interface Place {
  start: number;
  end: number;
}

export interface PlacedCase {
  name: string;
  doc: Document;
  /** The element the stored selectors count characters from (Hypothesis's anchoring root). */
  root: Element;
  selectors: StoredSelectors;
  /** Where the quote is in `doc` today. */
  expected: Place;
  /** The quote on the page as it was when the note was written (its own document), to describe afresh. */
  source: Range;
}

const SHOW_TEXT = 4;
const SHOW_ALL = 0xffffffff;

function textNodesOf(root: Node): Text[] {
  const doc = root.ownerDocument ?? (root as Document);
  const out: Text[] = [];
  const walker = doc.createTreeWalker(root, SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) out.push(n as Text);
  return out;
}

const bodyText = (doc: Document) => doc.body.textContent ?? '';
const isSpace = (ch: string | undefined) => ch !== undefined && /\s/.test(ch);

/** [start, end) with whitespace at both ends left out. */
export function trimmedPlace(text: string, start: number, end: number): Place {
  while (start < end && isSpace(text[start])) start++;
  while (end > start && isSpace(text[end - 1])) end--;
  return { start, end };
}

/** Characters of the body's text nodes before `stop` in document order (all of them when `stop` is null). */
function textBefore(doc: Document, stop: Node | null): number {
  let total = 0;
  const walker = doc.createTreeWalker(doc.body, SHOW_ALL);
  for (let n = walker.nextNode(); n && n !== stop; n = walker.nextNode()) if (n.nodeType === 3) total += (n as Text).data.length;
  return total;
}

/** Offset in the body's text of a boundary point. */
function pointOffset(doc: Document, container: Node, offset: number): number {
  if (container.nodeType === 3) return textBefore(doc, container) + offset;
  let stop: Node | null = container.childNodes[offset] ?? null;
  if (!stop) {
    // After the container's last child: the first node after the container.
    let n: Node | null = container;
    while (n && n !== doc.body && !n.nextSibling) n = n.parentNode;
    stop = n && n !== doc.body ? n.nextSibling : null;
  }
  return textBefore(doc, stop);
}

/** Where a DOM Range lies in its document's body text, whitespace at the ends left out. */
export function placeOf(range: Range): Place {
  const doc = range.startContainer.ownerDocument!;
  return trimmedPlace(bodyText(doc), pointOffset(doc, range.startContainer, range.startOffset),
    pointOffset(doc, range.endContainer, range.endOffset));
}

/** The node a simple XPath of Hypothesis's fixtures names ("/div[2]/text()[2]", "/p/strong"), from `root`. */
function nodeAt(root: Node, path: string): Node {
  let node: Node = root;
  for (const step of path.split('/').filter(Boolean)) {
    const m = /^(text\(\)|[\w-]+)(?:\[(\d+)\])?$/.exec(step);
    if (!m) throw new Error(`unsupported XPath step ${step}`);
    const [, name, nth] = m;
    const matches = [...node.childNodes].filter((c) => name === 'text()'
      ? c.nodeType === 3
      : c.nodeType === 1 && (c as Element).localName === name!.toLowerCase());
    const next = matches[Number(nth ?? 1) - 1];
    if (!next) throw new Error(`no node at ${path}`);
    node = next;
  }
  return node;
}

/** A range spec's container: an XPath from the root, or an index into the root's text nodes. */
function containerAt(root: Element, container: string | number): Node {
  if (typeof container === 'number') return textNodesOf(root)[container]!;
  return nodeAt(root, container);
}

interface BaselineAnnotation {
  page: string;
  id: string;
  selector: [RangeSelectorData, TextPositionSelector, TextQuoteSelector];
}

export interface RangeSpec {
  description: string;
  startContainer: string | number;
  startOffset: number;
  endContainer: string | number;
  endOffset: number;
  quote: string;
  /** Hypothesis's selectors for this range, as its `describe` makes them on the fixture. */
  selectors: [RangeSelectorData, TextPositionSelector, TextQuoteSelector];
}

const baselineAnnotations = (): BaselineAnnotation[] => JSON.parse(read('baseline-annotations.json'));
export const rangeSpecs = (): RangeSpec[] => JSON.parse(read('range-specs.json'));

function storedSelectors([range, position, quote]: [RangeSelectorData, TextPositionSelector, TextQuoteSelector]): StoredSelectors {
  return { range, position, quote };
}

/** Pages as they were when the notes were written: parsed once per builder call, never edited. */
type Originals = Map<string, Document>;

function baselineCase(parse: Parse, a: BaselineAnnotation, originals: Originals): PlacedCase {
  const doc = parse(read(a.page));
  const selectors = storedSelectors(a.selector);
  // The range selector says where the annotation is; the position selector may count a slightly different
  // text (a browser reads <noscript> as text, a parser without scripting as markup), as stored data can.
  const { range } = selectors;
  const start = pointOffset(doc, nodeAt(doc.body, range!.startContainer), 0) + range!.startOffset;
  const end = pointOffset(doc, nodeAt(doc.body, range!.endContainer), 0) + range!.endOffset;
  if (bodyText(doc).slice(start, end) !== selectors.quote.exact) {
    throw new Error(`${a.page} ${a.id}: the page does not hold the quote where its range selector says`);
  }
  const expected = trimmedPlace(bodyText(doc), start, end);
  let original = originals.get(a.page);
  if (!original) originals.set(a.page, (original = parse(read(a.page))));
  const source = original.createRange();
  const at = (offset: number) => locateBoundary(original, offset);
  const [s, e] = [at(start), at(end)];
  source.setStart(s.node, s.offset);
  source.setEnd(e.node, e.offset);
  return { name: `${a.page} "${selectors.quote.exact.slice(0, 40)}"`, doc, root: doc.body, selectors, expected, source };
}

/** The web-page baselines: each stored annotation on its unchanged page. */
export function baselineCases(parse: Parse): PlacedCase[] {
  const originals: Originals = new Map();
  return baselineAnnotations().map((a) => baselineCase(parse, a, originals));
}

// ---- Simple edits of a page, as a site makes them between two visits --------------------------------------

export const EDITS = [
  'sentence deleted before the quote',
  'letters changed inside the quote',
  'paragraph inserted at the start',
  'paragraph inserted before the quote',
  'earlier copy of the quote added',
] as const;
export type Edit = (typeof EDITS)[number];

const HIDDEN = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE']);
const BLOCK = 'p, li, dd, dt, h1, h2, h3, h4, h5, h6, blockquote, pre, figcaption, td, th, div, section, article';
const NOTE = 'Correction: an earlier version of this page gave the wrong date for the change.';
const KICKER = 'Updated with comments from the maintainers.';

/** Text nodes of the body with their offsets in the body text. */
function layout(doc: Document): { node: Text; start: number }[] {
  let at = 0;
  return textNodesOf(doc.body).map((node) => {
    const entry = { node, start: at };
    at += node.data.length;
    return entry;
  });
}

/** The text node holding the character at `offset` of the body text, and the offset in it. */
function locate(doc: Document, offset: number): { node: Text; offset: number } {
  const entry = layout(doc).find((e) => offset >= e.start && offset < e.start + e.node.data.length);
  if (!entry) throw new Error(`no character at ${offset}`);
  return { node: entry.node, offset: offset - entry.start };
}

/** The boundary point at `offset` of the body text (the end of a text node rather than the start of the next). */
function locateBoundary(doc: Document, offset: number): { node: Text; offset: number } {
  const entry = layout(doc).find((e) => offset >= e.start && offset <= e.start + e.node.data.length);
  if (!entry) throw new Error(`no text at ${offset}`);
  return { node: entry.node, offset: offset - entry.start };
}

const visible = (node: Text) => !node.parentElement?.closest([...HIDDEN].join(','));

/** The block holding the quote, and a new block of the kind that may stand beside it. */
function quoteBlock(doc: Document, place: Place): { block: Element; make: (text: string) => Element } {
  const { node } = locate(doc, place.start);
  const block = node.parentElement!.closest(BLOCK) ?? doc.body.firstElementChild!;
  const tag = /^(LI|DD|DT|TD|TH)$/.test(block.tagName) ? block.tagName.toLowerCase() : 'p';
  return {
    block,
    make: (text) => {
      const el = doc.createElement(tag);
      el.textContent = text;
      return el;
    },
  };
}

const SENTENCE = /[A-Z][^.!?]{15,}[.!?](?=\s|$)\s*/g;

/**
 * Removes the sentence nearest before the quote; with no sentence before it, the words before it in its own
 * text node; with no text at all before it (a headline at the top of the page), the first sentence after it.
 */
function deleteSentenceBefore(doc: Document, place: Place): Place {
  let found: { node: Text; offset: number; length: number } | undefined;
  for (const { node, start } of layout(doc)) {
    if (start >= place.start) break;
    if (!visible(node)) continue;
    for (const m of node.data.slice(0, place.start - start).matchAll(SENTENCE)) found = { node, offset: m.index, length: m[0].length };
  }
  const own = locate(doc, place.start);
  if (!found && own.offset > 0) found = { node: own.node, offset: 0, length: own.offset };
  if (!found) {
    for (const { node, start } of layout(doc)) {
      if (start + node.data.length <= place.end || !visible(node)) continue;
      const from = Math.max(0, place.end - start);
      const m = SENTENCE.exec(node.data.slice(from));
      SENTENCE.lastIndex = 0;
      if (m) {
        node.deleteData(from + m.index, m[0].length);
        return place;
      }
    }
    throw new Error('no sentence near the quote');
  }
  found.node.deleteData(found.offset, found.length);
  return { start: place.start - found.length, end: place.end - found.length };
}

/** Changes one letter of a short quote, two of a longer one, away from its ends (a corrected typo). */
function changeLetters(doc: Document, place: Place): Place {
  const text = bodyText(doc);
  const length = place.end - place.start;
  const targets = length < 20 ? [Math.floor(length / 2)] : [Math.floor(length / 3), Math.floor((2 * length) / 3)];
  for (let i of targets) {
    while (i < length - 1 && !/[A-Za-z]/.test(text[place.start + i]!)) i++;
    const ch = text[place.start + i]!;
    if (!/[A-Za-z]/.test(ch)) throw new Error('no letter to change');
    const base = ch <= 'Z' ? 65 : 97;
    const { node, offset } = locate(doc, place.start + i);
    node.replaceData(offset, 1, String.fromCharCode(base + ((ch.charCodeAt(0) - base + 1) % 26)));
  }
  return place;
}

function insertBefore(doc: Document, place: Place, el: Element, reference: Node): Place {
  reference.parentNode!.insertBefore(el, reference);
  const shift = el.textContent!.length;
  return { start: place.start + shift, end: place.end + shift };
}

/** Applies an edit to the page; returns where the quote is afterwards. */
export function applyEdit(doc: Document, place: Place, edit: Edit, exact: string): Place {
  const { block, make } = quoteBlock(doc, place);
  switch (edit) {
    case 'sentence deleted before the quote':
      return deleteSentenceBefore(doc, place);
    case 'letters changed inside the quote':
      return changeLetters(doc, place);
    case 'paragraph inserted at the start':
      return insertBefore(doc, place, make(NOTE), block.parentElement!.firstChild!);
    case 'paragraph inserted before the quote':
      return insertBefore(doc, place, make(KICKER), block);
    case 'earlier copy of the quote added':
      return insertBefore(doc, place, make(`Readers asked us about “${exact.trim()}” after the first version.`),
        block.parentElement!.firstChild!);
  }
}

/** Each baseline annotation on its page after each edit. */
export function editedBaselineCases(parse: Parse): PlacedCase[] {
  const cases: PlacedCase[] = [];
  const originals: Originals = new Map();
  for (const annotation of baselineAnnotations()) {
    for (const edit of EDITS) {
      const c = baselineCase(parse, annotation, originals);
      const quoted = bodyText(c.doc).slice(c.expected.start, c.expected.end);
      const expected = applyEdit(c.doc, c.expected, edit, c.selectors.quote.exact);
      if (edit !== 'letters changed inside the quote' && bodyText(c.doc).slice(expected.start, expected.end) !== quoted) {
        throw new Error(`${c.name}, ${edit}: the quote moved somewhere unexpected`);
      }
      cases.push({ ...c, name: `${c.name}, ${edit}`, expected });
    }
  }
  return cases;
}

/** The range specs' page: the fixture inside a <section>, as Hypothesis's tests mount it. */
export function rangeFixture(parse: Parse): { doc: Document; root: Element } {
  const doc = parse(`<!DOCTYPE html><html><head><title>fixture</title></head><body><section>${read('range-fixture.html')}</section></body></html>`);
  return { doc, root: doc.querySelector('section')! };
}

/** The DOM Range a range spec describes. */
export function specRange(root: Element, spec: RangeSpec): Range {
  const range = root.ownerDocument.createRange();
  range.setStart(containerAt(root, spec.startContainer), spec.startOffset);
  range.setEnd(containerAt(root, spec.endContainer), spec.endOffset);
  return range;
}

/** Each range spec's selectors (made by Hypothesis) anchored on the unchanged fixture. */
export function rangeSpecCases(parse: Parse): PlacedCase[] {
  let original: { doc: Document; root: Element } | undefined;
  return rangeSpecs().map((spec) => {
    const { doc, root } = rangeFixture(parse);
    const range = specRange(root, spec);
    if (range.toString() !== spec.quote) throw new Error(`${spec.description}: the range does not select its quote`);
    const source = specRange((original ??= rangeFixture(parse)).root, spec);
    return { name: spec.description, doc, root, selectors: storedSelectors(spec.selectors), expected: placeOf(range), source };
  });
}

export interface MatchQuoteCase {
  name: string;
  text: string;
  quote: string;
  prefix?: string;
  suffix?: string;
  hint?: number;
  /** Where the quote must be found, or null: nowhere. */
  expected: Place | null;
}

interface MatchQuoteData {
  texts: Record<string, string>;
  cases: { name: string; text: string; quote: string; prefix?: string; suffix?: string; hintAt?: string; hintSkip?: number; expectedAt?: string; expectedSkip?: number; expectedLength?: number; none?: true }[];
  orderings: { name: string; text: string; quote?: string; vary: 'quote' | 'prefix' | 'suffix'; values: string[] }[];
}

const matchQuoteData = (): MatchQuoteData => JSON.parse(read('match-quote.json'));

/** Hypothesis's match-quote cases: a text, a quote with context, where it must land (or that it must not). */
export function matchQuoteCases(): MatchQuoteCase[] {
  const { texts, cases } = matchQuoteData();
  const at = (text: string, marker: string, skip = 0) => {
    const i = text.indexOf(marker);
    if (i < 0) throw new Error(`no ${marker}`);
    return i + skip;
  };
  return cases.map((c) => {
    const text = texts[c.text] ?? c.text;
    const hint = c.hintAt === undefined ? undefined : at(text, c.hintAt, c.hintSkip);
    const start = c.expectedAt === undefined ? undefined : at(text, c.expectedAt, c.expectedSkip);
    return {
      name: c.name, text, quote: texts[c.quote] ?? c.quote,
      ...(c.prefix === undefined ? {} : { prefix: c.prefix }),
      ...(c.suffix === undefined ? {} : { suffix: c.suffix }),
      ...(hint === undefined ? {} : { hint }),
      expected: c.none || start === undefined ? null : { start, end: start + (c.expectedLength ?? c.quote.length) },
    };
  });
}

/** Hypothesis's score orderings: values listed from most to least similar must score in that order. */
export function matchQuoteOrderings(): { name: string; text: string; queries: { quote: string; prefix?: string; suffix?: string }[] }[] {
  const { texts, orderings } = matchQuoteData();
  return orderings.map((o) => ({
    name: o.name,
    text: texts[o.text]!,
    queries: o.values.map((v) => (o.vary === 'quote' ? { quote: v } : { quote: o.quote!, [o.vary]: v })),
  }));
}
