import { expect, test, vi } from 'vitest';
import { forEachChunk, yieldToMain } from '@/lib/page/schedule';

test('work is split by elapsed time and yields between chunks; every item is processed once, in order', async () => {
  let clock = 0;
  const seen: number[] = [];
  const chunkEnds: number[] = [];
  const items = Array.from({ length: 1000 }, (_, i) => i);
  const done = await forEachChunk(
    items,
    (slice) => {
      seen.push(...slice);
      clock += slice.length * 0.05; // 0.05 ms per item
    },
    { budgetMs: 8, now: () => clock, yield: async () => void chunkEnds.push(seen.length) },
  );
  expect(done).toBe(true);
  expect(seen).toEqual(items);
  expect(chunkEnds.length).toBeGreaterThan(2);
  // No chunk ran far over budget: at most budget + one slice.
  let last = 0;
  for (const end of chunkEnds) {
    expect((end - last) * 0.05).toBeLessThan(8 + 4096 * 0.05);
    last = end;
  }
});

test('a cancelled run stops at the next chunk boundary', async () => {
  let clock = 0;
  let cancelled = false;
  const seen: number[] = [];
  const done = await forEachChunk(
    Array.from({ length: 500 }, (_, i) => i),
    (slice) => {
      seen.push(...slice);
      clock += slice.length;
    },
    { budgetMs: 8, now: () => clock, cancelled: () => cancelled, yield: async () => void (cancelled = true) },
  );
  expect(done).toBe(false);
  expect(seen.length).toBeLessThan(500);
});

test('yieldToMain uses scheduler.yield where the page has it', async () => {
  let yielded = 0;
  await yieldToMain({ scheduler: { yield: async () => void yielded++ }, MessageChannel });
  expect(yielded).toBe(1);
});

test('without scheduler.yield, yieldToMain gives the thread back through a message, not a (clamped) timeout', async () => {
  // Timers frozen: a setTimeout fallback would never resolve, a message does.
  vi.useFakeTimers({ toFake: ['setTimeout'] });
  try {
    let channels = 0;
    class CountingChannel extends MessageChannel {
      constructor() {
        super();
        channels++;
      }
    }
    await yieldToMain({ MessageChannel: CountingChannel });
    expect(channels).toBe(1);
  } finally {
    vi.useRealTimers();
  }
});

test('with neither, yieldToMain falls back to a timeout', async () => {
  vi.useFakeTimers({ toFake: ['setTimeout'] });
  try {
    let done = false;
    const pending = yieldToMain({}).then(() => (done = true));
    await Promise.resolve();
    expect(done).toBe(false);
    await vi.advanceTimersByTimeAsync(0);
    await pending;
    expect(done).toBe(true);
  } finally {
    vi.useRealTimers();
  }
});
