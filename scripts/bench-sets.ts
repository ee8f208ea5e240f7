// The reference-set rows of `npm run bench`: building a reader's set in the extension. Documents made from
// ../shared/corpus (scripts/sets-corpus.ts) are chosen as files in the library page of the built extension; the
// build worker builds them (time per document, from the worker's own clock), then one more document is added
// (the incremental build reads that one only). Beside it, the same builder on the same documents in Node
// (`npm run dataset`'s code path), as the yardstick: the ratio says what running in the extension costs. And the
// library page's longest task while it builds (thread time from a trace, wall time beside it).
//
//   npx tsx scripts/bench-sets.ts [--documents=200] [--json]      (npm run bench runs it after its own rows)
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { launchWithExtension } from './chromium';
import { corpusAvailable, corpusDocuments, CORPUS_DIR } from './sets-corpus';
import { traceTasksOf } from './bench/page-tasks';
import { buildDataset } from '../lib/builder/build';
import { parseCuration } from '../lib/builder/curation';
import { flag, option } from './bench/args';

export const SET_TARGETS = { ratioToNode: 1.5, incrementalShare: 0.25, longestTaskMs: 50 };

export interface SetBenchResult {
  documents: number;
  characters: number;
  /** The build worker's time for the whole set, and per document. */
  extensionMs: number;
  extensionPerDocumentMs: number;
  /** The same builder in Node, on the same documents. */
  nodeMs: number;
  nodePerDocumentMs: number;
  /** Adding one document to the built set: the worker's time. */
  incrementalMs: number;
  /** The library page while it builds: its longest task on the thread, and by the clock. */
  longestTaskCpuMs: number;
  longestTaskWallMs: number;
}

type Progress = { phase: string; ms?: number; read?: number };

export async function benchSets(options: { documents?: number; print?: boolean } = {}): Promise<SetBenchResult | undefined> {
  const count = options.documents ?? 200;
  const print = options.print ?? true;
  if (!corpusAvailable()) {
    if (print) console.warn(`bench: no corpus in ${CORPUS_DIR}: the reference-set rows are skipped.`);
    return undefined;
  }
  const docs = corpusDocuments(count + 1);
  const work = mkdtempSync(join(tmpdir(), 'backstory-bench-sets-'));
  const files = docs.map((d) => {
    const path = join(work, d.name);
    writeFileSync(path, d.text);
    return path;
  });
  const browser = await launchWithExtension();
  try {
    const page = await browser.openExtensionPage('options.html#sets');
    await page.getByLabel('Name', { exact: true }).fill('Bench');
    await page.getByRole('button', { name: 'Create set' }).click();
    await page.getByRole('heading', { level: 2, name: 'Bench' }).waitFor();
    // The worker's reports, as every page hears them.
    await page.evaluate(() => {
      const w = window as unknown as { benchDone: Progress[] };
      w.benchDone = [];
      (globalThis as unknown as { chrome: { runtime: { onMessage: { addListener(f: (m: { type?: string; payload?: Progress }) => void): void } } } }).chrome.runtime.onMessage.addListener((m) => {
        if (m?.type === 'sets/progress' && m.payload?.phase === 'done') w.benchDone.push(m.payload);
      });
    });
    const done = async (n: number) => {
      const deadline = Date.now() + 900_000;
      for (;;) {
        const list = await page.evaluate(() => (window as unknown as { benchDone: Progress[] }).benchDone);
        if (list.length >= n) return list[n - 1]!;
        if (Date.now() > deadline) throw new Error('bench: the set did not build within 15 minutes');
        await page.waitForTimeout(500);
      }
    };
    const url = page.url().replace(/#.*$/, '');
    let full: Progress | undefined;
    const tasks = await traceTasksOf(browser.context, page, url, async () => {
      await page.locator('#bs-doc-files').setInputFiles(files.slice(0, count));
      full = await done(1);
    });
    await page.locator('#bs-doc-files').setInputFiles(files.slice(count));
    const incremental = await done(2);

    const started = performance.now();
    buildDataset(
      docs.slice(0, count).map((d, i) => ({ id: `d${String(i + 1).padStart(4, '0')}`, text: d.text })),
      parseCuration({ entities: [], documents: Object.fromEntries(docs.slice(0, count).map((d, i) => [`d${String(i + 1).padStart(4, '0')}`, { title: d.title }])) }),
    );
    const nodeMs = performance.now() - started;
    const longest = [...tasks].sort((a, b) => b.cpuMs - a.cpuMs)[0];
    const result: SetBenchResult = {
      documents: count,
      characters: docs.slice(0, count).reduce((n, d) => n + d.text.length, 0),
      extensionMs: full!.ms!,
      extensionPerDocumentMs: full!.ms! / count,
      nodeMs,
      nodePerDocumentMs: nodeMs / count,
      incrementalMs: incremental.ms!,
      longestTaskCpuMs: longest?.cpuMs ?? 0,
      longestTaskWallMs: tasks.reduce((max, t) => Math.max(max, t.wallMs), 0),
    };
    if (print) console.log(report(result));
    return result;
  } finally {
    await browser.close();
    rmSync(work, { recursive: true, force: true });
  }
}

const verdict = (ok: boolean) => (ok ? 'PASS' : 'MISS');
const ms = (x: number) => (x >= 100 ? x.toFixed(0) : x.toFixed(1));

export function report(r: SetBenchResult): string {
  const ratio = r.extensionPerDocumentMs / r.nodePerDocumentMs;
  const share = r.incrementalMs / r.extensionMs;
  return [
    `Reference sets: ${r.documents} documents from ../shared/corpus (${(r.characters / 1000).toFixed(0)}k characters), chosen as files in the library`,
    `  build in the extension (worker):  ${ms(r.extensionMs)} ms = ${ms(r.extensionPerDocumentMs)} ms per document`,
    `  the same builder in Node:         ${ms(r.nodeMs)} ms = ${ms(r.nodePerDocumentMs)} ms per document`,
    `  one more document (incremental):  ${ms(r.incrementalMs)} ms`,
    `  library page while building:      longest task ${ms(r.longestTaskCpuMs)} ms on the thread (longest by the clock ${ms(r.longestTaskWallMs)} ms)`,
    `  ${verdict(ratio <= SET_TARGETS.ratioToNode)}  build time per document in the extension: ${ratio.toFixed(2)}× Node's (≤ ${SET_TARGETS.ratioToNode}×)`,
    `  ${verdict(share <= SET_TARGETS.incrementalShare)}  adding one document: ${(share * 100).toFixed(0)}% of the full build (≤ ${SET_TARGETS.incrementalShare * 100}%)`,
    `  ${verdict(r.longestTaskCpuMs <= SET_TARGETS.longestTaskMs)}  longest task on the library page while building: ${ms(r.longestTaskCpuMs)} ms (≤ ${SET_TARGETS.longestTaskMs} ms)`,
  ].join('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const documents = option('documents');
  const json = flag('json');
  benchSets({ documents: documents !== undefined ? Number(documents) : 200, print: !json }).then(
    (r) => { if (json) console.log(JSON.stringify(r, null, 2)); },
    (e: unknown) => {
      console.error(e instanceof Error ? (e.stack ?? e.message) : e);
      process.exitCode = 1;
    },
  );
}
