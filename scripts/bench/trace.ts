// Main-thread tasks of one page, read from a Chromium trace (CDP Tracing) rather than the Long Tasks API.
//
// Why: the Long Tasks API misses work that runs in a microtask checkpoint outside a scheduler task — which is
// where a content script's promise continuations run after an extension API reply (browser.storage, messages).
// Measured on the 200,000-word page: a 50–110 ms detection step showed in the trace as a
// BlinkScheduler_PerformMicrotaskCheckpoint block and never as a `longtask` entry. The trace sees every
// top-level block of the renderer's main thread, scripts and rendering alike.
import type { BrowserContext, Page } from 'playwright-core';

export interface TracedTask {
  /** Milliseconds after DOMContentLoaded of the page's main frame. */
  startMs: number;
  durationMs: number;
  /** What took most of it: the content script, other script, or the browser's style/layout/paint. */
  kind: 'extension script' | 'script' | 'rendering' | 'other';
  /** Time in script events of the extension's own files (chrome-extension:// URLs) within it. */
  extensionScriptMs: number;
  /**
   * Whether it ran Backstory's work: the extension's own script ran in it, or one of the content script's steps began
   * in it (its backstory:* performance measures, which the trace records as user timing on the same clock).
   */
  backstory: boolean;
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
  args?: { name?: string; data?: { url?: string; isOutermostMainFrame?: boolean; isMainFrame?: boolean; frames?: Array<{ url?: string; processId?: number }> } };
}

export const TOP_LEVEL = /^(ThreadControllerImpl::RunTask|BlinkScheduler_PerformMicrotaskCheckpoint)$/;
const RENDERING = /^(Layout|UpdateLayoutTree|PrePaint|Paint|Layerize|UpdateLayer|HitTest|ParseHTML|RecalculateStyles)$/;
const SCRIPT = /^(EvaluateScript|FunctionCall|v8\.compile|v8\.callFunction|TimerFire|RunYieldContinuation|FireAnimationFrame|EventDispatch)$/;

/** Records a trace around `work` (which loads the page) and returns the page's main-thread tasks after DOMContentLoaded. */
export async function traceMainThread(context: BrowserContext, page: Page, work: () => Promise<void>): Promise<TaskTrace> {
  return mainThreadTasks(await recordTrace(context, page, work, 'toplevel,devtools.timeline,blink.user_timing'));
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

  const contentScript = thread.find((e) => e.name === 'EvaluateScript' && (e.args?.data?.url ?? '').startsWith('chrome-extension://') && e.ts >= dcl.ts);
  // Where the content script's steps began (performance.measure → user timing events of the same renderer).
  const steps = events
    .filter((e) => e.pid === dcl.pid && e.name.startsWith('backstory:') && (e.ph === 'b' || e.ph === 'X' || e.ph === 'I' || e.ph === 'R'))
    .map((e) => e.ts)
    .sort((a, b) => a - b);
  let step = 0;
  const tasks: TracedTask[] = [];
  let openUntil = -Infinity;
  let i = 0;
  for (const block of thread) {
    if (!TOP_LEVEL.test(block.name) || block.ts < dcl.ts) continue;
    const end = block.ts + block.dur!;
    if (block.ts < openUntil) continue; // nested inside the block before (a checkpoint at the end of a task)
    openUntil = end;
    // What the block spent its time on: the longest classified events inside it.
    const spent = { 'extension script': 0, script: 0, rendering: 0 };
    while (i < thread.length && thread[i]!.ts < block.ts) i++;
    for (let j = i; j < thread.length && thread[j]!.ts < end; j++) {
      const e = thread[j]!;
      if (e === block || e.ts + e.dur! > end) continue;
      if (RENDERING.test(e.name)) spent.rendering += e.dur!;
      else if (SCRIPT.test(e.name)) spent[(e.args?.data?.url ?? '').startsWith('chrome-extension://') ? 'extension script' : 'script'] += e.dur!;
    }
    const [top, amount] = Object.entries(spent).sort((a, b) => b[1] - a[1])[0]!;
    // A microtask checkpoint has no script event of its own: its time is the promise continuations' script.
    const kind = amount > 0 ? (top as TracedTask['kind']) : block.name.startsWith('BlinkScheduler') ? 'script' : 'other';
    while (step < steps.length && steps[step]! < block.ts) step++;
    const stepInside = step < steps.length && steps[step]! <= end;
    tasks.push({ startMs: toMs(block.ts), durationMs: block.dur! / 1000, kind, extensionScriptMs: spent['extension script'] / 1000, backstory: spent['extension script'] > 0 || stepInside });
  }
  return { tasks, contentScriptStartMs: contentScript ? toMs(contentScript.ts) : null };
}
