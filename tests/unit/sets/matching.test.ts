import 'fake-indexeddb/auto';
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { IDBFactory } from 'fake-indexeddb';
import { openSetsRepository } from '@/lib/sets/repository';
import { buildSet } from '@/lib/sets/build';
import { setRelevance } from '@/lib/sets/relevance';
import { combineSets } from '@/lib/sets/combine';
import { createMatcher } from '@/lib/match';
import { dataset as bundled } from '@/lib/reference';
import type { Dataset } from '@/lib/reference/types';
import { VALDORA_ARTICLES, articleText, type TestArticle } from '../../sets-articles';

const SEEDS = join(import.meta.dirname, '..', '..', '..', '..', 'shared', 'seeds');

async function builtSet(articles: TestArticle[], name: string): Promise<{ id: string; dataset: Dataset }> {
  const repo = openSetsRepository(new IDBFactory());
  const set = await repo.createSet({ name });
  await repo.addDocuments(set.id, articles.map((a) => ({ title: a.title, date: a.date, publisher: a.publisher, text: articleText(a), origin: 'page' as const })));
  await buildSet(repo, set.id, { onProgress: () => undefined, relevance: setRelevance });
  return { id: set.id, dataset: (await repo.effective(set.id))! };
}

function run(dataset: Dataset, text: string, options: { everyPage?: boolean; date?: string } = {}) {
  const session = createMatcher(dataset).begin(text, { everyPage: options.everyPage === true, ...(options.date ? { page: { date: options.date } } : {}) });
  session.scan(0, text.length);
  const context = session.settle();
  return { context, matches: session.matchesIn(0, text.length) };
}

let valdora: { id: string; dataset: Dataset };
let combined: Dataset;
beforeAll(async () => {
  valdora = await builtSet(VALDORA_ARTICLES.slice(0, 3), 'Valdora floods');
  combined = combineSets([{ id: 'bundled', name: 'Syrian civil war, 2012–2013', dataset: bundled }, { id: valdora.id, name: 'Valdora floods', dataset: valdora.dataset }]);
}, 60_000);

describe('a reader’s set weighed against the shipped background', () => {
  test('its names get relevance counts, its core is what most of its documents name', () => {
    const r = valdora.dataset.relevance!;
    expect(r.backgroundSource).toMatch(/^visible text of \d+ news pages/);
    expect(r.backgroundCharacters).toBeGreaterThan(100_000);
    const id = (name: string) => valdora.dataset.entities.find((e) => e.name === name)!.id;
    expect(r.reference[id('Castelmora')]).toBeGreaterThanOrEqual(3);
    expect(r.core).toEqual(expect.arrayContaining([id('Elena Marchetti'), id('Pontevalle')]));
  });
});

describe('the bundled set and a reader’s set matched in one pass', () => {
  test('ids are qualified by set, each set is a part with its own relevance', () => {
    expect(combined.parts!.map((p) => [p.id, p.name, p.entityIds.length])).toEqual([
      ['bundled', 'Syrian civil war, 2012–2013', bundled.entities.length],
      [valdora.id, 'Valdora floods', valdora.dataset.entities.length],
    ]);
    const e = combined.entities.find((x) => x.name === 'Elena Marchetti')!;
    expect(e.id).toBe(`${valdora.id}/person:elena-marchetti`);
    expect(e.mentions.every((m) => m.doc.startsWith(`${valdora.id}/d000`))).toBe(true);
    expect(combined.entities.find((x) => x.name === 'Syria')!.id).toBe('place:syria');
    expect(combined.parts![1]!.relevance!.core.every((id) => id.startsWith(`${valdora.id}/`))).toBe(true);
  });

  test('a fourth related article is painted for the reader’s set only, its figures judged against that set’s', () => {
    const { context, matches } = run(combined, articleText(VALDORA_ARTICLES[3]!), { date: VALDORA_ARTICLES[3]!.date });
    expect(context.relevance.parts!.map((p) => [p.name, p.onSubject])).toEqual([['Syrian civil war, 2012–2013', false], ['Valdora floods', true]]);
    expect(matches.length).toBeGreaterThan(8);
    expect(matches.every((m) => m.referenceId.startsWith(`${valdora.id}/`))).toBe(true);
    expect(new Set(matches.filter((m) => !m.figure).map((m) => m.text))).toEqual(new Set(['Valdora', 'PONTEVALLE', 'Pontevalle', 'Ines Kowalczyk', 'Elena Marchetti', 'Valdora River Authority', 'Tomas Brennan', 'Castelmora', 'National Emergency Agency']));
    const figures = matches.filter((m) => m.figure).map((m) => [m.text, m.figure!.verdict]);
    expect(figures).toEqual([['at least 42 people', 'later'], ['more than 3,500 people', 'later']]);
  });

  test('an article on the bundled set’s subject is painted as the bundled set alone paints it', () => {
    if (!existsSync(SEEDS)) return;
    for (const file of readdirSync(SEEDS).filter((f) => f.endsWith('.txt'))) {
      const text = readFileSync(join(SEEDS, file), 'utf8');
      const alone = run(bundled, text);
      const together = run(combined, text);
      expect(together.context.relevance.parts!.map((p) => p.onSubject)).toEqual([true, false]);
      expect(together.matches).toEqual(alone.matches);
    }
  });

  test('a page about neither is painted for neither, unless the reader asks for every page', () => {
    const text = 'The council in Pontevalle voted on the school budget on Monday. The mayor said taxes would not rise.';
    const off = run(combined, text);
    expect(off.context.relevance.onSubject).toBe(false);
    expect(off.context.relevance.subject).toBe('the Syrian civil war, 2012–2013 and Valdora floods');
    expect(off.matches).toEqual([]);
    expect(run(combined, text, { everyPage: true }).matches.map((m) => m.text)).toEqual(['Pontevalle']);
  });

  test('two sets that know the same name each find it; the one the article is about names it', async () => {
    const other = await builtSet([VALDORA_ARTICLES[1]!], 'Regional courts');
    const text = articleText(VALDORA_ARTICLES[3]!);
    const kowalczyk = (dataset: Dataset) => run(dataset, text, { date: VALDORA_ARTICLES[3]!.date }).matches.find((m) => m.text === 'Ines Kowalczyk')!.referenceId;
    // Both sets are about this article: the one listed first names it.
    const first = { id: other.id, name: 'Regional courts', dataset: other.dataset };
    const second = { id: valdora.id, name: 'Valdora floods', dataset: valdora.dataset };
    expect(run(combineSets([first, second]), text).context.relevance.parts!.map((p) => p.onSubject)).toEqual([true, true]);
    expect(kowalczyk(combineSets([first, second]))).toBe(`${other.id}/person:ines-kowalczyk`);
    expect(kowalczyk(combineSets([second, first]))).toBe(`${valdora.id}/person:ines-kowalczyk`);
    // The first set without a core (nothing most of its documents name) is about nothing: the other names it.
    const coreless = { ...first, dataset: { ...other.dataset, relevance: { ...other.dataset.relevance!, core: [] } } };
    const verdicts = run(combineSets([coreless, second]), text).context.relevance.parts!.map((p) => p.onSubject);
    expect(verdicts).toEqual([false, true]);
    expect(kowalczyk(combineSets([coreless, second]))).toBe(`${valdora.id}/person:ines-kowalczyk`);
  });
});
