// The browser's own rendering work after Backstory paints its highlights, for built extensions side by side:
//
//   npx tsx scripts/bench/paint-tasks.ts --builds=/tmp/old/chrome-mv3,.output/chrome-mv3 [--runs=3] [--pages=200k,corpus]
//
// Each visit loads the page in Chromium with one build's extension, waits until its content script reports the page
// settled, then keeps tracing for a quiet time (highlights near the viewport may be registered after "settled", and
// the rest in idle time), then scrolls to the end of the page and back in steps (highlights registered as the reader
// reaches them). From the trace (scripts/bench/trace.ts): the longest main-thread task of any kind from the content
// script's start, the longest spent mostly in style/layout/paint, and the same while scrolling. Visits alternate
// build by build, so a loaded machine weighs on each alike. A measured row, no target: "no long task" is the bench's.
import { join, resolve } from 'node:path';
import { loadavg } from 'node:os';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { launchWithExtension, servePages, type ExtensionBrowser } from '../chromium';
import { summaryOf, tabShowing } from '../page-summary';
import { generatedPage, largestCorpusPage, type BenchPage } from './pages';
import { mainThreadTasks, recordTrace, type TraceEvent, type TracedTask } from './trace';
import type { Dataset } from '../../lib/reference/types';
import { arg } from './args';
import { median } from './median';

const ROOT = resolve(import.meta.dirname, '..', '..');
const SHARED = resolve(ROOT, '..', 'shared');

/** How long the trace goes on after the page reports itself settled (the deferred registration happens in it). */
const QUIET_MS = 3000;

export interface PaintVisit {
  highlights: number;
  /** From the content script's start to the end of the quiet time. */
  longestTaskMs: number;
  longestRenderingMs: number;
  /**
   * The longest rendering task that laid the whole page out again because its fonts "changed" (Chromium does that
   * when an injected stylesheet with cascade layers comes or goes: scripting.insertCSS of our ::highlight rules),
   * and the longest other one (painting highlights, the page's own work).
   */
  fontRelayoutMs: number;
  otherRenderingMs: number;
  /** While the page is scrolled to its end and back. */
  scrollLongestTaskMs: number;
  scrollLongestRenderingMs: number;
}

const longest = (tasks: readonly TracedTask[]) => Math.max(0, ...tasks.map((t) => t.durationMs));

async function settle(ext: ExtensionBrowser, page: Page, url: string): Promise<number> {
  const deadline = Date.now() + 90_000;
  let tabId = -1;
  while (Date.now() < deadline) {
    if (tabId < 0) tabId = await tabShowing(ext, url);
    const summary = tabId < 0 ? null : await summaryOf(ext, tabId);
    if (summary?.status === 'settled') return summary.total;
    await page.waitForTimeout(100);
  }
  return -1;
}

async function visit(ext: ExtensionBrowser, url: string): Promise<PaintVisit> {
  const page = await ext.context.newPage();
  try {
    let highlights = 0;
    const events = await recordTrace(
        ext.context,
        page,
        async () => {
          await page.goto(url, { waitUntil: 'load', timeout: 120_000 });
          highlights = await settle(ext, page, url);
          await page.waitForTimeout(QUIET_MS);
        },
      'toplevel,devtools.timeline,blink.user_timing,disabled-by-default-devtools.timeline.invalidationTracking',
    );
    const load = mainThreadTasks(events);
    const relayouts = fontRelayouts(events, load.tasks);
    const from = load.contentScriptStartMs ?? 0;
    const afterStart = load.tasks.filter((t) => t.startMs >= from);
    const rendering = afterStart.filter((t) => t.kind === 'rendering');
    // Scrolling: a screen at a time would take minutes on 200k words; twenty jumps down and twenty back.
    const scrollEvents = await recordTrace(ext.context, page, async () => {
      const height = await page.evaluate(() => document.documentElement.scrollHeight - innerHeight);
      const stops = [...Array(21).keys()].map((i) => Math.round((height * i) / 20));
      for (const y of [...stops, ...stops.reverse()]) {
        await page.evaluate((top) => scrollTo(0, top), y);
        await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
        await page.waitForTimeout(150);
      }
    });
    const scrollTasks = rendererTasks(scrollEvents);
    return {
      highlights,
      longestTaskMs: longest(afterStart),
      longestRenderingMs: longest(rendering),
      fontRelayoutMs: longest(rendering.filter((t) => relayouts.has(t))),
      otherRenderingMs: longest(rendering.filter((t) => !relayouts.has(t))),
      scrollLongestTaskMs: longest(scrollTasks),
      scrollLongestRenderingMs: longest(scrollTasks.filter((t) => t.kind === 'rendering')),
    };
  } finally {
    await page.close();
  }
}

/**
 * The tasks whose layout followed a "Fonts changed" layout invalidation (invalidation tracking events): every text
 * of the page laid out and shaped again.
 */
function fontRelayouts(events: readonly TraceEvent[], tasks: readonly TracedTask[]): Set<TracedTask> {
  const dcl = events.find((e) => e.name === 'MarkDOMContent' && (e.args?.data?.isOutermostMainFrame ?? e.args?.data?.isMainFrame));
  const out = new Set<TracedTask>();
  if (!dcl) return out;
  const at = events
    .filter((e) => e.pid === dcl.pid && e.name === 'LayoutInvalidationTracking' && (e.args?.data as { reason?: string } | undefined)?.reason === 'Fonts changed')
    .map((e) => (e.ts - dcl.ts) / 1000)
    .sort((a, b) => a - b);
  let i = 0;
  let previousEnd = -Infinity;
  for (const task of tasks) {
    const end = task.startMs + task.durationMs;
    while (i < at.length && at[i]! <= previousEnd) i++;
    if (task.kind === 'rendering' && i < at.length && at[i]! <= end) out.add(task);
    previousEnd = end;
  }
  return out;
}

/** Top-level tasks of the renderer main thread that painted most in a trace without a navigation (the scrolled page's). */
function rendererTasks(events: Parameters<typeof mainThreadTasks>[0]): TracedTask[] {
  const paints = new Map<string, number>();
  for (const e of events) if (e.name === 'Paint' || e.name === 'UpdateLayoutTree') paints.set(`${e.pid}:${e.tid}`, (paints.get(`${e.pid}:${e.tid}`) ?? 0) + 1);
  const [thread] = [...paints.entries()].sort((a, b) => b[1] - a[1])[0] ?? [];
  if (!thread) return [];
  const [pid, tid] = thread.split(':').map(Number);
  const first = events.find((e) => e.pid === pid && e.tid === tid && e.ph === 'X');
  if (!first) return [];
  return mainThreadTasks([{ name: 'MarkDOMContent', ph: 'X', pid: pid!, tid: tid!, ts: first.ts - 1, dur: 0, args: { data: { isOutermostMainFrame: true } } }, ...events]).tasks;
}

const ms = (x: number) => (x >= 100 ? x.toFixed(0) : x.toFixed(1));

async function main(): Promise<void> {
  const builds = arg('builds', join(ROOT, '.output', 'chrome-mv3')).split(',').map((b) => resolve(b));
  const runs = Number(arg('runs', '3'));
  const which = arg('pages', '200k,corpus').split(',');
  const dataset = JSON.parse(readFileSync(join(ROOT, 'lib', 'reference', 'dataset.json'), 'utf8')) as Dataset;
  const aliases = [...new Set(dataset.entities.flatMap((e) => e.aliases))];
  const figures = [...dataset.figures.map((f) => f.label), '60,000 killed', 'about 45,000 people displaced'];
  const pages: BenchPage[] = [];
  if (which.includes('200k')) pages.push(generatedPage(200_000, aliases, figures));
  if (which.includes('corpus')) pages.push(largestCorpusPage(join(SHARED, 'corpus'))!);
  const server = await servePages();
  pages.forEach((p, i) => server.set(`/paint/${i}.html`, p.html));
  const browsers: ExtensionBrowser[] = [];
  for (const b of builds) {
    const ext = await launchWithExtension({ extension: b, viewport: { width: 1280, height: 900 }, diagnostics: true });
    await ext.context.route('**/*', (route) => (route.request().url().startsWith(server.origin) ? route.continue() : route.abort()));
    browsers.push(ext);
  }
  const results = new Map<string, PaintVisit[]>();
  try {
    for (const [i, page] of pages.entries()) {
      for (let r = 0; r < runs; r++) {
        for (const [b, ext] of browsers.entries()) {
          const v = await visit(ext, `${server.origin}/paint/${i}.html`);
          const key = `${page.key}\t${builds[b]}`;
          results.set(key, [...(results.get(key) ?? []), v]);
          console.error(`paint-tasks: ${page.key} ${builds[b]} run ${r + 1}: ${JSON.stringify(v)} (load ${loadavg()[0]!.toFixed(1)})`);
        }
      }
    }
  } finally {
    for (const ext of browsers) await ext.close();
    await server.close();
  }
  console.log(`Rendering after Backstory's highlights (median of ${runs} interleaved visits; ms; load ${loadavg()[0]!.toFixed(1)}, ${new Date().toISOString()})`);
  console.log(['page', 'build', 'highlights', 'longest task', 'longest rendering', 'of it: stylesheet relayout', 'other rendering', 'scrolling: longest task', 'scrolling: longest rendering'].join('\t'));
  for (const [key, visits] of results) {
    const m = (f: (v: PaintVisit) => number) => ms(median(visits.map(f)));
    console.log([key, m((v) => v.highlights), m((v) => v.longestTaskMs), m((v) => v.longestRenderingMs), m((v) => v.fontRelayoutMs), m((v) => v.otherRenderingMs), m((v) => v.scrollLongestTaskMs), m((v) => v.scrollLongestRenderingMs)].join('\t'));
  }
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  main().catch((e) => {
    console.error(e);
    process.exitCode = 1;
  });
}
