// The export rows of scripts/bench-export.ts (Export clicked on the options page with 10,000 notes, until the
// browser reports the download), for two or more built extensions with their exports interleaved, so a loaded
// machine weighs on every build alike:
//
//   npx tsx scripts/bench/compare-export.ts --builds=<old checkout>/.output/chrome-mv3,.output/chrome-mv3 [--runs=7] [--formats=jsonld,markdown,csv]
//
// Each build gets its own browser and profile, filled once through the library's own import with the bench's 10,000
// notes (and waited for until the import's backup copy is written); then each run exports every format once per
// build, in turn. Printed per build and format: the median and spread of the clicks; the page's main-thread time
// in them (the thread time of its top-level blocks from a Chromium trace, as scripts/bench/page-tasks.ts reads it,
// which a loaded machine sways far less than the clock: it leaves out the browser process's reading of the database;
// blocks the trace gave no thread time are counted in at their wall time, and their number printed); and the phases the build publishes (reading the notes, writing
// the file, the Blob), where it publishes them.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { launchWithExtension, type ExtensionBrowser } from '../chromium';
import { traceTasksOf } from './page-tasks';
import { sampleAnnotations } from '../bench-export';
import { exportAnnotations } from '../../lib/export/export';
import { arg, flag } from './args';
import { medianOfMeasured as median } from './median';

const builds = arg('builds', '').split(',').filter(Boolean).map((b) => resolve(b));
const runs = Number(arg('runs', '7'));
const formats = arg('formats', 'jsonld,markdown,csv').split(',');
if (builds.length < 1) throw new Error('compare-export: --builds=<chrome-mv3 folder>,<chrome-mv3 folder>');

const STORED = 10_000;
const dir = mkdtempSync(join(tmpdir(), 'backstory-compare-export-'));
const file = join(dir, 'notes.jsonld');
writeFileSync(file, exportAnnotations(sampleAnnotations(STORED), 'jsonld').content);

const browsers: ExtensionBrowser[] = [];
const pages: Page[] = [];
type Samples = Record<string, { click: number[]; thread: number[]; untimed: number[]; untimedMs: number[]; read: number[]; write: number[]; save: number[] }>;
const results: Samples[] = builds.map(() => Object.fromEntries(formats.map((f) => [f, { click: [], thread: [], untimed: [], untimedMs: [], read: [], write: [], save: [] }])));
try {
  for (const [i, build] of builds.entries()) {
    const browser = await launchWithExtension({ extension: build, downloadsPath: join(dir, `downloads-${i}`) });
    browsers.push(browser);
    const page = await browser.openExtensionPage('options.html');
    await page.getByText('0 notes on 0 pages.').waitFor({ timeout: 60_000 });
    await page.locator('#bs-import-file').setInputFiles(file);
    await page.locator('[data-testid="import-status"]').getByText(`Imported: ${STORED} added`).waitFor({ timeout: 300_000 });
    await page.waitForFunction(() => performance.getEntriesByName('backstory:import-backup').length > 0, null, { timeout: 300_000 });
    pages.push(page);
  }
  const loads: number[] = [];
  for (let run = 0; run < runs; run++) {
    for (const format of formats) {
      for (const [i, page] of pages.entries()) {
        await page.selectOption('#bs-options-format', format);
        let clicked = 0;
        // The options page's own renderer: it does the export's work.
        const tasks = await traceTasksOf(browsers[i]!.context, page, page.url(), async () => {
          const started = performance.now();
          await Promise.all([
            page.waitForEvent('download', { timeout: 120_000 }),
            page.getByRole('button', { name: `Export ${STORED} notes`, exact: true }).click(),
          ]);
          clicked = performance.now() - started;
        });
        const sample = results[i]![format]!;
        sample.click.push(clicked);
        sample.thread.push(tasks.reduce((sum, t) => sum + t.cpuMs, 0));
        const untimed = tasks.filter((t) => !t.threadTimed);
        sample.untimed.push(untimed.length);
        sample.untimedMs.push(untimed.reduce((sum, t) => sum + t.wallMs, 0));
        const [read, write, save] = await page.evaluate(() =>
          ['backstory:export-read', 'backstory:export-write', 'backstory:export-save'].map((n) => performance.getEntriesByName(n).at(-1)?.duration ?? NaN));
        sample.read.push(read!);
        sample.write.push(write!);
        sample.save.push(save!);
        await page.getByTestId('export-status').getByText('Saved').waitFor();
      }
    }
    loads.push(loadavg()[0]!);
  }
  console.log(`Export of ${STORED.toLocaleString('en')} notes, ${runs} runs interleaved, load ${Math.min(...loads).toFixed(1)}–${Math.max(...loads).toFixed(1)}`);
  for (const format of formats) {
    for (const [i, build] of builds.entries()) {
      const s = results[i]![format]!;
      const untimed = s.untimed.reduce((sum, n) => sum + n, 0);
      const untimedMs = s.untimedMs.reduce((sum, n) => sum + n, 0) / runs;
      const thread = `thread ${median(s.thread).toFixed(0)} ms (${Math.min(...s.thread).toFixed(0)}–${Math.max(...s.thread).toFixed(0)})` +
        (untimed > 0 ? ` [${untimed} blocks in ${runs} runs without thread time, counted at wall time: ${untimedMs.toFixed(1)} ms a run]` : '');
      const phases = Number.isNaN(median(s.read)) ? '' : `  (read ${median(s.read).toFixed(0)}, write ${median(s.write).toFixed(0)}, Blob ${median(s.save).toFixed(0)})`;
      console.log(`  ${format.padEnd(9)} ${median(s.click).toFixed(0).padStart(6)} ms (${Math.min(...s.click).toFixed(0)}–${Math.max(...s.click).toFixed(0)}), ${thread}${phases}  ${build}`);
    }
  }
  if (flag('json')) console.log(JSON.stringify({ builds, results }, null, 2));
} finally {
  for (const browser of browsers) await browser.close();
  rmSync(dir, { recursive: true, force: true });
}

