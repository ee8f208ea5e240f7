import { describe, expect, test } from 'vitest';
import { mainThreadTasks } from '@/scripts/bench/trace';

// A renderer main thread as Chromium's trace shows it: times in microseconds.
const PID = 7, TID = 7;
const ev = (name: string, ts: number, dur: number, url?: string) => ({ name, ph: 'X', pid: PID, tid: TID, ts, dur, ...(url ? { args: { data: { url } } } : {}) });
const DCL = { name: 'MarkDOMContent', ph: 'I', pid: PID, tid: TID, ts: 1_000_000, args: { data: { isOutermostMainFrame: true } } };
const CS = 'chrome-extension://abc/content-scripts/content.js';

describe('bench: main-thread tasks from a trace', () => {
  test('sees microtask checkpoints outside tasks, skips nested blocks, and says what each block spent its time on', () => {
    const events = [
      DCL,
      ev('ThreadControllerImpl::RunTask', 900_000, 80_000), // before DOMContentLoaded: not counted
      ev('ThreadControllerImpl::RunTask', 1_010_000, 60_000),
      ev('EvaluateScript', 1_010_500, 58_000, CS),
      ev('BlinkScheduler_PerformMicrotaskCheckpoint', 1_069_000, 900), // nested at the task's end
      // Promise continuations after an extension API reply: no RunTask around them (the Long Tasks API misses these).
      ev('BlinkScheduler_PerformMicrotaskCheckpoint', 1_075_000, 113_000),
      ev('ThreadControllerImpl::RunTask', 1_200_000, 64_000),
      ev('PrePaint', 1_201_000, 57_000),
      ev('FunctionCall', 1_259_000, 2_000, 'https://news.example/app.js'),
      { name: 'ThreadControllerImpl::RunTask', ph: 'X', pid: 99, tid: 1, ts: 1_100_000, dur: 500_000 }, // another process
    ];
    const trace = mainThreadTasks(events);
    expect(trace.contentScriptStartMs).toBeCloseTo(10.5);
    expect(trace.tasks.map((t) => [Math.round(t.startMs), Math.round(t.durationMs), t.kind])).toEqual([
      [10, 60, 'extension script'],
      [75, 113, 'script'],
      [200, 64, 'rendering'],
    ]);
  });

  test('tells the blocks that ran Backstory\'s work (its own script, or a backstory:* step begun in it) from the page\'s own', () => {
    const step = (name: string, ts: number) => ({ name, ph: 'b', pid: PID, tid: TID, ts });
    const events = [
      DCL,
      ev('ThreadControllerImpl::RunTask', 1_010_000, 60_000),
      ev('EvaluateScript', 1_010_500, 58_000, CS),
      // A continuation after scheduler.yield: no script URL, but the matcher's step began in it.
      ev('ThreadControllerImpl::RunTask', 1_100_000, 70_000),
      ev('RunYieldContinuation', 1_100_100, 69_000),
      step('backstory:match', 1_100_200),
      // The page's own layout and the page's own script: not Backstory's.
      ev('ThreadControllerImpl::RunTask', 1_200_000, 90_000),
      ev('Layout', 1_200_500, 88_000),
      ev('ThreadControllerImpl::RunTask', 1_300_000, 55_000),
      ev('FunctionCall', 1_300_100, 54_000, 'https://news.example/app.js'),
      // A step measured in another renderer does not make this one's block Backstory's.
      { ...step('backstory:detect', 1_300_500), pid: 99 },
    ];
    const trace = mainThreadTasks(events);
    expect(trace.tasks.map((t) => [Math.round(t.startMs), t.backstory])).toEqual([
      [10, true],
      [100, true],
      [200, false],
      [300, false],
    ]);
  });

  test('a trace without the main frame\'s DOMContentLoaded gives no tasks rather than the wrong thread\'s', () => {
    expect(mainThreadTasks([ev('ThreadControllerImpl::RunTask', 0, 90_000)])).toEqual({ tasks: [], contentScriptStartMs: null });
  });
});
