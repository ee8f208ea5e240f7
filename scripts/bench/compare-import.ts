// The import rows of `npm run bench` for two or more built extensions with their imports interleaved, so a loaded
// machine weighs on every build alike:
//
//   npx tsx scripts/bench/compare-import.ts --builds=<old checkout>/.output/chrome-mv3,.output/chrome-mv3 [--runs=5] [--trace]
//
// Each run takes, for each build in turn, a fresh profile and there:
//  - imports the bench's 10,000-note JSON-LD file into the empty library (scripts/bench-notes.ts's import row: file
//    chosen → counts shown), with its phases (checking the file, writing it) and, once its backup copy is written,
//    raw IndexedDB puts of the same records in the same page (that row's baseline, the same function);
//  - imports the same file again (all skipped: scripts/bench-export.ts's "again" row);
//  - deletes every note (so they wait in "Recently deleted") and imports the file once more (all added, brought back
//    out of the trash: scripts/bench-export.ts's "new" row from its second run on).
// Printed per build: the median and spread of each, and with --trace the options page's main-thread time in the
// first import (thread time of its top-level blocks, as scripts/bench/page-tasks.ts reads it: a loaded machine sways
// it far less than the clock).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { launchWithExtension } from '../chromium';
import { traceTasksOf } from './page-tasks';
import { sampleAnnotations } from '../bench-export';
import { NAME_HELPER, importThrough, rawPutBaseline } from '../bench-notes';
import { exportAnnotations } from '../../lib/export/export';
import { arg, flag } from './args';
import { medianOfMeasured as median } from './median';

const builds = arg('builds', '').split(',').filter(Boolean).map((b) => resolve(b));
const runs = Number(arg('runs', '5'));
const traced = flag('trace');
if (builds.length < 1) throw new Error('compare-import: --builds=<chrome-mv3 folder>,<chrome-mv3 folder>');

const spread = (xs: readonly number[]) => `${median(xs).toFixed(0).padStart(5)} (${Math.min(...xs).toFixed(0)}–${Math.max(...xs).toFixed(0)})`;

const STORED = 10_000;
const records = sampleAnnotations(STORED);
const plain = JSON.stringify(records);
const dir = mkdtempSync(join(tmpdir(), 'backstory-compare-import-'));
const file = join(dir, 'notes.jsonld');
writeFileSync(file, exportAnnotations(records, 'jsonld').content);

const KEYS = ['fresh', 'check', 'write', 'backup', 'raw', 'ratio', 'thread', 'again', 'afterDelete', 'afterDeleteWrite'] as const;
type Samples = Record<(typeof KEYS)[number], number[]>;
const results: Samples[] = builds.map(() => Object.fromEntries(KEYS.map((k) => [k, []])) as unknown as Samples);

async function deleteAll(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Delete all notes…' }).click();
  await page.getByLabel('Type delete all to confirm').fill('delete all');
  await page.getByRole('button', { name: 'Delete everything' }).click();
  await page.getByText('0 notes on 0 pages.').waitFor({ timeout: 120_000 });
}

const backups = (page: Page) => page.evaluate(() => performance.getEntriesByName('backstory:import-backup').length);
const backupWritten = (page: Page, before: number) =>
  page.waitForFunction((n) => performance.getEntriesByName('backstory:import-backup').length > n, before, { timeout: 300_000 });

try {
  const loads: number[] = [];
  for (let run = 0; run < runs; run++) {
    for (const [i, build] of builds.entries()) {
      const s = results[i]!;
      const browser = await launchWithExtension({ extension: build });
      await browser.context.addInitScript(NAME_HELPER);
      try {
        const page = await browser.openExtensionPage('options.html');
        await page.getByTestId('summary').getByText('0 notes on 0 pages.').waitFor({ timeout: 60_000 });
        let timing = { ms: NaN, checkMs: NaN, writeMs: NaN };
        const work = async () => { timing = await importThrough(page, file, STORED); };
        if (traced) {
          const tasks = await traceTasksOf(browser.context, page, page.url(), work);
          s.thread.push(tasks.reduce((sum, t) => sum + t.cpuMs, 0));
        } else {
          await work();
        }
        s.fresh.push(timing.ms);
        s.check.push(timing.checkMs);
        s.write.push(timing.writeMs);
        await backupWritten(page, 0);
        s.backup.push(await page.evaluate(() => performance.getEntriesByName('backstory:import-backup').at(-1)!.duration));
        const raw = await rawPutBaseline(page, plain);
        s.raw.push(raw);
        s.ratio.push(timing.ms / raw);
        s.again.push((await importThrough(page, file, 0)).ms);
        await deleteAll(page);
        const before = await backups(page);
        const back = await importThrough(page, file, STORED);
        s.afterDelete.push(back.ms);
        s.afterDeleteWrite.push(back.writeMs);
        await backupWritten(page, before);
      } finally {
        await browser.close();
      }
    }
    loads.push(loadavg()[0]!);
    console.log(`run ${run + 1}/${runs} done, load ${loads.at(-1)!.toFixed(1)}`);
  }
  console.log(`\nImport of ${STORED.toLocaleString('en')} notes, ${runs} runs interleaved, load ${Math.min(...loads).toFixed(1)}–${Math.max(...loads).toFixed(1)}; median (lowest–highest) ms`);
  for (const [i, build] of builds.entries()) {
    const s = results[i]!;
    console.log(`  ${build}`);
    console.log(`    fresh profile: ${spread(s.fresh)}  check ${spread(s.check)}  write ${spread(s.write)}  raw puts ${spread(s.raw)}  ratio ${median(s.ratio).toFixed(2)}× (of medians ${(median(s.fresh) / median(s.raw)).toFixed(2)}×)`);
    if (traced) console.log(`      main-thread time in it ${spread(s.thread)}`);
    console.log(`      backup copy complete ${spread(s.backup)} after the check`);
    console.log(`    again (all skipped): ${spread(s.again)}`);
    console.log(`    after delete-all (brought back from the trash): ${spread(s.afterDelete)}  write ${spread(s.afterDeleteWrite)}`);
  }
  if (flag('json')) console.log(JSON.stringify({ builds, results }, null, 2));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
