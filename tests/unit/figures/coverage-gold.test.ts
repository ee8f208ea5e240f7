// Figure verdicts on real Syria-war reports (../shared/coverage), against the hand-made judgements in
// tests/gold/coverage-figures.json — the same scoring as `npm run eval`. The reports are read at run time and
// never copied into the project; without them (a bare clone) this is skipped, except in CI.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COVERAGE_DIR, evaluateFigures, GOLD_VERDICTS, listCoverage, loadGold } from '../../../scripts/eval/figures';
import { COUNTS } from '../../../lib/figures/vocabulary';

const haveCoverage = existsSync(COVERAGE_DIR);
if (!haveCoverage) {
  if (process.env.CI === 'true') throw new Error(`../shared/coverage is missing (${COVERAGE_DIR}); CI needs it beside the checkout`);
  console.warn(`Skipping the coverage figure tests: ${COVERAGE_DIR} not found.`);
}

describe.skipIf(!haveCoverage)('figure verdicts on ../shared/coverage', () => {
  const gold = loadGold();

  it('the gold file is well formed and still points at the numbers it judged', () => {
    const files = new Set(listCoverage());
    for (const g of gold.figures) {
      expect(files.has(g.file), g.file).toBe(true);
      expect(GOLD_VERDICTS).toContain(g.verdict);
      expect(COUNTS as readonly string[]).toContain(g.counts);
      expect(g.why.length).toBeGreaterThan(10);
      expect(readFileSync(join(COVERAGE_DIR, g.file), 'utf8').slice(g.start, g.end)).toBe(g.key);
    }
    // Judged once each.
    expect(new Set(gold.figures.map((g) => `${g.file}@${g.start}`)).size).toBe(gold.figures.length);
  });

  // The whole pipeline over 25 reports: under two seconds idle, several times that on a loaded machine.
  it('every figure Backstory marks carries the verdict a careful fact-checker gives, and most judged figures get theirs', { timeout: 60_000 }, async () => {
    const report = await evaluateFigures();
    // A mark on a number the gold file does not list, or with another verdict, is an error: no mark beats a wrong one.
    expect(report.errors.filter((e) => e.gold === 'unjudged' || e.got !== 'none')).toEqual([]);
    expect(report.precision).toBe(1);
    expect(report.marks).toBeGreaterThanOrEqual(25);
    expect(report.accuracy).toBeGreaterThanOrEqual(0.95);
  });
});
