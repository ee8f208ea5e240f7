// Bundled by scripts/bench.ts with esbuild into one page script and injected into each bench page: Backstory's
// pipeline (lib/article → lib/text → lib/match → lib/highlight, the code the content script runs) beside the two
// yardsticks scripts/bench.ts compares with — mark.js on the same alias list, and a bare baseline (one combined
// RegExp over the text nodes, ranges added to one Highlight). Each step is timed with performance.now() on the main
// thread.
// It runs in a page without the extension, so nothing else touches the page or CSS.highlights meanwhile.
import datasetJson from '../../lib/reference/dataset.json';
import tablesJson from '../../lib/reference/dataset.tables.json';
import type { CompiledTables } from '../../lib/match/tables';
import type { Dataset } from '../../lib/reference/types';
import { detectArticle } from '../../lib/article';
import { buildTextMap } from '../../lib/text';
import { createMatcher } from '../../lib/match';
import { rangesForMatches } from '../../lib/highlight/ranges';
import { createHighlighter } from '../../lib/highlight/highlighter';

/** The reference the pipeline runs with: the bundled one, unless useReference gave another (the generated large one). */
let dataset = datasetJson as unknown as Dataset;
/** Its matcher tables as the dataset build compiled them, as the content script loads them. */
let tables: CompiledTables | undefined = tablesJson as unknown as CompiledTables;

/**
 * Runs the pipeline with another reference from now on (this page only), and its compiled tables when given (else
 * the matcher builds them). The JSON is parsed here, outside any timing: a reader's own reference arrives parsed
 * (from storage or a message); what is timed is making the matcher from it.
 */
function useReference(json: string, tablesJsonText?: string): { entities: number; aliases: number; figures: number } {
  dataset = JSON.parse(json) as Dataset;
  tables = tablesJsonText === undefined ? undefined : (JSON.parse(tablesJsonText) as CompiledTables);
  return { entities: dataset.entities.length, aliases: dataset.entities.reduce((n, e) => n + e.aliases.length, 0), figures: dataset.figures.length };
}

/** Matcher load alone: createMatcher and its tables, cold (the first call on a fresh page). */
function matcherLoad(): { ms: number } {
  const t0 = performance.now();
  createMatcher(dataset, tables ? { tables } : {}).prepare();
  return { ms: performance.now() - t0 };
}

export interface PipelineTiming {
  /** createMatcher(dataset) and its tables (matcher.prepare()): the content script does it once per page. */
  setupMs: number;
  detectMs: number;
  /** buildTextMap + matcher.match. */
  matchMs: number;
  /** Matches → DOM Ranges → CSS.highlights. */
  highlightMs: number;
  totalMs: number;
  articleChars: number;
  matches: number;
  painted: number;
}

export interface YardstickTiming {
  ms: number;
  highlights: number;
}

/** Every entity alias of the dataset, longest first (what mark.js and the baseline look for). */
function aliases(): string[] {
  const all = new Set(dataset.entities.flatMap((e) => e.aliases));
  return [...all].sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
}

let painted: { destroy(): void } | null = null;

/** Removes what the last pipeline() painted, so it can run again on the same page (warm timing). */
function reset(): void {
  painted?.destroy();
  painted = null;
}

function pipeline(): PipelineTiming {
  reset();
  const t0 = performance.now();
  const matcher = createMatcher(dataset, tables ? { tables } : {});
  matcher.prepare();
  const t1 = performance.now();
  const article = detectArticle(document);
  const t2 = performance.now();
  const map = buildTextMap(article.nodes);
  const matches = matcher.match(map.text);
  const t3 = performance.now();
  const highlighter = createHighlighter(document);
  // `nodes` (for staleness on living pages) when lib/highlight's ranges do not carry them yet.
  highlighter.add(rangesForMatches(map, matches).map((r) => ({ nodes: [] as Text[], ...r })));
  const t4 = performance.now();
  painted = highlighter;
  return {
    setupMs: t1 - t0,
    detectMs: t2 - t1,
    matchMs: t3 - t2,
    highlightMs: t4 - t3,
    totalMs: t4 - t0,
    articleChars: map.text.length,
    matches: matches.length,
    painted: highlighter.size,
  };
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The bare baseline: what the simplest correct-looking highlighter does, with none of Backstory's care. */
function baseline(terms: readonly string[]): YardstickTiming {
  const t0 = performance.now();
  const re = new RegExp(`(?<![\\p{L}\\p{N}_])(?:${terms.map(escapeRegExp).join('|')})(?![\\p{L}\\p{N}_])`, 'gu');
  const highlight = new Highlight();
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
    const parent = node.parentNode?.nodeName;
    if (parent === 'SCRIPT' || parent === 'STYLE' || parent === 'NOSCRIPT') continue;
    re.lastIndex = 0;
    for (let m = re.exec(node.data); m; m = re.exec(node.data)) {
      const range = new Range();
      range.setStart(node, m.index);
      range.setEnd(node, m.index + m[0].length);
      highlight.add(range);
    }
  }
  CSS.highlights.set('bench-baseline', highlight);
  return { ms: performance.now() - t0, highlights: highlight.size };
}

interface MarkInstance {
  mark(terms: string[], options: Record<string, unknown>): void;
}

/** mark.js (its dist/mark.min.js is injected beside this bundle), wrapping every alias in <mark>. */
function markjs(terms: readonly string[]): YardstickTiming {
  const Mark = (window as unknown as { Mark?: new (ctx: Element) => MarkInstance }).Mark;
  if (!Mark) throw new Error('mark.js is not loaded in the page');
  let count = 0;
  const t0 = performance.now();
  new Mark(document.body).mark([...terms], {
    separateWordSearch: false,
    // Whole words, like Backstory and the baseline: a term must be bounded by spaces or these.
    accuracy: { value: 'exactly', limiters: [',', '.', ';', ':', '!', '?', '"', "'", '’', '“', '”', '(', ')', '-', '—'] },
    exclude: ['script', 'style', 'noscript'],
    done: (n: number) => {
      count = n;
    },
  });
  return { ms: performance.now() - t0, highlights: count };
}

/** Resolves after the next frame has been produced (rAF, then a task), to include style, layout and paint. */
function nextFrame(): Promise<void> {
  return new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
}

const api = { aliases, useReference, matcherLoad, pipeline, reset, baseline, markjs, nextFrame, datasetSize: () => ({ entities: dataset.entities.length, figures: dataset.figures.length }) };
export type BenchApi = typeof api;
(window as unknown as { __backstoryBench: BenchApi }).__backstoryBench = api;
