import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { IDBFactory } from 'fake-indexeddb';
import { BACKUP_PENDING_KEY, BACKUP_PREFIX, storageBackup, syncBackup, type BackupArea } from '@/lib/notes/backup';
import { BACKUP_CACHE, cacheBackupArea, type CacheLike, type CacheStorageLike, type LocksLike } from '@/lib/notes/backup-cache';
import { openRepository } from '@/lib/notes/repository';
import type { Annotation } from '@/lib/notes/types';

/** Cache Storage kept in memory, as the browser keeps it: bodies as text, keys as addresses. */
function memoryCaches(failPut?: (url: string) => boolean): { caches: CacheStorageLike; entries(name: string): Map<string, string> } {
  const all = new Map<string, Map<string, string>>();
  const entries = (name: string) => {
    let cache = all.get(name);
    if (!cache) all.set(name, (cache = new Map()));
    return cache;
  };
  const open = async (name: string): Promise<CacheLike> => {
    const cache = entries(name);
    return {
      async match(url) { const body = cache.get(url); return body === undefined ? undefined : new Response(body); },
      async put(url, response) {
        const body = await response.text();
        if (failPut?.(url)) throw new DOMException('The disk is full', 'QuotaExceededError');
        cache.set(url, body);
      },
      async delete(url) { return cache.delete(url); },
      async keys() { return [...cache.keys()].map((url) => ({ url })); },
    };
  };
  return { caches: { open }, entries };
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

describe('the backup in Cache Storage', () => {
  test('reads back what storage.local would, whatever the order of sets and removes, across rewrites of its log', async () => {
    const key = fc.oneof(fc.constantFrom(...['a', 'b', 'c', 'd', 'e'].map((k) => BACKUP_PREFIX + k)), fc.constant(BACKUP_PENDING_KEY));
    const op = fc.oneof(
      fc.record({ kind: fc.constant('set' as const), items: fc.dictionary(key, fc.string()) }),
      fc.record({ kind: fc.constant('remove' as const), keys: fc.array(key, { maxLength: 3 }) }),
    );
    await fc.assert(fc.asyncProperty(fc.array(op, { maxLength: 40 }), fc.integer({ min: 1, max: 6 }), async (ops, maxChunks) => {
      const { caches } = memoryCaches();
      const area = cacheBackupArea(caches, { maxChunks, chunkSize: 2 });
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

  test('keeps its log short: once past its limit, the log is rewritten as the notes it holds', async () => {
    const { caches, entries } = memoryCaches();
    const area = cacheBackupArea(caches, { maxChunks: 4, chunkSize: 3 });
    for (let i = 0; i < 20; i++) await area.set({ [BACKUP_PREFIX + i]: `v${i}` });
    await area.remove([BACKUP_PREFIX + '0', BACKUP_PREFIX + '1']);
    expect(Object.keys(await area.get(null))).toHaveLength(18);
    // 18 notes in chunks of 3, and at most the writes since the last rewrite.
    expect(entries(BACKUP_CACHE).size).toBeLessThanOrEqual(6 + 4);
  });

  test('a rewrite cut short (the disk filled) leaves a log that reads back the same notes, and the next one completes', async () => {
    let failing = false;
    const seq = (url: string) => Number(url.split('/log/')[1] ?? 0);
    const { caches, entries } = memoryCaches((url) => failing && seq(url) >= 6);
    const area = cacheBackupArea(caches, { maxChunks: 3, chunkSize: 1 });
    await area.set({ [BACKUP_PREFIX + 'a']: 'a1', [BACKUP_PREFIX + 'b']: 'b1' });
    await area.remove(BACKUP_PREFIX + 'a');
    await area.set({ [BACKUP_PREFIX + 'c']: 'c1' });
    failing = true;
    // The fourth chunk passes the limit: the rewrite writes one chunk of three, then the disk is full.
    await area.set({ [BACKUP_PREFIX + 'd']: 'd1' });
    const expected = { [BACKUP_PREFIX + 'b']: 'b1', [BACKUP_PREFIX + 'c']: 'c1', [BACKUP_PREFIX + 'd']: 'd1' };
    expect(await area.get(null)).toEqual(expected);
    expect([...entries(BACKUP_CACHE).keys()].map(seq).sort((x, y) => x - y)).toEqual([1, 2, 3, 4, 5]);
    failing = false;
    await area.set({ [BACKUP_PREFIX + 'e']: 'e1' });
    expect(await area.get(null)).toEqual({ ...expected, [BACKUP_PREFIX + 'e']: 'e1' });
    expect(entries(BACKUP_CACHE).size).toBe(4);
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
    const area = cacheBackupArea(caches, { legacy: legacy.area });
    const backup = storageBackup(area);
    expect((await backup.readAll()).map((n) => [n.id, n.text]).sort()).toEqual([['a', 'new a'], ['b', 'note b']]);
    expect((await area.get(BACKUP_PENDING_KEY))[BACKUP_PENDING_KEY]).toBe('token-1');
    expect([...legacy.items.keys()]).toEqual(['settings']);
  });

  test('a move that fails removes nothing from storage.local and is tried again at the next use', async () => {
    let full = true;
    const { caches } = memoryCaches(() => full);
    const legacy = memoryArea();
    legacy.items.set(BACKUP_PREFIX + 'a', JSON.stringify(note('a')));
    const area = cacheBackupArea(caches, { legacy: legacy.area });
    await expect(area.get(null)).rejects.toThrow('full');
    expect(legacy.items.has(BACKUP_PREFIX + 'a')).toBe(true);
    full = false;
    expect(Object.keys(await area.get(null))).toEqual([BACKUP_PREFIX + 'a']);
    expect(legacy.items.size).toBe(0);
  });

  test('an existing reader whose database the browser lost gets every note back from the backup storage.local held', async () => {
    const { caches } = memoryCaches();
    const legacy = memoryArea();
    for (const id of ['n1', 'n2', 'n3']) legacy.items.set(BACKUP_PREFIX + id, JSON.stringify(note(id)));
    const area = cacheBackupArea(caches, { legacy: legacy.area });
    const backup = storageBackup(area);
    const repo = openRepository(new IDBFactory(), { backup });
    expect((await repo.listAll()).map((n) => n.id).sort()).toEqual(['n1', 'n2', 'n3']);
    expect(repo.recovered).toBe(3);
    // The background's sync at the next start keeps them, and storage.local no longer holds any note.
    await syncBackup({ area, backup, listAll: () => repo.listAll(), resumeRecovery: () => repo.resumeRecovery() });
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
