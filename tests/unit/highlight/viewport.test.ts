// Only the ranges near the viewport are registered on a page with more than the cap: as the reader scrolls,
// the registered set follows, never larger than the cap; below the cap every range is registered. What is in the
// viewport is registered in the frame that shows it (but the first window after our stylesheet goes in, a frame
// later), the rest of the window in idle time (a fake idle queue here).
import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import { createNamedHighlight, type NamedHighlight } from '@/lib/highlight/registry';
import { NearViewport, type IdleTime, type NearViewportOptions, type WhenIdle } from '@/lib/highlight/viewport';
import { installFakeHighlights, stubRangeGeometry } from './fake-highlights';

let fake: ReturnType<typeof installFakeHighlights>;
let restore: () => void;
let scrollY = 0;
const LINE = 20;
let place: NamedHighlight;
/** Ranges laid out one line each, top to bottom in document order, `hidden` ones without a box. */
let hidden: Set<Range>;
let order: Map<Range, number>;

/** Idle callbacks held until a test runs them, each given `budget` ms of idle time. */
function fakeIdle() {
  const queue = new Set<(deadline: IdleTime) => void>();
  const when: WhenIdle = (work) => {
    queue.add(work);
    return () => queue.delete(work);
  };
  return {
    when,
    get waiting() {
      return queue.size;
    },
    /**
     * Runs the callbacks waiting now (not those they ask for), each told it has time for `budget` more checks
     * (`timedOut`: it came by its timeout).
     */
    runOnce(budget = 1000, timedOut = false): number {
      const now = [...queue];
      queue.clear();
      for (const work of now) {
        let left = budget;
        work({ timeRemaining: () => (left-- > 0 ? 10 : 0), didTimeout: timedOut });
      }
      return now.length;
    },
    /** Runs callbacks until none is left. */
    flush(budget = 1000): number {
      let rounds = 0;
      while (queue.size && rounds < 10_000) {
        this.runOnce(budget);
        rounds++;
      }
      return rounds;
    },
  };
}
let idle: ReturnType<typeof fakeIdle>;
/** Every viewport a test made, torn down after it even when it fails (its listeners would read the next test's page). */
let made: NearViewport[] = [];
const viewport = (options: NearViewportOptions = {}) => {
  const near = new NearViewport(window, { whenIdle: idle.when, ...options });
  made.push(near);
  return near;
};

beforeEach(() => {
  fake = installFakeHighlights();
  scrollY = 0;
  hidden = new Set();
  order = new Map();
  idle = fakeIdle();
  restore = stubRangeGeometry((r) => {
    if (hidden.has(r)) return [new DOMRect(0, 0, 0, 0)];
    const i = order.get(r) ?? 0;
    return [new DOMRect(0, i * LINE - scrollY, 40, LINE - 4)];
  });
  Object.defineProperty(window, 'innerHeight', { value: 200, configurable: true });
  place = createNamedHighlight(window, 'backstory-place', 1)!;
});
afterEach(() => {
  for (const near of made) near.destroy();
  made = [];
  place.dispose();
  restore();
  fake.uninstall();
});

/** `n` ranges on `n` lines of text, in document order. */
function lines(n: number): Range[] {
  document.body.innerHTML = Array.from({ length: n }, (_, i) => `<p>line ${i} Aleppo</p>`).join('');
  return [...document.querySelectorAll('p')].map((p, i) => {
    const r = document.createRange();
    r.setStart(p.firstChild!, 0);
    r.setEnd(p.firstChild!, 4);
    order.set(r, i);
    return r;
  });
}

const registeredLines = () => [...(fake.registry.get('backstory-place') ?? [])].map((r) => order.get(r as Range)!).sort((a, b) => a - b);

test('below the cap every range is registered, whatever the layout', () => {
  const near = viewport({ cap: 100, allBelow: 100 });
  for (const r of lines(60)) near.add(r, place);
  expect(near.registeredCount).toBe(60);
  expect(registeredLines()).toHaveLength(60);
  near.destroy();
  expect(fake.registry.has('backstory-place')).toBe(false);
});

test('above a few, only the lines within the margin above and below are registered, following the scroll', () => {
  const near = viewport({ cap: 100, margin: 1 });
  for (const r of lines(1200)) near.add(r, place);
  near.update();
  idle.flush();
  // Viewport 0–200 px, margin 200 px each way: lines 0..19 (line 20 starts at 400 px, past the margin).
  expect(registeredLines()).toEqual(Array.from({ length: 21 }, (_, i) => i));
  scrollY = 20_000; // line 1000 at the top
  near.update();
  idle.flush();
  const now = registeredLines();
  expect(now[0]).toBeGreaterThanOrEqual(989);
  expect(now.at(-1)).toBeLessThanOrEqual(1020);
  expect(now).toContain(1000);
  expect(now).toContain(1009);
  expect(near.registeredCount).toBeLessThanOrEqual(100);
  near.destroy();
});

test('hidden text (no box) is skipped, and the window is still found past it', () => {
  const near = viewport({ cap: 10, margin: 1 });
  const ranges = lines(1200);
  for (const r of ranges.slice(400, 800)) hidden.add(r);
  for (const r of ranges) near.add(r, place);
  scrollY = 1000 * LINE;
  near.update();
  idle.flush();
  const now = registeredLines();
  expect(now).toContain(1000);
  expect(now.every((i) => i < 400 || i >= 800)).toBe(true);
  near.destroy();
});

test('never more than the cap at once, nearest the middle of the viewport kept (a page zoomed far out)', () => {
  Object.defineProperty(window, 'innerHeight', { value: 20_000, configurable: true });
  const near = viewport({ cap: 50, margin: 1 });
  for (const r of lines(1200)) near.add(r, place);
  near.update();
  idle.flush();
  expect(near.registeredCount).toBe(50);
  const now = registeredLines();
  expect(Math.min(...now)).toBeGreaterThanOrEqual(475);
  expect(Math.max(...now)).toBeLessThanOrEqual(525);
  near.destroy();
});

test('ranges added out of order (a living page) still take their place, and deleting down to the cap registers all', () => {
  const near = viewport({ cap: 20, allBelow: 20, margin: 1 });
  const ranges = lines(40);
  for (const r of [...ranges.slice(20), ...ranges.slice(0, 20)]) near.add(r, place);
  near.update();
  idle.flush();
  expect(registeredLines()).toEqual(Array.from({ length: 20 }, (_, i) => i));
  for (const r of ranges.slice(0, 25)) near.delete(r);
  expect(registeredLines()).toEqual(Array.from({ length: 15 }, (_, i) => i + 25));
  near.destroy();
});

test('always windowed (the reader\'s notes): a range far from the viewport is not registered until the reader gets there', () => {
  const note = createNamedHighlight(window, 'backstory-note', 10)!;
  const near = viewport({ allBelow: 0 });
  const ranges = lines(200);
  near.add(ranges[3]!, note);
  near.add(ranges[150]!, note);
  near.update();
  expect([...fake.registry.get('backstory-note')!]).toEqual([ranges[3]]);
  scrollY = 140 * LINE;
  near.update();
  expect([...fake.registry.get('backstory-note')!]).toEqual([ranges[150]]);
  near.destroy();
  note.dispose();
});

test('a range a living page adds near the viewport is registered shortly, one window update for a burst of them', async () => {
  const near = viewport({ cap: 10, margin: 1 });
  const ranges = lines(400);
  for (const r of ranges.slice(5)) near.add(r, place);
  near.update();
  const rects = vi.spyOn(Range.prototype, 'getBoundingClientRect');
  for (const r of ranges.slice(0, 5)) near.add(r, place); // the page prepends five items at the top
  expect(rects).not.toHaveBeenCalled(); // no layout read per addition
  await vi.waitFor(() => expect(registeredLines().slice(0, 5)).toEqual([0, 1, 2, 3, 4]));
  rects.mockRestore();
  near.destroy();
});

test('what is in the viewport is registered on the frame, the rest of the window in idle time, nearest first', () => {
  const near = viewport({ cap: 100, margin: 1 });
  for (const r of lines(1200)) near.add(r, place);
  scrollY = 500 * LINE; // lines 500..510 in the 200 px viewport, 490..520 within the margin
  near.update();
  expect(registeredLines()).toEqual(Array.from({ length: 11 }, (_, i) => 500 + i));
  expect(near.pendingCount).toBe(20);
  expect(idle.waiting).toBe(1);
  // An idle callback with time for four: the four nearest the viewport, above and below in turn.
  idle.runOnce(5); // one check on entry, then one before each
  expect(registeredLines().filter((i) => i < 500 || i > 510)).toEqual([498, 499, 511, 512]);
  idle.flush();
  expect(registeredLines()).toEqual(Array.from({ length: 31 }, (_, i) => 490 + i));
  expect(near.pendingCount).toBe(0);
  expect(idle.waiting).toBe(0);
  near.destroy();
});

test('a page busy every frame (idle callbacks come by their timeout, with no time): each registers a batch of the margin, not one range', () => {
  const near = viewport({ cap: 200, margin: 4 });
  for (const r of lines(1200)) near.add(r, place);
  scrollY = 500 * LINE; // 500..510 in view, 460..550 within the margin: 80 wait
  near.update();
  expect(near.pendingCount).toBe(80);
  idle.runOnce(0, true);
  expect(near.pendingCount).toBe(55);
  idle.runOnce(0); // no time, though not by its timeout: as busy
  expect(near.pendingCount).toBe(30);
  // The nearest first still: what is registered is one block around the viewport.
  const now = registeredLines();
  expect(now.at(-1)! - now[0]! + 1).toBe(now.length);
  expect(idle.flush(0)).toBe(2);
  expect(registeredLines()).toEqual(Array.from({ length: 91 }, (_, i) => 460 + i));
});

test('scrolling back and forth: the same place gives the same ranges, and a window left before its idle time registers nothing', () => {
  const near = viewport({ cap: 100, margin: 1 });
  const ranges = lines(1200);
  for (const r of ranges) near.add(r, place);
  const at = (line: number, flush: boolean) => {
    scrollY = line * LINE;
    near.update();
    if (flush) idle.flush();
    return registeredLines();
  };
  const first = at(100, true);
  expect(first).toEqual(Array.from({ length: 31 }, (_, i) => 90 + i));
  at(900, false); // passed through: its margin was still waiting
  expect(near.pendingCount).toBe(20);
  expect(at(100, true)).toEqual(first);
  at(900, true);
  expect(at(100, true)).toEqual(first);
  // Registered once each: what we added is what the registry holds, and the count says so.
  expect(place.size).toBe(first.length);
  expect(near.registeredCount).toBe(first.length);
  expect(fake.registry.get('backstory-place')!.size).toBe(first.length);
  near.destroy();
});

test('torn down with a window waiting for idle time: the callback is cancelled and nothing is registered after', () => {
  const near = viewport({ cap: 100, margin: 1 });
  for (const r of lines(1200)) near.add(r, place);
  scrollY = 500 * LINE;
  near.update();
  expect(idle.waiting).toBe(1);
  near.destroy();
  expect(idle.waiting).toBe(0);
  expect(fake.registry.has('backstory-place')).toBe(false);
  idle.flush();
  expect(place.size).toBe(0);
  // Ranges deleted while they wait are never registered either.
  const again = viewport({ cap: 100, margin: 1 });
  scrollY = 0;
  const ranges = lines(1200);
  for (const r of ranges) again.add(r, place);
  again.update();
  for (const r of ranges.slice(11, 21)) again.delete(r);
  idle.flush();
  expect(registeredLines()).toEqual(Array.from({ length: 11 }, (_, i) => i));
  again.destroy();
});

test('once a page has more than a few, the window is found on the next frame, not after the delay for a living page\'s changes', async () => {
  const near = viewport({ cap: 100, allBelow: 50, margin: 1 });
  scrollY = 300 * LINE; // the reader is further down than the first ranges painted
  for (const r of lines(400)) near.add(r, place);
  // Before windowing, the first ones came in document order.
  await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
  expect(registeredLines()).toEqual(Array.from({ length: 11 }, (_, i) => 300 + i));
  idle.flush();
  expect(registeredLines()).toEqual(Array.from({ length: 31 }, (_, i) => 290 + i));
  near.destroy();
});

/** Records, for each box read, whether it happened inside a frame callback (requestAnimationFrame). */
function watchReads() {
  let inFrame = false;
  const reads: boolean[] = [];
  const box = Range.prototype.getBoundingClientRect;
  const rects = vi.spyOn(Range.prototype, 'getBoundingClientRect').mockImplementation(function (this: Range) {
    reads.push(inFrame);
    return box.call(this);
  });
  const raf = window.requestAnimationFrame.bind(window);
  const frames = vi.spyOn(window, 'requestAnimationFrame').mockImplementation((callback) =>
    raf((time) => {
      inFrame = true;
      try {
        callback(time);
      } finally {
        inFrame = false;
      }
    }),
  );
  return {
    reads,
    restore() {
      rects.mockRestore();
      frames.mockRestore();
    },
  };
}

test('the first window after our stylesheet goes in is read in the task after a frame, never in the frame\'s own callbacks (where it would force the page\'s whole relayout)', async () => {
  const near = viewport({ cap: 10, allBelow: 5, margin: 1 });
  let styled!: () => void;
  near.holdUntil(new Promise<void>((resolve) => (styled = resolve)));
  for (const r of lines(400)) near.add(r, place);
  const watch = watchReads();
  scrollY = 100 * LINE;
  window.dispatchEvent(new Event('scroll'));
  styled();
  await vi.waitFor(() => expect(registeredLines()).toContain(100));
  expect(watch.reads.length).toBeGreaterThan(0);
  expect(watch.reads.filter((duringFrame) => duringFrame)).toEqual([]);
  watch.restore();
  near.destroy();
});

test('once the stylesheet is laid out, the frame that shows a new scroll position has its highlights (read in that frame)', async () => {
  const near = viewport({ cap: 100, allBelow: 5, margin: 1 });
  let styled!: () => void;
  near.holdUntil(new Promise<void>((resolve) => (styled = resolve)));
  for (const r of lines(400)) near.add(r, place);
  styled();
  await vi.waitFor(() => expect(registeredLines()).toContain(10)); // the first window (0..4 were in before it), after a frame
  idle.flush();
  for (const jump of [100, 300]) {
    scrollY = jump * LINE;
    window.dispatchEvent(new Event('scroll'));
    // A frame callback asked for after the scroll handler's runs in the same frame, after ours: what it sees is
    // what that frame paints.
    const seen = await new Promise<number[]>((resolve) => requestAnimationFrame(() => resolve(registeredLines())));
    expect(seen).toContain(jump);
    expect(seen).toContain(jump + 10);
  }
  near.destroy();
});

test('held until our stylesheet is in: no window is read meanwhile, then one is, after a frame', async () => {
  const near = viewport({ cap: 10, allBelow: 5, margin: 1, holdLimitMs: 60_000 });
  let styled!: () => void;
  near.holdUntil(new Promise<void>((resolve) => (styled = resolve)));
  const rects = vi.spyOn(Range.prototype, 'getBoundingClientRect');
  scrollY = 100 * LINE;
  for (const r of lines(400)) near.add(r, place);
  near.update();
  window.dispatchEvent(new Event('scroll'));
  await new Promise((resolve) => setTimeout(resolve, 300)); // past the delay a living page's changes wait for
  expect(rects).not.toHaveBeenCalled();
  expect(registeredLines()).toEqual([0, 1, 2, 3, 4]); // the first few, before the page counted as long
  styled();
  await vi.waitFor(() => expect(registeredLines()).toContain(100));
  expect(registeredLines().every((i) => i >= 90 && i <= 120)).toBe(true);
  rects.mockRestore();
  near.destroy();
});

test('a hold whose stylesheet never settles ends after a second: the window follows the reader again', async () => {
  const near = viewport({ cap: 10, allBelow: 5, margin: 1 });
  const held = performance.now();
  near.holdUntil(new Promise<void>(() => {}));
  for (const r of lines(400)) near.add(r, place);
  scrollY = 100 * LINE;
  window.dispatchEvent(new Event('scroll'));
  await vi.waitFor(() => expect(registeredLines()).toContain(100), { timeout: 5000 });
  expect(performance.now() - held).toBeGreaterThanOrEqual(990); // not before the second
  expect(registeredLines().every((i) => i >= 90 && i <= 120)).toBe(true);
});

test('a stylesheet that arrives after the hold ended: the next window is read after a frame again, not in its callback', async () => {
  const near = viewport({ cap: 100, allBelow: 5, margin: 1, holdLimitMs: 20 });
  let styled!: () => void;
  near.holdUntil(new Promise<void>((resolve) => (styled = resolve)));
  for (const r of lines(400)) near.add(r, place);
  await vi.waitFor(() => expect(registeredLines()).toContain(10)); // the hold ended by its limit; a window was read
  scrollY = 100 * LINE;
  window.dispatchEvent(new Event('scroll'));
  await vi.waitFor(() => expect(registeredLines()).toContain(100)); // laid out: read in the frame
  styled(); // the sheet goes in now: the page will be laid out again as a whole
  await Promise.resolve();
  const watch = watchReads();
  scrollY = 300 * LINE;
  window.dispatchEvent(new Event('scroll'));
  await vi.waitFor(() => expect(registeredLines()).toContain(300));
  expect(watch.reads.length).toBeGreaterThan(0);
  expect(watch.reads.filter((duringFrame) => duringFrame)).toEqual([]);
  watch.restore();
  near.destroy();
});

test('text shown without a scroll (a <details> opened, a tab of the page switched by a click) is registered on the next frame', async () => {
  const near = viewport({ cap: 100, allBelow: 5, margin: 1 });
  const all = lines(400);
  for (const r of all.slice(0, 10)) hidden.add(r); // in a closed <details> at the top
  for (const r of all) near.add(r, place);
  near.update();
  idle.flush();
  expect(registeredLines()).toEqual(Array.from({ length: 11 }, (_, i) => 10 + i));
  for (const r of all.slice(0, 10)) hidden.delete(r);
  document.querySelector('p')!.dispatchEvent(new Event('toggle')); // as a <details> fires it: no bubbling
  await vi.waitFor(() => expect(registeredLines()).toContain(0));
  idle.flush();
  expect(registeredLines()).toEqual(Array.from({ length: 21 }, (_, i) => i));

  // A tab of the page switched: its text there now, the other's gone.
  for (const r of all.slice(0, 10)) hidden.add(r);
  document.querySelectorAll('p')[15]!.dispatchEvent(new MouseEvent('click', { bubbles: true }));
  await vi.waitFor(() => expect(registeredLines()).not.toContain(0));
  expect(registeredLines()).toContain(10);
});

/** A ResizeObserver on `window` that the test notifies by hand (jsdom has none): each one made, what it watches. */
function fakeResizeObservers() {
  const made: { notify: () => void; targets: Element[]; connected: boolean }[] = [];
  class FakeResizeObserver {
    private readonly own: (typeof made)[number];
    constructor(callback: ResizeObserverCallback) {
      const own = { notify: () => callback([], this as unknown as ResizeObserver), targets: [] as Element[], connected: true };
      this.own = own;
      made.push(own);
    }
    observe(target: Element) {
      this.own.targets.push(target);
    }
    unobserve() {}
    disconnect() {
      this.own.connected = false;
    }
  }
  Object.defineProperty(window, 'ResizeObserver', { value: FakeResizeObserver, configurable: true, writable: true });
  const live = () => made.filter((o) => o.connected);
  return {
    live,
    /** What the browser does once per frame after the observed root's size changed (and once when first observed). */
    notify: () => live().forEach((o) => o.notify()),
    /** The same for the observers watching `target` only. */
    notifyFor: (target: Element) => live().filter((o) => o.targets.includes(target)).forEach((o) => o.notify()),
    uninstall: () => void delete (window as { ResizeObserver?: unknown }).ResizeObserver,
  };
}

test('a page that grows without a scroll or a click (its root resized) has the text it shows registered after the change delay; the size the root had when observed changes nothing', async () => {
  const observers = fakeResizeObservers();
  try {
    const near = viewport({ cap: 100, allBelow: 5, margin: 1 });
    const all = lines(400);
    for (const r of all.slice(0, 10)) hidden.add(r); // text the page has not shown yet
    for (const r of all) near.add(r, place);
    near.update();
    idle.flush();
    expect(registeredLines()).toEqual(Array.from({ length: 11 }, (_, i) => 10 + i));
    expect(observers.live().map((o) => o.targets)).toEqual([[document.documentElement]]);

    const rects = vi.spyOn(Range.prototype, 'getBoundingClientRect');
    observers.notify(); // the first notification: the size the root had, nothing changed
    await new Promise((resolve) => setTimeout(resolve, 400)); // past the change delay and a frame
    expect(rects).not.toHaveBeenCalled();
    rects.mockRestore();

    for (const r of all.slice(0, 10)) hidden.delete(r);
    const grown = performance.now();
    observers.notify(); // the page grew: the text is there now
    observers.notify(); // and again on the next frame (a live page adding more): still one window after the delay
    await vi.waitFor(() => expect(registeredLines()).toContain(0));
    expect(performance.now() - grown).toBeGreaterThanOrEqual(240); // not read on every frame the page grows
    idle.flush();
    expect(registeredLines()).toEqual(Array.from({ length: 21 }, (_, i) => i));
  } finally {
    observers.uninstall();
  }
});

test('a page whose root keeps a fixed height around an inner scroller: what the scroller holds is watched, and text shown there without a scroll or a click is registered after the change delay', async () => {
  const observers = fakeResizeObservers();
  try {
    const near = viewport({ cap: 100, allBelow: 5, margin: 1 });
    document.body.innerHTML = `<div style="height: 100%; overflow-y: auto"><main>${Array.from({ length: 400 }, (_, i) => `<p>line ${i} Aleppo</p>`).join('')}</main><footer></footer></div>`;
    const all = [...document.querySelectorAll('p')].map((p, i) => {
      const r = document.createRange();
      r.setStart(p.firstChild!, 0);
      r.setEnd(p.firstChild!, 4);
      order.set(r, i);
      return r;
    });
    for (const r of all.slice(0, 10)) hidden.add(r); // text the page has not shown yet
    for (const r of all) near.add(r, place);
    near.update();
    idle.flush();
    expect(registeredLines()).toEqual(Array.from({ length: 11 }, (_, i) => 10 + i));
    const main = document.querySelector('main')!;
    expect(observers.live().flatMap((o) => o.targets)).toEqual([document.documentElement, main, document.querySelector('footer')]);
    observers.notify(); // the first notification: the sizes they had

    // The page's script shows the text (a class changed): the root keeps its size, what is in the scroller grows.
    for (const r of all.slice(0, 10)) hidden.delete(r);
    observers.notifyFor(main);
    await vi.waitFor(() => expect(registeredLines()).toContain(0));
    idle.flush();
    expect(registeredLines()).toEqual(Array.from({ length: 21 }, (_, i) => i));
    // Looked for once: a later window reads no style again.
    const styles = vi.spyOn(window, 'getComputedStyle');
    near.update();
    expect(styles).not.toHaveBeenCalled();
    styles.mockRestore();
  } finally {
    observers.uninstall();
  }
});

test('the root\'s observer lives only while the ranges are windowed: disconnected on clear, when the page drops to a few ranges, and on destroy', () => {
  const observers = fakeResizeObservers();
  try {
    const near = viewport({ cap: 100, allBelow: 5, margin: 1 });
    const all = lines(400);
    for (const r of all) near.add(r, place);
    expect(observers.live()).toHaveLength(1);
    near.clear();
    expect(observers.live()).toHaveLength(0);

    for (const r of all) near.add(r, place);
    expect(observers.live()).toHaveLength(1);
    for (const r of all.slice(5)) near.delete(r); // down to five: every one registered, no window
    expect(observers.live()).toHaveLength(0);
    expect(registeredLines()).toEqual([0, 1, 2, 3, 4]);

    for (const r of all.slice(5)) near.add(r, place);
    expect(observers.live()).toHaveLength(1);
    near.destroy();
    expect(observers.live()).toHaveLength(0);
  } finally {
    observers.uninstall();
  }
});

test('idle time between a scroll and its window registers nothing of the window before it (far from the reader now)', async () => {
  const near = viewport({ cap: 100, allBelow: 5, margin: 1 });
  for (const r of lines(1200)) near.add(r, place);
  scrollY = 100 * LINE;
  near.update(); // 100..110 in view, 90..99 and 111..120 waiting for idle time
  expect(near.pendingCount).toBe(20);
  scrollY = 900 * LINE;
  window.dispatchEvent(new Event('scroll'));
  idle.flush(); // an idle period before the frame that reads the new window
  expect(registeredLines()).toEqual(Array.from({ length: 11 }, (_, i) => 100 + i));
  await vi.waitFor(() => expect(registeredLines()).toContain(900));
  expect(registeredLines().filter((i) => i < 800)).toEqual([]);
  idle.flush();
  expect(registeredLines()).toEqual(Array.from({ length: 31 }, (_, i) => 890 + i));
});
