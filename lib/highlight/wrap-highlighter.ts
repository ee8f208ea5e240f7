// Painting where the CSS Custom Highlight API is missing: every highlighted run of text wrapped in a
// <backstory-mark> (lib/highlight/wrap.ts). Marks change the page's DOM, so every change unwraps everything
// and wraps the new set again, exactly undoably, through the caller's `mutate` (the living-page watcher ignores
// what runs there).
import { BookedHighlighter, type HighlightItem } from './items';
import { wrapRanges, MARK_TAG, type Wrapped } from './wrap';

export class WrapHighlighter extends BookedHighlighter {
  readonly mode = 'wrap';
  // The original (unwrapped) boundaries of each item, so ranges can be rebuilt after an undo.
  private readonly bounds = new WeakMap<HighlightItem, [Node, number, Node, number]>();
  private wrapped: Wrapped | null = null;
  private focused: HighlightItem | null = null;

  constructor(doc: Document, private readonly mutate: (change: () => void) => void = (change) => change()) {
    super(doc);
  }

  add(items: HighlightItem[]): void {
    if (items.length === 0) return;
    this.unwrapAll();
    for (const item of items) {
      this.book.add(item);
      const r = item.range;
      this.bounds.set(item, [r.startContainer, r.startOffset, r.endContainer, r.endOffset]);
    }
    this.wrapAll();
  }

  remove(gone: Iterable<HighlightItem>): void {
    const list = [...gone].filter((item) => this.book.has(item));
    if (list.length === 0) return;
    if (this.focused && list.includes(this.focused)) this.focused = null;
    this.unwrapAll();
    for (const item of list) this.book.delete(item);
    this.wrapAll();
  }

  setFocus(item: HighlightItem | null): void {
    this.focused = item;
    this.drawFocus(item); // attributes only: no text or child changes for the living-page watcher to see
  }

  destroy(): void {
    this.focused = null;
    this.unwrapAll();
    this.book.clear();
  }

  private unwrapAll() {
    if (!this.wrapped) return;
    const w = this.wrapped;
    this.wrapped = null;
    this.mutate(() => w.undo());
    for (const item of this.book.all()) {
      const b = this.bounds.get(item)!;
      const r = this.doc.createRange();
      try {
        r.setStart(b[0], b[1]);
        r.setEnd(b[2], b[3]);
      } catch {
        // The page changed that text meanwhile; the controller drops the item as stale on the page's next change.
      }
      item.range = r;
    }
  }

  private wrapAll() {
    const list = this.book.all();
    let result: Wrapped | null = null;
    this.mutate(() => {
      result = wrapRanges(this.doc, list.map((item) => ({ range: item.range, category: item.match.category })));
    });
    this.wrapped = result;
    const ranges = (result as Wrapped | null)?.ranges ?? [];
    list.forEach((item, i) => {
      const r = ranges[i];
      if (r) item.range = r;
    });
    this.book.reindex();
    if (this.focused) this.drawFocus(this.focused);
  }

  private drawFocus(item: HighlightItem | null) {
    for (const mark of Array.from(this.doc.querySelectorAll<HTMLElement>(`${MARK_TAG}[data-focus]`))) {
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
}
