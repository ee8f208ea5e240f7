// Shared by the page tests: a detector that takes the <article> element's text (so tests pin what the article
// is, whatever lib/article would decide), and a wait on a condition instead of a fixed sleep.
import type { ArticleResult } from '@/lib/article';

/** Every text node under the page's <article> (the body when there is none), as a detection result. */
export function articleElement(doc: Document): ArticleResult {
  const nodes: Text[] = [];
  const w = doc.createTreeWalker(doc.querySelector('article') ?? doc.body, NodeFilter.SHOW_TEXT);
  for (let n = w.nextNode(); n; n = w.nextNode()) nodes.push(n as Text);
  return { nodes, method: 'test', title: null, headline: [], standfirst: [] };
}

/** A new element holding `text`, for pages that grow. */
export function element(tag: string, text: string): HTMLElement {
  const el = document.createElement(tag);
  el.textContent = text;
  return el;
}
