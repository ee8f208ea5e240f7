// A big reference set built in the extension: 200 documents made from ../shared/corpus, chosen as files in the
// library and built by the build worker with a progress bar, while the library page stays responsive: no task
// over 50 ms on its main thread from the moment the files are chosen until the built set is shown. Tasks are read
// from a Chromium trace (scripts/bench/page-tasks.ts); the limit applies to each task's time on the thread, since
// on a loaded machine the OS can stretch any task's wall time (both are printed). Without ../shared this skips
// with a message; under CI=true it fails.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { launchWithExtension, type ExtensionBrowser } from './harness';
import { CORPUS_DIR, corpusAvailable, corpusDocuments } from '../../scripts/sets-corpus';
import { pageTasks } from '../../scripts/bench/page-tasks';
import { recordTrace, type TraceEvent } from '../../scripts/bench/trace';

/**
 * Where the trace of a visit that broke the limit is kept (gitignored), to open in Chromium's Performance panel; with
 * BACKSTORY_KEEP_TRACE=1, every visit's, to compare a passing one with it.
 */
const TRACES = resolve('test-results');
// The page-tasks categories plus what tells a long task's cause apart: user timing, and the collector's own events.
const CATEGORIES = 'toplevel,devtools.timeline,disabled-by-default-devtools.timeline,blink.user_timing,disabled-by-default-v8.gc';

/** Keeps the events of the library page's renderer (and the trace's metadata) on disk; returns the file's path. */
function keepTrace(events: readonly TraceEvent[], url: string, name: string): string {
  const pids = new Set<number>();
  for (const e of events) for (const f of e.args?.data?.frames ?? []) if (f.url?.startsWith(url) && f.processId !== undefined) pids.add(f.processId);
  mkdirSync(TRACES, { recursive: true });
  const path = join(TRACES, `${name}-${new Date().toISOString().replace(/[:.]/g, '-')}.trace.json`);
  writeFileSync(path, JSON.stringify({ traceEvents: events.filter((e) => pids.has(e.pid) || e.ph === 'M') }));
  return path;
}

const available = corpusAvailable();
const ci = process.env.CI === 'true';
if (!available && !ci) console.warn(`[sets] ${CORPUS_DIR} not found: skipping the 200-document build test.`);

describe.runIf(available || ci)('a 200-document set', () => {
  let browser: ExtensionBrowser;
  let work: string;
  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'backstory-sets-200-'));
    browser = await launchWithExtension();
  });
  afterAll(async () => {
    await browser?.close();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  test('builds with a progress bar, and the library page never works for more than 50 ms at a time', { timeout: 600_000 }, async () => {
    const files = corpusDocuments(200).map((d) => {
      const path = join(work, d.name);
      writeFileSync(path, d.text);
      return path;
    });
    const page = await browser.openExtensionPage('options.html#sets');
    await page.getByLabel('Name', { exact: true }).fill('Corpus');
    await page.getByRole('button', { name: 'Create set' }).click();
    await page.getByRole('heading', { level: 2, name: 'Corpus' }).waitFor();
    // Every label the progress bar shows.
    await page.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { progressSeen: string[] }).progressSeen = seen;
      new MutationObserver(() => {
        const label = document.querySelector('[data-testid="build-progress"] progress') && document.querySelector('#bs-build-label')?.textContent;
        if (label && seen.at(-1) !== label) seen.push(label);
      }).observe(document.body, { subtree: true, childList: true, characterData: true });
    });

    const started = Date.now();
    const url = page.url().replace(/#.*$/, '');
    const events = await recordTrace(browser.context, page, async () => {
      // The measure works on this page: a task of ours that computes for 200 ms (by the clock) is seen as one.
      await page.evaluate(() => new Promise<void>((done) => setTimeout(() => {
        const until = performance.now() + 200;
        while (performance.now() < until) { /* computing */ }
        done();
      }, 0)));
      await page.locator('#bs-doc-files').setInputFiles(files);
      await expect.poll(() => page.getByTestId('files-status').textContent(), { timeout: 60_000 }).toBe('Added 200 documents: the set is built again with them.');
      await expect.poll(() => page.getByTestId('build-progress').getAttribute('data-phase'), { timeout: 540_000, interval: 1000 }).toBe('done');
      await expect.poll(() => page.locator('.bs-build .bs-hint').textContent()).toMatch(/from 200 documents\./);
      await expect.poll(() => page.locator('.bs-entity').count()).toBeGreaterThan(0);
    }, CATEGORIES);
    const tasks = pageTasks(events, url);
    const seconds = (Date.now() - started) / 1000;
    const progressSeen = await page.evaluate(() => (window as unknown as { progressSeen: string[] }).progressSeen);
    const probe = tasks.find((t) => t.wallMs >= 195);
    const rest = tasks.filter((t) => t !== probe).sort((a, b) => b.cpuMs - a.cpuMs);
    const worst = rest.slice(0, 5).map((t) => `${t.cpuMs.toFixed(1)} ms (wall ${t.wallMs.toFixed(1)})`);
    console.log(`[sets] 200 documents built in ${seconds.toFixed(1)} s; ${tasks.length} tasks on the library page, longest besides the probe: ${worst.join(', ')}; ${progressSeen.length} progress labels`);

    // The probe was found, with a time on the thread of its own (not the wall time again, and not nothing).
    expect(probe, 'the 200 ms probe task').toBeDefined();
    expect(probe!.cpuMs).toBeGreaterThan(20);
    const long = rest.filter((t) => t.cpuMs > 50);
    const kept = long.length > 0 || process.env.BACKSTORY_KEEP_TRACE ? keepTrace(events, url, 'sets-build-200') : null;
    expect(long.map((t) => `${t.cpuMs.toFixed(1)} ms at ${t.startMs.toFixed(0)} ms`), `tasks over 50 ms on the thread; the trace is kept in ${kept}`).toEqual([]);
    // The bar moved through the reading of the documents, not just from nothing to done.
    const read = progressSeen.map((l) => /^Reading the documents: (\d+) of 200$/.exec(l)?.[1]).filter(Boolean).map(Number);
    expect(new Set(read).size, progressSeen.join(' | ')).toBeGreaterThanOrEqual(10);
    expect(Math.max(...read)).toBe(200);
  });

  test('a build cancelled half-way keeps what it read: building again reads only the rest', { timeout: 600_000 }, async () => {
    const docs = corpusDocuments(60);
    const files = docs.map((d) => {
      const path = join(work, `cancel-${d.name}`);
      writeFileSync(path, d.text);
      return path;
    });
    const page = await browser.openExtensionPage('options.html#sets');
    await page.getByLabel('Name', { exact: true }).fill('Cancelled');
    await page.getByRole('button', { name: 'Create set' }).click();
    await page.getByRole('heading', { level: 2, name: 'Cancelled' }).waitFor();
    await page.evaluate(() => {
      const w = window as unknown as { finished: { phase: string; read?: number }[] };
      w.finished = [];
      (globalThis as unknown as { chrome: { runtime: { onMessage: { addListener(f: (m: { type?: string; payload?: { phase: string; read?: number } }) => void): void } } } }).chrome.runtime.onMessage.addListener((m) => {
        if (m?.type === 'sets/progress' && (m.payload?.phase === 'done' || m.payload?.phase === 'cancelled')) w.finished.push(m.payload);
      });
    });
    await page.locator('#bs-doc-files').setInputFiles(files);
    // Cancel once some documents are read, by keyboard.
    const label = page.locator('#bs-build-label');
    await expect.poll(async () => Number(/: (\d+) of 60$/.exec((await label.textContent()) ?? '')?.[1] ?? 0), { timeout: 120_000, interval: 100 }).toBeGreaterThanOrEqual(5);
    await page.getByTestId('build-progress').getByRole('button', { name: 'Cancel' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('build-progress').getAttribute('data-phase')).toBe('cancelled');
    expect(await page.getByTestId('build-progress').textContent()).toContain('Build cancelled: the documents read so far are kept');
    expect(await page.locator('.bs-build .bs-hint').last().textContent()).toMatch(/Not built yet\.|from \d+ of its 60 documents/);
    await page.getByRole('button', { name: 'Build again' }).click();
    await expect.poll(() => page.getByTestId('build-progress').getAttribute('data-phase'), { timeout: 300_000, interval: 500 }).toBe('done');
    const finished = await page.evaluate(() => (window as unknown as { finished: { phase: string; read?: number }[] }).finished);
    expect(finished.map((f) => f.phase)).toEqual(['cancelled', 'done']);
    // Fewer than all 60 read again: the readings made before the cancel were kept.
    expect(finished[1]!.read).toBeGreaterThan(0);
    expect(finished[1]!.read).toBeLessThan(60);
    await expect.poll(() => page.locator('.bs-build .bs-hint').textContent()).toMatch(/from 60 documents\./);
  });
});
