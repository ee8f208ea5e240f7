// CRUD and queries on the notes database. Every write is its own readwrite transaction, so two extension
// pages (or the popup and the background) writing at once never overwrite each other's records, and an
// update re-reads the record inside its transaction and merges only the fields it changes.
import type { NotesDb } from './db';
import { ANNOTATIONS_STORE, type Annotation, type NoteTarget, type ReferenceLink } from './types';
import { foldForSearch } from './fold';

/** A write failed; `message` is written for the reader (shown as is in the popup). */
export class NotesStoreError extends Error {
  constructor(message: string, readonly reason: 'quota' | 'conflict' | 'not-found' | 'invalid' | 'write') {
    super(message);
    this.name = 'NotesStoreError';
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

export interface StoreOptions {
  /** Clock and id source, injectable for tests. */
  now?: () => Date;
  newId?: () => string;
}

const MAX_TEXT = 100_000;
const MAX_TAGS = 50;

const MAX_TAG_CHARS = 100;

/**
 * Tags are trimmed, lower-case-insensitive unique (first spelling wins), never empty, without a leading '#'.
 * Idempotent (cleaning a cleaned list changes nothing), so a tag survives export and import unchanged; cut
 * by code point, so a long tag never ends in half an emoji.
 */
export function cleanTags(tags: readonly string[] | undefined): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of tags ?? []) {
    const tag = [...raw.replace(/\s+/g, ' ').replace(/^[#\s]+/, '')].slice(0, MAX_TAG_CHARS).join('').trimEnd();
    const key = foldForSearch(tag);
    if (!tag || seen.has(key)) continue;
    seen.add(key);
    out.push(tag);
  }
  if (out.length > MAX_TAGS) throw new NotesStoreError(`A note can have at most ${MAX_TAGS} tags.`, 'invalid');
  return out;
}

function checkText(text: string): void {
  if (text.length > MAX_TEXT) {
    throw new NotesStoreError(`This note is too long (${text.length.toLocaleString('en')} characters; the limit is ${MAX_TEXT.toLocaleString('en')}).`, 'invalid');
  }
}

/**
 * Turns IndexedDB failures into messages a reader can act on. Quota errors are the likely ones (a full disk,
 * a browser profile over its limit); anything else keeps the browser's own wording after ours.
 */
export function describeWriteError(error: unknown, action: string): NotesStoreError {
  if (error instanceof NotesStoreError) return error;
  const name = (error as { name?: string } | null)?.name;
  const message = (error as { message?: string } | null)?.message ?? String(error);
  if (name === 'QuotaExceededError' || /quota/i.test(message)) {
    return new NotesStoreError(
      `Could not ${action}: the browser has no storage space left for Backstory. Free some disk space or delete old notes, then try again.`,
      'quota',
    );
  }
  return new NotesStoreError(`Could not ${action}: ${message || name || 'the database refused the write'}.`, 'write');
}

/** Strictly increasing ISO timestamps per record, even when two edits land in the same millisecond. */
function nextModified(now: Date, previous: string | undefined): string {
  const prev = previous ? Date.parse(previous) : NaN;
  const t = Number.isFinite(prev) && prev >= now.getTime() ? prev + 1 : now.getTime();
  return new Date(t).toISOString();
}

export class NotesStore {
  private readonly now: () => Date;
  private readonly newId: () => string;

  constructor(private readonly db: () => Promise<NotesDb>, options: StoreOptions = {}) {
    this.now = options.now ?? (() => new Date());
    this.newId = options.newId ?? (() => crypto.randomUUID());
  }

  async create(input: NewAnnotation): Promise<Annotation> {
    checkText(input.text);
    const stamp = this.now().toISOString();
    const record: Annotation = {
      id: this.newId(),
      url: input.url,
      title: input.title,
      created: stamp,
      modified: stamp,
      text: input.text,
      tags: cleanTags(input.tags),
      ...(input.target ? { target: input.target } : {}),
      ...(input.reference ? { reference: input.reference } : {}),
    };
    await this.write('save the note', async (db) => {
      const tx = db.transaction(ANNOTATIONS_STORE, 'readwrite');
      // add, not put: a duplicate id is an error rather than a silent overwrite of someone else's note.
      await Promise.all([tx.store.add(record), tx.done]);
    });
    return record;
  }

  get(id: string): Promise<Annotation | undefined> {
    return this.db().then((db) => db.get(ANNOTATIONS_STORE, id));
  }

  /**
   * Applies `patch` to the stored record in one transaction. With `base` (the values the editor started
   * from), a field that someone else changed meanwhile to something else is a conflict rather than a
   * silent overwrite; fields nobody else touched merge.
   */
  async update(id: string, patch: AnnotationPatch, base?: AnnotationPatch): Promise<Annotation> {
    if (patch.text !== undefined) checkText(patch.text);
    const clean: AnnotationPatch = { ...patch, ...(patch.tags ? { tags: cleanTags(patch.tags) } : {}) };
    return this.write('save your changes', async (db) => {
      const tx = db.transaction(ANNOTATIONS_STORE, 'readwrite');
      const current = await tx.store.get(id);
      if (!current) {
        tx.abort();
        await tx.done.catch(() => undefined);
        throw new NotesStoreError('This note no longer exists (it was deleted, perhaps in another window).', 'not-found');
      }
      if (base) {
        for (const key of Object.keys(clean) as (keyof AnnotationPatch)[]) {
          if (!(key in base)) continue;
          const stored = JSON.stringify(current[key]);
          if (stored !== JSON.stringify(base[key]) && stored !== JSON.stringify(clean[key])) {
            tx.abort();
            await tx.done.catch(() => undefined);
            throw new NotesStoreError(`This note's ${key} was changed in another window meanwhile; reopen it to see the latest version.`, 'conflict');
          }
        }
      }
      const next: Annotation = { ...current, ...clean, modified: nextModified(this.now(), current.modified) };
      await Promise.all([tx.store.put(next), tx.done]);
      return next;
    });
  }

  /** Deletes and returns the record, so the caller can offer undo with the exact record. */
  async delete(id: string): Promise<Annotation | undefined> {
    return this.write('delete the note', async (db) => {
      const tx = db.transaction(ANNOTATIONS_STORE, 'readwrite');
      const current = await tx.store.get(id);
      if (current) await tx.store.delete(id);
      await tx.done;
      return current;
    });
  }

  /** Puts a deleted record back as it was (undo). A record with the same id that exists already wins. */
  async restore(record: Annotation): Promise<Annotation> {
    return this.write('restore the note', async (db) => {
      const tx = db.transaction(ANNOTATIONS_STORE, 'readwrite');
      const existing = await tx.store.get(record.id);
      if (!existing) await tx.store.add(record);
      await tx.done;
      return existing ?? record;
    });
  }

  /** A page's notes, newest first. */
  async listByUrl(url: string): Promise<Annotation[]> {
    const db = await this.db();
    return sortNewestFirst(await db.getAllFromIndex(ANNOTATIONS_STORE, 'url', url));
  }

  /** Every note, most recently modified first. */
  async listAll(): Promise<Annotation[]> {
    const db = await this.db();
    const all = await db.getAllFromIndex(ANNOTATIONS_STORE, 'modified');
    return all.reverse();
  }

  async listByTag(tag: string): Promise<Annotation[]> {
    const db = await this.db();
    return sortNewestFirst(await db.getAllFromIndex(ANNOTATIONS_STORE, 'tags', tag));
  }

  async count(): Promise<number> {
    return (await this.db()).count(ANNOTATIONS_STORE);
  }

  /**
   * Notes whose text, quote, tags or page title contain every word of `query`, ignoring case and accents;
   * `#tag` words must match a tag exactly (ignoring case and accents). Most recently modified first.
   */
  async search(query: string, limit = 200): Promise<Annotation[]> {
    const terms = parseQuery(query);
    if (terms.words.length === 0 && terms.tags.length === 0) return [];
    const all = await this.listAll();
    const hits: Annotation[] = [];
    for (const note of all) {
      if (matchesQuery(note, terms)) {
        hits.push(note);
        if (hits.length >= limit) break;
      }
    }
    return hits;
  }

  private async write<T>(action: string, run: (db: NotesDb) => Promise<T>): Promise<T> {
    try {
      return await run(await this.db());
    } catch (error) {
      throw describeWriteError(error, action);
    }
  }
}

export function sortNewestFirst(notes: Annotation[]): Annotation[] {
  return notes.sort((a, b) => (a.created < b.created ? 1 : a.created > b.created ? -1 : a.id < b.id ? 1 : -1));
}

export interface ParsedQuery {
  words: string[];
  tags: string[];
}

export function parseQuery(query: string): ParsedQuery {
  const words: string[] = [];
  const tags: string[] = [];
  for (const raw of query.split(/\s+/)) {
    if (!raw) continue;
    if (raw.startsWith('#') && raw.length > 1) tags.push(foldForSearch(raw.slice(1)));
    else words.push(foldForSearch(raw));
  }
  return { words: words.filter(Boolean), tags: tags.filter(Boolean) };
}

export function matchesQuery(note: Annotation, { words, tags }: ParsedQuery): boolean {
  const noteTags = note.tags.map(foldForSearch);
  if (!tags.every((t) => noteTags.includes(t))) return false;
  if (words.length === 0) return true;
  const haystack = foldForSearch([note.text, note.target?.quote.exact ?? '', note.title, note.tags.join(' '), note.reference?.label ?? ''].join('\n'));
  return words.every((w) => haystack.includes(w));
}
