// The notes repository: the only code that reads or writes the notes database. It runs wherever the database
// is opened — the background (for content scripts, the context menu and housekeeping) and Backstory's own
// pages (popup, options), which share the extension's origin and so the same database, and which use it
// directly so that a 15 MB import or export is never copied through messaging.
//
// What it guarantees, in every context:
//  - every record it writes passes the one schema (./schema.ts, ./limits.ts), so anything stored can be
//    edited, deleted and restored by every other path;
//  - a delete is soft: the record moves whole to the trash, and `restore(id)` puts it back unchanged, from
//    any context, until the grace period ends (`purgeDeleted`);
//  - each committed change is reported once through `onChange` (each context wires that to the change feed:
//    the background relays it to open pages, see entrypoints/background/notes.ts);
//  - every committed change is mirrored to a backup outside the database (`backup`), and a database the
//    browser lost (created again from nothing) is refilled from it before anything else reads it;
//  - after a write fails for lack of space or a storage fault, it stops writing (`fault`) and says so plainly,
//    rather than trying again into a failing disk; reads (and so exports) keep working.
import { unwrap } from 'idb';
import { describeIssues, parseOrThrow, requiredMessages, ValidationError } from '../validation';
import { createDbHandle, type NotesDb } from './db';
import { annotationSchema, newAnnotationSchema, patchSchema, plainRecord } from './schema';
import { byCreatedDesc, matchesQuery, parseQuery, retainFolds, sortByModifiedDesc } from './search';
import { sortNotes } from './order';
import { foldForSearch } from './fold';
import { LIMITS, cleanTags } from './limits';
import { ANNOTATIONS_STORE, TRASH_STORE, type Annotation, type DeletedAnnotation, type NoteTarget, type ReferenceLink } from './types';
import type { LocksLike } from './backup-cache';
import { inTurn } from './in-turn';

/** A write failed; `message` is written for the reader (shown as is). */
export class NotesError extends Error {
  constructor(message: string, readonly reason: 'disk' | 'conflict' | 'not-found' | 'invalid' | 'write') {
    super(message);
    this.name = 'NotesError';
  }
}

export interface NewAnnotation {
  url: string;
  title: string;
  text: string;
  tags?: string[];
  target?: NoteTarget;
  reference?: ReferenceLink;
}

/** The fields an edit may change. */
export type AnnotationPatch = Partial<Pick<Annotation, 'text' | 'tags' | 'title'>>;

/** What changed, for whoever shows notes: the pages' URLs (normalised), or every page. */
export interface NotesChange {
  kind: 'saved' | 'deleted' | 'restored' | 'imported' | 'cleared' | 'recovered' | 'purged';
  urls: string[] | 'all';
}

export interface ImportCounts {
  /** Not in the database before. */
  added: number;
  /** In the database with an older `modified`: replaced. */
  updated: number;
  /** In the database already, same or newer: kept as it was. */
  skipped: number;
}

/** A copy of the live notes outside the database, written after each committed change. */
export interface NotesBackup {
  put(records: readonly Annotation[]): Promise<void>;
  remove(ids: readonly string[]): Promise<void>;
  readAll(): Promise<Annotation[]>;
  /**
   * Marks a copy as under way, resolving with the mark's token once the mark is stored: a copy cut short (the page
   * closed, the write failed) is then completed when the background next starts (syncBackup), which otherwise need
   * not read every note. `recovery` says the database is being refilled from the backup (not the other way).
   */
  markPending?(kind?: 'copy' | 'recovery'): Promise<string>;
  /** Clears the mark if it still holds `token`: one set since (another copy, in this page or another) stays. */
  clearPending?(token: string): Promise<void>;
}

export interface RepositoryOptions {
  now?: () => Date;
  newId?: () => string;
  onChange?(change: NotesChange): void;
  backup?: NotesBackup;
  /** How long a deleted note can be restored. */
  graceMs?: number;
  /** Notes per write of an import's backup copy: each is a task of its own, so the page paints between them. */
  copyChunk?: number;
  /** navigator.locks (the default where there is one): orders the purge and the recovery across contexts (see `purgeLock`). */
  locks?: LocksLike;
}

/** A recovery that could not read the backup is tried again at most this often (see NotesRepository.db). */
export const RECOVERY_RETRY_MS = 30_000;

/** The lock the purge and the recovery take (see NotesRepository.purgeLock). */
const PURGE_LOCK = 'backstory-notes-purge';

/** Without navigator.locks (no supported browser lacks it), the purge and the recovery are ordered in this context only. */
const localTurn = inTurn();
const localLocks: LocksLike = { request: (_name, callback) => localTurn(callback) };

/** Up to this many deleted notes are looked up one by one to see whether they are live again (see listDeleted). */
const LIVE_LOOKUPS = 64;

/** Thirty days: long enough to notice a mistake, short enough that the trash does not grow for ever. */
export const DELETE_GRACE_MS = 30 * 24 * 60 * 60 * 1000;

/** "delete the note" → the reader's message for a failed write. */
export function describeWriteError(error: unknown, action: string): NotesError {
  if (error instanceof NotesError) return error;
  if (error instanceof ValidationError) return new NotesError(`Could not ${action}: ${error.problems[0] ?? 'the note is malformed'}.`, 'invalid');
  if (isStorageFault(error)) return diskError(action);
  const name = (error as { name?: string } | null)?.name;
  // An object without a message (a bare error name) reads as its name, never as "[object Object]".
  const message = (error as { message?: string } | null)?.message ?? (error !== null && typeof error === 'object' ? '' : String(error));
  // The browser's own message may already end a sentence: one full stop, never "..".
  return new NotesError(`Could not ${action}: ${(message || name || 'the database refused the write').replace(/[.\s]+$/, '')}.`, 'write');
}

function diskError(action: string): NotesError {
  return new NotesError(
    `Could not ${action}: the browser could not write to the disk (it may be full). Notes you saved before are safe. ` +
      'Export them now, then free some disk space and try again.',
    'disk',
  );
}

/**
 * Waits for the requests and the commit. When the browser aborts the transaction, each request fails with a
 * bare AbortError; the transaction's own error says why (a quota or I/O error), so that is the one thrown.
 */
export async function settle(tx: { done: Promise<void>; error: DOMException | null }, ...requests: Promise<unknown>[]): Promise<void> {
  try {
    await Promise.all([...requests, tx.done]);
  } catch (error) {
    throw tx.error ?? error;
  }
}

/**
 * Quota errors, and the I/O errors Chromium reports when its database files cannot be written or opened
 * ("IO error: … FILE_ERROR_NO_SPACE", "Failed to write blobs", "Internal error opening backing store").
 */
export function isStorageFault(error: unknown): boolean {
  const name = (error as { name?: string } | null)?.name ?? '';
  const message = (error as { message?: string } | null)?.message ?? '';
  // An abort Backstory did not ask for (its own aborts throw NotesError first) is the browser giving up on the
  // write: in practice a quota or I/O failure whose cause it did not pass on.
  return name === 'QuotaExceededError' || name === 'AbortError' ||
    /quota|IO ?error|no[_ ]space|disk|Failed to write|backing store|transaction was aborted/i.test(`${name} ${message}`);
}

/** Strictly increasing ISO timestamps per record, even when two edits land in the same millisecond. */
function nextModified(now: Date, previous: string | undefined): string {
  const prev = previous ? Date.parse(previous) : NaN;
  const t = Number.isFinite(prev) && prev >= now.getTime() ? prev + 1 : now.getTime();
  return new Date(t).toISOString();
}

function isNewer(incoming: Annotation, stored: Annotation): boolean {
  // Instants, not strings: "10:00+02:00" is older than "09:00Z". A stored date that does not parse loses.
  return !(Date.parse(stored.modified) >= Date.parse(incoming.modified));
}

const urlsOf = (notes: readonly Annotation[]) => [...new Set(notes.map((n) => n.url))];

/**
 * How far a date's wall-clock time can be from its instant: the widest offset the schema accepts (±23:59, not only
 * the ±14 hours real zones use, since imported files carry what other tools wrote), and the seconds a minute drops.
 */
const OFFSET_SPAN_MS = (24 * 60) * 60_000;
/** Twice that: from the window's edge by text to the last note that can be in it by time (see listFirst). */
const WINDOW_SPAN_MS = 2 * OFFSET_SPAN_MS;

/** The wall-clock minute an ISO date's text starts with ("2026-01-02T03:04"), read as UTC; NaN for anything else. */
function wallClock(key: IDBValidKey): number {
  return typeof key === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(key) ? Date.parse(`${key.slice(0, 16)}Z`) : NaN;
}

const minute = (t: number) => new Date(t).toISOString().slice(0, 16);

/** An import's failure in the reader's words: nothing of the file was written. */
function importError(error: unknown): NotesError {
  const reason = error instanceof NotesError ? error.reason : 'write';
  const detail = error instanceof Error ? error.message.replace(/^Could not import the file: /, '') : String(error);
  const safe = reason === 'disk' ? '' : ' The notes you saved before are as they were.';
  return new NotesError(`Nothing was imported: ${detail}${safe}`, reason);
}

export class NotesRepository {
  private readonly now: () => Date;
  private readonly newId: () => string;
  private readonly graceMs: number;
  private readonly copyChunk: number;
  private readonly locks: LocksLike;
  private faultError: NotesError | null = null;
  private readonly faultListeners = new Set<(fault: NotesError | null) => void>();
  private opened: Promise<NotesDb> | null = null;
  private recoveredCount = 0;
  /** The database was created from nothing and the backup could not be read yet (see `recover`). */
  private recoveryOwed = false;
  private recoveryRetry: Promise<void> | null = null;
  /** When the backup was last read for a recovery (see `db`). */
  private recoveryTriedAt = 0;
  /** The backup's operations, one after another in the order of the writes (see `queued`). */
  private backupQueue: Promise<void> = Promise.resolve();
  /** Writes whose backup copy is not yet written (see beginCopy), and the mark they share. */
  private copies = 0;
  private mark: Promise<string | undefined> | null = null;
  /** A copy failed: the mark stays for the background to complete it, so this page never clears one again. */
  private copyFailed = false;

  /**
   * `open` is the database handle (lib/notes/db.ts createDbHandle); `created()` says whether that open made
   * the database from nothing, so a lost one is refilled from the backup.
   */
  constructor(
    private readonly open: () => Promise<NotesDb>,
    private readonly options: RepositoryOptions & { created?: () => boolean } = {},
  ) {
    this.now = options.now ?? (() => new Date());
    this.newId = options.newId ?? (() => crypto.randomUUID());
    this.graceMs = options.graceMs ?? DELETE_GRACE_MS;
    this.copyChunk = options.copyChunk ?? 2000;
    this.locks = options.locks ?? (globalThis as { navigator?: { locks?: LocksLike } }).navigator?.locks ?? localLocks;
  }

  /** The storage fault that stopped writing, if any (cleared by `retry`). */
  get fault(): NotesError | null {
    return this.faultError;
  }

  /** Told when writing stops for a storage fault, and when it may resume. Returns the unsubscribe. */
  onFault(listener: (fault: NotesError | null) => void): () => void {
    this.faultListeners.add(listener);
    return () => this.faultListeners.delete(listener);
  }

  /** Lets writes try again (after the reader freed some space). */
  retry(): void {
    this.setFault(null);
  }

  /** How many notes were put back from the backup because the browser had lost the database (0 usually). */
  get recovered(): number {
    return this.recoveredCount;
  }

  // ---- reads -------------------------------------------------------------------------------------

  async get(id: string): Promise<Annotation | undefined> {
    return (await this.db()).get(ANNOTATIONS_STORE, id);
  }

  /** A page's notes, newest first. */
  async listByUrl(url: string): Promise<Annotation[]> {
    return (await (await this.db()).getAllFromIndex(ANNOTATIONS_STORE, 'url', url)).sort(byCreatedDesc);
  }

  /** Every note, most recently modified first (the one order of "everything", wherever it is shown). */
  async listAll(): Promise<Annotation[]> {
    return sortByModifiedDesc(await (await this.db()).getAll(ANNOTATIONS_STORE));
  }

  /**
   * The first `limit` notes of the newest-first (or oldest-first) order, without reading (or counting: a count
   * walks the whole store) the others: the library draws these while it reads the rest. The same notes, in the
   * same order, as the start of `sortNotes(listAll(), order)`.
   *
   * The `created` index orders the dates as text, and a date may carry any offset from UTC ("…T10:00+02:00"), so
   * the text order is only near the order in time. The window is read wide enough to hold every note that can
   * belong to it, then sorted in time: with T the wall-clock time of the `limit`-th note by text, `limit` notes
   * were written after T less 24 hours (an offset the schema accepts is at most 23:59), so every note of the window
   * was too, and its text says after T less 48 hours. One read of the notes whose text says so holds them all (a few more than
   * `limit` in a real library); the oldest-first window is the same, the other way.
   */
  async listFirst(order: 'newest' | 'oldest', limit: number): Promise<Annotation[]> {
    const db = await this.db();
    const tx = db.transaction(ANNOTATIONS_STORE);
    const index = tx.store.index('created');
    const newest = order === 'newest';
    let cursor = await index.openKeyCursor(null, newest ? 'prev' : 'next');
    if (cursor && limit > 1) cursor = await cursor.advance(limit - 1);
    const wall = cursor ? wallClock(cursor.key) : NaN;
    let notes: Annotation[] | null = null;
    if (!Number.isNaN(wall)) {
      const edge = minute(wall + (newest ? -1 : 1) * WINDOW_SPAN_MS);
      notes = await index.getAll(newest ? IDBKeyRange.lowerBound(edge) : IDBKeyRange.upperBound(`${edge}\uffff`));
      // Only as good as the dates: unless `limit` of them are real dates on the right side of T, read everything.
      const sure = notes.filter((n) => (newest ? Date.parse(n.created) >= wall - OFFSET_SPAN_MS : Date.parse(n.created) <= wall + OFFSET_SPAN_MS)).length;
      if (sure < limit) notes = null;
    }
    // Fewer notes than the window (or a date that is not one): they are all of it.
    notes ??= await tx.store.getAll();
    await tx.done;
    return sortNotes(notes, order).slice(0, limit);
  }

  async count(): Promise<number> {
    return (await this.db()).count(ANNOTATIONS_STORE);
  }

  /**
   * Notes whose text, quote, tags, page title or linked reference item contain every word of `query`,
   * ignoring case and accents; `#tag` words must match a tag. Most recently modified first.
   */
  async search(query: string, limit = 200): Promise<Annotation[]> {
    const terms = parseQuery(query);
    if (terms.words.length === 0 && terms.tags.length === 0) return [];
    const hits: Annotation[] = [];
    const all = await this.listAll();
    retainFolds(all);
    for (const note of all) {
      if (!matchesQuery(note, terms)) continue;
      hits.push(note);
      if (hits.length >= limit) break;
    }
    return hits;
  }

  /**
   * Deleted notes still in their grace period, most recently deleted first; one page's with `url`. A note that is
   * live again is not listed, though its trash entry may stay: imports before this version brought notes back
   * without taking them out of the trash. Restoring one returns the live note, which empties the entry.
   */
  async listDeleted(url?: string): Promise<DeletedAnnotation[]> {
    const db = await this.db();
    const tx = db.transaction([ANNOTATIONS_STORE, TRASH_STORE]);
    const trash = tx.objectStore(TRASH_STORE);
    const all = url === undefined ? await trash.getAll() : await trash.index('url').getAll(url);
    const cutoff = this.now().getTime() - this.graceMs;
    const kept = all.filter((d) => Date.parse(d.deleted) >= cutoff);
    // Which of them are live: a few are looked up one by one; many (after a delete-all, when few notes are live)
    // against the live notes' keys.
    const notes = tx.objectStore(ANNOTATIONS_STORE);
    const live = kept.length === 0
      ? new Set<IDBValidKey>()
      : kept.length <= LIVE_LOOKUPS
        ? new Set((await Promise.all(kept.map((d) => notes.getKey(d.id)))).filter((key) => key !== undefined))
        : new Set(await notes.getAllKeys());
    await tx.done;
    return kept.filter((d) => !live.has(d.id)).sort((a, b) => (a.deleted < b.deleted ? 1 : a.deleted > b.deleted ? -1 : 0));
  }

  /**
   * The ids of every note in the trash, its grace period over or not: one past it stays there until the purge, which
   * removes its backup entry first, so the backup's sync drops its entry rather than putting the note back.
   */
  async listTrashedIds(): Promise<string[]> {
    const db = await this.db();
    return (await db.getAllKeys(TRASH_STORE)).map(String);
  }

  // ---- writes ------------------------------------------------------------------------------------

  async create(input: NewAnnotation): Promise<Annotation> {
    const clean = this.checked(() => parseOrThrow(newAnnotationSchema, input, 'note'), 'save the note');
    const stamp = this.now().toISOString();
    const record: Annotation = {
      id: this.newId(),
      url: clean.url,
      title: clean.title,
      created: stamp,
      modified: stamp,
      text: clean.text,
      tags: clean.tags ?? [],
      ...(clean.target ? { target: clean.target } : {}),
      ...(clean.reference ? { reference: clean.reference } : {}),
    };
    await this.writeAndCopy('save the note', async (db) => {
      const tx = db.transaction(ANNOTATIONS_STORE, 'readwrite');
      // add, not put: a duplicate id is an error rather than a silent overwrite of someone else's note.
      await settle(tx, tx.store.add(record));
    }, () => ({ change: { kind: 'saved', urls: [record.url] }, mirror: (backup) => backup.put([record]) }));
    return record;
  }

  /**
   * Applies `patch` to the stored record in one transaction. Only the fields in `patch` are checked: a record
   * that an older version stored, or that came from a file, stays editable whatever its other fields hold.
   * With `base` (the values the editor started from), a field that someone else changed meanwhile to
   * something else is a conflict rather than a silent overwrite; fields nobody else touched merge.
   */
  async update(id: string, patch: AnnotationPatch, base?: AnnotationPatch): Promise<Annotation> {
    const clean = this.checked(() => parseOrThrow(patchSchema, patch, 'edit'), 'save your changes') as AnnotationPatch;
    for (const key of Object.keys(clean) as (keyof AnnotationPatch)[]) if (clean[key] === undefined) delete clean[key];
    return this.writeAndCopy('save your changes', async (db) => {
      const tx = db.transaction(ANNOTATIONS_STORE, 'readwrite');
      const current = await tx.store.get(id);
      if (!current) {
        tx.abort();
        await tx.done.catch(() => undefined);
        throw new NotesError('This note no longer exists (it was deleted, perhaps in another window).', 'not-found');
      }
      if (base) {
        for (const key of Object.keys(clean) as (keyof AnnotationPatch)[]) {
          if (!(key in base)) continue;
          const stored = JSON.stringify(current[key]);
          if (stored !== JSON.stringify(base[key]) && stored !== JSON.stringify(clean[key])) {
            tx.abort();
            await tx.done.catch(() => undefined);
            throw new NotesError(`This note's ${key} was changed in another window meanwhile; reopen it to see the latest version.`, 'conflict');
          }
        }
      }
      const updated: Annotation = { ...current, ...clean, modified: nextModified(this.now(), current.modified) };
      await settle(tx, tx.store.put(updated));
      return updated;
    }, (next) => ({ change: { kind: 'saved', urls: [next.url] }, mirror: (backup) => backup.put([next]) }));
  }

  /**
   * The reader's edit of `note` as they saw it: only the fields in `patch` are written, and a field that someone
   * else changed meanwhile to something else is a conflict (`update` with the values the editor started from).
   */
  edit(note: Annotation, patch: AnnotationPatch): Promise<Annotation> {
    const base: AnnotationPatch = {};
    if (patch.text !== undefined) base.text = note.text;
    if (patch.tags !== undefined) base.tags = note.tags;
    if (patch.title !== undefined) base.title = note.title;
    return this.update(note.id, patch, base);
  }

  /**
   * Moves the note to the trash (whole, as stored) and returns it; null if it was already gone. It can be
   * restored by id from any context until the grace period ends.
   */
  async remove(id: string): Promise<Annotation | null> {
    return this.writeAndCopy('delete the note', async (db) => {
      const tx = db.transaction([ANNOTATIONS_STORE, TRASH_STORE], 'readwrite');
      const notes = tx.objectStore(ANNOTATIONS_STORE);
      const current = await notes.get(id);
      if (current) {
        await tx.objectStore(TRASH_STORE).put({ id, deleted: this.now().toISOString(), note: current });
        await notes.delete(id);
      }
      await tx.done;
      return current ?? null;
    }, (removed) => (removed ? { change: { kind: 'deleted', urls: [removed.url] }, mirror: (backup) => backup.remove([id]) } : null));
  }

  /**
   * Puts a deleted note back exactly as it was: no check runs on it (it was stored once; it may predate
   * today's rules). A note with the same id that exists meanwhile (re-imported, say) wins and is returned.
   */
  async restore(id: string): Promise<Annotation> {
    return this.writeAndCopy('restore the note', async (db) => {
      const tx = db.transaction([ANNOTATIONS_STORE, TRASH_STORE], 'readwrite');
      const trash = tx.objectStore(TRASH_STORE);
      const entry = await trash.get(id);
      const existing = await tx.objectStore(ANNOTATIONS_STORE).get(id);
      if (!entry && !existing) {
        tx.abort();
        await tx.done.catch(() => undefined);
        throw new NotesError('This note can no longer be restored: its time in the trash is over.', 'not-found');
      }
      if (entry && !existing) await tx.objectStore(ANNOTATIONS_STORE).add(entry.note);
      if (entry) await trash.delete(id);
      await tx.done;
      return existing ?? entry!.note;
    }, (restored) => ({ change: { kind: 'restored', urls: [restored.url] }, mirror: (backup) => backup.put([restored]) }));
  }

  /**
   * Moves every note to the trash in one transaction (each restorable by id); returns their ids. The backup drops the
   * entries of those notes alone, not all it holds: it may hold notes the database does not yet (a recovery that
   * could not read it is owed, here or in another context), which would otherwise be in no store at all.
   */
  async removeAll(): Promise<string[]> {
    const stamp = this.now().toISOString();
    return this.writeAndCopy('delete your notes', async (db) => {
      const tx = db.transaction([ANNOTATIONS_STORE, TRASH_STORE], 'readwrite');
      const all = await tx.objectStore(ANNOTATIONS_STORE).getAll();
      const trash = tx.objectStore(TRASH_STORE);
      for (const note of all) void trash.put({ id: note.id, deleted: stamp, note });
      await tx.objectStore(ANNOTATIONS_STORE).clear();
      await tx.done;
      return all.map((n) => n.id);
    }, (ids) => (ids.length > 0 ? { change: { kind: 'cleared', urls: 'all' }, mirror: (backup) => backup.remove(ids) } : null));
  }

  /**
   * Moves the given notes to the trash in one transaction (a bulk delete), each restorable by id; returns the ids
   * that were there to delete (one deleted meanwhile elsewhere is skipped).
   */
  async removeMany(ids: readonly string[]): Promise<string[]> {
    const stamp = this.now().toISOString();
    const removed = await this.writeAndCopy('delete the notes', async (db) => {
      const tx = db.transaction([ANNOTATIONS_STORE, TRASH_STORE], 'readwrite');
      const notes = tx.objectStore(ANNOTATIONS_STORE);
      const trash = tx.objectStore(TRASH_STORE);
      const gone: Annotation[] = [];
      for (const id of new Set(ids)) {
        const current = await notes.get(id);
        if (!current) continue;
        await trash.put({ id, deleted: stamp, note: current });
        await notes.delete(id);
        gone.push(current);
      }
      await tx.done;
      return gone;
    }, (gone) => (gone.length > 0 ? { change: { kind: 'deleted', urls: urlsOf(gone) }, mirror: (backup) => backup.remove(gone.map((n) => n.id)) } : null));
    return removed.map((n) => n.id);
  }

  /**
   * Adds a tag to the given notes, or removes it (compared ignoring case and accents), in one transaction. Only
   * the tag is checked: the notes' other tags, whatever an older version or a file stored, stay as they are. A
   * note that already has as many tags as a note may hold is left unchanged and counted in `full`.
   */
  async tagMany(ids: readonly string[], tag: string, action: 'add' | 'remove'): Promise<{ changed: number; full: number }> {
    const [clean] = cleanTags([tag]);
    if (!clean) throw new NotesError('Could not tag the notes: the tag is empty.', 'invalid');
    const key = foldForSearch(clean);
    const stamp = this.now();
    const result = await this.writeAndCopy(action === 'add' ? 'tag the notes' : 'untag the notes', async (db) => {
      const tx = db.transaction(ANNOTATIONS_STORE, 'readwrite');
      const changed: Annotation[] = [];
      let full = 0;
      for (const id of new Set(ids)) {
        const current = await tx.store.get(id);
        if (!current) continue;
        const has = current.tags.some((t) => foldForSearch(t) === key);
        if (action === 'add' ? has : !has) continue;
        if (action === 'add' && current.tags.length >= LIMITS.tags) {
          full++;
          continue;
        }
        const tags = action === 'add' ? [...current.tags, clean] : current.tags.filter((t) => foldForSearch(t) !== key);
        const next: Annotation = { ...current, tags, modified: nextModified(stamp, current.modified) };
        await tx.store.put(next);
        changed.push(next);
      }
      await tx.done;
      return { changed, full };
    }, ({ changed }) => (changed.length > 0 ? { change: { kind: 'saved', urls: urlsOf(changed) }, mirror: (backup) => backup.put(changed) } : null));
    return { changed: result.changed.length, full: result.full };
  }

  /** Restores many deleted notes in one transaction (undo of a delete-all); notes that exist meanwhile win. */
  async restoreMany(ids: readonly string[]): Promise<number> {
    const restored = await this.writeAndCopy('restore your notes', async (db) => {
      const tx = db.transaction([ANNOTATIONS_STORE, TRASH_STORE], 'readwrite');
      const notes = tx.objectStore(ANNOTATIONS_STORE);
      const trash = tx.objectStore(TRASH_STORE);
      const back: Annotation[] = [];
      for (const id of ids) {
        const entry = await trash.get(id);
        if (!entry) continue;
        if (!(await notes.getKey(id))) {
          await notes.add(entry.note);
          back.push(entry.note);
        }
        await trash.delete(id);
      }
      await tx.done;
      return back;
    }, (back) => (back.length > 0 ? { change: { kind: 'restored', urls: 'all' }, mirror: (backup) => backup.put(back) } : null));
    return restored.length;
  }

  /**
   * Ends the grace period of notes deleted longer ago than it: they are gone for good. Says how many. Their backup
   * entries are removed first (one left behind after the purge would be a note in neither store, which the sync puts
   * back as a lost database's): if that fails (a full disk), nothing is purged, the notes stay deleted in the trash,
   * and the purge is tried again at the next start.
   */
  async purgeDeleted(): Promise<number> {
    // Opened (and refilled, if the browser lost the database) before the lock, which that recovery takes too.
    await this.db();
    return this.purgeLock(() => this.purgeExpired());
  }

  private async purgeExpired(): Promise<number> {
    const cutoff = new Date(this.now().getTime() - this.graceMs).toISOString();
    const expired = await this.write('empty the trash', async (db) =>
      (await db.getAllKeysFromIndex(TRASH_STORE, 'deleted', IDBKeyRange.upperBound(cutoff, true))).map(String));
    if (expired.length === 0) return 0;
    const backup = this.options.backup;
    let ok = true;
    if (backup) {
      await this.beginCopy();
      await this.queued(() => backup.remove(expired).catch((error: unknown) => {
        ok = false;
        throw error;
      }));
      if (!ok) {
        this.endCopy(false);
        throw new NotesError('Could not empty the trash: the backup could not be updated.', 'write');
      }
    }
    try {
      const { purged, live } = await this.write('empty the trash', async (db) => {
        const tx = db.transaction([ANNOTATIONS_STORE, TRASH_STORE], 'readwrite');
        const trash = tx.objectStore(TRASH_STORE);
        const notes = tx.objectStore(ANNOTATIONS_STORE);
        let purged = 0;
        // Live now (restored or imported since the ids were read, or a stale entry an earlier version's import left):
        // its backup entry, just removed, is written again.
        const live: Annotation[] = [];
        for (const id of expired) {
          const note = await notes.get(id);
          if (note) live.push(note);
          // Deleted again since, after a restore: that delete's grace period runs on.
          const entry = await trash.get(id);
          if (!entry || entry.deleted >= cutoff) continue;
          await trash.delete(id);
          purged++;
        }
        await tx.done;
        return { purged, live };
      });
      if (backup && live.length > 0) {
        await this.queued(() => backup.put(live).catch((error: unknown) => {
          ok = false;
          throw error;
        }));
      }
      return purged;
    } catch (error) {
      ok = false; // the live notes' entries may be missing: the mark stays, and the next start's sync writes them
      throw error;
    } finally {
      if (backup) this.endCopy(ok);
    }
  }

  /**
   * Checks each record against the notes' schema (tidying what it may) and returns the records and the
   * problems ("path: message", prefixed by `pathOf(i)`), without writing anything.
   */
  static check(records: readonly unknown[], pathOf: (index: number) => string): { records: Annotation[]; problems: string[] } {
    const out: Annotation[] = [];
    const problems: string[] = [];
    records.forEach((raw, i) => {
      const plain = plainRecord(raw);
      if (plain) {
        out.push(plain as Annotation);
        return;
      }
      const result = annotationSchema.safeParse(raw, requiredMessages);
      if (result.success) out.push(result.data as Annotation);
      // One push per problem: a spread of them all overflows V8's stack past about 100,000 (a list of that many
      // tags that are not text).
      else for (const p of describeIssues(result.error.issues)) problems.push(`${pathOf(i)}${p === '(top level)' ? '' : `.${p}`}`);
    });
    return { records: out, problems };
  }

  /**
   * Writes records that passed `check`, all in one transaction: new ids are added, a stored record with an older
   * `modified` is replaced, anything else is kept. A failure (a full disk) leaves the library exactly as it was,
   * so the message can say so, and the same file can simply be imported again once the cause is gone.
   *
   * `records` may still be being read and checked (an import's file): the backup's mark, which must be stored before
   * anything is written, is then set meanwhile rather than after, and cleared if the records never come (the file was
   * refused: its error is thrown as it is) or bring nothing to write.
   */
  async importRecords(records: readonly Annotation[] | Promise<readonly Annotation[]>): Promise<ImportCounts> {
    const started = this.now().getTime();
    // Marked before the transaction can commit: a page closed between the commit and the copy leaves the mark, and
    // the background completes the copy (the notes would otherwise be in the database and not in the backup).
    const marked = records instanceof Promise ? this.beginCopy() : null;
    let list: readonly Annotation[];
    try {
      list = await records;
    } catch (error) {
      if (marked) void marked.then(() => this.endCopy(true));
      throw error;
    }
    // What is stored already, same or newer, is found first without writing: a file imported again writes nothing.
    let plan: { toWrite: Annotation[]; skipped: number };
    try {
      plan = await this.write('import the file', (db) => planImport(db, list));
    } catch (error) {
      if (marked) void marked.then(() => this.endCopy(true));
      throw importError(error);
    }
    if (plan.toWrite.length === 0) {
      if (marked) void marked.then(() => this.endCopy(true));
      return { added: 0, updated: 0, skipped: plan.skipped };
    }
    await (marked ?? this.beginCopy());
    let merged: MergeResult;
    try {
      merged = await this.write('import the file', (db) => mergeRecords(db, plan.toWrite, { fromTrash: true, startedAt: started }));
    } catch (error) {
      this.endCopy(true); // nothing was written, so there is nothing to copy
      throw importError(error);
    }
    // Committed with a failure too late to abort it: what was written is counted, and its copy stays marked.
    this.mirrorLater(merged.written, merged.whole);
    if (merged.written.length > 0) this.options.onChange?.({ kind: 'imported', urls: urlsOf(merged.written) });
    return { ...merged.counts, skipped: merged.counts.skipped + plan.skipped };
  }

  /**
   * Resolves when every copy sent to the backup so far has been written. An import does not wait for its copy: the
   * browser takes about as long to store 10,000 notes a second time as the first, and the notes are safe in the
   * database meanwhile. The copies are queued before any later write's, so the backup never holds a note a later
   * delete removed; a copy cut short (the page closed) is completed when the background next starts (syncBackup).
   */
  async backedUp(): Promise<void> {
    let last: Promise<void>;
    do {
      last = this.backupQueue;
      await last;
    } while (last !== this.backupQueue);
  }

  // ---- plumbing ----------------------------------------------------------------------------------

  /** The database, refilled from the backup first if the browser lost it. */
  private db(): Promise<NotesDb> {
    if (!this.opened) {
      this.opened = this.open().then(async (db) => {
        if (this.options.created?.() && this.options.backup) await this.recover(db).catch(() => undefined);
        return db;
      });
      this.opened.catch(() => { this.opened = null; });
    }
    // A handle that was closed (version change) reopens through `open`; recovery ran on the first. One whose backup
    // could not be read is tried again in the background, at most once every RECOVERY_RETRY_MS: nothing waits for it
    // (the backup may stay unreadable for good), and it needs no order with saves made meanwhile — the recovery
    // merges as an import does, a newer note wins and one in the trash stays deleted. A clock set back (a time sync)
    // counts as time passed, or the retry would wait until the clock caught up.
    return this.opened.then(() => {
      if (this.recoveryOwed && !this.recoveryRetry && Math.abs(this.now().getTime() - this.recoveryTriedAt) >= RECOVERY_RETRY_MS) {
        this.recoveryRetry = this.open().then((db) => this.recover(db)).catch(() => undefined).finally(() => { this.recoveryRetry = null; });
      }
      return this.open();
    });
  }

  /**
   * Refills the database from the backup, in one transaction. Marked (as a recovery) before it and cleared after:
   * a recovery cut short leaves a database that is no longer new, so the background finishes it (`resumeRecovery`)
   * before it syncs, rather than dropping from the backup the notes not yet put back. Never while a purge runs
   * (see purgeLock).
   */
  private recover(db: NotesDb, owed = true): Promise<void> {
    return this.purgeLock(() => this.refill(db, owed));
  }

  private async refill(db: NotesDb, owed: boolean): Promise<void> {
    const backup = this.options.backup!;
    // Everything the backup holds is put back as it is, even what today's schema would refuse (a newer version's
    // note, a text past today's limit): one left out would be in the backup alone, where the reader never sees it.
    // Only an entry without an id cannot be stored (it would abort the whole recovery, on every open); the storage
    // backup gives one the id its key holds (lib/notes/backup.ts).
    // A backup that cannot be read (Cache Storage failing) is not an empty one: the recovery stays owed, marked if the
    // mark can be written, and is tried again; the backup's sync never drops an entry whose note the database does
    // not hold (syncBackup), so nothing is lost meanwhile.
    // Only a database created from nothing owes its recovery here: a resumed one (the background's sync) fails the
    // sync instead, which runs again at the next start while the recovery's mark stays.
    let saved: Annotation[];
    this.recoveryTriedAt = this.now().getTime();
    try {
      saved = (await backup.readAll()).filter((r) => typeof r.id === 'string' && r.id.length > 0);
    } catch (error) {
      if (owed && !this.recoveryOwed) await backup.markPending?.('recovery').catch(() => undefined);
      if (owed) this.recoveryOwed = true;
      throw error;
    }
    this.recoveryOwed = false;
    if (saved.length === 0) return;
    const token = await backup.markPending?.('recovery').catch(() => undefined);
    // A note the backup holds that waits in the trash was deleted after the backup last saw it (that delete's copy
    // failed, or its page closed first): it stays deleted.
    const merged = await mergeRecords(db, saved, { fromTrash: false });
    // Cut short by a failure the commit did not undo: the mark stays, and the background resumes the recovery.
    if (token && merged.whole) await backup.clearPending?.(token).catch(() => undefined);
    this.recoveredCount = saved.length;
    this.options.onChange?.({ kind: 'recovered', urls: 'all' });
  }

  /**
   * Runs a purge, or a recovery from its read of the backup to its merge, never both at once, in any context. The
   * recovery takes a note in neither store for a lost one: a purge whose removal and trash delete both landed between
   * its read and its merge would make it put a note deleted for good back. Held across both, one lock makes that
   * impossible — either the recovery reads the entry and merges while the note is still in the trash (where it stays
   * deleted), or it reads after the entry is gone. Chosen over keeping the purged ids in the database, which would
   * need a new store and a version change to answer the same question. Nothing run under it waits for the other.
   */
  private purgeLock<T>(run: () => Promise<T>): Promise<T> {
    return this.locks.request(PURGE_LOCK, run);
  }

  /** Puts back from the backup the notes a recovery cut short did not (each judged as an import judges it). */
  async resumeRecovery(): Promise<void> {
    await this.recover(await this.db(), this.recoveryOwed);
  }

  private checked<T>(run: () => T, action: string): T {
    try {
      return run();
    } catch (error) {
      throw describeWriteError(error, action);
    }
  }

  private async write<T>(action: string, run: (db: NotesDb) => Promise<T>): Promise<T> {
    if (this.faultError) throw diskError(action);
    try {
      return await run(await this.db());
    } catch (error) {
      const described = describeWriteError(error, action);
      if (described.reason === 'disk') this.setFault(described);
      throw described;
    }
  }

  /**
   * Marks a copy as under way before the database write it follows, and waits until the mark is stored. A page can
   * close between the database's commit and the backup's write; set after the commit, the mark would be lost with
   * it. One mark serves every write under way in this page at once, and is cleared when the last copy is written:
   * a lone save costs two small storage writes (the mark, then its removal, not waited for) beside its own copy, a
   * few milliseconds, and a burst of saves or an import two in all, rather than a full sync at every start.
   */
  private async beginCopy(): Promise<void> {
    const backup = this.options.backup;
    if (!backup?.markPending) return;
    // A database the browser lost is refilled first, under a mark of its own that would otherwise replace this one.
    await this.db().catch(() => undefined);
    this.copies++;
    this.mark ??= backup.markPending().catch(() => undefined);
    await this.mark;
  }

  /** A write's copy is written (`ok`), failed, or was not needed: the last one clears the mark unless one failed. */
  private endCopy(ok: boolean): void {
    const backup = this.options.backup;
    if (!backup?.markPending) return;
    if (!ok) this.copyFailed = true;
    if (--this.copies > 0) return;
    const mark = this.mark;
    this.mark = null;
    if (this.copyFailed || !mark) return; // a copy failed: the background completes it at its next start
    void this.queued(async () => {
      const token = await mark;
      if (token) await backup.clearPending?.(token);
    });
  }

  /**
   * A write whose committed change is copied to the backup and announced: `copy` says what changed (null: nothing).
   * A failing backup never undoes the saved note; it leaves the mark.
   */
  private async writeAndCopy<T>(
    action: string,
    run: (db: NotesDb) => Promise<T>,
    copy: (result: T) => { change: NotesChange; mirror: (backup: NotesBackup) => Promise<void> } | null,
  ): Promise<T> {
    await this.beginCopy();
    let result: T;
    try {
      result = await this.write(action, run);
    } catch (error) {
      this.endCopy(true);
      throw error;
    }
    const then = copy(result);
    const backup = this.options.backup;
    let ok = true;
    if (then && backup) {
      await this.queued(() => then.mirror(backup).catch((error: unknown) => {
        ok = false;
        throw error;
      }));
    }
    this.endCopy(ok);
    if (then) this.options.onChange?.(then.change);
    return result;
  }

  /**
   * Queues `records` for the backup, a chunk at a time, each in a task of its own: the browser converts what it
   * stores on the page's main thread, so the page paints and answers input between chunks. Ends the copy begun
   * before the import's write; not `whole` (the write committed part of its records), it leaves the mark.
   */
  private mirrorLater(records: readonly Annotation[], whole = true): void {
    const backup = this.options.backup;
    if (!backup) return;
    let complete = whole;
    for (let at = 0; at < records.length; at += this.copyChunk) {
      const part = records.slice(at, at + this.copyChunk);
      void this.queued(async () => {
        await new Promise((next) => setTimeout(next, 0));
        await backup.put(part).catch((error: unknown) => {
          complete = false;
          throw error;
        });
      });
    }
    // A copy that failed part-way stays marked: the next start completes it.
    void this.queued(async () => this.endCopy(complete));
  }

  /** Runs a backup operation after every one queued before it, so the backup sees the writes in their order. */
  private queued(op: () => Promise<void> | undefined): Promise<void> {
    const next = this.backupQueue.then(op).catch(() => undefined);
    this.backupQueue = next;
    return next;
  }

  private setFault(fault: NotesError | null): void {
    this.faultError = fault;
    for (const listener of this.faultListeners) listener(fault);
  }
}

interface MergeResult {
  counts: ImportCounts;
  written: Annotation[];
  /** False when a step failed after the transaction could no longer be aborted: it committed only part of its work. */
  whole: boolean;
}

/**
 * Reading one stored note by its id costs the page about as much as reading this many in one getAll (each request
 * is a round trip to the browser's database and an event): below it, the notes an import brings again are read one
 * by one; above it, the stored range they fall in is read at once.
 */
const NOTES_PER_GET = 16;

/** A list's newest copy of each id (a file is refused for naming one twice; a backup cannot), split by whether stored. */
function partition(records: readonly Annotation[], stored: ReadonlySet<IDBValidKey>): { known: Annotation[]; fresh: Annotation[]; repeats: number } {
  const latest = new Map<string, Annotation>();
  let repeats = 0;
  for (const record of records) {
    const seen = latest.get(record.id);
    if (seen === undefined) latest.set(record.id, record);
    else {
      repeats++;
      if (isNewer(record, seen)) latest.set(record.id, record);
    }
  }
  const known: Annotation[] = [];
  const fresh: Annotation[] = [];
  for (const record of latest.values()) (stored.has(record.id) ? known : fresh).push(record);
  return { known, fresh, repeats };
}

/**
 * Reads the stored entries of `ids` (keys the transaction read as stored): one by one when they are a small part of
 * the store, else in one getAll of the range they fall in. Calls `then` once all are read.
 */
function readStored<T extends { id: string }>(store: IDBObjectStore, ids: readonly string[], storedCount: number, then: (current: (id: string) => T | undefined) => void): void {
  if (ids.length === 0) {
    then(() => undefined);
  } else if (ids.length * NOTES_PER_GET < storedCount) {
    const found = new Map<string, T>();
    let left = ids.length;
    for (const id of ids) {
      const request = store.get(id);
      request.onsuccess = () => {
        if (request.result !== undefined) found.set(id, request.result as T);
        if (--left === 0) then((wanted) => found.get(wanted));
      };
    }
  } else {
    let low = ids[0]!;
    let high = low;
    for (const id of ids) {
      if (id < low) low = id;
      if (id > high) high = id;
    }
    const request = store.getAll(IDBKeyRange.bound(low, high));
    request.onsuccess = () => {
      const byId = new Map((request.result as T[]).map((a) => [a.id, a]));
      then((wanted) => byId.get(wanted));
    };
  }
}

const idsOf = (records: readonly Annotation[]) => records.map((r) => r.id);

/**
 * Deletes `ids` from a store whose keys, in the store's order, are `keys`: one request for each run of them that
 * is next to each other there (the trash after a delete-all, brought back whole by an import, is one request).
 */
function deleteRuns(store: IDBObjectStore, keys: readonly IDBValidKey[], ids: ReadonlySet<string>): void {
  let first = -1;
  for (let i = 0; i <= keys.length; i++) {
    const inRun = i < keys.length && ids.has(keys[i] as string);
    if (inRun && first < 0) first = i;
    if (!inRun && first >= 0) {
      store.delete(first === i - 1 ? keys[first]! : IDBKeyRange.bound(keys[first]!, keys[i - 1]!));
      first = -1;
    }
  }
}

/**
 * Runs `body` in a transaction of the raw database (its requests issued from callbacks, not awaited promises), and
 * settles when the transaction does: rejects when it could not open or was aborted, resolves once it committed.
 * `guard` runs a step inside one of the transaction's callbacks: an error there aborts the transaction, and the
 * first such error is the one reported (rather than the bare abort it causes).
 *
 * A committed transaction is the truth: what it wrote is in the database, whatever else went wrong. So a failure
 * kept by a step whose abort came too late (the transaction was already finishing) does not reject: it is what the
 * promise resolves with (null when there was none), for the caller to judge. A read-only caller treats it as a
 * failure (its reads are incomplete, and nothing was written); a writer reports what was written, and keeps its
 * copy to the backup marked, so the background's next start copies whatever the commit holds.
 */
function rawTransaction(
  db: NotesDb,
  stores: string | string[],
  mode: IDBTransactionMode,
  body: (tx: IDBTransaction, guard: (step: () => void) => void) => void,
): Promise<unknown> {
  return new Promise((resolve, reject) => {
    let failure: unknown = null;
    let tx: IDBTransaction;
    try {
      tx = (unwrap(db) as IDBDatabase).transaction(stores, mode);
    } catch (error) {
      reject(error);
      return;
    }
    const guard = (step: () => void) => {
      try {
        step();
      } catch (error) {
        failure ??= error;
        try {
          tx.abort();
        } catch {
          // Already finishing: its own error is reported.
        }
      }
    };
    tx.oncomplete = () => resolve(failure);
    tx.onabort = () => reject(failure ?? tx.error ?? new Error('the transaction was aborted'));
    guard(() => body(tx, guard));
  });
}

/**
 * Which of `records` an import would write, read in a read-only transaction: the notes stored already, same or
 * newer, need nothing (an import of a file already imported writes nothing, so it marks no copy and waits for no
 * write). What it would write is judged again when written (mergeRecords).
 */
function planImport(db: NotesDb, records: readonly Annotation[]): Promise<{ toWrite: Annotation[]; skipped: number }> {
  const toWrite: Annotation[] = [];
  let skipped = 0;
  return rawTransaction(db, ANNOTATIONS_STORE, 'readonly', (tx, guard) => {
    const store = tx.objectStore(ANNOTATIONS_STORE);
    const keys = store.getAllKeys();
    keys.onsuccess = () => guard(() => {
      const stored = new Set(keys.result);
      const { known, fresh, repeats } = partition(records, stored);
      skipped += repeats;
      // One push per note: a spread passes the whole list as arguments, and V8 overflows its stack past about
      // 100,000 (a 13 MB CSV of minimal notes holds more).
      for (const record of fresh) toWrite.push(record);
      readStored<Annotation>(store, idsOf(known), stored.size, (current) => guard(() => {
        for (const record of known) {
          const now = current(record.id);
          if (now === undefined || isNewer(record, now)) toWrite.push(record);
          else skipped++;
        }
      }));
    });
  }).then((failure) => {
    if (failure) throw failure;
    return { toWrite, skipped };
  });
}

/**
 * Merges `records` into the store in one transaction, which holds the store while it runs: which ids are stored
 * is read in it, so nothing written elsewhere meanwhile is overwritten unjudged, and a failure anywhere (a full
 * disk, a record the store refuses) aborts it whole. Requests are issued from callbacks rather than awaited
 * promises, and the writes carry no handlers: one event handled per note was most of what a write cost beyond
 * the write itself. The reads are issued before the writes: a transaction runs its requests in order, and a range
 * read after them would read back the notes just added. With `fromTrash` (an import), a note the file brings that
 * waits in the trash comes back from it (see below): live again, and no longer in "Recently deleted"; unless it was
 * deleted after `startedAt` (while the import ran: the reader's delete came later). Without it (a recovery from the
 * backup), such a note stays in the trash. A note left in the trash is counted as skipped.
 */
function mergeRecords(db: NotesDb, records: readonly Annotation[], options: { fromTrash: boolean; startedAt?: number }): Promise<MergeResult> {
  const counts: ImportCounts = { added: 0, updated: 0, skipped: 0 };
  const written: Annotation[] = [];
  return rawTransaction(db, [ANNOTATIONS_STORE, TRASH_STORE], 'readwrite', (tx, guard) => {
    const store = tx.objectStore(ANNOTATIONS_STORE);
    const trash = tx.objectStore(TRASH_STORE);
    const judge = (record: Annotation, current: Annotation | undefined) => {
      if (current === undefined) {
        // A put, not an add: this transaction read the store's keys and holds the store, so no record with this id
        // can be there, and an add would only make the database look each one up first (one lookup a note).
        store.put(record);
        counts.added++;
        written.push(record);
      } else if (isNewer(record, current)) {
        store.put(record);
        counts.updated++;
        written.push(record);
      } else {
        counts.skipped++;
      }
    };
    const keys = store.getAllKeys();
    // Issued after the notes' keys, so answered after them: both are known when this one's answer comes.
    const trashKeys = trash.getAllKeys();
    trashKeys.onsuccess = () => guard(() => {
      const stored = new Set(keys.result);
      const { known, fresh, repeats } = partition(records, stored);
      counts.skipped += repeats;
      readStored<Annotation>(store, idsOf(known), stored.size, (current) => guard(() => {
        for (const record of known) judge(record, current(record.id));
      }));
      const trashed = new Set(trashKeys.result);
      const back = trashed.size === 0 ? [] : fresh.filter((record) => trashed.has(record.id));
      for (const record of back.length === 0 ? fresh : fresh.filter((record) => !trashed.has(record.id))) judge(record, undefined);
      if (back.length === 0) return;
      if (!options.fromTrash) {
        counts.skipped += back.length;
        return;
      }
      // A note waiting in "Recently deleted" that the file brings is brought back: it is live again and leaves the
      // trash, as a restore would (staying in both, its restore would say nothing and its purge nothing either). The
      // newer of the two copies comes back, as between a file and a stored note: the trashed one if it is the same or
      // was edited after the file was written, so an import never puts an older copy in place of a newer one. A note
      // deleted after the import started (in the popup, on its page, while a long import ran) stays deleted: the
      // reader's delete came later than the file.
      readStored<DeletedAnnotation>(trash, idsOf(back), trashed.size, (entry) => guard(() => {
        const brought = new Set<string>();
        for (const record of back) {
          const found = entry(record.id);
          if (found && options.startedAt !== undefined && Date.parse(found.deleted) > options.startedAt) {
            counts.skipped++;
            continue;
          }
          const deleted = found?.note;
          judge(deleted === undefined || isNewer(record, deleted) ? record : deleted, undefined);
          brought.add(record.id);
        }
        deleteRuns(trash, trashKeys.result, brought);
      }));
    });
  }).then((failure) => ({ counts, written, whole: failure === null }));
}

/** A repository on the notes database of `factory` (the browser's IndexedDB, or fake-indexeddb in tests). */
export function openRepository(factory: IDBFactory, options: RepositoryOptions = {}): NotesRepository {
  let created = false;
  const handle = createDbHandle(factory, { onCreated: () => { created = true; } });
  return new NotesRepository(handle, { ...options, created: () => created });
}
