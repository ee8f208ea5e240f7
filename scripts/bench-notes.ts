// The notes side of `npm run bench`, in Chromium with the built extension: what a reader with many notes waits for.
//  - The popup on an article with 50 notes of its own, opened as a page of the extension (a fresh visit each time),
//    with only those notes stored, then with 1,000 and 10,000 stored: time to the composer and to this page's
//    notes being painted. The yardstick is the same popup with only the page's notes stored (same run, same
//    browser), so the ratio says how much the rest of the library slows it.
//  - The library (options page) with 10,000 notes: time until its first notes are painted, against the same page
//    with the 50 notes (a browser of its own, its visits taken in turn with the other's, after one visit to each
//    not counted), and the search field typed into a key at a time: each keystroke's time from the key reaching
//    the page to the next frame painted after the list changed (what the reader feels as lag).
//  - Import of a 10,000-note JSON-LD file into an empty library (a fresh profile each run), from the file being
//    chosen to the counts shown, against raw IndexedDB puts of the same records in the same page.
// Every note is stored the way a reader stores them: files imported through the library's own import, never
// written into the database behind the extension's back. Each figure is the median of fresh visits, with its
// spread (lowest–highest); targets are printed PASS/MISS, never asserted.
//
//   npx tsx scripts/bench-notes.ts [--runs=5] [--only=popup|library|import] [--json]   (npm run bench runs it all)
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import { launchWithExtension, servePages, type ExtensionBrowser } from './chromium';
import { sampleAnnotations } from './bench-export';
import { exportAnnotations } from '../lib/export/export';
import { filterAnnotations } from '../lib/export/filter';
import { normalizeUrl } from '../lib/url';
import type { Annotation } from '../lib/notes/types';
import { flag, option } from './bench/args';
import { median } from './bench/median';

export const NOTES_TARGETS = {
  /** The popup with 1,000 or 10,000 notes stored against the same popup with only the page's: flat as notes grow. */
  popupRatio: 1.25,
  /** The library's first notes painted with 10,000 stored, against the same page with 50. */
  libraryFirstPaintRatio: 1.5,
  /** A keystroke in the library's search to the next frame, the slowest of a visit (a long task is over 50 ms). */
  keystrokeMs: 50,
  importMs: 1000,
  importRatio: 2,
};

// tsx compiles with keepNames, which wraps named functions in __name(); pages have no such helper.
export const NAME_HELPER = 'globalThis.__name = (f) => f';

/** How many of the notes are on the article the popup is opened on: the same in every row. */
export const ON_PAGE = 50;
/** Typed into the library's search a key at a time: a reader looking for one story's notes about Aleppo. */
export const QUERY = 'story 137 aleppo';

export interface Spread {
  median: number;
  min: number;
  max: number;
  runs: number;
}

export interface NotesBenchResult {
  popup: { stored: number; onPage: number; composerMs: Spread; notesMs: Spread }[];
  library: { stored: number; firstNotesMs: Spread; summaryMs: Spread }[];
  /** Each visit's median and slowest key; of a key, the median of the page's own work and of the frame after it. */
  keystrokes: { stored: number; query: string; medianMs: Spread; slowestMs: Spread; scriptMs: Spread; frameMs: Spread; shown: number; expected: number };
  /** The whole import, and its phases: reading and checking the file, writing it; when its backup copy was complete. */
  import: { count: number; importMs: Spread; checkMs: Spread; writeMs: Spread; backupMs: Spread; rawPutMs: Spread; ratio: number };
}

const spread = (xs: readonly number[]): Spread => {
  const s = [...xs].sort((a, b) => a - b);
  return { median: median(s), min: s[0]!, max: s.at(-1)!, runs: s.length };
};

function article(): { html: string; sentences: string[] } {
  const sentences = Array.from({ length: ON_PAGE }, (_, i) => `Observers counted ${i + 3} shells falling on the eastern districts of Aleppo on day ${i + 1} of the siege.`);
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Aleppo under siege</title></head><body><main><article><h1>Aleppo under siege</h1>${sentences.map((s) => `<p>${s} The United Nations said more than 70,000 people had been killed since March 2011.</p>`).join('')}</article></main></body></html>`;
  return { html, sentences };
}

/** The article's own notes, each quoting one of its sentences, as a reader would have written them. */
function pageNotes(url: string, sentences: readonly string[]): Annotation[] {
  return sampleAnnotations(ON_PAGE, 7).map((n, i) => ({
    ...n,
    url,
    title: 'Aleppo under siege',
    target: { quote: { type: 'TextQuoteSelector', exact: sentences[i]!, prefix: '', suffix: ' The United Nations said' } },
  }));
}

function jsonldFile(dir: string, name: string, notes: readonly Annotation[]): string {
  const path = join(dir, name);
  writeFileSync(path, exportAnnotations([...notes], 'jsonld').content);
  return path;
}

/** Chooses `file` in the library's import and waits for its counts; returns the import's time in the page. */
export async function importThrough(options: Page, file: string, added: number): Promise<{ ms: number; checkMs: number; writeMs: number }> {
  await options.evaluate(() => {
    const w = window as unknown as { benchImport: { start: number; end: number } };
    w.benchImport = { start: 0, end: 0 };
    const input = document.getElementById('bs-import-file')!;
    // The change event is the file being chosen; the status showing the counts is the import being done.
    input.addEventListener('change', () => { w.benchImport.start = performance.now(); }, { capture: true, once: true });
    const status = document.querySelector('[data-testid="import-status"]')!;
    const seen = new MutationObserver(() => {
      if (/^Imported: /.test(status.textContent ?? '')) {
        w.benchImport.end = performance.now();
        seen.disconnect();
      }
    });
    seen.observe(status, { childList: true, characterData: true, subtree: true });
  });
  await options.locator('#bs-import-file').setInputFiles(file);
  await options.getByTestId('import-status').getByText(`Imported: ${added} added,`).waitFor({ timeout: 300_000 });
  return options.evaluate(() => {
    const { start, end } = (window as unknown as { benchImport: { start: number; end: number } }).benchImport;
    // The import's own phases (lib/export/transfer.ts): reading and checking the file, then writing it.
    const phase = (name: string) => performance.getEntriesByName(name).at(-1)?.duration ?? NaN;
    return { ms: end - start, checkMs: phase('backstory:import-check'), writeMs: phase('backstory:import-write') };
  });
}

/**
 * Records, from the page's first script on, when each selector is first in the document and the frame after it
 * (a requestAnimationFrame callback, then a task: the frame has been painted by then). Times from navigation start.
 */
type Watched = Record<string, { selector: string; text?: string }>;
const WATCH = (watched: Watched) => {
  const w = window as unknown as { benchShown: Record<string, number> };
  w.benchShown = {};
  const check = () => {
    for (const [name, { selector, text }] of Object.entries(watched)) {
      if (name in w.benchShown) continue;
      const found = document.querySelector(selector);
      if (!found || (text !== undefined && !new RegExp(text).test(found.textContent ?? ''))) continue;
      w.benchShown[name] = -1;
      requestAnimationFrame(() => {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => { w.benchShown[name] = performance.now(); };
        channel.port2.postMessage(null);
      });
    }
  };
  new MutationObserver(check).observe(document, { childList: true, subtree: true, characterData: true });
};

export async function visit(ext: ExtensionBrowser, path: string, selectors: Watched): Promise<{ page: Page; shown: Record<string, number> }> {
  const page = await ext.context.newPage();
  await page.addInitScript(WATCH, selectors);
  await page.goto(`chrome-extension://${ext.extensionId}/${path}`);
  const names = Object.keys(selectors);
  const shown = await page
    .waitForFunction((n) => {
      const s = (window as unknown as { benchShown?: Record<string, number> }).benchShown;
      return s && n.every((k) => (s[k] ?? -1) > 0) ? s : null;
    }, names, { timeout: 120_000, polling: 50 })
    .then((h) => h.jsonValue());
  return { page, shown: shown! };
}

async function measurePopup(ext: ExtensionBrowser, tabId: number, runs: number) {
  const composer: number[] = [];
  const notes: number[] = [];
  let onPage = 0;
  for (let i = 0; i < runs; i++) {
    // The composer's note field, and the page's notes listed (the first of them painted).
    const { page, shown } = await visit(ext, `popup.html?tab=${tabId}`, { composer: { selector: '.bs-notes textarea' }, notes: { selector: '.bs-notes .bs-note' } });
    onPage = Number((await page.getByTestId('page-count').textContent())?.match(/\d+/)?.[0] ?? 0);
    composer.push(shown.composer!);
    notes.push(shown.notes!);
    await page.close();
  }
  if (onPage !== ON_PAGE) throw new Error(`bench: the popup listed ${onPage} notes on the page, expected ${ON_PAGE}`);
  return { onPage, composerMs: spread(composer), notesMs: spread(notes) };
}

/**
 * The library visited in each browser in turn (`libraries`: each browser with the notes it stores), so the machine's
 * load in those minutes weighs on every count of notes alike: the first-paint ratio compares visits made side by
 * side, not a yardstick measured minutes before, between imports.
 */
async function measureLibraries(libraries: readonly { ext: ExtensionBrowser; stored: number }[], runs: number) {
  const first: number[][] = libraries.map(() => []);
  const summary: number[][] = libraries.map(() => []);
  // One visit to each browser first, not counted: a browser left idle while the other imported has let its service
  // worker stop and its caches go cold, and its first visit would pay for that alone.
  for (const { ext, stored } of libraries) {
    const { page } = await visit(ext, 'options.html', { notes: { selector: '.bs-library-list .bs-note' } });
    await page.getByTestId('summary').getByText(`${stored.toLocaleString('en')} notes on `).waitFor({ timeout: 60_000 });
    await page.close();
  }
  for (let i = 0; i < runs; i++) {
    // Which one goes first alternates, so neither always follows the other's visit.
    const order = libraries.map((_, b) => b);
    if (i % 2) order.reverse();
    for (const b of order) {
      const { ext, stored } = libraries[b]!;
      const { page, shown } = await visit(ext, 'options.html', { notes: { selector: '.bs-library-list .bs-note' }, summary: { selector: '[data-testid="summary"]', text: ' notes? on ' } });
      await page.getByTestId('summary').getByText(`${stored.toLocaleString('en')} notes on `).waitFor({ timeout: 60_000 });
      first[b]!.push(shown.notes!);
      summary[b]!.push(shown.summary!);
      await page.close();
    }
  }
  return libraries.map(({ stored }, b) => ({ stored, firstNotesMs: spread(first[b]!), summaryMs: spread(summary[b]!) }));
}

/** One key typed into the library's search: ms from the key reaching the page to the next frame painted, and its parts. */
export interface KeyTiming {
  /** The whole: the key event's time stamp to a task after the next frame (what the reader feels as lag). */
  totalMs: number;
  /** The key waiting for the page (earlier work still running) and its keydown/keypress, to the input event. */
  beforeMs: number;
  /** The page's own work for the key: the input event's handlers and the redraw they ask for (Preact renders in a
   *  microtask, layout effects included, so a layout they force is counted here). */
  scriptMs: number;
  /** From that work's end to the frame painted: waiting for the frame, then style, layout and paint. */
  frameMs: number;
}

/**
 * Types QUERY into the library's search (focused, every note read), a key every 150 ms, and times each key to the
 * next painted frame, split into the page's own work for it and the browser's frame after it.
 */
export async function typeQuery(page: Page, query = QUERY): Promise<KeyTiming[]> {
  const search = page.locator('#bs-filter-text');
  await search.focus();
  await page.evaluate(() => {
    type Key = { at: number; input: number; scripted: number; painted: number };
    const w = window as unknown as { benchKeys: Key[] };
    w.benchKeys = [];
    // From the key event's own time stamp (when the browser got it, so time waiting behind earlier work counts)
    // to a task after the next frame: the frame that shows the list for this keystroke has been painted.
    document.addEventListener('keydown', (e) => {
      const key: Key = { at: e.timeStamp, input: NaN, scripted: NaN, painted: NaN };
      w.benchKeys.push(key);
      requestAnimationFrame(() => {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => { key.painted = performance.now(); };
        channel.port2.postMessage(null);
      });
    }, { capture: true });
    // The input event reaches the document first (capture) and the window last (bubbling), after the field's own
    // handler; the microtask queued then runs after the redraw that handler asked for (Preact renders in one).
    document.addEventListener('input', () => { w.benchKeys.at(-1)!.input = performance.now(); }, { capture: true });
    window.addEventListener('input', () => {
      const key = w.benchKeys.at(-1)!;
      queueMicrotask(() => { key.scripted = performance.now(); });
    });
  });
  await page.keyboard.type(query, { delay: 150 });
  await page.waitForFunction((n) => {
    const keys = (window as unknown as { benchKeys: { painted: number }[] }).benchKeys;
    return keys.length >= n && keys.every((k) => !Number.isNaN(k.painted));
  }, query.length);
  const keys = await page.evaluate(() => (window as unknown as { benchKeys: { at: number; input: number; scripted: number; painted: number }[] }).benchKeys);
  return keys.map((k) => ({
    totalMs: k.painted - k.at,
    beforeMs: k.input - k.at,
    scriptMs: k.scripted - k.input,
    frameMs: k.painted - k.scripted,
  }));
}

/** Checks the list says what the search finds: a fast wrong answer is no answer. */
export async function expectShown(page: Page, expected: number, stored: number): Promise<void> {
  const want = `${expected.toLocaleString('en')} ${expected === 1 ? 'note' : 'notes'} of ${stored.toLocaleString('en')} shown.`;
  const said = await page
    .waitForFunction((w) => document.querySelector('[data-testid="shown-count"]')?.textContent === w, want, { timeout: 60_000 })
    .then(() => want, async () => page.getByTestId('shown-count').textContent());
  if (said !== want) throw new Error(`bench: the library's search said "${said}", expected "${want}"`);
}

/** Types QUERY into the library's search, a key every 150 ms, and times each key to the next painted frame. */
async function measureKeystrokes(ext: ExtensionBrowser, stored: number, expected: number, runs: number) {
  const medians: number[] = [];
  const slowest: number[] = [];
  const scripts: number[] = [];
  const frames: number[] = [];
  let shown = -1;
  for (let i = 0; i < runs; i++) {
    const { page } = await visit(ext, 'options.html', { notes: { selector: '.bs-library-list .bs-note' } });
    await page.getByTestId('summary').getByText(`${stored.toLocaleString('en')} notes on `).waitFor({ timeout: 60_000 });
    const keys = await typeQuery(page);
    await expectShown(page, expected, stored);
    shown = expected;
    medians.push(spread(keys.map((k) => k.totalMs)).median);
    slowest.push(Math.max(...keys.map((k) => k.totalMs)));
    scripts.push(spread(keys.map((k) => k.scriptMs)).median);
    frames.push(spread(keys.map((k) => k.frameMs)).median);
    await page.close();
  }
  return { stored, query: QUERY, medianMs: spread(medians), slowestMs: spread(slowest), scriptMs: spread(scripts), frameMs: spread(frames), shown, expected };
}

/**
 * The import row's baseline: raw IndexedDB puts of `json`'s records into a scratch database of the same page, in one
 * readwrite transaction (the browser's default durability), a store with no index; JSON.parse of the records included.
 */
export function rawPutBaseline(page: Page, json: string): Promise<number> {
  return page.evaluate(async (json) => {
    const db = await new Promise<IDBDatabase>((ok, fail) => {
      const r = indexedDB.open(`bench-baseline-${Math.random()}`, 1);
      r.onupgradeneeded = () => r.result.createObjectStore('annotations', { keyPath: 'id' });
      r.onsuccess = () => ok(r.result);
      r.onerror = () => fail(r.error);
    });
    const start = performance.now();
    await new Promise<void>((ok, fail) => {
      const tx = db.transaction('annotations', 'readwrite');
      const store = tx.objectStore('annotations');
      for (const r of JSON.parse(json) as { id: string }[]) store.put(r);
      tx.oncomplete = () => ok();
      tx.onabort = () => fail(tx.error);
    });
    const ms = performance.now() - start;
    const name = db.name;
    db.close();
    indexedDB.deleteDatabase(name);
    return ms;
  }, json);
}

/** Import of `file` (count notes) into a fresh profile, then raw puts of the same records in the same page. */
async function measureImport(file: string, records: readonly Annotation[], runs: number) {
  const imports: number[] = [];
  const checks: number[] = [];
  const writes: number[] = [];
  const backups: number[] = [];
  const raw: number[] = [];
  const plain = JSON.stringify(records);
  for (let i = 0; i < runs; i++) {
    const ext = await launchWithExtension();
    await ext.context.addInitScript(NAME_HELPER);
    try {
      const options = await ext.openExtensionPage('options.html');
      await options.getByTestId('summary').getByText('0 notes on 0 pages.').waitFor({ timeout: 60_000 });
      const timing = await importThrough(options, file, records.length);
      imports.push(timing.ms);
      checks.push(timing.checkMs);
      writes.push(timing.writeMs);
      // The backup's copy, written after the counts are shown: finished before the baseline runs beside it.
      await options.waitForFunction(() => performance.getEntriesByName('backstory:import-backup').length > 0, null, { timeout: 300_000 });
      backups.push(await options.evaluate(() => performance.getEntriesByName('backstory:import-backup').at(-1)!.duration));
      raw.push(await rawPutBaseline(options, plain));
    } finally {
      await ext.close();
    }
  }
  const importMs = spread(imports);
  const rawPutMs = spread(raw);
  return { count: records.length, importMs, checkMs: spread(checks), writeMs: spread(writes), backupMs: spread(backups), rawPutMs, ratio: importMs.median / rawPutMs.median };
}

export type NotesPart = 'popup' | 'library' | 'import';

export async function benchNotes(options: { runs?: number; print?: boolean; only?: NotesPart } = {}): Promise<Partial<NotesBenchResult>> {
  const runs = options.runs ?? 5;
  const want = (part: NotesPart) => options.only === undefined || options.only === part;
  const print = options.print ?? true;
  const log = (m: string) => { if (print) console.error(`bench: ${m}`); };
  const dir = mkdtempSync(join(tmpdir(), 'backstory-bench-notes-'));
  const server = await servePages();
  const { html, sentences } = article();
  server.set('/world/aleppo-under-siege', html);
  const url = normalizeUrl(`${server.origin}/world/aleppo-under-siege`);
  const own = pageNotes(url, sentences);
  const rest = sampleAnnotations(10_000 - ON_PAGE);
  // Three files: the page's notes; the others up to 1,000; the others up to 10,000 (each imported once, in turn).
  const files = [
    jsonldFile(dir, 'page.jsonld', own),
    jsonldFile(dir, 'to-1000.jsonld', rest.slice(0, 1_000 - ON_PAGE)),
    jsonldFile(dir, 'to-10000.jsonld', rest.slice(1_000 - ON_PAGE)),
  ];
  const all = [...own, ...rest];
  const result: Partial<NotesBenchResult> = {};
  let ext: ExtensionBrowser | null = null;
  // The library's yardstick: a browser of its own holding only the page's notes, visited in turn with the one that
  // holds 10,000. Both are launched inside the try, so that one failing to start still closes the other.
  let small: ExtensionBrowser | null = null;
  try {
    ext = want('popup') || want('library') ? await launchWithExtension({ viewport: { width: 1280, height: 900 } }) : null;
    small = ext && want('library') ? await launchWithExtension({ viewport: { width: 1280, height: 900 } }) : null;
    if (ext) {
      if (small) {
        await small.context.addInitScript(NAME_HELPER);
        const options = await small.openExtensionPage('options.html');
        await options.getByTestId('summary').getByText('0 notes on 0 pages.').waitFor({ timeout: 60_000 });
        await importThrough(options, files[0]!, ON_PAGE);
        await options.waitForFunction(() => performance.getEntriesByName('backstory:import-backup').length > 0, null, { timeout: 300_000 });
        await options.close();
      }
      await ext.context.addInitScript(NAME_HELPER);
      result.popup = [];
      result.library = [];
      const tab = await ext.context.newPage();
      await tab.goto(`${server.origin}/world/aleppo-under-siege`);
      const [worker] = ext.context.serviceWorkers();
      const tabId = await worker!.evaluate(async (u: string) => {
        const api = (globalThis as unknown as { chrome: { tabs: { query(q: object): Promise<{ id?: number; url?: string }[]> } } }).chrome;
        return (await api.tabs.query({})).find((t) => t.url === u)?.id ?? -1;
      }, tab.url());
      if (tabId < 0) throw new Error('bench: the article tab is not known to the extension');
      const options = await ext.openExtensionPage('options.html');
      const steps: [string, number, number][] = [[files[0]!, ON_PAGE, ON_PAGE], [files[1]!, 1_000 - ON_PAGE, 1_000], [files[2]!, 10_000 - 1_000, 10_000]];
      for (const [file, added, stored] of steps) {
        const backups = await options.evaluate(() => performance.getEntriesByName('backstory:import-backup').length);
        await importThrough(options, file, added);
        await options.getByTestId('summary').getByText(`${stored.toLocaleString('en')} notes on `).waitFor({ timeout: 60_000 });
        // The backup's copy is written after the counts show: finished before the visits, which it would slow.
        await options.waitForFunction((n) => performance.getEntriesByName('backstory:import-backup').length > n, backups, { timeout: 300_000 });
        // Let the background finish relaying the import, and the tab re-anchoring its notes, before the visits.
        await options.waitForTimeout(5000);
        if (want('popup')) {
          log(`popup with ${stored.toLocaleString('en')} notes stored`);
          result.popup!.push({ stored, ...(await measurePopup(ext, tabId, runs)) });
        }
        if (small && stored === 10_000) {
          log(`library with ${ON_PAGE} and with ${stored.toLocaleString('en')} notes, visited in turn`);
          result.library!.push(...(await measureLibraries([{ ext: small, stored: ON_PAGE }, { ext, stored }], runs)));
          // Closed before the rows that follow, whose absolute targets one more idle browser would weigh on.
          await small.close();
          small = null;
        }
      }
      await options.close();
      if (want('library')) {
        log(`library search, typed a key at a time, with 10,000 notes`);
        result.keystrokes = await measureKeystrokes(ext, 10_000, filterAnnotations(all, { text: QUERY }).length, runs);
      }
    }
  } finally {
    await ext?.close();
    await small?.close();
  }
  await server.close();
  try {
    if (want('import')) {
      log('import of 10,000 notes into a fresh profile, and raw puts of the same records');
      result.import = await measureImport(jsonldFile(dir, 'all.jsonld', all), all, runs);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  if (print) console.log(report(result));
  return result;
}

const ms = (x: number) => (x >= 100 ? x.toFixed(0) : x.toFixed(1));
const range = (s: Spread) => `${ms(s.median)} ms (${ms(s.min)}–${ms(s.max)})`;
const verdict = (ok: boolean) => (ok ? 'PASS' : 'MISS');

export function report(r: Partial<NotesBenchResult>): string {
  const runs = r.popup?.[0]?.composerMs.runs ?? r.library?.[0]?.firstNotesMs.runs ?? r.import?.importMs.runs ?? 0;
  const out = [`Notes, in Chromium with the built extension (median of ${runs} fresh visits, lowest–highest; ms from navigation start):`];
  if (r.popup?.length) {
    out.push(`  popup on an article with ${ON_PAGE} notes of its own          to the composer          to this page's notes`);
    out.push(...r.popup.map((p) => `    ${`${p.stored.toLocaleString('en')} notes stored`.padEnd(50)} ${range(p.composerMs).padEnd(24)} ${range(p.notesMs)}`));
  }
  if (r.library?.length) {
    out.push(`  library (options page)                                first notes painted      summary shown`);
    out.push(...r.library.map((l) => `    ${`${l.stored.toLocaleString('en')} notes stored`.padEnd(50)} ${range(l.firstNotesMs).padEnd(24)} ${range(l.summaryMs)}`));
  }
  if (r.keystrokes) {
    out.push(`  library search with ${r.keystrokes.stored.toLocaleString('en')} notes, "${r.keystrokes.query}" typed a key every 150 ms (key to next painted frame):`);
    out.push(`    median keystroke ${range(r.keystrokes.medianMs)}; slowest of a visit ${range(r.keystrokes.slowestMs)}; ${r.keystrokes.expected} notes found`);
    out.push(`    of a key (median): the page's own work ${range(r.keystrokes.scriptMs)}; its frame after it (style, layout, paint) ${range(r.keystrokes.frameMs)}`);
  }
  if (r.import) {
    out.push(`  import of ${r.import.count.toLocaleString('en')} notes (JSON-LD, fresh profile; file chosen → counts shown): ${range(r.import.importMs)}`);
    out.push(`    reading and checking the file (the free-space estimate alongside) ${range(r.import.checkMs)}; writing it ${range(r.import.writeMs)}; raw IndexedDB puts of the same records ${range(r.import.rawPutMs)}`);
    out.push(`    the backup's copy (Cache Storage), written after the counts are shown, complete ${range(r.import.backupMs)} after the file was checked`);
  }
  const base = r.popup?.find((p) => p.stored === ON_PAGE);
  for (const p of base ? r.popup!.filter((x) => x.stored !== ON_PAGE) : []) {
    if (!base) break;
    const c = p.composerMs.median / base.composerMs.median;
    const n = p.notesMs.median / base.notesMs.median;
    out.push(`  ${verdict(c <= NOTES_TARGETS.popupRatio)}  popup composer with ${p.stored.toLocaleString('en')} notes stored: ${c.toFixed(2)}× the popup with the page's ${ON_PAGE} only (≤ ${NOTES_TARGETS.popupRatio}×)`);
    out.push(`  ${verdict(n <= NOTES_TARGETS.popupRatio)}  popup's page notes with ${p.stored.toLocaleString('en')} notes stored: ${n.toFixed(2)}× the popup with the page's ${ON_PAGE} only (≤ ${NOTES_TARGETS.popupRatio}×)`);
  }
  const libBase = r.library?.find((l) => l.stored === ON_PAGE);
  const libBig = r.library?.find((l) => l.stored === 10_000);
  if (libBase && libBig) {
    const lib = libBig.firstNotesMs.median / libBase.firstNotesMs.median;
    out.push(`  ${verdict(lib <= NOTES_TARGETS.libraryFirstPaintRatio)}  library's first notes with 10,000 stored: ${lib.toFixed(2)}× the library with ${ON_PAGE} (≤ ${NOTES_TARGETS.libraryFirstPaintRatio}×)`);
  }
  if (r.keystrokes) {
    out.push(`  ${verdict(r.keystrokes.slowestMs.median <= NOTES_TARGETS.keystrokeMs)}  library search with 10,000 notes, slowest keystroke to next frame: ${ms(r.keystrokes.slowestMs.median)} ms (≤ ${NOTES_TARGETS.keystrokeMs} ms)`);
  }
  if (r.import) {
    out.push(`  ${verdict(r.import.importMs.median <= NOTES_TARGETS.importMs)}  import of 10,000 notes in Chromium: ${ms(r.import.importMs.median)} ms (≤ ${NOTES_TARGETS.importMs} ms)`);
    out.push(`  ${verdict(r.import.ratio <= NOTES_TARGETS.importRatio)}  import of 10,000 notes: ${r.import.ratio.toFixed(2)}× raw IndexedDB puts of the same records (≤ ${NOTES_TARGETS.importRatio}×)`);
  }
  return out.join('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const runs = option('runs');
  const only = option('only');
  if (only !== undefined && !['popup', 'library', 'import'].includes(only)) throw new Error('bench-notes: --only= takes popup, library or import');
  const json = flag('json');
  benchNotes({ runs: runs !== undefined ? Number(runs) : 5, print: !json, ...(only ? { only: only as NotesPart } : {}) }).then(
    (r) => {
      // Kept with the other runs' JSON (npm run bench saves these rows inside its own file).
      const dir = join(import.meta.dirname, '..', 'bench-results');
      mkdirSync(dir, { recursive: true });
      const saved = join(dir, `bench-notes-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
      writeFileSync(saved, JSON.stringify({ date: new Date().toISOString(), machine: { cpus: cpus().length, model: cpus()[0]?.model.trim(), loadavg: loadavg() }, notes: r }, null, 2));
      if (json) console.log(JSON.stringify(r, null, 2));
      else console.log(`\n(saved ${saved})`);
    },
    (e: unknown) => {
      console.error(e instanceof Error ? (e.stack ?? e.message) : e);
      process.exitCode = 1;
    },
  );
}
