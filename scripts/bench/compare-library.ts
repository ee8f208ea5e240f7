// The library's search typed a key at a time with 10,000 notes (the row of scripts/bench-notes.ts), for two or more
// built extensions with their visits interleaved, so a loaded machine weighs on every build alike:
//
//   npx tsx scripts/bench/compare-library.ts --builds=<old checkout>/.output/chrome-mv3,.output/chrome-mv3 [--runs=7]
//
// Each build gets its own browser and profile, filled once through the library's own import with the bench's 10,000
// notes; then each run visits the library once per build, in turn, and types the bench's query. Printed per build:
// the first notes painted (ms from navigation start, as the bench's first-paint row), the median over visits of each
// visit's slowest and median key, and of a key's parts (the page's own work for it, the frame after it); every key's
// figures are in the JSON with --json.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { launchWithExtension, type ExtensionBrowser } from '../chromium';
import { sampleAnnotations } from '../bench-export';
import { exportAnnotations } from '../../lib/export/export';
import { filterAnnotations } from '../../lib/export/filter';
import { NAME_HELPER, QUERY, expectShown, importThrough, typeQuery, visit, type KeyTiming } from '../bench-notes';
import { arg, flag } from './args';
import { median } from './median';

const builds = arg('builds', '').split(',').filter(Boolean).map((b) => resolve(b));
const runs = Number(arg('runs', '7'));
const query = arg('query', QUERY);
if (builds.length < 1) throw new Error('compare-library: --builds=<chrome-mv3 folder>,<chrome-mv3 folder>');

const ms = (x: number) => (x >= 100 ? x.toFixed(0) : x.toFixed(1));

const STORED = 10_000;
const notes = sampleAnnotations(STORED);
const expected = filterAnnotations(notes, { text: query }).length;
const dir = mkdtempSync(join(tmpdir(), 'backstory-compare-library-'));
const file = join(dir, 'notes.jsonld');
writeFileSync(file, exportAnnotations(notes, 'jsonld').content);

const browsers: ExtensionBrowser[] = [];
const visits: KeyTiming[][][] = builds.map(() => []);
const firstNotes: number[][] = builds.map(() => []);
const loads: number[] = [];
try {
  for (const build of builds) {
    const ext = await launchWithExtension({ extension: build, viewport: { width: 1280, height: 900 } });
    browsers.push(ext);
    await ext.context.addInitScript(NAME_HELPER);
    const options = await ext.openExtensionPage('options.html');
    await options.getByTestId('summary').getByText('0 notes on 0 pages.').waitFor({ timeout: 60_000 });
    await importThrough(options, file, STORED);
    // The backup's copy is written after the counts show: finished before the visits, which it would slow.
    await options.waitForFunction(() => performance.getEntriesByName('backstory:import-backup').length > 0, null, { timeout: 300_000 });
    await options.close();
    console.error(`compare-library: ${build} holds ${STORED} notes`);
  }
  for (let r = 0; r < runs; r++) {
    loads.push(loadavg()[0]!);
    // Alternate which build goes first, so neither always follows the other's visit.
    const order = builds.map((_, i) => i);
    if (r % 2) order.reverse();
    for (const b of order) {
      const { page, shown } = await visit(browsers[b]!, 'options.html', { notes: { selector: '.bs-library-list .bs-note' } });
      firstNotes[b]!.push(shown.notes!);
      await page.getByTestId('summary').getByText(`${STORED.toLocaleString('en')} notes on `).waitFor({ timeout: 60_000 });
      const keys = await typeQuery(page, query);
      await expectShown(page, expected, STORED);
      visits[b]!.push(keys);
      await page.close();
    }
    console.error(`compare-library: run ${r + 1}/${runs} (load ${loadavg()[0]!.toFixed(1)})`);
  }
} finally {
  for (const b of browsers) await b.close();
  rmSync(dir, { recursive: true, force: true });
}

if (flag('json')) console.log(JSON.stringify({ builds, query, loads, firstNotes, visits }, null, 2));
console.log(`"${query}" typed a key every 150 ms into the library with ${STORED.toLocaleString('en')} notes, ${runs} visits per build interleaved (load ${Math.min(...loads).toFixed(1)}–${Math.max(...loads).toFixed(1)}); medians over visits, lowest–highest:`);
for (const [b, build] of builds.entries()) {
  const v = visits[b]!;
  const per = (f: (keys: KeyTiming[]) => number) => {
    const xs = v.map(f);
    return `${ms(median(xs))} (${ms(Math.min(...xs))}–${ms(Math.max(...xs))})`;
  };
  const keyMedian = (pick: (k: KeyTiming) => number) => (keys: KeyTiming[]) => median(keys.map(pick));
  console.log(`  ${build}`);
  console.log(`    first notes painted ${ms(median(firstNotes[b]!))} ms (${ms(Math.min(...firstNotes[b]!))}–${ms(Math.max(...firstNotes[b]!))})`);
  console.log(`    slowest key ${per((keys) => Math.max(...keys.map((k) => k.totalMs)))}; median key ${per(keyMedian((k) => k.totalMs))}`);
  console.log(`    of a key (median): before the input event ${per(keyMedian((k) => k.beforeMs))}; the page's own work ${per(keyMedian((k) => k.scriptMs))}; frame after it ${per(keyMedian((k) => k.frameMs))}`);
  console.log(`    the page's own work, slowest key ${per((keys) => Math.max(...keys.map((k) => k.scriptMs)))}; per key over all visits: ${Array.from({ length: query.length }, (_, i) => ms(median(v.map((keys) => keys[i]!.scriptMs)))).join(' ')}`);
}
