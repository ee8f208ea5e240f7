// The headline: extractors drop it from the body (Readability removes the heading that repeats the
// title), but readers want it annotated too. We look for the heading on the live page whose words are
// those of the article's title (from metadata or <title>) and that comes before the body.
import { tokenize } from './metric';
import { isExcludedText } from './filter';
import { blockOf } from './text';
import { namesRole, STANDFIRST_ROLE } from './prune';

/** Share of b's words (by characters) also found in a: 1 when b says nothing a does not. */
function coverage(a: string, b: string): number {
  const wordsA = new Set(tokenize(a.toLowerCase()));
  const wordsB = tokenize(b.toLowerCase());
  const total = wordsB.join(' ').length;
  if (!total) return 0;
  const unique = wordsB.filter((w) => !wordsA.has(w)).join(' ').length;
  return 1 - unique / total;
}

/** Symmetric similarity: a page <title> often adds " - Site name", so each side must cover the other well. */
export function titleSimilarity(a: string, b: string): number {
  return Math.min(coverage(a, b), coverage(b, a));
}

const SIMILAR = 0.75;

/**
 * Every way the page states its title: Readability's pick, Open Graph and Twitter cards, <title>.
 * Publishers often give social cards a different wording from the on-page headline, so a heading that
 * matches any of them is the headline.
 */
export function titleCandidates(doc: Document, title: string | null): string[] {
  const out = new Set<string>();
  if (title?.trim()) out.add(title.trim());
  for (const sel of ['meta[property="og:title"]', 'meta[name="twitter:title"]', 'meta[property="twitter:title"]']) {
    const content = doc.querySelector(sel)?.getAttribute('content')?.trim();
    if (content) out.add(content);
  }
  const docTitle = doc.title?.trim();
  if (docTitle) out.add(docTitle);
  return [...out];
}

function bestSimilarity(text: string, titles: readonly string[]): number {
  let best = 0;
  for (const t of titles) best = Math.max(best, titleSimilarity(text, t));
  return best;
}

/**
 * The headline element: an h1 (or an element marked itemprop=headline) that matches `title` and
 * precedes or contains the start of the article body. With no title known, a lone h1 before the body.
 */
export function findHeadline(doc: Document, titles: readonly string[], firstBody: Node | null): Element | null {
  const candidates = Array.from(doc.querySelectorAll('h1, [itemprop="headline"]'));
  const before = (el: Element) =>
    !firstBody || el.contains(firstBody) || !!(el.compareDocumentPosition(firstBody) & 4 /* FOLLOWING */);
  let best: Element | null = null;
  let bestScore = 0;
  for (const el of candidates) {
    if (!before(el)) continue;
    const text = el.textContent ?? '';
    if (!text.trim() || text.length > 500) continue;
    const score = titles.length ? bestSimilarity(text, titles) : 1;
    // Later candidates win ties: the one nearest the body is the article's, an earlier one is a site logo.
    if (score >= SIMILAR && score >= bestScore) {
      best = el;
      bestScore = score;
    }
  }
  if (!titles.length && candidates.filter(before).length !== 1) return null;
  return best;
}

export function headlineNodes(doc: Document, el: Element | null): Text[] {
  if (!el) return [];
  const out: Text[] = [];
  const walker = doc.createTreeWalker(el, 4 /* SHOW_TEXT */);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) if (!isExcludedText(n as Text)) out.push(n as Text);
  return out;
}

/**
 * Blocks of the extracted body that are the headline, not body text: an h1 that opens the extracted
 * content (Readability keeps the page's h1 when it differs from the metadata title), and any short
 * block repeating a title (a second, print headline inside the story container).
 */
export function titleRepeats(body: readonly Text[], titles: readonly string[]): Set<Text> {
  const repeats = new Set<Text>();
  const titleWords = Math.max(0, ...titles.map((t) => tokenize(t).length));
  const titleChars = Math.max(0, ...titles.map((t) => t.length));
  let opening = true;
  let i = 0;
  while (i < body.length) {
    const block = blockOf(body[i]!);
    let j = i;
    let length = 0;
    while (j < body.length && blockOf(body[j]!) === block) length += body[j++]!.data.length;
    // Only the opening blocks can be headline blocks: after them, no DOM lookup per block.
    const inH1 = opening && !!block?.closest('h1');
    // Only a block about as long as a title can repeat one: skip joining and tokenizing paragraphs.
    const text = length <= titleChars + 40 ? body.slice(i, j).map((n) => n.data).join('') : '';
    const words = text ? tokenize(text).length : length === 0 ? 0 : Infinity;
    if (inH1 || (words > 0 && words <= titleWords + 3 && bestSimilarity(text, titles) >= 0.9)) {
      for (let k = i; k < j; k++) repeats.add(body[k]!);
    } else if (!inH1) {
      opening = false;
    }
    i = j;
  }
  return repeats;
}

const STANDFIRST_MIN_WORDS = 5;
const STANDFIRST_MAX_WORDS = 90;

function namedStandfirst(el: Element | null, stop: Element | null): boolean {
  for (let e = el, depth = 0; e && e !== stop && depth < 4; e = e.parentElement, depth++) {
    if (namesRole(e, STANDFIRST_ROLE)) return true;
  }
  return false;
}

/**
 * The standfirst (dek): the summary between headline and body, marked by its role in the markup
 * ("standfirst", "dek", "subtitle"...). Either the opening blocks of the extracted body, or, when the
 * extractor left it out, an element just after the headline.
 */
export function findStandfirst(doc: Document, headline: Element | null, body: readonly Text[]): Text[] {
  const opening: Text[] = [];
  let openingWords = 0;
  for (const node of body) {
    if (!namedStandfirst(node.parentElement, null)) break;
    opening.push(node);
    openingWords += tokenize(node.data).length;
  }
  // A dek is a sentence or two. Opening blocks named like one that run longer, or that are all the body
  // there is, sit in a wrapper whose name only sounds like a dek ("text-description" around the whole
  // story): they are the body.
  if (opening.length && opening.length < body.length && openingWords <= STANDFIRST_MAX_WORDS) return opening;
  if (!headline || !body[0]) return [];
  const firstBody = body[0];
  // Elements following the headline, or its parents, up to a few steps: the dek sits right below it.
  for (let anchor: Element | null = headline, up = 0; anchor && up < 3; anchor = anchor.parentElement, up++) {
    let sibling = anchor.nextElementSibling;
    for (let step = 0; sibling && step < 6; sibling = sibling.nextElementSibling, step++) {
      if (sibling.contains(firstBody) || firstBody.compareDocumentPosition(sibling) & 4 /* FOLLOWING */) return [];
      const target = namesRole(sibling, STANDFIRST_ROLE)
        ? sibling
        : sibling.querySelector('[itemprop~="description"]');
      if (!target) continue;
      const words = tokenize(target.textContent ?? '').length;
      if (words < STANDFIRST_MIN_WORDS || words > STANDFIRST_MAX_WORDS) continue;
      return headlineNodes(doc, target);
    }
  }
  return [];
}
