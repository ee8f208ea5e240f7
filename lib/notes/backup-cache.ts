// Where the notes' backup lives: the extension origin's Cache Storage. Not storage.local, where it used to be: a
// content script can read storage.local (`get(null)`) and hears every change to it through storage.onChanged, so
// every note's text reached the renderer process of every open web page — past the background, which hands a page
// only its own notes (lib/notes/page-handlers.ts). Chrome can close storage.local to content scripts
// (setAccessLevel), but Firefox cannot, and the content script needs storage.local for its settings. Cache Storage
// is per origin: a content script's `caches` is the web page's, never the extension's, and it has no change event.
// It is also a store of its own, apart from IndexedDB, so a database Chromium deletes as corrupt does not take the
// backup with it.
//
// Its cost decides the layout. One cache entry a note costs about twelve times storage.local's time for 10,000
// notes (measured in Chromium: ~15 s against ~1.2–2.7 s to write, ~8 s against ~0.4–1.2 s to read back), and
// `matchAll` refuses that many at once. So the notes are a log of chunks, one entry per `set` or `remove`
// (an import's copy writes 2,000 notes a chunk: ~0.9–1.8 s for 10,000, ~0.4 s to read them back), replayed in
// order. The log is kept short in levels, each in the background of the write that found it long, under the lock
// (so the next save from any page does wait for it, for as long as the merge takes): past `maxChunks` writes since
// the last merge, those writes are merged into one chunk (a cost proportional to them); past `maxChunks` merged
// chunks, all of them into one; and only once the chunks since the last full rewrite outweigh it is the whole log
// rewritten as the notes it holds. Every other key (the copy's mark) is an entry of its own, read without the log.
// Every change runs under one Web Lock for the extension's origin, so the background, the popup and the library
// page never interleave a read-modify-write; every chunk's name also carries a random part, so two writes never
// share one even without the lock.
import { BACKUP_PENDING_KEY, BACKUP_PREFIX, type BackupArea } from './backup';
import { inTurn } from './in-turn';

/** The part of CacheStorage the backup uses; tests pass one kept in memory. */
export interface CacheStorageLike {
  open(name: string): Promise<CacheLike>;
}
export interface CacheLike {
  match(request: string): Promise<Response | undefined>;
  put(request: string, response: Response): Promise<void>;
  delete(request: string): Promise<boolean>;
  keys(): Promise<ReadonlyArray<{ url: string }>>;
}

/** navigator.locks, where there is one. */
export interface LocksLike {
  request<T>(name: string, callback: () => Promise<T>): Promise<T>;
}

export interface CacheBackupOptions {
  /** Where the backup lived before (storage.local): its note entries and mark move here, then are removed there. */
  legacy?: BackupArea;
  /**
   * navigator.locks. Without it (no supported browser lacks it) changes are ordered within this context only, so the
   * log is never merged or rewritten and nothing moves out of storage.local: either could drop or bring back a
   * write another context made meanwhile. Reads then see storage.local's entries under the log's.
   */
  locks?: LocksLike;
  /** Writes (and merged chunks) the log holds before they are merged. */
  maxChunks?: number;
  /** Notes per chunk when the log is rewritten. */
  chunkSize?: number;
}

export const BACKUP_CACHE = 'backstory-notes-backup';
const LOCK = 'backstory-notes-backup';
// Cache Storage keys are http(s) requests; this address is never fetched.
const BASE = 'https://backup.backstory.invalid/';
const LOG = `${BASE}log/`;
const KEY = `${BASE}key/`;
/** Present once a backup left in storage.local was taken over: storage.local's entries are then only removed. */
const MOVED = `${BASE}moved`;
const SEQ_DIGITS = 12;

interface Chunk {
  set?: Record<string, unknown>;
  remove?: string[];
}
/** A write, a merge of writes, or part of a full rewrite. */
type Kind = 'w' | 'm' | 'b';
interface ChunkName {
  url: string;
  kind: Kind;
  bytes: number;
}

/** Cache Storage where the browser has none (Firefox with dom.caches.enabled off): every open fails. */
const NO_CACHES: CacheStorageLike = {
  open: () => Promise.reject(new DOMException('Cache Storage is not available here', 'NotSupportedError')),
};

export function cacheBackupArea(caches: CacheStorageLike | undefined, options: CacheBackupOptions = {}): BackupArea {
  const store = caches ?? NO_CACHES;
  const maxChunks = options.maxChunks ?? 32;
  const chunkSize = options.chunkSize ?? 2000;
  const locks = options.locks;
  const local = inTurn();
  const exclusive = <T>(op: () => Promise<T>): Promise<T> => (locks ? locks.request(LOCK, op) : local(op));
  // Opened for every operation: a handle kept would write on into a cache deleted since (site data cleared), unseen.
  const open = () => store.open(BACKUP_CACHE);

  /** The log's chunks in order: by sequence number, then by the random part. */
  async function chunks(c: CacheLike): Promise<ChunkName[]> {
    const urls = (await c.keys()).map((r) => r.url).filter((u) => u.startsWith(LOG)).sort();
    return urls.map((url) => {
      const [, , tail = ''] = url.slice(LOG.length).split('-');
      const kind = (tail[0] === 'm' || tail[0] === 'b' ? tail[0] : 'w') as Kind;
      return { url, kind, bytes: Number(tail.slice(1)) || 0 };
    });
  }
  async function readChunk(c: CacheLike, url: string): Promise<Chunk> {
    const response = await c.match(url);
    return response ? (JSON.parse(await response.text()) as Chunk) : {};
  }
  /** Every note entry, the log replayed, and every key the log set or removed. */
  async function replay(c: CacheLike, list: readonly ChunkName[]): Promise<{ notes: Map<string, unknown>; touched: Set<string> }> {
    const read = await Promise.all(list.map((k) => readChunk(c, k.url)));
    const notes = new Map<string, unknown>();
    const touched = new Set<string>();
    for (const chunk of read) {
      for (const key of chunk.remove ?? []) { notes.delete(key); touched.add(key); }
      for (const [key, value] of Object.entries(chunk.set ?? {})) { notes.set(key, value); touched.add(key); }
    }
    return { notes, touched };
  }
  const seqOf = (k: ChunkName | undefined) => (k ? Number(k.url.slice(LOG.length).split('-')[0]) : 0);
  async function putChunk(c: CacheLike, seq: number, kind: Kind, chunk: Chunk): Promise<void> {
    const body = JSON.stringify(chunk);
    const name = `${String(seq).padStart(SEQ_DIGITS, '0')}-${Math.random().toString(36).slice(2, 10)}-${kind}${body.length}`;
    await c.put(LOG + name, new Response(body));
  }
  /** The writes since the last merge or rewrite. */
  const trailingWrites = (list: readonly ChunkName[]) => {
    let at = list.length;
    while (at > 0 && list[at - 1]!.kind === 'w') at--;
    return list.slice(at);
  };
  let compacting = false;
  async function append(c: CacheLike, chunk: Chunk): Promise<void> {
    const list = await chunks(c);
    await putChunk(c, seqOf(list[list.length - 1]) + 1, 'w', chunk);
    if (locks && trailingWrites(list).length + 1 > maxChunks && !compacting) {
      compacting = true;
      void exclusive(async () => compact(await open())).catch(() => undefined).finally(() => { compacting = false; });
    }
  }
  /**
   * Shortens the log. Whatever it writes is numbered after every chunk it replaces, and those are deleted (in
   * order) only once it is written, so one cut short (the page closed, the worker stopped, the disk full) leaves a
   * log that replays to the same notes: what is left of the old chunks, then what sets their outcome again. That
   * holds while the browser runs; Cache Storage does not flush to disk, so a power cut can keep the deletes and lose
   * the new chunk, as it can lose the notes database's last writes.
   */
  async function compact(c: CacheLike): Promise<void> {
    const list = await chunks(c);
    const writes = trailingWrites(list);
    if (writes.length <= maxChunks) return; // another page merged it meanwhile
    let lastBase = -1;
    list.forEach((k, i) => { if (k.kind === 'b') lastBase = i; });
    const leftOver = list.slice(0, lastBase).some((k) => k.kind !== 'b'); // a rewrite cut short
    const sum = (ks: readonly ChunkName[]) => ks.reduce((total, k) => total + k.bytes, 0);
    const recent = list.slice(lastBase + 1);
    if (leftOver || sum(recent) > sum(list.slice(0, lastBase + 1))) return rewrite(c, list);
    const merged = recent.filter((k) => k.kind === 'm').length >= maxChunks ? recent : writes;
    await merge(c, merged, seqOf(list[list.length - 1]));
  }
  /** Replaces a run of chunks ending the log by one: the last set of each key, and the removes not set again. */
  async function merge(c: CacheLike, run: readonly ChunkName[], last: number): Promise<void> {
    const state = new Map<string, { value: unknown } | null>();
    for (const chunk of await Promise.all(run.map((k) => readChunk(c, k.url)))) {
      for (const key of chunk.remove ?? []) state.set(key, null);
      for (const [key, value] of Object.entries(chunk.set ?? {})) state.set(key, { value });
    }
    const set: Record<string, unknown> = {};
    const remove: string[] = [];
    for (const [key, entry] of state) {
      if (entry) set[key] = entry.value;
      else remove.push(key);
    }
    await putChunk(c, last + 1, 'm', { set, remove });
    for (const k of run) await c.delete(k.url);
  }
  /** Rewrites the whole log as the notes it holds. */
  async function rewrite(c: CacheLike, list: readonly ChunkName[]): Promise<void> {
    const notes = [...(await replay(c, list)).notes];
    let seq = seqOf(list[list.length - 1]);
    for (let at = 0; at < notes.length; at += chunkSize) {
      await putChunk(c, ++seq, 'b', { set: Object.fromEntries(notes.slice(at, at + chunkSize)) });
    }
    for (const k of list) await c.delete(k.url);
  }

  const isNote = (key: string) => key.startsWith(BACKUP_PREFIX);
  const isMoving = (key: string) => isNote(key) || key === BACKUP_PENDING_KEY;
  /** The entries asked for, and the note keys the log set or removed. */
  async function read(c: CacheLike, keys: null | string | string[]): Promise<{ out: Record<string, unknown>; touched: Set<string> }> {
    const wanted = keys === null ? null : typeof keys === 'string' ? [keys] : keys;
    const out: Record<string, unknown> = {};
    const others = wanted === null
      ? (await c.keys()).map((r) => r.url).filter((u) => u.startsWith(KEY)).map((u) => decodeURIComponent(u.slice(KEY.length)))
      : wanted.filter((k) => !isNote(k));
    for (const key of others) {
      const response = await c.match(KEY + encodeURIComponent(key));
      if (response) out[key] = JSON.parse(await response.text()) as unknown;
    }
    let touched = new Set<string>();
    if (wanted === null || wanted.some(isNote)) {
      const log = await replay(c, await chunks(c));
      touched = log.touched;
      if (wanted === null) for (const [key, value] of log.notes) out[key] = value;
      else for (const key of wanted) if (isNote(key) && log.notes.has(key)) out[key] = log.notes.get(key);
    }
    return { out, touched };
  }
  const getIn = async (c: CacheLike, keys: null | string | string[]) => (await read(c, keys)).out;
  async function setIn(c: CacheLike, items: Record<string, unknown>): Promise<void> {
    const notes: Record<string, unknown> = {};
    let any = false;
    for (const [key, value] of Object.entries(items)) {
      if (isNote(key)) {
        notes[key] = value;
        any = true;
      } else {
        await c.put(KEY + encodeURIComponent(key), new Response(JSON.stringify(value)));
      }
    }
    if (any) await append(c, { set: notes });
  }
  async function removeIn(c: CacheLike, keys: string | string[]): Promise<void> {
    const list = typeof keys === 'string' ? [keys] : keys;
    for (const key of list.filter((k) => !isNote(k))) await c.delete(KEY + encodeURIComponent(key));
    const notes = list.filter(isNote);
    if (notes.length > 0) await append(c, { remove: notes });
  }

  /**
   * Moves a backup left in storage.local here: the entries the log never set or removed and the mark if there is
   * none here (this backup may hold newer ones, written while an earlier move was cut short), then the `MOVED` entry,
   * then removes them there. Once `MOVED` is here storage.local's entries are only removed, never taken again (one
   * taken after a later delete here would come back). Nothing is removed from storage.local before it is here.
   * Returns false when storage.local still holds them (its removal failed): it is tried again at the next use.
   */
  async function migrate(c: CacheLike, legacy: BackupArea): Promise<boolean> {
    const old = await legacy.get(null);
    const moving = Object.keys(old).filter(isMoving);
    if (moving.length === 0) return true;
    if (!(await c.match(MOVED))) {
      const here = await read(c, null);
      const fresh: Record<string, unknown> = {};
      for (const key of moving) if (!(key in here.out) && !here.touched.has(key)) fresh[key] = old[key];
      if (Object.keys(fresh).length > 0) await setIn(c, fresh);
      await c.put(MOVED, new Response('1'));
    }
    return legacy.remove(moving).then(() => true, () => false);
  }
  let migrated: Promise<void> | null = null;
  /** Resolves once storage.local holds no backup this one has not taken over; rejects while that is not so. */
  const ready = (c: CacheLike): Promise<void> => {
    const legacy = options.legacy;
    if (!legacy || !locks) return Promise.resolve();
    return (migrated ??= migrate(c, legacy).then(
      (done) => { if (!done) migrated = null; },
      (error: unknown) => { migrated = null; throw error; },
    ));
  };
  /**
   * A read that does not depend on the move's writes (a full disk): storage.local's note entries and mark, under
   * what this backup holds — a key the log set or removed is the log's. A recovery reading the backup on a full disk
   * thus still finds every note the earlier version backed up. Where Cache Storage cannot be opened at all, the
   * backup is storage.local's old entries, every read answering from them (a key they lack reads as absent); if it
   * holds none, every read fails (an unreadable backup is not an empty one).
   */
  async function readAround(c: CacheLike | null, keys: null | string | string[], failure: unknown): Promise<Record<string, unknown>> {
    const legacy = options.legacy!;
    if (c && (await c.match(MOVED))) return getIn(c, keys);
    const here = c ? await read(c, keys) : { out: {}, touched: new Set<string>() };
    const old = await legacy.get(keys);
    // Judged on everything storage.local holds, not on the keys asked for: a mark's read and a full read then agree.
    if (!c && !Object.keys(keys === null ? old : await legacy.get(null)).some(isMoving)) throw failure;
    const out = { ...here.out };
    for (const [key, value] of Object.entries(old)) {
      if (isMoving(key) && !(key in out) && !here.touched.has(key)) out[key] = value;
    }
    return out;
  }

  return {
    get: (keys) => exclusive(async () => {
      let c: CacheLike | null = null;
      try {
        c = await open();
        await ready(c);
        // Without the lock nothing moves out of storage.local (see `locks`): it is read under the log every time.
        return options.legacy && !locks ? await readAround(c, keys, null) : await getIn(c, keys);
      } catch (error) {
        if (!options.legacy) throw error;
        return readAround(c, keys, error);
      }
    }),
    set: (items) => exclusive(async () => { const c = await open(); await ready(c); await setIn(c, items); }),
    remove: (keys) => exclusive(async () => {
      let c: CacheLike;
      try {
        c = await open();
      } catch (error) {
        if (!options.legacy) throw error;
        // Reads then answer from storage.local's old entries (readAround): a note removed is removed there too, or a
        // note deleted and purged would still read as backed up and the sync would put it back. Only where the
        // browser has no Cache Storage at all is that the whole removal; where opening failed, the log may hold the
        // entry too, so the removal still fails (the copy stays marked, and the purge waits).
        await options.legacy.remove((typeof keys === 'string' ? [keys] : keys).filter(isMoving));
        if (caches) throw error;
        return;
      }
      await ready(c);
      await removeIn(c, keys);
    }),
  };
}
