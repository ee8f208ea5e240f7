import { beforeEach, describe, expect, test } from 'vitest';
import { IDBFactory } from 'fake-indexeddb';
import { createSetsDbHandle } from '@/lib/sets/db';
import { SetsRepository, SetsError, digestText, type SetsChange } from '@/lib/sets/repository';
import { sha256Hex } from '@/lib/builder/sha256';
import { entityTarget } from '@/lib/sets/curation';
import { sampleDataset, TEXTS } from './fixtures';

let factory: IDBFactory;
let repo: SetsRepository;
let clock: number;
let changes: SetsChange[];

beforeEach(() => {
  factory = new IDBFactory();
  clock = Date.parse('2026-01-01T00:00:00Z');
  changes = [];
  let sets = 0;
  let ids = 0;
  repo = new SetsRepository(createSetsDbHandle(factory), {
    now: () => new Date((clock += 1000)),
    newSetId: () => `set-${String(++sets).padStart(10, '0')}`,
    newId: () => `edit-${++ids}`,
    onChange: (c) => changes.push(c),
  });
});

const doc = (title: string, text: string) => ({ title, text, origin: 'paste' as const });

describe('sets', () => {
  test('a set is created with a tidied name, listed, renamed; bad names get the reader’s message and write nothing', async () => {
    const set = await repo.createSet({ name: '  Water   rates ', description: ' Riverside, 2024 ' });
    expect(set).toMatchObject({ id: 'set-0000000001', name: 'Water rates', description: 'Riverside, 2024', nextDocument: 1, revision: 1 });
    await expect(repo.createSet({ name: '   ' })).rejects.toThrow('Could not create the set: the set needs a name.');
    await expect(repo.createSet({ name: 'x'.repeat(201) })).rejects.toThrow(/at most 200 characters/);
    expect((await repo.listSets()).map((s) => s.name)).toEqual(['Water rates']);
    const renamed = await repo.updateSet(set.id, { name: 'Water' });
    expect(renamed.revision).toBe(2);
    expect(changes.map((c) => c.kind)).toEqual(['created', 'updated']);
  });

  test('documents are added all or none, numbered, hashed like the builder, their texts kept apart', async () => {
    const set = await repo.createSet({ name: 'Water' });
    const added = await repo.addDocuments(set.id, [doc('One', TEXTS.d0001!), { ...doc('Two', TEXTS.d0002!), date: '2024-05-02', url: 'https://news.example/two', publisher: 'Example News' }]);
    expect(added.map((d) => d.id)).toEqual(['d0001', 'd0002']);
    expect(added[0]!.sha256).toBe(sha256Hex(TEXTS.d0001!));
    expect(added[1]).toMatchObject({ date: '2024-05-02', url: 'https://news.example/two', publisher: 'Example News', length: TEXTS.d0002!.length });
    expect(await repo.getText(set.id, 'd0002')).toBe(TEXTS.d0002);
    expect((await repo.listDocuments(set.id)).every((d) => !('text' in d))).toBe(true);
    // One bad document: none of the three is added.
    await expect(repo.addDocuments(set.id, [doc('Three', 'text'), doc('Empty', '   '), doc('Five', 'text')])).rejects.toThrow('Could not add “Empty”: text: the document has no text.');
    await expect(repo.addDocuments(set.id, [{ ...doc('Dated', 'text'), date: 'May 2024' }])).rejects.toThrow(/dates are YYYY-MM-DD/);
    expect((await repo.listDocuments(set.id)).length).toBe(2);
    // Numbers are never reused.
    await repo.removeDocument(set.id, 'd0002');
    expect((await repo.addDocuments(set.id, [doc('Again', 'text')]))[0]!.id).toBe('d0003');
  });

  test('digestText is the builder’s SHA-256, including text outside the Basic Multilingual Plane', async () => {
    for (const text of ['', 'Aleppo', 'Ḥomṣ — 🇸🇾 “quoted”', 'x'.repeat(70)]) expect(await digestText(text)).toBe(sha256Hex(text));
  });

  test('deleting a set moves all of it to the trash in one step; restore puts back every part', async () => {
    const set = await repo.createSet({ name: 'Water' });
    await repo.addDocuments(set.id, [doc('One', TEXTS.d0001!), doc('Two', TEXTS.d0002!)]);
    await repo.saveBuild({ setId: set.id, built: '2026-01-01T00:00:00.000Z', dataset: sampleDataset(), warnings: [] });
    const target = entityTarget(sampleDataset().entities[1]!);
    await repo.addEdit(set.id, { kind: 'rename', entity: target, name: 'A. Ortiz' });
    const before = await repo.details(set.id);

    await repo.removeSet(set.id);
    expect(await repo.listSets()).toEqual([]);
    expect(await repo.getText(set.id, 'd0001')).toBeUndefined();
    expect(await repo.listEdits(set.id)).toEqual([]);
    const trash = await repo.listDeleted();
    expect(trash.map((t) => [t.kind, t.id])).toEqual([['set', set.id]]);

    await repo.restore(set.id);
    const after = await repo.details(set.id);
    expect(after!.documents).toEqual(before!.documents);
    expect(after!.edits).toEqual(before!.edits);
    expect(after!.effective).toEqual(before!.effective);
    expect(after!.effective!.entities.find((e) => e.id === target.id)!.name).toBe('A. Ortiz');
    expect(await repo.getText(set.id, 'd0002')).toBe(TEXTS.d0002);
    expect(await repo.listDeleted()).toEqual([]);
    await expect(repo.restore(set.id)).rejects.toThrow(/no longer be restored/);
  });

  test('the trash keeps a set for the grace period, then purges it', async () => {
    const set = await repo.createSet({ name: 'Water' });
    await repo.removeSet(set.id);
    clock += 29 * 24 * 3600 * 1000;
    expect(await repo.purgeDeleted()).toBe(0);
    clock += 2 * 24 * 3600 * 1000;
    expect(await repo.listDeleted()).toEqual([]);
    expect(await repo.purgeDeleted()).toBe(1);
    await expect(repo.restore(set.id)).rejects.toThrow(/no longer be restored/);
  });

  test('a removed document comes back with its text; not once its set is gone', async () => {
    const set = await repo.createSet({ name: 'Water' });
    await repo.addDocuments(set.id, [doc('One', TEXTS.d0001!)]);
    await repo.removeDocument(set.id, 'd0001');
    expect(await repo.listDocuments(set.id)).toEqual([]);
    await repo.restore(`${set.id}/d0001`);
    expect(await repo.getText(set.id, 'd0001')).toBe(TEXTS.d0001);
    await repo.removeDocument(set.id, 'd0001');
    await repo.removeSet(set.id);
    await expect(repo.restore(`${set.id}/d0001`)).rejects.toThrow('Its set was deleted: restore the set first.');
  });

  test('edits are kept apart from the build and any one of them can be undone; the effective dataset follows', async () => {
    const set = await repo.createSet({ name: 'Water' });
    await repo.saveBuild({ setId: set.id, built: '2026-01-01T00:00:00.000Z', dataset: sampleDataset(), warnings: [] });
    const [authority, ortiz, millbrook] = sampleDataset().entities.map(entityTarget);
    const rename = await repo.addEdit(set.id, { kind: 'rename', entity: ortiz!, name: 'A. Ortiz' });
    const merge = await repo.addEdit(set.id, { kind: 'merge', entity: millbrook!, into: authority! });
    expect((await repo.effective(set.id))!.entities.map((e) => e.name)).toEqual(['Riverside Water Authority', 'A. Ortiz']);
    await repo.undoEdit(set.id, rename.id);
    expect((await repo.effective(set.id))!.entities.map((e) => e.name)).toEqual(['Riverside Water Authority', 'Ana Ortiz']);
    expect((await repo.listEdits(set.id)).map((e) => e.id)).toEqual([merge.id]);
    await expect(repo.undoEdit(set.id, rename.id)).rejects.toThrow(/already undone/);
    await expect(repo.addEdit(set.id, { kind: 'rename', entity: ortiz!, name: '' } as never)).rejects.toThrow(/the name is empty/);
    // The build is as it was built.
    expect((await repo.getBuild(set.id))!.dataset).toEqual(sampleDataset());
  });

  test('a build is kept as its dataset\'s JSON text; one kept as objects (before) still reads, everywhere a build is read', async () => {
    const set = await repo.createSet({ name: 'Water' });
    await repo.addDocuments(set.id, [doc('One', TEXTS.d0001!)]);
    const build = { setId: set.id, built: '2026-01-01T00:00:00.000Z', dataset: sampleDataset(), warnings: ['look at this'] };
    await repo.saveBuild(build);
    const raw = createSetsDbHandle(factory);
    const stored = await (await raw()).get('builds', set.id);
    expect(typeof stored!.dataset).toBe('string');
    expect(JSON.parse(stored!.dataset as string)).toEqual(sampleDataset());
    expect(await repo.getBuild(set.id)).toEqual(build);
    expect((await repo.details(set.id))!.build).toEqual(build);
    expect((await repo.contents(set.id))!.build).toEqual(build);

    // A record written before builds were kept as text.
    await (await raw()).put('builds', build);
    expect(await repo.getBuild(set.id)).toEqual(build);
    expect((await repo.details(set.id))!.effective).toEqual(sampleDataset());
    expect((await repo.summaries())[0]).toMatchObject({ entities: sampleDataset().entities.length, built: true });

    // Through the trash and back, and through an export and import, the build is the same and kept as text.
    await repo.removeSet(set.id);
    await repo.restore(set.id);
    expect(await repo.getBuild(set.id)).toEqual(build);
    expect(typeof (await (await raw()).get('builds', set.id))!.dataset).toBe('string');
    const contents = (await repo.contents(set.id))!;
    const copy = repo.freshSetId();
    await repo.putSet({ ...contents, set: { ...contents.set, id: copy }, documents: contents.documents.map((d) => ({ ...d, setId: copy })), edits: [], build: { ...build, setId: copy } });
    expect((await repo.getBuild(copy))!.dataset).toEqual(sampleDataset());
    expect(typeof (await (await raw()).get('builds', copy))!.dataset).toBe('string');
  });

  test('summaries say what each set holds, edits applied', async () => {
    const set = await repo.createSet({ name: 'Water' });
    await repo.addDocuments(set.id, [doc('One', TEXTS.d0001!), doc('Two', TEXTS.d0002!)]);
    expect(await repo.summaries()).toEqual([{ id: set.id, name: 'Water', description: '', documents: 2, entities: 0, figures: 0, revision: 1, built: false }]);
    await repo.saveBuild({ setId: set.id, built: '2026-01-01T00:00:00.000Z', dataset: sampleDataset(), warnings: [] });
    await repo.addEdit(set.id, { kind: 'remove', entity: entityTarget(sampleDataset().entities[0]!) });
    expect((await repo.summaries())[0]).toMatchObject({ documents: 2, entities: 2, figures: 1, revision: 3, built: true });
  });

  test('a storage fault stops writing with a plain message; reads go on', async () => {
    const set = await repo.createSet({ name: 'Water' });
    const failing = new SetsRepository(async () => {
      const db = await createSetsDbHandle(factory)();
      return new Proxy(db, {
        get(target, key) {
          if (key === 'transaction') return () => { throw new DOMException('Quota exceeded', 'QuotaExceededError'); };
          const value = Reflect.get(target, key);
          return typeof value === 'function' ? value.bind(target) : value;
        },
      });
    });
    const error = await failing.createSet({ name: 'More' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SetsError);
    expect((error as SetsError).reason).toBe('disk');
    expect((error as Error).message).toMatch(/could not write to the disk/);
    expect(failing.fault).not.toBeNull();
    await expect(failing.updateSet(set.id, { name: 'x' })).rejects.toThrow(/could not write to the disk/);
    expect((await failing.listSets()).map((s) => s.name)).toEqual(['Water']);
  });
});
