// The page's view of Backstory's timings: nothing on its performance timeline unless diagnostics mode is on, and
// what the first milliseconds timed is published with its own times once the mode turns out to be on.
import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import { DIAGNOSTICS_KEY, mark, measure, publishTimings, readDiagnostics, resetTimingsForTests } from '@/lib/timings';

const ours = () => performance.getEntries().filter((e) => e.name.startsWith('backstory:'));

beforeEach(() => {
  resetTimingsForTests();
  performance.clearMarks();
  performance.clearMeasures();
});
afterEach(() => resetTimingsForTests());

test('with the mode off, nothing is published: not what waited for the answer, not what comes after', () => {
  mark('backstory:detected');
  measure('backstory:anchor', performance.now() - 5);
  publishTimings(false);
  mark('backstory:reference');
  measure('backstory:highlight', performance.now() - 1);
  expect(ours()).toEqual([]);
});

test('before the mode is known nothing is published; once it is on, what waited is published with its own times', () => {
  const markedAt = performance.now();
  mark('backstory:detected');
  const start = performance.now();
  const end = measure('backstory:anchor', start);
  expect(ours()).toEqual([]);
  publishTimings(true);
  const [detected] = performance.getEntriesByName('backstory:detected', 'mark');
  const [anchor] = performance.getEntriesByName('backstory:anchor', 'measure');
  expect(detected!.startTime).toBeGreaterThanOrEqual(markedAt);
  expect(detected!.startTime).toBeLessThanOrEqual(start);
  expect(anchor!.startTime).toBe(start);
  expect(anchor!.duration).toBeCloseTo(end - start, 6);
  // And from then on, at once.
  mark('backstory:reference');
  expect(performance.getEntriesByName('backstory:reference')).toHaveLength(1);
});

test('what waits for the answer is bounded: a page that never hears it keeps a few hundred entries, not a growing list', () => {
  for (let i = 0; i < 10_000; i++) mark('backstory:detected');
  publishTimings(true);
  const published = performance.getEntriesByName('backstory:detected').length;
  expect(published).toBeGreaterThan(0);
  expect(published).toBeLessThanOrEqual(256);
});

test('the mode is on only for `true` in storage; anything else, or storage that fails, reads as off', async () => {
  const area = (value: unknown) => ({ get: async (key: string) => (key === DIAGNOSTICS_KEY ? { [key]: value } : {}) });
  expect(await readDiagnostics(area(true))).toBe(true);
  for (const value of [undefined, false, 'true', 1, {}]) expect(await readDiagnostics(area(value))).toBe(false);
  expect(await readDiagnostics({ get: () => Promise.reject(new Error('Extension context invalidated.')) })).toBe(false);
});

test('a part, a script with its own copy of this module in the same world, follows the mode the content script read', async () => {
  vi.resetModules();
  const part = await import('@/lib/timings');
  expect(part.mark).not.toBe(mark); // a copy of its own, as a part's bundle has
  part.measure('backstory:anchor', performance.now() - 2);
  expect(ours()).toEqual([]);
  publishTimings(true);
  expect(performance.getEntriesByName('backstory:anchor')).toHaveLength(1);
  part.mark('backstory:tables-built');
  expect(performance.getEntriesByName('backstory:tables-built')).toHaveLength(1);
});
