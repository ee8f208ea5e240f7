// Which of our ranges are registered in CSS.highlights at a time. After any change to the page's DOM, Chromium
// re-checks every registered range of every highlight and repaints the text they lie on, before the next frame:
// with 80,000 ranges on a 5 MB page a keystroke in the page's own field took 230 ms instead of 25, and a live blog
// appending paragraphs every 10 ms lost a third of its timer ticks to repainting highlights it was not showing.
// So once a page has more than a few ranges, only those in or near the viewport (a quarter of a viewport height above and
// below) are registered, at most `cap`, updated as the reader scrolls, and the browser's cost per change stays
// flat however long the page. A page with only a few is registered whole: exact whatever the layout.
//
// What is in the viewport itself is registered in the frame that shows it: read in that frame's callback, before
// it paints (only the first read after our stylesheet goes in waits for the task after a frame, see schedule, so
// that frame shows the window as it was). What is only near it (the margin above and below) follows in idle time, nearest first, a few at a time: the browser's work for a change of
// highlights grows with the ranges changed, so a jump across a long page never makes one frame register the whole
// window.
//
// Why not an IntersectionObserver per block: Chromium computes every observed target on each frame that lays
// out, so observing the 11,600 paragraphs of that page cost as much typing latency as it saved. Here the ranges
// are kept in document order and the window is found by a binary search on their boxes (a few dozen reads per
// scrolled frame, nothing while the page is still), which also works for a page that is one huge block.
import type { NamedHighlight } from './registry';

/**
 * How long ranges added or removed by a living page wait before the window is worked out again. Scrolling
 * updates it on the next frame; a page that keeps adding (a live blog appends paragraphs every few ms) would
 * otherwise have its layout read on every frame.
 */
const CHANGE_DELAY_MS = 250;

/** Runs `work` when the main thread is idle (or, `didTimeout`, when it waited too long for that); returns a cancel. */
export type WhenIdle = (work: (deadline: IdleTime) => void) => () => void;
export interface IdleTime {
  timeRemaining(): number;
  didTimeout?: boolean;
}

/** The most margin ranges registered in one idle callback, whatever time it offers (each is a repaint of its text). */
const IDLE_BATCH = 100;

/**
 * The margin ranges registered by a callback that came with no idle time (by its timeout, on a page busy every
 * frame): one each would take a timeout per range, seconds for a margin, so the margin would never be ready
 * before the reader scrolls into it. Registering is cheap; the repaint it costs is bounded by the batch.
 */
const BUSY_BATCH = 25;

/**
 * The longest a hold lasts (holdUntil). What it waits for (the browser inserting our stylesheet) settles in a few
 * ms; were it never to, the window would stay where the first ranges were, on every scroll, for the page's life.
 */
const HOLD_LIMIT_MS = 1000;

/** Idle callbacks where the browser has them (not Safari), else a timer; a callback waits at most 200 ms. */
function browserIdle(win: Window): WhenIdle {
  const w = win as Window & { requestIdleCallback?: Window['requestIdleCallback']; cancelIdleCallback?: Window['cancelIdleCallback'] };
  if (typeof w.requestIdleCallback === 'function' && typeof w.cancelIdleCallback === 'function') {
    return (work) => {
      const id = w.requestIdleCallback!((deadline) => work(deadline), { timeout: 200 });
      return () => w.cancelIdleCallback!(id);
    };
  }
  return (work) => {
    const id = setTimeout(() => work({ timeRemaining: () => 8 }), 16);
    return () => clearTimeout(id);
  };
}

export interface NearViewportOptions {
  /** Up to this many ranges, all are registered; above it, those near the viewport. 0: always near the viewport. */
  allBelow?: number;
  /** The most registered at once (a page zoomed far out, a screen of names). */
  cap?: number;
  /** How far beyond the viewport counts as near, in viewport heights. */
  margin?: number;
  /** How margin ranges wait for idle time (tests pass a fake). */
  whenIdle?: WhenIdle;
  /** The longest a hold lasts (holdUntil); a second by default. */
  holdLimitMs?: number;
}

export const DEFAULT_CAP = 1000;
export const DEFAULT_ALL_BELOW = 200;

interface Entry {
  range: Range;
  into: NamedHighlight;
  registered: boolean;
  gone: boolean;
}

/** Ranges whose boxes come after this many non-near ones in a row end the walk (layouts that are not quite in document order). */
const SLACK = 12;

export class NearViewport {
  private readonly cap: number;
  private readonly margin: number;
  private readonly allBelow: number;
  private readonly entries = new Map<Range, Entry>();
  /** Document order; may hold entries deleted since (compacted on the next update). */
  private ordered: Entry[] = [];
  private goneInOrder = 0;
  /** The entries registered now. */
  private readonly live = new Set<Entry>();
  private windowed = false;
  private frame = 0;
  /** The task right after the frame `frame` asked for, where the window is read. */
  private afterFrame: ReturnType<typeof setTimeout> | undefined;
  private changed: ReturnType<typeof setTimeout> | undefined;
  /** Near ranges outside the viewport not registered yet, nearest first, and the idle callback that registers them. */
  private pending: Entry[] = [];
  private cancelIdle: (() => void) | null = null;
  private readonly whenIdle: WhenIdle;
  private readonly holdLimitMs: number;
  /** Set while no window may be read (holdUntil), with the timer that ends it at the latest. */
  private hold: object | null = null;
  private holdLimit: ReturnType<typeof setTimeout> | undefined;
  /**
   * Whether the page has been laid out with our stylesheet in (a window was read since it went in): reading boxes
   * in a frame callback then costs no layout the frame would not do anyway.
   */
  private laidOut = false;
  private readonly onScroll = () => this.schedule();
  /**
   * Text the page shows or hides without a scroll: a <details> opened (`toggle`, which does not bubble, so heard
   * while capturing), a tab of the page switched or a "read more" unfolded by a click, read on the next frame; a page
   * that grows or shrinks otherwise (its root's size, one ResizeObserver target) after the change delay. A page whose
   * root keeps a fixed height around an inner scroller never resizes it: there the same observer watches what is in
   * the scroller that holds the ranges (looked for when a window is read, once per observer: the page is laid out).
   */
  private readonly onReveal = () => this.schedule();
  private resized: ResizeObserver | null = null;
  /** The observer the scroller holding the ranges was looked for with. */
  private sought: ResizeObserver | null = null;

  constructor(
    private readonly win: Window,
    options: NearViewportOptions = {},
  ) {
    this.cap = options.cap ?? DEFAULT_CAP;
    this.margin = options.margin ?? 0.25;
    this.allBelow = Math.min(options.allBelow ?? DEFAULT_ALL_BELOW, this.cap);
    this.whenIdle = options.whenIdle ?? browserIdle(win);
    this.holdLimitMs = options.holdLimitMs ?? HOLD_LIMIT_MS;
  }

  /** How many ranges are registered now. */
  get registeredCount(): number {
    return this.live.size;
  }

  /** How many near ranges wait for idle time to be registered. */
  get pendingCount(): number {
    return this.pending.length;
  }

  get size(): number {
    return this.entries.size;
  }

  /**
   * Works out no window until `settled` settles or `holdLimitMs` have passed (the page's layout is about to change
   * as a whole: our stylesheet going in), then on the task after the next frame, and later windows in frame
   * callbacks (see schedule). Ranges added meanwhile wait, as a window would make them.
   */
  holdUntil(settled: Promise<unknown>): void {
    this.dropHold();
    const hold = {};
    this.hold = hold;
    this.laidOut = false;
    let timedOut = false;
    const release = () => {
      if (this.hold !== hold) return;
      this.dropHold();
      this.schedule();
    };
    // A stylesheet that arrives after the limit still lays the page out again: the next read waits for a frame's
    // layout, as the first one does, instead of paying it in a frame callback of ours.
    const settle = () => {
      if (this.hold === hold) release();
      else if (timedOut) this.laidOut = false;
    };
    this.holdLimit = setTimeout(() => {
      timedOut = true;
      release();
    }, this.holdLimitMs);
    settled.then(settle, settle);
  }

  /** Tracks `range`, painted through `into` whenever it is registered. */
  add(range: Range, into: NamedHighlight): void {
    if (this.entries.has(range)) return;
    const entry: Entry = { range, into, registered: false, gone: false };
    this.entries.set(range, entry);
    this.insertInOrder(entry);
    if (this.shouldWindow()) {
      // The first time, the window is found on the next frame: the ranges registered so far (the first few in
      // document order) need not be where the reader is. After that, additions wait for the change delay.
      if (!this.windowed) {
        this.setWindowed(true);
        this.schedule();
      } else this.scheduleChange();
    } else {
      this.register(entry);
    }
  }

  delete(range: Range): void {
    const entry = this.entries.get(range);
    if (!entry) return;
    this.entries.delete(range);
    entry.gone = true;
    this.goneInOrder++;
    this.unregister(entry);
    if (this.windowed && !this.shouldWindow()) this.unwindow();
    else if (this.windowed) this.scheduleChange();
  }

  /** Forgets every range; a hold stays (it is the stylesheet's, not the ranges'). */
  clear(): void {
    this.dropPending();
    for (const entry of this.entries.values()) this.unregister(entry);
    this.entries.clear();
    this.ordered = [];
    this.goneInOrder = 0;
    this.setWindowed(false);
  }

  /** Registers what is near the viewport now (also runs on the next frame after any scroll or change). */
  update(): void {
    this.cancelFrame();
    if (this.changed !== undefined) clearTimeout(this.changed);
    this.changed = undefined;
    if (!this.windowed || this.hold) return;
    this.compact();
    const { near, inView } = this.nearEntries();
    this.laidOut = true;
    if (this.sought !== this.resized) this.observeScroller((this.sought = this.resized!));
    for (const entry of [...this.live]) if (!near.has(entry)) this.unregister(entry);
    for (const entry of inView) this.register(entry);
    // The rest of the window, nearest first, when the browser has time: a newer window replaces what is left. A
    // callback already asked for is kept (asking again while the reader scrolls would put it off every frame).
    this.pending = [...near].filter((e) => !e.registered);
    if (!this.pending.length) this.dropPending();
    else this.cancelIdle ??= this.whenIdle((deadline) => this.registerPending(deadline));
  }

  destroy(): void {
    this.dropHold();
    this.clear();
  }

  private registerPending(deadline: IdleTime): void {
    this.cancelIdle = null;
    const busy = deadline.didTimeout === true || deadline.timeRemaining() <= 1;
    let done = 0;
    while (this.pending.length && (busy ? done < BUSY_BATCH : done < IDLE_BATCH && deadline.timeRemaining() > 1)) {
      this.register(this.pending.shift()!);
      done++;
    }
    if (this.pending.length) this.cancelIdle = this.whenIdle((d) => this.registerPending(d));
  }

  private dropHold(): void {
    this.hold = null;
    if (this.holdLimit !== undefined) clearTimeout(this.holdLimit);
    this.holdLimit = undefined;
  }

  private dropPending(): void {
    this.cancelIdle?.();
    this.cancelIdle = null;
    this.pending = [];
  }

  /** Watches what is in the nearest scroller around the first range (the root's children where it is the scroller). */
  private observeScroller(observer: ResizeObserver): void {
    for (let el = this.entries.values().next().value?.range.startContainer.parentElement; el; el = el.parentElement) {
      if (!/auto|scroll/.test(this.win.getComputedStyle(el).overflowY)) continue;
      for (const child of el.children) observer.observe(child);
      return;
    }
  }

  private shouldWindow(): boolean {
    return this.entries.size > this.allBelow;
  }

  /** Back to registering everything (the page lost enough ranges to be under the cap). */
  private unwindow(): void {
    this.dropPending();
    this.setWindowed(false);
    for (const entry of this.entries.values()) this.register(entry);
  }

  private setWindowed(on: boolean): void {
    if (on === this.windowed) return;
    this.windowed = on;
    const win = this.win;
    if (on) {
      // Capture: a scroll inside any scrolling element (an article in its own scroller) counts too. Content
      // that grows or shrinks above the reader moves what is on screen through scroll anchoring, a scroll too.
      win.addEventListener('scroll', this.onScroll, { capture: true, passive: true });
      win.addEventListener('resize', this.onScroll, { passive: true });
      win.addEventListener('toggle', this.onReveal, { capture: true, passive: true });
      win.addEventListener('click', this.onReveal, { capture: true, passive: true });
      const Observer = (win as Window & { ResizeObserver?: typeof ResizeObserver }).ResizeObserver;
      if (typeof Observer === 'function') {
        let first = true; // the size it had when observed: nothing changed yet
        this.resized = new Observer(() => {
          if (first) first = false;
          else this.scheduleChange();
        });
        this.resized.observe(win.document.documentElement);
      }
    } else {
      win.removeEventListener('scroll', this.onScroll, { capture: true });
      win.removeEventListener('resize', this.onScroll);
      win.removeEventListener('toggle', this.onReveal, { capture: true });
      win.removeEventListener('click', this.onReveal, { capture: true });
      this.resized?.disconnect();
      this.resized = null;
      this.cancelFrame();
      if (this.changed !== undefined) clearTimeout(this.changed);
      this.changed = undefined;
      this.dropPending();
    }
  }

  /** Ranges came or went: the window is worked out again shortly, on a frame. */
  private scheduleChange(): void {
    if (this.changed !== undefined || this.frame || this.afterFrame !== undefined || !this.windowed) return;
    this.changed = setTimeout(() => {
      this.changed = undefined;
      this.schedule();
    }, CHANGE_DELAY_MS);
  }

  /**
   * Works the window out on the next frame, in its callback, so the frame that shows a scroll shows its
   * highlights. But until a window has been read since our stylesheet went in (holdUntil), or since this was made,
   * in the task right after that frame instead, once the browser has laid the page out for it: read in the
   * callback, the boxes would make our script do the layout the page still owes (for the stylesheet, every text of
   * the page). Later reads find the page laid out but for what the frame changed, which it lays out anyway; the
   * frame's rendering task then runs our callback, which the bench counts as a task running Backstory.
   */
  private schedule(): void {
    if (this.frame || this.afterFrame !== undefined || !this.windowed || this.hold) return;
    // What waits for idle time belongs to the window before the scroll, maybe far from the reader now: registered
    // until the new window is read, it would only be repainted and dropped again. The idle callback is kept.
    this.pending = [];
    this.frame = this.win.requestAnimationFrame(() => {
      this.frame = 0;
      if (this.laidOut) {
        this.update();
        return;
      }
      this.afterFrame = setTimeout(() => {
        this.afterFrame = undefined;
        this.update();
      }, 0);
    });
  }

  private cancelFrame(): void {
    if (this.frame) this.win.cancelAnimationFrame(this.frame);
    this.frame = 0;
    if (this.afterFrame !== undefined) clearTimeout(this.afterFrame);
    this.afterFrame = undefined;
  }

  private register(entry: Entry): void {
    if (entry.registered || entry.gone) return;
    entry.registered = true;
    this.live.add(entry);
    entry.into.add(entry.range);
  }

  private unregister(entry: Entry): void {
    if (!entry.registered) return;
    entry.registered = false;
    this.live.delete(entry);
    entry.into.delete(entry.range);
  }

  /** Keeps `ordered` in document order: a full run adds in order (appended); a living page may add anywhere. */
  private insertInOrder(entry: Entry): void {
    const list = this.ordered;
    const last = list[list.length - 1];
    if (!last || compare(last.range, entry.range) <= 0) {
      list.push(entry);
      return;
    }
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (compare(list[mid]!.range, entry.range) <= 0) lo = mid + 1;
      else hi = mid;
    }
    list.splice(lo, 0, entry);
  }

  private compact(): void {
    if (this.goneInOrder === 0) return;
    this.ordered = this.ordered.filter((e) => !e.gone);
    this.goneInOrder = 0;
  }

  /**
   * The entries whose boxes lie within the margin around the viewport, at most `cap`: found from the range at
   * the viewport's middle (a binary search on the boxes, which follow document order on a page of text), taking
   * the nearest ranges above and below in turn until a direction has `SLACK` boxes in a row beyond the window.
   */
  private nearEntries(): { near: Set<Entry>; inView: Entry[] } {
    const list = this.ordered;
    const near = new Set<Entry>();
    const inView: Entry[] = [];
    if (!list.length) return { near, inView };
    const height = this.win.innerHeight || 0;
    const top = -height * this.margin;
    const bottom = height * (1 + this.margin);
    const middle = height / 2;
    const boxes = new Map<number, DOMRect | null>();
    const box = (i: number): DOMRect | null => {
      let rect = boxes.get(i);
      if (rect === undefined) {
        const r = list[i]!.range.getBoundingClientRect();
        // Hidden or collapsed text has no box: nothing to paint, and no place in the order of boxes.
        rect = r.width === 0 && r.height === 0 ? null : r;
        boxes.set(i, rect);
      }
      return rect;
    };

    // The first range whose box ends below the viewport's middle.
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      let probe = mid;
      while (probe < hi && box(probe) === null) probe++;
      if (probe === hi) hi = mid;
      else if (box(probe)!.bottom < middle) lo = probe + 1;
      else hi = mid;
    }

    // Outwards from there, one step down and one up in turn: the nearest ranges first.
    const limit = this.cap * 8 + SLACK;
    const walk = { down: lo, up: lo - 1, downMisses: 0, upMisses: 0, steps: 0 };
    const downOpen = () => walk.down < list.length && walk.downMisses < SLACK;
    const upOpen = () => walk.up >= 0 && walk.upMisses < SLACK;
    while (near.size < this.cap && walk.steps++ < limit && (downOpen() || upOpen())) {
      if (downOpen()) {
        const rect = box(walk.down);
        if (rect && rect.top > bottom) walk.downMisses++;
        else if (rect && rect.bottom >= top) {
          near.add(list[walk.down]!);
          if (rect.top <= height && rect.bottom >= 0) inView.push(list[walk.down]!);
          walk.downMisses = 0;
        }
        walk.down++;
      }
      if (near.size < this.cap && upOpen()) {
        const rect = box(walk.up);
        if (rect && rect.bottom < top) walk.upMisses++;
        else if (rect && rect.top <= bottom) {
          near.add(list[walk.up]!);
          if (rect.top <= height && rect.bottom >= 0) inView.push(list[walk.up]!);
          walk.upMisses = 0;
        }
        walk.up--;
      }
    }
    return { near, inView };
  }
}

/** Document order of two ranges' starts; ranges in different trees (text the page removed) sort last. */
function compare(a: Range, b: Range): number {
  try {
    return a.compareBoundaryPoints(Range.START_TO_START, b);
  } catch {
    return 1;
  }
}
