// The reference sets repository: the only code that reads or writes the sets database (lib/sets/db.ts). It runs
// wherever the database is opened — the library page and the popup (Backstory's own pages), the build worker,
// and the background (which answers content scripts) — in the same style as the notes repository:
//  - every write is one transaction, checked first against one set of rules (lib/sets/limits.ts), so a set is
//    never half-created, half-imported or half-deleted;
//  - deleting a set or a document is soft: it moves whole to the trash and `restore(id)` puts it back, from any
//    context, until the grace period ends (`purgeDeleted`);
//  - each committed change is reported once through `onChange` (pages mirror the sets' summaries to storage.local,
//    which is how open tabs and other pages hear of it: lib/sets/index-mirror.ts);
//  - after a write fails for lack of space it stops writing and says so plainly; reads keep working.
// The builder's output is stored as built (`builds`), the reader's edits apart (`edits`): what pages are matched
// against is the one applied over the other (`effective`), so a rebuild never loses an edit.
import { describeIssues, requiredMessages } from '../validation';
// The notes repository's rules for a transaction's outcome and for a storage fault: one rule for both databases.
import { isStorageFault, settle } from '../notes/repository';
import type { Dataset } from '../reference/types';
import { applyEdits, curationEditSchema, type CurationEdit, type EditOutcome } from './curation';
import { createSetsDbHandle, fromStoredBuild, toStoredBuild, type SetsDb, type TrashEntry } from './db';
import { newDocumentSchema, setDescriptionSchema, setNameSchema, SET_LIMITS, type NewDocument } from './limits';
import {
  documentId,
  type DeletedSet,
  type DocumentAnalysis,
  type ReferenceSet,
  type SetBuild,
  type SetDocument,
  type SetSummary,
  type StoredEdit,
} from './types';

/** A write or read failed; `message` is written for the reader (shown as is). */
export class SetsError extends Error {
  constructor(message: string, readonly reason: 'disk' | 'not-found' | 'invalid' | 'write' | 'no-text') {
    super(message);
    this.name = 'SetsError';
  }
}

export type SetsChangeKind = 'created' | 'updated' | 'documents' | 'built' | 'edited' | 'deleted' | 'restored' | 'imported' | 'purged';

/** What changed: one set, or (purges) possibly several. */
export interface SetsChange {
  kind: SetsChangeKind;
  setId: string | null;
}

export interface SetsRepositoryOptions {
  now?: () => Date;
  /** A fresh set id ("set-" and 10 characters); tests pass their own. */
  newSetId?: () => string;
  newId?: () => string;
  onChange?(change: SetsChange): void;
  /** How long a deleted set or document can be restored. */
  graceMs?: number;
}

/** Thirty days, as for notes. */
export const SET_GRACE_MS = 30 * 24 * 60 * 60 * 1000;

/** A set with everything the library page shows of it. */
export interface SetDetails {
  set: ReferenceSet;
  documents: SetDocument[];
  edits: StoredEdit[];
  build?: SetBuild;
  /** The build with the edits applied (undefined before the first build). */
  effective?: Dataset;
  outcomes: EditOutcome[];
  /** How many of its documents came without their text (a set imported with its facts only). */
  withoutText: number;
}

/** Everything of one set, as an export or an import carries it. */
export interface SetContents {
  set: ReferenceSet;
  documents: SetDocument[];
  texts: Map<string, string>;
  edits: StoredEdit[];
  build?: SetBuild;
}

function randomSetId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(10));
  return `set-${[...bytes].map((b) => 'abcdefghijklmnopqrstuvwxyz0123456789'[b % 36]).join('')}`;
}

function diskError(action: string): SetsError {
  return new SetsError(
    `Could not ${action}: the browser could not write to the disk (it may be full). Your sets and notes saved before are safe. ` +
      'Free some disk space and try again.',
    'disk',
  );
}

/**
 * Issues writes a few at a time, each batch once the one before has been written: still one transaction (all or
 * none), but a page writing 200 documents gets the main thread back between batches instead of cloning every text
 * in one long task.
 */
async function inSteps(tx: { done: Promise<void>; error: DOMException | null }, writes: ReadonlyArray<() => Promise<unknown>>, batch = 16): Promise<void> {
  try {
    for (let i = 0; i < writes.length; i += batch) await Promise.all(writes.slice(i, i + batch).map((write) => write()));
    await tx.done;
  } catch (error) {
    throw tx.error ?? error;
  }
}

/** Hex SHA-256 of the text's UTF-8 bytes (the same value as the builder's sha256Hex), off the main thread. */
export async function digestText(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** Strictly increasing ISO timestamps, even for two writes in the same millisecond. */
function after(now: Date, previous: string | undefined): string {
  const prev = previous ? Date.parse(previous) : NaN;
  return new Date(Number.isFinite(prev) && prev >= now.getTime() ? prev + 1 : now.getTime()).toISOString();
}

function firstProblem(issues: Parameters<typeof describeIssues>[0], what: string): SetsError {
  const problem = (describeIssues(issues)[0] ?? 'malformed').replace(/^\(top level\): /, '');
  return new SetsError(`${what}: ${problem}.`, 'invalid');
}

export class SetsRepository {
  private readonly now: () => Date;
  private readonly newSetId: () => string;
  private readonly newId: () => string;
  private readonly graceMs: number;
  private faultError: SetsError | null = null;

  constructor(private readonly open: () => Promise<SetsDb>, private readonly options: SetsRepositoryOptions = {}) {
    this.now = options.now ?? (() => new Date());
    this.newSetId = options.newSetId ?? randomSetId;
    this.newId = options.newId ?? (() => crypto.randomUUID());
    this.graceMs = options.graceMs ?? SET_GRACE_MS;
  }

  get fault(): SetsError | null {
    return this.faultError;
  }

  retry(): void {
    this.faultError = null;
  }

  // ---- reads -------------------------------------------------------------------------------------

  /** The reader's sets, oldest first (the order they were made in). */
  async listSets(): Promise<ReferenceSet[]> {
    const sets = await (await this.open()).getAll('sets');
    return sets.sort((a, b) => (a.created < b.created ? -1 : a.created > b.created ? 1 : a.id < b.id ? -1 : 1));
  }

  async getSet(id: string): Promise<ReferenceSet | undefined> {
    return (await this.open()).get('sets', id);
  }

  /** A set's documents (metadata, no texts), in the order they were added. */
  async listDocuments(setId: string): Promise<SetDocument[]> {
    const docs = await (await this.open()).getAllFromIndex('documents', 'setId', setId);
    return docs.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }

  async getDocument(setId: string, docId: string): Promise<SetDocument | undefined> {
    return (await this.open()).get('documents', [setId, docId]);
  }

  async getText(setId: string, docId: string): Promise<string | undefined> {
    return (await (await this.open()).get('texts', [setId, docId]))?.text;
  }

  async listTexts(setId: string): Promise<Map<string, string>> {
    const all = await (await this.open()).getAllFromIndex('texts', 'setId', setId);
    return new Map(all.map((t) => [t.docId, t.text]));
  }

  async listAnalyses(setId: string): Promise<DocumentAnalysis[]> {
    return (await this.open()).getAllFromIndex('analyses', 'setId', setId);
  }

  async listEdits(setId: string): Promise<StoredEdit[]> {
    const edits = await (await this.open()).getAllFromIndex('edits', 'setId', setId);
    return edits.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.id < b.id ? -1 : 1));
  }

  async getBuild(setId: string): Promise<SetBuild | undefined> {
    const stored = await (await this.open()).get('builds', setId);
    return stored ? fromStoredBuild(stored) : undefined;
  }

  /** The set's build with its edits applied: what pages are matched against. Undefined before the first build. */
  async effective(setId: string): Promise<Dataset | undefined> {
    const [build, edits] = await Promise.all([this.getBuild(setId), this.listEdits(setId)]);
    return build ? applyEdits(build.dataset, edits.map((e) => e.edit)).dataset : undefined;
  }

  async details(setId: string): Promise<SetDetails | undefined> {
    const db = await this.open();
    const tx = db.transaction(['sets', 'documents', 'texts', 'edits', 'builds'], 'readonly');
    const [set, documents, texts, edits, stored] = await Promise.all([
      tx.objectStore('sets').get(setId),
      tx.objectStore('documents').index('setId').getAll(setId),
      tx.objectStore('texts').index('setId').count(setId),
      tx.objectStore('edits').index('setId').getAll(setId),
      tx.objectStore('builds').get(setId),
    ]);
    if (!set) return undefined;
    documents.sort((a, b) => (a.id < b.id ? -1 : 1));
    edits.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.id < b.id ? -1 : 1));
    const build = stored ? fromStoredBuild(stored) : undefined;
    const curated = build ? applyEdits(build.dataset, edits.map((e) => e.edit)) : undefined;
    return {
      set,
      documents,
      edits,
      ...(build ? { build } : {}),
      ...(curated ? { effective: curated.dataset } : {}),
      outcomes: curated?.outcomes ?? [],
      withoutText: documents.length - texts,
    };
  }

  /** Everything of one set, texts included: for an export. */
  async contents(setId: string): Promise<SetContents | undefined> {
    const db = await this.open();
    const tx = db.transaction(['sets', 'documents', 'texts', 'edits', 'builds'], 'readonly');
    const [set, documents, texts, edits, stored] = await Promise.all([
      tx.objectStore('sets').get(setId),
      tx.objectStore('documents').index('setId').getAll(setId),
      tx.objectStore('texts').index('setId').getAll(setId),
      tx.objectStore('edits').index('setId').getAll(setId),
      tx.objectStore('builds').get(setId),
    ]);
    if (!set) return undefined;
    documents.sort((a, b) => (a.id < b.id ? -1 : 1));
    edits.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.id < b.id ? -1 : 1));
    return { set, documents, texts: new Map(texts.map((t) => [t.docId, t.text])), edits, ...(stored ? { build: fromStoredBuild(stored) } : {}) };
  }

  /** One line per set (see SetSummary): what the storage.local index and the popup show. */
  async summaries(): Promise<SetSummary[]> {
    const db = await this.open();
    const sets = await this.listSets();
    return Promise.all(sets.map(async (set) => {
      const [documents, stored, edits] = await Promise.all([
        db.countFromIndex('documents', 'setId', set.id),
        db.get('builds', set.id),
        db.getAllFromIndex('edits', 'setId', set.id),
      ]);
      const build = stored ? fromStoredBuild(stored) : undefined;
      const effective = build ? applyEdits(build.dataset, edits.sort((a, b) => (a.at < b.at ? -1 : 1)).map((e) => e.edit)).dataset : undefined;
      return {
        id: set.id,
        name: set.name,
        description: set.description,
        documents,
        entities: effective?.entities.length ?? 0,
        figures: effective?.figures.length ?? 0,
        revision: set.revision,
        built: build !== undefined,
      };
    }));
  }

  /** Sets and documents deleted within the grace period, most recently deleted first. */
  async listDeleted(): Promise<TrashEntry[]> {
    const all = await (await this.open()).getAll('trash');
    const cutoff = this.now().getTime() - this.graceMs;
    return all.filter((t) => Date.parse(t.deleted) >= cutoff).sort((a, b) => (a.deleted < b.deleted ? 1 : a.deleted > b.deleted ? -1 : 0));
  }

  // ---- writes ------------------------------------------------------------------------------------

  async createSet(input: { name: string; description?: string }): Promise<ReferenceSet> {
    const name = setNameSchema.safeParse(input.name, requiredMessages);
    if (!name.success) throw firstProblem(name.error.issues, 'Could not create the set');
    const description = setDescriptionSchema.safeParse(input.description ?? '', requiredMessages);
    if (!description.success) throw firstProblem(description.error.issues, 'Could not create the set');
    const stamp = this.now().toISOString();
    const set: ReferenceSet = { id: this.newSetId(), name: name.data, description: description.data, created: stamp, modified: stamp, nextDocument: 1, revision: 1 };
    await this.write('create the set', async (db) => {
      const tx = db.transaction('sets', 'readwrite');
      await settle(tx, tx.store.add(set));
    });
    this.changed({ kind: 'created', setId: set.id });
    return set;
  }

  async updateSet(id: string, patch: { name?: string; description?: string }): Promise<ReferenceSet> {
    const clean: { name?: string; description?: string } = {};
    if (patch.name !== undefined) {
      const r = setNameSchema.safeParse(patch.name, requiredMessages);
      if (!r.success) throw firstProblem(r.error.issues, 'Could not rename the set');
      clean.name = r.data;
    }
    if (patch.description !== undefined) {
      const r = setDescriptionSchema.safeParse(patch.description, requiredMessages);
      if (!r.success) throw firstProblem(r.error.issues, 'Could not save the description');
      clean.description = r.data;
    }
    const updated = await this.write('save the set', async (db) => {
      const tx = db.transaction('sets', 'readwrite');
      const set = await tx.store.get(id);
      if (!set) throw await this.missingSet(tx);
      const next = { ...set, ...clean, modified: after(this.now(), set.modified), revision: set.revision + 1 };
      await settle(tx, tx.store.put(next));
      return next;
    });
    this.changed({ kind: 'updated', setId: id });
    return updated;
  }

  /**
   * Adds documents to a set in one transaction (all or none), each checked first. Returns them with their ids;
   * the caller asks for a build.
   */
  async addDocuments(setId: string, inputs: readonly NewDocument[]): Promise<SetDocument[]> {
    const checked = inputs.map((input, i) => {
      const r = newDocumentSchema.safeParse(input, requiredMessages);
      if (!r.success) {
        const what = inputs.length > 1 ? `Could not add “${input.title || `document ${i + 1}`}”` : 'Could not add the document';
        throw firstProblem(r.error.issues, what);
      }
      return r.data;
    });
    const hashes = await Promise.all(checked.map((d) => digestText(d.text)));
    const stamp = this.now().toISOString();
    const added = await this.write('add the documents', async (db) => {
      const tx = db.transaction(['sets', 'documents', 'texts'], 'readwrite');
      const set = await tx.objectStore('sets').get(setId);
      if (!set) throw await this.missingSet(tx);
      const existing = await tx.objectStore('documents').index('setId').count(setId);
      // A set imported with its facts only cannot be built again, so a new document could never join it.
      if ((await tx.objectStore('texts').index('setId').count(setId)) < existing) {
        tx.abort();
        await tx.done.catch(() => undefined);
        throw new SetsError(
          'This set was imported without its documents’ texts, so Backstory cannot build it again with a new document: import the file that has the texts, or make a new set.',
          'no-text',
        );
      }
      if (existing + checked.length > SET_LIMITS.documents) {
        tx.abort();
        await tx.done.catch(() => undefined);
        throw new SetsError(`A set holds at most ${SET_LIMITS.documents.toLocaleString('en')} documents; this one has ${existing.toLocaleString('en')}.`, 'invalid');
      }
      let next = set.nextDocument;
      const docs: SetDocument[] = checked.map((d, i) => ({
        setId,
        id: documentId(next++),
        title: d.title || `Document ${next - 1}`,
        ...(d.publisher ? { publisher: d.publisher } : {}),
        ...(d.date ? { date: d.date } : {}),
        ...(d.url ? { url: d.url } : {}),
        sha256: hashes[i]!,
        length: d.text.length,
        added: stamp,
        origin: d.origin,
      }));
      const writes: Array<() => Promise<unknown>> = [() => tx.objectStore('sets').put({ ...set, nextDocument: next, modified: after(this.now(), set.modified) })];
      docs.forEach((doc, i) => {
        writes.push(() => tx.objectStore('documents').add(doc));
        writes.push(() => tx.objectStore('texts').add({ setId, docId: doc.id, text: checked[i]!.text }));
      });
      await inSteps(tx, writes);
      return docs;
    });
    this.changed({ kind: 'documents', setId });
    return added;
  }

  /** Moves a document (with its text and reading) to the trash; the caller asks for a build. */
  async removeDocument(setId: string, docId: string): Promise<void> {
    await this.write('remove the document', async (db) => {
      const tx = db.transaction(['sets', 'documents', 'texts', 'analyses', 'trash'], 'readwrite');
      const key: [string, string] = [setId, docId];
      const [document, text, analysis, set] = await Promise.all([
        tx.objectStore('documents').get(key),
        tx.objectStore('texts').get(key),
        tx.objectStore('analyses').get(key),
        tx.objectStore('sets').get(setId),
      ]);
      if (!document || !set) {
        tx.abort();
        await tx.done.catch(() => undefined);
        throw new SetsError('This document is no longer in the set (it was removed, perhaps in another window).', 'not-found');
      }
      const deleted = this.now().toISOString();
      const id = `${setId}/${docId}`;
      await settle(
        tx,
        tx.objectStore('trash').put({ id, deleted, kind: 'document', document: { id, deleted, setId, document, ...(text ? { text: text.text } : {}), ...(analysis ? { analysis } : {}) } }),
        tx.objectStore('documents').delete(key),
        tx.objectStore('texts').delete(key),
        tx.objectStore('analyses').delete(key),
        tx.objectStore('sets').put({ ...set, modified: after(this.now(), set.modified) }),
      );
    });
    this.changed({ kind: 'documents', setId });
  }

  /** Moves a whole set (documents, texts, edits, build) to the trash in one transaction; returns the trash id. */
  async removeSet(setId: string): Promise<string> {
    await this.write('delete the set', async (db) => {
      const tx = db.transaction(['sets', 'documents', 'texts', 'analyses', 'builds', 'edits', 'trash'], 'readwrite');
      const set = await tx.objectStore('sets').get(setId);
      if (!set) throw await this.missingSet(tx);
      const [documents, texts, edits, build] = await Promise.all([
        tx.objectStore('documents').index('setId').getAll(setId),
        tx.objectStore('texts').index('setId').getAll(setId),
        tx.objectStore('edits').index('setId').getAll(setId),
        tx.objectStore('builds').get(setId),
      ]);
      const deleted = this.now().toISOString();
      // Texts ride inside their documents' entries; readings are made again on restore (they are a cache).
      const byDoc = new Map(texts.map((t) => [t.docId, t.text]));
      const whole: DeletedSet = {
        id: setId,
        deleted,
        set,
        documents: documents.map((d) => ({ ...d, ...(byDoc.has(d.id) ? { text: byDoc.get(d.id)! } : {}) })),
        edits,
        ...(build ? { build: fromStoredBuild(build) } : {}),
      };
      const requests: Promise<unknown>[] = [tx.objectStore('trash').put({ id: setId, deleted, kind: 'set', set: whole }), tx.objectStore('sets').delete(setId)];
      for (const store of ['documents', 'texts', 'analyses'] as const) {
        const range = IDBKeyRange.bound([setId], [setId, []]);
        requests.push(tx.objectStore(store).delete(range));
      }
      requests.push(tx.objectStore('builds').delete(setId));
      for (const e of edits) requests.push(tx.objectStore('edits').delete(e.id));
      await settle(tx, ...requests);
    });
    this.changed({ kind: 'deleted', setId });
    return setId;
  }

  /** Puts a deleted set or document back as it was (a set: under its own id; a document: into its set). */
  async restore(trashId: string): Promise<void> {
    const setId = await this.write('restore it', async (db) => {
      const tx = db.transaction(['sets', 'documents', 'texts', 'analyses', 'builds', 'edits', 'trash'], 'readwrite');
      const entry = await tx.objectStore('trash').get(trashId);
      if (!entry) {
        tx.abort();
        await tx.done.catch(() => undefined);
        throw new SetsError('This can no longer be restored: its time in the trash is over.', 'not-found');
      }
      const requests: Promise<unknown>[] = [tx.objectStore('trash').delete(trashId)];
      if (entry.kind === 'set' && entry.set) {
        const { set, documents, edits, build } = entry.set;
        if (await tx.objectStore('sets').get(set.id)) {
          tx.abort();
          await tx.done.catch(() => undefined);
          throw new SetsError('A set with this id exists again; nothing was restored.', 'invalid');
        }
        requests.push(tx.objectStore('sets').put({ ...set, revision: set.revision + 1 }));
        for (const { text, ...doc } of documents as Array<SetDocument & { text?: string }>) {
          requests.push(tx.objectStore('documents').put(doc));
          if (text !== undefined) requests.push(tx.objectStore('texts').put({ setId: set.id, docId: doc.id, text }));
        }
        for (const e of edits) requests.push(tx.objectStore('edits').put(e));
        if (build) requests.push(tx.objectStore('builds').put(toStoredBuild(build)));
        await settle(tx, ...requests);
        return set.id;
      }
      const removed = entry.document!;
      const set = await tx.objectStore('sets').get(removed.setId);
      if (!set) {
        tx.abort();
        await tx.done.catch(() => undefined);
        throw new SetsError('Its set was deleted: restore the set first.', 'not-found');
      }
      requests.push(tx.objectStore('documents').put(removed.document));
      if (removed.text !== undefined) requests.push(tx.objectStore('texts').put({ setId: removed.setId, docId: removed.document.id, text: removed.text }));
      if (removed.analysis) requests.push(tx.objectStore('analyses').put(removed.analysis));
      requests.push(tx.objectStore('sets').put({ ...set, modified: after(this.now(), set.modified) }));
      await settle(tx, ...requests);
      return removed.setId;
    });
    this.changed({ kind: 'restored', setId });
  }

  /** Ends the grace period of what was deleted longer ago than it. Says how many entries went. */
  async purgeDeleted(): Promise<number> {
    const cutoff = new Date(this.now().getTime() - this.graceMs).toISOString();
    const purged = await this.write('empty the trash', async (db) => {
      const tx = db.transaction('trash', 'readwrite');
      let n = 0;
      let cursor = await tx.store.index('deleted').openCursor(IDBKeyRange.upperBound(cutoff, true));
      while (cursor) {
        await cursor.delete();
        n++;
        cursor = await cursor.continue();
      }
      await tx.done;
      return n;
    });
    if (purged > 0) this.changed({ kind: 'purged', setId: null });
    return purged;
  }

  /** Records a curation edit (checked first); returns it. The set's pages repaint with it at once. */
  async addEdit(setId: string, edit: CurationEdit): Promise<StoredEdit> {
    const parsed = curationEditSchema.safeParse(edit, requiredMessages);
    if (!parsed.success) throw firstProblem(parsed.error.issues, 'Could not save the change');
    const stored = await this.write('save the change', async (db) => {
      const tx = db.transaction(['sets', 'edits'], 'readwrite');
      const set = await tx.objectStore('sets').get(setId);
      if (!set) throw await this.missingSet(tx);
      const count = await tx.objectStore('edits').index('setId').count(setId);
      if (count >= SET_LIMITS.edits) {
        tx.abort();
        await tx.done.catch(() => undefined);
        throw new SetsError(`A set keeps at most ${SET_LIMITS.edits.toLocaleString('en')} edits.`, 'invalid');
      }
      const at = after(this.now(), set.modified);
      const record: StoredEdit = { setId, id: this.newId(), at, edit: parsed.data as CurationEdit };
      await settle(tx, tx.objectStore('edits').add(record), tx.objectStore('sets').put({ ...set, modified: at, revision: set.revision + 1 }));
      return record;
    });
    this.changed({ kind: 'edited', setId });
    return stored;
  }

  /** Undoes one edit (whichever it is, not only the last): the set is as if it had never been made. */
  async undoEdit(setId: string, editId: string): Promise<void> {
    await this.write('undo the change', async (db) => {
      const tx = db.transaction(['sets', 'edits'], 'readwrite');
      const [set, edit] = await Promise.all([tx.objectStore('sets').get(setId), tx.objectStore('edits').get(editId)]);
      if (!set) throw await this.missingSet(tx);
      if (!edit || edit.setId !== setId) {
        tx.abort();
        await tx.done.catch(() => undefined);
        throw new SetsError('This change was already undone (perhaps in another window).', 'not-found');
      }
      await settle(tx, tx.objectStore('edits').delete(editId), tx.objectStore('sets').put({ ...set, modified: after(this.now(), set.modified), revision: set.revision + 1 }));
    });
    this.changed({ kind: 'edited', setId });
  }

  /** Keeps the builder's reading of one document (the build worker). */
  async saveAnalysis(analysis: DocumentAnalysis): Promise<void> {
    await this.write('keep the document’s reading', async (db) => {
      const tx = db.transaction('analyses', 'readwrite');
      await settle(tx, tx.store.put(analysis));
    });
  }

  /**
   * Stores a build (the build worker). `documents` are the ids and hashes it was made from: when the set's
   * documents changed meanwhile (one added or removed during the build) the build is still stored — it is
   * better than the one before — and the caller builds again.
   */
  async saveBuild(build: SetBuild): Promise<void> {
    await this.write('save the build', async (db) => {
      const tx = db.transaction(['sets', 'builds'], 'readwrite');
      const set = await tx.objectStore('sets').get(build.setId);
      // The set was deleted during the build: nothing to keep.
      if (!set) {
        await tx.done;
        return;
      }
      await settle(tx, tx.objectStore('builds').put(toStoredBuild(build)), tx.objectStore('sets').put({ ...set, revision: set.revision + 1 }));
    });
    this.changed({ kind: 'built', setId: build.setId });
  }

  /**
   * Writes a whole set (an import) in one transaction: every part or nothing. The set is new (its id unused).
   */
  async putSet(contents: SetContents): Promise<void> {
    await this.write('import the set', async (db) => {
      const tx = db.transaction(['sets', 'documents', 'texts', 'builds', 'edits'], 'readwrite');
      if (await tx.objectStore('sets').get(contents.set.id)) {
        tx.abort();
        await tx.done.catch(() => undefined);
        throw new SetsError('A set with this id exists already.', 'invalid');
      }
      const writes: Array<() => Promise<unknown>> = [() => tx.objectStore('sets').add(contents.set)];
      for (const doc of contents.documents) writes.push(() => tx.objectStore('documents').add(doc));
      for (const [docId, text] of contents.texts) writes.push(() => tx.objectStore('texts').add({ setId: contents.set.id, docId, text }));
      for (const e of contents.edits) writes.push(() => tx.objectStore('edits').add(e));
      if (contents.build) writes.push(() => tx.objectStore('builds').add(toStoredBuild(contents.build!)));
      await inSteps(tx, writes);
    });
    this.changed({ kind: 'imported', setId: contents.set.id });
  }

  /** A fresh set id, for an import. */
  freshSetId(): string {
    return this.newSetId();
  }

  // ---- plumbing ----------------------------------------------------------------------------------

  private async missingSet(tx: { abort(): void; done: Promise<void> }): Promise<SetsError> {
    try {
      tx.abort();
    } catch {
      // already finished
    }
    await tx.done.catch(() => undefined);
    return new SetsError('This set no longer exists (it was deleted, perhaps in another window).', 'not-found');
  }

  private async write<T>(action: string, run: (db: SetsDb) => Promise<T>): Promise<T> {
    if (this.faultError) throw diskError(action);
    try {
      return await run(await this.open());
    } catch (error) {
      if (error instanceof SetsError) throw error;
      if (isStorageFault(error)) {
        this.faultError = diskError(action);
        throw this.faultError;
      }
      const message = (error as { message?: string } | null)?.message ?? String(error);
      throw new SetsError(`Could not ${action}: ${message || 'the database refused the write'}.`, 'write');
    }
  }

  private changed(change: SetsChange): void {
    this.options.onChange?.(change);
  }
}

/** A repository on the sets database of `factory` (the browser's IndexedDB, or fake-indexeddb in tests). */
export function openSetsRepository(factory: IDBFactory, options: SetsRepositoryOptions = {}): SetsRepository {
  return new SetsRepository(createSetsDbHandle(factory), options);
}
