// The matcher over the real source documents with the committed dataset: every entity and figure the dataset
// says a document mentions must be found when that document's text is matched. Reads ../shared at run time (the
// documents are never copied into the project); skipped with a message when it is absent, except in CI.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createMatcher } from '../../../lib/match';
import type { Dataset } from '../../../lib/reference/types';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const seedsDir = resolve(root, '../shared/seeds');
const haveSeeds = existsSync(seedsDir);
if (!haveSeeds) {
  if (process.env.CI === 'true') throw new Error(`../shared/seeds is missing (${seedsDir}); CI needs it beside the checkout`);
  console.warn(`Skipping the seed matching tests: ${seedsDir} not found.`);
}

const dataset = JSON.parse(readFileSync(join(root, 'lib/reference/dataset.json'), 'utf8')) as Dataset;
const seeds = haveSeeds ? readdirSync(seedsDir).filter((f) => f.endsWith('.txt')) : [];

describe.skipIf(!haveSeeds || dataset.entities.length === 0)('matching the source documents with the committed dataset', () => {
  const matcher = createMatcher(dataset);

  for (const file of seeds) {
    const id = file.replace(/\.txt$/, '');
    const text = haveSeeds ? readFileSync(join(seedsDir, file), 'utf8') : '';
    const matches = matcher.match(text);
    const found = new Set(matches.map((m) => m.referenceId));

    it(`${id}: finds every entity the dataset says the document mentions`, () => {
      const expected = dataset.entities.filter((e) => e.mentions.some((m) => m.doc === id)).map((e) => e.id);
      expect(expected.length).toBeGreaterThan(0);
      expect(expected.filter((e) => !found.has(e))).toEqual([]);
    });

    it(`${id}: finds every figure of the document, agreeing with the reference`, () => {
      const expected = dataset.figures.filter((f) => f.mentions.some((m) => m.doc === id));
      const figures = matches.filter((m) => m.figure);
      const missing = expected.filter((f) => !figures.some((m) => m.referenceId === f.id && m.figure!.verdict === 'matches'));
      expect(missing.map((f) => f.id)).toEqual([]);
      // And the document disagrees with nothing it is itself the source of.
      expect(figures.filter((m) => m.figure!.verdict === 'differs').map((m) => [m.text, m.referenceId])).toEqual([]);
    });

    it(`${id}: matches are sorted, non-overlapping and exact slices of the text`, () => {
      for (let i = 0; i < matches.length; i++) {
        const m = matches[i]!;
        expect(text.slice(m.start, m.end)).toBe(m.text);
        if (i > 0) expect(m.start).toBeGreaterThanOrEqual(matches[i - 1]!.end);
      }
    });
  }
});
