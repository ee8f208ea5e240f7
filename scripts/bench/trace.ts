// Main-thread tasks of one page, read from a Chromium trace (CDP Tracing) rather than the Long Tasks API.
//
// Why: the Long Tasks API misses work that runs in a microtask checkpoint outside a scheduler task — which is
// where a content script's promise continuations run after an extension API reply (browser.storage, messages).
// Measured on the 200,000-word page: a 50–110 ms detection step showed in the trace as a
// BlinkScheduler_PerformMicrotaskCheckpoint block and never as a `longtask` entry. The trace sees every
// top-level block of the renderer's main thread, scripts and rendering alike.
//
// Each block has two durations: by the clock (`dur`) and on the thread (`tdur`, the CPU time the thread got). On a
// machine other processes load, the OS takes the CPU away mid-block and the clock keeps running: a 5 ms block can
// read 80 ms by the clock. The thread time is the work the block did.
//
// Whose block it is: Backstory's when script of the extension's own files ran in it. The trace says so three ways:
// script events (EvaluateScript, FunctionCall, v8.compile) name the script's URL, chrome-extension://… for ours;
// V8's sampling profiler (recorded in the same trace) gives the JavaScript stack every ~0.2 ms, and a sample with
// a frame from a chrome-extension:// URL is our content script's isolated world running, including the promise
// continuations after a pause that name no script in any event; and a step of our pipeline (a backstory:*
// performance measure) began in it. Backstory's too are the blocks it causes without running script in them: the
// extension system's message to the frame (a `Receive mojo message` of `extensions.mojom.LocalFrame`: our
// background's scripting.insertCSS, an injection, a message to the content script; only Backstory is installed in
// the bench), and the rendering update (style, layout, paint) that follows a block of ours which scheduled a style
// recalculation or invalidated layout (ScheduleStyleRecalculation / InvalidateLayout, recorded with the thread's
// timeline): on the 200,000-word page, our sheet going in costs a whole-page relayout of hundreds of ms that no
// script of ours runs in. Such a rendering update is counted whole as ours even when the page also invalidated
// something since the last one (this errs toward strict). The page's own scripts, its own layout and the browser's
// own work are none of those.
//
// A microtask checkpoint that starts within 50 µs of a task's end is that task's end-of-task checkpoint (the
// browser emits it as a sibling, not nested): it is one block with the task, as the Long Tasks API counts it: by the
// clock from the task's start to the checkpoint's end, on the thread both halves' time, and ours if either half is.
import type { BrowserContext, Page } from 'playwright-core';

export interface TracedTask {
  /** Milliseconds after DOMContentLoaded of the page's main frame. */
  startMs: number;
  /** By the clock. */
  durationMs: number;
  /** On the thread (CPU time); the clock's when the trace has no thread times. */
  threadMs: number;
  /** What took most of it: the content script, other script, or the browser's style/layout/paint. */
  kind: 'extension script' | 'script' | 'rendering' | 'other';
  /** Time in script events of the extension's own files (chrome-extension:// URLs) within it. */
  extensionScriptMs: number;
  /**
   * Whether it is Backstory's work: a script event of the extension's own files, a profiler sample with one of
   * their frames on the stack, or the start of one of the content script's steps (its backstory:* performance
   * measures, which the trace records as user timing on the same clock) lies in it; or it is the extension
   * system's message to the frame, or a rendering update one of ours scheduled (see `cause`).
   */
  backstory: boolean;
  /** Why it is ours: our script ran in it, the extension system's message to the frame, or rendering we caused. */
  cause: 'script' | 'extension message' | 'rendering we caused' | 'script on a page without its own' | null;
}

export interface TaskTrace {
  tasks: TracedTask[];
  /** When the extension's content script started (ms after DOMContentLoaded), if it ran. */
  contentScriptStartMs: number | null;
}

export interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  /** Time on the thread, where the trace records it. */
  tdur?: number;
  /** Profiler events pair a Profile with its ProfileChunks by this id. */
  id?: string;
  args?: {
    name?: string;
    /** Receive mojo message: which interface the message is for. */
    chrome_mojo_event_info?: { mojo_interface_tag?: string };
    data?: {
      url?: string;
      isOutermostMainFrame?: boolean;
      isMainFrame?: boolean;
      frames?: Array<{ url?: string; processId?: number }>;
      /** Profile: when sampling began (trace clock, µs). */
      startTime?: number;
      /** ProfileChunk: new stack nodes, and samples (a node each) with the µs since the sample before. */
      cpuProfile?: { nodes?: ProfileNode[]; samples?: number[] };
      timeDeltas?: number[];
    };
  };
}

export interface ProfileNode {
  id: number;
  parent?: number;
  callFrame: { url?: string; functionName?: string };
}

/** Where the extension's own files run from. */
export const EXTENSION_URL = /^(chrome|moz)-extension:\/\//;

export const TOP_LEVEL = /^(ThreadControllerImpl::RunTask|BlinkScheduler_PerformMicrotaskCheckpoint)$/;
const RENDERING = /^(Layout|UpdateLayoutTree|PrePaint|Paint|Layerize|UpdateLayer|HitTest|ParseHTML|RecalculateStyles)$/;
/** The rendering update itself: what a scheduled style recalculation or layout invalidation makes the browser run. */
const RENDERING_UPDATE = /^(UpdateLayoutTree|RecalculateStyles|Layout|PrePaint|Paint)$/;
/** A block scheduling the next rendering update. */
const INVALIDATION = /^(ScheduleStyleRecalculation|InvalidateLayout)$/;
/** The extension system's messages to a frame (insertCSS, executeScript, runtime messages). */
const EXTENSION_MESSAGE = 'extensions.mojom.LocalFrame';
/** How soon after a task's end its end-of-task microtask checkpoint starts (µs): measured ≤ 50 in Chromium's trace. */
const CHECKPOINT_GAP_US = 50;
const SCRIPT = /^(EvaluateScript|FunctionCall|v8\.compile|v8\.callFunction|TimerFire|RunYieldContinuation|FireAnimationFrame|EventDispatch)$/;

/**
 * What traceMainThread records: tasks and script events, their thread times (the disabled-by-default timeline), the
 * content script's steps (user timing) and V8's stack samples (whose script ran).
 */
export const TASK_CATEGORIES = 'toplevel,devtools.timeline,disabled-by-default-devtools.timeline,blink.user_timing,disabled-by-default-v8.cpu_profiler';

/** Records a trace around `work` (which loads the page) and returns the page's main-thread tasks after DOMContentLoaded. */
export async function traceMainThread(context: BrowserContext, page: Page, work: () => Promise<void>): Promise<TaskTrace> {
  return mainThreadTasks(await recordTrace(context, page, work, TASK_CATEGORIES));
}

/**
 * The times (trace clock, µs, sorted) of the profiler's samples of thread `pid:tid` that had a frame of the
 * extension's own files on the stack. The Profile event is recorded on the sampled thread; its chunks, on the
 * profiler's own thread of the same process, carry the stack nodes (each new node once, with its parent) and the
 * samples as deltas from the one before.
 */
export function extensionSampleTimes(events: readonly TraceEvent[], pid: number, tid: number): number[] {
  const times: number[] = [];
  for (const profile of events) {
    if (profile.name !== 'Profile' || profile.pid !== pid || profile.tid !== tid || profile.args?.data?.startTime === undefined) continue;
    const nodes = new Map<number, ProfileNode>();
    const ours = new Map<number, boolean>();
    const isOurs = (id: number): boolean => {
      const known = ours.get(id);
      if (known !== undefined) return known;
      const node = nodes.get(id);
      const answer = node !== undefined && (EXTENSION_URL.test(node.callFrame.url ?? '') || (node.parent !== undefined && isOurs(node.parent)));
      ours.set(id, answer);
      return answer;
    };
    let t = profile.args.data.startTime;
    for (const chunk of events) {
      if (chunk.name !== 'ProfileChunk' || chunk.pid !== pid || chunk.id !== profile.id) continue;
      const data = chunk.args?.data;
      for (const node of data?.cpuProfile?.nodes ?? []) nodes.set(node.id, node);
      const samples = data?.cpuProfile?.samples ?? [];
      const deltas = data?.timeDeltas ?? [];
      for (let k = 0; k < samples.length; k++) {
        t += deltas[k] ?? 0;
        if (isOurs(samples[k]!)) times.push(t);
      }
    }
  }
  return times.sort((a, b) => a - b);
}

/** Whether a time of the sorted `times` lies in [from, to]. */
function anyWithin(times: readonly number[], from: number, to: number): boolean {
  let lo = 0;
  let hi = times.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (times[mid]! < from) lo = mid + 1;
    else hi = mid;
  }
  return lo < times.length && times[lo]! <= to;
}

/** The trace events recorded (CDP Tracing) while `work` runs. */
export async function recordTrace(context: BrowserContext, page: Page, work: () => Promise<void>, categories = 'toplevel,devtools.timeline'): Promise<TraceEvent[]> {
  const cdp = await context.newCDPSession(page);
  try {
    await cdp.send('Tracing.start', { categories, transferMode: 'ReturnAsStream' });
    await work();
    const complete = new Promise<{ stream?: string }>((resolve) => cdp.once('Tracing.tracingComplete', resolve));
    await cdp.send('Tracing.end');
    const { stream } = await complete;
    if (!stream) return [];
    const chunks: string[] = [];
    for (;;) {
      const chunk = await cdp.send('IO.read', { handle: stream, size: 1 << 22 });
      chunks.push(chunk.base64Encoded ? Buffer.from(chunk.data, 'base64').toString('utf8') : chunk.data);
      if (chunk.eof) break;
    }
    await cdp.send('IO.close', { handle: stream });
    const parsed = JSON.parse(chunks.join('')) as TraceEvent[] | { traceEvents: TraceEvent[] };
    return Array.isArray(parsed) ? parsed : parsed.traceEvents;
  } finally {
    await cdp.detach().catch(() => undefined);
  }
}

/** Top-level blocks of the main frame's renderer thread after its DOMContentLoaded, each classified. */
export function mainThreadTasks(events: readonly TraceEvent[]): TaskTrace {
  const dcl = events.find((e) => e.name === 'MarkDOMContent' && (e.args?.data?.isOutermostMainFrame ?? e.args?.data?.isMainFrame));
  if (!dcl) return { tasks: [], contentScriptStartMs: null };
  const thread = events.filter((e) => e.pid === dcl.pid && e.tid === dcl.tid && e.ph === 'X' && e.dur !== undefined).sort((a, b) => a.ts - b.ts);
  const toMs = (ts: number) => (ts - dcl.ts) / 1000;

  const contentScript = thread.find((e) => e.name === 'EvaluateScript' && EXTENSION_URL.test(e.args?.data?.url ?? '') && e.ts >= dcl.ts);
  const sampled = extensionSampleTimes(events, dcl.pid, dcl.tid);
  // Where the content script's steps began (performance.measure → user timing events of the same renderer).
  const steps = events
    .filter((e) => e.pid === dcl.pid && e.name.startsWith('backstory:') && (e.ph === 'b' || e.ph === 'X' || e.ph === 'I' || e.ph === 'R'))
    .map((e) => e.ts)
    .sort((a, b) => a - b);
  // The thread's instants that schedule a rendering update (they carry no duration).
  const invalidations = events
    .filter((e) => e.pid === dcl.pid && e.tid === dcl.tid && INVALIDATION.test(e.name))
    .map((e) => e.ts)
    .sort((a, b) => a - b);

  // Top-level blocks, each end-of-task checkpoint joined to the task before it.
  const blocks: Array<{ parts: TraceEvent[]; ts: number; end: number; dur: number; tdur: number }> = [];
  for (const e of thread) {
    if (!TOP_LEVEL.test(e.name) || e.ts < dcl.ts) continue;
    const last = blocks[blocks.length - 1];
    if (last && e.ts < last.end) continue; // nested inside the block before
    const tdur = e.tdur ?? e.dur!;
    if (last && e.name.startsWith('BlinkScheduler') && last.parts[last.parts.length - 1]!.name.startsWith('ThreadControllerImpl') && e.ts - last.end <= CHECKPOINT_GAP_US) {
      last.parts.push(e);
      last.end = e.ts + e.dur!;
      last.dur = last.end - last.ts; // by the clock, from the task's start to its checkpoint's end
      last.tdur += tdur;
      continue;
    }
    blocks.push({ parts: [e], ts: e.ts, end: e.ts + e.dur!, dur: e.dur!, tdur });
  }

  let step = 0;
  let invalidation = 0;
  // A block of ours scheduled a rendering update that has not run yet.
  let renderingOwed = false;
  const tasks: TracedTask[] = [];
  let i = 0;
  for (const block of blocks) {
    const { ts, end } = block;
    // What the block spent its time on: the longest classified events inside it.
    const spent = { 'extension script': 0, script: 0, rendering: 0 };
    let message = false;
    let lastRenderEnd = -Infinity;
    while (i < thread.length && thread[i]!.ts < ts) i++;
    for (let j = i; j < thread.length && thread[j]!.ts < end; j++) {
      const e = thread[j]!;
      if (block.parts.includes(e) || e.ts + e.dur! > end) continue;
      if (RENDERING.test(e.name)) spent.rendering += e.dur!;
      else if (SCRIPT.test(e.name)) spent[EXTENSION_URL.test(e.args?.data?.url ?? '') ? 'extension script' : 'script'] += e.dur!;
      if (RENDERING_UPDATE.test(e.name)) lastRenderEnd = Math.max(lastRenderEnd, e.ts + e.dur!);
      if (e.name === 'Receive mojo message' && e.args?.chrome_mojo_event_info?.mojo_interface_tag === EXTENSION_MESSAGE) message = true;
    }
    const [top, amount] = Object.entries(spent).sort((a, b) => b[1] - a[1])[0]!;
    // A microtask checkpoint has no script event of its own: its time is the promise continuations' script.
    const kind = amount > 0 ? (top as TracedTask['kind']) : block.parts[0]!.name.startsWith('BlinkScheduler') ? 'script' : 'other';
    while (step < steps.length && steps[step]! < ts) step++;
    const stepInside = step < steps.length && steps[step]! <= end;
    const ranOurs = spent['extension script'] > 0 || stepInside || anyWithin(sampled, ts, end);
    const rendered = lastRenderEnd > -Infinity;
    const cause: TracedTask['cause'] = ranOurs ? 'script' : message ? 'extension message' : rendered && renderingOwed ? 'rendering we caused' : null;
    // The rendering update ran: what was owed is paid. A block of ours that invalidates after its own (forced)
    // update, or without one, owes the next.
    while (invalidation < invalidations.length && invalidations[invalidation]! < ts) invalidation++;
    let k = invalidation;
    while (k < invalidations.length && invalidations[k]! <= end && invalidations[k]! < lastRenderEnd) k++;
    const invalidatedAfterUpdate = k < invalidations.length && invalidations[k]! <= end;
    if (rendered) renderingOwed = false;
    if ((cause === 'script' || cause === 'extension message') && invalidatedAfterUpdate) renderingOwed = true;
    tasks.push({
      startMs: toMs(ts),
      durationMs: block.dur / 1000,
      threadMs: block.tdur / 1000,
      kind,
      extensionScriptMs: spent['extension script'] / 1000,
      backstory: cause !== null,
      cause,
    });
  }
  return { tasks, contentScriptStartMs: contentScript ? toMs(contentScript.ts) : null };
}
