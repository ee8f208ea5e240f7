// The first answer a page gets after Chrome stopped the service worker, for a reader's large set: with the
// combination's compiled tables kept in Cache Storage against without them (compiled again), visits interleaved:
//
//   BACKSTORY_OUT_DIR=<build> npx tsx scripts/bench/compare-set-tables.ts [--runs=7]
//
// The bench's generated reference (10,000 entities, 50,000 aliases, 5,000 figures) is imported as a set through the
// library's own import, in a fresh profile. Each visit stops the service worker (CDP ServiceWorker.stopAllWorkers,
// what Chrome does after 30 s idle) and then times, from the library page, the `sets/for-page` message a page with
// that set and the bundled set on sends: the worker's start, the set read, and the tables either read back from
// Cache Storage ("kept") or compiled ("compiled": the cache deleted first). Both answers must carry the tables.
// A measured row, no target.
import { loadavg } from 'node:os';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { launchWithExtension, type ExtensionBrowser } from '../chromium';
import { generateReference } from './reference';
import { dataset as bundled } from '../../lib/reference';
import { TABLES_CACHE } from '../../lib/sets/tables-store';
import { SETS_INDEX_KEY } from '../../lib/sets/index-mirror';
import { wholeNumber } from './args';
import { median } from './median';

/** The extension page's `chrome`, as much of it as the bench uses. */
declare const chrome: {
  runtime: { sendMessage(message: object): Promise<{ ok: boolean; value?: { tables?: unknown } }> };
  storage: { local: { get(key: string): Promise<Record<string, unknown>> } };
};

async function stopWorker(browser: ExtensionBrowser, page: Page): Promise<void> {
  const cdp = await browser.context.newCDPSession(page);
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
  await cdp.detach();
}

/** The tables' entries stored (the write follows the answer: the next visit waits for it). */
const stored = (page: Page) => page.evaluate(async (name) => (await (await caches.open(name)).keys()).length, TABLES_CACHE);

/** Milliseconds to the answer, which must carry tables. */
async function ask(page: Page, setId: string): Promise<number> {
  const { ms, tables } = await page.evaluate(async (id) => {
    const start = performance.now();
    const reply = await chrome.runtime.sendMessage({ backstory: 1, type: 'sets/for-page', payload: { ids: [id], bundled: true } });
    return { ms: performance.now() - start, tables: Boolean(reply.ok && reply.value?.tables) };
  }, setId);
  if (!tables) throw new Error('compare-set-tables: an answer came without tables');
  return ms;
}

async function main(): Promise<void> {
  const runs = wholeNumber('compare-set-tables', 'runs', 7);
  const work = mkdtempSync(join(tmpdir(), 'backstory-set-tables-'));
  const file = join(work, 'generated.json');
  writeFileSync(file, JSON.stringify(generateReference(bundled)));
  const browser = await launchWithExtension();
  const kept: number[] = [];
  const compiled: number[] = [];
  try {
    const library = await browser.openExtensionPage('options.html#sets');
    await library.locator('#bs-set-import-file').setInputFiles(file);
    // The set's id, once the background has mirrored the summaries (a built set: the import brings its build).
    let setId: string | null = null;
    for (let wait = 0; !setId; wait++) {
      if (wait > 1200) throw new Error('compare-set-tables: the generated set was not imported');
      await new Promise((ok) => setTimeout(ok, 100));
      setId = await library.evaluate(async (key) => {
        const index = (await chrome.storage.local.get(key))[key] as { sets?: { id: string; built: boolean }[] } | undefined;
        return index?.sets?.find((s) => s.built)?.id ?? null;
      }, SETS_INDEX_KEY);
    }
    for (let run = 0; run < runs + 1; run++) {
      // Without: the cache deleted, the worker stopped; the answer compiles (and writes them again).
      await library.evaluate((name) => caches.delete(name), TABLES_CACHE);
      await stopWorker(browser, library);
      const without = await ask(library, setId);
      for (let wait = 0; (await stored(library)) === 0; wait++) {
        if (wait > 600) throw new Error('compare-set-tables: the compiled tables were never stored');
        await new Promise((ok) => setTimeout(ok, 100));
      }
      // With: the worker stopped again; the answer reads them back.
      await stopWorker(browser, library);
      const withStore = await ask(library, setId);
      if (run > 0) { // the first round warms the browser's own caches
        compiled.push(without);
        kept.push(withStore);
      }
    }
  } finally {
    await browser.close();
    rmSync(work, { recursive: true, force: true });
  }
  const row = (xs: number[]) => `${median(xs).toFixed(0)} ms (${Math.min(...xs).toFixed(0)}–${Math.max(...xs).toFixed(0)})`;
  console.log(`load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}; ${runs} visits each, the service worker stopped before each; median (min–max)`);
  console.log(`first answer with tables, generated 10,000-entity set + bundled set: compiled ${row(compiled)}, kept ${row(kept)}`);
}

void main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
