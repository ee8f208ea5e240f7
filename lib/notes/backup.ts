// The notes' backup outside IndexedDB: one entry per live note in a key-value area (the extension origin's Cache
// Storage, lib/notes/backup-cache.ts, which `unlimitedStorage` leaves unbounded; never storage.local, which content
// scripts can read and hear). Chromium deletes an IndexedDB database it finds corrupt at
// start — what a full disk during a write can leave — and this copy, kept in step by the repository after
// every commit, is what refills it (NotesRepository: a database created from nothing is restored from here).
import type { NotesBackup } from './repository';
import type { Annotation } from './types';
import { inTurn } from './in-turn';

/** The key-value area the backup uses (cacheBackupArea, shaped as storage.local's get/set/remove); tests pass a Map-backed one. */
export interface BackupArea {
  get(keys: null | string | string[]): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string | string[]): Promise<void>;
}

export const BACKUP_PREFIX = 'backstory:note:';
/** Present while a copy is under way or was cut short or failed: the token of the last copy marked (NotesBackup.markPending). */
export const BACKUP_PENDING_KEY = 'backstory:backup-pending';

/**
 * A backed-up note as stored: its JSON text, which the backup's area stores and reads back several times faster than
 * the same note as an object of nested values (for an import of 10,000 notes, the difference between a pause and
 * none). Entries written as objects (before) still read.
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
  const queued = inTurn();
  const keyOf = (id: string) => BACKUP_PREFIX + id;
  return {
    async put(records) {
      if (records.length > 0) await area.set(Object.fromEntries(records.map((r) => [keyOf(r.id), backupEntry(r)])));
    },
    async remove(ids) {
      if (ids.length > 0) await area.remove(ids.map(keyOf));
    },
    // The mark is one key holding the token of the last copy marked; each copy clears it only if it still holds its
    // own token, so a copy marked since keeps it. This page's marks and clears run one after another, so a clear's
    // read and removal never straddle a mark set here; another page's mark can land between them only within that one
    // storage round trip, and only if its copy is then also cut short is the mark missed (the next browser start syncs
    // everything anyway).
    markPending(kind = 'copy') {
      const token = `${kind === 'recovery' ? RECOVERY_MARK : ''}${Date.now()}-${Math.random().toString(36).slice(2)}`;
      return queued(async () => {
        // A recovery's mark is never replaced by a copy's (whose clearing would then lose it): it already makes the
        // background sync, after finishing the recovery. The copy then has no mark of its own to clear ('').
        if (kind !== 'recovery' && (await pendingMark(area))?.startsWith(RECOVERY_MARK)) return '';
        await area.set({ [BACKUP_PENDING_KEY]: token });
        return token;
      });
    },
    clearPending(token) {
      return queued(async () => { if (token) await clearMark(area, token); });
    },
    async readAll() {
      const items = await area.get(null);
      const notes: Annotation[] = [];
      for (const [key, value] of Object.entries(items)) {
        const note = key.startsWith(BACKUP_PREFIX) ? readBackupEntry(value) : null;
        // An entry whose id went missing (a damaged profile) still has it in its key: without it, the note could
        // be neither put back nor matched to its entry by the sync.
        if (note) notes.push(typeof note.id === 'string' && note.id.length > 0 ? note : { ...note, id: key.slice(BACKUP_PREFIX.length) });
      }
      return notes;
    },
  };
}

/** A recovery's mark starts with this (see NotesBackup.markPending). */
export const RECOVERY_MARK = 'recovery:';

/** The mark's token: a copy (or a recovery) under way or cut short; undefined when there is none. */
export async function pendingMark(area: Pick<BackupArea, 'get'>): Promise<string | undefined> {
  const value = (await area.get(BACKUP_PENDING_KEY))[BACKUP_PENDING_KEY];
  return value === undefined ? undefined : String(value);
}

/**
 * Resolves once the area has answered a read — in the background's first one, its move out of storage.local has
 * settled, done or failed — or after `ms`, whichever comes first. Never rejects.
 */
export function backupSettled(area: Pick<BackupArea, 'get'>, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    void pendingMark(area).catch(() => undefined).then(() => { clearTimeout(timer); resolve(); });
  });
}

/** Removes the mark if it still holds `token`. */
async function clearMark(area: BackupArea, token: string): Promise<void> {
  if ((await pendingMark(area)) === token) await area.remove(BACKUP_PENDING_KEY);
}

/**
 * Makes the backup match the database: notes saved before the backup existed are copied, entries whose note was
 * deleted are dropped, entries whose note the database lacks altogether are put back in it. Never removes anything
 * from the database. The mark is read before the notes are: it is cleared afterwards only if it still holds what was read then, so a copy marked meanwhile (an import begun during the sync)
 * keeps its mark. A recovery's mark says the database is still being refilled from the backup: that is finished
 * first (`resumeRecovery`), or the sync would drop from the backup the notes not yet put back.
 */
export async function syncBackup(deps: BackupSyncDeps): Promise<void> {
  const { area, backup } = deps;
  const mark = await pendingMark(area);
  if (mark?.startsWith(RECOVERY_MARK)) await deps.resumeRecovery();
  // The backup is read before the database: a note deleted between the two reads is then in the trash, not live,
  // and its entry is dropped rather than copied back.
  const saved = await backup.readAll();
  let live = await deps.listAll();
  let liveIds = new Set(live.map((n) => n.id));
  if (saved.some((n) => !liveIds.has(n.id))) {
    // An entry is dropped only when its note is in the trash, its grace period over or not (its delete's copy failed).
    // One whose note the database does not hold at all is put back instead: the database was lost and its recovery
    // could not read the backup (a full disk, Cache Storage failing), in this page or another one since closed, with no
    // mark left. A note purged for good is never such a note: the purge removes its entry first and purges nothing when
    // that fails, and never runs while a recovery reads and merges (NotesRepository.purgeDeleted). So no note is lost,
    // whatever failed in between, and none deleted comes back: the sync removes an entry only where the database still
    // holds its note.
    const trashed = new Set(await deps.listTrashedIds());
    if (saved.some((n) => !liveIds.has(n.id) && !trashed.has(n.id))) {
      await deps.resumeRecovery();
      live = await deps.listAll();
      liveIds = new Set(live.map((n) => n.id));
    }
    await backup.remove(saved.filter((n) => !liveIds.has(n.id) && trashed.has(n.id)).map((n) => n.id));
  }
  const savedById = new Map(saved.map((n) => [n.id, n]));
  const missing = live.filter((n) => savedById.get(n.id)?.modified !== n.modified);
  await backup.put(missing);
  if (mark !== undefined) await (backup.clearPending ? backup.clearPending(mark) : clearMark(area, mark));
}

export interface BackupSyncDeps {
  /** The backup's area, where the mark is. */
  area: BackupArea;
  backup: NotesBackup;
  /** Every live note (NotesRepository.listAll). */
  listAll(): Promise<Annotation[]>;
  /** The ids of every note in the trash, its grace period over or not (NotesRepository.listTrashedIds). */
  listTrashedIds(): Promise<string[]>;
  /** Finishes a recovery cut short (NotesRepository.resumeRecovery). */
  resumeRecovery(): Promise<void>;
}

/**
 * When the background syncs the backup. The sync reads every note twice over, so it runs when the browser starts,
 * when Backstory is installed or updated, and at any other start of the background only while a copy is marked
 * (one under way or cut short): the service worker starts again after every half minute idle, often because the
 * popup just opened, which a full sync would slow. A browser start that applies an update fires both events, and the
 * mark may be there too: one sync runs, and a request while it runs is served by it (`sync` returns the one under
 * way) — every request asks for the same thing, the database as it is now, and a change committed after the
 * running sync read it is marked by its own copy.
 */
export function startBackupSync(deps: BackupSyncDeps & {
  onStartup(listener: () => void): void;
  onInstalled(listener: () => void): void;
}): { sync(): Promise<void>; started: Promise<void> } {
  let running: Promise<void> | null = null;
  const sync = () => {
    running ??= syncBackup(deps).finally(() => { running = null; });
    return running;
  };
  const quiet = () => void sync().catch(() => undefined);
  deps.onStartup(quiet);
  deps.onInstalled(quiet);
  const started = pendingMark(deps.area).then((mark) => (mark === undefined ? undefined : sync()), () => undefined).catch(() => undefined);
  return { sync, started };
}
