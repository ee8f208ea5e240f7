// When the first highlight comes, for built extensions side by side, for work on what the content script loads:
//
//   npx tsx scripts/bench/first-highlight.ts --builds=/tmp/old/chrome-mv3,.output/chrome-mv3 [--runs=9] [--asleep]
//
// Each visit opens a seed page (an article on the reference's subject) at a fresh address in Chromium with one
// build's extension and reads, from the page's performance timeline, when the content script's article detection
// ended (`backstory:detected`) and when its first highlights were registered (the end of the first
// `backstory:highlight`), both from the navigation's start, and when a build that loads the reference apart from
// its content script had it (`backstory:reference`). Visits alternate build by build, so a loaded machine
// weighs on each alike. `--asleep` stops the extension's service worker before each visit (as Chrome does after
// 30 s idle), so a part the background injects pays its wake-up. A measured row, no target.
import { join, resolve } from 'node:path';
import { loadavg } from 'node:os';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { launchWithExtension, servePages, type ExtensionBrowser } from '../chromium';
import { seedPages } from './pages';
import type { Dataset } from '../../lib/reference/types';
import { arg, flag } from './args';
import { median } from './median';

const ROOT = resolve(import.meta.dirname, '..', '..');
const SHARED = resolve(ROOT, '..', 'shared');

interface Visit {
  detected: number;
  /** When the bundled reference's part was in use (a build that carries it in the content script has none: 0). */
  reference: number;
  firstHighlight: number;
}

async function visit(browser: ExtensionBrowser, url: string, asleep: boolean): Promise<Visit> {
  const page: Page = await browser.context.newPage();
  try {
    if (asleep) {
      const cdp = await browser.context.newCDPSession(page);
      await cdp.send('ServiceWorker.enable');
      await cdp.send('ServiceWorker.stopAllWorkers');
      await cdp.detach();
    }
    await page.goto(url);
    const handle = await page.waitForFunction(
      () => {
        const highlight = performance.getEntriesByName('backstory:highlight')[0];
        const detected = performance.getEntriesByName('backstory:detected')[0];
        const reference = performance.getEntriesByName('backstory:reference')[0];
        return highlight && detected ? { detected: detected.startTime, reference: reference?.startTime ?? 0, firstHighlight: highlight.startTime + highlight.duration } : null;
      },
      undefined,
      { timeout: 30_000, polling: 20 },
    );
    return (await handle.jsonValue()) as Visit;
  } finally {
    await page.close();
  }
}


async function main(): Promise<void> {
  const builds = arg('builds', '.output/chrome-mv3').split(',').map((b) => resolve(b));
  const runs = Number(arg('runs', '9'));
  const asleep = flag('asleep');
  const dataset = JSON.parse(readFileSync(join(ROOT, 'lib', 'reference', 'dataset.json'), 'utf8')) as Dataset;
  const pages = seedPages(join(SHARED, 'seeds'), dataset.entities.map((e) => e.name));
  const server = await servePages();
  const browsers: ExtensionBrowser[] = [];
  for (const build of builds) browsers.push(await launchWithExtension({ extension: build, diagnostics: true }));
  const results = builds.map(() => pages.map(() => [] as Visit[]));
  let n = 0;
  try {
    for (let run = 0; run < runs + 1; run++) {
      for (const [p, page] of pages.entries()) {
        for (const [b, browser] of browsers.entries()) {
          const path = `/article-${++n}`;
          server.set(path, page.html);
          const result = await visit(browser, server.origin + path, asleep);
          if (run > 0) results[b]![p]!.push(result); // the first round warms the browser's own caches
        }
      }
    }
  } finally {
    for (const browser of browsers) await browser.close();
    await server.close();
  }
  console.log(`load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}; ${runs} visits each${asleep ? ', service worker stopped before each' : ''}; median (min–max) ms from navigation start`);
  for (const [p, page] of pages.entries()) {
    for (const [b, build] of builds.entries()) {
      const visits = results[b]![p]!;
      const row = (key: keyof Visit) => {
        const values = visits.map((v) => v[key]);
        return `${median(values).toFixed(1)} (${Math.min(...values).toFixed(1)}–${Math.max(...values).toFixed(1)})`;
      };
      // A build that carries the reference in its content script marks no arrival.
      const reference = visits.some((v) => v.reference > 0) ? ` reference ${row('reference').padEnd(22)}` : '';
      console.log(`${page.key.padEnd(14)} ${build.padEnd(48)} detected ${row('detected').padEnd(22)}${reference} first highlight ${row('firstHighlight')}`);
    }
  }
}

void main().catch((error) => {
  console.error(error);
  process.exit(1);
});
