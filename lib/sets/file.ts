// A reference set as one file, to share it: the set's name and description, its documents (with their texts, or
// facts and provenance only), what the builder made of them and the reader's edits. The same JSON in Chrome and
// Firefox. Importing checks everything first — that it is JSON, that it is a set file (or a dataset written by
// `npm run dataset`), every field and limit, every id and provenance range, that each text is the one its hash
// names — and only then writes the set, in one transaction, as a new set: a bad or hostile file gets a message
// saying what is wrong and leaves nothing behind.
import { z } from 'zod';
import { describeIssues, requiredMessages } from '../validation';
import { curationEditSchema, type CurationEdit } from './curation';
import { asDataset, datasetSchema, documentIdSchema } from './dataset-schema';
import { ISO_DAY, SET_LIMITS, setDescriptionSchema, setNameSchema } from './limits';
import { digestText, type SetContents, type SetsRepository } from './repository';
import type { DocumentOrigin, ReferenceSet, SetDocument, StoredEdit } from './types';
import type { Dataset } from '../reference/types';

export const SET_FILE_FORMAT = 'backstory-reference-set';
export const SET_FILE_VERSION = 1;

export interface SetFileDocument {
  id: string;
  title: string;
  publisher?: string;
  date?: string;
  url?: string;
  sha256: string;
  length: number;
  added: string;
  origin: DocumentOrigin;
  text?: string;
}

export interface SetFile {
  format: typeof SET_FILE_FORMAT;
  version: typeof SET_FILE_VERSION;
  /** ISO 8601. */
  exported: string;
  set: { name: string; description: string; created: string; modified: string };
  /** Whether the documents' texts are in the file (else facts and provenance only). */
  texts: boolean;
  documents: SetFileDocument[];
  build?: { built: string; dataset: Dataset; warnings: string[] };
  edits: Array<{ at: string; edit: CurationEdit }>;
}

/** A file could not be imported; the message is for the reader and says that nothing was imported. */
export class SetImportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SetImportError';
  }
}

/** What describes a document wherever it is listed: id, title, publisher, date, address, hash and length. */
function describedDocument(d: Pick<SetDocument, 'id' | 'title' | 'publisher' | 'date' | 'url' | 'sha256' | 'length'>) {
  return {
    id: d.id,
    title: d.title,
    ...(d.publisher ? { publisher: d.publisher } : {}),
    ...(d.date ? { date: d.date } : {}),
    ...(d.url ? { url: d.url } : {}),
    sha256: d.sha256,
    length: d.length,
  };
}

/** The set as one file (see SetFile); `texts: false` leaves the documents' texts out. */
export function exportSet(contents: SetContents, options: { texts: boolean; now?: Date }): SetFile {
  const { set, documents, texts, edits, build } = contents;
  return {
    format: SET_FILE_FORMAT,
    version: SET_FILE_VERSION,
    exported: (options.now ?? new Date()).toISOString(),
    set: { name: set.name, description: set.description, created: set.created, modified: set.modified },
    texts: options.texts,
    documents: documents.map((d) => ({
      ...describedDocument(d),
      added: d.added,
      origin: d.origin,
      ...(options.texts && texts.has(d.id) ? { text: texts.get(d.id)! } : {}),
    })),
    ...(build ? { build: { built: build.built, dataset: build.dataset, warnings: build.warnings } } : {}),
    edits: edits.map((e) => ({ at: e.at, edit: e.edit })),
  };
}

/** "Syria reports.backstory-set.json" */
export function setFileName(name: string): string {
  const base = name.replace(/[\\/:*?"<>|\u0000-\u001f]+/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 80) || 'reference set';
  return `${base}.backstory-set.json`;
}

export function serializeSetFile(file: SetFile): string {
  return `${JSON.stringify(file)}\n`;
}

const isoInstant = z.iso.datetime({ offset: true });

const fileDocument = z.object({
  id: documentIdSchema,
  title: z.string().max(SET_LIMITS.title),
  publisher: z.string().max(SET_LIMITS.publisher).optional(),
  date: z.string().regex(ISO_DAY, 'dates are YYYY-MM-DD or YYYY-MM').optional(),
  url: z.string().max(SET_LIMITS.url).optional(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/, 'a SHA-256 in hexadecimal'),
  length: z.number().int().nonnegative(),
  added: isoInstant,
  origin: z.enum(['page', 'paste', 'file', 'import']),
  text: z.string().max(SET_LIMITS.text, `a document's text is at most ${SET_LIMITS.text.toLocaleString('en')} characters`).optional(),
}).strict();

const setFileSchema = z.object({
  format: z.literal(SET_FILE_FORMAT),
  version: z.literal(SET_FILE_VERSION),
  exported: isoInstant,
  set: z.object({ name: setNameSchema, description: setDescriptionSchema, created: isoInstant, modified: isoInstant }).strict(),
  texts: z.boolean(),
  documents: z.array(fileDocument).max(SET_LIMITS.documents, `a set holds at most ${SET_LIMITS.documents.toLocaleString('en')} documents`),
  build: z.object({ built: isoInstant, dataset: datasetSchema, warnings: z.array(z.string().max(2_000)).max(10_000) }).strict().optional(),
  edits: z.array(z.object({ at: isoInstant, edit: curationEditSchema }).strict()).max(SET_LIMITS.edits),
}).strict().superRefine((f, ctx) => {
  const ids = new Set<string>();
  f.documents.forEach((d, i) => {
    if (ids.has(d.id)) ctx.addIssue({ code: 'custom', path: ['documents', i, 'id'], message: `a second document with the id "${d.id}"` });
    ids.add(d.id);
    if (d.text !== undefined && d.text.length !== d.length) {
      ctx.addIssue({ code: 'custom', path: ['documents', i, 'text'], message: `the text is ${d.text.length} characters long but the file says ${d.length}` });
    }
  });
  if (!f.build) return;
  const built = new Map(f.build.dataset.documents.map((d) => [d.id, d]));
  f.documents.forEach((d, i) => {
    const b = built.get(d.id);
    if (b && (b.sha256 !== d.sha256 || b.length !== d.length)) {
      ctx.addIssue({ code: 'custom', path: ['documents', i], message: 'the document is not the one the set was built from (its hash differs)' });
    }
  });
  for (const id of built.keys()) {
    if (!ids.has(id)) ctx.addIssue({ code: 'custom', path: ['build', 'dataset', 'documents'], message: `the build names a document "${id}" the file does not list` });
  }
});

/** Problems listed in a message: a file with thousands of problems is the wrong file, and the first few say so. */
const MAX_LISTED = 6;

function problemsMessage(issues: Parameters<typeof describeIssues>[0], what: string): string {
  const lines = describeIssues(issues);
  const listed = lines.slice(0, MAX_LISTED).map((l) => `  • ${l}`).join('\n');
  const more = lines.length > MAX_LISTED ? `\n  … and ${lines.length - MAX_LISTED} more` : '';
  return `This ${what} has problems, so nothing was imported:\n${listed}${more}`;
}

/** JSON.parse that refuses the keys a hostile file uses to reach into a program's objects. */
function parseJson(text: string): unknown {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (body.trim() === '') throw new SetImportError('The file is empty. Nothing was imported.');
  if (!/^\s*[[{]/.test(body)) {
    throw new SetImportError('This is not a reference set file: Backstory exports sets as JSON (“….backstory-set.json”), and `npm run dataset` writes a dataset as JSON. Nothing was imported.');
  }
  let hostile = false;
  let value: unknown;
  try {
    value = JSON.parse(body, (key, v: unknown) => {
      if (key === '__proto__' || key === 'constructor' || key === 'prototype') hostile = true;
      return v;
    });
  } catch (error) {
    const raw = error instanceof Error ? error.message : String(error);
    throw new SetImportError(`This file starts like JSON but is not valid JSON (${raw}). Nothing was imported.`);
  }
  if (hostile) {
    throw new SetImportError('This file has a key no Backstory file has (“__proto__”, “constructor” or “prototype”): it was not made by Backstory. Nothing was imported.');
  }
  return value;
}

export interface ImportedSet {
  contents: SetContents;
  /** What kind of file it was. */
  kind: 'set' | 'dataset';
}

/** The name of a set made from a bare dataset: its subject, or the file's name. */
function datasetName(dataset: Dataset, fileName: string | undefined): string {
  const fromFile = fileName?.replace(/\.(?:backstory-set\.)?json$/i, '').replace(/[_-]+/g, ' ').trim();
  return (dataset.subject ?? fromFile ?? 'Imported dataset').slice(0, SET_LIMITS.name) || 'Imported dataset';
}

/**
 * Reads a set file (or a bare dataset) into a new set's contents, checking everything, writing nothing. The new
 * set gets `setId`; edits get fresh ids from `newId`. Throws SetImportError with the reader's message.
 */
export async function readSetFile(
  text: string,
  options: { setId: string; newId: () => string; now: Date; fileName?: string; bytes?: number },
): Promise<ImportedSet> {
  const bytes = options.bytes ?? text.length;
  if (bytes > SET_LIMITS.fileBytes) {
    throw new SetImportError(`This file is ${bytes.toLocaleString('en')} bytes, and the limit for a set file is ${(SET_LIMITS.fileBytes / 1024 / 1024).toLocaleString('en')} MB. Nothing was imported.`);
  }
  if (/\u0000/.test(text.slice(0, 4096))) {
    throw new SetImportError('This is not a text file (it holds binary data). Backstory imports the set files it exports and the datasets `npm run dataset` writes, both JSON. Nothing was imported.');
  }
  const json = parseJson(text);
  const stamp = options.now.toISOString();
  const record = typeof json === 'object' && json !== null && !Array.isArray(json) ? (json as Record<string, unknown>) : undefined;
  if (record?.format === SET_FILE_FORMAT) {
    if (record.version !== SET_FILE_VERSION) {
      throw new SetImportError(`This set file is version ${JSON.stringify(record.version)}; this Backstory reads version ${SET_FILE_VERSION}. Nothing was imported.`);
    }
    const parsed = setFileSchema.safeParse(json, requiredMessages);
    if (!parsed.success) throw new SetImportError(problemsMessage(parsed.error.issues, 'set file'));
    const file = parsed.data;
    const texts = new Map<string, string>();
    for (const d of file.documents) {
      if (d.text === undefined) continue;
      if ((await digestText(d.text)) !== d.sha256) {
        throw new SetImportError(`The text of “${d.title || d.id}” is not the one its hash names: the file was changed after it was exported. Nothing was imported.`);
      }
      texts.set(d.id, d.text);
    }
    const set: ReferenceSet = {
      id: options.setId,
      name: file.set.name,
      description: file.set.description,
      created: file.set.created,
      modified: file.set.modified,
      nextDocument: nextNumber(file.documents.map((d) => d.id)),
      revision: 1,
    };
    const documents: SetDocument[] = file.documents.map(({ text: _text, ...d }) => ({ setId: set.id, ...d }));
    const edits: StoredEdit[] = file.edits
      .sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0))
      .map((e) => ({ setId: set.id, id: options.newId(), at: e.at, edit: e.edit as CurationEdit }));
    const build = file.build ? { setId: set.id, built: file.build.built, dataset: asDataset(file.build.dataset), warnings: file.build.warnings } : undefined;
    return { kind: 'set', contents: { set, documents, texts, edits, ...(build ? { build } : {}) } };
  }
  if (record && record.version === 1 && Array.isArray(record.entities) && Array.isArray(record.documents)) {
    const parsed = datasetSchema.safeParse(json, requiredMessages);
    if (!parsed.success) throw new SetImportError(problemsMessage(parsed.error.issues, 'dataset'));
    const dataset = asDataset(parsed.data);
    const set: ReferenceSet = {
      id: options.setId,
      name: setNameSchema.parse(datasetName(dataset, options.fileName)),
      description: dataset.subject ? `Imported from a dataset on ${dataset.subject}.` : 'Imported from a dataset.',
      created: stamp,
      modified: stamp,
      nextDocument: nextNumber(dataset.documents.map((d) => d.id)),
      revision: 1,
    };
    const documents: SetDocument[] = dataset.documents.map((d) => ({
      setId: set.id,
      ...describedDocument(d),
      added: stamp,
      origin: 'import',
    }));
    return { kind: 'dataset', contents: { set, documents, texts: new Map(), edits: [], build: { setId: set.id, built: stamp, dataset, warnings: [] } } };
  }
  throw new SetImportError(
    'This JSON file is not a reference set: Backstory imports the set files it exports (“….backstory-set.json”) and the datasets `npm run dataset` writes. Nothing was imported.',
  );
}

/** The next free document number after ids like "d0007" (other ids, from a dataset, do not count). */
function nextNumber(ids: readonly string[]): number {
  let max = 0;
  for (const id of ids) {
    const m = /^d(\d+)$/.exec(id);
    if (m) max = Math.max(max, Number(m[1]));
  }
  return max + 1;
}

/** Checks a file and, only when all of it is sound, writes it as a new set in one transaction. */
export async function importSetFile(repository: SetsRepository, text: string, options: { fileName?: string; bytes?: number; now?: Date } = {}): Promise<ImportedSet> {
  const imported = await readSetFile(text, {
    setId: repository.freshSetId(),
    newId: () => crypto.randomUUID(),
    now: options.now ?? new Date(),
    ...(options.fileName ? { fileName: options.fileName } : {}),
    ...(options.bytes !== undefined ? { bytes: options.bytes } : {}),
  });
  await repository.putSet(imported.contents);
  return imported;
}
