// The entities section of `npm run eval`: entity highlighting scored against hand judgements.
//
// 1. Coverage (../shared/coverage, 25 real Syria reports): every entity highlight and every missed mention,
//    against tests/gold/coverage-entities.json (offsets and hashes, never the reports' text). Precision and recall
//    per category; errors listed by kind: a namesake, a name inside a longer name, the wrong entity, not a name.
// 2. Held out (../shared/corpus pages whose article mentions Syria terms): relevance verdicts, highlights, and
//    precision and recall against tests/gold/heldout-entities.json, judged once and never tuned on.
// 3. Off the subject (../shared/corpus pages whose article does not): highlights per page through the whole
//    pipeline (detection included), with the committed dataset and with relevance statistics recomputed without
//    the page scored (leave-one-out: the page's own words never decide its verdict).
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createMatcher, type TextMatch } from '../../lib/match';
import { annotateText } from '../../lib/pipeline';
import { countMentions } from '../../lib/builder/build';
import type { Dataset, EntityType, RelevanceStats } from '../../lib/reference/types';
import { annotateHtml, loadBundledDataset } from '../annotate';
import { visibleText } from '../build-dataset';
import { CORPUS_DIR, listCorpus } from './article';

export const COVERAGE_DIR = resolve(import.meta.dirname, '..', '..', '..', 'shared', 'coverage');
export const COVERAGE_GOLD = resolve(import.meta.dirname, '..', '..', 'tests', 'gold', 'coverage-entities.json');
export const HELDOUT_GOLD = resolve(import.meta.dirname, '..', '..', 'tests', 'gold', 'heldout-entities.json');

export interface GoldSpan {
  start: number;
  end: number;
  hash: string;
  id: string | null;
}

export interface GoldMention extends GoldSpan {
  /** Why a name that looks like a reference name is not one. */
  why?: 'namesake' | 'inside-name' | 'other-entity';
  /** Either reading is acceptable: neither counted when missed nor wrong when highlighted. */
  optional?: string;
  alternatives?: GoldSpan[];
}

export interface GoldFile {
  sha256: string;
  mentions: GoldMention[];
}

export interface Gold {
  files: Record<string, GoldFile>;
}

export const surfaceHash = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex').slice(0, 12);
const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');

export function loadGold(path: string): Gold {
  return JSON.parse(readFileSync(path, 'utf8')) as Gold;
}

/** Problems with a gold file against the text it judges: another version of the text, offsets that moved. */
export function goldProblems(text: string, gold: GoldFile): string[] {
  const problems: string[] = [];
  if (sha256(text) !== gold.sha256) problems.push('the text is not the version judged (sha256 differs)');
  for (const m of gold.mentions) {
    for (const span of [m, ...(m.alternatives ?? [])]) {
      if (surfaceHash(text.slice(span.start, span.end)) !== span.hash) problems.push(`offsets ${span.start}-${span.end} no longer hold the judged words`);
    }
  }
  return problems;
}

export type Category = EntityType;
export type ErrorKind = 'namesake' | 'inside-name' | 'other-entity' | 'wrong-entity' | 'not-a-mention';

export interface Counts {
  /** Highlights that name the right entity, and all highlights (precision). */
  correct: number;
  highlights: number;
  /** Mentions found, and all mentions (recall). */
  found: number;
  mentions: number;
}

export interface FileScore {
  file: string;
  byCategory: Record<Category, Counts>;
  errors: { start: number; end: number; text: string; kind: ErrorKind; got: string; expected?: string | null }[];
  misses: { start: number; end: number; text: string; expected: string }[];
}

const CATEGORIES: Category[] = ['person', 'place', 'organization'];
const emptyCounts = (): Record<Category, Counts> =>
  Object.fromEntries(CATEGORIES.map((c) => [c, { correct: 0, highlights: 0, found: 0, mentions: 0 }])) as Record<Category, Counts>;
const categoryOf = (id: string) => id.split(':')[0] as Category;
const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }) => a.start < b.end && b.start < a.end;

/** Entity highlights of a text against its gold mentions. */
export function scoreFile(file: string, text: string, gold: GoldFile, highlights: readonly TextMatch[]): FileScore {
  const byCategory = emptyCounts();
  const errors: FileScore['errors'] = [];
  const misses: FileScore['misses'] = [];
  const entities = highlights.filter((h) => h.category === 'person' || h.category === 'place' || h.category === 'organization');
  const spansOf = (m: GoldMention) => [m, ...(m.alternatives ?? [])];
  for (const h of entities) {
    const hit = gold.mentions.find((m) => m.id && spansOf(m).some((s) => s.id === h.referenceId && overlaps(s, h)));
    if (hit?.optional) continue;
    const counts = byCategory[h.category as Category];
    counts.highlights++;
    if (hit) {
      counts.correct++;
      continue;
    }
    const near = gold.mentions.find((m) => spansOf(m).some((s) => overlaps(s, h)));
    if (near?.optional) {
      counts.highlights--;
      continue;
    }
    const kind: ErrorKind = !near ? 'not-a-mention' : near.id === null ? (near.why ?? 'other-entity') : 'wrong-entity';
    errors.push({ start: h.start, end: h.end, text: text.slice(h.start, h.end), kind, got: h.referenceId, ...(near ? { expected: near.id } : {}) });
  }
  for (const m of gold.mentions) {
    if (!m.id || m.optional) continue;
    const counts = byCategory[categoryOf(m.id)];
    counts.mentions++;
    if (entities.some((h) => spansOf(m).some((s) => s.id === h.referenceId && overlaps(s, h)))) counts.found++;
    else misses.push({ start: m.start, end: m.end, text: text.slice(m.start, m.end), expected: m.id });
  }
  return { file, byCategory, errors, misses };
}

export function total(scores: readonly FileScore[]): Record<Category | 'all', Counts> {
  const sum = emptyCounts() as Record<Category | 'all', Counts>;
  sum.all = { correct: 0, highlights: 0, found: 0, mentions: 0 };
  for (const s of scores) {
    for (const c of CATEGORIES) {
      for (const k of ['correct', 'highlights', 'found', 'mentions'] as const) {
        sum[c][k] += s.byCategory[c][k];
        sum.all[k] += s.byCategory[c][k];
      }
    }
  }
  return sum;
}

export const precision = (c: Counts) => (c.highlights === 0 ? 1 : c.correct / c.highlights);
export const recall = (c: Counts) => (c.mentions === 0 ? 1 : c.found / c.mentions);

/** Highlights of a plain text through the pipeline (the same function the extension runs). */
export async function highlightsOfText(text: string, dataset: Dataset): Promise<{ matches: TextMatch[]; onSubject: boolean; evidence: number }> {
  const result = (await annotateText(text, createMatcher(dataset)))!;
  return { matches: result.matches, onSubject: result.context.relevance.onSubject, evidence: result.context.relevance.evidence };
}

export interface CoverageReport {
  files: (FileScore & { onSubject: boolean; evidence: number; problems: string[] })[];
  totals: Record<Category | 'all', Counts>;
}

export async function evaluateCoverage(dataset: Dataset, goldPath = COVERAGE_GOLD, dir = COVERAGE_DIR): Promise<CoverageReport> {
  const gold = loadGold(goldPath);
  const files: CoverageReport['files'] = [];
  for (const [file, judged] of Object.entries(gold.files)) {
    const text = readFileSync(join(dir, file), 'utf8');
    const { matches, onSubject, evidence } = await highlightsOfText(text, dataset);
    files.push({ ...scoreFile(file, text, judged, matches), onSubject, evidence, problems: goldProblems(text, judged) });
  }
  return { files, totals: total(files) };
}

interface CorpusPage {
  page: string;
  meta: { syria_terms_in_article?: boolean };
}

function corpusPages(dir = CORPUS_DIR): CorpusPage[] {
  return listCorpus(dir).map((page) => ({ page, meta: JSON.parse(readFileSync(join(dir, page, 'meta.json'), 'utf8')) as CorpusPage['meta'] }));
}

/**
 * The dataset with relevance statistics recomputed as if `page` had not been part of the background: its
 * background counts taken out again.
 */
export function withoutBackgroundPage(dataset: Dataset, pageCounts: ReturnType<typeof countMentions>): Dataset {
  const stats = dataset.relevance;
  if (!stats) return dataset;
  const minus = (all: Record<string, number>, part: Map<string, number>) =>
    Object.fromEntries(Object.entries(all).map(([id, n]) => [id, n - (part.get(id) ?? 0)]));
  const relevance: RelevanceStats = {
    ...stats,
    backgroundCharacters: stats.backgroundCharacters - pageCounts.characters,
    background: minus(stats.background, pageCounts.names),
    demonymsInBackground: minus(stats.demonymsInBackground, pageCounts.demonyms),
  };
  return { ...dataset, relevance };
}

export interface PageHighlights {
  page: string;
  highlights: number;
  texts: string[];
  evidence: number;
  onSubject: boolean;
}

/** Highlights on each page of the corpus whose article is not about Syria, through the whole pipeline. */
export async function offSubjectPages(dataset: Dataset, options: { leaveOneOut: boolean }, dir = CORPUS_DIR): Promise<PageHighlights[]> {
  const out: PageHighlights[] = [];
  const counter = createMatcher(dataset, { readFigures: () => [] });
  for (const { page, meta } of corpusPages(dir)) {
    if (meta.syria_terms_in_article !== false) continue;
    const html = readFileSync(join(dir, page, 'page.html'), 'utf8');
    const scored = options.leaveOneOut ? withoutBackgroundPage(dataset, countMentions(counter, [visibleText(html)])) : dataset;
    const annotated = await annotateHtml(html, { dataset: scored });
    out.push({ page, highlights: annotated.highlights.length, texts: annotated.highlights.map((h) => h.text), evidence: annotated.evidence, onSubject: annotated.onSubject });
  }
  return out;
}

export interface HeldOutPage extends PageHighlights {
  score?: FileScore;
}

/**
 * Pages whose article mentions Syria terms: scored on their expected article text (so the figures do not depend
 * on article detection), with relevance recomputed without the page, against the held-out gold where judged.
 */
export async function heldOutPages(dataset: Dataset, dir = CORPUS_DIR, goldPath = HELDOUT_GOLD): Promise<HeldOutPage[]> {
  const gold = existsSync(goldPath) ? loadGold(goldPath) : { files: {} };
  const counter = createMatcher(dataset, { readFigures: () => [] });
  const out: HeldOutPage[] = [];
  for (const { page, meta } of corpusPages(dir)) {
    if (meta.syria_terms_in_article !== true) continue;
    const html = readFileSync(join(dir, page, 'page.html'), 'utf8');
    const text = readFileSync(join(dir, page, 'expected.txt'), 'utf8');
    const scored = withoutBackgroundPage(dataset, countMentions(counter, [visibleText(html)]));
    const { matches, onSubject, evidence } = await highlightsOfText(text, scored);
    const judged = gold.files[page];
    out.push({
      page,
      highlights: matches.length,
      texts: matches.map((m) => m.text),
      evidence,
      onSubject,
      ...(judged ? { score: scoreFile(page, text, judged, matches) } : {}),
    });
  }
  return out;
}

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;

function printTotals(title: string, totals: Record<Category | 'all', Counts>): void {
  console.log(title);
  for (const c of [...CATEGORIES, 'all'] as const) {
    const t = totals[c];
    console.log(`  ${c.padEnd(13)} precision ${pct(precision(t)).padStart(6)} (${t.correct}/${t.highlights})   recall ${pct(recall(t)).padStart(6)} (${t.found}/${t.mentions})`);
  }
}

/** Prints the entities section (or adds it to `json`). */
export async function runEntityEval(_argv: string[], json: Record<string, unknown> | null): Promise<void> {
  const dataset = loadBundledDataset();
  const coverage = existsSync(COVERAGE_DIR) ? await evaluateCoverage(dataset) : undefined;
  const heldOut = await heldOutPages(dataset);
  const offInSample = await offSubjectPages(dataset, { leaveOneOut: false });
  const offLoo = await offSubjectPages(dataset, { leaveOneOut: true });
  const perPage = (pages: PageHighlights[]) => pages.reduce((a, p) => a + p.highlights, 0) / Math.max(1, pages.length);
  if (json) {
    json.entities = { coverage, heldOut, offSubject: { inSample: offInSample, leaveOneOut: offLoo, perPage: perPage(offInSample), perPageLeaveOneOut: perPage(offLoo) } };
    return;
  }
  if (coverage) {
    printTotals(`Coverage (${coverage.files.length} reports, ../shared/coverage):`, coverage.totals);
    const errors = coverage.files.flatMap((f) => f.errors.map((e) => ({ ...e, file: f.file })));
    const byKind = new Map<string, number>();
    for (const e of errors) byKind.set(e.kind, (byKind.get(e.kind) ?? 0) + 1);
    console.log(`  errors by kind: ${[...byKind].map(([k, n]) => `${k} ${n}`).join(', ') || 'none'}`);
    for (const e of errors) console.log(`    ${e.file.slice(0, 20).padEnd(20)} @${e.start} “${e.text}” → ${e.got} (${e.kind}${e.expected ? `, is ${e.expected}` : ''})`);
    for (const f of coverage.files) for (const m of f.misses) console.log(`    ${f.file.slice(0, 20).padEnd(20)} @${m.start} missed “${m.text}” (${m.expected})`);
    const off = coverage.files.filter((f) => !f.onSubject);
    console.log(`  judged off the subject: ${off.length ? off.map((f) => f.file).join(', ') : 'none'}; lowest evidence ${Math.min(...coverage.files.map((f) => f.evidence)).toFixed(1)}`);
    for (const f of coverage.files) for (const p of f.problems) console.log(`  gold problem in ${f.file}: ${p}`);
  }
  console.log('\nHeld out (../shared/corpus pages whose article mentions Syria terms; relevance without the page):');
  for (const p of heldOut) {
    const s = p.score ? total([p.score]).all : undefined;
    console.log(
      `  ${p.page.padEnd(20)} ${p.onSubject ? 'on the subject ' : 'off the subject'} evidence ${p.evidence.toFixed(1).padStart(5)}  ${String(p.highlights).padStart(3)} highlights` +
        (s ? `  precision ${pct(precision(s))} (${s.correct}/${s.highlights}) recall ${pct(recall(s))} (${s.found}/${s.mentions})` : ''),
    );
  }
  const judged = heldOut.filter((p) => p.score).map((p) => p.score!);
  if (judged.length) printTotals('  judged held-out pages together:', total(judged));
  const line = (name: string, pages: PageHighlights[]) => {
    const painted = pages.filter((p) => p.highlights > 0);
    console.log(`${name}: ${pages.reduce((a, p) => a + p.highlights, 0)} highlights on ${pages.length} pages (${perPage(pages).toFixed(3)} per page)`);
    for (const p of painted) console.log(`  ${p.page.padEnd(20)} evidence ${p.evidence.toFixed(1)}: ${p.texts.join(' | ')}`);
  };
  console.log('');
  line('Off the subject (corpus pages whose article has no Syria terms), committed dataset', offInSample);
  line('Off the subject, relevance recomputed without the page scored', offLoo);
  const top = [...offLoo].sort((a, b) => b.evidence - a.evidence).slice(0, 5);
  console.log(`  highest evidence without the page: ${top.map((p) => `${p.page} ${p.evidence.toFixed(1)}`).join(', ')}`);
}
