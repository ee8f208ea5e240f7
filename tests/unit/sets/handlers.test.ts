import { beforeEach, describe, expect, test } from 'vitest';
import { IDBFactory } from 'fake-indexeddb';
import { openSetsRepository, type SetsRepository, type SetsChange } from '@/lib/sets/repository';
import { createSetsHandlers, documentHash, namesToCompile, passageFromHash, MAX_TABLE_ALIASES, type SetsHandlerDeps } from '@/lib/sets/handlers';
import { routeMessage } from '@/lib/messages';
import { entityTarget } from '@/lib/sets/curation';
import type { DocumentPassage } from '@/lib/sets/messages';
import { sampleDataset } from './fixtures';
import { dataset as bundledDataset } from '@/lib/reference';
import { compileTables } from '@/lib/match/tables';
import { combineSets } from '@/lib/sets/combine';
import { BUNDLED_SET_NAME } from '@/lib/sets/bundled';
import { BUNDLED_SET_ID } from '@/lib/sets/types';
import type { PageSets } from '@/lib/sets/messages';
import type { Dataset } from '@/lib/reference/types';

const PAGE = { url: 'chrome-extension://id/options.html' };
const TAB = { tab: { id: 7 }, url: 'https://news.example/a' };
const STRANGER = { url: 'https://evil.example/' };

let repo: SetsRepository;
let asked: string[];
let changes: SetsChange[];
let opened: DocumentPassage[];
let handlers: ReturnType<typeof createSetsHandlers>;

beforeEach(() => {
  repo = openSetsRepository(new IDBFactory());
  asked = [];
  changes = [];
  opened = [];
  handlers = createSetsHandlers(deps());
});

const deps = (): SetsHandlerDeps => ({
  repository: repo,
  isExtensionPage: (s) => (s as { url?: string }).url?.startsWith('chrome-extension://id/') ?? false,
  isContentScript: (s) => typeof (s as { tab?: { id?: number } }).tab?.id === 'number',
  host: { request: (id) => void asked.push(`build ${id}`), cancel: (id) => void asked.push(`cancel ${id}`), status: () => ({ running: null, queued: [] }) },
  changed: (c) => void changes.push(c),
  openDocument: async (p) => void opened.push(p),
  bundled: () => bundledDataset,
});

/** The handlers again, with these deps changed (the compile counted or broken, another bound). */
const handlersWith = (more: Partial<SetsHandlerDeps>) => {
  handlers = createSetsHandlers({ ...deps(), ...more });
};

const send = (type: string, payload: unknown, sender: unknown) => routeMessage(handlers, { backstory: 1, type, payload }, sender);

describe('the background’s sets handlers', () => {
  test('builds, cancels and changes come from Backstory’s own pages only, checked', async () => {
    const set = await repo.createSet({ name: 'Water' });
    expect(await send('sets/build', { setId: set.id }, PAGE)).toEqual({ ok: true, value: null });
    expect(await send('sets/build', { setId: set.id }, TAB)).toEqual({ ok: false, error: 'Only Backstory\'s own pages may do this.' });
    expect(await send('sets/cancel', { setId: set.id }, STRANGER)).toMatchObject({ ok: false });
    expect(await send('sets/build', { setId: '../../etc' }, PAGE)).toMatchObject({ ok: false, error: expect.stringMatching(/setId: not a set id/) });
    expect(await send('sets/changed', { kind: 'built', setId: set.id }, PAGE)).toEqual({ ok: true, value: null });
    expect(asked).toEqual([`build ${set.id}`]);
    expect(changes).toEqual([{ kind: 'built', setId: set.id }]);
  });

  test('a content script gets the enabled sets’ facts, edits applied, and nothing for unknown or unbuilt sets', async () => {
    const built = await repo.createSet({ name: 'Water' });
    const empty = await repo.createSet({ name: 'Empty' });
    await repo.saveBuild({ setId: built.id, built: '2026-01-01T00:00:00.000Z', dataset: sampleDataset(), warnings: [] });
    await repo.addEdit(built.id, { kind: 'rename', entity: entityTarget(sampleDataset().entities[1]!), name: 'A. Ortiz' });
    const reply = (await send('sets/for-page', { ids: [built.id, empty.id, 'set-0000000000'] }, TAB)) as { ok: true; value: PageSets };
    expect(reply.value.sets.map((s) => [s.id, s.name])).toEqual([[built.id, 'Water']]);
    expect(reply.value.sets[0]!.dataset.entities.map((e) => e.name)).toContain('A. Ortiz');
    expect(await send('sets/for-page', { ids: [built.id] }, STRANGER)).toMatchObject({ ok: false });
    // A later edit bumps the revision: the next answer has it (the background caches by revision).
    await repo.addEdit(built.id, { kind: 'rename', entity: entityTarget(sampleDataset().entities[1]!), name: 'Ana O.' });
    const again = (await send('sets/for-page', { ids: [built.id] }, TAB)) as typeof reply;
    expect(again.value.sets[0]!.dataset.entities.map((e) => e.name)).toContain('Ana O.');
  });

  test('the answer carries the tables its combination compiles to, with the bundled set first when asked; a new build or an edit compiles them again', async () => {
    const set = await repo.createSet({ name: 'Water' });
    await repo.saveBuild({ setId: set.id, built: '2026-01-01T00:00:00.000Z', dataset: sampleDataset(), warnings: [] });
    const ask = async (bundled?: boolean) => ((await send('sets/for-page', { ids: [set.id], ...(bundled === undefined ? {} : { bundled }) }, TAB)) as { ok: true; value: PageSets }).value;
    const withBundled = (answer: PageSets) => compileTables(combineSets([{ id: BUNDLED_SET_ID, name: BUNDLED_SET_NAME, dataset: bundledDataset }, ...answer.sets]));
    const first = await ask(true);
    expect(first.tables).toEqual(withBundled(first));
    // Asked again unchanged (another page): the same tables, not compiled again.
    expect((await ask(true)).tables).toBe(first.tables);
    const alone = await ask();
    expect(alone.tables).toEqual(compileTables(combineSets(alone.sets)));
    expect(alone.tables!.fingerprint).not.toBe(first.tables!.fingerprint);

    await repo.addEdit(set.id, { kind: 'rename', entity: entityTarget(sampleDataset().entities[1]!), name: 'Ana O.' });
    const edited = await ask(true);
    expect(edited.sets[0]!.dataset.entities.map((e) => e.name)).toContain('Ana O.');
    expect(edited.tables).toEqual(withBundled(edited));
    expect(edited.tables).not.toEqual(first.tables);

    const rebuilt = sampleDataset();
    rebuilt.entities[0]!.aliases.push('Water Board');
    await repo.saveBuild({ setId: set.id, built: '2026-01-02T00:00:00.000Z', dataset: rebuilt, warnings: [] });
    const again = await ask(true);
    expect(again.tables).toEqual(withBundled(again));
    expect(again.tables).not.toEqual(edited.tables);
  });

  test('asks that come together for one combination share one compile and one tables object; a new revision compiles again', async () => {
    const compiled: Dataset[] = [];
    handlersWith({ compile: (dataset) => (compiled.push(dataset), compileTables(dataset)) });
    const set = await repo.createSet({ name: 'Water' });
    await repo.saveBuild({ setId: set.id, built: '2026-01-01T00:00:00.000Z', dataset: sampleDataset(), warnings: [] });
    // Every tab refreshing at once after a build: none of them finds the set's facts cached yet.
    const ask = () => send('sets/for-page', { ids: [set.id], bundled: true }, TAB) as Promise<{ ok: true; value: PageSets }>;
    const answers = await Promise.all([ask(), ask(), ask(), ask()]);
    expect(compiled).toHaveLength(1);
    expect(answers[0]!.value.tables).toBeDefined();
    for (const a of answers) expect(a.value.tables).toBe(answers[0]!.value.tables);
    expect((await ask()).value.tables).toBe(answers[0]!.value.tables);

    await repo.addEdit(set.id, { kind: 'rename', entity: entityTarget(sampleDataset().entities[1]!), name: 'Ana O.' });
    const edited = await Promise.all([ask(), ask()]);
    expect(compiled).toHaveLength(2);
    expect(edited[1]!.value.tables).toBe(edited[0]!.value.tables);
    expect(edited[0]!.value.tables).not.toEqual(answers[0]!.value.tables);
    expect(compiled[1]!.entities.map((e) => e.name)).toContain('Ana O.');
  });

  test('a set whose compile throws still goes to the page, without tables (the page builds them), and is not compiled again per ask', async () => {
    let compiles = 0;
    handlersWith({
      compile: (dataset) => {
        compiles++;
        if (dataset.parts?.some((p) => p.name === 'Hostile')) throw new Error('hostile');
        return compileTables(dataset);
      },
    });
    const hostile = await repo.createSet({ name: 'Hostile' });
    const water = await repo.createSet({ name: 'Water' });
    for (const set of [hostile, water]) await repo.saveBuild({ setId: set.id, built: '2026-01-01T00:00:00.000Z', dataset: sampleDataset(), warnings: [] });
    const reply = await send('sets/for-page', { ids: [hostile.id, water.id], bundled: true }, TAB);
    expect(reply).toMatchObject({ ok: true });
    const value = (reply as { ok: true; value: PageSets }).value;
    expect(value.sets.map((s) => s.name)).toEqual(['Hostile', 'Water']);
    expect(value.sets[0]!.dataset.entities.length).toBe(sampleDataset().entities.length);
    expect(value).not.toHaveProperty('tables');
    expect(await send('sets/for-page', { ids: [hostile.id, water.id], bundled: true }, TAB)).toEqual(reply);
    expect(compiles).toBe(1);
    // Without the hostile set, the combination compiles as before.
    const alone = (await send('sets/for-page', { ids: [water.id], bundled: true }, TAB)) as { ok: true; value: PageSets };
    expect(alone.value.tables).toEqual(compileTables(combineSets([{ id: BUNDLED_SET_ID, name: BUNDLED_SET_NAME, dataset: bundledDataset }, ...alone.value.sets])));
  });

  test('a combination past the alias bound goes without tables (too large to send with them), one at the bound with them', async () => {
    const set = await repo.createSet({ name: 'Water' });
    await repo.saveBuild({ setId: set.id, built: '2026-01-01T00:00:00.000Z', dataset: sampleDataset(), warnings: [] });
    const both = namesToCompile(bundledDataset) + namesToCompile(sampleDataset());
    const ask = async () => ((await send('sets/for-page', { ids: [set.id], bundled: true }, TAB)) as { ok: true; value: PageSets }).value;
    handlersWith({ maxTableAliases: both });
    expect((await ask()).tables).toBeDefined();
    handlersWith({ maxTableAliases: both - 1 });
    const over = await ask();
    expect(over.sets.map((s) => s.name)).toEqual(['Water']);
    expect(over).not.toHaveProperty('tables');
    // The set alone is under the same bound.
    expect((await send('sets/for-page', { ids: [set.id] }, TAB)) as { ok: true; value: PageSets }).toMatchObject({ value: { tables: { format: expect.anything() } } });
    // The real bound: the bundled set and the bench's 10,000-entity reference (50,000 aliases) are well under it.
    expect(MAX_TABLE_ALIASES).toBeGreaterThanOrEqual(namesToCompile(bundledDataset) + 60_000);
  });

  test('the bound counts every name the tables hold, not only aliases: a set of few aliases and many other forms goes without tables', async () => {
    const base = sampleDataset();
    // Each entity's forms in the lists a set file may carry beside its aliases (up to 500 each).
    const forms = (id: string, kind: string) => Array.from({ length: 40 }, (_, i) => `${kind} ${id} ${i}`);
    const heavy: Dataset = {
      ...base,
      entities: base.entities.map((e) => ({ ...e, shortNames: forms(e.id, 'Short'), contextualAliases: forms(e.id, 'Context'), demonyms: forms(e.id, 'Demonym') })),
      otherNames: forms('x', 'Other'),
    };
    const set = await repo.createSet({ name: 'Heavy' });
    await repo.saveBuild({ setId: set.id, built: '2026-01-01T00:00:00.000Z', dataset: heavy, warnings: [] });
    const aliasesOnly = heavy.entities.reduce((n, e) => n + 1 + e.aliases.length, 0);
    expect(namesToCompile(heavy)).toBe(aliasesOnly + heavy.entities.length * 120 + 40);
    // A bound between what the aliases alone come to and what the tables hold: too large to send with tables.
    handlersWith({ maxTableAliases: aliasesOnly + 100 });
    const over = ((await send('sets/for-page', { ids: [set.id] }, TAB)) as { ok: true; value: PageSets }).value;
    expect(over.sets.map((s) => s.name)).toEqual(['Heavy']);
    expect(over).not.toHaveProperty('tables');
    handlersWith({ maxTableAliases: namesToCompile(heavy) });
    expect(((await send('sets/for-page', { ids: [set.id] }, TAB)) as { ok: true; value: PageSets }).value.tables).toBeDefined();
  });

  test('no set of the reader\'s answered (deleted, not built): nothing is compiled, the page keeps the bundled set\'s own tables', async () => {
    let compiles = 0;
    handlersWith({ compile: (dataset) => (compiles++, compileTables(dataset)) });
    const unbuilt = await repo.createSet({ name: 'Not built yet' });
    const reply = (await send('sets/for-page', { ids: ['set-abcdefghij', unbuilt.id], bundled: true }, TAB)) as { ok: true; value: PageSets };
    expect(reply.value).toEqual({ sets: [] });
    expect(compiles).toBe(0);
  });

  test('a card may open a set’s document at a passage; the address says which, and reads back', async () => {
    const passage = { setId: 'set-abcdefghij', docId: 'd0002', start: 10, end: 24 };
    expect(await send('sets/open-document', passage, TAB)).toEqual({ ok: true, value: null });
    expect(opened).toEqual([passage]);
    expect(documentHash(passage)).toBe('#sets?set=set-abcdefghij&doc=d0002&start=10&end=24');
    expect(passageFromHash(documentHash(passage))).toEqual(passage);
    expect(passageFromHash('#sets?set=set-abcdefghij&doc=d0002')).toEqual({ setId: 'set-abcdefghij', docId: 'd0002' });
    expect(passageFromHash('#sets?set=x&doc=<script>')).toBeNull();
    expect(await send('sets/open-document', { ...passage, docId: '../x' }, TAB)).toMatchObject({ ok: false });
  });
});
