// Entity highlighting against the hand judgements of real coverage (tests/gold/coverage-entities.json): the
// reports are read from ../shared at run time, never copied here. Also the held-out pages (judged once, never
// tuned on) and the news pages that are not about the subject. Skipped without ../shared, except in CI.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dataset } from '../../../lib/reference';
import { CORPUS_DIR } from '../../../scripts/eval/article';
import {
  COVERAGE_DIR,
  COVERAGE_GOLD,
  evaluateCoverage,
  goldProblems,
  heldOutPages,
  loadGold,
  offSubjectPages,
  precision,
  recall,
  total,
} from '../../../scripts/eval/entities';

const available = existsSync(COVERAGE_DIR) && existsSync(CORPUS_DIR);
if (!available) {
  if (process.env.CI === 'true') throw new Error(`../shared/coverage or ../shared/corpus is missing; CI needs ../shared beside the checkout`);
  console.warn('Skipping the coverage evaluation tests: ../shared not found.');
}

describe.runIf(available)('entities on real Syria coverage, judged by hand', () => {
  it('the judgements still point at the words judged (same texts, offsets holding the same words)', () => {
    const gold = loadGold(COVERAGE_GOLD);
    expect(Object.keys(gold.files)).toHaveLength(25);
    for (const [file, judged] of Object.entries(gold.files)) {
      expect(goldProblems(readFileSync(join(COVERAGE_DIR, file), 'utf8'), judged), file).toEqual([]);
    }
  });

  it('precision and recall of at least 99% in every category, no namesake and no name inside a name', { timeout: 60_000 }, async () => {
    const report = await evaluateCoverage(dataset);
    for (const category of ['person', 'place', 'organization', 'all'] as const) {
      const counts = report.totals[category];
      expect(counts.mentions, category).toBeGreaterThan(40);
      expect(precision(counts), `${category} precision`).toBeGreaterThanOrEqual(0.99);
      expect(recall(counts), `${category} recall`).toBeGreaterThanOrEqual(0.99);
    }
    const errors = report.files.flatMap((f) => f.errors.map((e) => `${f.file}@${e.start} ${e.text} (${e.kind})`));
    expect(errors.filter((e) => /namesake|inside-name/.test(e))).toEqual([]);
    // Every report is about the subject.
    expect(report.files.filter((f) => !f.onSubject).map((f) => f.file)).toEqual([]);
  });
});

describe.runIf(available)('pages of ../shared/corpus', () => {
  it('not about Syria: at most one highlight per ten pages, with relevance recomputed without the page scored', { timeout: 240_000 }, async () => {
    const pages = await offSubjectPages(dataset, { leaveOneOut: true });
    expect(pages.length).toBeGreaterThan(60);
    const highlights = pages.reduce((sum, p) => sum + p.highlights, 0);
    expect(highlights / pages.length).toBeLessThanOrEqual(0.1);
  });

  it('held out: the report about the war is on the subject and every highlight on it is right; passing mentions paint nothing', { timeout: 120_000 }, async () => {
    const pages = await heldOutPages(dataset);
    const judged = pages.filter((p) => p.score);
    expect(judged.map((p) => p.page)).toEqual(['sh-1ee91d1fce65']);
    for (const p of judged) {
      expect(p.onSubject).toBe(true);
      expect(precision(total([p.score!]).all)).toBe(1);
      expect(p.score!.errors).toEqual([]);
    }
    // The other pages name Syria, the UN or Britain in passing (gun laws, films, impeachment hearings).
    expect(pages.filter((p) => !p.score && p.highlights > 0).map((p) => p.page)).toEqual([]);
  });
});
