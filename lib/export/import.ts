// Import of W3C Web Annotation JSON-LD: Backstory's own exports and other conformant files with text-quote
// targets. Everything is checked first (size, JSON syntax, shape, duplicate ids); only then is anything
// written, in ONE readwrite transaction, so a bad file or a failed write (a full disk) leaves the notes
// exactly as they were.
import type { Annotation, NoteTarget } from '../notes/types';
import { ANNOTATIONS_STORE } from '../notes/types';
import { OTHER_ID_PREFIX } from './jsonld';

export { ImportError, MAX_IMPORT_BYTES, checkImportSize, type ImportCounts };
import { ImportError, MAX_IMPORT_BYTES, checkImportSize, type ImportCounts } from './errors';
import {
  annotationSchema,
  asList,
  describeIssues,
  formatPath,
  requiredMessages,
  textPositionSelectorSchema,
  textQuoteSelectorSchema,
  type AnnotationInput,
} from './schema';

/** The notes store's limits (lib/notes/store.ts): an imported note must be one the popup could have saved. */
const MAX_NOTE_CHARS = 100_000;
const MAX_TAGS = 50;
/** A file with thousands of problems is the wrong file; listing the first few says so. */
const MAX_LISTED_PROBLEMS = 8;

/** JSON.parse with the error's place given as line and column, which people can find in an editor. */
export function parseJson(text: string): unknown {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (body.trim() === '') throw new ImportError('The file is empty. Nothing was imported.');
  try {
    return JSON.parse(body);
  } catch (error) {
    const raw = error instanceof Error ? error.message : String(error);
    const position = /at position (\d+)/.exec(raw);
    const reason = raw.replace(/\s*(in JSON )?at position \d+.*$/s, '').replace(/\s*\(line \d+ column \d+\)/, '');
    const offset = position ? Number(position[1]) : body.length;
    if (offset >= body.trimEnd().length) {
      throw new ImportError(`This is not a JSON file, or not all of one: it ends too early (${reason}). Is the file complete? Nothing was imported.`);
    }
    const before = body.slice(0, offset);
    const line = before.split('\n').length;
    const column = offset - before.lastIndexOf('\n');
    throw new ImportError(`This is not a JSON file: ${reason} at line ${line}, column ${column}. Nothing was imported.`);
  }
}

interface LocatedItems {
  items: unknown[];
  /** Where the list sits in the file, for messages ("first.items"). */
  path: (string | number)[];
  /** Whether `items` is a real list in the file (else a single Annotation at `path`). */
  isList: boolean;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function typesOf(value: Record<string, unknown>): string[] {
  const t = value.type ?? value['@type'];
  return asList(t as string | string[] | undefined).filter((x): x is string => typeof x === 'string');
}

/**
 * Finds the annotations in the shapes the model allows: a collection with its pages embedded
 * (`first`, then `next`), a collection or page with `items`, one Annotation, or a bare list of them.
 */
export function locateAnnotations(doc: unknown): LocatedItems[] {
  if (Array.isArray(doc)) return [{ items: doc, path: [], isList: true }];
  if (!isObject(doc)) {
    throw new ImportError('This is JSON but not an annotation file: expected an object or a list at the top level. Nothing was imported.');
  }
  const types = typesOf(doc);
  if (types.includes('Annotation')) return [{ items: [doc], path: [], isList: false }];
  if (types.includes('AnnotationPage')) return [pageItems(doc, [])];
  if (types.includes('AnnotationCollection')) {
    if (Array.isArray(doc.items)) return [{ items: doc.items, path: ['items'], isList: true }];
    const found: LocatedItems[] = [];
    let page: unknown = doc.first;
    let path: (string | number)[] = ['first'];
    if (page === undefined) {
      if (doc.total === undefined || doc.total === 0) return [];
      throw new ImportError(`first: required: the collection says it has ${String(doc.total)} annotations but includes none. Nothing was imported.`);
    }
    const seen = new Set<unknown>();
    while (page !== undefined) {
      if (typeof page === 'string') {
        throw new ImportError(
          `${formatPath(path)}: the annotations are at ${page}, not in this file; Backstory imports collections whose pages are embedded. Nothing was imported.`,
        );
      }
      if (!isObject(page) || seen.has(page)) break;
      seen.add(page);
      found.push(pageItems(page, path));
      page = page.next;
      path = [...path, 'next'];
    }
    return found;
  }
  throw new ImportError(
    `This is JSON but not a Web Annotation file: the top level has type ${types.length ? types.map((t) => `"${t}"`).join(', ') : '(none)'}; expected an AnnotationCollection, an AnnotationPage, an Annotation or a list of annotations. Nothing was imported.`,
  );
}

function pageItems(page: Record<string, unknown>, path: (string | number)[]): LocatedItems {
  if (!Array.isArray(page.items)) {
    throw new ImportError(`${formatPath([...path, 'items'])}: required: a list of annotations. Nothing was imported.`);
  }
  return { items: page.items, path: [...path, 'items'], isList: true };
}

const URN_UUID = /^urn:uuid:([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;
const BARE_UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// RFC 4122 namespace for URLs: a foreign annotation IRI always maps to the same UUID, so re-importing the
// same file finds the records it wrote the first time.
const URL_NAMESPACE = '6ba7b811-9dad-11d1-80b4-00c04fd430c8';

/** Name-based UUID (RFC 4122 version 5, SHA-1) of `name` in the URL namespace. */
export async function uuidV5(name: string): Promise<string> {
  const ns = URL_NAMESPACE.replace(/-/g, '');
  const bytes = new Uint8Array(16 + new TextEncoder().encode(name).length);
  for (let i = 0; i < 16; i++) bytes[i] = parseInt(ns.slice(i * 2, i * 2 + 2), 16);
  bytes.set(new TextEncoder().encode(name), 16);
  const hash = new Uint8Array(await crypto.subtle.digest('SHA-1', bytes));
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = [...hash.slice(0, 16)].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/** The stored id for an annotation IRI: Backstory's own come back unchanged; others get a stable UUID. */
export async function storedIdFor(iri: string): Promise<string> {
  const urn = URN_UUID.exec(iri);
  if (urn) return urn[1]!;
  if (BARE_UUID.test(iri)) return iri;
  if (iri.startsWith(OTHER_ID_PREFIX)) {
    try {
      return decodeURIComponent(iri.slice(OTHER_ID_PREFIX.length));
    } catch {
      // Not one of ours after all (malformed escape): treat like any foreign IRI.
    }
  }
  return uuidV5(iri);
}

function toRecordWithoutId(input: AnnotationInput): Omit<Annotation, 'id'> {
  const targetInput = Array.isArray(input.target) ? input.target[0]! : input.target;
  const resource = typeof targetInput === 'string' ? { source: targetInput } : targetInput;
  const source = resource.source;
  const url = typeof source === 'string' ? source : source.id;
  const title =
    (typeof resource === 'object' && 'dc:title' in resource ? resource['dc:title'] : undefined) ??
    (typeof source === 'object' ? (source['dc:title'] ?? source.title) : undefined) ??
    '';

  const texts: string[] = [];
  const tags: string[] = [];
  if (input.bodyValue !== undefined) texts.push(input.bodyValue);
  for (const body of asList(input.body)) {
    if (asList(body.purpose).includes('tagging')) tags.push(body.value);
    else texts.push(body.value);
  }

  const record: Omit<Annotation, 'id'> = {
    url,
    title,
    // The schema guarantees one of the two; a file that gives only one date gets it for both.
    created: (input.created ?? input.modified)!,
    modified: (input.modified ?? input.created)!,
    text: texts.join('\n\n'),
    // Kept exactly as written: the file is the reader's data, and an import must give back what was exported.
    tags,
  };
  const selectors = 'selector' in resource ? asList(resource.selector) : [];
  const quote = selectors.find((s) => s.type === 'TextQuoteSelector');
  const position = selectors.find((s) => s.type === 'TextPositionSelector');
  if (quote) {
    const q = textQuoteSelectorSchema.parse(quote);
    const target: NoteTarget = { quote: { type: 'TextQuoteSelector', exact: q.exact, prefix: q.prefix ?? '', suffix: q.suffix ?? '' } };
    if (position) {
      const p = textPositionSelectorSchema.parse(position);
      target.position = { type: 'TextPositionSelector', start: p.start, end: p.end };
    }
    record.target = target;
  }
  const reference = input['backstory:reference'];
  if (reference) {
    record.reference = { id: reference['backstory:id'], kind: reference['backstory:kind'], label: reference['backstory:label'] };
  }
  return record;
}

/** Problems a schema cannot see: a selector list with no quote to anchor on, the store's limits. */
function itemProblems(input: AnnotationInput): string[] {
  const problems: string[] = [];
  const targetInput = Array.isArray(input.target) ? input.target[0]! : input.target;
  if (typeof targetInput !== 'string' && targetInput.selector !== undefined) {
    const at = Array.isArray(input.target) ? ['target', 0, 'selector'] : ['target', 'selector'];
    if (!asList(targetInput.selector).some((s) => s.type === 'TextQuoteSelector')) {
      problems.push(`${formatPath(at)}: no TextQuoteSelector; Backstory anchors notes on quoted text`);
    }
  }
  const bodies = asList(input.body);
  const tagCount = bodies.filter((b) => asList(b.purpose).includes('tagging')).length;
  if (tagCount > MAX_TAGS) problems.push(`body: ${tagCount} tags; a note can have at most ${MAX_TAGS}`);
  const textLength = bodies.filter((b) => !asList(b.purpose).includes('tagging')).reduce((n, b) => n + b.value.length, input.bodyValue?.length ?? 0);
  if (textLength > MAX_NOTE_CHARS) {
    problems.push(`body: the note is ${textLength.toLocaleString('en')} characters; the limit is ${MAX_NOTE_CHARS.toLocaleString('en')}`);
  }
  return problems;
}

/**
 * Parses and validates a whole file into stored records, or throws an ImportError listing what is wrong and
 * where. Writes nothing.
 */
export async function parseAnnotationFile(text: string): Promise<Annotation[]> {
  checkImportSize(text.length);
  const located = locateAnnotations(parseJson(text));

  const problems: string[] = [];
  let problemCount = 0;
  const valid: { input: AnnotationInput; path: (string | number)[] }[] = [];
  for (const { items, path, isList } of located) {
    items.forEach((item, index) => {
      const itemPath = isList ? [...path, index] : path;
      const result = annotationSchema.safeParse(item, requiredMessages);
      const found = result.success
        ? itemProblems(result.data).map((p) => (itemPath.length ? `${formatPath(itemPath)}.${p}` : p))
        : describeIssues(result.error.issues, itemPath);
      if (found.length > 0) {
        problemCount += found.length;
        problems.push(...found.slice(0, Math.max(0, MAX_LISTED_PROBLEMS - problems.length)));
      } else if (result.success) {
        valid.push({ input: result.data, path: itemPath });
      }
    });
  }
  if (problemCount > 0) {
    if (problemCount > problems.length) problems.push(`…and ${problemCount - problems.length} more`);
    throw new ImportError(`This file is not a valid annotation file (${problemCount} problem${problemCount === 1 ? '' : 's'}); nothing was imported.`, problems);
  }

  const records: Annotation[] = [];
  const firstSeen = new Map<string, (string | number)[]>();
  const duplicates: string[] = [];
  for (const { input, path } of valid) {
    const id = await storedIdFor(input.id);
    const earlier = firstSeen.get(id);
    if (earlier) {
      duplicates.push(`${formatPath(path)}.id: "${input.id}" is already used by ${formatPath(earlier)}`);
      continue;
    }
    firstSeen.set(id, path);
    records.push({ id, ...toRecordWithoutId(input) });
  }
  if (duplicates.length > 0) {
    const listed = duplicates.slice(0, MAX_LISTED_PROBLEMS);
    if (duplicates.length > listed.length) listed.push(`…and ${duplicates.length - listed.length} more`);
    throw new ImportError(`This file uses the same id for different annotations; nothing was imported.`, listed);
  }
  return records;
}

function isNewer(incoming: Annotation, stored: Annotation): boolean {
  // Instants, not strings: "10:00+02:00" is older than "09:00Z". A stored date that does not parse loses.
  return !(Date.parse(stored.modified) >= Date.parse(incoming.modified));
}

/**
 * Writes records in one readwrite transaction: new ids are added, a stored record with an older `modified`
 * is replaced, anything else is kept. Any failed request aborts the transaction, so either every change
 * lands or none does.
 */
export function writeAnnotations(db: IDBDatabase, records: readonly Annotation[]): Promise<ImportCounts> {
  return new Promise((resolve, reject) => {
    const counts: ImportCounts = { added: 0, updated: 0, skipped: 0 };
    let tx: IDBTransaction;
    try {
      tx = db.transaction(ANNOTATIONS_STORE, 'readwrite');
    } catch (error) {
      reject(new ImportError(`Could not open the notes database for writing (${describeError(error)}). Nothing was imported.`));
      return;
    }
    const store = tx.objectStore(ANNOTATIONS_STORE);
    // Requests are issued from callbacks rather than awaited promises: the transaction stays active, and
    // 10,000 records need no promise per record. Reads are batched: one getAllKeys says which ids exist;
    // new records are put straight away; stored ones are compared, read with one getAll when they are a
    // large part of the store (re-importing a backup), else one get each (a few notes into a big store).
    const merge = (record: Annotation, stored: Annotation) => {
      if (isNewer(record, stored)) {
        counts.updated++;
        store.put(record);
      } else {
        counts.skipped++;
      }
    };
    const keysRequest = store.getAllKeys();
    keysRequest.onsuccess = () => {
      const keys = new Set(keysRequest.result as IDBValidKey[]);
      const existing: Annotation[] = [];
      for (const record of records) {
        if (keys.has(record.id)) {
          existing.push(record);
        } else {
          counts.added++;
          store.put(record);
        }
      }
      if (existing.length === 0) return;
      if (existing.length * 4 >= keys.size) {
        const all = store.getAll();
        all.onsuccess = () => {
          const byId = new Map((all.result as Annotation[]).map((a) => [a.id, a]));
          for (const record of existing) merge(record, byId.get(record.id)!);
        };
      } else {
        for (const record of existing) {
          const request = store.get(record.id);
          request.onsuccess = () => merge(record, request.result as Annotation);
        }
      }
    };
    tx.oncomplete = () => resolve(counts);
    tx.onabort = () => {
      reject(new ImportError(`Saving failed (${describeError(tx.error)}); nothing was imported and your notes are unchanged.`));
    };
  });
}

function describeError(error: unknown): string {
  if (error instanceof DOMException && error.name === 'QuotaExceededError') return 'the browser has no more storage space for Backstory';
  if (error instanceof Error) return error.message || error.name;
  return error === null || error === undefined ? 'the transaction was aborted' : String(error);
}

/** Validates `text` and imports it in one transaction. Throws ImportError (nothing written) on any problem. */
export async function importAnnotationFile(db: IDBDatabase, text: string): Promise<ImportCounts> {
  const records = await parseAnnotationFile(text);
  return writeAnnotations(db, records);
}
