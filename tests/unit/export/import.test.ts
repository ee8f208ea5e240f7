import { beforeEach, describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { IDBFactory } from 'fake-indexeddb';
import { openDB } from 'idb';
import { writeJsonLd } from '@/lib/export/jsonld';
import { exportAnnotations } from '@/lib/export/export';
import { ImportError, MAX_IMPORT_BYTES, checkImportSize, parseImportFile, uuidV5 } from '@/lib/export/import';
import type { NotesDb } from '@/lib/notes/db';
import { NotesRepository, type ImportCounts } from '@/lib/notes/repository';
import { ANNOTATIONS_STORE, TRASH_STORE, type Annotation } from '@/lib/notes/types';
import { byId, contents, freshNotesDb, note, putAll, storedAnnotations } from './helpers';

// Property runs are CPU-bound; on a loaded machine they need more than vitest's default 5 s.
const PROPERTY_TIMEOUT = 120_000;

const now = new Date('2026-03-04T05:06:07Z');
const ID_A = '1b9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4bed';
const ID_B = '0f8fad5b-d9cb-469f-a165-70867728950e';
const ID_C = '7c9e6679-7425-40de-944b-e07fc1f90ae7';

let db: NotesDb;

/** What the options page does with a file: parse and check it, then write it through the repository. */
async function importInto(target: NotesDb, text: string): Promise<ImportCounts> {
  return new NotesRepository(async () => target).importRecords(await parseImportFile(text));
}
/** What the database held before a bad import; it must hold exactly this afterwards. */
let seeded: Annotation[];

beforeEach(async () => {
  ({ db } = await freshNotesDb());
  seeded = [note({ id: ID_A }), note({ id: ID_B, url: 'https://other.example/b', text: 'kept', tags: [] })];
  await putAll(db, seeded);
});

async function expectRejectedUnchanged(text: string, message: RegExp | string): Promise<ImportError> {
  const error = await importInto(db, text).then(
    () => { throw new Error('import should have failed'); },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ImportError);
  expect((error as Error).message).toMatch(message);
  expect((await contents(db)).sort(byId)).toStrictEqual([...seeded].sort(byId));
  return error as ImportError;
}

/** A one-annotation collection as Backstory writes it, for tests that break one field. */
function exported(...annotations: Annotation[]) {
  return JSON.parse(writeJsonLd(annotations, { now })) as { first: { items: Record<string, unknown>[] } };
}

describe('bad files are refused with what is wrong and where, and change nothing', () => {
  test('not JSON: the reason and the line and column', async () => {
    await expectRejectedUnchanged('{\n  "type": "AnnotationCollection",\n  "total": 1,,\n}', /not valid JSON: .* at line 3, column 14\. Nothing was imported/);
    await expectRejectedUnchanged('{"type": "Annot', /ends too early \(Unterminated string\)/);
    await expectRejectedUnchanged('[\n{"id": "x"}\n{"id": "y"}]', /not valid JSON: .* at line 3, column 1\./);
    await expectRejectedUnchanged('{"type": "AnnotationCollection", "first": {', /This JSON file ends too early \(.*\): is it complete\?/);
    await expectRejectedUnchanged('', /The file is empty/);
  });

  test('JSON of the wrong shape', async () => {
    await expectRejectedUnchanged('"hello"', /cannot tell what this file is.*Backstory imports the files it exports/s);
    await expectRejectedUnchanged('{"type": "Person", "name": "x"}', /top level has type "Person"; expected an AnnotationCollection/);
    await expectRejectedUnchanged('{"items": []}', /top level has type \(none\)/);
    await expectRejectedUnchanged('[1]', /\[0\]: expected object, received number/);
    await expectRejectedUnchanged('{"type": "AnnotationCollection", "total": 3, "first": "https://example.org/page1"}',
      /first: the annotations are at https:\/\/example\.org\/page1, not in this file/);
    await expectRejectedUnchanged('{"type": "AnnotationCollection", "total": 3}', /first: required/);
  });

  test('missing fields, named by their path', async () => {
    const doc = exported(note({ id: ID_C }), note({ id: ID_A }));
    delete (doc.first.items[1]!.target as { selector: { exact?: string }[] }).selector[0]!.exact;
    delete doc.first.items[0]!.id;
    const error = await expectRejectedUnchanged(JSON.stringify(doc), /2 problems/);
    expect(error.problems).toEqual(['first.items[0].id: required', 'first.items[1].target.selector[0].exact: required']);
  });

  test('wrong values, named by their path', async () => {
    const doc = exported(note({ id: ID_C }), note({ id: ID_A }), note({ id: ID_B }));
    doc.first.items[0]!.created = 'yesterday';
    (doc.first.items[1]!.target as { selector: { end: number }[] }).selector[1]!.end = 5; // before start
    doc.first.items[2]!.type = 'Person';
    const error = await expectRejectedUnchanged(JSON.stringify(doc), /3 problems/);
    expect(error.problems).toEqual([
      expect.stringMatching(/^first\.items\[0\]\.created: expected an ISO 8601 date-time with a time zone/),
      'first.items[1].target.selector[1].end: end must not be before start',
      'first.items[2].type: expected type "Annotation"',
    ]);
  });

  test('a target without a source, an annotation without dates, a body that is not text', async () => {
    const doc = exported(note({ id: ID_C }), note({ id: ID_A }), note({ id: ID_B }));
    delete (doc.first.items[0]!.target as { source?: string }).source;
    delete doc.first.items[1]!.created;
    delete doc.first.items[1]!.modified;
    doc.first.items[2]!.body = [{ type: 'Image', id: 'https://example.org/cat.jpg' }];
    const error = await expectRejectedUnchanged(JSON.stringify(doc), /problems/);
    expect(error.problems).toEqual([
      'first.items[0].target.source: required',
      expect.stringMatching(/^first\.items\[1\]\.created: required/),
      'first.items[2].body[0].type: expected type "TextualBody"',
      'first.items[2].body[0].value: required (Backstory imports text bodies only)',
    ]);
  });

  test('selectors that are not a text quote cannot be anchored', async () => {
    const doc = exported(note({ id: ID_C }));
    (doc.first.items[0]!.target as { selector: unknown }).selector = { type: 'FragmentSelector', value: 'xywh=1,2,3,4' };
    const error = await expectRejectedUnchanged(JSON.stringify(doc), /1 problem\)/);
    expect(error.problems).toEqual(['first.items[0].target.selector: no TextQuoteSelector; Backstory anchors notes on quoted text']);
  });

  test('a file too large is refused before it is parsed', async () => {
    expect(() => checkImportSize(100 * 1024 * 1024)).toThrow(/larger than Backstory imports: 104,857,600 bytes, and the limit is 50 MB/);
    expect(() => checkImportSize(MAX_IMPORT_BYTES)).not.toThrow();
    // Not JSON at all: a size message (not a JSON syntax error) shows the size check came first.
    await expectRejectedUnchanged('x'.repeat(MAX_IMPORT_BYTES + 1), /larger than Backstory imports: 52,428,801 bytes, and the limit is 50 MB \(52,428,800 bytes\)/);
  });

  test('an id used twice names both places', async () => {
    const doc = exported(note({ id: ID_C }), note({ id: ID_A, text: 'first' }), note({ id: ID_A, text: 'second' }));
    const error = await expectRejectedUnchanged(JSON.stringify(doc), /same id/);
    expect(error.problems).toEqual([`first.items[2].id: "${ID_A}" is already used by first.items[1]`]);
  });

  test('an id used twice across pages, rows or notes names both places in the file\'s own terms', async () => {
    const one = exported(note({ id: ID_C })).first.items[0]!;
    const again = exported(note({ id: ID_C, text: 'again' })).first.items[0]!;
    const chained = { type: 'AnnotationCollection', first: { type: 'AnnotationPage', items: [one], next: { type: 'AnnotationPage', items: [exported(note({ id: ID_A })).first.items[0]!, again] } } };
    const error = await parseImportFile(JSON.stringify(chained)).then(() => null, (e: unknown) => e as ImportError);
    expect(error?.problems).toEqual([`first.next.items[1].id: "${ID_C}" is already used by first.items[0]`]);
    const csv = exportAnnotations([note({ id: ID_A }), note({ id: ID_C }), note({ id: ID_C, text: 'again' })], 'csv').content;
    const csvError = await parseImportFile(csv).then(() => null, (e: unknown) => e as ImportError);
    expect(csvError?.problems).toEqual([`row 4.id: "${ID_C}" is already used by row 3`]);
    const markdown = exportAnnotations([note({ id: ID_C }), note({ id: ID_A }), note({ id: ID_C, text: 'again' })], 'markdown').content;
    const markdownError = await parseImportFile(markdown).then(() => null, (e: unknown) => e as ImportError);
    expect(markdownError?.problems).toEqual([`note 3.id: "${ID_C}" is already used by note 1`]);
  });

  test('a long list of problems is cut short and says how many more', async () => {
    const doc = exported(...Array.from({ length: 20 }, (_, i) => note({ id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}` })));
    for (const item of doc.first.items) delete item.id;
    const error = await expectRejectedUnchanged(JSON.stringify(doc), /\(20 problems\)/);
    expect(error.problems).toHaveLength(9);
    expect(error.problems.at(-1)).toBe('…and 12 more');
  });

  test('a write that fails part-way leaves the library exactly as it was, and says nothing was imported', async () => {
    // A database whose write must fail on the third record: a unique index on `url` that it violates (and the trash
    // every notes database has, which an import reads for the notes it brings back).
    const strict = await openDB('strict', 1, {
      upgrade(d) {
        d.createObjectStore(ANNOTATIONS_STORE, { keyPath: 'id' }).createIndex('url', 'url', { unique: true });
        d.createObjectStore(TRASH_STORE, { keyPath: 'id' });
      },
    });
    const before = note({ id: ID_A, url: 'https://taken.example/' });
    await strict.put(ANNOTATIONS_STORE, before);
    const records = [
      note({ id: ID_B, url: 'https://one.example/' }),
      note({ id: '3f2504e0-4f89-41d3-9a0c-0305e82c3301', url: 'https://two.example/' }),
      note({ id: ID_C, url: 'https://taken.example/' }),
    ];
    const repository = new NotesRepository(async () => strict as unknown as NotesDb);
    await expect(repository.importRecords(records)).rejects.toThrow(/^Nothing was imported: .*The notes you saved before are as they were\.$/);
    expect(await strict.getAll(ANNOTATIONS_STORE)).toStrictEqual([before]);
    // The cause gone, the same notes import whole.
    await strict.delete(ANNOTATIONS_STORE, ID_A);
    expect(await repository.importRecords(records.slice(0, 2))).toEqual({ added: 2, updated: 0, skipped: 0 });
    strict.close();
  });

  test('a full disk half-way through 10,000 notes: nothing of the file is kept, every note saved before is, and the message says so', async () => {
    const file = Array.from({ length: 10_000 }, (_, i) => note({ id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`, modified: '2026-02-01T00:00:00.000Z' }));
    // The stored ID_A is older than the file's copy. The new notes are written before its replacement, so this
    // failure comes before it is asked for; the next test fails the write after the replacement is done.
    file[3] = { ...note({ id: ID_A, text: 'newer' }), modified: '2026-02-01T00:00:00.000Z' };
    const real = IDBObjectStore.prototype.put;
    let adds = 0;
    IDBObjectStore.prototype.put = function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>) {
      if (++adds === 5_000) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return real.apply(this, args);
    };
    const repository = new NotesRepository(async () => db);
    try {
      const error = await repository.importRecords(file).then(() => null, (e: unknown) => e as Error);
      expect(error?.message).toMatch(/^Nothing was imported: the browser could not write to the disk \(it may be full\)\. Notes you saved before are safe\./);
    } finally {
      IDBObjectStore.prototype.put = real;
    }
    expect(adds).toBe(5_000);
    expect((await contents(db)).sort(byId)).toStrictEqual([...seeded].sort(byId));
    // The repository stops writing until the reader tries again (see `retry`), rather than writing into a full disk.
    expect(repository.fault?.reason).toBe('disk');
  });

  test('a full disk on the last write of 10,000 notes, after a stored note was replaced: the replacement is undone too', async () => {
    const file = Array.from({ length: 10_000 }, (_, i) => note({ id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`, modified: '2026-02-01T00:00:00.000Z' }));
    // Both stored notes are older than the file's copies: ID_A is replaced, then replacing ID_B finds the disk full.
    file[3] = { ...note({ id: ID_A, text: 'newer' }), modified: '2026-02-01T00:00:00.000Z' };
    file[7] = { ...note({ id: ID_B, text: 'newer too' }), modified: '2026-02-01T00:00:00.000Z' };
    const real = IDBObjectStore.prototype.put;
    const replaced: string[] = [];
    IDBObjectStore.prototype.put = function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>) {
      const { id } = args[0] as Annotation;
      if (id !== ID_B) {
        const request = real.apply(this, args);
        // New notes are put too: only a stored note's put is a replacement.
        if (seeded.some((n) => n.id === id)) request.addEventListener('success', () => replaced.push(id));
        return request;
      }
      // The write fails when the database performs it, as a full disk fails it (an error event, not a throw when
      // asked): fake-indexeddb binds the store's write to the request when it is asked for, so that is swapped.
      const raw = (this as unknown as { _rawObjectStore: { storeRecord: unknown } })._rawObjectStore;
      raw.storeRecord = () => { throw new DOMException('The quota has been exceeded.', 'QuotaExceededError'); };
      try {
        return real.apply(this, args);
      } finally {
        delete raw.storeRecord; // back to the prototype's
      }
    };
    const repository = new NotesRepository(async () => db);
    try {
      const error = await repository.importRecords(file).then(() => null, (e: unknown) => e as Error);
      expect(error?.message).toMatch(/^Nothing was imported: the browser could not write to the disk \(it may be full\)\. Notes you saved before are safe\./);
    } finally {
      IDBObjectStore.prototype.put = real;
    }
    // The replacement reached the database before the failure, so the test cannot pass with nothing to undo.
    expect(replaced).toEqual([ID_A]);
    expect((await contents(db)).sort(byId)).toStrictEqual([...seeded].sort(byId));
    expect(repository.fault?.reason).toBe('disk');
  });

  test('a file of 10,000 notes with one bad note in the middle is refused with its place, and nothing of it is written', async () => {
    const notes = Array.from({ length: 10_000 }, (_, i) => note({ id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}` }));
    const doc = exported(...notes);
    doc.first.items[5_000]!.modified = 'yesterday';
    const error = await expectRejectedUnchanged(JSON.stringify(doc), /not a valid annotation file \(1 problem\); nothing was imported/);
    expect(error.problems).toHaveLength(1);
    expect(error.problems[0]).toMatch(/^first\.items\[5000\]\.modified: /);
  });
});

describe('merging into what is stored', () => {
  test('new ids are added, and importing the same file again changes nothing', async () => {
    const incoming = [note({ id: ID_C, url: 'https://third.example/' })];
    const file = writeJsonLd([...seeded, ...incoming], { now });
    expect(await importInto(db, file)).toEqual({ added: 1, updated: 0, skipped: 2 });
    const after = (await contents(db)).sort(byId);
    expect(after).toStrictEqual([...seeded, ...incoming].sort(byId));
    expect(await importInto(db, file)).toEqual({ added: 0, updated: 0, skipped: 3 });
    expect((await contents(db)).sort(byId)).toStrictEqual(after);
  });

  test('same id: the newer modified wins, compared as instants across time zones', async () => {
    const newer = note({ id: ID_A, text: 'edited elsewhere', modified: '2026-01-02T12:00:00.000Z' });
    const older = note({ id: ID_B, url: 'https://other.example/b', text: 'stale copy', tags: [], modified: '2026-01-01T10:00:00.000Z' });
    expect(await importInto(db, writeJsonLd([newer, older], { now }))).toEqual({ added: 0, updated: 1, skipped: 1 });
    expect(await db.get(ANNOTATIONS_STORE, ID_A)).toStrictEqual(newer);
    expect(await db.get(ANNOTATIONS_STORE, ID_B)).toStrictEqual(seeded[1]);

    // 11:30 at +02:00 is 09:30Z: older than the stored 10:00Z, although its string sorts later.
    const doc = exported(note({ id: ID_B, text: 'from Cairo' }));
    doc.first.items[0]!.modified = '2026-01-02T11:30:00+02:00';
    expect(await importInto(db, JSON.stringify(doc))).toEqual({ added: 0, updated: 0, skipped: 1 });
    expect(await db.get(ANNOTATIONS_STORE, ID_B)).toStrictEqual(seeded[1]);
  });

  test('a few notes into a big store (read one by one) merge the same way as a backup (read all at once)', async () => {
    const many = Array.from({ length: 12 }, (_, i) => note({ id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}` }));
    await putAll(db, many);
    const newer = { ...many[3]!, text: 'newer', modified: '2026-02-01T00:00:00.000Z' };
    const older = { ...many[4]!, text: 'older', modified: '2025-02-01T00:00:00.000Z' };
    const fresh = note({ id: ID_C });
    expect(await importInto(db, writeJsonLd([newer, older, fresh], { now }))).toEqual({ added: 1, updated: 1, skipped: 1 });
    expect(await db.get(ANNOTATIONS_STORE, newer.id)).toStrictEqual(newer);
    expect(await db.get(ANNOTATIONS_STORE, older.id)).toStrictEqual(many[4]);
    expect(await db.get(ANNOTATIONS_STORE, ID_C)).toStrictEqual(fresh);
    expect(await contents(db)).toHaveLength(15);
  });

  test('property: export then import into an empty database gives back exactly the stored annotations', async () => {
    await fc.assert(
      fc.asyncProperty(storedAnnotations(20), async (annotations) => {
        const target = await freshNotesDb();
        const counts = await importInto(target.db, writeJsonLd(annotations, { now }));
        expect(counts).toEqual({ added: annotations.length, updated: 0, skipped: 0 });
        expect((await contents(target.db)).sort(byId)).toStrictEqual([...annotations].sort(byId));
        target.db.close();
      }),
      { numRuns: 60 },
    );
  }, PROPERTY_TIMEOUT);
});

describe('files from other W3C annotation tools', () => {
  // Shaped like Hypothesis's W3C output: a list of annotations, a one-element target list, a RangeSelector
  // beside the quote, microsecond timestamps with an offset, no @context on the items.
  const hypothesis = [
    {
      '@context': 'http://www.w3.org/ns/anno.jsonld',
      id: 'https://hypothes.is/a/Zk3x8u9xEe6',
      type: 'Annotation',
      created: '2024-05-01T09:30:00.123456+00:00',
      modified: '2024-05-02T10:00:00.654321+00:00',
      body: [
        { type: 'TextualBody', value: 'Source?', format: 'text/markdown' },
        { type: 'TextualBody', value: 'syria', purpose: 'tagging' },
      ],
      target: [
        {
          source: 'https://www.bbc.co.uk/news/world-middle-east-123',
          selector: [
            { type: 'RangeSelector', startSelector: { type: 'XPathSelector', value: '/p[3]' }, endSelector: { type: 'XPathSelector', value: '/p[3]' } },
            { type: 'TextPositionSelector', start: 1023, end: 1040 },
            { type: 'TextQuoteSelector', exact: '70,000 people', prefix: 'more than ', suffix: ' have died' },
          ],
        },
      ],
    },
    { id: 'https://hypothes.is/a/page-note', type: ['Annotation'], created: '2024-05-03T08:00:00Z', bodyValue: 'Read later', target: 'https://example.org/story' },
  ];

  test('a list of annotations with one-element target lists and foreign ids imports, with stable ids', async () => {
    const records = await parseImportFile(JSON.stringify(hypothesis));
    expect(records).toStrictEqual([
      {
        id: await uuidV5('https://hypothes.is/a/Zk3x8u9xEe6'),
        url: 'https://www.bbc.co.uk/news/world-middle-east-123',
        title: '',
        // Stored as UTC instants (to the millisecond, as every list compares them).
        created: '2024-05-01T09:30:00.123Z',
        modified: '2024-05-02T10:00:00.654Z',
        text: 'Source?',
        tags: ['syria'],
        target: {
          quote: { type: 'TextQuoteSelector', exact: '70,000 people', prefix: 'more than ', suffix: ' have died' },
          position: { type: 'TextPositionSelector', start: 1023, end: 1040 },
        },
      },
      {
        id: await uuidV5('https://hypothes.is/a/page-note'),
        url: 'https://example.org/story',
        title: '',
        created: '2024-05-03T08:00:00.000Z',
        modified: '2024-05-03T08:00:00.000Z',
        text: 'Read later',
        tags: [],
      },
    ]);
    expect(records[0]!.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(await importInto(db, JSON.stringify(hypothesis))).toEqual({ added: 2, updated: 0, skipped: 0 });
    expect(await importInto(db, JSON.stringify(hypothesis))).toEqual({ added: 0, updated: 0, skipped: 2 });
  });

  test('uuidV5 matches the RFC 4122 reference value', async () => {
    // Python: uuid.uuid5(uuid.NAMESPACE_URL, 'https://www.example.org/')
    expect(await uuidV5('https://www.example.org/')).toBe('84f5ec25-93a7-5271-bfbb-77d0e0a15d7b');
  });

  test('a single Annotation, an AnnotationPage, a collection with items, pages chained by next', async () => {
    const one = exported(note({ id: ID_C })).first.items[0]!;
    const two = exported(note({ id: ID_A, text: 'second' })).first.items[0]!;
    const expected = [note({ id: ID_C })];
    expect(await parseImportFile(JSON.stringify(one))).toStrictEqual(expected);
    expect(await parseImportFile(JSON.stringify({ type: 'AnnotationPage', items: [one] }))).toStrictEqual(expected);
    expect(await parseImportFile(JSON.stringify({ type: 'AnnotationCollection', items: [one] }))).toStrictEqual(expected);
    const chained = { type: 'AnnotationCollection', first: { type: 'AnnotationPage', items: [one], next: { type: 'AnnotationPage', items: [two] } } };
    expect(await parseImportFile(JSON.stringify(chained))).toStrictEqual([note({ id: ID_C }), note({ id: ID_A, text: 'second' })]);
    delete (chained.first.next.items[0] as Record<string, unknown>).type;
    await expect(parseImportFile(JSON.stringify(chained))).rejects.toThrow(/first\.next\.items\[0\]\.type: required/);
  });

  test('a page title given on the source resource is read back', async () => {
    const item = { id: 'urn:uuid:' + ID_C, type: 'Annotation', modified: '2024-01-01T00:00:00Z', target: { source: { id: 'https://example.org/a', type: 'Text', 'dc:title': 'Le siège d’Alep' } } };
    const [record] = await parseImportFile(JSON.stringify(item));
    expect(record).toMatchObject({ id: ID_C, url: 'https://example.org/a', title: 'Le siège d’Alep' });
  });

  test('a byte-order mark before the JSON is accepted', async () => {
    await expect(parseImportFile('\ufeff' + writeJsonLd([note()], { now }))).resolves.toStrictEqual([note()]);
  });
});
