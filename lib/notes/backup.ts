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
/** Present while a copy made after the fact (an import's) is under way or was cut short (NotesBackup.setPending). */
export const BACKUP_PENDING_KEY = 'backstory:backup-pending';

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
    async setPending(pending) {
      // Two imports in two pages at once share the one mark: the first to finish clears it. The notes are in the
      // database either way; only the start-up completion of a copy cut short depends on it.
      if (pending) await area.set({ [BACKUP_PENDING_KEY]: new Date().toISOString() });
      else await area.remove(BACKUP_PENDING_KEY);
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
 * Makes the backup match the database: notes saved before the backup existed are copied, entries whose note is
 * gone are dropped, and a copy cut short is completed (its mark cleared). Never removes anything from the database.
 * It reads every note twice over, so the background runs it when the browser starts, when Backstory is installed
 * or updated, and at any other start only when a copy was cut short (`backupPending`): the service worker starts
 * again after every half minute idle, often because the popup just opened, which it would otherwise slow.
 */
export async function syncBackup(backup: NotesBackup, live: readonly Annotation[]): Promise<void> {
  const saved = await backup.readAll();
  const liveIds = new Set(live.map((n) => n.id));
  const stale = saved.filter((n) => !liveIds.has(n.id)).map((n) => n.id);
  const savedById = new Map(saved.map((n) => [n.id, n]));
  const missing = live.filter((n) => savedById.get(n.id)?.modified !== n.modified);
  await backup.remove(stale);
  await backup.put(missing);
  await backup.setPending?.(false);
}

/** Whether a copy made after the fact was cut short (or is under way in a page), so syncBackup should run. */
export async function backupPending(area: Pick<BackupArea, 'get'>): Promise<boolean> {
  return (await area.get(BACKUP_PENDING_KEY))[BACKUP_PENDING_KEY] !== undefined;
}
