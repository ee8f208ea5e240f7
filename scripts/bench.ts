// `npm run bench`: how fast Backstory is on real and big pages, in Chromium, against two
// yardsticks run in the same process on the same pages — mark.js on the same alias list, and a bare baseline
// (one combined RegExp, ranges in one Highlight) — printed as ratios. Targets are printed PASS/MISS, never
// asserted: timings belong in a benchmark, not in tests that flake on a busy machine.
//
//   npm run bench                       build, then bench (a) seed pages, (b) the largest corpus page, (c) 200k words,
//                                       and (d) the seed pages with a generated reference of 10,000 entities, 50,000
//                                       aliases and 5,000 figures (scripts/bench/reference.ts): matcher load, cold
//                                       pipeline, heap per tab
//   npx tsx scripts/bench.ts --runs=3   fewer runs per measurement (default 5; the 200k-word page always 3, mark.js on it 1)
//   npx tsx scripts/bench.ts --words=50000 --json
//   npx tsx scripts/bench.ts --cost-only  only what Backstory costs a page after painting (typing on 5 MB, a live blog)
//   npx tsx scripts/bench.ts --tasks-only [--corpus] [--only=200k] [--visits=5]
//                                       only the longest-task row (the extension's visits and the page alone), on every
//                                       bench page (with --corpus, every corpus page rather than the largest) or those
//                                       whose key contains --only's text; --visits (default 3, in the whole bench too,
//                                       whatever --runs says) is the longest-task row's visits per page
//
// The longest-task row is judged by the clock (scripts/bench/longest-task.ts holds the rule): of Backstory's
// main-thread tasks, the longest by the clock must be ≤ 50 ms (median of the visits), whatever the load. Backstory's
// tasks are those its own script ran in (told apart in the trace by the script's chrome-extension:// URL, in script
// events and in V8's stack samples, or by one of its steps beginning there), the extension system's messages to the
// frame (our sheet's insertCSS), and the rendering updates a task of ours scheduled (never the page's own or the
// browser's). Beside the verdict, as diagnosis only: the same task's thread time (CPU) and the 1-minute load average
// at the row's start and end, and the longest rendering after our start.
//
// Two browsers: a plain Chromium, where the bench bundle (scripts/bench/page-entry.ts: lib/ pipeline, mark.js,
// baseline) runs alone on each page, and Chromium with the built extension, where the shipped content script
// annotates the same page and we read its main-thread tasks from a Chromium trace (scripts/bench/trace.ts),
// beside the page's own.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join, resolve } from 'node:path';
import { cpus, loadavg } from 'node:os';
import { build } from 'esbuild';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { BASE_ARGS, CHROMIUM_PATH, INSTALL_HINT, chromiumAvailable, extensionDir, launchWithExtension, servePages, type ExtensionBrowser, type PageServer } from './chromium';
import { summaryOf, tabShowing } from './page-summary';
import { measureLiveBlog, measureTyping, type LiveBlogResult, type TypingResult } from './bench/page-cost';
import type { PageSummary } from '../lib/page/messages';
import { corpusPages, generatedPage, largestCorpusPage, seedPages, type BenchPage } from './bench/pages';
import { generateReference, LARGE_REFERENCE } from './bench/reference';
import { compileTables } from '../lib/match/tables';
import { serializeTables } from '../lib/reference/serialize';
import { traceMainThread, type TracedTask } from './bench/trace';
import { judgeLongestTask, longestBackstoryTask, withoutPageScripts, LONGEST_TASK_TARGET_MS, spreadOf, type LongestTaskVerdict, type MachineLoad, type Spread } from './bench/longest-task';
import { inFreshPage } from './bench/fresh-page';
import type { BenchApi, PipelineTiming, YardstickTiming } from './bench/page-entry';
import type { Dataset } from '../lib/reference/types';
import { benchSets } from './bench-sets';
import { benchExport } from './bench-export';
import { benchNotes } from './bench-notes';
import { flag, option, wholeNumber } from './bench/args';
import { median } from './bench/median';

const ROOT = resolve(import.meta.dirname, '..');
const SHARED = resolve(ROOT, '..', 'shared');
const TARGETS = { pipelineOnSeedMs: 16, ratioToBaseline: 2, longestTaskMs: LONGEST_TASK_TARGET_MS, contentScriptGzKb: 45, matcherLoadMs: 5, typingRatio: 2, liveBlogTimerShare: 0.9 };

interface Options {
  runs: number;
  words: number;
  json: boolean;
  /** Only the page-cost rows (typing on a 5 MB page, a live blog): skips the pipeline tables. */
  costOnly: boolean;
  /** Only the longest-task row. */
  tasksOnly: boolean;
  /** Only the pages whose key contains this text. */
  only: string | null;
  /** Visits with the extension per page (the longest-task row). */
  visits: number;
  /** Every corpus page, not only the largest. */
  corpus: boolean;
}

function parseArgs(argv: readonly string[]): Options {
  const num = (name: string, fallback: number) => wholeNumber('bench', name, fallback, argv);
  return {
    runs: num('runs', 5),
    words: num('words', 200_000),
    json: flag('json', argv),
    costOnly: flag('cost-only', argv),
    tasksOnly: flag('tasks-only', argv),
    only: option('only', argv) ?? null,
    visits: num('visits', 3),
    corpus: flag('corpus', argv),
  };
}

/** lib/ pipeline + highlighter + yardsticks as one classic script for page.addScriptTag. */
async function bundle(): Promise<string> {
  const result = await build({
    entryPoints: [join(import.meta.dirname, 'bench', 'page-entry.ts')],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'chrome120',
    minify: true, // like the extension's build, so parse and run costs are comparable
    write: false,
    logLevel: 'silent',
    jsx: 'automatic',
    jsxImportSource: 'preact',
    // No Node globals in a page: a debugging switch read from process.env in lib/ must not throw there.
    define: { 'process.env': '{}' },
  });
  return result.outputFiles[0]!.text;
}


/** Only our localhost server: saved corpus pages reference CDNs that must neither slow nor skew the run. */
async function localOnly(context: BrowserContext, server: PageServer): Promise<void> {
  await context.route('**/*', (route) => (route.request().url().startsWith(server.origin) ? route.continue() : route.abort()));
}

interface TaskReport {
  /** Longest main-thread block (task or microtask checkpoint) in the window measured, from a trace. */
  longestTaskMs: number;
  /**
   * Longest block that ran Backstory's work, by the clock and on the thread: one where the extension's own script ran
   * (a script event or a stack sample of its files) or a step of its pipeline began (its backstory:* performance
   * measures). The whole block counts, whatever else ran in it; the page's own tasks (its layout, its scripts) and
   * the browser's do not.
   */
  longestBackstoryMs: number;
  /** The same block's thread time (diagnosis: how much of its clock was our work on the CPU), and why it is ours. */
  longestBackstoryThreadMs: number;
  longestBackstoryCause: TracedTask['cause'];
  /** The longest single step of Backstory's pipeline (a backstory:* measure that is one synchronous step). */
  longestStepMs: number;
  /** The longest of those spent mostly in script, and mostly in style/layout/paint. */
  longestScriptMs: number;
  longestRenderingMs: number;
  longestRenderingThreadMs: number;
  /** How many blocks over 50 ms (clock), and their total time. */
  longTasks: number;
  longTaskMs: number;
}

/** A backstory:* performance measure the content script published. */
interface Span {
  name: string;
  durationMs: number;
}

/** Steps measured across awaits (painting waits for its chunks): they begin in a task but are not one. */
const ASYNC_SPANS = new Set(['backstory:highlight']);

/**
 * Summarises traced tasks from `fromMs` (after DOMContentLoaded) on. With the extension, the window starts when
 * its content script starts: everything after that is Backstory's or shared with it (the page's own first
 * layout, before, is not); the tasks that ran Backstory's work are told apart by its spans and the extension's
 * script events (see TaskReport). Page alone: everything after DOMContentLoaded.
 */
function summariseTasks(traced: readonly TracedTask[], fromMs: number, spans: readonly Span[] = [], pageRunsScript = true): TaskReport {
  const tasks = withoutPageScripts(traced, fromMs, pageRunsScript);
  const inWindow = tasks.filter((t) => t.startMs >= fromMs);
  const longest = (list: readonly TracedTask[]) => Math.max(0, ...list.map((t) => t.durationMs));
  const longestThread = (list: readonly TracedTask[]) => Math.max(0, ...list.map((t) => t.threadMs));
  const long = inWindow.filter((t) => t.durationMs > 50);
  // Not only the window: the task that evaluates the content script begins before its first script event.
  const ours = longestBackstoryTask(tasks);
  const rendering = inWindow.filter((t) => t.kind === 'rendering');
  return {
    longestTaskMs: longest(inWindow),
    longestBackstoryMs: ours.clockMs,
    longestBackstoryThreadMs: ours.threadMs,
    longestBackstoryCause: ours.cause ?? null,
    longestStepMs: Math.max(0, ...spans.filter((s) => !ASYNC_SPANS.has(s.name)).map((s) => s.durationMs)),
    longestScriptMs: longest(inWindow.filter((t) => t.kind === 'script' || t.kind === 'extension script')),
    longestRenderingMs: longest(rendering),
    longestRenderingThreadMs: longestThread(rendering),
    longTasks: long.length,
    longTaskMs: long.reduce((n, t) => n + t.durationMs, 0),
  };
}

/** One visit of the page with the extension. */
interface ExtensionVisit extends TaskReport {
  highlights: number;
  settledAfterMs: number | null;
  /** Each backstory:* measure's total over the visit (the step totals). */
  measures: Record<string, number>;
}

/** The extension's visits of one page: the longest-task row. */
interface ExtensionRow {
  visits: ExtensionVisit[];
  /** Each number the median of the visits; the step totals those of the median visit (medianVisit). */
  median: ExtensionVisit;
  /** Backstory's longest task by the clock (judged) and that same task's thread time (diagnosis): over the visits. */
  clock: Spread;
  thread: Spread;
  load: MachineLoad;
  verdict: LongestTaskVerdict;
}

interface TaskResult {
  page: BenchPage;
  pageAlone: TaskReport;
  extension: ExtensionRow;
}

interface PageResult extends TaskResult {
  ours: PipelineTiming & { toPaintMs: number; warmMs: number };
  baseline: YardstickTiming;
  markjs: YardstickTiming;
}

/**
 * The visit whose step totals add up to the median of the visits' (the lower middle of an even count): one visit's
 * own totals, which add up, rather than a median per step of different visits.
 */
function medianVisit<T extends { measures: Record<string, number> }>(visits: readonly T[]): T {
  const total = (v: T) => Object.values(v.measures).reduce((n, x) => n + x, 0);
  const sorted = [...visits].sort((a, b) => total(a) - total(b));
  return sorted[(sorted.length - 1) >> 1]!;
}

/** Median of each field over `runs` fresh page loads. */
async function medianOf<T extends object>(runs: number, once: () => Promise<T>): Promise<T> {
  const results: T[] = [];
  for (let i = 0; i < runs; i++) results.push(await once());
  const first = results[0]!;
  const out = { ...first } as Record<string, unknown>;
  for (const key of Object.keys(first)) {
    if (typeof (first as Record<string, unknown>)[key] === 'number') out[key] = median(results.map((r) => (r as Record<string, number>)[key]!));
  }
  return out as T;
}

async function measurePlain(context: BrowserContext, url: string, bundleJs: string, markJs: string, terms: readonly string[], runs: { ours: number; mark: number }) {
  // Functions passed to page.evaluate run in the page: they reach the bundle through window.__backstoryBench.
  type Api = { __backstoryBench: BenchApi };
  const ours = await medianOf(runs.ours, () =>
    inFreshPage(context, url, [bundleJs], (page) =>
      page.evaluate(async () => {
        const api = (window as unknown as Api).__backstoryBench;
        const t0 = performance.now();
        const timing = api.pipeline();
        await api.nextFrame();
        const toPaintMs = performance.now() - t0;
        // Warm: the same code again on the same page, once the JIT has seen it (the best of three). The cold
        // figure is what a reader's visit costs; the gap is compilation, not the algorithm.
        let warmMs = Infinity;
        for (let i = 0; i < 3; i++) warmMs = Math.min(warmMs, api.pipeline().totalMs);
        api.reset();
        return { ...timing, toPaintMs, warmMs };
      }),
    ),
  );
  const baseline = await medianOf(runs.ours, () => inFreshPage(context, url, [bundleJs], (page) => page.evaluate((t) => (window as unknown as Api).__backstoryBench.baseline(t), [...terms])));
  const markjs = await medianOf(runs.mark, () => inFreshPage(context, url, [bundleJs, markJs], (page) => page.evaluate((t) => (window as unknown as Api).__backstoryBench.markjs(t), [...terms])));
  return { ours, baseline, markjs };
}

/** The same page with nothing injected: its own main-thread tasks after DOMContentLoaded, to tell them from ours. */
async function measurePageAlone(context: BrowserContext, url: string): Promise<TaskReport> {
  const page = await context.newPage();
  try {
    const trace = await traceMainThread(context, page, async () => {
      await page.goto(url, { waitUntil: 'load', timeout: 120_000 });
      await page.waitForTimeout(1500);
    });
    return summariseTasks(trace.tasks, 0);
  } finally {
    await page.close();
  }
}

interface ReferenceResult {
  page: BenchPage;
  /** Which reference: the bundled one or the generated large one; with its compiled tables, or built on the page. */
  reference: string;
  /** createMatcher + its tables, cold, alone on a fresh page. */
  matcherLoadMs: number;
  /** The whole pipeline (matcher load + detect + match + highlight), cold, on a fresh page. */
  pipelineMs: number;
  matches: number;
  /**
   * JavaScript heap the tab holds after the pipeline, less what it held with the bench script loaded (both after a
   * full GC), in MB: the reference given to it (the bundled one is part of the script), its matcher, the highlights.
   */
  heapMb: number;
}

/** Heap in use in `page`'s renderer after a full garbage collection (Chromium's DevTools protocol). */
async function heapUsedMb(context: BrowserContext, page: Page): Promise<number> {
  const cdp = await context.newCDPSession(page);
  try {
    await cdp.send('HeapProfiler.collectGarbage');
    const { usedSize } = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
    return usedSize / (1024 * 1024);
  } finally {
    await cdp.detach();
  }
}

/**
 * The seed page with a given reference (null: the bundled one): matcher load and the whole pipeline, each cold on
 * fresh pages (median of `runs`), and the heap the reference's matcher and the page's highlights keep in the tab.
 */
async function measureReference(
  context: BrowserContext,
  page: BenchPage,
  url: string,
  bundleJs: string,
  reference: { name: string; json: string; tablesJson?: string } | null,
  runs: number,
): Promise<ReferenceResult> {
  type Api = { __backstoryBench: BenchApi };
  const use = (p: Page) =>
    reference === null
      ? Promise.resolve()
      : p.evaluate(([json, tables]) => void (window as unknown as Api).__backstoryBench.useReference(json!, tables), [reference.json, reference.tablesJson] as const);
  const load = await medianOf(runs, () =>
    inFreshPage(context, url, [bundleJs], async (p) => {
      await use(p);
      return p.evaluate(() => (window as unknown as Api).__backstoryBench.matcherLoad());
    }),
  );
  const whole = await medianOf(runs, () =>
    inFreshPage(context, url, [bundleJs], async (p) => {
      const before = await heapUsedMb(context, p);
      await use(p);
      const timing = await p.evaluate(() => (window as unknown as Api).__backstoryBench.pipeline());
      // What stays: the reference, its matcher's tables (kept for the page's later changes) and the highlights.
      const heapMb = (await heapUsedMb(context, p)) - before;
      return { pipelineMs: timing.totalMs, matches: timing.matches, heapMb };
    }),
  );
  return { page, reference: reference?.name ?? 'bundled', matcherLoadMs: load.ms, ...whole };
}

/** The shipped content script on the page: waits until it reports itself settled, then reads the task records. */
async function measureExtension(ext: ExtensionBrowser, url: string, pageRunsScript: boolean): Promise<ExtensionVisit> {
  const page = await ext.context.newPage();
  try {
    // The content script's own status (asked as the popup asks): only part of a long page's highlights is
    // registered in CSS.highlights at a time, so their count there says nothing about being done.
    let last: PageSummary | null = null;
    let settledAt: number | null = null;
    const trace = await traceMainThread(ext.context, page, async () => {
      await page.goto(url, { waitUntil: 'load', timeout: 120_000 });
      const deadline = Date.now() + 60_000;
      let tabId = -1;
      while (Date.now() < deadline) {
        if (tabId < 0) tabId = await tabShowing(ext, url);
        last = tabId < 0 ? null : await summaryOf(ext, tabId);
        if (last?.status === 'settled') {
          settledAt = await page.evaluate(() => performance.now());
          break;
        }
        await page.waitForTimeout(100);
      }
    });
    const extra = await page.evaluate(() => {
      const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
      // The content script may publish its own phases as performance measures named backstory:*.
      const measures: Record<string, number> = {};
      const spans: { name: string; durationMs: number }[] = [];
      for (const m of performance.getEntriesByType('measure')) {
        if (!m.name.startsWith('backstory:')) continue;
        measures[m.name] = (measures[m.name] ?? 0) + m.duration;
        spans.push({ name: m.name, durationMs: m.duration });
      }
      return { dcl: nav?.domContentLoadedEventEnd ?? 0, measures, spans };
    });
    // Without a content script start (it did not run), every task after DOMContentLoaded counts.
    const tasks = summariseTasks(trace.tasks, trace.contentScriptStartMs ?? 0, extra.spans, pageRunsScript);
    return {
      ...tasks,
      highlights: (last as PageSummary | null)?.total ?? 0,
      settledAfterMs: settledAt === null ? null : (settledAt as number) - extra.dcl,
      measures: extra.measures,
    };
  } finally {
    await page.close();
  }
}

/**
 * The longest-task row of one page: `visits` fresh visits with the extension, the machine's 1-minute load average
 * read at the start and at the end, and the row's judgement (scripts/bench/longest-task.ts).
 */
async function measureExtensionRow(ext: ExtensionBrowser, url: string, visits: number, pageRunsScript: boolean): Promise<ExtensionRow> {
  const start = loadavg()[0]!;
  const all: ExtensionVisit[] = [];
  for (let i = 0; i < visits; i++) all.push(await measureExtension(ext, url, pageRunsScript));
  const load: MachineLoad = { start, end: loadavg()[0]!, cores: cpus().length };
  const median = { ...medianVisit(all) };
  for (const key of Object.keys(median) as (keyof ExtensionVisit)[]) {
    if (typeof median[key] === 'number') (median as Record<string, unknown>)[key] = spreadOf(all.map((v) => v[key] as number)).median;
  }
  const settled = all.map((v) => v.settledAfterMs).filter((x): x is number => x !== null);
  median.settledAfterMs = settled.length === all.length ? spreadOf(settled).median : null;
  const verdict = judgeLongestTask(all.map((v) => ({ clockMs: v.longestBackstoryMs, threadMs: v.longestBackstoryThreadMs })));
  return { visits: all, median, clock: verdict.clock, thread: verdict.thread, load, verdict };
}

// ---- report -------------------------------------------------------------------------------------------------

const ms = (x: number | null | undefined) => (x === null || x === undefined ? 'n/a' : x >= 100 ? x.toFixed(0) : x.toFixed(1));
const verdict = (ok: boolean) => (ok ? 'PASS' : 'MISS');

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  return rows.map((r) => r.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ')).join('\n');
}

interface PageCost {
  typing: TypingResult;
  liveBlog: LiveBlogResult;
}

/** What Backstory costs a page once it has painted: typing and a live blog's own timers, against the page alone. */
function costReport(cost: PageCost): string[] {
  const { typing, liveBlog } = cost;
  const typingRatio = typing.withMs / typing.withoutMs;
  const timerShare = liveBlog.withTicks / liveBlog.withoutTicks;
  return [
    'What Backstory costs a page after painting, against the same page in a browser without it (same run):',
    table([
      ['page', 'measure', 'without', 'with Backstory', 'ratio', 'highlights', 'registered'],
      ['5 MB article', 'keystroke → next frame, median ms', ms(typing.withoutMs), ms(typing.withMs), `${typingRatio.toFixed(2)}×`, String(typing.highlights), String(typing.registered)],
      [`live blog, ${liveBlog.seconds} s`, 'its own 10 ms timer ticks', String(liveBlog.withoutTicks), String(liveBlog.withTicks), `${(timerShare * 100).toFixed(0)}%`, String(liveBlog.highlights), String(liveBlog.registered)],
    ]),
    `  ${verdict(typingRatio <= TARGETS.typingRatio)}  typing latency on a 5 MB page with Backstory: ${typingRatio.toFixed(2)}× the page without it (≤ ${TARGETS.typingRatio}×)`,
    `  ${verdict(timerShare >= TARGETS.liveBlogTimerShare)}  a live blog appending 100 paragraphs/s keeps ${(timerShare * 100).toFixed(0)}% of its timer rate with Backstory (≥ ${TARGETS.liveBlogTimerShare * 100}%)`,
  ];
}

const spread = (x: Spread) => (x.min === x.max ? ms(x.median) : `${ms(x.median)} (${ms(x.min)}–${ms(x.max)})`);
const loadOf = (load: MachineLoad) => `${load.start.toFixed(1)}→${load.end.toFixed(1)}`;

/** The longest-task row's table: Backstory's longest task by the clock and on the thread, per page. */
function taskTable(results: readonly TaskResult[]): string[] {
  const visits = Math.max(0, ...results.map((r) => r.extension.visits.length));
  return [
    'With the built extension (the shipped content script, chunked as it ships). Main-thread blocks from a Chromium trace.',
    'Backstory\'s = the longest block its own script ran in (a script event or a V8 stack sample of the extension\'s files,',
    'or a backstory:* step began in it), the extension system\'s message to the frame (our sheet\'s insertCSS), or a rendering',
    'update a block of ours scheduled; whatever else ran in that block; never a block of only the page\'s or the browser\'s work.',
    'clock = how long it held the page\'s thread: the row is judged on it. thread = the CPU time the thread got in the same',
    'block (diagnosis: under load, or waiting on a GC safepoint, the clock runs on while the thread gets no CPU).',
    'step = the longest synchronous step (backstory:* measure). From the content script\'s start until the highlights settle:',
    'any task = the longest block of any kind; rendering = the longest mostly style/layout/paint (the browser painting our',
    'sheet and highlights, or the page\'s own layout still running), clock / thread; page alone = after DCL, no extension.',
    `load = 1-minute load average at the row's start → end (${cpus().length} cores).`,
    `Each figure is the median of ${visits} visits, (min–max) where they differ; step totals from the median visit:`,
    table([
      ['page', 'highlights', 'settled after DCL', 'Backstory\'s: clock', 'thread', 'step', 'any task', 'rendering', 'page alone', 'long tasks', 'page alone', 'load', 'step totals'],
      ...results.map((r) => {
        const e = r.extension.median;
        return [
          r.page.key,
          String(e.highlights),
          `${ms(e.settledAfterMs)} ms`,
          spread(r.extension.clock),
          spread(r.extension.thread),
          ms(e.longestStepMs),
          ms(e.longestTaskMs),
          `${ms(e.longestRenderingMs)} / ${ms(e.longestRenderingThreadMs)}`,
          ms(r.pageAlone.longestTaskMs),
          `${e.longTasks} = ${ms(e.longTaskMs)} ms`,
          `${r.pageAlone.longTasks} = ${ms(r.pageAlone.longTaskMs)} ms`,
          loadOf(r.extension.load),
          Object.entries(e.measures)
            .map(([k, v]) => `${k.slice('backstory:'.length)} ${ms(v)}`)
            .join(', ') || '—',
        ];
      }),
    ]),
  ];
}

/** The longest-task row's verdicts, one line a page. */
function taskTargets(results: readonly TaskResult[]): string[] {
  return results.map((r) => {
    const { verdict: judged, load } = r.extension;
    const e = r.extension.median;
    const causes = [...new Set(r.extension.visits.map((v) => v.longestBackstoryCause ?? 'none'))].join(' / ');
    return (
      `  ${verdict(judged.pass)}  Backstory's longest main-thread task on ${r.page.key}, judged by the clock: ${spread(judged.clock)} ms (≤ ${TARGETS.longestTaskMs} ms, ` +
      `median of the visits; ours by: ${causes}); ${judged.reason}. Diagnosis only, not judged: thread time of the same task ${spread(judged.thread)} ms, ` +
      `load ${loadOf(load)} on ${load.cores} cores. Beside it: longest step ${ms(e.longestStepMs)} ms; rendering after our start ${ms(e.longestRenderingMs)} ms ` +
      `(thread ${ms(e.longestRenderingThreadMs)}); page alone ${ms(r.pageAlone.longestTaskMs)} ms`
    );
  });
}

function report(
  results: readonly PageResult[],
  contentGzKb: number,
  contentKb: number,
  terms: number,
  dataset: Dataset,
  references: readonly ReferenceResult[],
  largeSize: { entities: number; aliases: number; figures: number },
): string {
  const out: string[] = [];
  // Timings depend on what else the machine does: say so, next to them.
  out.push(`Machine: ${cpus().length} × ${cpus()[0]?.model.trim() ?? 'CPU'}; load average ${loadavg().map((x) => x.toFixed(1)).join(' ')} (at the end of the run)`);
  out.push(`Backstory bench — Chromium ${CHROMIUM_PATH}; dataset: ${dataset.entities.length} entities, ${dataset.figures.length} figures; ${terms} aliases for mark.js and the baseline`);
  out.push('Main-thread milliseconds, median over fresh page loads (a reader\'s visit: cold JIT). Backstory\'s lib/ pipeline:');
  out.push('setup = matcher built from the dataset; total = setup+detect+match+highlight; to paint = total + the next frame;');
  out.push('warm = total when run again on the same page. m+h = match + highlight. (n) = ranges/marks made.');
  out.push('');
  out.push(
    table([
      ['page', 'words', 'setup', 'detect', 'match', 'highlight', 'total', 'to paint', 'warm', 'matches', 'baseline', 'mark.js', 'm+h/base', 'mark/base', 'mark/ours'],
      ...results.map((r) => {
        const mh = r.ours.matchMs + r.ours.highlightMs;
        return [
          r.page.key,
          r.page.words.toLocaleString('en'),
          ms(r.ours.setupMs),
          ms(r.ours.detectMs),
          ms(r.ours.matchMs),
          ms(r.ours.highlightMs),
          ms(r.ours.totalMs),
          ms(r.ours.toPaintMs),
          ms(r.ours.warmMs),
          String(r.ours.painted),
          `${ms(r.baseline.ms)} (${r.baseline.highlights})`,
          `${ms(r.markjs.ms)} (${r.markjs.highlights})`,
          `${(mh / r.baseline.ms).toFixed(2)}×`,
          `${(r.markjs.ms / r.baseline.ms).toFixed(1)}×`,
          `${(r.markjs.ms / r.ours.totalMs).toFixed(1)}×`,
        ];
      }),
    ]),
  );
  out.push('');
  out.push(...taskTable(results));
  out.push('');
  out.push(
    `As the reference grows: the seed pages with the bundled reference and with a generated one of ${largeSize.entities.toLocaleString('en')} entities, ` +
      `${largeSize.aliases.toLocaleString('en')} aliases, ${largeSize.figures.toLocaleString('en')} figures (scripts/bench/reference.ts).`,
  );
  out.push('Cold, fresh page each (median); heap = JavaScript heap the tab keeps after the pipeline (reference, matcher, highlights), after a GC:');
  out.push(
    table([
      ['page', 'reference', 'matcher load', 'whole pipeline', 'matches', 'heap'],
      ...references.map((r) => [r.page.key, r.reference, `${ms(r.matcherLoadMs)} ms`, `${ms(r.pipelineMs)} ms`, String(r.matches), `${r.heapMb.toFixed(1)} MB`]),
    ]),
  );
  out.push('');
  out.push('Pages:');
  for (const r of results) out.push(`  ${r.page.key.padEnd(16)} ${r.page.description}`);
  out.push('');
  out.push(`Content script: ${contentKb.toFixed(1)} KB, ${contentGzKb.toFixed(1)} KB gzipped`);
  out.push('');
  out.push('Targets:');
  for (const r of results.filter((x) => x.page.kind === 'seed')) {
    // Judged cold (a reader's visit); the warm figure shows how much of it is compiling rather than working.
    out.push(
      `  ${verdict(r.ours.totalMs <= TARGETS.pipelineOnSeedMs)}  whole pipeline on ${r.page.key}: ${ms(r.ours.totalMs)} ms cold, ${ms(r.ours.warmMs)} ms warm (≤ ${TARGETS.pipelineOnSeedMs} ms)`,
    );
  }
  for (const r of results.filter((x) => x.page.kind !== 'seed')) {
    const ratio = (r.ours.matchMs + r.ours.highlightMs) / r.baseline.ms;
    out.push(`  ${verdict(ratio <= TARGETS.ratioToBaseline)}  matching + highlighting on ${r.page.key}: ${ratio.toFixed(2)}× the bare baseline (≤ ${TARGETS.ratioToBaseline}×)`);
  }
  out.push(...taskTargets(results));
  for (const r of references.filter((x) => x.reference === 'large')) {
    out.push(`  ${verdict(r.pipelineMs <= TARGETS.pipelineOnSeedMs)}  whole pipeline on ${r.page.key} with the large reference: ${ms(r.pipelineMs)} ms cold (≤ ${TARGETS.pipelineOnSeedMs} ms)`);
    out.push(`  ${verdict(r.matcherLoadMs <= TARGETS.matcherLoadMs)}  matcher load, large reference (${r.page.key}): ${ms(r.matcherLoadMs)} ms cold (≤ ${TARGETS.matcherLoadMs} ms)`);
  }
  out.push(`  ${verdict(contentGzKb <= TARGETS.contentScriptGzKb)}  content script gzipped: ${contentGzKb.toFixed(1)} KB (≤ ${TARGETS.contentScriptGzKb} KB)`);
  return out.join('\n');
}

/**
 * The export/import bench (scripts/bench-export.ts). It prints its own table unless `print` is false; its rows go
 * into the JSON either way.
 */
async function exportBench(print: boolean): Promise<unknown> {
  if (print) console.log('\nExport and import (scripts/bench-export.ts):');
  return await benchExport({ print });
}

/** `--tasks-only`: the longest-task row alone (page alone and the extension's visits), printed and saved. */
async function tasksOnly(pages: readonly BenchPage[], server: PageServer, plainContext: BrowserContext, ext: ExtensionBrowser, options: Options): Promise<void> {
  const results: TaskResult[] = [];
  for (const page of pages) {
    const url = `${server.origin}/bench/${pages.indexOf(page)}.html`;
    if (!options.json) console.error(`bench: ${page.key} — longest task, ${options.visits} visits`);
    const pageAlone = await measurePageAlone(plainContext, url);
    results.push({ page, pageAlone, extension: await measureExtensionRow(ext, url, options.visits, pageAlone.longestScriptMs > 0) });
  }
  const text = [`Machine: ${cpus().length} × ${cpus()[0]?.model.trim() ?? 'CPU'}`, ...taskTable(results), '', 'Targets:', ...taskTargets(results)].join('\n');
  if (!options.json) console.log(`\n${text}`);
  mkdirSync(join(ROOT, 'bench-results'), { recursive: true });
  const saved = join(ROOT, 'bench-results', `bench-tasks-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  const json = { date: new Date().toISOString(), tasks: results.map(({ page, ...r }) => ({ page: { key: page.key, description: page.description, words: page.words }, ...r })) };
  writeFileSync(saved, JSON.stringify(json, null, 2));
  if (options.json) console.log(JSON.stringify(json, null, 2));
  else console.log(`\n(saved ${saved.slice(ROOT.length + 1)})`);
}

async function main(): Promise<number> {
  const options = parseArgs(process.argv.slice(2));
  if (!chromiumAvailable()) {
    console.error(INSTALL_HINT);
    return 1;
  }
  const contentFile = join(extensionDir(), 'content-scripts', 'content.js');
  const contentBytes = readFileSync(contentFile);
  const contentGzKb = gzipSync(contentBytes, { level: 9 }).length / 1024;

  const dataset = JSON.parse(readFileSync(join(ROOT, 'lib', 'reference', 'dataset.json'), 'utf8')) as Dataset;
  if (dataset.entities.length === 0) console.warn('bench: the reference dataset is empty (npm run dataset): nothing will match.');
  const names = dataset.entities.map((e) => e.name);
  const aliases = [...new Set(dataset.entities.flatMap((e) => e.aliases))];
  // Figure phrases the generated page mixes in: the reference's own, plus a differing one.
  const figures = [...dataset.figures.map((f) => f.label), '60,000 killed', 'about 45,000 people displaced'];

  const allPages: BenchPage[] = [...seedPages(join(SHARED, 'seeds'), names)];
  const corpus = largestCorpusPage(join(SHARED, 'corpus'));
  if (options.corpus) allPages.push(...corpusPages(join(SHARED, 'corpus')));
  else if (corpus) allPages.push(corpus);
  allPages.push(generatedPage(options.words, aliases.length > 0 ? aliases : ['Aleppo', 'Damascus'], figures));
  const pages = options.only === null ? allPages : allPages.filter((p) => p.key.includes(options.only!));
  if (pages.length === 0) throw new Error(`bench: no page's key contains "${options.only}" (${allPages.map((p) => p.key).join(', ')})`);
  if (!pages.some((p) => p.kind === 'seed')) console.warn(`bench: no seed documents in ${join(SHARED, 'seeds')}: (a) skipped.`);
  if (!corpus) console.warn(`bench: no corpus in ${join(SHARED, 'corpus')}: (b) skipped.`);

  const [bundleJs, markJs] = [await bundle(), readFileSync(join(ROOT, 'node_modules', 'mark.js', 'dist', 'mark.min.js'), 'utf8')];
  const server = await servePages();
  pages.forEach((p, i) => server.set(`/bench/${i}.html`, p.html));

  let plain: Browser | null = null;
  let extClosed = false;
  const ext = await launchWithExtension({ viewport: { width: 1280, height: 900 }, diagnostics: true });
  try {
    plain = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: false, args: ['--headless=new', ...BASE_ARGS] });
    const plainContext = await plain.newContext({ viewport: { width: 1280, height: 900 } });
    await localOnly(plainContext, server);
    await localOnly(ext.context, server);

    if (options.tasksOnly) {
      await tasksOnly(pages, server, plainContext, ext, options);
      return 0;
    }

    const results: PageResult[] = [];
    for (const [i, page] of options.costOnly ? [] : pages.entries()) {
      const url = `${server.origin}/bench/${i}.html`;
      const big = page.kind === 'generated';
      if (!options.json) console.error(`bench: ${page.key} — ${page.description}`);
      const plainResults = await measurePlain(plainContext, url, bundleJs, markJs, aliases, {
        ours: big ? Math.min(3, options.runs) : options.runs,
        mark: big ? 1 : options.runs, // mark.js takes seconds on 200k words
      });
      const pageAlone = await measurePageAlone(plainContext, url);
      // One visit's longest task is a single sample on a noisy machine: the median of the visits, with their spread.
      const extension = await measureExtensionRow(ext, url, options.visits, pageAlone.longestScriptMs > 0);
      results.push({ page, ...plainResults, pageAlone, extension });
    }

    // Flat as the reference grows: the seed pages with the bundled reference and with the generated large one.
    // Its tables compiled here, as the dataset build compiles a reference's (the same format as the bundled one's).
    const large = generateReference(dataset, LARGE_REFERENCE);
    const largeJson = JSON.stringify(large);
    const largeTables = serializeTables(compileTables(JSON.parse(largeJson) as Dataset));
    const references: ReferenceResult[] = [];
    for (const [i, page] of options.costOnly ? [] : pages.entries()) {
      if (page.kind !== 'seed') continue;
      if (!options.json) console.error(`bench: ${page.key} — bundled and generated large reference`);
      const url = `${server.origin}/bench/${i}.html`;
      references.push(await measureReference(plainContext, page, url, bundleJs, null, options.runs));
      references.push(await measureReference(plainContext, page, url, bundleJs, { name: 'large', json: largeJson, tablesJson: largeTables }, options.runs));
    }
    // For comparison: the large reference with its tables built on the page (what loading them saves), once.
    const firstSeed = pages.findIndex((p) => p.kind === 'seed');
    if (firstSeed >= 0 && !options.costOnly) {
      references.push(
        await measureReference(plainContext, pages[firstSeed]!, `${server.origin}/bench/${firstSeed}.html`, bundleJs, { name: 'large, built on the page', json: largeJson }, 1),
      );
    }
    const largeSize = { entities: large.entities.length, aliases: large.entities.reduce((n, e) => n + e.aliases.length, 0), figures: large.figures.length };

    if (!options.json) console.error('bench: page cost — typing on a 5 MB article, a live blog appending 100 paragraphs/s');
    const names = [...new Set(dataset.entities.filter((e) => e.type === 'place' || e.type === 'person').map((e) => e.name))];
    const cost: PageCost = {
      typing: await measureTyping(ext, plainContext, server, names),
      liveBlog: await measureLiveBlog(ext, plainContext, server, names),
    };
    const text = [...(options.costOnly ? [] : [report(results, contentGzKb, contentBytes.length / 1024, aliases.length, dataset, references, largeSize), '']), ...costReport(cost)].join('\n');
    if (!options.json) console.log(`\n${text}`);
    // The browsers are closed first: the export bench may start its own.
    await plain.close();
    plain = null;
    await ext.close();
    extClosed = true;
    // A failure there must not lose the rows above: it is printed and kept in the JSON.
    const exportRows = options.costOnly
      ? undefined
      : await exportBench(!options.json).catch((error: unknown) => {
          const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
          console.error(`bench: the export and import bench failed:\n${message}`);
          return { failed: message };
        });
    // Reference sets: a 200-document set built in the extension (scripts/bench-sets.ts).
    if (!options.json && !options.costOnly) console.log('');
    const setRows = options.costOnly ? undefined : await benchSets({ print: !options.json });
    // The notes side: popup and library with many notes, import of 10,000 (scripts/bench-notes.ts).
    if (!options.json && !options.costOnly) console.log('');
    const notesRows = options.costOnly
      ? undefined
      : await benchNotes({ print: !options.json }).catch((error: unknown) => {
          const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
          console.error(`bench: the notes bench failed:\n${message}`);
          return { failed: message };
        });

    mkdirSync(join(ROOT, 'bench-results'), { recursive: true });
    const saved = join(ROOT, 'bench-results', `bench-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
    const json = {
      date: new Date().toISOString(),
      contentGzKb,
      results: results.map(({ page, ...r }) => ({ page: { key: page.key, description: page.description, words: page.words }, ...r })),
      pageCost: cost,
      largeReference: { ...largeSize, results: references.map(({ page, ...r }) => ({ page: page.key, ...r })) },
      ...(exportRows === undefined ? {} : { export: exportRows }),
      ...(setRows === undefined ? {} : { sets: setRows }),
      ...(notesRows === undefined ? {} : { notes: notesRows }),
    };
    writeFileSync(saved, JSON.stringify(json, null, 2));
    if (options.json) console.log(JSON.stringify(json, null, 2));
    else console.log(`\n(saved ${saved.slice(ROOT.length + 1)})`);
  } finally {
    await plain?.close();
    if (!extClosed) await ext.close();
    await server.close();
  }
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exitCode = 1;
  },
);
