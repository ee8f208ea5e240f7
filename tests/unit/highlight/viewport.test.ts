// Only the ranges near the viewport are registered on a page with more than the cap: as the reader scrolls,
// the registered set follows, never larger than the cap; below the cap every range is registered.
import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import { createNamedHighlight, type NamedHighlight } from '@/lib/highlight/registry';
import { NearViewport } from '@/lib/highlight/viewport';
import { installFakeHighlights, stubRangeGeometry } from './fake-highlights';

let fake: ReturnType<typeof installFakeHighlights>;
let restore: () => void;
let scrollY = 0;
const LINE = 20;
let place: NamedHighlight;
/** Ranges laid out one line each, top to bottom in document order, `hidden` ones without a box. */
let hidden: Set<Range>;
let order: Map<Range, number>;

beforeEach(() => {
  fake = installFakeHighlights();
  scrollY = 0;
  hidden = new Set();
  order = new Map();
  restore = stubRangeGeometry((r) => {
    if (hidden.has(r)) return [new DOMRect(0, 0, 0, 0)];
    const i = order.get(r) ?? 0;
    return [new DOMRect(0, i * LINE - scrollY, 40, LINE - 4)];
  });
  Object.defineProperty(window, 'innerHeight', { value: 200, configurable: true });
  place = createNamedHighlight(window, 'backstory-place', 1)!;
});
afterEach(() => {
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
  const near = new NearViewport(window, { cap: 100, allBelow: 100 });
  for (const r of lines(60)) near.add(r, place);
  expect(near.registeredCount).toBe(60);
  expect(registeredLines()).toHaveLength(60);
  near.destroy();
  expect(fake.registry.has('backstory-place')).toBe(false);
});

test('above a few, only the lines within the margin above and below are registered, following the scroll', () => {
  const near = new NearViewport(window, { cap: 100, margin: 1 });
  for (const r of lines(1200)) near.add(r, place);
  near.update();
  // Viewport 0–200 px, margin 200 px each way: lines 0..19 (line 20 starts at 400 px, past the margin).
  expect(registeredLines()).toEqual(Array.from({ length: 21 }, (_, i) => i));
  scrollY = 20_000; // line 1000 at the top
  near.update();
  const now = registeredLines();
  expect(now[0]).toBeGreaterThanOrEqual(989);
  expect(now.at(-1)).toBeLessThanOrEqual(1020);
  expect(now).toContain(1000);
  expect(now).toContain(1009);
  expect(near.registeredCount).toBeLessThanOrEqual(100);
  near.destroy();
});

test('hidden text (no box) is skipped, and the window is still found past it', () => {
  const near = new NearViewport(window, { cap: 10, margin: 1 });
  const ranges = lines(1200);
  for (const r of ranges.slice(400, 800)) hidden.add(r);
  for (const r of ranges) near.add(r, place);
  scrollY = 1000 * LINE;
  near.update();
  const now = registeredLines();
  expect(now).toContain(1000);
  expect(now.every((i) => i < 400 || i >= 800)).toBe(true);
});

test('never more than the cap at once, nearest the middle of the viewport kept (a page zoomed far out)', () => {
  Object.defineProperty(window, 'innerHeight', { value: 20_000, configurable: true });
  const near = new NearViewport(window, { cap: 50, margin: 1 });
  for (const r of lines(1200)) near.add(r, place);
  near.update();
  expect(near.registeredCount).toBe(50);
  const now = registeredLines();
  expect(Math.min(...now)).toBeGreaterThanOrEqual(475);
  expect(Math.max(...now)).toBeLessThanOrEqual(525);
});

test('ranges added out of order (a living page) still take their place, and deleting down to the cap registers all', () => {
  const near = new NearViewport(window, { cap: 20, allBelow: 20, margin: 1 });
  const ranges = lines(40);
  for (const r of [...ranges.slice(20), ...ranges.slice(0, 20)]) near.add(r, place);
  near.update();
  expect(registeredLines()).toEqual(Array.from({ length: 20 }, (_, i) => i));
  for (const r of ranges.slice(0, 25)) near.delete(r);
  expect(registeredLines()).toEqual(Array.from({ length: 15 }, (_, i) => i + 25));
});

test('always windowed (the reader\'s notes): a range far from the viewport is not registered until the reader gets there', () => {
  const note = createNamedHighlight(window, 'backstory-note', 10)!;
  const near = new NearViewport(window, { allBelow: 0 });
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
  const near = new NearViewport(window, { cap: 10, margin: 1 });
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
