// The notes' backup outside IndexedDB: one entry per live note in an extension storage area (storage.local,
// which `unlimitedStorage` leaves unbounded). Chromium deletes an IndexedDB database it finds corrupt at
// start — what a full disk during a write can leave — and this copy, kept in step by the repository after
// every commit, is what refills it (NotesRepository: a database created from nothing is restored from here).
import type { NotesBackup } from './repository';
import type { Annotation } from './types';

/** The part of browser.storage.local the backup uses; tests pass a Map-backed one. */
export interface BackupArea {
  get(keys: null | string | string[]): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string | string[]): Promise<void>;
}

export const BACKUP_PREFIX = 'backstory:note:';

/**
 * A backed-up note as stored: its JSON text. The browser copies a string into storage (and into every context's
 * storage.onChanged event) several times faster than the same note as an object of nested values, which for an
 * import of 10,000 notes is the difference between a pause and none. Entries written as objects (before) still read.
 */
export function backupEntry(note: Annotation): string {
  return JSON.stringify(note);
}

/** The note an entry holds, or null for one that is neither a note's JSON text nor an object. */
export function readBackupEntry(value: unknown): Annotation | null {
  if (typeof value === 'string') {
    try {
      const parsed: unknown = JSON.parse(value);
      return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Annotation) : null;
    } catch {
      return null;
    }
  }
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Annotation) : null;
}

export function storageBackup(area: BackupArea): NotesBackup {
  const keyOf = (id: string) => BACKUP_PREFIX + id;
  const keys = async () => Object.keys(await area.get(null)).filter((k) => k.startsWith(BACKUP_PREFIX));
  return {
    async put(records) {
      if (records.length > 0) await area.set(Object.fromEntries(records.map((r) => [keyOf(r.id), backupEntry(r)])));
    },
    async remove(ids) {
      if (ids.length > 0) await area.remove(ids.map(keyOf));
    },
    async clear() {
      const all = await keys();
      if (all.length > 0) await area.remove(all);
    },
    async readAll() {
      const items = await area.get(null);
      const notes: Annotation[] = [];
      for (const [key, value] of Object.entries(items)) {
        const note = key.startsWith(BACKUP_PREFIX) ? readBackupEntry(value) : null;
        if (note) notes.push(note);
      }
      return notes;
    },
  };
}

/**
 * Makes the backup match the database (the background runs it at start): notes saved before the backup
 * existed are copied, and entries whose note is gone are dropped. Never removes anything from the database.
 */
export async function syncBackup(backup: NotesBackup, live: readonly Annotation[]): Promise<void> {
  const saved = await backup.readAll();
  const liveIds = new Set(live.map((n) => n.id));
  const stale = saved.filter((n) => !liveIds.has(n.id)).map((n) => n.id);
  const savedById = new Map(saved.map((n) => [n.id, n]));
  const missing = live.filter((n) => savedById.get(n.id)?.modified !== n.modified);
  await backup.remove(stale);
  await backup.put(missing);
}
