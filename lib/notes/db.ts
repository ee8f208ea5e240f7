// The notes database: one object store of Annotation records in the extension's origin, opened through idb.
// Takes an IDBFactory so the same code runs on the browser's IndexedDB and on fake-indexeddb in tests.
import { wrap, type DBSchema, type IDBPDatabase, type IDBPTransaction, type StoreNames } from 'idb';
import { ANNOTATIONS_STORE, NOTES_DB_NAME, TRASH_STORE, type Annotation, type DeletedAnnotation } from './types';

/**
 * Schema history (never edit a past step; add one):
 *  1. store `annotations` (keyPath `id`) with a `url` index.
 *  2. indexes `modified` and `tags` (multiEntry); records written by version 1 get `tags: []`,
 *     `modified = created` and `title: ''` where missing, so the indexes and the UI can rely on them.
 *  3. store `trash` (keyPath `id`) with `deleted` and `url` indexes: a deleted note waits there, whole and
 *     unchecked, until it is restored or its grace period ends.
 *  4. index `created` on the notes: the library reads its newest notes first without reading all of them. The
 *     `modified` and `tags` indexes go: nothing reads through them (lists sort and filter what they read), and
 *     every write paid for them (an import of 10,000 notes wrote 2.5 index entries a note for them). Adding or
 *     dropping an index rewrites no record; the browser fills a new one from the records already stored.
 */
export const NOTES_DB_VERSION = 4;

export interface NotesSchema extends DBSchema {
  [ANNOTATIONS_STORE]: {
    key: string;
    value: Annotation;
    indexes: { url: string; created: string };
  };
  [TRASH_STORE]: {
    key: string;
    value: DeletedAnnotation;
    indexes: { deleted: string; url: string };
  };
}

export type NotesDb = IDBPDatabase<NotesSchema>;

type UpgradeTx = IDBPTransaction<NotesSchema, StoreNames<NotesSchema>[], 'versionchange'>;

function upgrade(db: NotesDb, oldVersion: number, tx: UpgradeTx): void {
  if (oldVersion < 1) {
    const store = db.createObjectStore(ANNOTATIONS_STORE, { keyPath: 'id' });
    store.createIndex('url', 'url');
  }
  if (oldVersion < 2) {
    // Indexes dropped again at version 4, so not in today's schema's types.
    const store = tx.objectStore(ANNOTATIONS_STORE) as unknown as IDBObjectStore;
    store.createIndex('modified', 'modified');
    store.createIndex('tags', 'tags', { multiEntry: true });
    if (oldVersion >= 1) void backfillVersion1(tx);
  }
  if (oldVersion < 3) {
    const trash = db.createObjectStore(TRASH_STORE, { keyPath: 'id' });
    trash.createIndex('deleted', 'deleted');
    trash.createIndex('url', 'note.url');
  }
  if (oldVersion < 4) {
    const store = tx.objectStore(ANNOTATIONS_STORE);
    store.createIndex('created', 'created');
    const untyped = store as unknown as IDBObjectStore;
    untyped.deleteIndex('modified');
    untyped.deleteIndex('tags');
  }
}

/** Version 1 did not require tags/modified/title; fill them in place so nothing is lost and every index sees the record. */
async function backfillVersion1(tx: UpgradeTx): Promise<void> {
  let cursor = await tx.objectStore(ANNOTATIONS_STORE).openCursor();
  while (cursor) {
    const old = cursor.value as Partial<Annotation> & { id: string };
    const fixed: Annotation = {
      ...old,
      url: old.url ?? '',
      title: typeof old.title === 'string' ? old.title : '',
      text: typeof old.text === 'string' ? old.text : '',
      created: old.created ?? old.modified ?? new Date(0).toISOString(),
      modified: old.modified ?? old.created ?? new Date(0).toISOString(),
      tags: Array.isArray(old.tags) ? old.tags.filter((t): t is string => typeof t === 'string') : [],
    } as Annotation;
    await cursor.update(fixed);
    cursor = await cursor.continue();
  }
}

export interface OpenOptions {
  /**
   * Called when this open created the database from nothing. After the first run that means the browser
   * lost it (Chromium deletes a database it finds corrupt at start, e.g. after a full disk): the caller
   * restores the notes from their backup.
   */
  onCreated?(): void;
}

/**
 * Opens (creating or upgrading) the notes database. When a newer version of the extension wants to upgrade
 * while this connection is open, it closes itself instead of blocking the upgrade; callers reopen on demand
 * (see `createDbHandle`).
 */
export function openNotesDb(factory: IDBFactory = indexedDB, options: OpenOptions = {}): Promise<NotesDb> {
  // idb's openDB always uses the global indexedDB; this is the same wiring on the factory we were given.
  const request = factory.open(NOTES_DB_NAME, NOTES_DB_VERSION);
  const opened = wrap(request) as unknown as Promise<NotesDb>;
  request.addEventListener('upgradeneeded', (event) => {
    if (event.oldVersion === 0) options.onCreated?.();
    upgrade(wrap(request.result) as unknown as NotesDb, event.oldVersion, wrap(request.transaction!) as unknown as UpgradeTx);
  });
  return opened.then((db) => {
    db.addEventListener('versionchange', () => db.close());
    return db;
  });
}

/**
 * A lazily opened, shared connection that reopens after it was closed (version change, browser shutting the
 * database down). The background keeps one for its lifetime; each write is still its own transaction.
 */
export function createDbHandle(factory: IDBFactory = indexedDB, options: OpenOptions = {}): () => Promise<NotesDb> {
  let current: Promise<NotesDb> | undefined;
  return () => {
    if (!current) {
      current = openNotesDb(factory, options).then((db) => {
        db.addEventListener('close', () => { current = undefined; });
        db.addEventListener('versionchange', () => { current = undefined; });
        return db;
      });
      current.catch(() => { current = undefined; });
    }
    return current;
  };
}
