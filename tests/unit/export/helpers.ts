// Shared by the export tests: generators of stored annotations as the notes store makes them, and a fresh
// notes database per test.
import fc from 'fast-check';
import { IDBFactory } from 'fake-indexeddb';
import { unwrap } from 'idb';
import { openNotesDb, type NotesDb } from '@/lib/notes/db';
import { cleanTags } from '@/lib/notes/limits';
import { ANNOTATIONS_STORE, type Annotation } from '@/lib/notes/types';
import { normalizeUrl } from '@/lib/url';

/** Any Unicode text, astral planes and combining marks included, with newlines and Markdown/CSV syntax. */
export const anyText = (maxLength = 120) =>
  fc.oneof(
    { weight: 3, arbitrary: fc.string({ unit: 'binary', maxLength }) },
    { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength }) },
    { weight: 2, arbitrary: fc.array(fc.constantFrom('=', '+', '-', '@', '"', ',', '\n', '\r\n', '#', '>', '*', '_', '[', ']', '\\', '`', ' ', 'a', 'ش', '中', '😀', "'", '\t'), { maxLength: 20 }).map((a) => a.join('')) },
  );

const isoDate = fc
  .date({ min: new Date('1995-01-01T00:00:00Z'), max: new Date('2099-12-31T23:59:59Z'), noInvalidDate: true })
  .map((d) => d.toISOString());

const quote = fc.record({
  type: fc.constant('TextQuoteSelector' as const),
  exact: anyText(200).filter((s) => s.length > 0),
  prefix: anyText(32),
  suffix: anyText(32),
});

const position = fc
  .tuple(fc.nat({ max: 1_000_000 }), fc.integer({ min: 1, max: 5000 }))
  .map(([start, length]) => ({ type: 'TextPositionSelector' as const, start, end: start + length }));

const target = fc.record({ quote, position }, { requiredKeys: ['quote'] });

const reference = fc.record({
  id: fc.stringMatching(/^(person|place|organization|figure):[a-z0-9-]{1,30}$/),
  kind: fc.constantFrom('entity' as const, 'figure' as const),
  label: anyText(60),
});

/** A stored annotation: what NotesRepository.create writes (normalised URL, cleaned tags, UUID id). */
export const storedAnnotation: fc.Arbitrary<Annotation> = fc.record(
  {
    id: fc.uuid(),
    url: fc.webUrl({ withQueryParameters: true, withFragments: true }).map(normalizeUrl),
    title: anyText(),
    created: isoDate,
    modified: isoDate,
    text: anyText(400),
    tags: fc.array(anyText(30), { maxLength: 6 }).map(cleanTags),
    target,
    reference,
  },
  { requiredKeys: ['id', 'url', 'title', 'created', 'modified', 'text', 'tags'] },
  // fast-check builds records with optional keys on null prototypes; the store hands back ordinary objects.
).map((a) => structuredClone(a));

export const storedAnnotations = (maxLength = 12) => fc.uniqueArray(storedAnnotation, { maxLength, selector: (a) => a.id });

/** A fresh, empty notes database (its own IndexedDB), as the background opens it. */
export async function freshNotesDb(): Promise<{ db: NotesDb; raw: IDBDatabase }> {
  const db = await openNotesDb(new IDBFactory());
  return { db, raw: unwrap(db) as IDBDatabase };
}

export async function putAll(db: NotesDb, records: readonly Annotation[]): Promise<void> {
  const tx = db.transaction(ANNOTATIONS_STORE, 'readwrite');
  await Promise.all([...records.map((r) => tx.store.put(r)), tx.done]);
}

/** Every stored record, by id, for before/after comparisons. */
export async function contents(db: NotesDb): Promise<Annotation[]> {
  return db.getAll(ANNOTATIONS_STORE);
}

export const byId = (a: Annotation, b: Annotation) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

export function note(over: Partial<Annotation> = {}): Annotation {
  return {
    id: '1b9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4bed',
    url: 'https://news.example/syria/aleppo',
    title: 'Aleppo under siege',
    created: '2026-01-02T10:00:00.000Z',
    modified: '2026-01-02T10:00:00.000Z',
    text: 'Check this figure against the UN report.',
    tags: ['casualties', 'UN'],
    target: {
      quote: { type: 'TextQuoteSelector', exact: 'more than 70,000 people', prefix: 'killed ', suffix: ' since March' },
      position: { type: 'TextPositionSelector', start: 120, end: 143 },
    },
    ...over,
  };
}
