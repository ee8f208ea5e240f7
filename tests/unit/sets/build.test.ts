import { describe, expect, test } from 'vitest';
import { IDBFactory } from 'fake-indexeddb';
import { openSetsRepository, type SetsRepository } from '@/lib/sets/repository';
import { buildSet, type BuildProgress } from '@/lib/sets/build';
import { entityTarget, figureTarget, type CurationEdit } from '@/lib/sets/curation';
import { buildDataset } from '@/lib/builder/build';
import { parseCuration } from '@/lib/builder/curation';
import { VALDORA_ARTICLES, articleText, type TestArticle } from '../../sets-articles';

const asDocument = (a: TestArticle) => ({ title: a.title, publisher: a.publisher, date: a.date, url: `https://news.example/${a.slug}`, text: articleText(a), origin: 'page' as const });

async function build(repo: SetsRepository, setId: string): Promise<BuildProgress[]> {
  const progress: BuildProgress[] = [];
  await buildSet(repo, setId, { onProgress: (p) => progress.push(p) });
  return progress;
}

// Each test runs the real builder (compromise included) several times: seconds on a loaded machine.
describe('building a set', { timeout: 60_000 }, () => {
  test('the same builder as `npm run dataset`: the same entities and figures from the same documents', async () => {
    const repo = openSetsRepository(new IDBFactory());
    const set = await repo.createSet({ name: 'Valdora floods' });
    await repo.addDocuments(set.id, VALDORA_ARTICLES.slice(0, 3).map(asDocument));
    await build(repo, set.id);
    const built = (await repo.getBuild(set.id))!.dataset;
    const cli = buildDataset(
      VALDORA_ARTICLES.slice(0, 3).map((a, i) => ({ id: `d000${i + 1}`, text: articleText(a) })),
      parseCuration({ entities: [], documents: Object.fromEntries(VALDORA_ARTICLES.slice(0, 3).map((a, i) => [`d000${i + 1}`, { title: a.title, publisher: a.publisher, date: a.date }])) }),
    );
    expect(built.entities).toEqual(cli.entities);
    expect(built.figures).toEqual(cli.figures);
    expect(built.documents).toEqual(cli.documents.map((d, i) => ({ ...d, url: `https://news.example/${VALDORA_ARTICLES[i]!.slug}` })));
    expect(built.entities.map((e) => e.name)).toEqual(expect.arrayContaining(['Elena Marchetti', 'Tomas Brennan', 'Valdora River Authority', 'Castelmora', 'Pontevalle']));
    // Provenance down to the character range in the reader's document.
    const marchetti = built.entities.find((e) => e.name === 'Elena Marchetti')!;
    const text = await repo.getText(set.id, marchetti.mentions[0]!.doc);
    expect(text!.slice(marchetti.mentions[0]!.start, marchetti.mentions[0]!.end)).toBe('Elena Marchetti');
  });

  test('progress counts documents read, then linking and saving; adding one document reads only that one', async () => {
    const repo = openSetsRepository(new IDBFactory());
    const set = await repo.createSet({ name: 'Valdora floods' });
    await repo.addDocuments(set.id, VALDORA_ARTICLES.slice(0, 2).map(asDocument));
    const first = await build(repo, set.id);
    expect(first.map((p) => `${p.phase} ${p.done}/${p.total}`)).toEqual(['reading 0/2', 'reading 1/2', 'reading 2/2', 'linking 2/2', 'saving 2/2', 'done 2/2']);
    expect(first.at(-1)!.read).toBe(2);
    await repo.addDocuments(set.id, [asDocument(VALDORA_ARTICLES[2]!)]);
    const second = await build(repo, set.id);
    expect(second.at(-1)).toMatchObject({ phase: 'done', total: 3, read: 1 });
    expect((await repo.getBuild(set.id))!.dataset.documents.map((d) => d.id)).toEqual(['d0001', 'd0002', 'd0003']);
  });

  test('curation edits survive adding a document and a full rebuild', async () => {
    const repo = openSetsRepository(new IDBFactory());
    const set = await repo.createSet({ name: 'Valdora floods' });
    await repo.addDocuments(set.id, VALDORA_ARTICLES.slice(0, 2).map(asDocument));
    await build(repo, set.id);
    const first = (await repo.getBuild(set.id))!.dataset;
    const named = (name: string) => entityTarget(first.entities.find((e) => e.name === name)!);
    const killed = figureTarget(first.figures.find((f) => f.counts === 'people killed')!);
    const edits: CurationEdit[] = [
      { kind: 'rename', entity: named('Elena Marchetti'), name: 'Governor Elena Marchetti' },
      { kind: 'merge', entity: named('Valdora'), into: named('Valdora River') },
      { kind: 'remove', entity: named('National Emergency Agency') },
      { kind: 'add-alias', entity: named('Tomas Brennan'), alias: 'Mayor Brennan' },
      { kind: 'remove-alias', entity: named('Elena Marchetti'), alias: 'Marchetti' },
      { kind: 'set-type', entity: named('Castelmora'), type: 'organization' },
      { kind: 'fix-figure', figure: killed, value: 43, qualifier: 'exact', unit: 'people' },
    ];
    for (const e of edits) await repo.addEdit(set.id, e);

    const check = async () => {
      const details = (await repo.details(set.id))!;
      expect(details.outcomes.map((o) => o.applied)).toEqual(edits.map(() => true));
      const d = details.effective!;
      const byName = new Map(d.entities.map((e) => [e.name, e]));
      expect(byName.get('Governor Elena Marchetti')!.id).toBe(named('Elena Marchetti').id);
      expect(byName.has('Valdora')).toBe(false);
      expect(byName.get('Valdora River')!.aliases).toContain('Valdora');
      expect(byName.has('National Emergency Agency')).toBe(false);
      expect(byName.get('Tomas Brennan')!.aliases).toContain('Mayor Brennan');
      expect(byName.get('Governor Elena Marchetti')!.contextualAliases ?? []).not.toContain('Marchetti');
      expect(byName.get('Castelmora')!.type).toBe('organization');
      expect(d.figures.find((f) => f.id === killed.id)).toMatchObject({ value: 43, label: '43 people killed' });
      expect(d.figures.every((f) => !f.entityIds.includes(named('National Emergency Agency').id))).toBe(true);
      return d;
    };
    await check();
    // Adding a document: its names join the set, the edits still hold.
    await repo.addDocuments(set.id, [asDocument(VALDORA_ARTICLES[2]!)]);
    await build(repo, set.id);
    const afterAdding = await check();
    expect(afterAdding.entities.map((e) => e.name)).toContain('Ines Kowalczyk');
    // A full rebuild: every document read again (the kept readings dropped), the edits still hold.
    const progress: BuildProgress[] = [];
    await buildSet(repo, set.id, { onProgress: (p) => progress.push(p), version: 'another-builder' });
    expect(progress.at(-1)!.read).toBe(3);
    expect(await check()).toEqual(afterAdding);
  });

  test('a set imported without texts cannot be built again nor take a new document, and says why', async () => {
    const repo = openSetsRepository(new IDBFactory());
    const set = await repo.createSet({ name: 'Valdora floods' });
    await repo.addDocuments(set.id, VALDORA_ARTICLES.slice(0, 1).map(asDocument));
    await build(repo, set.id);
    const { exportSet, importSetFile, serializeSetFile } = await import('@/lib/sets/file');
    const copy = await importSetFile(repo, serializeSetFile(exportSet((await repo.contents(set.id))!, { texts: false })));
    await expect(buildSet(repo, copy.contents.set.id, { onProgress: () => undefined })).rejects.toThrow(/imported without the texts of one document/);
    // Nor can a document be added to it: it would never be built.
    await expect(repo.addDocuments(copy.contents.set.id, [asDocument(VALDORA_ARTICLES[1]!)])).rejects.toThrow(/imported without its documents’ texts/);
    expect(await repo.listDocuments(copy.contents.set.id)).toHaveLength(1);
  });
});
