import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { IDBFactory } from 'fake-indexeddb';
import { BACKUP_PENDING_KEY, BACKUP_PREFIX, backupSettled, storageBackup, syncBackup, type BackupArea } from '@/lib/notes/backup';
import { BACKUP_CACHE, cacheBackupArea, type CacheLike, type CacheStorageLike, type LocksLike } from '@/lib/notes/backup-cache';
import { openRepository } from '@/lib/notes/repository';
import { notesBackupArea } from '@/lib/notes/extension-page';
import type { Annotation } from '@/lib/notes/types';

/** Cache Storage kept in memory, as the browser keeps it: bodies as text, keys as addresses. */
function memoryCaches(failPut?: (url: string) => boolean, fail: { open?: boolean; match?: boolean } = {}): {
  caches: CacheStorageLike & { delete(name: string): void };
  entries(name: string): Map<string, string>;
  written: string[];
} {
  const all = new Map<string, Map<string, string>>();
  const written: string[] = [];
  const entries = (name: string) => {
    let cache = all.get(name);
    if (!cache) all.set(name, (cache = new Map()));
    return cache;
  };
  const open = async (name: string): Promise<CacheLike> => {
    if (fail.open) throw new DOMException('The operation is insecure', 'SecurityError');
    const cache = entries(name);
    return {
      async match(url) {
        if (fail.match) throw new DOMException('Unexpected internal error', 'UnknownError');
        const body = cache.get(url); return body === undefined ? undefined : new Response(body);
      },
      async put(url, response) {
        const body = await response.text();
        if (failPut?.(url)) throw new DOMException('The disk is full', 'QuotaExceededError');
        cache.set(url, body);
        written.push(url.includes('/log/') ? body : '');
      },
      async delete(url) { return cache.delete(url); },
      async keys() { return [...cache.keys()].map((url) => ({ url })); },
    };
  };
  return { caches: { open, delete: (name) => void all.delete(name) }, entries, written };
}

/** storage.local kept in memory. */
function memoryArea(): { items: Map<string, unknown>; area: BackupArea } {
  const items = new Map<string, unknown>();
  const area: BackupArea = {
    async get(keys) {
      const wanted = keys === null ? [...items.keys()] : typeof keys === 'string' ? [keys] : keys;
      return Object.fromEntries(wanted.filter((k) => items.has(k)).map((k) => [k, items.get(k)]));
    },
    async set(values) { for (const [k, v] of Object.entries(values)) items.set(k, v); },
    async remove(keys) { for (const k of typeof keys === 'string' ? [keys] : keys) items.delete(k); },
  };
  return { items, area };
}

/** One lock for every area made with it, as navigator.locks is one for the extension's origin. */
function sharedLocks(): LocksLike {
  let tail: Promise<unknown> = Promise.resolve();
  return {
    request<T>(_name: string, callback: () => Promise<T>): Promise<T> {
      const next = tail.then(callback);
      tail = next.catch(() => undefined);
      return next;
    },
  };
}

const note = (id: string, text = `note ${id}`): Annotation => ({
  id, url: 'https://news.example/story', title: 'Story', created: '2026-01-01T00:00:00.000Z', modified: '2026-01-01T00:00:00.000Z', text, tags: [],
});

const day = 24 * 3600 * 1000;
const ids = async (r: { listAll(): Promise<Annotation[]> }) => (await r.listAll()).map((n) => n.id).sort();
const syncDeps = (area: BackupArea, repo: ReturnType<typeof openRepository>) => ({
  area, backup: storageBackup(area), listAll: () => repo.listAll(), listTrashedIds: () => repo.listTrashedIds(), resumeRecovery: () => repo.resumeRecovery(),
});

describe('the backup in Cache Storage', () => {
  test('reads back what storage.local would, whatever the order of sets and removes, across rewrites of its log', async () => {
    const key = fc.oneof(fc.constantFrom(...['a', 'b', 'c', 'd', 'e'].map((k) => BACKUP_PREFIX + k)), fc.constant(BACKUP_PENDING_KEY));
    const op = fc.oneof(
      fc.record({ kind: fc.constant('set' as const), items: fc.dictionary(key, fc.string()) }),
      fc.record({ kind: fc.constant('remove' as const), keys: fc.array(key, { maxLength: 3 }) }),
    );
    await fc.assert(fc.asyncProperty(fc.array(op, { maxLength: 40 }), fc.integer({ min: 1, max: 6 }), async (ops, maxChunks) => {
      const { caches } = memoryCaches();
      const area = cacheBackupArea(caches, { maxChunks, chunkSize: 2, locks: sharedLocks() });
      const model = memoryArea();
      for (const o of ops) {
        if (o.kind === 'set') { await area.set(o.items); await model.area.set(o.items); }
        else { await area.remove(o.keys); await model.area.remove(o.keys); }
      }
      expect(await area.get(null)).toEqual(await model.area.get(null));
      const some = [BACKUP_PREFIX + 'a', BACKUP_PREFIX + 'e', BACKUP_PENDING_KEY];
      expect(await area.get(some)).toEqual(await model.area.get(some));
      expect(await area.get(BACKUP_PENDING_KEY)).toEqual(await model.area.get(BACKUP_PENDING_KEY));
    }), { numRuns: 150 });
  });

  test('whatever writes fail (a full disk, in the writes or in the merges and rewrites behind them), the log reads back every write that succeeded', async () => {
    const key = fc.constantFrom(...['a', 'b', 'c', 'd', 'e'].map((k) => BACKUP_PREFIX + k));
    const op = fc.oneof(
      fc.record({ kind: fc.constant('set' as const), items: fc.dictionary(key, fc.string(), { minKeys: 1 }) }),
      fc.record({ kind: fc.constant('remove' as const), keys: fc.array(key, { minLength: 1, maxLength: 3 }) }),
    );
    await fc.assert(fc.asyncProperty(fc.array(op, { maxLength: 40 }), fc.array(fc.boolean(), { minLength: 1, maxLength: 64 }), fc.integer({ min: 1, max: 4 }), async (ops, fails, maxChunks) => {
      let put = 0;
      const { caches } = memoryCaches(() => fails[put++ % fails.length]!);
      const area = cacheBackupArea(caches, { maxChunks, chunkSize: 2, locks: sharedLocks() });
      const model = memoryArea();
      // Notes the later writes never touch, long enough that the log's merges, not only its rewrites, come into play.
      const big = { kind: 'set' as const, items: Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`${BACKUP_PREFIX}x${i}`, 'x'.repeat(300)])) };
      for (const o of [big, ...ops]) {
        if (o.kind === 'set') { if (await area.set(o.items).then(() => true, () => false)) await model.area.set(o.items); }
        else if (await area.remove(o.keys).then(() => true, () => false)) await model.area.remove(o.keys);
      }
      expect(await area.get(null)).toEqual(await model.area.get(null));
    }), { numRuns: 200 });
  });

  test('keeps its log short: past its limit the writes are merged, and the log is rewritten once they outweigh it', async () => {
    const { caches, entries } = memoryCaches();
    const area = cacheBackupArea(caches, { maxChunks: 4, chunkSize: 3, locks: sharedLocks() });
    for (let i = 0; i < 60; i++) await area.set({ [BACKUP_PREFIX + (i % 20)]: `v${i}` });
    await area.remove([BACKUP_PREFIX + '0', BACKUP_PREFIX + '1']);
    expect(Object.keys(await area.get(null))).toHaveLength(18);
    // At most 18 notes in chunks of 3, the merged chunks and the writes since the last merge.
    expect(entries(BACKUP_CACHE).size).toBeLessThanOrEqual(6 + 4 + 5);
  });

  test('a save\'s copy costs a merge of the recent writes, not a rewrite of the whole library', async () => {
    const { caches, written } = memoryCaches();
    const area = cacheBackupArea(caches, { maxChunks: 4, chunkSize: 1000, locks: sharedLocks() });
    const text = (i: number) => `${i} `.padEnd(1000, 'x');
    await area.set(Object.fromEntries(Array.from({ length: 200 }, (_, i) => [BACKUP_PREFIX + i, text(i)])));
    for (let i = 0; i < 5; i++) await area.set({ [BACKUP_PREFIX + i]: text(i + 1) });
    await area.get(null); // the first rewrite, of ~200 kB
    const before = written.reduce((n, body) => n + body.length, 0);
    for (let i = 0; i < 40; i++) await area.set({ [BACKUP_PREFIX + (i * 7) % 200]: text(i + 2) });
    await area.get(null);
    const copies = 40 * 1040;
    const merging = written.reduce((n, body) => n + body.length, 0) - before - copies;
    // A rewrite every fifth write would write 8 × ~200 kB; merges write each recent copy a few times.
    expect(merging).toBeLessThan(4 * copies);
    expect(Object.keys(await area.get(null))).toHaveLength(200);
  });

  test('a rewrite cut short (the disk filled) leaves a log that reads back the same notes, and a later one completes', async () => {
    let failing = false;
    let rewritten = 0;
    const { caches, entries } = memoryCaches((url) => failing && /-b\d+$/.test(url) && ++rewritten > 1);
    const area = cacheBackupArea(caches, { maxChunks: 3, chunkSize: 1, locks: sharedLocks() });
    await area.set({ [BACKUP_PREFIX + 'a']: 'a1', [BACKUP_PREFIX + 'b']: 'b1' });
    await area.remove(BACKUP_PREFIX + 'a');
    await area.set({ [BACKUP_PREFIX + 'c']: 'c1' });
    failing = true;
    // The fourth write passes the limit: the rewrite writes one chunk of three, then the disk is full.
    await area.set({ [BACKUP_PREFIX + 'd']: 'd1' });
    const expected = { [BACKUP_PREFIX + 'b']: 'b1', [BACKUP_PREFIX + 'c']: 'c1', [BACKUP_PREFIX + 'd']: 'd1' };
    expect(await area.get(null)).toEqual(expected);
    expect(entries(BACKUP_CACHE).size).toBe(5);
    failing = false;
    for (const id of ['e', 'f', 'g', 'h']) await area.set({ [BACKUP_PREFIX + id]: `${id}1` });
    const all = { ...expected, ...Object.fromEntries(['e', 'f', 'g', 'h'].map((id) => [BACKUP_PREFIX + id, `${id}1`])) };
    expect(await area.get(null)).toEqual(all);
    expect(entries(BACKUP_CACHE).size).toBe(7); // one note a chunk, nothing left of the first rewrite
  });

  test('a merge cut short leaves a log that reads back the same notes', async () => {
    let failing = false;
    const { caches } = memoryCaches((url) => failing && /-m\d+$/.test(url));
    const area = cacheBackupArea(caches, { maxChunks: 2, chunkSize: 10, locks: sharedLocks() });
    const model = memoryArea();
    const both = async (items: Record<string, string>) => { await area.set(items); await model.area.set(items); };
    for (let i = 0; i < 6; i++) await both({ [BACKUP_PREFIX + (i % 3)]: `v${i}`.repeat(20) });
    failing = true;
    for (let i = 0; i < 6; i++) await both({ [BACKUP_PREFIX + (i % 4)]: `w${i}` });
    await area.remove(BACKUP_PREFIX + '1');
    await model.area.remove(BACKUP_PREFIX + '1');
    expect(await area.get(null)).toEqual(await model.area.get(null));
  });

  test('a cache deleted meanwhile (site data cleared) is opened again by the next write, which is not lost', async () => {
    const { caches } = memoryCaches();
    const area = cacheBackupArea(caches, { locks: sharedLocks() });
    await area.set({ [BACKUP_PREFIX + 'a']: 'a1' });
    caches.delete(BACKUP_CACHE);
    await area.set({ [BACKUP_PREFIX + 'b']: 'b1' });
    expect(await cacheBackupArea(caches).get(null)).toEqual({ [BACKUP_PREFIX + 'b']: 'b1' });
  });

  test('without Web Locks two pages writing at once never overwrite each other\'s chunk, and the log is never merged', async () => {
    const { caches, entries } = memoryCaches();
    const popup = cacheBackupArea(caches, { maxChunks: 2 });
    const library = cacheBackupArea(caches, { maxChunks: 2 });
    await Promise.all(Array.from({ length: 12 }, (_, i) => (i % 2 ? popup : library).set({ [BACKUP_PREFIX + i]: `v${i}` })));
    expect(Object.keys(await popup.get(null)).sort()).toEqual(Array.from({ length: 12 }, (_, i) => BACKUP_PREFIX + i).sort());
    expect(entries(BACKUP_CACHE).size).toBe(12);
  });

  test('two of Backstory\'s pages writing at once under the origin\'s lock lose no write', async () => {
    const { caches } = memoryCaches();
    const locks = sharedLocks();
    const popup = cacheBackupArea(caches, { locks, maxChunks: 5 });
    const library = cacheBackupArea(caches, { locks, maxChunks: 5 });
    await Promise.all(Array.from({ length: 30 }, (_, i) => (i % 2 ? popup : library).set({ [BACKUP_PREFIX + i]: `v${i}` })));
    expect(Object.keys(await popup.get(null)).sort()).toEqual(Array.from({ length: 30 }, (_, i) => BACKUP_PREFIX + i).sort());
  });
});

describe('moving the backup out of storage.local', () => {
  test('every note and the mark move to Cache Storage, a newer entry already there wins, and storage.local keeps only the rest', async () => {
    const { caches } = memoryCaches();
    const legacy = memoryArea();
    legacy.items.set(BACKUP_PREFIX + 'a', JSON.stringify(note('a', 'old a')));
    legacy.items.set(BACKUP_PREFIX + 'b', JSON.stringify(note('b')));
    legacy.items.set(BACKUP_PENDING_KEY, 'token-1');
    legacy.items.set('settings', { off: ['example.com'] });
    // A newer copy of `a`, written here after an earlier move was cut short before storage.local was emptied.
    await cacheBackupArea(caches).set({ [BACKUP_PREFIX + 'a']: JSON.stringify(note('a', 'new a')) });
    const area = cacheBackupArea(caches, { legacy: legacy.area, locks: sharedLocks() });
    const backup = storageBackup(area);
    expect((await backup.readAll()).map((n) => [n.id, n.text]).sort()).toEqual([['a', 'new a'], ['b', 'note b']]);
    expect((await area.get(BACKUP_PENDING_KEY))[BACKUP_PENDING_KEY]).toBe('token-1');
    expect([...legacy.items.keys()]).toEqual(['settings']);
  });

  test('a move that fails (a full disk) removes nothing from storage.local, reads still find its notes, and it is tried again at the next use', async () => {
    let full = true;
    const { caches } = memoryCaches(() => full);
    const legacy = memoryArea();
    legacy.items.set(BACKUP_PREFIX + 'a', JSON.stringify(note('a')));
    const area = cacheBackupArea(caches, { legacy: legacy.area, locks: sharedLocks() });
    // The read does not wait for the move: storage.local's notes, untouched there.
    expect(Object.keys(await area.get(null))).toEqual([BACKUP_PREFIX + 'a']);
    await expect(area.set({ [BACKUP_PREFIX + 'b']: 'b1' })).rejects.toThrow('full');
    expect(legacy.items.has(BACKUP_PREFIX + 'a')).toBe(true);
    full = false;
    expect(Object.keys(await area.get(null))).toEqual([BACKUP_PREFIX + 'a']);
    expect(legacy.items.size).toBe(0);
  });

  test('an existing reader whose database the browser lost gets every note back from the backup storage.local held', async () => {
    const { caches } = memoryCaches();
    const legacy = memoryArea();
    for (const id of ['n1', 'n2', 'n3']) legacy.items.set(BACKUP_PREFIX + id, JSON.stringify(note(id)));
    const area = cacheBackupArea(caches, { legacy: legacy.area, locks: sharedLocks() });
    const backup = storageBackup(area);
    const repo = openRepository(new IDBFactory(), { backup });
    expect((await repo.listAll()).map((n) => n.id).sort()).toEqual(['n1', 'n2', 'n3']);
    expect(repo.recovered).toBe(3);
    // The background's sync at the next start keeps them, and storage.local no longer holds any note.
    await syncBackup({ area, backup, listAll: () => repo.listAll(), listTrashedIds: () => repo.listTrashedIds(), resumeRecovery: () => repo.resumeRecovery() });
    expect((await backup.readAll()).map((n) => n.id).sort()).toEqual(['n1', 'n2', 'n3']);
    expect(legacy.items.size).toBe(0);
    // A note saved and one deleted afterwards reach the backup, and only it.
    const saved = await repo.create({ url: 'https://news.example/b', title: 'B', text: 'saved after the move', tags: [] });
    await repo.remove('n1');
    await repo.backedUp();
    expect((await backup.readAll()).map((n) => n.id).sort()).toEqual(['n2', 'n3', saved.id].sort());
    expect(legacy.items.size).toBe(0);
  });
});

describe('no note lost when the backup fails', () => {
  const syncDeps = (area: BackupArea, repo: ReturnType<typeof openRepository>) => ({
    area, backup: storageBackup(area), listAll: () => repo.listAll(), listTrashedIds: () => repo.listTrashedIds(), resumeRecovery: () => repo.resumeRecovery(),
  });

  test('a database lost at the first start after the update, on a full disk, is refilled from storage.local\'s backup, which the sync keeps once the disk frees', async () => {
    let full = true;
    const { caches } = memoryCaches(() => full);
    const legacy = memoryArea();
    for (const id of ['n1', 'n2', 'n3']) legacy.items.set(BACKUP_PREFIX + id, JSON.stringify(note(id)));
    const area = cacheBackupArea(caches, { legacy: legacy.area, locks: sharedLocks() });
    const repo = openRepository(new IDBFactory(), { backup: storageBackup(area) });
    expect((await repo.listAll()).map((n) => n.id).sort()).toEqual(['n1', 'n2', 'n3']);
    expect(legacy.items.size).toBe(3);
    full = false;
    await syncBackup(syncDeps(area, repo));
    expect((await repo.listAll()).map((n) => n.id).sort()).toEqual(['n1', 'n2', 'n3']);
    expect((await storageBackup(area).readAll()).map((n) => n.id).sort()).toEqual(['n1', 'n2', 'n3']);
    expect(legacy.items.size).toBe(0);
  });

  test('a recovery that cannot read the backup is owed: tried again at most every half minute, never holding saves back, and the notes come back', async () => {
    const failing = { match: true };
    const { caches } = memoryCaches(undefined, failing);
    // The backup holds three notes (written while reads worked).
    failing.match = false;
    const area = cacheBackupArea(caches, { locks: sharedLocks() });
    await storageBackup(area).put(['n1', 'n2', 'n3'].map((id) => note(id)));
    failing.match = true;
    const inner = storageBackup(area);
    let reads = 0;
    let hang: Promise<void> | null = null;
    const backup = { ...inner, readAll: async () => { reads++; if (hang) await hang; return inner.readAll(); } };
    let t = Date.parse('2026-02-01T00:00:00Z');
    const repo = openRepository(new IDBFactory(), { backup, now: () => new Date(t) });
    expect(await repo.listAll()).toEqual([]);
    expect(repo.recovered).toBe(0);
    for (let i = 0; i < 20; i++) await repo.listAll();
    expect(reads).toBe(1);
    // Half a minute later the next use tries again in the background; a read that does not answer holds nothing back.
    t += 31_000;
    let release = () => undefined as void;
    hang = new Promise<void>((resolve) => { release = resolve; });
    const saved = await repo.create({ url: 'https://news.example/b', title: 'B', text: 'saved while the backup hangs', tags: [] });
    expect(reads).toBe(2);
    expect((await repo.listAll()).map((n) => n.id)).toEqual([saved.id]);
    // Once the backup answers and reads again, the notes come back.
    hang = null;
    failing.match = false;
    release();
    t += 31_000;
    await expect.poll(async () => (await repo.listAll()).map((n) => n.id).sort()).toEqual(['n1', 'n2', 'n3', saved.id].sort());
  });

  test('an owed recovery is tried again after the clock is set back, not only once it catches up', async () => {
    const failing = { match: false };
    const { caches } = memoryCaches(undefined, failing);
    const area = cacheBackupArea(caches, { locks: sharedLocks() });
    await storageBackup(area).put([note('n1')]);
    failing.match = true;
    let t = Date.parse('2026-02-01T00:00:00Z');
    const repo = openRepository(new IDBFactory(), { backup: storageBackup(area), now: () => new Date(t) });
    expect(await ids(repo)).toEqual([]);
    failing.match = false;
    t -= 3600_000; // a time sync sets the clock an hour back
    await expect.poll(() => ids(repo)).toEqual(['n1']);
  });

  test('"Delete all notes" while a recovery is owed keeps the notes not yet put back: they come back with the retry', async () => {
    const failing = { match: false };
    const { caches } = memoryCaches(undefined, failing);
    const area = cacheBackupArea(caches, { locks: sharedLocks() });
    await storageBackup(area).put(['n1', 'n2', 'n3'].map((id) => note(id)));
    failing.match = true;
    let t = Date.parse('2026-02-01T00:00:00Z');
    const repo = openRepository(new IDBFactory(), { backup: storageBackup(area), now: () => new Date(t) });
    expect(await ids(repo)).toEqual([]); // the backup could not be read: the recovery is owed
    failing.match = false;
    t += 5_000;
    // The reader sees one note in the library and deletes everything before the retry is due.
    const s = await repo.create({ url: 'https://news.example/s', title: 'S', text: 'new', tags: [] });
    expect(await repo.removeAll()).toEqual([s.id]);
    await repo.backedUp();
    expect((await storageBackup(area).readAll()).map((n) => n.id).sort()).toEqual(['n1', 'n2', 'n3']);
    t += 31_000;
    await expect.poll(() => ids(repo)).toEqual(['n1', 'n2', 'n3']);
    await syncBackup(syncDeps(area, repo));
    expect(await ids(repo)).toEqual(['n1', 'n2', 'n3']);
    expect((await repo.listDeleted()).map((d) => d.id)).toEqual([s.id]);
  });

  test('"Delete all notes" in a page that owes nothing, while the background owes the recovery, keeps the notes not yet put back', async () => {
    const failing = { match: false };
    const { caches } = memoryCaches(undefined, failing);
    const area = cacheBackupArea(caches, { locks: sharedLocks() });
    await storageBackup(area).put(['n1', 'n2', 'n3'].map((id) => note(id)));
    failing.match = true;
    const factory = new IDBFactory();
    const background = openRepository(factory, { backup: storageBackup(area) });
    expect(await ids(background)).toEqual([]);
    failing.match = false;
    const library = openRepository(factory, { backup: storageBackup(area) });
    const s = await library.create({ url: 'https://news.example/s', title: 'S', text: 'new', tags: [] });
    expect(await library.removeAll()).toEqual([s.id]);
    await library.backedUp();
    await syncBackup(syncDeps(area, background));
    expect(await ids(library)).toEqual(['n1', 'n2', 'n3']);
    expect((await library.listDeleted()).map((d) => d.id)).toEqual([s.id]);
  });

  test('the sync never drops an entry whose note the database does not hold: it puts it back (a recovery that failed in a page since closed)', async () => {
    const { caches } = memoryCaches();
    const area = cacheBackupArea(caches, { locks: sharedLocks() });
    await storageBackup(area).put(['n1', 'n2', 'n3'].map((id) => note(id)));
    // The database was lost; the page that created it again could not read the backup and left no mark; another
    // page then saved a note, whose copy reached the backup.
    const factory = new IDBFactory();
    const page = openRepository(factory, {});
    const other = await page.create({ url: 'https://news.example/b', title: 'B', text: 'saved meanwhile', tags: [] });
    await storageBackup(area).put([other]);
    const deleted = await page.create({ url: 'https://news.example/c', title: 'C', text: 'deleted, its copy failed', tags: [] });
    await storageBackup(area).put([deleted]);
    await page.remove(deleted.id);
    const repo = openRepository(factory, { backup: storageBackup(area) });
    await syncBackup(syncDeps(area, repo));
    expect((await repo.listAll()).map((n) => n.id).sort()).toEqual(['n1', 'n2', 'n3', other.id].sort());
    expect((await storageBackup(area).readAll()).map((n) => n.id).sort()).toEqual(['n1', 'n2', 'n3', other.id].sort());
  });

  test('where the browser has no Cache Storage, notes save, and an earlier version\'s backup in storage.local still reads', async () => {
    const legacy = memoryArea();
    legacy.items.set(BACKUP_PREFIX + 'n1', JSON.stringify(note('n1')));
    const area = notesBackupArea(legacy.area, { caches: undefined, locks: sharedLocks() });
    const repo = openRepository(new IDBFactory(), { backup: storageBackup(area) });
    const saved = await repo.create({ url: 'https://news.example/b', title: 'B', text: 'saved', tags: [] });
    await repo.backedUp();
    expect((await repo.listAll()).map((n) => n.id).sort()).toEqual(['n1', saved.id].sort());
    expect(legacy.items.has(BACKUP_PREFIX + saved.id)).toBe(false);
  });

  test('a save succeeds when Cache Storage cannot be opened (Firefox\'s private windows)', async () => {
    const { caches } = memoryCaches(undefined, { open: true });
    const area = notesBackupArea(memoryArea().area, { caches, locks: sharedLocks() });
    const repo = openRepository(new IDBFactory(), { backup: storageBackup(area) });
    const saved = await repo.create({ url: 'https://news.example/b', title: 'B', text: 'saved', tags: [] });
    await repo.backedUp();
    expect((await repo.listAll()).map((n) => n.id)).toEqual([saved.id]);
  });

  test('an entry moved once is never taken from storage.local again (its removal there failed, then the note was deleted here)', async () => {
    const { caches } = memoryCaches();
    const legacy = memoryArea();
    legacy.items.set(BACKUP_PREFIX + 'a', JSON.stringify(note('a')));
    const removing = legacy.area.remove;
    legacy.area.remove = () => Promise.reject(new Error('storage.local failed'));
    const locks = sharedLocks();
    const area = cacheBackupArea(caches, { legacy: legacy.area, locks });
    expect(Object.keys(await area.get(null))).toEqual([BACKUP_PREFIX + 'a']);
    await area.remove(BACKUP_PREFIX + 'a');
    await area.set({ [BACKUP_PREFIX + 'z']: 'z1' });
    for (let i = 0; i < 40; i++) await area.set({ [BACKUP_PREFIX + 'z']: `z${i}` }); // the log rewritten, its removal gone
    legacy.area.remove = removing;
    const later = cacheBackupArea(caches, { legacy: legacy.area, locks });
    expect(Object.keys(await later.get(null))).toEqual([BACKUP_PREFIX + 'z']);
    expect(legacy.items.size).toBe(0);
  });
});

describe('a note deleted for good never comes back', () => {
  /** A note deleted while the disk was full: its delete's copy failed, so its backup entry is still there. */
  const aDeleteWhoseCopyFailed = async () => {
    const disk = { full: false };
    const { caches } = memoryCaches(() => disk.full);
    let t = Date.parse('2026-02-01T00:00:00Z');
    const clock = { advance: (ms: number) => void (t += ms) };
    const area = cacheBackupArea(caches, { locks: sharedLocks() });
    const repo = openRepository(new IDBFactory(), { backup: storageBackup(area), now: () => new Date(t) });
    const x = await repo.create({ url: 'https://news.example/x', title: 'X', text: 'x', tags: [] });
    await repo.backedUp();
    disk.full = true;
    await repo.remove(x.id);
    await repo.backedUp();
    return { area, repo, x, disk, clock };
  };

  test('where the browser has no Cache Storage, a delete removes the note from storage.local\'s old backup, so the purge is final', async () => {
    const legacy = memoryArea();
    legacy.items.set(BACKUP_PREFIX + 'n1', JSON.stringify(note('n1')));
    legacy.items.set(BACKUP_PREFIX + 'n2', JSON.stringify(note('n2')));
    legacy.items.set(BACKUP_PENDING_KEY, 'an earlier version\'s mark');
    let t = Date.parse('2026-02-01T00:00:00Z');
    const area = notesBackupArea(legacy.area, { caches: undefined, locks: sharedLocks() });
    const repo = openRepository(new IDBFactory(), { backup: storageBackup(area), now: () => new Date(t) });
    expect(await ids(repo)).toEqual(['n1', 'n2']);
    await repo.remove('n1');
    await repo.backedUp();
    expect(legacy.items.has(BACKUP_PREFIX + 'n1')).toBe(false);
    await syncBackup(syncDeps(area, repo));
    t += 31 * day;
    expect(await repo.purgeDeleted()).toBe(1);
    await syncBackup(syncDeps(area, repo)).catch(() => undefined);
    expect(await ids(repo)).toEqual(['n2']);
  });

  test('a sync racing a delete never copies the deleted note back, and after the purge the next sync does not bring it back', async () => {
    const { caches } = memoryCaches();
    let t = Date.parse('2026-02-01T00:00:00Z');
    const factory = new IDBFactory();
    const area = cacheBackupArea(caches, { locks: sharedLocks() });
    const popup = openRepository(factory, { backup: storageBackup(area), now: () => new Date(t) });
    const background = openRepository(factory, { backup: storageBackup(area), now: () => new Date(t) });
    const x = await popup.create({ url: 'https://news.example/x', title: 'X', text: 'to be deleted for good', tags: [] });
    await popup.backedUp();
    // The delete commits, and its copy removes the entry, between the sync's two reads (whichever comes first).
    let first = true;
    const thenDelete = async <T>(read: Promise<T>): Promise<T> => {
      const result = await read;
      if (first) {
        first = false;
        await popup.remove(x.id);
        await popup.backedUp();
      }
      return result;
    };
    const inner = storageBackup(area);
    const racing = {
      ...syncDeps(area, background),
      listAll: () => thenDelete(background.listAll()),
      backup: { ...inner, readAll: () => thenDelete(inner.readAll()) },
    };
    await syncBackup(racing);
    expect((await storageBackup(area).readAll()).map((n) => n.id)).toEqual([]);
    t += 31 * day;
    await background.purgeDeleted();
    await syncBackup(syncDeps(area, background));
    expect(await ids(background)).toEqual([]);
  });

  test('a delete whose copy failed (a full disk) is not purged while its entry cannot be removed; the sync drops it, and the purge then ends it', async () => {
    const { area, repo, x, disk, clock } = await aDeleteWhoseCopyFailed();
    clock.advance(31 * day);
    await expect(repo.purgeDeleted()).rejects.toThrow(/backup/);
    expect(await repo.listTrashedIds()).toEqual([x.id]);
    disk.full = false;
    await syncBackup(syncDeps(area, repo));
    expect(await ids(repo)).toEqual([]);
    expect(await storageBackup(area).readAll()).toEqual([]);
    expect(await repo.purgeDeleted()).toBe(1);
    await syncBackup(syncDeps(area, repo));
    expect(await ids(repo)).toEqual([]);
  });

  test('a note past its grace period but not yet purged counts as in the trash: the sync drops its entry', async () => {
    const { area, repo, disk, clock } = await aDeleteWhoseCopyFailed();
    disk.full = false;
    clock.advance(31 * day);
    await syncBackup(syncDeps(area, repo));
    expect(await storageBackup(area).readAll()).toEqual([]);
    expect(await ids(repo)).toEqual([]);
  });

  test('a recovery resumed while the purge runs never puts the purged note back (the purge landing between its read and its merge)', async () => {
    let full = false;
    const { caches } = memoryCaches(() => full);
    let t = Date.parse('2026-02-01T00:00:00Z');
    const area = cacheBackupArea(caches, { locks: sharedLocks() });
    const inner = storageBackup(area);
    // The lock the purge and the recovery take (navigator.locks in the extension), telling when one is asked for.
    const lock = sharedLocks();
    let asked = () => undefined as void;
    const locks: LocksLike = { request: (name, run) => { asked(); return lock.request(name, run); } };
    let afterRead: (() => Promise<number>) | null = null;
    let purge: Promise<number> | null = null;
    const backup = { ...inner, readAll: async () => {
      const read = await inner.readAll();
      const go = afterRead;
      afterRead = null;
      // The purge starts here, and runs to its end between the read and the merge unless it has to wait for the lock.
      if (go) await Promise.race([(purge = go()), new Promise<void>((waiting) => { asked = waiting; })]);
      return read;
    } };
    const repo = openRepository(new IDBFactory(), { backup, now: () => new Date(t), locks });
    const x = await repo.create({ url: 'https://news.example/x', title: 'X', text: 'x', tags: [] });
    await repo.backedUp();
    full = true;
    await repo.remove(x.id); // its copy fails: the entry stays, and so does the mark
    await repo.backedUp();
    full = false;
    await inner.markPending!('recovery'); // a recovery cut short earlier
    t += 31 * day;
    // The background starts: the purge and the sync (which resumes the recovery) run at once.
    afterRead = () => repo.purgeDeleted();
    await syncBackup(syncDeps(area, repo));
    expect(await purge).toBe(1);
    await syncBackup(syncDeps(area, repo));
    expect(await ids(repo)).toEqual([]);
    expect(await repo.listTrashedIds()).toEqual([]);
    expect(await inner.readAll()).toEqual([]);
  });

  test('a note restored elsewhere while the purge runs keeps its backup entry', async () => {
    const { caches } = memoryCaches();
    let t = Date.parse('2026-02-01T00:00:00Z');
    const factory = new IDBFactory();
    const area = cacheBackupArea(caches, { locks: sharedLocks() });
    const inner = storageBackup(area);
    const library = openRepository(factory, { backup: inner, now: () => new Date(t) });
    const x = await library.create({ url: 'https://news.example/x', title: 'X', text: 'restored at the last moment', tags: [] });
    await library.remove(x.id);
    await library.backedUp();
    t += 31 * day;
    // The restore, and its copy, land after the purge read the expired ids and before its removal.
    const backup = { ...inner, remove: async (removed: readonly string[]) => {
      await library.restore(x.id);
      await library.backedUp();
      await inner.remove(removed);
    } };
    const background = openRepository(factory, { backup, now: () => new Date(t) });
    expect(await background.purgeDeleted()).toBe(0);
    await background.backedUp();
    expect(await ids(background)).toEqual([x.id]);
    expect((await inner.readAll()).map((n) => n.id)).toEqual([x.id]);
  });

  test('where Cache Storage is missing, a read of the mark and a read of everything agree (both answer from storage.local\'s old backup)', async () => {
    const legacy = memoryArea();
    legacy.items.set(BACKUP_PREFIX + 'n1', JSON.stringify(note('n1')));
    const area = notesBackupArea(legacy.area, { caches: undefined, locks: sharedLocks() });
    expect(Object.keys(await area.get(null))).toEqual([BACKUP_PREFIX + 'n1']);
    expect(await area.get(BACKUP_PENDING_KEY)).toEqual({});
    const empty = notesBackupArea(memoryArea().area, { caches: undefined, locks: sharedLocks() });
    await expect(empty.get(null)).rejects.toThrow();
    await expect(empty.get(BACKUP_PENDING_KEY)).rejects.toThrow();
  });
});

describe('the update\'s content scripts come after the move', () => {
  test('the background learns when the move out of storage.local has settled (its removal there done), or gives up waiting', async () => {
    const { caches } = memoryCaches();
    const legacy = memoryArea();
    legacy.items.set(BACKUP_PREFIX + 'a', JSON.stringify(note('a')));
    const events: string[] = [];
    let release!: () => void;
    const gate = new Promise<void>((resolve) => { release = resolve; });
    const reading = legacy.area.get;
    legacy.area.get = async (keys) => { await gate; return reading(keys); };
    const removing = legacy.area.remove;
    legacy.area.remove = async (keys) => { events.push('removed from storage.local'); await removing(keys); };
    const area = cacheBackupArea(caches, { legacy: legacy.area, locks: sharedLocks() });
    const settled = backupSettled(area, 60_000).then(() => events.push('settled'));
    await new Promise((r) => setTimeout(r, 10));
    expect(events).toEqual([]);
    release();
    await settled;
    expect(events).toEqual(['removed from storage.local', 'settled']);
    const never: BackupArea = { get: () => new Promise(() => undefined), set: async () => undefined, remove: async () => undefined };
    await backupSettled(never, 20);
  });
});
