// The headline: extractors drop it from the body (Readability removes the heading that repeats the
// title), but readers want it annotated too. We look for the heading on the live page whose words are
// those of the article's title (from metadata or <title>) and that comes before the body.
import { tokenize } from './metric';
import { isExcludedText } from './filter';
import { blockOf } from './text';

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
 * The headline element: an h1 (or an element marked itemprop=headline) that matches `title` and
 * precedes or contains the start of the article body. With no title known, a lone h1 before the body.
 */
export function findHeadline(doc: Document, title: string | null, firstBody: Node | null): Element | null {
  const candidates = Array.from(doc.querySelectorAll('h1, [itemprop="headline"]'));
  const before = (el: Element) =>
    !firstBody || el.contains(firstBody) || !!(el.compareDocumentPosition(firstBody) & 4 /* FOLLOWING */);
  let best: Element | null = null;
  let bestScore = 0;
  for (const el of candidates) {
    if (!before(el)) continue;
    const text = el.textContent ?? '';
    if (!text.trim() || text.length > 500) continue;
    const score = title ? titleSimilarity(text, title) : 1;
    // Later candidates win ties: the one nearest the body is the article's, an earlier one is a site logo.
    if (score >= SIMILAR && score >= bestScore) {
      best = el;
      bestScore = score;
    }
  }
  if (!title && candidates.filter(before).length !== 1) return null;
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
 * Blocks of the extracted body that repeat the title (a second headline inside the story container,
 * a print headline): they are the headline, not body text.
 */
export function titleRepeats(body: readonly Text[], title: string | null): Set<Text> {
  const repeats = new Set<Text>();
  if (!title) return repeats;
  const titleWords = tokenize(title).length;
  let i = 0;
  while (i < body.length) {
    const block = blockOf(body[i]!);
    let j = i;
    let text = '';
    while (j < body.length && blockOf(body[j]!) === block) text += body[j++]!.data;
    const words = tokenize(text).length;
    if (words > 0 && words <= titleWords + 3 && titleSimilarity(text, title) >= 0.9) {
      for (let k = i; k < j; k++) repeats.add(body[k]!);
    }
    i = j;
  }
  return repeats;
}
