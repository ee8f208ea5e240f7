// Single-page navigation: the committed URL is compared on navigation events and once a second, so a page's
// own events (even forged ones) cost a comparison and report nothing while the address is unchanged.
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
  watcher = watchLocation(window, (url, previous) => seen.push([url, previous]), { pollMs: 1000 });
  const origin = location.origin;
  history.pushState(null, '', '/story-2');
  expect(seen).toEqual([]);
  vi.advanceTimersByTime(1000);
  expect(seen).toEqual([[`${origin}/story-2`, `${origin}/`]]);

  history.pushState(null, '', '/story-3');
  window.dispatchEvent(new PopStateEvent('popstate'));
  expect(seen.at(-1)).toEqual([`${origin}/story-3`, `${origin}/story-2`]);
  for (let i = 0; i < 100; i++) window.dispatchEvent(new PopStateEvent('popstate')); // a page forging events
  vi.advanceTimersByTime(5000);
  expect(seen).toHaveLength(2);
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
