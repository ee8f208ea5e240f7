import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { ANNO_CONTEXT, annotationIri, toJsonLdCollection, writeJsonLd, type JsonLdCollection } from '@/lib/export/jsonld';
import { parseImportFile } from '@/lib/export/import';
import { byId, note, storedAnnotations } from './helpers';

// Property runs are CPU-bound; on a loaded machine they need more than vitest's default 5 s.
const PROPERTY_TIMEOUT = 120_000;

const now = new Date('2026-03-04T05:06:07Z');

// Terms defined by http://www.w3.org/ns/anno.jsonld that an export may use. Any other key must be a compact
// IRI with a prefix that the anno context (dc:) or our own context entry (backstory:) declares, or JSON-LD
// would silently drop it.
const ANNO_TERMS = new Set([
  '@context', 'id', 'type', 'label', 'total', 'first', 'partOf', 'startIndex', 'items', 'generated', 'created',
  'modified', 'motivation', 'body', 'target', 'source', 'selector', 'value', 'format', 'purpose', 'exact',
  'prefix', 'suffix', 'start', 'end',
]);

function keysOutsideVocabulary(value: unknown, path = ''): string[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => keysOutsideVocabulary(v, `${path}[${i}]`));
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, v]) => {
    const known = ANNO_TERMS.has(key) || /^(dc|backstory):[A-Za-z]+$/.test(key);
    // @context's own object is a context definition, not data.
    const inner = key === '@context' ? [] : keysOutsideVocabulary(v, `${path}.${key}`);
    return known ? inner : [`${path}.${key}`, ...inner];
  });
}

describe('JSON-LD export', () => {
  test('is an AnnotationCollection with the model\'s required fields, its items in an embedded first page', () => {
    const doc = JSON.parse(writeJsonLd([note(), note({ id: '0f8fad5b-d9cb-469f-a165-70867728950e', text: '', tags: [] })], { now })) as JsonLdCollection;
    expect(doc['@context'][0]).toBe(ANNO_CONTEXT);
    expect(doc.type).toBe('AnnotationCollection');
    expect(doc.id).toMatch(/^urn:uuid:[0-9a-f-]{36}$/);
    expect(doc.total).toBe(2);
    expect(doc.generated).toBe('2026-03-04T05:06:07.000Z');
    expect(doc.first?.type).toBe('AnnotationPage');
    expect(doc.first?.partOf).toBe(doc.id);
    expect(doc.first?.id).not.toBe(doc.id);
    expect(doc.first?.startIndex).toBe(0);
    expect(doc.first?.items).toHaveLength(2);
    expect(keysOutsideVocabulary(doc)).toEqual([]);
  });

  test('an annotation: IRI id, dates, motivation, TextualBody note and tags, target with both selectors and the title', () => {
    const [item] = toJsonLdCollection([note()], { now }).first!.items;
    expect(item).toEqual({
      id: 'urn:uuid:1b9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4bed',
      type: 'Annotation',
      created: '2026-01-02T10:00:00.000Z',
      modified: '2026-01-02T10:00:00.000Z',
      motivation: 'commenting',
      body: [
        { type: 'TextualBody', value: 'Check this figure against the UN report.', format: 'text/plain', purpose: 'commenting' },
        { type: 'TextualBody', value: 'casualties', format: 'text/plain', purpose: 'tagging' },
        { type: 'TextualBody', value: 'UN', format: 'text/plain', purpose: 'tagging' },
      ],
      target: {
        type: 'SpecificResource',
        source: 'https://news.example/syria/aleppo',
        'dc:title': 'Aleppo under siege',
        selector: [
          { type: 'TextQuoteSelector', exact: 'more than 70,000 people', prefix: 'killed ', suffix: ' since March' },
          { type: 'TextPositionSelector', start: 120, end: 143 },
        ],
        'backstory:passage': 'https://news.example/syria/aleppo#:~:text=killed-,more%20than%2070%2C000%20people,-since%20March',
      },
    });
  });

  test('motivation: highlighting for a quote without a note, bookmarking for a bare page; no empty body', () => {
    const [highlight, bookmark] = toJsonLdCollection(
      [note({ text: '', tags: [] }), note({ id: '0f8fad5b-d9cb-469f-a165-70867728950e', text: '', tags: [], target: undefined })],
      { now },
    ).first!.items;
    expect(highlight?.motivation).toBe('highlighting');
    expect(highlight).not.toHaveProperty('body');
    expect(bookmark?.motivation).toBe('bookmarking');
    expect(bookmark?.target).toEqual({ type: 'SpecificResource', source: 'https://news.example/syria/aleppo', 'dc:title': 'Aleppo under siege' });
  });

  test('the reference entity a note was written on travels in the backstory: namespace', () => {
    const doc = toJsonLdCollection([note({ reference: { id: 'person:bashar-al-assad', kind: 'entity', label: 'Bashar al-Assad' } })], { now });
    expect(doc['@context'][1]).toEqual({ backstory: 'urn:x-backstory:ns:' });
    expect(doc.first!.items[0]!['backstory:reference']).toEqual({
      'backstory:id': 'person:bashar-al-assad',
      'backstory:kind': 'entity',
      'backstory:label': 'Bashar al-Assad',
    });
  });

  test('an empty export is a valid empty collection', async () => {
    const text = writeJsonLd([], { now });
    const doc = JSON.parse(text) as JsonLdCollection;
    expect(doc.total).toBe(0);
    expect(doc).not.toHaveProperty('first');
    await expect(parseImportFile(text)).resolves.toEqual([]);
  });

  test('ids that are not UUIDs still get a unique IRI that reads back', async () => {
    expect(annotationIri('id-1')).not.toBe(annotationIri('id-2'));
    const odd = note({ id: 'id 1/ü?#' });
    await expect(parseImportFile(writeJsonLd([odd], { now }))).resolves.toStrictEqual([odd]);
  });

  test('property: every item has the required fields, and the file reads back as exactly the stored annotations', async () => {
    await fc.assert(
      fc.asyncProperty(storedAnnotations(), async (annotations) => {
        const text = writeJsonLd(annotations, { now });
        const doc = JSON.parse(text) as JsonLdCollection;
        expect(doc.total).toBe(annotations.length);
        for (const item of doc.first?.items ?? []) {
          expect(item.id).toMatch(/^urn:uuid:/);
          expect(item.type).toBe('Annotation');
          expect(typeof item.target.source).toBe('string');
          for (const body of item.body ?? []) expect(body).toMatchObject({ type: 'TextualBody', value: expect.any(String) });
          if (item.target.selector) expect(item.target.selector[0]?.type).toBe('TextQuoteSelector');
        }
        expect(keysOutsideVocabulary(doc)).toEqual([]);
        const back = await parseImportFile(text);
        expect(back.sort(byId)).toStrictEqual([...annotations].sort(byId));
      }),
      { numRuns: 150 },
    );
  }, PROPERTY_TIMEOUT);
});
