import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { plainAnnotationInput } from '@/lib/export/plain-input';
import { annotationSchema } from '@/lib/export/schema';
import { toJsonLdAnnotation } from '@/lib/export/jsonld';
import { requiredMessages } from '@/lib/validation';

const exported = toJsonLdAnnotation({
  id: '0f8fad5b-d9cb-469f-a165-70867728950e', url: 'https://news.example/world/syria', title: 'Syria: the toll',
  created: '2026-01-02T03:04:05.678Z', modified: '2026-01-03T03:04:05.678Z', text: 'Check the figure.', tags: ['casualties'],
  target: { quote: { type: 'TextQuoteSelector', exact: 'more than 60,000', prefix: 'said ', suffix: ' people' }, position: { type: 'TextPositionSelector', start: 4, end: 20 } },
  reference: { id: 'figure:killed', kind: 'figure', label: 'people killed' },
});

describe('plainAnnotationInput: the file check\'s quick path for annotations as Backstory writes them', () => {
  test('an exported annotation is taken as it is; the schema takes it too, with the same values', () => {
    expect(plainAnnotationInput(exported)).toBe(exported);
    expect(annotationSchema.parse(exported)).toEqual(exported);
  });

  test('shapes and values it leaves to the schema (which describes or refuses them)', () => {
    const cases: unknown[] = [
      { ...exported, type: ['Annotation'] }, // a list of types: valid, but the schema's to read
      { ...exported, created: '2026-01-02T05:04:05+02:00' },
      { ...exported, modified: '2026-02-30T00:00:00.000Z' },
      { ...exported, bodyValue: 'a note' },
      { ...exported, target: 'https://news.example/a' },
      { ...exported, target: { ...exported.target, selector: [{ type: 'TextPositionSelector', start: 1, end: 2 }] } }, // no quote
      { ...exported, target: { ...exported.target, selector: [{ type: 'TextQuoteSelector', exact: 'a' }, { type: 'RangeSelector' }] } },
      { ...exported, target: { ...exported.target, selector: [{ type: 'TextQuoteSelector', exact: 'a' }, { type: 'TextPositionSelector', start: 5, end: 2 }] } },
      { ...exported, body: [{ type: 'Image', value: 'x' }] },
      { ...exported, 'backstory:reference': { 'backstory:id': '', 'backstory:kind': 'figure', 'backstory:label': '' } },
      { ...exported, id: '' },
    ];
    for (const item of cases) expect(plainAnnotationInput(item), JSON.stringify(item).slice(0, 160)).toBeNull();
  });

  test('on generated annotations, it never takes one the schema refuses, and the schema reads the same values', () => {
    const mostly = <T, U>(good: fc.Arbitrary<T>, odd: fc.Arbitrary<U>) => fc.oneof({ arbitrary: good, weight: 10 }, { arbitrary: odd, weight: 1 });
    const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined, freq: 3 });
    const instant = mostly(
      fc.date({ min: new Date(Date.UTC(0, 0, 1)), max: new Date(Date.UTC(9999, 11, 31)), noInvalidDate: true }).map((d) => d.toISOString()),
      fc.oneof(fc.constantFrom('2026-02-29T00:00:00.000Z', '2026-01-01T00:00:00Z', '2026-01-01', ''), fc.string({ maxLength: 24 })),
    );
    const int = mostly(fc.nat({ max: 30 }), fc.constantFrom(-1, 1.5, Number.NaN));
    const quote = fc.record({ type: mostly(fc.constant('TextQuoteSelector'), fc.constant('Quote')), exact: mostly(fc.string(), fc.constant(3)), prefix: maybe(mostly(fc.string(), fc.constant(null))), suffix: maybe(fc.string()) }, { requiredKeys: ['type', 'exact'] });
    const position = fc.record({ type: mostly(fc.constant('TextPositionSelector'), fc.constant('XPathSelector')), start: int, end: int });
    const item = fc.record({
      id: mostly(fc.uuid().map((u) => `urn:uuid:${u}`), fc.constantFrom('', 7)),
      type: mostly(fc.constant('Annotation'), fc.constantFrom(['Annotation'], 'Note')),
      created: instant,
      modified: instant,
      motivation: maybe(mostly(fc.constantFrom('commenting', 'highlighting'), fc.constant(['commenting']))),
      body: maybe(fc.array(fc.record({ type: mostly(fc.constant('TextualBody'), fc.constant('Image')), value: mostly(fc.string(), fc.constant(undefined)), format: fc.constant('text/plain'), purpose: maybe(mostly(fc.constantFrom('commenting', 'tagging'), fc.constant(['tagging']))) }, { requiredKeys: ['type', 'value'] }), { maxLength: 3 })),
      target: mostly(
        fc.record({ type: mostly(fc.constant('SpecificResource'), fc.constant('Other')), source: mostly(fc.webUrl(), fc.constant('')), 'dc:title': maybe(mostly(fc.string(), fc.constant(4))), selector: maybe(fc.array(fc.oneof(quote, position), { maxLength: 3 })), 'backstory:passage': maybe(fc.webUrl()) }, { requiredKeys: ['type', 'source'] }),
        fc.constantFrom('https://news.example/a', 5),
      ),
      'backstory:reference': maybe(fc.record({ 'backstory:id': mostly(fc.string({ minLength: 1 }), fc.constant('')), 'backstory:kind': mostly(fc.constantFrom('entity', 'figure'), fc.constant('place')), 'backstory:label': fc.string() })),
    }, { requiredKeys: ['id', 'type', 'created', 'modified', 'target'] });
    let taken = 0;
    fc.assert(
      fc.property(item, (raw) => {
        if (plainAnnotationInput(raw) === null) return;
        taken++;
        const judged = annotationSchema.safeParse(raw, requiredMessages);
        expect(judged.success).toBe(true);
        // Nothing the quick path lets through is tidied or dropped by the schema: the import reads the same values.
        expect(JSON.parse(JSON.stringify(judged.data))).toEqual(JSON.parse(JSON.stringify(raw)));
      }),
      { numRuns: 1500 },
    );
    expect(taken).toBeGreaterThan(100);
  }, 60_000);
});
