// The article section of `npm run eval`: article-body detection scored on every page of ../shared/corpus/ with the
// article-extraction-benchmark metric (lib/article/metric.ts). Prints per page and overall figures,
// separately for the human-labelled `sh-*` pages and for the Readability test pages (whose expected text
// is Readability's own output). `--json` prints the same figures as JSON.
//
// `--extra DIR` also scores a folder of the same layout (one folder per page with page.html, expected.txt
// and meta.json) that is not part of ../shared: pages the detector was never tuned on, such as the rest of
// the article-extraction benchmark, for an honest held-out figure. Its pages are never committed.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { JSDOM, VirtualConsole } from 'jsdom';
import { detectArticle, articleText, type DetectOptions } from '../../lib/article';
import { aggregate, f1Of, precisionOf, recallOf, shingleMatch, type Aggregate, type PageScore } from '../../lib/article/metric';

export interface PageResult {
  page: string;
  group: 'sh' | 'readability';
  method: string;
  precision: number;
  recall: number;
  f1: number;
  ms: number;
  score: PageScore;
  /** The same page scored on every returned node, headline included. */
  withHeadline: PageScore;
}

export const CORPUS_DIR = resolve(import.meta.dirname, '..', '..', '..', 'shared', 'corpus');

export function listCorpus(dir = CORPUS_DIR): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(dir, d.name, 'page.html')))
    .map((d) => d.name)
    .sort();
}

export interface EvalOptions extends DetectOptions {
  /** Also check that detection left the page exactly as it was (serialised before and after). */
  verifyUnchanged?: boolean;
}

export function evaluatePage(dir: string, page: string, options: EvalOptions = {}): PageResult {
  const html = readFileSync(join(dir, page, 'page.html'), 'utf8');
  const expected = readFileSync(join(dir, page, 'expected.txt'), 'utf8');
  const meta = JSON.parse(readFileSync(join(dir, page, 'meta.json'), 'utf8')) as { url?: string | null };
  // A silent virtual console: the saved pages' broken CSS would otherwise flood the output.
  const dom = new JSDOM(html, { url: meta.url ?? 'https://example.com/', virtualConsole: new VirtualConsole() });
  const before = options.verifyUnchanged ? dom.window.document.documentElement.outerHTML : '';
  const start = performance.now();
  const result = detectArticle(dom.window.document, options);
  const ms = performance.now() - start;
  if (options.verifyUnchanged && dom.window.document.documentElement.outerHTML !== before) {
    throw new Error(`${page}: detectArticle changed the page`);
  }
  // The benchmark's articleBody never contains the headline (none of the 54 sh-* expected texts does,
  // nor Readability's expected output) nor, as a rule, the standfirst, while detectArticle returns both
  // for highlighting: score the body. `withHeadline` scores every node, for comparison.
  const headline = new Set([...result.headline, ...result.standfirst]);
  const score = shingleMatch(expected, articleText(result.nodes.filter((n) => !headline.has(n))));
  const withHeadline = shingleMatch(expected, articleText(result.nodes));
  dom.window.close();
  const precision = precisionOf(score);
  const recall = recallOf(score);
  return {
    page,
    group: page.startsWith('sh-') ? 'sh' : 'readability',
    method: result.method,
    precision,
    recall,
    f1: f1Of(precision, recall),
    ms,
    score,
    withHeadline,
  };
}

export interface EvalReport {
  pages: PageResult[];
  sh: Aggregate & { below05: number };
  readability: Aggregate & { below05: number };
  all: Aggregate & { below05: number };
  /** sh-* pages scored with the headline left in. */
  shWithHeadline: Aggregate;
}

export function evaluateCorpus(
  dir = CORPUS_DIR,
  onPage?: (r: PageResult) => void,
  options: EvalOptions = {},
): EvalReport {
  const pages = listCorpus(dir).map((p) => {
    const r = evaluatePage(dir, p, options);
    onPage?.(r);
    return r;
  });
  const summarise = (rs: PageResult[]) => ({
    ...aggregate(rs.map((r) => r.score)),
    below05: rs.filter((r) => r.f1 < 0.5).length,
  });
  return {
    pages,
    sh: summarise(pages.filter((r) => r.group === 'sh')),
    readability: summarise(pages.filter((r) => r.group === 'readability')),
    all: summarise(pages),
    shWithHeadline: aggregate(pages.filter((r) => r.group === 'sh').map((r) => r.withHeadline)),
  };
}

/** Prints the article section (or adds it to `json`). */
export function runArticleEval(argv: string[], json: Record<string, unknown> | null): void {
  // --readability-only: skip the markup fast path, to compare the two paths.
  const options: DetectOptions = { fastPath: !argv.includes('--readability-only') };
  const extraAt = argv.indexOf('--extra');
  const extraDir = extraAt >= 0 ? argv[extraAt + 1] : undefined;
  if (extraAt >= 0 && (!extraDir || !existsSync(extraDir))) {
    throw new Error(`--extra needs a folder of pages (page.html, expected.txt, meta.json each); got ${extraDir ?? 'nothing'}`);
  }
  const fmt = (x: number) => x.toFixed(3);
  const printPage = (r: PageResult) => {
    if (!json) {
      console.log(
        `${r.page.padEnd(28)} P=${fmt(r.precision)} R=${fmt(r.recall)} F1=${fmt(r.f1)}  ${r.method.padEnd(26)} ${r.ms.toFixed(0).padStart(5)} ms`,
      );
    }
  };
  const report = evaluateCorpus(CORPUS_DIR, printPage, options);
  if (!json && extraDir) console.log(`\n${extraDir}:`);
  const extra = extraDir ? evaluateCorpus(resolve(extraDir), printPage, options) : null;
  if (json) {
    json.article = extra ? { ...report, extra: { dir: resolve(extraDir!), ...extra } } : report;
    return;
  }
  const line = (name: string, a: EvalReport['all']) =>
    `${name.padEnd(28)} P=${fmt(a.precision)} R=${fmt(a.recall)} F1=${fmt(a.f1)}  pages=${a.pages}  below 0.5: ${a.below05}`;
  console.log('');
  console.log(line('sh-* (human-labelled)', report.sh));
  console.log(line('readability test pages', report.readability));
  console.log(line('all', report.all));
  console.log(`sh-* scored on all nodes (headline and standfirst left in): F1=${fmt(report.shWithHeadline.f1)}`);
  const worst = [...report.pages].sort((a, b) => a.f1 - b.f1).slice(0, 8);
  console.log(`worst: ${worst.map((r) => `${r.page} ${fmt(r.f1)}`).join(', ')}`);
  if (extra) {
    console.log(line(`held-out (--extra)`, extra.all));
    const worstExtra = [...extra.pages].sort((a, b) => a.f1 - b.f1).slice(0, 8);
    console.log(`held-out worst: ${worstExtra.map((r) => `${r.page} ${fmt(r.f1)}`).join(', ')}`);
  }
}

