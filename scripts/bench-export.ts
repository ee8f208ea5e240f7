// Export and import of 10,000 annotations, median of several runs, each printed with its
// ratio to a baseline run in the same process on the same records: JSON.stringify of the stored records for
// exports, JSON.parse plus a raw IndexedDB put of the same records (one transaction) for imports. IndexedDB
// is fake-indexeddb here (Node), for both our code and the baseline, so the ratio is what compares.
// Targets (printed PASS/MISS, never asserted): export under 1 s, import under 2 s.
//
//   npx tsx scripts/bench-export.ts [--runs=5] [--count=10000] [--json] [--no-browser | --chromium-only]
// With Chromium and a build (BACKSTORY_OUT_DIR honoured) it also measures the same in the real extension.
//   benchExport({ runs, count }) from scripts/bench.ts (npm run bench)
// idb checks instanceof IDBRequest etc., so Node needs the IndexedDB globals, not only a factory.
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { unwrap } from 'idb';
import Papa from 'papaparse';
import { pathToFileURL } from 'node:url';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromiumAvailable, launchWithExtension } from './chromium';
import { openNotesDb, type NotesDb } from '../lib/notes/db';
import { ANNOTATIONS_STORE, type Annotation } from '../lib/notes/types';
import { exportAnnotations } from '../lib/export/export';
import { writeJsonLd } from '../lib/export/jsonld';
import { parseImportFile } from '../lib/export/import';
import { NotesRepository } from '../lib/notes/repository';

/** What the options page does with a file: parse and check it, then write it through the repository. */
async function importInto(db: NotesDb, text: string) {
  return new NotesRepository(async () => db).importRecords(await parseImportFile(text));
}
import type { ExportFormat } from '../lib/export/formats';
import { flag, wholeNumber } from './bench/args';
import { median } from './bench/median';

export const EXPORT_TARGETS = { exportMs: 1000, importMs: 2000 };

export interface BenchExportOptions {
  runs?: number;
  count?: number;
  /** Print the table (default true). */
  print?: boolean;
  /**
   * Also measure in Chromium with the built extension (real IndexedDB, the messages the options page sends).
   * Default: when Chromium and a build are there.
   */
  browser?: boolean;
  /** Also measure in Node on fake-indexeddb (default true); `--chromium-only` leaves it out. */
  node?: boolean;
}

export interface BenchRow {
  name: string;
  medianMs: number;
  baselineMs: number;
  ratio: number;
  targetMs?: number;
  bytes?: number;
  /** What the phases took (Chromium imports: the page's own measures), printed under the row. */
  detail?: string;
}

/** A deterministic PRNG, so every run and every machine benches the same records. */
function rng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = ('Syria Aleppo Damascus Homs the UN said more than 70,000 people have been killed since March 2011 ' +
  'refugees fled to Jordan Turkey Lebanon activists reported shelling "government forces" rebels, opposition; ' +
  'Human Rights Watch observers — حلب دمشق 叙利亚 😀 = + - @ # > * _ [ ] newline').split(' ');

/** Records shaped like real use: 200 pages, quotes of a sentence, notes of a few lines, a few tags. */
export function sampleAnnotations(count: number, seed = 42): Annotation[] {
  const random = rng(seed);
  const pick = () => WORDS[Math.floor(random() * WORDS.length)]!;
  const words = (n: number) => Array.from({ length: n }, pick).join(' ').replace(/newline/g, '\n');
  const hex = (n: number) => Array.from({ length: n }, () => Math.floor(random() * 16).toString(16)).join('');
  const base = Date.parse('2025-01-01T00:00:00Z');
  return Array.from({ length: count }, (_, i) => {
    const page = i % 200;
    const created = new Date(base + Math.floor(random() * 3e10)).toISOString();
    const start = Math.floor(random() * 20_000);
    const exact = words(8 + Math.floor(random() * 25));
    const a: Annotation = {
      id: `${hex(8)}-${hex(4)}-4${hex(3)}-a${hex(3)}-${hex(12)}`,
      url: `https://news${page % 7}.example/world/2025/story-${page}`,
      title: `Story ${page}: ${words(6)}`,
      created,
      modified: new Date(Date.parse(created) + Math.floor(random() * 1e8)).toISOString(),
      text: random() < 0.2 ? '' : words(5 + Math.floor(random() * 60)),
      tags: Array.from({ length: Math.floor(random() * 4) }, () => pick().toLowerCase()),
    };
    if (random() < 0.9) {
      a.target = {
        quote: { type: 'TextQuoteSelector', exact, prefix: words(5).slice(0, 32), suffix: words(5).slice(0, 32) },
        position: { type: 'TextPositionSelector', start, end: start + exact.length },
      };
    }
    if (random() < 0.3) a.reference = { id: `figure:people-killed-${i}`, kind: 'figure', label: 'more than 70,000 people killed' };
    return a;
  });
}

async function time(fn: () => unknown | Promise<unknown>): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

async function medianOf(runs: number, fn: () => Promise<number>): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) samples.push(await fn());
  return median(samples);
}

async function filledDb(records: readonly Annotation[]): Promise<NotesDb> {
  const db = await openNotesDb(new IDBFactory());
  const tx = db.transaction(ANNOTATIONS_STORE, 'readwrite');
  await Promise.all([...records.map((r) => tx.store.put(r)), tx.done]);
  return db;
}

/** The baseline write: the same records, raw IndexedDB puts in one transaction, no reads, no checks. */
function rawPutAll(db: IDBDatabase, records: readonly Annotation[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const tx = db.transaction(ANNOTATIONS_STORE, 'readwrite');
    const store = tx.objectStore(ANNOTATIONS_STORE);
    for (const r of records) store.put(r);
    tx.oncomplete = () => resolve();
    tx.onabort = () => reject(tx.error);
  });
}

export async function benchExport(options: BenchExportOptions = {}): Promise<BenchRow[]> {
  const runs = options.runs ?? 5;
  const count = options.count ?? 10_000;
  const records = sampleAnnotations(count);
  const rows: BenchRow[] = [];
  if (options.node === false) {
    const browserRows = await benchExportInChromium(records, writeJsonLd(records, { now: new Date() }), runs);
    if (options.print ?? true) printRows(browserRows, count, runs, 'Chromium, built extension, real IndexedDB, driven through the options page');
    return browserRows.map((r) => ({ ...r, name: `chromium: ${r.name}` }));
  }
  const db = await filledDb(records);

  // Export: read everything from the database, then write the file. Baseline: getAll + JSON.stringify.
  const exportBaseline = await medianOf(runs, async () => time(async () => JSON.stringify(await db.getAll(ANNOTATIONS_STORE))));
  const files = new Map<ExportFormat, string>();
  for (const format of ['jsonld', 'markdown', 'csv'] as const) {
    const ms = await medianOf(runs, async () =>
      time(async () => files.set(format, exportAnnotations(await new NotesRepository(async () => db).listAll(), format).content)),
    );
    rows.push({ name: `export ${format}`, medianMs: ms, baselineMs: exportBaseline, ratio: ms / exportBaseline, targetMs: EXPORT_TARGETS.exportMs, bytes: Buffer.byteLength(files.get(format)!) });
  }

  // Import of the JSON-LD file into an empty database (all added), and again into a full one (all skipped).
  // Baseline: JSON.parse of the plain-JSON records plus raw puts into an empty database.
  const plain = JSON.stringify(records);
  const jsonld = files.get('jsonld')!;
  const importBaseline = await medianOf(runs, async () => {
    const fresh = await openNotesDb(new IDBFactory());
    const ms = await time(async () => rawPutAll(unwrap(fresh) as IDBDatabase, JSON.parse(plain) as Annotation[]));
    fresh.close();
    return ms;
  });
  const importFresh = await medianOf(runs, async () => {
    const fresh = await openNotesDb(new IDBFactory());
    const ms = await time(async () => {
      const counts = await importInto(fresh, jsonld);
      if (counts.added !== count) throw new Error(`bench: expected ${count} added, got ${JSON.stringify(counts)}`);
    });
    fresh.close();
    return ms;
  });
  rows.push({ name: 'import jsonld (new)', medianMs: importFresh, baselineMs: importBaseline, ratio: importFresh / importBaseline, targetMs: EXPORT_TARGETS.importMs });
  const importAgain = await medianOf(runs, async () =>
    time(async () => {
      const counts = await importInto(db, jsonld);
      if (counts.skipped !== count) throw new Error(`bench: expected ${count} skipped, got ${JSON.stringify(counts)}`);
    }),
  );
  rows.push({ name: 'import jsonld (again)', medianMs: importAgain, baselineMs: importBaseline, ratio: importAgain / importBaseline, targetMs: EXPORT_TARGETS.importMs });

  // Reading the CSV back with papaparse is what a spreadsheet-side consumer pays, against JSON.parse of the
  // plain records.
  const parseBaseline = await medianOf(runs, async () => time(() => JSON.parse(plain)));
  const csvText = files.get('csv')!.slice(1);
  const csvParse = await medianOf(runs, async () => time(() => Papa.parse(csvText)));
  rows.push({ name: 'read back csv (papaparse)', medianMs: csvParse, baselineMs: parseBaseline, ratio: csvParse / parseBaseline });
  db.close();

  if (options.print ?? true) printRows(rows, count, runs);

  const builtExtension = existsSync(join(resolve(process.env.BACKSTORY_OUT_DIR ?? '.output', 'chrome-mv3'), 'manifest.json'));
  if (options.browser ?? (chromiumAvailable() && builtExtension)) {
    const browserRows = await benchExportInChromium(records, jsonld, runs);
    if (options.print ?? true) printRows(browserRows, count, runs, 'Chromium, built extension, real IndexedDB, driven through the options page');
    rows.push(...browserRows.map((r) => ({ ...r, name: `chromium: ${r.name}` })));
  } else if (options.print ?? true) {
    console.log('  (Chromium part skipped: needs /usr/bin/chromium and `npm run build`)');
  }
  return rows;
}

/**
 * The same operations as the reader triggers them on the options page: choosing a file to import (timed until
 * the page shows the counts) and clicking Export (timed until the browser reports the download). The page
 * works on the browser's real IndexedDB. Baselines run in the same page: JSON.parse + raw puts into a
 * scratch database, getAll + JSON.stringify from it.
 */
async function benchExportInChromium(records: readonly Annotation[], jsonld: string, runs: number): Promise<BenchRow[]> {
  const dir = mkdtempSync(join(tmpdir(), 'backstory-bench-export-'));
  const file = join(dir, 'annotations.jsonld');
  writeFileSync(file, jsonld);
  const browser = await launchWithExtension({ downloadsPath: join(dir, 'downloads') });
  const count = records.length;
  try {
    const page = await browser.openExtensionPage('options.html');
    // tsx compiles with keepNames, which wraps named functions in __name(); the page has no such helper.
    await page.evaluate('globalThis.__name = (f) => f');
    const status = page.locator('[data-testid="import-status"]');
    const samples: Record<string, number[]> = {
      importNew: [], importAgain: [], jsonld: [], markdown: [], csv: [], baseImport: [], baseExport: [],
      checkNew: [], writeNew: [], checkAgain: [], writeAgain: [], backupNew: [],
      jsonldRead: [], jsonldWrite: [], jsonldSave: [], markdownRead: [], markdownWrite: [], markdownSave: [], csvRead: [], csvWrite: [], csvSave: [],
    };
    // The import's own measures (lib/export/transfer.ts): reading and checking the file, then writing it.
    const phases = async (check: string, write: string) => {
      const [c, w] = await page.evaluate(() => ['backstory:import-check', 'backstory:import-write'].map((n) => performance.getEntriesByName(n).at(-1)?.duration ?? NaN));
      samples[check]!.push(c!);
      samples[write]!.push(w!);
    };
    const clock = async (fn: () => Promise<unknown>) => { const t = performance.now(); await fn(); return performance.now() - t; };
    for (let i = 0; i < runs; i++) {
      // A clean start for each run, as a reader would make it: delete-all behind its typed confirmation.
      if (i > 0) {
        await page.getByRole('button', { name: 'Delete all notes…' }).click();
        await page.getByLabel('Type delete all to confirm').fill('delete all');
        await page.getByRole('button', { name: 'Delete everything' }).click();
        await page.getByText('0 notes on 0 pages.').waitFor({ timeout: 120_000 });
      }
      await page.reload();
      await page.evaluate('globalThis.__name = (f) => f');
      await page.getByText('0 notes on 0 pages.').waitFor();
      const backupsBefore = await page.evaluate(() => performance.getEntriesByName('backstory:import-backup').length);
      samples.importNew!.push(await clock(async () => {
        await page.locator('#bs-import-file').setInputFiles(file);
        await status.getByText(`Imported: ${count} added, 0 updated, 0 skipped.`).waitFor({ timeout: 120_000 });
      }));
      await phases('checkNew', 'writeNew');
      // The import's backup copy (storage.local) is written after the counts are shown, in the background: the reader
      // waits for none of it. Timing the next steps while it runs would add to them what they do not cost (an export
      // started inside it took about 4 s to finish), so they wait for it, as the notes bench does; its own time is
      // printed under the import's row.
      await page.waitForFunction((n) => performance.getEntriesByName('backstory:import-backup').length > n, backupsBefore, { timeout: 300_000 });
      samples.backupNew!.push(await page.evaluate(() => performance.getEntriesByName('backstory:import-backup').at(-1)!.duration));
      samples.importAgain!.push(await clock(async () => {
        await page.locator('#bs-import-file').setInputFiles(file);
        await status.getByText(`Imported: 0 added, 0 updated, ${count} skipped`).waitFor({ timeout: 120_000 });
      }));
      await phases('checkAgain', 'writeAgain');
      for (const format of ['jsonld', 'markdown', 'csv'] as const) {
        await page.selectOption('#bs-options-format', format);
        samples[format]!.push(await clock(() => Promise.all([
          page.waitForEvent('download', { timeout: 120_000 }),
          page.getByRole('button', { name: `Export ${count} notes`, exact: true }).click(),
        ])));
        // The export's own measures (lib/export/transfer.ts, download.ts): reading the notes, writing the file, the Blob.
        const [read, write, save] = await page.evaluate(() =>
          ['backstory:export-read', 'backstory:export-write', 'backstory:export-save'].map((n) => performance.getEntriesByName(n).at(-1)?.duration ?? NaN));
        samples[`${format}Read`]!.push(read!);
        samples[`${format}Write`]!.push(write!);
        samples[`${format}Save`]!.push(save!);
      }
      const base = await page.evaluate(async (plain) => {
        const timed = async (fn: () => Promise<unknown>) => { const t = performance.now(); await fn(); return performance.now() - t; };
        const db = await new Promise<IDBDatabase>((ok, fail) => {
          const r = indexedDB.open(`bench-baseline-${Math.random()}`, 1);
          r.onupgradeneeded = () => r.result.createObjectStore('annotations', { keyPath: 'id' });
          r.onsuccess = () => ok(r.result);
          r.onerror = () => fail(r.error);
        });
        const importMs = await timed(() => new Promise<void>((ok, fail) => {
          const tx = db.transaction('annotations', 'readwrite');
          const store = tx.objectStore('annotations');
          for (const r of JSON.parse(plain) as { id: string }[]) store.put(r);
          tx.oncomplete = () => ok();
          tx.onabort = () => fail(tx.error);
        }));
        const exportMs = await timed(() => new Promise<void>((ok, fail) => {
          const req = db.transaction('annotations').objectStore('annotations').getAll();
          req.onsuccess = () => { JSON.stringify(req.result); ok(); };
          req.onerror = () => fail(req.error);
        }));
        const name = db.name;
        db.close();
        indexedDB.deleteDatabase(name);
        return { importMs, exportMs };
      }, JSON.stringify(records));
      samples.baseImport!.push(base.importMs);
      samples.baseExport!.push(base.exportMs);
    }
    const r = Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, median(v)]));
    const exp = r.baseExport!, imp = r.baseImport!;
    return [
      ...(['jsonld', 'markdown', 'csv'] as const).map((f) => ({
        name: `export ${f}`, medianMs: r[f]!, baselineMs: exp, ratio: r[f]! / exp, targetMs: EXPORT_TARGETS.exportMs,
        detail: `reading the notes ${r[`${f}Read`]!.toFixed(0)} ms; writing the file ${r[`${f}Write`]!.toFixed(0)} ms; the Blob and download link ${r[`${f}Save`]!.toFixed(0)} ms`,
      })),
      { name: 'import jsonld (new)', medianMs: r.importNew!, baselineMs: imp, ratio: r.importNew! / imp, targetMs: EXPORT_TARGETS.importMs, detail: `reading and checking the file (the free-space estimate alongside) ${r.checkNew!.toFixed(0)} ms; writing it ${r.writeNew!.toFixed(0)} ms; its backup copy (after the counts are shown, waited for before the rows below) complete ${r.backupNew!.toFixed(0)} ms after the file was checked` },
      { name: 'import jsonld (again)', medianMs: r.importAgain!, baselineMs: imp, ratio: r.importAgain! / imp, targetMs: EXPORT_TARGETS.importMs, detail: `reading and checking the file (the free-space estimate alongside) ${r.checkAgain!.toFixed(0)} ms; judging it against the stored notes ${r.writeAgain!.toFixed(0)} ms` },
    ];
  } finally {
    await browser.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export function printRows(rows: readonly BenchRow[], count: number, runs: number, where = `Node ${process.version}, fake-indexeddb`): void {
  console.log(`\nExport / import of ${count.toLocaleString('en')} annotations (median of ${runs} runs; ${where})`);
  console.log('  what                          median ms   baseline ms   ratio   target');
  for (const r of rows) {
    const target = r.targetMs === undefined ? '' : `${r.medianMs <= r.targetMs ? 'PASS' : 'MISS'} < ${r.targetMs} ms`;
    const size = r.bytes === undefined ? '' : `  (${(r.bytes / 1e6).toFixed(1)} MB)`;
    console.log(`  ${r.name.padEnd(28)} ${r.medianMs.toFixed(0).padStart(9)}   ${r.baselineMs.toFixed(0).padStart(11)}   ${r.ratio.toFixed(1).padStart(5)}×  ${target}${size}`);
    if (r.detail) console.log(`    ${r.detail}`);
  }
  console.log('  baselines: export = getAll + JSON.stringify; import = JSON.parse + raw puts in one transaction' + (rows.some((r) => r.name.startsWith('read back')) ? '; read back = JSON.parse' : ''));
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const json = flag('json');
  const rows = await benchExport({
    runs: wholeNumber('bench-export', 'runs', 5),
    count: wholeNumber('bench-export', 'count', 10_000),
    print: !json,
    ...(flag('no-browser') ? { browser: false } : {}),
    ...(flag('chromium-only') ? { node: false } : {}),
  });
  if (json) console.log(JSON.stringify(rows, null, 2));
}
