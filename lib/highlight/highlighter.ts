// Paints reference matches on the page, choosing the strategy once: CSS Custom Highlights (the page's DOM is
// untouched) where the browser has them, else wrapping in <backstory-mark>. Both answer "which highlight is
// under the pointer" and keep a document-order list for keyboard navigation (lib/highlight/items.ts).
import { supportsCustomHighlights } from './registry';
import { CssHighlighter, type CssHighlighterOptions } from './css-highlighter';
import { WrapHighlighter } from './wrap-highlighter';
import type { Highlighter } from './items';

export { firstOverlapping, isStale, type Highlighter, type HighlightItem } from './items';

export interface HighlighterOptions extends CssHighlighterOptions {
  /** Use the wrapping fallback even where CSS highlights exist (tests, diagnostics). */
  forceWrap?: boolean;
  /** Runs DOM-changing work (wrap mode only); the page passes its watcher's "ignore our own mutations". */
  mutate?: (change: () => void) => void;
}

/** The mode a highlighter would use in `win`. */
export function highlightMode(win: Window, forceWrap = false): 'css' | 'wrap' {
  return !forceWrap && supportsCustomHighlights(win) ? 'css' : 'wrap';
}

export function createHighlighter(doc: Document, options: HighlighterOptions = {}): Highlighter {
  return highlightMode(doc.defaultView!, options.forceWrap) === 'css' ? new CssHighlighter(doc, options) : new WrapHighlighter(doc, options.mutate);
}
