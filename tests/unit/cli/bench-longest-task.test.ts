import { describe, expect, test } from 'vitest';
import { mainThreadTasks, type TraceEvent } from '@/scripts/bench/trace';
import { judgeLongestTask, longestBackstoryTask, type MachineLoad } from '@/scripts/bench/longest-task';

// A renderer main thread as Chromium's trace shows it: times in microseconds, `dur` by the clock, `tdur` on the thread.
const PID = 7, TID = 7, PROFILER_TID = 9;
const DCL: TraceEvent = { name: 'MarkDOMContent', ph: 'I', pid: PID, tid: TID, ts: 1_000_000, args: { data: { isOutermostMainFrame: true } } };
const CS = 'chrome-extension://abc/content-scripts/content.js';
const PAGE = 'https://news.example/app.js';
const block = (name: string, ts: number, dur: number, tdur: number, url?: string): TraceEvent => ({ name, ph: 'X', pid: PID, tid: TID, ts, dur, tdur, ...(url ? { args: { data: { url } } } : {}) });
const task = (ts: number, dur: number, tdur: number) => block('ThreadControllerImpl::RunTask', ts, dur, tdur);
const checkpoint = (ts: number, dur: number, tdur: number) => block('BlinkScheduler_PerformMicrotaskCheckpoint', ts, dur, tdur);

/**
 * V8's sampling profiler as the trace records it: the Profile on the sampled thread, its chunks on the profiler's
 * thread; nodes 3–4 are our content script's stack, 5–6 the page's. `samples` are [time µs, node] pairs.
 */
function profile(samples: Array<[number, number]>): TraceEvent[] {
  const start = 999_000;
  const nodes = [
    { id: 1, callFrame: { functionName: '(root)' } },
    { id: 2, parent: 1, callFrame: { functionName: '(program)' } },
    { id: 3, parent: 1, callFrame: { functionName: 'run', url: CS } },
    { id: 4, parent: 3, callFrame: { functionName: 'exec', url: '' } }, // a built-in called by ours: still ours
    { id: 5, parent: 1, callFrame: { functionName: 'render', url: PAGE } },
    { id: 6, parent: 5, callFrame: { functionName: 'exec', url: '' } },
  ];
  let last = start;
  const deltas = samples.map(([t]) => {
    const d = t - last;
    last = t;
    return d;
  });
  const half = samples.length >> 1;
  const chunk = (from: number, to: number, withNodes: boolean): TraceEvent => ({
    name: 'ProfileChunk',
    ph: 'P',
    pid: PID,
    tid: PROFILER_TID,
    ts: 2_000_000,
    id: '0x1',
    args: { data: { ...(withNodes ? { cpuProfile: { nodes, samples: samples.slice(from, to).map((s) => s[1]) } } : { cpuProfile: { samples: samples.slice(from, to).map((s) => s[1]) } }), timeDeltas: deltas.slice(from, to) } },
  });
  return [
    { name: 'Profile', ph: 'P', pid: PID, tid: TID, ts: start, id: '0x1', args: { data: { startTime: start } } },
    // The nodes come once, in the first chunk; later chunks' samples refer to them.
    chunk(0, half, true),
    chunk(half, samples.length, false),
  ];
}

const IDLE: MachineLoad = { start: 0.6, end: 1.1, cores: 2 };
const LOADED: MachineLoad = { start: 9.4, end: 11.8, cores: 2 };

/** The judgement of one page visited once, from its trace. */
const judge = (events: TraceEvent[], load: MachineLoad) => judgeLongestTask([longestBackstoryTask(mainThreadTasks(events).tasks)], load);

describe('bench: the longest-task row judges Backstory\'s own work', () => {
  test('a task of ours over 50 ms on the thread misses, loaded or not', () => {
    const events = [DCL, task(1_010_000, 70_000, 55_000), block('EvaluateScript', 1_010_500, 69_000, 54_800, CS)];
    expect(longestBackstoryTask(mainThreadTasks(events).tasks)).toEqual({ clockMs: 70, threadMs: 55 });
    expect(judge(events, IDLE).pass).toBe(false);
    expect(judge(events, LOADED).pass).toBe(false);
    // One visit over is enough: the thread time is judged on every visit, not on their median.
    expect(judgeLongestTask([{ clockMs: 20, threadMs: 12 }, { clockMs: 61, threadMs: 51 }, { clockMs: 22, threadMs: 14 }], LOADED).pass).toBe(false);
  });

  test('the page\'s own tasks are not ours: its script, its layout, and its promise continuations', () => {
    const events = [
      DCL,
      // Ours: the content script evaluated (12 ms), then a continuation after a pause that names no script, known by
      // the profiler's samples of our stack (8 ms).
      task(1_010_000, 12_500, 12_000),
      block('EvaluateScript', 1_010_100, 12_000, 11_800, CS),
      checkpoint(1_040_000, 8_000, 8_000),
      // The page's: a script task, a layout, and a microtask checkpoint whose samples are the page's stack.
      task(1_100_000, 90_000, 88_000),
      block('FunctionCall', 1_100_100, 89_000, 87_000, PAGE),
      task(1_200_000, 210_000, 205_000),
      block('Layout', 1_200_100, 209_000, 204_000),
      checkpoint(1_500_000, 120_000, 118_000),
      ...profile([
        [1_041_000, 3], [1_043_000, 4], [1_046_000, 3], // ours, in the 8 ms checkpoint
        [1_150_000, 5], [1_510_000, 5], [1_560_000, 6], [1_600_000, 5], // the page's
        [1_300_000, 2], // (program): no one's script
      ]),
    ];
    const tasks = mainThreadTasks(events).tasks;
    expect(tasks.map((t) => [Math.round(t.startMs), t.backstory])).toEqual([
      [10, true],
      [40, true],
      [100, false],
      [200, false],
      [500, false],
    ]);
    expect(longestBackstoryTask(tasks)).toEqual({ clockMs: 12.5, threadMs: 12 });
    expect(judge(events, IDLE).pass).toBe(true);
  });

  test('on an idle machine the clock is judged too; under load it is printed, not judged', () => {
    // 12 ms of our work that the clock reads as 80 ms (the OS gave the CPU away in the middle of it).
    const events = [DCL, checkpoint(1_040_000, 80_000, 12_000), ...profile([[1_041_000, 3], [1_100_000, 4]])];
    const idle = judge(events, IDLE);
    expect(idle).toMatchObject({ pass: false, loaded: false, clock: { median: 80 }, thread: { median: 12 } });
    expect(judge(events, LOADED)).toMatchObject({ pass: true, loaded: true });
    // Loaded at either end of the row is loaded; below the cores at both ends is idle.
    expect(judge(events, { start: 1.2, end: 2.4, cores: 2 }).loaded).toBe(true);
    expect(judge(events, { start: 1.9, end: 1.9, cores: 2 }).pass).toBe(false);
    // The clock is judged on the median visit: one slow visit of three does not miss, two do.
    expect(judgeLongestTask([{ clockMs: 30, threadMs: 10 }, { clockMs: 80, threadMs: 11 }, { clockMs: 32, threadMs: 10 }], IDLE).pass).toBe(true);
    expect(judgeLongestTask([{ clockMs: 30, threadMs: 10 }, { clockMs: 80, threadMs: 11 }, { clockMs: 52, threadMs: 10 }], IDLE).pass).toBe(false);
  });

  test('nothing measured is a miss, not a pass', () => {
    expect(judgeLongestTask([], IDLE).pass).toBe(false);
  });
});
