// Shared helpers for anything Backstory paints with the CSS Custom Highlight API (reference highlights,
// the notes' `backstory-note`): registering named highlights and finding which of our ranges is under a point.
// Pure DOM: takes the document/window explicitly so it runs in the content script and under jsdom.

/** The part of `CSS.highlights` we use; a HighlightRegistry in browsers that have it. */
export interface HighlightRegistryLike {
  set(name: string, highlight: unknown): unknown;
  delete(name: string): boolean;
  get(name: string): unknown;
}

type HighlightLike = {
  add(r: AbstractRange): unknown;
  delete(r: AbstractRange): boolean;
  clear(): void;
  priority: number;
  type?: string;
  readonly size: number;
  [Symbol.iterator](): Iterator<AbstractRange>;
};
type HighlightCtor = new (...ranges: AbstractRange[]) => HighlightLike;

function highlightApi(win: Window): { registry: HighlightRegistryLike; Highlight: HighlightCtor } | null {
  const w = win as unknown as { CSS?: { highlights?: HighlightRegistryLike }; Highlight?: HighlightCtor };
  return w.CSS?.highlights && typeof w.Highlight === 'function' ? { registry: w.CSS.highlights, Highlight: w.Highlight } : null;
}

/** Whether this window can paint highlights without touching the DOM (Chrome 105+, Safari 17.2+, Firefox 140+). */
export function supportsCustomHighlights(win: Window): boolean {
  return highlightApi(win) !== null;
}

/**
 * One named highlight in `CSS.highlights` (e.g. `backstory-person`). Ranges can be added and removed one by one;
 * the registry entry is created on first use and removed when the set becomes empty or on `unregister`, so a
 * page's `CSS.highlights` never holds empty Backstory entries.
 *
 * The page shares the registry and can reach our Highlight objects through it: it could add its own ranges (a
 * forged "differs" mark), take ours out, change the priority or put its own object under our name. Each named
 * highlight therefore keeps the ranges it added, and `verify` puts the registry back to exactly those; every live
 * one is verified on a timer (see `guard`) and whenever its owner asks.
 */
export interface NamedHighlight {
  readonly name: string;
  add(range: AbstractRange): void;
  delete(range: AbstractRange): void;
  /** Replaces every range at once (one registry update instead of many). */
  replace(ranges: Iterable<AbstractRange>): void;
  /** How many ranges we added (whatever the page did to the registry since). */
  readonly size: number;
  /** Removes every range and the entry from `CSS.highlights` (it stays guarded: nobody else may use the name). */
  unregister(): void;
  /** Puts the registry back to what we added; true when something had to be put right. */
  verify(): boolean;
  /** Unregisters for good and stops guarding the name. */
  dispose(): void;
}

/** How often live highlights are checked against what we added, while the page is shown. */
export const GUARD_INTERVAL_MS = 500;

interface Guard {
  members: Set<NamedHighlight>;
  timer: ReturnType<typeof setInterval> | undefined;
  onVisible: () => void;
}

const guards = new WeakMap<Window, Guard>();

/** Checks every live named highlight of `win` now (after the page may have touched them); returns how many were put right. */
export function verifyHighlights(win: Window): number {
  let repaired = 0;
  for (const h of guards.get(win)?.members ?? []) if (h.verify()) repaired++;
  return repaired;
}

function guard(win: Window, highlight: NamedHighlight): () => void {
  let g = guards.get(win);
  if (!g) {
    const fresh: Guard = {
      members: new Set(),
      timer: undefined,
      onVisible: () => {
        if (win.document.visibilityState === 'visible') verifyHighlights(win);
      },
    };
    guards.set(win, (g = fresh));
  }
  const current = g;
  current.members.add(highlight);
  if (current.timer === undefined) {
    // Hidden tabs are not painted: their check waits for the tab to be shown again.
    current.timer = setInterval(() => {
      if (win.document.visibilityState !== 'hidden') verifyHighlights(win);
    }, GUARD_INTERVAL_MS);
    win.document.addEventListener('visibilitychange', current.onVisible);
  }
  return () => {
    current.members.delete(highlight);
    if (current.members.size === 0 && current.timer !== undefined) {
      clearInterval(current.timer);
      current.timer = undefined;
      win.document.removeEventListener('visibilitychange', current.onVisible);
    }
  };
}

/**
 * Creates a named highlight. `priority` orders overlapping highlights (higher paints on top), so e.g. a figure
 * that differs from the reference stays visible over an entity highlight. Returns null where the Custom
 * Highlight API is missing; callers then fall back to wrapping (lib/highlight/wrap.ts).
 */
export function createNamedHighlight(win: Window, name: string, priority = 0): NamedHighlight | null {
  const api = highlightApi(win);
  if (!api) return null;
  const { registry } = api;
  const highlight = new api.Highlight();
  highlight.priority = priority;
  /** What we added: the truth the registry is checked against. */
  const ours = new Set<AbstractRange>();
  let registered = false;
  const sync = () => {
    if (ours.size > 0 && !registered) {
      registry.set(name, highlight);
      registered = true;
    } else if (ours.size === 0 && registered) {
      // Only remove the entry if it is still ours (another copy of Backstory may have taken the name since).
      if (registry.get(name) === highlight) registry.delete(name);
      registered = false;
    }
  };
  const named: NamedHighlight = {
    name,
    add(range) {
      ours.add(range);
      highlight.add(range);
      sync();
    },
    delete(range) {
      ours.delete(range);
      highlight.delete(range);
      sync();
    },
    replace(ranges) {
      ours.clear();
      highlight.clear();
      for (const r of ranges) {
        ours.add(r);
        highlight.add(r);
      }
      sync();
    },
    get size() {
      return ours.size;
    },
    unregister() {
      ours.clear();
      highlight.clear();
      sync();
    },
    verify() {
      let repaired = false;
      const entry = registry.get(name);
      if (ours.size === 0) {
        // Nothing of ours to show: whatever sits under our name was put there by someone else.
        if (highlight.size > 0) highlight.clear();
        if (entry !== undefined) {
          registry.delete(name);
          repaired = true;
        }
        registered = false;
        return repaired;
      }
      if (entry !== highlight) {
        registry.set(name, highlight);
        repaired = true;
      }
      registered = true;
      if (highlight.priority !== priority) {
        highlight.priority = priority;
        repaired = true;
      }
      if (highlight.type !== undefined && highlight.type !== 'highlight') {
        highlight.type = 'highlight';
        repaired = true;
      }
      let same = highlight.size === ours.size;
      if (same) {
        for (const r of highlight) {
          if (!ours.has(r)) {
            same = false;
            break;
          }
        }
      }
      if (!same) {
        highlight.clear();
        for (const r of ours) highlight.add(r);
        repaired = true;
      }
      return repaired;
    },
    dispose() {
      named.unregister();
      leave();
    },
  };
  const leave = guard(win, named);
  return named;
}

/** A caret position: the text node (or element) and offset under a viewport point. */
export interface CaretPoint {
  node: Node;
  offset: number;
}

/**
 * The caret position under viewport point (x, y): `caretPositionFromPoint` (standard; Chrome 128+, Firefox)
 * or `caretRangeFromPoint` (WebKit/older Chrome). Null where neither exists or nothing is there.
 */
export function caretPointAt(doc: Document, x: number, y: number): CaretPoint | null {
  const d = doc as Document & {
    caretPositionFromPoint?: (x: number, y: number) => { offsetNode: Node; offset: number } | null;
    caretRangeFromPoint?: (x: number, y: number) => Range | null;
  };
  if (typeof d.caretPositionFromPoint === 'function') {
    const pos = d.caretPositionFromPoint(x, y);
    return pos ? { node: pos.offsetNode, offset: pos.offset } : null;
  }
  if (typeof d.caretRangeFromPoint === 'function') {
    const r = d.caretRangeFromPoint(x, y);
    return r ? { node: r.startContainer, offset: r.startOffset } : null;
  }
  return null;
}

/** The line box of `range` that contains viewport point (x, y), widened by `slop` px; null when none does. */
export function rectAt(range: Range, x: number, y: number, slop = 1): DOMRect | null {
  for (const rect of Array.from(range.getClientRects())) {
    if (x >= rect.left - slop && x <= rect.right + slop && y >= rect.top - slop && y <= rect.bottom + slop) return rect;
  }
  return null;
}

function rectsContain(range: Range, x: number, y: number, slop: number): boolean {
  return rectAt(range, x, y, slop) !== null;
}

/**
 * Ranges indexed by the text nodes they cover, for "which of my ranges is under this point" in O(ranges on
 * that node) instead of O(all ranges). Values are whatever the caller attaches (a match, a note id...).
 *
 * The caret lookup alone is not enough: past the end of a line the caret snaps to the nearest character, so a
 * candidate only counts if one of its client rects actually contains the point.
 */
export class RangeIndex<T> {
  private byNode = new Map<Node, Set<{ range: Range; value: T }>>();
  private byValue = new Map<T, { range: Range; value: T; nodes: Node[] }>();

  get size(): number {
    return this.byValue.size;
  }

  add(range: Range, value: T): void {
    this.delete(value);
    const nodes = textNodesIn(range);
    const entry = { range, value, nodes };
    for (const node of nodes) {
      let set = this.byNode.get(node);
      if (!set) this.byNode.set(node, (set = new Set()));
      set.add(entry);
    }
    this.byValue.set(value, entry);
  }

  delete(value: T): void {
    const entry = this.byValue.get(value);
    if (!entry) return;
    for (const node of entry.nodes) {
      const set = this.byNode.get(node);
      if (!set) continue;
      for (const e of set) if (e.value === value) set.delete(e);
      if (set.size === 0) this.byNode.delete(node);
    }
    this.byValue.delete(value);
  }

  clear(): void {
    this.byNode.clear();
    this.byValue.clear();
  }

  /** Values whose range covers caret position (node, offset), innermost (shortest) first. */
  atCaret(point: CaretPoint): T[] {
    const set = this.byNode.get(point.node);
    if (!set) return [];
    const hits: { range: Range; value: T }[] = [];
    for (const e of set) {
      try {
        if (e.range.isPointInRange(point.node, point.offset)) hits.push(e);
      } catch {
        // The node moved to another document; it cannot be under the pointer.
      }
    }
    return hits.sort((a, b) => a.range.toString().length - b.range.toString().length).map((e) => e.value);
  }

  /** Values whose range is drawn under viewport point (x, y). `slop` widens the rects (px) for easier hovering. */
  atPoint(doc: Document, x: number, y: number, slop = 1): T[] {
    // The caret lookup can force a layout: on a page with nothing indexed, skip it.
    if (this.byValue.size === 0) return [];
    const caret = caretPointAt(doc, x, y);
    if (!caret) return [];
    // The caret sits between characters: also look at the position just before, so hovering the right
    // half of a highlight's last character still counts.
    const candidates = new Set(this.atCaret(caret));
    if (caret.offset > 0) for (const v of this.atCaret({ node: caret.node, offset: caret.offset - 1 })) candidates.add(v);
    return [...candidates].filter((v) => {
      const e = this.byValue.get(v);
      return e !== undefined && rectsContain(e.range, x, y, slop);
    });
  }
}

/** The text nodes a range covers (partly or wholly), in document order. */
export function textNodesIn(range: Range): Text[] {
  const start = range.startContainer;
  if (start === range.endContainer && start.nodeType === Node.TEXT_NODE) return [start as Text];
  const doc = start.ownerDocument ?? (start as Document);
  const root = range.commonAncestorContainer;
  const walker = doc.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const nodes: Text[] = [];
  if (root.nodeType === Node.TEXT_NODE) return [root as Text];
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    // Touching a boundary (end at offset 0, start at the very end) is not covering.
    if (n === range.endContainer && range.endOffset === 0) continue;
    if (n === range.startContainer && range.startOffset === (n as Text).length) continue;
    if (range.intersectsNode(n)) nodes.push(n as Text);
  }
  return nodes;
}
