// Cold-visit comparison and CPU profiles of the bench bundle (scripts/bench/page-entry.ts), for working on speed:
//
//   npx tsx scripts/bench/compare.ts --trees=/tmp/base,. [--runs=7] [--pages=seed|large|200k|corpus]
//       the same fresh-visit measurements as `npm run bench` (pipeline cold on the seed pages, matcher load and
//       pipeline with the generated large reference, match + highlight against the bare baseline), for each source
//       tree's bundle, visits interleaved tree by tree, so a loaded machine weighs on every tree alike
//   npx tsx scripts/bench/compare.ts --profile [--pages=…] [--runs=5]
//       a V8 CPU profile of each cold visit (this tree): self time by function, summed over the visits
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadavg } from 'node:os';
import { build } from 'esbuild';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { BASE_ARGS, CHROMIUM_PATH, servePages } from '../chromium';
import { generatedPage, largestCorpusPage, seedPages, type BenchPage } from './pages';
import { generateReference, LARGE_REFERENCE } from './reference';
import { compileTables } from '../../lib/match/tables';
import { serializeTables } from '../../lib/reference/serialize';
import type { Dataset } from '../../lib/reference/types';
import type { BenchApi } from './page-entry';
import { recordTrace } from './trace';
import { inFreshPage } from './fresh-page';
import { arg, flag } from './args';
import { median } from './median';

const ROOT = resolve(import.meta.dirname, '..', '..');
const SHARED = resolve(ROOT, '..', 'shared');
type Api = { __backstoryBench: BenchApi };


async function bundle(tree: string, minify: boolean): Promise<string> {
  const result = await build({
    entryPoints: [join(tree, 'scripts', 'bench', 'page-entry.ts')],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'chrome120',
    minify,
    write: false,
    logLevel: 'silent',
    jsx: 'automatic',
    jsxImportSource: 'preact',
    nodePaths: [join(ROOT, 'node_modules')],
    define: { 'process.env': '{}' },
  });
  return result.outputFiles[0]!.text;
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  hitCount?: number;
  children?: number[];
}

async function main(): Promise<void> {
  const runs = Number(arg('runs', '7'));
  const which = arg('pages', 'seed').split(',');
  const profile = flag('profile') || flag('rcs');
  const trees = profile ? [ROOT] : arg('trees', ROOT).split(',').map((t) => resolve(t));
  const dataset = JSON.parse(readFileSync(join(ROOT, 'lib', 'reference', 'dataset.json'), 'utf8')) as Dataset;
  const names = dataset.entities.map((e) => e.name);
  const aliases = [...new Set(dataset.entities.flatMap((e) => e.aliases))];
  const pages: BenchPage[] = [];
  if (which.includes('seed') || which.includes('large')) pages.push(...seedPages(join(SHARED, 'seeds'), names));
  if (which.includes('corpus')) pages.push(largestCorpusPage(join(SHARED, 'corpus'))!);
  if (which.includes('200k')) pages.push(generatedPage(200_000, aliases, [...dataset.figures.map((f) => f.label), '60,000 killed']));
  const large = which.includes('large') ? JSON.stringify(generateReference(dataset, LARGE_REFERENCE)) : undefined;
  // Each tree compiles the large reference's tables itself: their format may differ between trees.
  const largeTables = await Promise.all(
    trees.map(async (t) => {
      if (!large) return undefined;
      const own = (await import(join(t, 'lib', 'match', 'tables.ts'))) as { compileTables: typeof compileTables };
      return serializeTables(own.compileTables(JSON.parse(large) as Dataset));
    }),
  );
  const bundles = await Promise.all(trees.map((t) => bundle(t, !profile)));
  const server = await servePages();
  pages.forEach((p, i) => server.set(`/p/${i}.html`, p.html));
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: false, args: ['--headless=new', ...BASE_ARGS] });
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  console.log(`load average at start ${loadavg().map((x) => x.toFixed(1)).join(' ')}`);
  try {
    for (const [i, page] of pages.entries()) {
      const url = `${server.origin}/p/${i}.html`;
      const useLarge = which.includes('large') && page.kind === 'seed';
      const setup = async (p: Page, tree = 0) => {
        if (useLarge) await p.evaluate(([json, tables]) => void (window as unknown as Api).__backstoryBench.useReference(json!, tables), [large!, largeTables[tree]!] as const);
      };
      if (flag('rcs')) {
        const stats = new Map<string, [number, number]>();
        let total = 0;
        for (let r = 0; r < runs; r++) {
          await inFreshPage(context, url, [bundles[0]!], async (p) => {
            await setup(p);
            let timing: { totalMs: number } = { totalMs: 0 };
            const events = await recordTrace(context, p, async () => {
              timing = await p.evaluate(() => (window as unknown as Api).__backstoryBench.pipeline());
            }, 'v8,disabled-by-default-v8.runtime_stats');
            total += timing.totalMs;
            for (const e of events) {
              const rcs = (e.args as Record<string, unknown> | undefined)?.['runtime-call-stats'] as Record<string, [number, number]> | undefined;
              if (!rcs) continue;
              for (const [k, [count, us]] of Object.entries(rcs)) {
                const old = stats.get(k) ?? [0, 0];
                stats.set(k, [old[0] + count, old[1] + us]);
              }
            }
          });
        }
        console.log(`\n${page.key}${useLarge ? ' large' : ''}: mean pipeline ${(total / runs).toFixed(1)} ms; runtime call stats per visit (ms, count):`);
        let sum = 0;
        for (const [, [, us]] of stats) sum += us;
        console.log(`  sum ${(sum / runs / 1000).toFixed(2)}`);
        for (const [k, [count, us]] of [...stats].sort((a, b) => b[1][1] - a[1][1]).slice(0, 40)) console.log(`  ${(us / runs / 1000).toFixed(2).padStart(7)} ${String(Math.round(count / runs)).padStart(6)}  ${k}`);
        continue;
      }
      if (profile) {
        const self = new Map<string, number>();
        let total = 0;
        for (let r = 0; r < runs; r++) {
          await inFreshPage(context, url, [bundles[0]!], async (p) => {
            await setup(p);
            const cdp = await context.newCDPSession(p);
            await cdp.send('Profiler.enable');
            await cdp.send('Profiler.setSamplingInterval', { interval: 25 });
            await cdp.send('Profiler.start');
            const timing = flag('load')
              ? await p.evaluate(() => ({ totalMs: (window as unknown as Api).__backstoryBench.matcherLoad().ms }))
              : await p.evaluate(() => (window as unknown as Api).__backstoryBench.pipeline());
            const { profile: prof } = (await cdp.send('Profiler.stop')) as { profile: { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] } };
            total += timing.totalMs;
            const byId = new Map(prof.nodes.map((n) => [n.id, n]));
            for (let s = 0; s < prof.samples.length; s++) {
              const n = byId.get(prof.samples[s]!)!;
              const f = n.callFrame;
              const key = `${f.functionName || '(anon)'} ${f.url ? `${f.url.replace(/.*\//, '')}:${f.lineNumber + 1}` : ''}`;
              self.set(key, (self.get(key) ?? 0) + (prof.timeDeltas[s + 1] ?? 0) / 1000);
            }
            console.log(`${page.key} visit ${r}: ${JSON.stringify(timing)}`);
          });
        }
        const skip = new Set(['(idle) ', '(program) ']);
        console.log(`\n${page.key}${useLarge ? ' large' : ''}: mean pipeline ${(total / runs).toFixed(1)} ms; self ms per visit:`);
        const rows = [...self].filter(([k]) => !skip.has(k)).sort((a, b) => b[1] - a[1]).slice(0, 45);
        for (const [k, v] of rows) console.log(`  ${(v / runs).toFixed(2).padStart(7)}  ${k}`);
        console.log(`  (program) ${((self.get('(program) ') ?? 0) / runs).toFixed(2)}`);
        continue;
      }
      const rows = trees.map(() => ({ total: [] as number[], load: [] as number[], mh: [] as number[], base: [] as number[], warm: [] as number[], matches: 0 }));
      for (let r = 0; r < runs; r++) {
        for (const [t, script] of bundles.entries()) {
          const row = rows[t]!;
          if (useLarge) {
            row.load.push(await inFreshPage(context, url, [script], async (p) => (await setup(p, t), p.evaluate(() => (window as unknown as Api).__backstoryBench.matcherLoad().ms))));
          }
          const timing = await inFreshPage(context, url, [script], async (p) => {
            await setup(p, t);
            return p.evaluate(() => {
              const api = (window as unknown as Api).__backstoryBench;
              const cold = api.pipeline();
              let warmMs = Infinity;
              for (let k = 0; k < 3; k++) warmMs = Math.min(warmMs, api.pipeline().totalMs);
              api.reset();
              return { ...cold, warmMs };
            });
          });
          row.total.push(timing.totalMs);
          row.warm.push(timing.warmMs);
          row.mh.push(timing.matchMs + timing.highlightMs);
          row.matches = timing.matches;
          if (page.kind !== 'seed') row.base.push(await inFreshPage(context, url, [script], (p) => p.evaluate((terms) => (window as unknown as Api).__backstoryBench.baseline(terms).ms, aliases)));
        }
      }
      for (const [t, row] of rows.entries()) {
        const ratio = row.base.length ? ` m+h ${median(row.mh).toFixed(1)} / baseline ${median(row.base).toFixed(1)} = ${(median(row.mh) / median(row.base)).toFixed(2)}×` : '';
        const load = row.load.length ? ` matcher load ${median(row.load).toFixed(1)} [${Math.min(...row.load).toFixed(1)}–${Math.max(...row.load).toFixed(1)}]` : '';
        console.log(
          `${page.key}${useLarge ? ' large' : ''} ${trees[t]}: cold ${median(row.total).toFixed(1)} ms [${Math.min(...row.total).toFixed(1)}–${Math.max(...row.total).toFixed(1)}] warm ${median(row.warm).toFixed(1)}${load}${ratio} matches ${row.matches}`,
        );
      }
    }
  } finally {
    console.log(`load average at end ${loadavg().map((x) => x.toFixed(1)).join(' ')}`);
    await browser.close();
    await server.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
