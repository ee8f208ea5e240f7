// The main-thread tasks of an already open page while something happens, from a Chromium trace: each top-level
// block's wall time and its thread (CPU) time. The bench and the browser tests read "no task over 50 ms" from the
// thread time too: on a machine shared by many jobs (2 cores, a load of 10) the OS can stop a page's thread in the
// middle of a 5 ms task and the wall clock then says 80 ms, although the page did 5 ms of work. The wall time is
// reported beside it.
import type { BrowserContext, Page } from 'playwright-core';
import { recordTrace, TOP_LEVEL, type TraceEvent } from './trace';

export interface PageTask {
  /** Milliseconds after the trace began. */
  startMs: number;
  wallMs: number;
  /** Time on the thread (CPU); the wall time when the trace has no thread times. */
  cpuMs: number;
  /** Whether the trace gave this block a thread time (when not, `cpuMs` is its wall time). */
  threadTimed: boolean;
}

/** Records a trace while `work` runs; returns the tasks of the renderer main thread showing a URL starting with `url`. */
export async function traceTasksOf(context: BrowserContext, page: Page, url: string, work: () => Promise<void>): Promise<PageTask[]> {
  // Thread times are in the disabled-by-default timeline category.
  return pageTasks(await recordTrace(context, page, work, 'toplevel,devtools.timeline,disabled-by-default-devtools.timeline'), url);
}

export function pageTasks(events: readonly TraceEvent[], url: string): PageTask[] {
  const pids = new Set<number>();
  for (const e of events) for (const f of e.args?.data?.frames ?? []) if (f.url?.startsWith(url) && f.processId !== undefined) pids.add(f.processId);
  const mainThreads = new Set(events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain' && pids.has(e.pid)).map((e) => `${e.pid}:${e.tid}`));
  // A trace holds hundreds of thousands of events: no spreading them into arguments.
  const first = events.reduce((min, e) => (e.ts > 0 && e.ts < min ? e.ts : min), Infinity);
  const blocks = events
    .filter((e) => e.ph === 'X' && e.dur !== undefined && TOP_LEVEL.test(e.name) && mainThreads.has(`${e.pid}:${e.tid}`))
    .sort((a, b) => a.ts - b.ts);
  const tasks: PageTask[] = [];
  let openUntil = -Infinity;
  for (const b of blocks) {
    if (b.ts < openUntil) continue; // a checkpoint nested at the end of the task before
    openUntil = b.ts + b.dur!;
    tasks.push({ startMs: (b.ts - first) / 1000, wallMs: b.dur! / 1000, cpuMs: (b.tdur ?? b.dur!) / 1000, threadTimed: b.tdur !== undefined });
  }
  return tasks;
}
