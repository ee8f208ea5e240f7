// Single-page navigation: the committed URL is compared on navigation events and once a second, so a page's
// own events (even forged ones) cost a comparison and report nothing while the address is unchanged; a change
// is reported once the address settles, and a page rewriting its address in a loop costs a few reports.
import { afterEach, expect, test, vi } from 'vitest';
import { watchLocation, type LocationWatcher } from '@/lib/page/location';

let watcher: LocationWatcher | null = null;
afterEach(() => {
  watcher?.stop();
  watcher = null;
  history.replaceState(null, '', '/');
  vi.useRealTimers();
});

test('pushState is noticed on the next check; popstate and hashchange are checked at once; repeats are ignored', () => {
  vi.useFakeTimers();
  const seen: [string, string][] = [];
  watcher = watchLocation(window, (url, previous) => seen.push([url, previous]), { pollMs: 1000, quietMs: 300 });
  const origin = location.origin;
  history.pushState(null, '', '/story-2');
  vi.advanceTimersByTime(1000);
  expect(seen).toEqual([]); // read, and given time to settle
  vi.advanceTimersByTime(300);
  expect(seen).toEqual([[`${origin}/story-2`, `${origin}/`]]);

  history.pushState(null, '', '/story-3');
  window.dispatchEvent(new PopStateEvent('popstate'));
  vi.advanceTimersByTime(300);
  expect(seen.at(-1)).toEqual([`${origin}/story-3`, `${origin}/story-2`]);
  for (let i = 0; i < 100; i++) window.dispatchEvent(new PopStateEvent('popstate')); // a page forging events
  vi.advanceTimersByTime(5000);
  expect(seen).toHaveLength(2);
});

test('a page rewriting its address 2,000 times in two seconds gets two reports, the last for where it ended', () => {
  vi.useFakeTimers();
  const seen: string[] = [];
  watcher = watchLocation(window, (url) => seen.push(url), { quietMs: 300, maxWaitMs: 2000 });
  for (let i = 1; i <= 2000; i++) {
    history.pushState(null, '', `/live?n=${i}`);
    window.dispatchEvent(new PopStateEvent('popstate'));
    vi.advanceTimersByTime(1);
  }
  vi.advanceTimersByTime(300);
  expect(seen.length).toBeLessThanOrEqual(2);
  expect(seen.at(-1)).toBe(`${location.origin}/live?n=2000`);
});

test('an address that comes back to where it was before it settled reports nothing', () => {
  vi.useFakeTimers();
  const seen: string[] = [];
  watcher = watchLocation(window, (url) => seen.push(url), { quietMs: 300 });
  history.pushState(null, '', '/elsewhere');
  window.dispatchEvent(new PopStateEvent('popstate'));
  history.back();
  history.replaceState(null, '', '/');
  window.dispatchEvent(new PopStateEvent('popstate'));
  vi.advanceTimersByTime(5000);
  expect(seen).toEqual([]);
});

test('stop ends the checks and the listeners', () => {
  vi.useFakeTimers();
  const seen: string[] = [];
  watcher = watchLocation(window, (url) => seen.push(url));
  watcher.stop();
  history.pushState(null, '', '/elsewhere');
  window.dispatchEvent(new PopStateEvent('popstate'));
  vi.advanceTimersByTime(5000);
  expect(seen).toEqual([]);
});
