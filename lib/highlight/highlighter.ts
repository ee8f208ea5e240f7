// Paints reference matches on the page: one named CSS highlight per category (the page's DOM is untouched),
// or <backstory-mark> wrapping where the Custom Highlight API is missing. Also answers "which highlight is
// under the pointer" and keeps a document-order list for keyboard navigation.
import type { MatchCategory, TextMatch } from '../match/types';
import { MATCH_CATEGORIES } from '../match/types';
import { createNamedHighlight, RangeIndex, supportsCustomHighlights, type NamedHighlight } from './registry';
import { CATEGORY_STYLES, FOCUS_HIGHLIGHT, installHighlightStyles } from './styles';
import { wrapRanges, type Wrapped } from './wrap';

export interface HighlightItem {
  match: TextMatch;
  /** The painted text. In wrap mode it is re-created whenever the marks change. */
  range: Range;
  /**
   * The text nodes it was found in. A live Range whose text the page removes does not become "disconnected":
   * it collapses onto the removed node's parent, so staleness is judged from these nodes.
   */
  nodes: readonly Text[];
}

/** Whether the page removed or emptied the text an item highlights. */
export function isStale(item: HighlightItem): boolean {
  return item.range.collapsed || item.nodes.some((n) => !n.isConnected);
}

export interface Highlighter {
  readonly mode: 'css' | 'wrap';
  add(items: HighlightItem[]): void;
  remove(items: Iterable<HighlightItem>): void;
  /** Every painted item, in document order. */
  items(): readonly HighlightItem[];
  readonly size: number;
  countByCategory(): Record<MatchCategory, number>;
  /** The innermost highlight drawn under viewport point (x, y). */
  itemAt(x: number, y: number): HighlightItem | undefined;
  /** Marks one item as the keyboard focus (drawn stronger), or none. */
  setFocus(item: HighlightItem | null): void;
  /** Removes every highlight, the styles and (in wrap mode) every mark; the page is as it was. */
  destroy(): void;
}

export interface HighlighterOptions {
  /** Use the wrapping fallback even where CSS highlights exist (tests, diagnostics). */
  forceWrap?: boolean;
  /** Runs DOM-changing work (wrap mode only); the page controller passes its observer's "ignore our own mutations". */
  mutate?: (change: () => void) => void;
}

export function createHighlighter(doc: Document, options: HighlighterOptions = {}): Highlighter {
  const win = doc.defaultView!;
  const mode: 'css' | 'wrap' = !options.forceWrap && supportsCustomHighlights(win) ? 'css' : 'wrap';
  const mutate = options.mutate ?? ((change) => change());
  const items = new Set<HighlightItem>();
  const index = new RangeIndex<HighlightItem>();
  let ordered: HighlightItem[] | null = [];
  let uninstallStyles: (() => void) | null = null;

  const named = new Map<MatchCategory, NamedHighlight>();
  let focus: NamedHighlight | null = null;
  if (mode === 'css') {
    for (const category of MATCH_CATEGORIES) {
      const style = CATEGORY_STYLES[category];
      named.set(category, createNamedHighlight(win, style.name, style.priority)!);
    }
    focus = createNamedHighlight(win, FOCUS_HIGHLIGHT, 10);
    uninstallStyles = installHighlightStyles(doc);
  }

  // Wrap mode: the original (unwrapped) boundaries of each item, so ranges can be rebuilt after an undo.
  const bounds = new WeakMap<HighlightItem, [Node, number, Node, number]>();
  let wrapped: Wrapped | null = null;
  let focused: HighlightItem | null = null;

  function unwrapAll() {
    if (!wrapped) return;
    const w = wrapped;
    wrapped = null;
    mutate(() => w.undo());
    for (const item of items) {
      const b = bounds.get(item)!;
      const r = doc.createRange();
      try {
        r.setStart(b[0], b[1]);
        r.setEnd(b[2], b[3]);
      } catch {
        // The page changed that text meanwhile; the controller drops the item as stale (isStale) on the page's next change.
      }
      item.range = r;
    }
  }

  function wrapAll() {
    const list = [...items];
    let result: Wrapped | null = null;
    mutate(() => {
      result = wrapRanges(doc, list.map((item) => ({ range: item.range, category: item.match.category })));
    });
    wrapped = result;
    const ranges = (result as Wrapped | null)?.ranges ?? [];
    index.clear();
    list.forEach((item, i) => {
      const r = ranges[i];
      if (r) item.range = r;
      index.add(item.range, item);
    });
  }

  function sorted(): HighlightItem[] {
    if (!ordered) {
      ordered = [...items].sort((a, b) => {
        try {
          return a.range.compareBoundaryPoints(Range.START_TO_START, b.range);
        } catch {
          return 0; // ranges in different trees (content removed): order does not matter
        }
      });
    }
    return ordered;
  }

  return {
    mode,
    add(newItems) {
      if (newItems.length === 0) return;
      ordered = null;
      if (mode === 'css') {
        for (const item of newItems) {
          items.add(item);
          index.add(item.range, item);
          named.get(item.match.category)!.add(item.range);
        }
        return;
      }
      unwrapAll();
      for (const item of newItems) {
        items.add(item);
        const r = item.range;
        bounds.set(item, [r.startContainer, r.startOffset, r.endContainer, r.endOffset]);
      }
      wrapAll();
    },
    remove(gone) {
      const list = [...gone].filter((item) => items.has(item));
      if (list.length === 0) return;
      ordered = null;
      if (focused && list.includes(focused)) this.setFocus(null);
      if (mode === 'css') {
        for (const item of list) {
          items.delete(item);
          index.delete(item);
          named.get(item.match.category)!.delete(item.range);
        }
        return;
      }
      unwrapAll();
      for (const item of list) {
        items.delete(item);
        index.delete(item);
      }
      wrapAll();
    },
    items: sorted,
    get size() {
      return items.size;
    },
    countByCategory() {
      const counts = Object.fromEntries(MATCH_CATEGORIES.map((c) => [c, 0])) as Record<MatchCategory, number>;
      for (const item of items) counts[item.match.category]++;
      return counts;
    },
    itemAt(x, y) {
      return index.atPoint(doc, x, y)[0];
    },
    setFocus(item) {
      focused = item;
      if (focus) focus.replace(item ? [item.range] : []);
      else if (mode === 'wrap') {
        for (const mark of Array.from(doc.querySelectorAll<HTMLElement>('backstory-mark[data-focus]'))) {
          mark.removeAttribute('data-focus');
          mark.style.outline = '';
        }
        if (item) {
          for (const n of [item.range.startContainer, item.range.endContainer]) {
            const mark = n.parentElement?.closest<HTMLElement>('backstory-mark');
            if (mark) {
              mark.setAttribute('data-focus', '');
              mark.style.outline = '2px solid currentColor';
            }
          }
        }
      }
    },
    destroy() {
      focus?.unregister();
      for (const h of named.values()) h.unregister();
      unwrapAll();
      items.clear();
      index.clear();
      ordered = [];
      uninstallStyles?.();
    },
  };
}
