// The figures section of `npm run eval`: figure verdicts on the real Syria-war reports of ../shared/coverage/,
// scored against the hand-made judgements in tests/gold/coverage-figures.json.
//
// Each report goes through the content script's pipeline (lib/pipeline.ts via scripts/annotate.ts) as a page with
// the report's date (from its file name, as SOURCES.md gives it) and language in its metadata, exactly as a news
// page would carry them. Every figure Backstory marks is mapped back to the report's text and compared with the
// gold verdict at the same number:
// - verdict accuracy: of the gold figures (every figure that counts something the reference counts, and every
//   figure Backstory marks), the share whose verdict Backstory gets right, "no verdict" included;
// - precision of marks: of the figures Backstory marks, the share whose verdict is the gold one. A mark on a number
//   the gold file does not list counts as wrong and is printed, so the gold file stays complete.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { annotateHtml, loadBundledDataset, textAsArticle } from '../annotate';
import type { Dataset } from '../../lib/reference/types';

export const COVERAGE_DIR = resolve(import.meta.dirname, '..', '..', '..', 'shared', 'coverage');
export const FIGURE_GOLD = resolve(import.meta.dirname, '..', '..', 'tests', 'gold', 'coverage-figures.json');

export type GoldVerdict = 'matches' | 'differs' | 'earlier' | 'later' | 'none';
export const GOLD_VERDICTS: readonly GoldVerdict[] = ['matches', 'differs', 'earlier', 'later', 'none'];

export interface GoldFigure {
  file: string;
  /** Offsets of the number in the report's text (UTF-16, end exclusive). */
  start: number;
  end: number;
  /** The number as the report writes it: a check that the offsets still point at it. */
  key: string;
  /** What it counts, in the reference's vocabulary. */
  counts: string;
  verdict: GoldVerdict;
  /** The judgement, in the project's words. */
  why: string;
}

export interface GoldFile {
  about: string;
  figures: GoldFigure[];
}

export interface Mark {
  file: string;
  start: number;
  end: number;
  text: string;
  verdict: Exclude<GoldVerdict, 'none'>;
  referenceId: string;
}

export interface FigureEvalReport {
  files: number;
  gold: number;
  marks: number;
  /** Gold figures whose verdict Backstory gets right ("no verdict" included). */
  correct: number;
  accuracy: number;
  /** Marks whose verdict is the gold one. */
  correctMarks: number;
  precision: number;
  /** gold verdict → Backstory's verdict → count. */
  confusion: Record<GoldVerdict, Record<GoldVerdict, number>>;
  /** Gold figures judged wrongly, and marks on numbers the gold file does not list. */
  errors: Array<{ file: string; key: string; start: number; gold: GoldVerdict | 'unjudged'; got: GoldVerdict; why?: string }>;
}

/** The report's date, from its file name ("05_cnn_2012-03-27.txt"). */
export function coverageDate(file: string): string | undefined {
  return /_(\d{4}-\d{2}-\d{2})\.txt$/.exec(file)?.[1];
}

export function listCoverage(dir = COVERAGE_DIR): string[] {
  return readdirSync(dir).filter((f) => /^\d+_.+\.txt$/.test(f)).sort();
}

export function loadGold(file = FIGURE_GOLD): GoldFile {
  return JSON.parse(readFileSync(file, 'utf8')) as GoldFile;
}

/** A plain-text report as a news page that carries its date and language the way news pages do. */
export function reportAsPage(text: string, date: string | undefined): string {
  const meta = date ? `<meta property="article:published_time" content="${date}">` : '';
  return textAsArticle(text).replace('<html>', '<html lang="en">').replace('<head>', `<head>${meta}`);
}

/** Offsets in the article text → offsets in the report, paragraph by paragraph (both keep paragraphs whole). */
function offsetMapper(report: string, article: string): (offset: number) => number | undefined {
  const paragraphs: Array<{ articleStart: number; reportStart: number; length: number }> = [];
  let cursor = 0;
  let at = 0;
  for (const paragraph of article.split('\n\n')) {
    const found = report.indexOf(paragraph, cursor);
    if (found >= 0) {
      paragraphs.push({ articleStart: at, reportStart: found, length: paragraph.length });
      cursor = found + paragraph.length;
    }
    at += paragraph.length + 2;
  }
  return (offset) => {
    const p = paragraphs.find((x) => offset >= x.articleStart && offset <= x.articleStart + x.length);
    return p ? p.reportStart + (offset - p.articleStart) : undefined;
  };
}

/** Backstory's figure marks on one report, with offsets of their numbers in the report's text. */
export async function marksOn(file: string, dir = COVERAGE_DIR, dataset: Dataset = loadBundledDataset()): Promise<Mark[]> {
  const text = readFileSync(join(dir, file), 'utf8');
  const page = await annotateHtml(reportAsPage(text, coverageDate(file)), { dataset });
  const toReport = offsetMapper(text, page.article.text);
  const marks: Mark[] = [];
  for (const m of page.matches) {
    if (!m.figure) continue;
    const start = toReport(m.figure.reading.numberStart);
    const end = toReport(m.figure.reading.numberEnd);
    if (start === undefined || end === undefined) throw new Error(`${file}: cannot place the figure "${m.text}" in the report`);
    marks.push({ file, start, end, text: text.slice(start, end), verdict: m.figure.verdict, referenceId: m.referenceId });
  }
  return marks;
}

export async function evaluateFigures(dir = COVERAGE_DIR, gold: GoldFile = loadGold(), dataset: Dataset = loadBundledDataset()): Promise<FigureEvalReport> {
  const files = listCoverage(dir);
  const confusion = Object.fromEntries(GOLD_VERDICTS.map((g) => [g, Object.fromEntries(GOLD_VERDICTS.map((v) => [v, 0]))])) as FigureEvalReport['confusion'];
  const errors: FigureEvalReport['errors'] = [];
  let correct = 0;
  let marksTotal = 0;
  let correctMarks = 0;
  for (const file of files) {
    const text = readFileSync(join(dir, file), 'utf8');
    const items = gold.figures.filter((g) => g.file === file);
    for (const g of items) {
      if (text.slice(g.start, g.end) !== g.key) throw new Error(`gold ${file}@${g.start}: expected "${g.key}", the report has "${text.slice(g.start, g.end)}"`);
    }
    const marks = await marksOn(file, dir, dataset);
    marksTotal += marks.length;
    for (const g of items) {
      const mark = marks.find((m) => m.start === g.start && m.end === g.end);
      const got: GoldVerdict = mark?.verdict ?? 'none';
      confusion[g.verdict][got]++;
      if (got === g.verdict) correct++;
      else errors.push({ file, key: g.key, start: g.start, gold: g.verdict, got, why: g.why });
    }
    for (const m of marks) {
      const g = items.find((x) => x.start === m.start && x.end === m.end);
      if (g && g.verdict === m.verdict) correctMarks++;
      if (!g) errors.push({ file, key: m.text, start: m.start, gold: 'unjudged', got: m.verdict });
    }
  }
  return {
    files: files.length,
    gold: gold.figures.length,
    marks: marksTotal,
    correct,
    accuracy: gold.figures.length ? correct / gold.figures.length : 1,
    correctMarks,
    precision: marksTotal ? correctMarks / marksTotal : 1,
    confusion,
    errors,
  };
}

/** Prints the figures section (or adds it to `json`). */
export async function runFigureEval(_argv: string[], json: Record<string, unknown> | null): Promise<void> {
  if (!existsSync(COVERAGE_DIR)) {
    if (json) json.figures = { skipped: `coverage not found at ${COVERAGE_DIR}` };
    else console.log(`skipped: coverage not found at ${COVERAGE_DIR}`);
    return;
  }
  const report = await evaluateFigures();
  if (json) {
    json.figures = report;
    return;
  }
  const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
  console.log(`${report.files} reports, ${report.gold} judged figures, ${report.marks} marked by Backstory`);
  console.log(`verdict accuracy   ${pct(report.accuracy)}  (${report.correct}/${report.gold})`);
  console.log(`precision of marks ${pct(report.precision)}  (${report.correctMarks}/${report.marks})`);
  console.log('');
  console.log(`${'gold \\ Backstory'.padEnd(18)}${GOLD_VERDICTS.map((v) => v.padStart(9)).join('')}`);
  for (const g of GOLD_VERDICTS) console.log(`${g.padEnd(18)}${GOLD_VERDICTS.map((v) => String(report.confusion[g][v]).padStart(9)).join('')}`);
  if (report.errors.length) {
    console.log('');
    for (const e of report.errors) console.log(`  ${e.file} @${e.start} "${e.key}": gold ${e.gold}, Backstory ${e.got}${e.why ? ` — ${e.why}` : ''}`);
  }
}
