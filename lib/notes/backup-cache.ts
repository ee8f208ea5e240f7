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
// order; when the log grows long it is rewritten as the notes it holds, after the write that found it so. Every other key (the copy's mark) is an
// entry of its own, read without the log. Every change runs under one Web Lock for the extension's origin, so the
// background, the popup and the library page never interleave a read-modify-write or number two chunks alike.
import { BACKUP_PENDING_KEY, BACKUP_PREFIX, type BackupArea } from './backup';

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
  /** navigator.locks; without it, changes are ordered within this context only. */
  locks?: LocksLike;
  /** The log is rewritten once it has more chunks than this. */
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
const SEQ_DIGITS = 12;

interface Chunk {
  set?: Record<string, unknown>;
  remove?: string[];
}

export function cacheBackupArea(caches: CacheStorageLike, options: CacheBackupOptions = {}): BackupArea {
  const maxChunks = options.maxChunks ?? 32;
  const chunkSize = options.chunkSize ?? 2000;
  let local: Promise<unknown> = Promise.resolve();
  const exclusive = <T>(op: () => Promise<T>): Promise<T> => {
    if (options.locks) return options.locks.request(LOCK, op);
    const next = local.then(op);
    local = next.catch(() => undefined);
    return next;
  };
  let cache: Promise<CacheLike> | null = null;
  const open = () => (cache ??= caches.open(BACKUP_CACHE).catch((error: unknown) => { cache = null; throw error; }));

  /** The log's chunks in order. */
  async function chunkUrls(c: CacheLike): Promise<string[]> {
    return (await c.keys()).map((r) => r.url).filter((u) => u.startsWith(LOG)).sort();
  }
  async function readChunk(c: CacheLike, url: string): Promise<Chunk> {
    const response = await c.match(url);
    return response ? (JSON.parse(await response.text()) as Chunk) : {};
  }
  /** Every note entry, the log replayed. */
  async function replay(c: CacheLike, urls: readonly string[]): Promise<Map<string, unknown>> {
    const chunks = await Promise.all(urls.map((u) => readChunk(c, u)));
    const notes = new Map<string, unknown>();
    for (const chunk of chunks) {
      for (const key of chunk.remove ?? []) notes.delete(key);
      for (const [key, value] of Object.entries(chunk.set ?? {})) notes.set(key, value);
    }
    return notes;
  }
  const seqOf = (url: string) => Number(url.slice(LOG.length));
  const logUrl = (seq: number) => LOG + String(seq).padStart(SEQ_DIGITS, '0');
  let compacting = false;
  async function append(c: CacheLike, chunk: Chunk): Promise<void> {
    const urls = await chunkUrls(c);
    const last = urls.length > 0 ? seqOf(urls[urls.length - 1]!) : 0;
    await c.put(logUrl(last + 1), new Response(JSON.stringify(chunk)));
    // The rewrite reads and writes every note (about 1.5 s for 10,000): a save waits for its own copy, not for it.
    if (urls.length + 1 > maxChunks && !compacting) {
      compacting = true;
      void exclusive(() => compact(c)).catch(() => undefined).finally(() => { compacting = false; });
    }
  }
  /**
   * Rewrites the log as the notes it holds: the new chunks are numbered after every old one and the old are deleted
   * only once all new are written, so a rewrite cut short (the page closed, the worker stopped, the disk full) leaves
   * a log that still replays to the same notes.
   */
  async function compact(c: CacheLike): Promise<void> {
    const urls = await chunkUrls(c);
    if (urls.length <= maxChunks) return; // another page rewrote it meanwhile
    const notes = [...(await replay(c, urls))];
    let seq = urls.length > 0 ? seqOf(urls[urls.length - 1]!) : 0;
    for (let at = 0; at < notes.length; at += chunkSize) {
      await c.put(logUrl(++seq), new Response(JSON.stringify({ set: Object.fromEntries(notes.slice(at, at + chunkSize)) })));
    }
    for (const url of urls) await c.delete(url);
  }

  const isNote = (key: string) => key.startsWith(BACKUP_PREFIX);
  async function getIn(c: CacheLike, keys: null | string | string[]): Promise<Record<string, unknown>> {
    const wanted = keys === null ? null : typeof keys === 'string' ? [keys] : keys;
    const out: Record<string, unknown> = {};
    const others = wanted === null
      ? (await c.keys()).map((r) => r.url).filter((u) => u.startsWith(KEY)).map((u) => decodeURIComponent(u.slice(KEY.length)))
      : wanted.filter((k) => !isNote(k));
    for (const key of others) {
      const response = await c.match(KEY + encodeURIComponent(key));
      if (response) out[key] = JSON.parse(await response.text()) as unknown;
    }
    if (wanted === null || wanted.some(isNote)) {
      const notes = await replay(c, await chunkUrls(c));
      if (wanted === null) for (const [key, value] of notes) out[key] = value;
      else for (const key of wanted) if (isNote(key) && notes.has(key)) out[key] = notes.get(key);
    }
    return out;
  }
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
   * Moves a backup left in storage.local here: entries this backup does not hold yet (it may already hold newer
   * ones, written by this version while an earlier move was cut short), then removes them there. Runs before this
   * context's first use of the backup; one that failed is tried again at the next use, and nothing is removed from
   * storage.local before it is here.
   */
  async function migrate(c: CacheLike, legacy: BackupArea): Promise<void> {
    const old = await legacy.get(null);
    const moving = Object.keys(old).filter((k) => isNote(k) || k === BACKUP_PENDING_KEY);
    if (moving.length === 0) return;
    const here = await getIn(c, null);
    const fresh: Record<string, unknown> = {};
    for (const key of moving) if (!(key in here)) fresh[key] = old[key];
    if (Object.keys(fresh).length > 0) await setIn(c, fresh);
    await legacy.remove(moving);
  }
  let migrated: Promise<void> | null = null;
  const ready = (c: CacheLike): Promise<void> => {
    const legacy = options.legacy;
    if (!legacy) return Promise.resolve();
    return (migrated ??= migrate(c, legacy).catch((error: unknown) => { migrated = null; throw error; }));
  };
  const run = <T>(op: (c: CacheLike) => Promise<T>): Promise<T> => exclusive(async () => {
    const c = await open();
    await ready(c);
    return op(c);
  });

  return {
    get: (keys) => run((c) => getIn(c, keys)),
    set: (items) => run((c) => setIn(c, items)),
    remove: (keys) => run((c) => removeIn(c, keys)),
  };
}
