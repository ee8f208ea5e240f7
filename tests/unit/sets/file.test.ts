import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { IDBFactory } from 'fake-indexeddb';
import { openSetsRepository, type SetsRepository } from '@/lib/sets/repository';
import { exportSet, importSetFile, readSetFile, serializeSetFile, setFileName, SetImportError, type SetFile } from '@/lib/sets/file';
import { entityTarget, figureTarget, type CurationEdit } from '@/lib/sets/curation';
import { sha256Hex } from '@/lib/builder/sha256';
import type { Dataset, Entity, Figure } from '@/lib/reference/types';
import { sampleDataset, TEXTS } from './fixtures';

function freshRepository(): SetsRepository {
  let n = 0;
  return openSetsRepository(new IDBFactory(), { newSetId: () => `set-${String(++n).padStart(10, 'a')}` });
}

async function sampleSet(repo: SetsRepository) {
  const set = await repo.createSet({ name: 'Water rates', description: 'Riverside' });
  await repo.addDocuments(set.id, Object.entries(TEXTS).map(([id, text]) => ({ title: `Title ${id}`, text, date: '2024-05-01', origin: 'paste' as const })));
  await repo.saveBuild({ setId: set.id, built: '2026-01-01T00:00:00.000Z', dataset: sampleDataset(), warnings: ['a warning'] });
  await repo.addEdit(set.id, { kind: 'rename', entity: entityTarget(sampleDataset().entities[1]!), name: 'A. Ortiz' });
  return set;
}

/** What makes two sets the same for a reader: everything but the set's id and revision and the edits' ids. */
async function comparable(repo: SetsRepository, setId: string) {
  const contents = (await repo.contents(setId))!;
  const { id: _id, revision: _revision, ...set } = contents.set;
  return {
    set,
    documents: contents.documents.map(({ setId: _s, ...d }) => d),
    texts: [...contents.texts].sort(),
    edits: contents.edits.map((e) => ({ at: e.at, edit: e.edit })),
    build: contents.build && { built: contents.build.built, dataset: contents.build.dataset, warnings: contents.build.warnings },
    effective: await repo.effective(setId),
  };
}

async function roundTrip(texts: boolean, from: SetsRepository, setId: string): Promise<{ to: SetsRepository; id: string; file: string }> {
  const file = serializeSetFile(exportSet((await from.contents(setId))!, { texts }));
  const to = freshRepository();
  const imported = await importSetFile(to, file);
  return { to, id: imported.contents.set.id, file };
}

describe('set files', () => {
  test('export → import in a fresh profile gives the same set, with or without the texts', async () => {
    const repo = freshRepository();
    const set = await sampleSet(repo);
    const original = await comparable(repo, set.id);
    const withTexts = await roundTrip(true, repo, set.id);
    expect(await comparable(withTexts.to, withTexts.id)).toEqual(original);
    const factsOnly = await roundTrip(false, repo, set.id);
    expect(await comparable(factsOnly.to, factsOnly.id)).toEqual({ ...original, texts: [] });
    expect(factsOnly.file).not.toContain(TEXTS.d0001);
    expect(withTexts.file).toContain(JSON.stringify(TEXTS.d0001));
  });

  test('property: any set exported and imported into a fresh profile is the same set', async () => {
    await fc.assert(fc.asyncProperty(setArbitrary(), fc.boolean(), async (generated, texts) => {
      const repo = freshRepository();
      const set = await repo.createSet({ name: generated.name, description: generated.description });
      await repo.addDocuments(set.id, generated.texts.map((text, i) => ({ title: `Doc ${i}`, text, origin: 'paste' as const, ...(i % 2 ? { date: '2024-02-29' } : {}), ...(i % 3 === 0 ? { url: `https://example.org/${i}` } : {}) })));
      await repo.saveBuild({ setId: set.id, built: '2026-01-01T00:00:00.000Z', dataset: generated.dataset, warnings: [] });
      for (const edit of generated.edits) await repo.addEdit(set.id, edit);
      const original = await comparable(repo, set.id);
      const { to, id } = await roundTrip(texts, repo, set.id);
      const copy = await comparable(to, id);
      expect(copy).toEqual(texts ? original : { ...original, texts: [] });
      // And again: a file made from the copy imports to the same set once more.
      const again = await roundTrip(texts, to, id);
      expect(await comparable(again.to, again.id)).toEqual(copy);
    }), { numRuns: 40 });
  });

  test('a bare dataset from `npm run dataset` imports as a set of facts, named after its subject or file', async () => {
    const repo = freshRepository();
    const dataset = { ...sampleDataset(), subject: 'water rates in Riverside' };
    const imported = await importSetFile(repo, JSON.stringify(dataset), { fileName: 'riverside.json' });
    expect(imported.kind).toBe('dataset');
    expect(imported.contents.set.name).toBe('water rates in Riverside');
    expect(await repo.effective(imported.contents.set.id)).toEqual(dataset);
    expect((await repo.listDocuments(imported.contents.set.id)).map((d) => d.origin)).toEqual(['import', 'import']);
    const unnamed = await importSetFile(repo, JSON.stringify(sampleDataset()), { fileName: 'my_dataset.json' });
    expect(unnamed.contents.set.name).toBe('my dataset');
  });

  const read = (text: string) => readSetFile(text, { setId: 'set-aaaaaaaaaa', newId: () => 'id', now: new Date('2026-01-01T00:00:00Z') });
  const message = async (text: string) => {
    const error = await read(text).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SetImportError);
    return (error as Error).message;
  };
  async function validFile(): Promise<SetFile> {
    const repo = freshRepository();
    const set = await sampleSet(repo);
    return exportSet((await repo.contents(set.id))!, { texts: true });
  }

  test('bad and hostile files get a message saying what is wrong, and nothing is written', async () => {
    expect(await message('')).toMatch(/The file is empty/);
    expect(await message('a,b\n1,2')).toMatch(/not a reference set file/);
    expect(await message('{"format": "backstory-reference-set", ')).toMatch(/not valid JSON/);
    expect(await message('\u0000\u0001PK')).toMatch(/not a text file/);
    expect(await message('{"notes": []}')).toMatch(/not a reference set/);
    expect(await message(JSON.stringify({ format: 'backstory-reference-set', version: 7 }))).toMatch(/version 7; this Backstory reads version 1/);
    expect(await message('{"format":"backstory-reference-set","__proto__":{"admin":true}}')).toMatch(/not made by Backstory/);

    const file = await validFile();
    const tampered = structuredClone(file);
    tampered.documents[0]!.text = tampered.documents[0]!.text!.replace('Ortiz', 'Ortíz');
    expect(await message(JSON.stringify(tampered))).toMatch(/not the one its hash names: the file was changed after it was exported/);

    const outside = structuredClone(file);
    outside.build!.dataset.entities[0]!.mentions[0]!.end = 10_000;
    expect(await message(JSON.stringify(outside))).toMatch(/build\.dataset\.entities\[0\]\.mentions\[0\]\.end: the range ends at 10000, after the end of its document/);

    const dangling = structuredClone(file);
    dangling.build!.dataset.figures[0]!.placeId = 'place:atlantis';
    expect(await message(JSON.stringify(dangling))).toMatch(/figures\[0\]\.placeId: no entity has the id "place:atlantis"/);

    const huge = structuredClone(file);
    huge.set.name = 'x'.repeat(10_000);
    expect(await message(JSON.stringify(huge))).toMatch(/set\.name: a set's name is at most 200 characters/);

    const badEdit = structuredClone(file) as unknown as { edits: Array<{ edit: { kind: string } }> };
    badEdit.edits[0]!.edit.kind = 'format-disk';
    expect(await message(JSON.stringify(badEdit))).toMatch(/edits\[0\]\.edit/);

    const repo = freshRepository();
    await expect(importSetFile(repo, JSON.stringify(outside))).rejects.toThrow(/nothing was imported/i);
    expect(await repo.listSets()).toEqual([]);
  });

  test('a file too large is refused before it is read', async () => {
    const error = await readSetFile('{}', { setId: 'set-aaaaaaaaaa', newId: () => 'id', now: new Date(), bytes: 200 * 1024 * 1024 + 1 }).catch((e: unknown) => e);
    expect((error as Error).message).toBe('This file is 209,715,201 bytes, and the limit for a set file is 200 MB. Nothing was imported.');
  });

  test('file names are safe on every system', () => {
    expect(setFileName('Water: rates / 2024?')).toBe('Water rates 2024.backstory-set.json');
    expect(setFileName('   ')).toBe('reference set.backstory-set.json');
  });
});

/** A random set: texts, a dataset with provenance inside them, and edits on its items. */
function setArbitrary() {
  const word = fc.constantFrom('Riverside', 'Ana', 'Ortiz', 'council', 'water', 'rates', 'Millbrook', 'said', '1,200', 'é', '🌊', '\n');
  // Some text besides line breaks: the repository refuses a document of white space alone.
  const text = fc.array(word, { minLength: 3, maxLength: 30 }).map((w) => w.join(' ')).filter((t) => t.trim().length > 0);
  return fc.record({
    name: fc.string({ minLength: 1, maxLength: 40 }).filter((s) => s.trim().length > 0),
    description: fc.string({ maxLength: 60 }),
    texts: fc.array(text, { minLength: 1, maxLength: 4 }),
  }).chain(({ name, description, texts }) => {
    const docIds = texts.map((_, i) => `d${String(i + 1).padStart(4, '0')}`);
    const mention = fc.nat({ max: texts.length - 1 }).chain((d) =>
      fc.tuple(fc.nat({ max: texts[d]!.length - 1 }), fc.nat({ max: 20 })).map(([start, len]) => ({
        doc: docIds[d]!, start, end: Math.min(texts[d]!.length, start + len + 1),
      })));
    const entity = fc.record({
      name: fc.constantFrom('Ana Ortiz', 'Millbrook', 'Riverside Water Authority', 'City Hall', 'Bob Li'),
      type: fc.constantFrom('person', 'place', 'organization') as fc.Arbitrary<Entity['type']>,
      mentions: fc.array(mention, { minLength: 1, maxLength: 3 }),
    });
    return fc.record({
      entities: fc.uniqueArray(entity, { minLength: 1, maxLength: 5, selector: (e) => e.name }),
      figures: fc.array(fc.record({ value: fc.integer({ min: 0, max: 1e6 }), mention }), { maxLength: 3 }),
      editPlan: fc.array(fc.tuple(fc.nat(), fc.nat(), fc.constantFrom('rename', 'merge', 'remove', 'add-alias', 'remove-alias', 'set-type', 'fix-figure', 'drop-figure')), { maxLength: 6 }),
    }).map(({ entities, figures, editPlan }) => {
      const es: Entity[] = entities.map((e) => ({ id: `${e.type}:${e.name.toLowerCase().replace(/\s+/g, '-')}`, name: e.name, type: e.type, aliases: [e.name], mentions: e.mentions, figureIds: [] }));
      const fs: Figure[] = figures.map((f, i) => ({
        id: `figure:things-${f.value}-${i}`, value: f.value, qualifier: 'exact', unit: 'things', counts: 'things', label: `${f.value} things`,
        entityIds: [es[i % es.length]!.id], mentions: [f.mention],
      }));
      for (const f of fs) es.find((e) => e.id === f.entityIds[0])!.figureIds.push(f.id);
      const dataset: Dataset = {
        version: 1,
        documents: texts.map((t, i) => ({ id: docIds[i]!, title: `Doc ${i}`, ...(i % 2 ? { date: '2024-02-29' } : {}), sha256: sha256Hex(t), length: t.length })),
        entities: es.sort((a, b) => (a.id < b.id ? -1 : 1)),
        figures: fs,
      };
      const edits: CurationEdit[] = editPlan.flatMap(([a, b, kind]): CurationEdit[] => {
        const e = entityTarget(es[a % es.length]!);
        const other = entityTarget(es[b % es.length]!);
        const f = fs.length ? figureTarget(fs[a % fs.length]!) : undefined;
        switch (kind) {
          case 'rename': return [{ kind, entity: e, name: `${e.name} ${b}` }];
          case 'merge': return [{ kind, entity: e, into: other }];
          case 'remove': return [{ kind, entity: e }];
          case 'add-alias': return [{ kind, entity: e, alias: `Alias ${b}` }];
          case 'remove-alias': return [{ kind, entity: e, alias: e.name }];
          case 'set-type': return [{ kind, entity: e, type: 'place' }];
          case 'fix-figure': return f ? [{ kind, figure: f, value: b, qualifier: 'about', unit: 'things' }] : [];
          case 'drop-figure': return f ? [{ kind, figure: f }] : [];
        }
      });
      return { name, description, texts, dataset, edits };
    });
  });
}
