// Painting where the CSS Custom Highlight API is missing: every highlighted run of text wrapped in a
// <backstory-mark> (lib/highlight/wrap.ts). Marks change the page's DOM, so every change unwraps everything
// and wraps the new set again, exactly undoably, through the caller's `mutate` (the living-page watcher ignores
// what runs there).
import { ItemBook, type Highlighter, type HighlightItem } from './items';
import { wrapRanges, MARK_TAG, type Wrapped } from './wrap';

export function createWrapHighlighter(doc: Document, mutate: (change: () => void) => void = (change) => change()): Highlighter {
  const book = new ItemBook(doc);
  // The original (unwrapped) boundaries of each item, so ranges can be rebuilt after an undo.
  const bounds = new WeakMap<HighlightItem, [Node, number, Node, number]>();
  let wrapped: Wrapped | null = null;
  let focused: HighlightItem | null = null;

  function unwrapAll() {
    if (!wrapped) return;
    const w = wrapped;
    wrapped = null;
    mutate(() => w.undo());
    for (const item of book.all()) {
      const b = bounds.get(item)!;
      const r = doc.createRange();
      try {
        r.setStart(b[0], b[1]);
        r.setEnd(b[2], b[3]);
      } catch {
        // The page changed that text meanwhile; the controller drops the item as stale on the page's next change.
      }
      item.range = r;
    }
  }

  function wrapAll() {
    const list = book.all();
    let result: Wrapped | null = null;
    mutate(() => {
      result = wrapRanges(doc, list.map((item) => ({ range: item.range, category: item.match.category })));
    });
    wrapped = result;
    const ranges = (result as Wrapped | null)?.ranges ?? [];
    list.forEach((item, i) => {
      const r = ranges[i];
      if (r) item.range = r;
    });
    book.reindex();
    if (focused) drawFocus(focused);
  }

  function drawFocus(item: HighlightItem | null) {
    for (const mark of Array.from(doc.querySelectorAll<HTMLElement>(`${MARK_TAG}[data-focus]`))) {
      mark.removeAttribute('data-focus');
      mark.style.outline = '';
    }
    if (!item) return;
    for (const n of [item.range.startContainer, item.range.endContainer]) {
      const mark = n.parentElement?.closest<HTMLElement>(MARK_TAG);
      if (mark) {
        mark.setAttribute('data-focus', '');
        mark.style.outline = '2px solid currentColor';
      }
    }
  }

  return {
    mode: 'wrap',
    add(items) {
      if (items.length === 0) return;
      unwrapAll();
      for (const item of items) {
        book.add(item);
        const r = item.range;
        bounds.set(item, [r.startContainer, r.startOffset, r.endContainer, r.endOffset]);
      }
      wrapAll();
    },
    remove(gone) {
      const list = [...gone].filter((item) => book.has(item));
      if (list.length === 0) return;
      if (focused && list.includes(focused)) focused = null;
      unwrapAll();
      for (const item of list) book.delete(item);
      wrapAll();
    },
    items: () => book.sorted(),
    get size() {
      return book.size;
    },
    countByCategory: () => book.countByCategory(),
    itemAt: (x, y) => book.itemAt(x, y),
    setFocus(item) {
      focused = item;
      drawFocus(item); // attributes only: no text or child changes for the living-page watcher to see
    },
    destroy() {
      focused = null;
      unwrapAll();
      book.clear();
    },
  };
}
