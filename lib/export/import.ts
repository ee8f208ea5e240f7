// Import of what Backstory exports — W3C Web Annotation JSON-LD (and conformant files from other tools),
// CSV and Markdown — into records the notes repository writes. Everything is checked first (size, that the
// file is text, its format, its shape, the notes' own rules, duplicate ids); only then is anything written
// (NotesRepository.importRecords, in one transaction). A file it cannot take gets a message in the reader's words.
import type { z } from 'zod';
import type { Annotation, NoteTarget } from '../notes/types';
import { NotesRepository } from '../notes/repository';
import { isCanonicalInstant } from '../notes/schema';
import { describeIssues, formatPath, requiredMessages } from '../validation';
import { OTHER_ID_PREFIX } from './jsonld';
import { readCsv, REQUIRED_CSV_COLUMNS, type CsvRecord } from './csv';
import { RECORD_COMMENT } from './markdown';
import { ImportError, checkImportSize, FORMATS_TAKEN } from './errors';
import { plainAnnotationInput } from './plain-input';
import { annotationSchema, asList, textPositionSelectorSchema, textQuoteSelectorSchema, type AnnotationInput } from './schema';

export { ImportError, MAX_IMPORT_BYTES, checkImportSize } from './errors';

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
      throw new ImportError(`This JSON file ends too early (${reason}): is it complete? Nothing was imported.`);
    }
    const before = body.slice(0, offset);
    const line = before.split('\n').length;
    const column = offset - before.lastIndexOf('\n');
    throw new ImportError(`This file starts like JSON but is not valid JSON: ${reason} at line ${line}, column ${column}. Nothing was imported.`);
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
  return ownStoredId(iri) ?? uuidV5(iri);
}

/**
 * The stored id of an IRI Backstory wrote itself, read without waiting for anything; null for another tool's IRI,
 * whose id is a hash (uuidV5, asynchronous). A file of Backstory's own then costs no await per note.
 */
function ownStoredId(iri: string): string | null {
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
  return null;
}

/** The record an annotation of the file becomes, under its stored id (built whole: a spread after would copy it). */
function toRecord(id: string, input: AnnotationInput): Annotation {
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

  const record: Annotation = {
    id,
    url,
    title,
    // The schema guarantees one of the two; a file that gives only one date gets it for both. Stored as UTC
    // instants, so every list orders them the same way whatever offset the file wrote.
    created: utc((input.created ?? input.modified)!),
    modified: utc((input.modified ?? input.created)!),
    text: texts.join('\n\n'),
    // Tidied by the notes' schema exactly as typed tags are (idempotent, so exports come back unchanged).
    tags,
  };
  const selectors = 'selector' in resource ? asList(resource.selector) : [];
  // Checked already, by the quick path or the file schema (whose union reads these two types with exactly these
  // schemas): read as they are, not parsed a second time.
  const quote = selectors.find((s): s is z.output<typeof textQuoteSelectorSchema> => s.type === 'TextQuoteSelector');
  const position = selectors.find((s): s is z.output<typeof textPositionSelectorSchema> => s.type === 'TextPositionSelector');
  if (quote) {
    const target: NoteTarget = { quote: { type: 'TextQuoteSelector', exact: quote.exact, prefix: quote.prefix ?? '', suffix: quote.suffix ?? '' } };
    if (position) target.position = { type: 'TextPositionSelector', start: position.start, end: position.end };
    record.target = target;
  }
  const reference = input['backstory:reference'];
  if (reference) {
    record.reference = { id: reference['backstory:id'], kind: reference['backstory:kind'], label: reference['backstory:label'] };
  }
  return record;
}

/** A problem the file's schema cannot see: a selector list with no quote to anchor on. */
function itemProblems(input: AnnotationInput): string[] {
  const problems: string[] = [];
  const targetInput = Array.isArray(input.target) ? input.target[0]! : input.target;
  if (typeof targetInput !== 'string' && targetInput.selector !== undefined) {
    const at = Array.isArray(input.target) ? ['target', 0, 'selector'] : ['target', 'selector'];
    if (!asList(targetInput.selector).some((s) => s.type === 'TextQuoteSelector')) {
      problems.push(`${formatPath(at)}: no TextQuoteSelector; Backstory anchors notes on quoted text`);
    }
  }
  return problems;
}

/** An instant as the repository stores it (toISOString); a string that is not a date is left for the schema. */
function utc(iso: string): string {
  if (isCanonicalInstant(iso)) return iso; // already UTC, as Backstory writes it
  const t = Date.parse(iso);
  return Number.isNaN(t) ? iso : new Date(t).toISOString();
}

function refuse(message: string, problems: string[], total: number): never {
  const listed = problems.slice(0, MAX_LISTED_PROBLEMS);
  if (total > listed.length) listed.push(`…and ${total - listed.length} more`);
  throw new ImportError(message, listed);
}

/**
 * The records a file holds, before they are checked, and where each is in the file for messages ("first.items[3]",
 * "row 5"): worked out only for a record with something to say, not written out for each of 10,000.
 */
interface Candidates {
  records: unknown[];
  at(index: number): string;
}

/** Checks records against the notes' own rules and ids for duplicates; returns them or throws listing why not. */
function checkRecords(candidates: Candidates): Annotation[] {
  const { records, problems } = NotesRepository.check(candidates.records, (i) => candidates.at(i));
  if (problems.length > 0) {
    refuse(`This file has notes Backstory cannot keep (${problems.length} problem${problems.length === 1 ? '' : 's'}); nothing was imported.`, problems, problems.length);
  }
  const firstSeen = new Map<string, number>();
  const duplicates: string[] = [];
  records.forEach((record, i) => {
    const earlier = firstSeen.get(record.id);
    if (earlier !== undefined) duplicates.push(`${candidates.at(i)}.id: "${record.id}" is already used by ${candidates.at(earlier)}`);
    else firstSeen.set(record.id, i);
  });
  if (duplicates.length > 0) refuse('This file uses the same id for different annotations; nothing was imported.', duplicates, duplicates.length);
  return records;
}

/** Web Annotation JSON-LD into candidate records ("first.items[3]" for messages). */
async function fromJsonLd(text: string): Promise<Candidates> {
  const located = locateAnnotations(parseJson(text));
  const problems: string[] = [];
  let problemCount = 0;
  const records: unknown[] = [];
  // Where each page of the file starts among the records, and where it is in the file. An item is either a record or
  // a problem, and a file with a problem is refused whole, so a record's index in its page is the item's.
  const pages: { first: number; path: (string | number)[]; isList: boolean }[] = [];
  const pathOf = (path: (string | number)[], isList: boolean, index: number) => (isList ? [...path, index] : path);
  for (const { items, path, isList } of located) {
    pages.push({ first: records.length, path, isList });
    for (let index = 0; index < items.length; index++) {
      const item = items[index];
      const plain = plainAnnotationInput(item);
      if (plain) {
        records.push(toRecord(ownStoredId(plain.id) ?? (await uuidV5(plain.id)), plain));
        continue;
      }
      const itemPath = pathOf(path, isList, index);
      const result = annotationSchema.safeParse(item, requiredMessages);
      const found = result.success
        ? itemProblems(result.data).map((p) => (itemPath.length ? `${formatPath(itemPath)}.${p}` : p))
        : describeIssues(result.error.issues, itemPath);
      if (found.length > 0) {
        problemCount += found.length;
        problems.push(...found.slice(0, Math.max(0, MAX_LISTED_PROBLEMS - problems.length)));
      } else if (result.success) {
        records.push(toRecord(await storedIdFor(result.data.id), result.data));
      }
    }
  }
  if (problemCount > 0) refuse(`This file is not a valid annotation file (${problemCount} problem${problemCount === 1 ? '' : 's'}); nothing was imported.`, problems, problemCount);
  return {
    records,
    at(i) {
      let page = pages[0]!;
      for (const p of pages) if (p.first <= i) page = p;
      return formatPath(pathOf(page.path, page.isList, i - page.first));
    },
  };
}

/** A CSV row into a candidate record; empty cells are absent values. */
function fromCsvRow(row: CsvRecord): unknown {
  const record: Record<string, unknown> = {
    id: row.id.trim(),
    url: row.url,
    title: row.title,
    created: utc((row.created || row.modified).trim()),
    modified: utc((row.modified || row.created).trim()),
    text: row.note,
    tags: row.tags === '' ? [] : row.tags.split('\n'),
  };
  if (row.quote !== '') {
    const target: NoteTarget = { quote: { type: 'TextQuoteSelector', exact: row.quote, prefix: row.prefix, suffix: row.suffix } };
    if (row.start !== '' && row.end !== '') target.position = { type: 'TextPositionSelector', start: Number(row.start), end: Number(row.end) };
    record.target = target;
  }
  if (row.reference_id !== '') record.reference = { id: row.reference_id, kind: row.reference_kind, label: row.reference };
  return record;
}

function fromCsv(text: string): Candidates {
  const { rows, missing } = readCsv(text);
  if (missing.length > 0) {
    throw new ImportError(
      `This CSV file is not one Backstory exported: its first row must name the columns ${REQUIRED_CSV_COLUMNS.join(', ')} ` +
        `(missing: ${missing.join(', ')}). ${FORMATS_TAKEN} Nothing was imported.`,
    );
  }
  // Row numbers as a spreadsheet shows them: the header is row 1.
  return { records: rows.map(fromCsvRow), at: (i) => `row ${i + 2}` };
}

// At the start of a line: in the visible text every "<" is escaped, so a note quoting a comment never matches.
const COMMENT = new RegExp(`^<!-- ${RECORD_COMMENT} (.*?) -->$`, 'gms');

function fromMarkdown(text: string): Candidates {
  const out: Candidates = { records: [], at: (i) => `note ${i + 1}` };
  let n = 0;
  for (const match of text.matchAll(COMMENT)) {
    n++;
    try {
      out.records.push(JSON.parse(match[1]!));
    } catch {
      throw new ImportError(`Note ${n} of this Markdown file has a damaged Backstory comment (the hidden line after it); nothing was imported.`);
    }
  }
  // An export of no notes is a file with nothing to import, not a wrong file.
  if (n === 0 && MARKDOWN_HEADING.test(text.slice(0, 200)) && !/^## /m.test(text)) return out;
  if (n === 0) {
    throw new ImportError(
      'This Markdown file holds no notes Backstory can read back: each note of a Markdown export carries a hidden comment ' +
        `(<!-- ${RECORD_COMMENT} … -->) that an import reads, and this file has none. ${FORMATS_TAKEN} Nothing was imported.`,
    );
  }
  return out;
}

/** Text that a decoder made of a binary file: NUL bytes, replacement characters, control characters. */
function looksBinary(text: string): boolean {
  const sample = text.slice(0, 65_536);
  if (sample.includes('\u0000')) return true;
  const odd = sample.match(/[\ufffd\u0001-\u0008\u000e-\u001f]/g)?.length ?? 0;
  return odd > Math.max(8, sample.length * 0.01);
}

export type ImportFormat = 'jsonld' | 'csv' | 'markdown';

/** A Markdown export's first heading (files written before the notes were called notes say "annotations"). */
const MARKDOWN_HEADING = /^# Backstory (notes|annotations)\s*$/m;

/** Which format the file is in, from its content (a file name can lie); null when none of ours. */
export function detectFormat(text: string): ImportFormat | null {
  const body = text.trimStart();
  if (body.startsWith('{') || body.startsWith('[')) return 'jsonld';
  if (body.includes(`<!-- ${RECORD_COMMENT} `) || MARKDOWN_HEADING.test(body.slice(0, 200))) return 'markdown';
  const firstLine = body.slice(0, body.search(/\r?\n|$/));
  if (/(^|,)"?(id|url)"?(,|$)/i.test(firstLine)) return 'csv';
  return null;
}

/**
 * Parses and validates a whole file into stored records, or throws an ImportError that says what is wrong
 * and where. Writes nothing.
 */
export async function parseImportFile(text: string): Promise<Annotation[]> {
  checkImportSize(text.length);
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (body.trim() === '') throw new ImportError('The file is empty. Nothing was imported.');
  const format = detectFormat(body);
  // Only a file in none of the formats is judged binary: a note may hold any character, a NUL included.
  if (format === null && looksBinary(body)) {
    throw new ImportError(`This is not a text file (it looks like a picture, a PDF, an archive or another binary file). ${FORMATS_TAKEN} Nothing was imported.`);
  }
  if (format === null) {
    throw new ImportError(`Backstory cannot tell what this file is: it is not JSON-LD, nor a CSV or Markdown file that Backstory exported. ${FORMATS_TAKEN} Nothing was imported.`);
  }
  const candidates = format === 'jsonld' ? await fromJsonLd(body) : format === 'csv' ? fromCsv(body) : fromMarkdown(body);
  return checkRecords(candidates);
}
