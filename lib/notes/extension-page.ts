// The notes repository as each of Backstory's own pages opens it: the extension origin's database, the
// backup in step, and every committed change told once to the background, which relays it to open pages.
import type { Envelope, Transport } from '../messages';
import { storageBackup, type BackupArea } from './backup';
import { cacheBackupArea, type CacheStorageLike, type LocksLike } from './backup-cache';
import { openRepository, type NotesChange, type NotesRepository } from './repository';

export interface ExtensionPageDeps {
  factory: IDBFactory;
  /** Where the backup lives: cacheBackupArea (lib/notes/backup-cache.ts), never storage.local. */
  backupArea: BackupArea;
  /** runtime.sendMessage */
  toBackground: Transport;
}

export function openExtensionPageRepository({ factory, backupArea, toBackground }: ExtensionPageDeps): NotesRepository {
  const announce = (change: NotesChange) => {
    const message: Envelope<'notes/changed'> = { backstory: 1, type: 'notes/changed', payload: change };
    void toBackground(message).catch(() => undefined);
  };
  return openRepository(factory, { backup: storageBackup(backupArea), onChange: announce });
}

/**
 * The backup's area as every Backstory context opens it: the extension origin's Cache Storage, under the origin's
 * Web Lock, taking over what an earlier version left in `storageLocal` (see lib/notes/backup-cache.ts). `caches` is
 * `globalThis.caches`, absent where the browser hides Cache Storage (Firefox with dom.caches.enabled off): the
 * backup's writes then fail as on a full disk, and saves go on. Tests pass `globals` of their own.
 */
export function notesBackupArea(
  storageLocal: BackupArea,
  globals: { caches?: CacheStorageLike; locks?: LocksLike } = {
    caches: (globalThis as { caches?: CacheStorageLike }).caches,
    locks: (globalThis as { navigator?: { locks?: LocksLike } }).navigator?.locks,
  },
): BackupArea {
  return cacheBackupArea(globals.caches, { legacy: storageLocal, locks: globals.locks });
}

/** Whether a runtime message says another context changed notes (pages reload what they show). */
export function isNotesChange(message: unknown): message is Envelope<'notes/changed'> {
  return typeof message === 'object' && message !== null && (message as Envelope).backstory === 1 && (message as Envelope).type === 'notes/changed';
}
