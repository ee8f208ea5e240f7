// A note's text as Backstory shows it: web addresses written in it become links (http and https only, by the
// one safe-link rule in lib/url.ts), and the words of a search are marked, ignoring case and accents as the
// search itself does. Pure: the result is plain data the UI renders as text and elements, never as HTML.
import { foldForSearch } from './fold';
import { webHref } from '../url';

export interface TextPart {
  text: string;
  /** Part of a searched word. */
  mark: boolean;
}

/** A run of text, a link when `href` is set; its parts say which characters a search matched. */
export interface TextSegment {
  href?: string;
  parts: TextPart[];
}

// An address starts at a word boundary with its scheme and runs to the next space or angle bracket.
const ADDRESS = /\bhttps?:\/\/[^\s<>"]+/giu;
// Punctuation that closes the sentence around an address rather than belonging to it.
const TRAILING = /[.,;:!?'’”)\]}*_]+$/u;

/** Where the web addresses in `text` are: [start, end, href], in order. */
export function findLinks(text: string): [number, number, string][] {
  const out: [number, number, string][] = [];
  for (const m of text.matchAll(ADDRESS)) {
    let candidate = m[0];
    let trail = TRAILING.exec(candidate)?.[0] ?? '';
    // "(see https://en.wikipedia.org/wiki/Homs_(city))": a closing bracket that balances one inside stays.
    while (trail.startsWith(')') && count(candidate, '(') > count(candidate.slice(0, candidate.length - trail.length), ')')) {
      trail = trail.slice(1);
      const rest = TRAILING.exec(candidate.slice(0, candidate.length - trail.length));
      if (!rest || rest[0].startsWith(')')) break;
    }
    candidate = candidate.slice(0, candidate.length - trail.length);
    const href = webHref(candidate);
    // Only an address with a host is a link ("http://" alone is text).
    if (!href || !/^https?:\/\/[^/?#]+/i.test(candidate)) continue;
    out.push([m.index, m.index + candidate.length, href]);
  }
  return out;
}

const count = (s: string, ch: string) => s.split(ch).length - 1;

interface FoldedPlaces {
  folded: string;
  /** For each character of `folded`, where the character it came from starts and ends in the text. */
  from: Int32Array;
  to: Int32Array;
}

/**
 * The folds of the texts marked most recently, kept because the same notes' texts are marked again at every key typed
 * in a search. Bounded by the characters held (each text and its fold), not by the number of texts: one fold carries
 * two positions per character, so a few hundred long notes would otherwise hold hundreds of megabytes for the page's
 * life. A text longer than `longest` is folded afresh each time, since it alone would take much of the budget.
 */
export class FoldsKept {
  private readonly kept = new Map<string, FoldedPlaces>();
  private held = 0;

  constructor(
    readonly budget: number,
    readonly longest: number,
  ) {}

  /** Characters held now: the kept texts and their folds. */
  get chars(): number {
    return this.held;
  }

  get size(): number {
    return this.kept.size;
  }

  /** `text` folded one code point at a time, with where each folded character came from. */
  places(text: string): FoldedPlaces {
    const kept = this.kept.get(text);
    if (kept) {
      // Least recently used goes first: a hit moves to the end of the map's order.
      this.kept.delete(text);
      this.kept.set(text, kept);
      return kept;
    }
    const made = foldWithPlaces(text);
    const cost = text.length + made.folded.length;
    if (text.length > this.longest || cost > this.budget) return made;
    this.kept.set(text, made);
    this.held += cost;
    for (const [old, places] of this.kept) {
      if (this.held <= this.budget) break;
      this.kept.delete(old);
      this.held -= old.length + places.folded.length;
    }
    return made;
  }
}

// A few screens of notes of ordinary length; at most about 10 MB (two bytes a character for the strings, eight for the
// positions of each folded character).
export const foldsKept = new FoldsKept(1_000_000, 20_000);

function foldWithPlaces(text: string): FoldedPlaces {
  let folded = '';
  // A fold can be longer than its text (ß → ss), so the positions grow when needed.
  let from = new Int32Array(text.length + 8);
  let to = new Int32Array(text.length + 8);
  let n = 0;
  let at = 0;
  for (const ch of text) {
    const f = ch.charCodeAt(0) < 0x80 ? ch.toLowerCase() : foldForSearch(ch);
    if (n + f.length > from.length) {
      const grown = Math.max(from.length * 2, n + f.length);
      const moreFrom = new Int32Array(grown);
      const moreTo = new Int32Array(grown);
      moreFrom.set(from);
      moreTo.set(to);
      from = moreFrom;
      to = moreTo;
    }
    for (let i = 0; i < f.length; i++, n++) {
      from[n] = at;
      to[n] = at + ch.length;
    }
    folded += f;
    at += ch.length;
  }
  // Exact sizes, so what is kept is what the budget counts.
  return { folded, from: from.slice(0, n), to: to.slice(0, n) };
}

/**
 * Where the (already folded) `words` occur in `text`, compared as the search compares (lib/notes/fold.ts), as
 * merged, ordered [start, end) ranges of `text`.
 */
export function findWords(text: string, words: readonly string[]): [number, number][] {
  const wanted = words.filter(Boolean);
  if (wanted.length === 0 || !text) return [];
  const ranges: [number, number][] = [];
  if (!/[^\x00-\x7f]/.test(text)) {
    // ASCII folds to its lower case, one character for one: positions in the folded text are the text's own.
    const lower = text.toLowerCase();
    for (const word of wanted) {
      for (let i = lower.indexOf(word); i >= 0; i = lower.indexOf(word, i + 1)) ranges.push([i, i + word.length]);
    }
    return merge(ranges);
  }
  const { folded, from, to } = foldsKept.places(text);
  for (const word of wanted) {
    for (let i = folded.indexOf(word); i >= 0; i = folded.indexOf(word, i + 1)) ranges.push([from[i]!, to[i + word.length - 1]!]);
  }
  return merge(ranges);
}

/** Ranges sorted, those that overlap or touch made one. */
function merge(ranges: [number, number][]): [number, number][] {
  ranges.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const merged: [number, number][] = [];
  for (const r of ranges) {
    const last = merged.at(-1);
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else merged.push([r[0], r[1]]);
  }
  return merged;
}

/** `text` split at `marks`' boundaries between `start` and `end`. */
function partsOf(text: string, start: number, end: number, marks: readonly [number, number][]): TextPart[] {
  const parts: TextPart[] = [];
  let at = start;
  for (const [ms, me] of marks) {
    if (me <= at || ms >= end) continue;
    const s = Math.max(ms, at);
    const e = Math.min(me, end);
    if (s > at) parts.push({ text: text.slice(at, s), mark: false });
    parts.push({ text: text.slice(s, e), mark: true });
    at = e;
  }
  if (at < end) parts.push({ text: text.slice(at, end), mark: false });
  return parts;
}

/** `text` as links and plain runs, with the searched `words` (folded) marked in both. */
export function richText(text: string, words: readonly string[] = []): TextSegment[] {
  const marks = findWords(text, words);
  const segments: TextSegment[] = [];
  let at = 0;
  for (const [start, end, href] of findLinks(text)) {
    if (start > at) segments.push({ parts: partsOf(text, at, start, marks) });
    segments.push({ href, parts: partsOf(text, start, end, marks) });
    at = end;
  }
  if (at < text.length || segments.length === 0) segments.push({ parts: partsOf(text, at, text.length, marks) });
  return segments;
}

/**
 * Where to cut a long text for its folded view: after `lines` lines or about `chars` characters, at a word; null
 * when the whole text is short enough to show.
 */
export function foldPoint(text: string, chars = 280, lines = 4): number | null {
  let cut = text.length;
  let at = -1;
  for (let line = 0; line < lines; line++) {
    at = text.indexOf('\n', at + 1);
    if (at < 0) break;
    if (line === lines - 1) cut = at;
  }
  if (cut > chars) cut = chars;
  // Only fold what saves a reader real scrolling: a few words more are shown rather than hidden.
  if (text.length - cut < 40 && cut === chars) return null;
  if (cut >= text.length) return null;
  const space = text.lastIndexOf(' ', cut);
  return space > cut * 0.7 ? space : cut;
}

/** The segments up to character `cut` of the text they were made from (a link cut short keeps its address). */
export function clipSegments(segments: readonly TextSegment[], cut: number): TextSegment[] {
  const out: TextSegment[] = [];
  let left = cut;
  for (const segment of segments) {
    if (left <= 0) break;
    const parts: TextPart[] = [];
    for (const part of segment.parts) {
      if (left <= 0) break;
      parts.push(part.text.length <= left ? part : { text: part.text.slice(0, left), mark: part.mark });
      left -= part.text.length;
    }
    out.push(segment.href ? { href: segment.href, parts } : { parts });
  }
  return out;
}
