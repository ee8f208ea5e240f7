// The bench's longest-task row: how long Backstory's own main-thread work holds the page, and the one rule that
// judges it.
//
// The rule is the clock: the median over the visits of Backstory's longest task, by the clock, must be ≤ 50 ms. A
// reader feels a task as long as it holds the main thread by the clock, whatever held the CPU meanwhile, so neither
// the thread time nor the machine's load can excuse it. Both are printed beside the verdict as diagnosis only: the
// thread time (trace `tdur`) of that same task says how much of it was our work on the CPU and how much the thread
// waited (the OS preempting it under load, a GC safepoint, a join); the 1-minute load average at the row's start and
// end says how loaded the machine was.
// Backstory's tasks are the ones its own script ran in, the extension system's messages to the frame, and the
// rendering updates our work scheduled (scripts/bench/trace.ts says how the trace tells): never the page's own
// scripts or layout, nor the browser's.
import type { TracedTask } from './trace';
import { median } from './median';

export const LONGEST_TASK_TARGET_MS = 50;

/** The longest Backstory task of one visit by the clock, with its thread time and why it is ours. */
export interface TaskVisit {
  clockMs: number;
  /** The same task's thread time: diagnosis, not judged. */
  threadMs: number;
  cause?: TracedTask['cause'];
}

/** The 1-minute load average at the row's start and end, and the machine's cores: printed, not judged. */
export interface MachineLoad {
  start: number;
  end: number;
  cores: number;
}

export interface Spread {
  median: number;
  min: number;
  max: number;
}

export interface LongestTaskVerdict {
  pass: boolean;
  /** Judged: the clock of Backstory's longest task, median and spread over the visits. */
  clock: Spread;
  /** Diagnosis: the thread time of each visit's longest task (the same task as the clock's). */
  thread: Spread;
  /** Why it passed or missed, for the report line. */
  reason: string;
}

export function spreadOf(xs: readonly number[]): Spread {
  if (xs.length === 0) return { median: Number.NaN, min: Number.NaN, max: Number.NaN };
  const s = [...xs].sort((a, b) => a - b);
  return { median: median(s), min: s[0]!, max: s[s.length - 1]! };
}

/**
 * The tasks of a visit to a page that runs no script of its own (the page alone ran none): every script block from the
 * content script's start (`fromMs`) is Backstory's too, even one no stack sample of ours landed in (under load the
 * profiler's samples can be a hundred milliseconds apart, and a short continuation of ours stretched by the clock
 * would otherwise escape). On a page with scripts of its own, the tasks as traced.
 */
export function withoutPageScripts(tasks: readonly TracedTask[], fromMs: number, pageRunsScript: boolean): readonly TracedTask[] {
  if (pageRunsScript) return tasks;
  return tasks.map((t) => (!t.backstory && t.kind === 'script' && t.startMs >= fromMs ? { ...t, backstory: true, cause: 'script on a page without its own' as const } : t));
}

/** Backstory's longest task by the clock in one visit's traced tasks, with that task's thread time. */
export function longestBackstoryTask(tasks: readonly TracedTask[]): TaskVisit {
  let longest: TracedTask | null = null;
  for (const t of tasks) if (t.backstory && (longest === null || t.durationMs > longest.durationMs)) longest = t;
  return longest === null ? { clockMs: 0, threadMs: 0, cause: null } : { clockMs: longest.durationMs, threadMs: longest.threadMs, cause: longest.cause };
}

/** The row's judgement over a page's visits, by the clock alone (see the header). No visits: nothing measured, a miss. */
export function judgeLongestTask(visits: readonly TaskVisit[], targetMs = LONGEST_TASK_TARGET_MS): LongestTaskVerdict {
  const clock = spreadOf(visits.map((v) => v.clockMs));
  const thread = spreadOf(visits.map((v) => v.threadMs));
  if (visits.length === 0) return { pass: false, clock, thread, reason: 'no visit measured' };
  if (clock.median > targetMs) return { pass: false, clock, thread, reason: `clock over ${targetMs} ms (median of ${visits.length} visits)` };
  return { pass: true, clock, thread, reason: `clock within ${targetMs} ms (median of ${visits.length} visits)` };
}
