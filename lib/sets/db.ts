// The reference sets database: the reader's sets, their documents (metadata apart from texts, so a list of 200
// documents never loads 200 texts), the builder's per-document readings, each set's build, the curation edits
// and the trash. In the extension's origin beside the notes database, opened through idb on the IDBFactory given
// (the browser's, or fake-indexeddb in tests). Only lib/sets/repository.ts reads and writes it.
import { wrap, type DBSchema, type IDBPDatabase, type IDBPTransaction, type StoreNames } from 'idb';
import type { DeletedSet, DocumentAnalysis, ReferenceSet, SetBuild, SetDocument, StoredEdit } from './types';

export const SETS_DB_NAME = 'backstory-sets';

/** A removed document, kept whole (with its text and analysis) until it is restored or its grace period ends. */
export interface DeletedDocument {
  /** "<setId>/<docId>". */
  id: string;
  deleted: string;
  setId: string;
  document: SetDocument;
  text?: string;
  analysis?: DocumentAnalysis;
}

export interface TrashEntry {
  id: string;
  /** ISO 8601. */
  deleted: string;
  kind: 'set' | 'document';
  set?: DeletedSet;
  document?: DeletedDocument;
}

export interface DocumentText {
  setId: string;
  docId: string;
  text: string;
}

/**
 * Schema history (never edit a past step; add one):
 *  1. stores `sets` (id), `documents` ([setId, id], index setId), `texts` ([setId, docId], index setId),
 *     `analyses` ([setId, docId], index setId), `builds` (setId), `edits` (id, index setId), `trash` (id,
 *     index deleted).
 */
export const SETS_DB_VERSION = 1;

export interface SetsSchema extends DBSchema {
  sets: { key: string; value: ReferenceSet };
  documents: { key: [string, string]; value: SetDocument; indexes: { setId: string } };
  texts: { key: [string, string]; value: DocumentText; indexes: { setId: string } };
  analyses: { key: [string, string]; value: DocumentAnalysis; indexes: { setId: string } };
  builds: { key: string; value: StoredBuild };
  edits: { key: string; value: StoredEdit; indexes: { setId: string } };
  trash: { key: string; value: TrashEntry; indexes: { deleted: string } };
}

/**
 * A build as the `builds` store keeps it: the dataset as its JSON text. Reading a record clones it on the reading
 * page's main thread, and a large set's dataset (hundreds of kilobytes of entities and mentions) cloned as objects
 * was the longest task of the set's page after a build; a string is copied whole and parsed at several times the
 * speed. Builds stored before (the dataset as objects) still read.
 */
export interface StoredBuild extends Omit<SetBuild, 'dataset'> {
  dataset: SetBuild['dataset'] | string;
}

export function toStoredBuild(build: SetBuild): StoredBuild {
  return { ...build, dataset: JSON.stringify(build.dataset) };
}

export function fromStoredBuild(stored: StoredBuild): SetBuild {
  return typeof stored.dataset === 'string' ? { ...stored, dataset: JSON.parse(stored.dataset) as SetBuild['dataset'] } : (stored as SetBuild);
}

export type SetsDb = IDBPDatabase<SetsSchema>;
export type SetsStore = StoreNames<SetsSchema>;
export const ALL_STORES: SetsStore[] = ['sets', 'documents', 'texts', 'analyses', 'builds', 'edits', 'trash'];

type UpgradeTx = IDBPTransaction<SetsSchema, SetsStore[], 'versionchange'>;

function upgrade(db: SetsDb, oldVersion: number, _tx: UpgradeTx): void {
  if (oldVersion < 1) {
    db.createObjectStore('sets', { keyPath: 'id' });
    db.createObjectStore('documents', { keyPath: ['setId', 'id'] }).createIndex('setId', 'setId');
    db.createObjectStore('texts', { keyPath: ['setId', 'docId'] }).createIndex('setId', 'setId');
    db.createObjectStore('analyses', { keyPath: ['setId', 'docId'] }).createIndex('setId', 'setId');
    db.createObjectStore('builds', { keyPath: 'setId' });
    db.createObjectStore('edits', { keyPath: 'id' }).createIndex('setId', 'setId');
    db.createObjectStore('trash', { keyPath: 'id' }).createIndex('deleted', 'deleted');
  }
}

/**
 * Opens (creating or upgrading) the sets database. A connection closes itself when a newer version of the
 * extension wants to upgrade, rather than blocking it; the handle below reopens on demand.
 */
export function openSetsDb(factory: IDBFactory): Promise<SetsDb> {
  const request = factory.open(SETS_DB_NAME, SETS_DB_VERSION);
  const opened = wrap(request) as unknown as Promise<SetsDb>;
  request.addEventListener('upgradeneeded', (event) => {
    upgrade(wrap(request.result) as unknown as SetsDb, event.oldVersion, wrap(request.transaction!) as unknown as UpgradeTx);
  });
  return opened.then((db) => {
    db.addEventListener('versionchange', () => db.close());
    return db;
  });
}

/** A lazily opened, shared connection that reopens after it was closed (a version change, the browser closing it). */
export function createSetsDbHandle(factory: IDBFactory): () => Promise<SetsDb> {
  let current: Promise<SetsDb> | undefined;
  return () => {
    if (!current) {
      current = openSetsDb(factory).then((db) => {
        db.addEventListener('close', () => { current = undefined; });
        db.addEventListener('versionchange', () => { current = undefined; });
        return db;
      });
      current.catch(() => { current = undefined; });
    }
    return current;
  };
}
