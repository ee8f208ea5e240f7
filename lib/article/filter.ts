// What is never article text, whatever the extractor said: code, form controls, editable regions, hidden
// elements and elements whose content is not rendered text. (Not FORM: ASP.NET sites wrap the whole page in
// one form; Readability already drops forms inside the article that look like forms.)
//
// The one place for these rules: the article detector, living pages (text added later) and note anchoring
// (text a reader can select outside the article) all read them from here.

import { inheritedVerdict } from './ancestors';

/**
 * Elements whose text nodes are not text a reader sees and can select on the page: the content of scripts,
 * styles, templates and the like is never rendered, and a <textarea>'s text is its field's initial value.
 */
export const NOT_PAGE_TEXT_TAGS: ReadonlySet<string> = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'TEXTAREA', 'HEAD', 'TITLE']);

/** Elements whose text is never article text: the above, form controls, code, graphics and embedded documents. */
export const NEVER_ARTICLE_TAGS: ReadonlySet<string> = new Set([
  ...NOT_PAGE_TEXT_TAGS,
  'INPUT', 'SELECT', 'OPTION', 'BUTTON', 'CODE', 'PRE', 'SVG', 'MATH', 'IFRAME', 'OBJECT',
]);

/**
 * Page furniture that can sit inside the story's element: landmarks and boxes that frame the story. Text the
 * page adds there later is not article text (the detector's own pruning of the first render reads the same
 * roles more finely, by size: lib/article/prune.ts).
 */
export const FURNITURE_SELECTOR = [
  'nav', 'aside', 'footer', 'form', 'figcaption',
  '[role="navigation"]', '[role="complementary"]', '[role="contentinfo"]', '[role="banner"]', '[role="dialog"]', '[role="alert"]',
].join(',');

/** Whether a text node is text a reader sees on the page (not a script's, a style's, a template's...). */
export function isPageText(node: Text): boolean {
  const parent = node.parentElement;
  return !!parent && !NOT_PAGE_TEXT_TAGS.has(parent.tagName.toUpperCase());
}

const SHOW_TEXT = 4;

// Inline styles that hide an element. Read from the attribute: `el.style` would build a style object per
// element, and computed styles would force a style recalculation on the reader's page.
const HIDDEN_STYLE = /(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden)/i;

function excludesItself(el: Element): boolean {
  if (NEVER_ARTICLE_TAGS.has(el.tagName.toUpperCase())) return true;
  // Editable regions are the user's input, not the article; `contenteditable=false` is not editable.
  const editable = el.getAttribute('contenteditable');
  if (editable !== null && editable !== 'false') return true;
  // Hidden text is not read: the hidden attribute, aria-hidden (as Readability treats it), inline styles.
  if (el.hasAttribute('hidden') || el.getAttribute('aria-hidden') === 'true') return true;
  const style = el.getAttribute('style');
  return style !== null && HIDDEN_STYLE.test(style);
}

/** Whether the element or an ancestor is never article text. Pass one cache per detection run (the page may change between runs). */
export function isExcludedElement(el: Element | null, cache: Map<Element, boolean>): boolean {
  return el ? inheritedVerdict(el, excludesItself, cache) : false;
}

/** True when a text node must never be treated as article text. */
export function isExcludedText(node: Text, cache: Map<Element, boolean> = new Map()): boolean {
  if (!/\S/.test(node.data)) return true;
  return isExcludedElement(node.parentElement, cache);
}

/**
 * Live text nodes in document order: those in `keep` (or every one when `keep` is null), minus the
 * excluded ones. Walking the live document once gives document order without sorting by
 * compareDocumentPosition.
 */
export function collectLive(doc: Document, keep: ReadonlySet<Text> | null): Text[] {
  const root = doc.body ?? doc.documentElement;
  if (!root) return [];
  const out: Text[] = [];
  const cache = new Map<Element, boolean>();
  const walker = doc.createTreeWalker(root, SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const text = n as Text;
    if (keep && !keep.has(text)) continue;
    if (!isExcludedText(text, cache)) out.push(text);
  }
  return out;
}

/** Merges lists of text nodes, each in document order, into one list in document order without repeats. */
export function mergeInOrder(...lists: readonly (readonly Text[])[]): Text[] {
  let merged: Text[] = [];
  for (const list of lists) {
    if (!list.length) continue;
    const out: Text[] = [];
    let i = 0;
    let j = 0;
    while (i < merged.length || j < list.length) {
      const a = merged[i];
      const b = list[j];
      if (a && (!b || a === b || a.compareDocumentPosition(b) & 4 /* b FOLLOWS a */)) {
        out.push(a);
        i++;
        if (a === b) j++;
      } else if (b) {
        out.push(b);
        j++;
      }
    }
    merged = out;
  }
  return merged;
}
