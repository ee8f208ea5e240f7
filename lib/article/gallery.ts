// Galleries of briefs: the site's other stories, each a title linking to its page and a line or two of
// summary, repeated down a column ("More news", "You may also like", a river of fifty briefs under the
// story). Their prose reads like a story's, and together they can outweigh it, so extractors that score
// paragraphs take them for the article or glue them to its end. They are recognised by structure alone:
// - a *title* is a link that is the whole of its block (a heading or a line that is all link), or a link
//   that wraps whole blocks (a card), pointing to another page of the same site;
// - a *gallery* is an element whose children fall into three or more segments, each opening with a title
//   to a different page, built alike (the same sequence of elements: a story whose paragraphs are broken
//   by the odd "read more" line is not), each brief (a story section or a long item is not a brief), most with a
//   summary besides the title (a list of bare titles is a menu or a link list, which link density
//   already tells from prose).
// A story's own links sit inside its sentences, so they are never titles; a list of external links (a
// shopping roundup, sources) is not the site's own stories.
import { blockOf, isInline } from './text';
import { tokenize } from './metric';
import { inheritedVerdict } from './ancestors';
import { MIN_STORY_CHARS } from './size';
import { runToEnd, type Steps } from './steps';

const MIN_SEGMENTS = 3;
// Words of one brief: a title and a summary of a sentence or three. A typical brief has a few dozen.
const MEDIAN_BRIEF_WORDS = 100;
const MAX_BRIEF_WORDS = 250;
const MAX_BRIEF_CHARS = MAX_BRIEF_WORDS * 12;
// Words beside the title that make a summary: a sentence, not a time stamp or a label.
const SUMMARY_WORDS = 8;

const BLOCK_INSIDE_LINK = 'p, div, h1, h2, h3, h4, h5, h6, li, figure, section, article';

function squash(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** "news.example.co.uk" → "example.co.uk": the registrable part, near enough for same-site tests. */
function siteOf(host: string): string {
  const labels = host.toLowerCase().replace(/\.$/, '').split('.');
  if (labels.length <= 2) return labels.join('.');
  const [secondLast, last] = labels.slice(-2) as [string, string];
  // Country domains with a second level (co.uk, com.br, ne.jp): keep three labels.
  const keep = last.length === 2 && secondLast.length <= 3 ? 3 : 2;
  return labels.slice(-keep).join('.');
}

/** The page a link leads to, when it is another page of the same site; null otherwise. */
function sameSiteTarget(a: Element, page: URL | null): string | null {
  const raw = a.getAttribute('href')?.trim();
  if (!raw || raw.startsWith('#') || /^(javascript|mailto|tel|data):/i.test(raw)) return null;
  let url: URL;
  try {
    url = new URL(raw, page ?? undefined);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  if (page && (page.protocol === 'http:' || page.protocol === 'https:')) {
    if (siteOf(url.hostname) !== siteOf(page.hostname)) return null;
    if (url.hostname === page.hostname && url.pathname === page.pathname && url.search === page.search) return null;
  }
  return `${url.hostname}${url.pathname}${url.search}`;
}

function pageUrl(doc: Document): URL | null {
  try {
    return new URL(doc.URL);
  } catch {
    return null;
  }
}

interface Title {
  /** The block the title is (a heading, a line of its own, or the card link itself). */
  block: Element;
  target: string;
}

/** Links read between two places to pause: a long page has thousands. */
const LINKS_A_STEP = 200;

/** Links under `root` that are titles of other pages of the site. */
function* findTitles(root: Element, page: URL | null): Steps<Title[]> {
  const titles: Title[] = [];
  let read = 0;
  for (const a of Array.from(root.querySelectorAll('a[href]'))) {
    if (++read % LINKS_A_STEP === 0) yield;
    const linkChars = squash(a.textContent ?? '').length;
    if (!linkChars) continue; // an image link: the title is elsewhere in the card
    const target = sameSiteTarget(a, page);
    if (!target) continue;
    if (a.firstElementChild && a.querySelector(BLOCK_INSIDE_LINK)) {
      titles.push({ block: a, target });
      continue;
    }
    // The link is its line: allow a little around it (a time stamp, a label) but no sentence.
    const block = blockOf(a);
    if (block && textBesideOnLine(a, 0.25 * linkChars) <= 0.25 * linkChars) titles.push({ block, target });
  }
  return titles;
}

/**
 * Characters on the link's line outside it: its siblings, and its inline parents' siblings, up to the
 * nearest block boundary or line break on each side. Stops counting past `limit`.
 */
function textBesideOnLine(link: Element, limit: number): number {
  let chars = 0;
  for (let e: Element | null = link; e; e = e.parentElement) {
    for (const step of ['previousSibling', 'nextSibling'] as const) {
      for (let sib = e[step]; sib; sib = sib[step]) {
        if (sib.nodeType === 1) {
          const el = sib as Element;
          if (!isInline(el) || el.tagName.toUpperCase() === 'BR') break;
          chars += squash(el.textContent ?? '').length;
        } else if (sib.nodeType === 3) {
          chars += squash(sib.nodeValue ?? '').length;
        }
        if (chars > limit) return chars;
      }
    }
    const parent: Element | null = e.parentElement;
    if (!parent || !isInline(parent)) break;
  }
  return chars;
}

/** Words of the text under `el`, or Infinity past `maxChars` characters (without reading the rest). */
function boundedWords(el: Element, maxChars: number): number {
  const walker = el.ownerDocument.createTreeWalker(el, 4 /* SHOW_TEXT */);
  let text = '';
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    text += `${n.nodeValue ?? ''} `;
    if (text.length > maxChars) return Infinity;
  }
  return tokenize(text).length;
}

/**
 * The elements under `root` that belong to a gallery of briefs (each segment's elements, not the gallery's
 * own heading). Empty for most story pages.
 */
export function findGalleries(root: Element): Set<Element> {
  return runToEnd(findGalleriesSteps(root));
}

/** findGalleries in steps (lib/article/steps.ts): the titles a slice of links at a time, then each candidate gallery. */
export function* findGalleriesSteps(root: Element): Steps<Set<Element>> {
  const doc = root.ownerDocument;
  const titles = yield* findTitles(root, pageUrl(doc));
  const parts = new Set<Element>();
  if (titles.length < MIN_SEGMENTS) return parts;

  // Distinct title targets under each element, counted up to two: an element holding titles to two pages
  // is a gallery or more, one holding a single target is (part of) one brief.
  // Words of titles are summed likewise while one target holds, to tell a summary from a bare title.
  const targetsUnder = new Map<Element, string | typeof MANY>();
  const titleWordsUnder = new Map<Element, number>();
  for (const { block, target } of titles) {
    const words = tokenize(block.textContent ?? '').length;
    for (let el: Element | null = block; el && el !== root.parentElement; el = el.parentElement) {
      const known = targetsUnder.get(el);
      if (known === MANY) break;
      if (known === undefined) targetsUnder.set(el, target);
      else if (known !== target) targetsUnder.set(el, MANY);
      titleWordsUnder.set(el, (titleWordsUnder.get(el) ?? 0) + words);
    }
  }
  // Each title's brief is the highest element holding no other page's title; its parent is the candidate
  // gallery.
  const galleries = new Set<Element>();
  const titleBlocks = new Set(titles.map((t) => t.block));
  for (const { block } of titles) {
    let unit = block;
    while (unit.parentElement && unit !== root && targetsUnder.get(unit.parentElement) !== MANY) unit = unit.parentElement;
    if (unit !== root && unit.parentElement) galleries.add(unit.parentElement);
  }
  for (const gallery of galleries) {
    yield;
    const segments = segmentsOf(gallery, targetsUnder, titleWordsUnder);
    // A brief is one element holding title and summary (and perhaps a picture box beside it), or a title
    // line followed by its summary. A box holding only a title, with paragraphs after it, is a "read
    // more" link dropped into a story.
    const wellFormed = segments.filter((s) => titleBlocks.has(s.elements[0]!) || s.words - s.firstWords <= 3);
    if (segments.length < MIN_SEGMENTS) continue;
    if (new Set(segments.map((s) => s.target)).size < MIN_SEGMENTS) continue;
    if (wellFormed.length < 0.75 * segments.length || !builtAlike(segments)) continue;
    const words = segments.map((s) => s.words).sort((a, b) => a - b);
    if (words[words.length - 1]! > MAX_BRIEF_WORDS) continue;
    if (words[Math.floor(words.length / 2)]! > MEDIAN_BRIEF_WORDS) continue;
    if (segments.filter((s) => s.words - s.titleWords >= SUMMARY_WORDS).length * 2 < segments.length) continue;
    for (const s of segments) for (const el of s.elements) parts.add(el);
  }
  return parts;
}

const MANY = Symbol('many');



/** Three in four segments have the same sequence of element names. */
function builtAlike(segments: readonly Segment[]): boolean {
  const counts = new Map<string, number>();
  for (const s of segments) {
    const shape = s.elements.map((e) => e.tagName).join(' ');
    counts.set(shape, (counts.get(shape) ?? 0) + 1);
  }
  return Math.max(...counts.values()) >= 0.75 * segments.length;
}

interface Segment {
  elements: Element[];
  target: string;
  words: number;
  /** Words of the segment's titles. */
  titleWords: number;
  /** Words of its first element (the one holding the title). */
  firstWords: number;
}

/**
 * The gallery's children grouped into briefs: each child holding a title opens a brief, and the children
 * after it (a summary paragraph, a time stamp) belong to it until the next title. Children before the
 * first title (the gallery's heading) belong to none.
 */
function segmentsOf(
  gallery: Element,
  targetsUnder: ReadonlyMap<Element, string | typeof MANY>,
  titleWordsUnder: ReadonlyMap<Element, number>,
): Segment[] {
  const segments: Segment[] = [];
  let current: Segment | null = null;
  for (const child of Array.from(gallery.children)) {
    const target = targetsUnder.get(child);
    if (target === MANY) return []; // a child with several pages' titles: a gallery of galleries, judged below
    if (target !== undefined) {
      current = { elements: [], target, words: 0, titleWords: 0, firstWords: 0 };
      segments.push(current);
    }
    if (!current) continue;
    current.elements.push(child);
    // A child longer than a brief can be rules the gallery out: no need to read all of it.
    const words = boundedWords(child, MAX_BRIEF_CHARS);
    if (words > MAX_BRIEF_WORDS) return [];
    current.words += words;
    if (current.elements.length === 1) current.firstWords = words;
    current.titleWords += titleWordsUnder.get(child) ?? 0;
  }
  return segments;
}

const NONE: ReadonlySet<Element> = new Set();

function* findGalleriesSafely(root: Element | null): Steps<ReadonlySet<Element>> {
  try {
    return root ? yield* findGalleriesSteps(root) : NONE;
  } catch {
    return NONE; // a page built to break DOM code: detection goes on without this refinement
  }
}

/**
 * A page's galleries, found when first asked for: most pages settle on the publisher's markup, where only
 * the story's container needs searching, not the whole page.
 */
export class PageGalleries {
  private parts: ReadonlySet<Element> | null = null;
  constructor(private readonly doc: Document) {}

  /** Every gallery part of the page, in steps (lib/article/steps.ts). */
  *all(): Steps<ReadonlySet<Element>> {
    return (this.parts ??= yield* findGalleriesSafely(this.doc.body));
  }

  /** Gallery parts under `root`, in steps: the page's when already found, else a search of `root` alone. */
  *under(root: Element | null): Steps<ReadonlySet<Element>> {
    return this.parts ?? (yield* findGalleriesSafely(root));
  }
}

/** Whether the node (a text node or an element) sits in a gallery of briefs found by `findGalleries`. */
export function inGallery(node: Node, parts: ReadonlySet<Element>, cache: Map<Element, boolean>): boolean {
  const el = node.nodeType === 1 ? (node as Element) : node.parentElement;
  return !!el && parts.size > 0 && inheritedVerdict(el, (e) => parts.has(e), cache);
}


/**
 * `nodes` less those in galleries of briefs, unless the briefs are all there is: with less than a story's
 * worth of text left, the page is a list (an index, a topic page) and its briefs are what it says.
 */
export function withoutGalleries(nodes: readonly Text[], parts: ReadonlySet<Element>): Text[] {
  if (!parts.size) return [...nodes];
  const cache = new Map<Element, boolean>();
  const kept = nodes.filter((n) => !inGallery(n, parts, cache));
  let chars = 0;
  for (const n of kept) chars += n.data.trim().length;
  return chars >= MIN_STORY_CHARS ? kept : [...nodes];
}
