import { expect, test, vi } from 'vitest';
import { forEachChunk, runSteps, yieldToMain } from '@/lib/page/schedule';

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

test('work in steps runs a few steps a task by elapsed time, pausing between tasks, and gives the steps\' answer', async () => {
  let clock = 0;
  const ran: number[] = [];
  function* steps() {
    for (let i = 0; i < 20; i++) {
      ran.push(i);
      clock += 3; // 3 ms a step: three steps fit before the 8 ms budget is passed
      yield;
    }
    return 'done';
  }
  const tasks: number[] = [];
  const answer = await runSteps(steps(), { budgetMs: 8, now: () => clock, pause: async () => void tasks.push(ran.length), stopped: null });
  expect(answer).toBe('done');
  expect(ran).toEqual(Array.from({ length: 20 }, (_, i) => i));
  expect(tasks).toEqual([3, 6, 9, 12, 15, 18]);
});

test('a pause that answers false stops the steps where they are; the rest can still be run', async () => {
  let steps = 0;
  function* work() {
    for (let i = 0; i < 5; i++) {
      steps++;
      yield;
    }
    return steps;
  }
  const generator = work();
  const answer = await runSteps(generator, { budgetMs: 0, pause: async () => false, stopped: 'stopped' as const });
  expect(answer).toBe('stopped');
  expect(steps).toBe(1);
  expect(await runSteps(generator, { budgetMs: 100, stopped: null })).toBe(5);
});
