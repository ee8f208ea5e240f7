// What a highlighter paints and the bookkeeping every painting strategy shares: the items, an index for "which
// item is under the pointer", and the document order keyboard navigation walks.
import type { TextMatch } from '../match/types';
import { RangeIndex } from './registry';

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

/** One way of painting items on a page: CSS Custom Highlights, or wrapping where those are missing. */
export interface Highlighter {
  readonly mode: 'css' | 'wrap';
  add(items: HighlightItem[]): void;
  remove(items: Iterable<HighlightItem>): void;
  /** Every painted item, in document order. */
  items(): readonly HighlightItem[];
  readonly size: number;
  /** The innermost highlight drawn under viewport point (x, y). */
  itemAt(x: number, y: number): HighlightItem | undefined;
  /** Marks one item as the keyboard focus (drawn stronger), or none. */
  setFocus(item: HighlightItem | null): void;
  /** Removes every highlight, the styles and (in wrap mode) every mark; the page is as it was. */
  destroy(): void;
}

/** The painted items, indexed by the text nodes they cover and sorted into document order on demand. */
class ItemBook {
  private readonly set = new Set<HighlightItem>();
  private readonly index = new RangeIndex<HighlightItem>();
  private ordered: HighlightItem[] | null = [];

  constructor(private readonly doc: Document) {}

  get size(): number {
    return this.set.size;
  }

  has(item: HighlightItem): boolean {
    return this.set.has(item);
  }

  add(item: HighlightItem): void {
    this.set.add(item);
    this.index.add(item.range, item);
    // Kept in order as items come (a full run and a live blog add them in document order, after the last): a
    // report per batch must not sort tens of thousands of items again.
    if (this.ordered) insertInOrder(this.ordered, item);
  }

  delete(item: HighlightItem): void {
    this.set.delete(item);
    this.index.delete(item);
    this.ordered = null;
  }

  /** Re-indexes every item (their ranges were re-created). */
  reindex(): void {
    this.index.clear();
    for (const item of this.set) this.index.add(item.range, item);
    this.ordered = null;
  }

  clear(): void {
    this.set.clear();
    this.index.clear();
    this.ordered = [];
  }

  /** In insertion order (cheap); `sorted()` for document order. */
  all(): HighlightItem[] {
    return [...this.set];
  }

  sorted(): readonly HighlightItem[] {
    this.ordered ??= [...this.set].sort(byStart);
    return this.ordered;
  }

  itemAt(x: number, y: number): HighlightItem | undefined {
    return this.index.atPoint(this.doc, x, y)[0];
  }
}

function byStart(a: HighlightItem, b: HighlightItem): number {
  try {
    return a.range.compareBoundaryPoints(Range.START_TO_START, b.range);
  } catch {
    return 0; // ranges in different trees (content removed): order does not matter
  }
}

/** Puts `item` into `list` (document order): at the end when it comes after the last, else where it belongs. */
function insertInOrder(list: HighlightItem[], item: HighlightItem): void {
  const last = list[list.length - 1];
  if (!last || byStart(last, item) <= 0) {
    list.push(item);
    return;
  }
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (byStart(list[mid]!, item) <= 0) lo = mid + 1;
    else hi = mid;
  }
  list.splice(lo, 0, item);
}

/** What every strategy answers the same way, from its book of painted items. */
export abstract class BookedHighlighter implements Highlighter {
  abstract readonly mode: 'css' | 'wrap';
  protected readonly book: ItemBook;

  constructor(protected readonly doc: Document) {
    this.book = new ItemBook(doc);
  }

  abstract add(items: HighlightItem[]): void;
  abstract remove(items: Iterable<HighlightItem>): void;
  abstract setFocus(item: HighlightItem | null): void;
  abstract destroy(): void;

  items(): readonly HighlightItem[] {
    return this.book.sorted();
  }

  get size(): number {
    return this.book.size;
  }

  itemAt(x: number, y: number): HighlightItem | undefined {
    return this.book.itemAt(x, y);
  }
}

/** The first item (in the given order) whose text `range` overlaps by at least one character; touching is not overlapping. */
export function firstOverlapping(items: readonly HighlightItem[], range: Range): HighlightItem | null {
  for (const item of items) {
    if (isStale(item)) continue;
    try {
      // Overlap: the item ends after the range starts (START_TO_END compares the item's end with the range's
      // start) and starts before the range ends (END_TO_START: its start with the range's end).
      if (item.range.compareBoundaryPoints(Range.START_TO_END, range) <= 0) continue;
      if (item.range.compareBoundaryPoints(Range.END_TO_START, range) >= 0) continue;
    } catch {
      continue; // a range in another document or shadow root overlaps nothing here
    }
    return item;
  }
  return null;
}
