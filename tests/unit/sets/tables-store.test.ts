import { beforeEach, describe, expect, test } from 'vitest';
import { IDBFactory } from 'fake-indexeddb';
import { openSetsRepository, type SetsRepository } from '@/lib/sets/repository';
import { createSetsHandlers, pruneStoredTables, type SetsHandlerDeps } from '@/lib/sets/handlers';
import { KEEP_COMBINATIONS, TABLES_CACHE, tablesStore, tablesVersion, type TablesCacheStorage, type TablesStoreOptions } from '@/lib/sets/tables-store';
import { combinationKey } from '@/lib/sets/page-reference';
import { routeMessage } from '@/lib/messages';
import { entityTarget } from '@/lib/sets/curation';
import { compileTables, type CompiledTables } from '@/lib/match/tables';
import { combineSets } from '@/lib/sets/combine';
import { BUNDLED_SET_NAME } from '@/lib/sets/bundled';
import { BUNDLED_SET_ID } from '@/lib/sets/types';
import { dataset as bundledDataset } from '@/lib/reference';
import bundledTables from '@/lib/reference/dataset.tables.json';
import type { PageSets } from '@/lib/sets/messages';
import type { CacheLike } from '@/lib/notes/backup-cache';
import { sampleDataset } from './fixtures';

interface Stored { body: string; headers: [string, string][] }

/** Cache Storage kept in memory, as the browser keeps it (bodies as text, headers kept), with faults to order. */
function memoryCaches() {
  const all = new Map<string, Map<string, Stored>>();
  const fault: { put?: boolean; match?: 'throw' | 'hang'; open?: boolean } = {};
  const cacheOf = (name: string) => {
    let cache = all.get(name);
    if (!cache) all.set(name, (cache = new Map()));
    return cache;
  };
  const caches: TablesCacheStorage = {
    async open(name): Promise<CacheLike> {
      if (fault.open) throw new DOMException('The operation is insecure', 'SecurityError');
      const cache = cacheOf(name);
      return {
        async match(url) {
          if (fault.match === 'throw') throw new DOMException('Unexpected internal error', 'UnknownError');
          if (fault.match === 'hang') return new Promise<never>(() => undefined);
          const hit = cache.get(url);
          return hit && new Response(hit.body, { headers: hit.headers });
        },
        async put(url, response) {
          const body = await response.text();
          // A full disk can leave part of what was being written: the store must not keep it.
          if (fault.put) {
            cache.set(url, { body: body.slice(0, 10), headers: [] });
            throw new DOMException('The disk is full', 'QuotaExceededError');
          }
          cache.set(url, { body, headers: [...response.headers] });
        },
        async delete(url) { return cache.delete(url); },
        async keys() { return [...cache.keys()].map((url) => ({ url })); },
      };
    },
    async delete(name) { return all.delete(name); },
  };
  /** The combination keys stored (any version), oldest written first. */
  const keys = () => [...(all.get(TABLES_CACHE)?.keys() ?? [])].map((u) => decodeURIComponent(u.slice(u.lastIndexOf('/') + 1)));
  const corrupt = (body: string) => { for (const entry of all.get(TABLES_CACHE)?.values() ?? []) entry.body = body; };
  return { caches, fault, keys, corrupt };
}

const TAB = { tab: { id: 7 }, url: 'https://news.example/a' };
const VERSION = 'v1';

let repo: SetsRepository;
let mem: ReturnType<typeof memoryCaches>;
let clock: number;

beforeEach(() => {
  repo = openSetsRepository(new IDBFactory());
  mem = memoryCaches();
  clock = 1000;
});

const storeWith = (more: Partial<TablesStoreOptions> = {}) => tablesStore(mem.caches, { version: VERSION, now: () => clock++, ...more });

/** A background as it runs after each start: fresh handlers (no memory cache) over the same Cache Storage. */
function background(more: Partial<SetsHandlerDeps> & { version?: string } = {}) {
  const compiled: string[] = [];
  const writes: Promise<void>[] = [];
  const store = storeWith(more.version ? { version: more.version } : {});
  const counted = { ...store, write: (key: string, tables: CompiledTables) => { const w = store.write(key, tables); writes.push(w); return w; } };
  const handlers = createSetsHandlers({
    repository: repo,
    isExtensionPage: () => false,
    isContentScript: () => true,
    host: { request: () => undefined, cancel: () => undefined, status: () => ({ running: null, queued: [] }) },
    changed: () => undefined,
    openDocument: async () => undefined,
    bundled: () => bundledDataset,
    compile: (dataset) => (compiled.push(dataset.parts!.filter((p) => p.id !== BUNDLED_SET_ID).map((p) => p.name).join('+')), compileTables(dataset)),
    store: counted,
    ...more,
  });
  const ask = async (ids: string[], bundled = true) =>
    ((await routeMessage(handlers, { backstory: 1, type: 'sets/for-page', payload: { ids, bundled } }, TAB)) as { ok: true; value: PageSets }).value;
  /** Every write started so far, done. */
  const written = () => Promise.all(writes);
  return { ask, compiled, written, store };
}

async function builtSet(name: string) {
  const set = await repo.createSet({ name });
  await repo.saveBuild({ setId: set.id, built: '2026-01-01T00:00:00.000Z', dataset: sampleDataset(), warnings: [] });
  return set;
}
const expected = (answer: PageSets) => compileTables(combineSets([{ id: BUNDLED_SET_ID, name: BUNDLED_SET_NAME, dataset: bundledDataset }, ...answer.sets]));

describe('the compiled tables kept across the worker’s restarts', () => {
  test('a worker started again answers with the tables an earlier one compiled, without compiling; asks that come together share one read', async () => {
    const set = await builtSet('Water');
    const first = background();
    const answer = await first.ask([set.id]);
    expect(first.compiled).toEqual(['Water']);
    expect(answer.tables).toEqual(expected(answer));
    await first.written();

    const restarted = background();
    const answers = await Promise.all([restarted.ask([set.id]), restarted.ask([set.id]), restarted.ask([set.id])]);
    expect(restarted.compiled).toEqual([]);
    expect(answers[0]!.tables).toEqual(expected(answers[0]!));
    for (const a of answers) expect(a.tables).toBe(answers[0]!.tables);
  });

  test('another version (the format, the extension, the bundled dataset) never reads them, and its start prunes them', async () => {
    const set = await builtSet('Water');
    const first = background();
    await first.ask([set.id]);
    await first.written();
    const updated = background({ version: 'v2' });
    await updated.ask([set.id]);
    expect(updated.compiled).toHaveLength(1);
    await updated.written();
    await pruneStoredTables(repo, updated.store);
    expect(mem.keys()).toEqual([combinationKey(true, [{ id: set.id, revision: (await repo.getSet(set.id))!.revision, name: 'Water' }])]);

    const parts = { extension: '1.0.0', bundled: bundledDataset, bundledTables };
    const base = await tablesVersion(parts);
    expect(await tablesVersion({ ...parts })).toBe(base);
    expect(await tablesVersion({ ...parts, extension: '1.0.1' })).not.toBe(base);
    expect(await tablesVersion({ ...parts, bundled: { ...bundledDataset, entities: bundledDataset.entities.slice(1) } })).not.toBe(base);
    expect(await tablesVersion({ ...parts, bundledTables: { ...bundledTables, patterns: bundledTables.patterns.slice(1) } })).not.toBe(base);
  });

  test('a read that hangs past its deadline, or fails, is a miss: the page gets freshly compiled tables', async () => {
    const set = await builtSet('Water');
    const first = background();
    await first.ask([set.id]);
    await first.written();

    mem.fault.match = 'hang';
    const slow = background({ store: storeWith({ readTimeoutMs: 50 }) });
    const started = Date.now();
    const answer = await slow.ask([set.id]);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(slow.compiled).toHaveLength(1);
    expect(answer.tables).toEqual(expected(answer));

    mem.fault.match = 'throw';
    const failing = background();
    expect((await failing.ask([set.id])).tables).toEqual(expected(answer));
    expect(failing.compiled).toHaveLength(1);
  });

  test('a corrupt entry, or tables of another dataset under the key, is compiled again and written over', async () => {
    const set = await builtSet('Water');
    const first = background();
    const answer = await first.ask([set.id]);
    await first.written();

    mem.corrupt('{"format":');
    const afterCorrupt = background();
    expect((await afterCorrupt.ask([set.id])).tables).toEqual(answer.tables);
    expect(afterCorrupt.compiled).toHaveLength(1);
    await afterCorrupt.written();
    expect(background().compiled).toEqual([]);
    const healed = background();
    await healed.ask([set.id]);
    expect(healed.compiled).toEqual([]);

    mem.corrupt(JSON.stringify({ ...answer.tables, fingerprint: 'another dataset' }));
    const stale = background();
    expect((await stale.ask([set.id])).tables).toEqual(answer.tables);
    expect(stale.compiled).toHaveLength(1);
  });

  test('a failed write deletes the whole cache (nothing half written is read) and the page still gets its tables', async () => {
    const water = await builtSet('Water');
    const rivers = await builtSet('Rivers');
    const first = background();
    await first.ask([water.id]);
    await first.written();
    expect(mem.keys()).toHaveLength(1);

    mem.fault.put = true;
    const full = background();
    const answer = await full.ask([rivers.id]);
    expect(answer.tables).toEqual(expected(answer));
    await full.written();
    expect(mem.keys()).toEqual([]);

    mem.fault.put = false;
    const next = background();
    await next.ask([rivers.id]);
    expect(next.compiled).toHaveLength(1);
  });

  test(`only the newest ${KEEP_COMBINATIONS} combinations are kept`, async () => {
    const sets = [];
    for (let i = 0; i <= KEEP_COMBINATIONS; i++) sets.push(await builtSet(`Set ${i}`));
    const bg = background();
    for (const set of sets) await bg.ask([set.id]);
    await bg.written();
    const keyOf = async (id: string) => { const s = (await repo.getSet(id))!; return combinationKey(true, [{ id, revision: s.revision, name: s.name }]); };
    expect(mem.keys().sort()).toEqual((await Promise.all(sets.slice(1).map((s) => keyOf(s.id)))).sort());
    // The oldest is compiled again when asked; the newest are read.
    const restarted = background();
    await restarted.ask([sets[KEEP_COMBINATIONS]!.id]);
    expect(restarted.compiled).toEqual([]);
    await restarted.ask([sets[0]!.id]);
    expect(restarted.compiled).toEqual(['Set 0']);
  });

  test('the prune at start and after a change drops the combinations of a deleted set and of revisions gone, and keeps the rest', async () => {
    const water = await builtSet('Water');
    const rivers = await builtSet('Rivers');
    const bg = background();
    await bg.ask([water.id]);
    await bg.ask([rivers.id]);
    await bg.ask([water.id, rivers.id]);
    await bg.ask([rivers.id], false);
    await bg.written();
    expect(mem.keys()).toHaveLength(4);

    await repo.removeSet(water.id);
    await repo.addEdit(rivers.id, { kind: 'rename', entity: entityTarget(sampleDataset().entities[1]!), name: 'Ana O.' });
    const current = background();
    await current.ask([rivers.id]);
    await current.written();
    expect(mem.keys()).toHaveLength(KEEP_COMBINATIONS); // five written, the oldest already gone

    // A worker started again: its start prunes what the deletion and the edit left behind.
    await pruneStoredTables(repo, background().store);
    const rivers2 = (await repo.getSet(rivers.id))!;
    expect(mem.keys()).toEqual([combinationKey(true, [{ id: rivers.id, revision: rivers2.revision, name: 'Rivers' }])]);
    const after = background();
    await after.ask([rivers.id]);
    expect(after.compiled).toEqual([]);
  });
});
