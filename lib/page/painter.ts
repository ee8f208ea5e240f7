// Painting what the pipeline found: DOM ranges become highlight items, painted in time-boxed chunks so a long
// article never holds the main thread, with every item kept (categories turned off included, so turning one
// back on is instant) and items on text the page removed or rewrote taken down.
import type { MatchCategory } from '../match/types';
import { isStale, type Highlighter, type HighlightItem } from '../highlight/highlighter';
import { textNodesIn } from '../highlight/registry';
import type { MatchRange } from '../highlight/ranges';
import { forEachChunk } from './schedule';

export interface PainterOptions {
  /** Milliseconds of painting before giving the main thread back. */
  budgetMs: number;
  /** Whether the reader shows a category now. */
  shown: (category: MatchCategory) => boolean;
  /** Called after anything painted changed. */
  onChange: () => void;
}

/** One run's paints: taken as the pipeline finds them, painted by `finish` at the latest. */
export interface PaintRun {
  add(found: MatchRange[]): Promise<void>;
  finish(): Promise<void>;
}

export interface Painter {
  readonly highlighter: Highlighter;
  /** Paints matches (added text on a living page). */
  paint(found: MatchRange[], cancelled: () => boolean): Promise<void>;
  /** A full run's paints, slice by slice. */
  run(cancelled: () => boolean): PaintRun;
  /** Takes down everything painted and forgets it. */
  clear(): void;
  /** Takes down items on text the page removed or rewrote; returns them. */
  dropStale(edited: ReadonlySet<Text>): HighlightItem[];
  /** Shows and hides items after the shown categories changed from `before`; returns those hidden. */
  recategorize(before: (category: MatchCategory) => boolean): HighlightItem[];
}

export function createPainter(highlighter: Highlighter, options: PainterOptions): Painter {
  const { shown } = options;
  const known = new Set<HighlightItem>();
  // Wrapping re-wraps everything on each change, so it paints once; CSS highlights paint chunk by chunk.
  const wrapping = highlighter.mode === 'wrap';

  function add(found: readonly MatchRange[]) {
    const items: HighlightItem[] = found.map(({ match, range }) => ({ match, range, nodes: textNodesIn(range) }));
    for (const item of items) known.add(item);
    highlighter.add(items.filter((item) => shown(item.match.category)));
  }

  async function paint(found: MatchRange[], cancelled: () => boolean) {
    if (wrapping) add(found);
    else await forEachChunk(found, add, { budgetMs: options.budgetMs, cancelled });
    options.onChange();
  }

  return {
    highlighter,
    paint,
    run(cancelled) {
      const held: MatchRange[] = [];
      return {
        add: async (found) => {
          if (wrapping) held.push(...found);
          else await paint(found, cancelled);
        },
        finish: async () => {
          if (wrapping && !cancelled()) await paint(held, cancelled);
        },
      };
    },
    clear() {
      highlighter.remove(known);
      known.clear();
      options.onChange();
    },
    dropStale(edited) {
      const stale = [...known].filter((item) => isStale(item) || item.nodes.some((n) => edited.has(n)));
      if (!stale.length) return stale;
      for (const item of stale) known.delete(item);
      highlighter.remove(stale);
      options.onChange();
      return stale;
    },
    recategorize(before) {
      const hide: HighlightItem[] = [];
      const show: HighlightItem[] = [];
      for (const item of known) {
        const c = item.match.category;
        if (before(c) && !shown(c)) hide.push(item);
        else if (!before(c) && shown(c)) show.push(item);
      }
      highlighter.remove(hide);
      highlighter.add(show.filter((i) => !isStale(i)));
      options.onChange();
      return hide;
    },
  };
}
