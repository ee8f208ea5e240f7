// The background's compiled tables of a reader's combinations of sets, kept across the service worker's restarts.
// Compiling a large reference's tables takes seconds (about 2 s for 10,000 entities, up to 5–10 s in a worker just
// started), and Chrome stops an idle service worker after 30 s: kept only in memory, they were compiled again for the
// first page after every restart. They are kept in the extension origin's Cache Storage, as the notes' backup is
// (lib/notes/backup-cache.ts): no content script can read it, and one entry of a few megabytes is read back whole in
// a fraction of the compile's time.
//
// An entry's address names exactly what was compiled: the combination's key (which sets, at which revisions and
// names, the bundled set on or off) and `version`, what else the tables depend on (their format, the compile's code
// and the bundled dataset: see `tablesVersion`). Whatever goes wrong here costs only the time saved: a read that fails,
// hangs past its deadline or finds something that is not tables is a miss (the caller compiles); a write that fails
// (quota, a full disk) deletes the whole cache, so nothing half-written is ever read, and is never the page's failure.
import type { CompiledTables } from '../match/tables';
import { TABLES_FORMAT } from '../match/tables';
import type { CacheLike, CacheStorageLike } from '../notes/backup-cache';

/** The part of CacheStorage the store uses: the backup's, and deleting a whole cache. */
export interface TablesCacheStorage extends CacheStorageLike {
  delete(name: string): Promise<boolean>;
}

export interface TablesStore {
  /** The tables stored for this combination key, or undefined (none, unreadable, or not read in time). */
  read(key: string): Promise<CompiledTables | undefined>;
  /** Stores them, then keeps only the newest `keep` combinations. Never rejects. */
  write(key: string, tables: CompiledTables): Promise<void>;
  /** Deletes the entries of another version, of combinations `live` rejects, and past the newest `keep`. Never rejects. */
  prune(live: (key: string) => boolean): Promise<void>;
}

export interface TablesStoreOptions {
  /** What else the tables depend on (`tablesVersion`); entries of any other version are never read, and are pruned. */
  version: string | Promise<string>;
  /** READ_TIMEOUT_MS unless given (tests). */
  readTimeoutMs?: number;
  /** KEEP_COMBINATIONS unless given (tests). */
  keep?: number;
  /** Date.now unless given (tests): orders the entries, newest kept. */
  now?: () => number;
}

export const TABLES_CACHE = 'backstory-set-tables';
// Cache Storage keys are http(s) requests; this address is never fetched.
const BASE = 'https://set-tables.backstory.invalid/';
/** When an entry was written, on its response: the newest are kept. */
const WRITTEN = 'x-backstory-written';

/**
 * A read not answered by then is a miss: the page waits for the answer, and a Cache Storage that hangs (a busy or
 * broken disk) must not hold it much past what compiling costs. A worker just started answers a page with a large
 * reference's tables read back (about 4 MB for 10,000 entities) in about half a second, its start included
 * (scripts/bench/compare-set-tables.ts), against 2–2.5 s to compile them at a light load; 2 s leaves room for a
 * loaded machine.
 */
export const READ_TIMEOUT_MS = 2000;

/**
 * Combinations kept. A reader's pages use one or two at a time (every enabled set, with the bundled set on or off
 * by site); the others are old revisions, never asked for again, or ones the reader may come back to. Four covers
 * both of the current ones and two recent ones. Each is about 4 MB for the bench's 10,000-entity reference, and at
 * most about twice that at the alias bound past which nothing is compiled (MAX_TABLE_ALIASES): some 30 MB on disk at
 * worst.
 */
export const KEEP_COMBINATIONS = 4;

/**
 * What stored tables depend on besides the combination: the tables' format, the extension's version (an update can
 * change the compile's code without changing the format), and the bundled dataset with its compiled tables (checked
 * by a unit test to be what the compile gives it, so a change to the compile that shows on the bundled reference
 * changes them even within one version, in development). A SHA-256 of them, so the address stays short.
 */
export async function tablesVersion(parts: { extension: string; bundled: unknown; bundledTables: unknown }): Promise<string> {
  const text = JSON.stringify([TABLES_FORMAT, parts.extension, parts.bundled, parts.bundledTables]);
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest).slice(0, 12), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Whatever a stored body parses to that could be loaded as tables (the page checks their fingerprint again). */
function isTables(value: unknown): value is CompiledTables {
  const t = value as Partial<CompiledTables> | null;
  return (
    typeof t === 'object' && t !== null && t.format === TABLES_FORMAT && typeof t.fingerprint === 'string' &&
    Array.isArray(t.patterns) && typeof t.trie === 'object' && t.trie !== null && typeof t.loose === 'object' && t.loose !== null &&
    Array.isArray(t.demonyms) && Array.isArray(t.figureGroups)
  );
}

/** Cache Storage where the browser has none (Firefox with dom.caches.enabled off): every read misses, every write is dropped. */
const NO_CACHES: TablesCacheStorage = {
  open: () => Promise.reject(new DOMException('Cache Storage is not available here', 'NotSupportedError')),
  delete: async () => false,
};

export function tablesStore(caches: TablesCacheStorage | undefined, options: TablesStoreOptions): TablesStore {
  const store = caches ?? NO_CACHES;
  const keep = options.keep ?? KEEP_COMBINATIONS;
  const now = options.now ?? Date.now;
  const timeoutMs = options.readTimeoutMs ?? READ_TIMEOUT_MS;
  const prefix = async () => `${BASE}${encodeURIComponent(await options.version)}/`;
  const address = async (key: string) => (await prefix()) + encodeURIComponent(key);
  // Opened for every operation: a handle kept would write on into a cache deleted since (site data cleared), unseen.
  const open = () => store.open(TABLES_CACHE);
  // Deleting the whole cache after a failed write: an entry half written, or one the browser kept in part, is never read.
  const dropAll = () => store.delete(TABLES_CACHE).then(() => undefined, () => undefined);

  async function readEntry(key: string): Promise<CompiledTables | undefined> {
    const url = await address(key);
    const c = await open();
    const response = await c.match(url);
    if (!response) return undefined;
    let tables: unknown;
    try {
      tables = JSON.parse(await response.text());
    } catch {
      tables = undefined;
    }
    if (isTables(tables)) return tables;
    await c.delete(url).catch(() => undefined); // corrupt: compiled and written again
    return undefined;
  }

  /** Removes what `live` rejects and what is past the newest `keep`: entries of this version first by when written. */
  async function pruneIn(c: CacheLike, live: (key: string) => boolean): Promise<void> {
    const mine = await prefix();
    const kept: { url: string; written: number }[] = [];
    for (const { url } of await c.keys()) {
      const key = url.startsWith(mine) ? decodeURIComponent(url.slice(mine.length)) : null;
      if (key === null || !live(key)) {
        await c.delete(url);
        continue;
      }
      const response = await c.match(url);
      kept.push({ url, written: Number(response?.headers.get(WRITTEN)) || 0 });
    }
    kept.sort((a, b) => b.written - a.written);
    for (const { url } of kept.slice(keep)) await c.delete(url);
  }

  return {
    read(key) {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const late = new Promise<undefined>((resolve) => { timer = setTimeout(() => resolve(undefined), timeoutMs); });
      return Promise.race([readEntry(key).catch(() => undefined), late]).finally(() => clearTimeout(timer));
    },
    async write(key, tables) {
      // After the answer has gone: writing a large reference's tables out as text takes tens of milliseconds of the
      // worker's thread, which the page asking should not wait for.
      await new Promise((resolve) => setTimeout(resolve, 0));
      let c: CacheLike;
      try {
        const url = await address(key);
        c = await open();
        await c.put(url, new Response(JSON.stringify(tables), { headers: { 'content-type': 'application/json', [WRITTEN]: String(now()) } }));
      } catch {
        await dropAll();
        return;
      }
      await pruneIn(c, () => true).catch(() => undefined);
    },
    async prune(live) {
      try {
        await pruneIn(await open(), live);
      } catch {
        // Nothing lost: a prune that fails now runs again at the next start or deletion.
      }
    },
  };
}
