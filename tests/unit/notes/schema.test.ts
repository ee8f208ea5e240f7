import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { annotationSchema, isCanonicalInstant, plainRecord } from '@/lib/notes/schema';
import { LIMITS } from '@/lib/notes/limits';
import { requiredMessages } from '@/lib/validation';

const note = (overrides: Record<string, unknown> = {}) => ({
  id: '0f8fad5b-d9cb-469f-a165-70867728950e',
  url: 'https://news.example/world/syria',
  title: 'Syria: the toll',
  created: '2026-01-02T03:04:05.678Z',
  modified: '2026-01-02T03:04:05.678Z',
  text: 'Check the figure against the UN release.',
  tags: ['casualties', 'UN figures'],
  target: {
    quote: { type: 'TextQuoteSelector', exact: 'more than 60,000 people', prefix: 'said ', suffix: ' have been killed' },
    position: { type: 'TextPositionSelector', start: 10, end: 33 },
  },
  reference: { id: 'figure:killed', kind: 'figure', label: 'people killed' },
  ...overrides,
});

describe('plainRecord: the schema\'s answer without the schema, for records that need nothing done', () => {
  test('an exported note is taken as it is, exactly as the schema takes it', () => {
    const raw = note();
    expect(plainRecord(raw)).toStrictEqual(annotationSchema.parse(raw));
    const bare = note({ tags: [], target: undefined, reference: undefined });
    delete (bare as Record<string, unknown>).target;
    delete (bare as Record<string, unknown>).reference;
    expect(plainRecord(bare)).toStrictEqual(annotationSchema.parse(bare));
  });

  test('what the schema would tidy or refuse is left to it', () => {
    const refused = [
      note({ id: '' }),
      note({ url: '' }),
      note({ created: '2026-02-30T00:00:00.000Z' }), // no such day
      note({ created: '2026-01-02T05:04:05.678+02:00' }), // an offset: taken by the schema, stored as given
      note({ created: '2026-01-02T03:04:05Z' }), // not toISOString's form
      note({ tags: ['#syria'] }),
      note({ tags: ['two  spaces'] }),
      note({ tags: ['trailing '] }),
      note({ tags: ['Syria', 'syria'] }), // the same tag twice, ignoring case
      note({ tags: ['Ale\u0301po', 'alepo'] }), // the same tag, but for an accent
      note({ tags: Array.from({ length: LIMITS.tags + 1 }, (_, i) => `t${i}`) }),
      note({ tags: ['t'.repeat(LIMITS.tagChars + 1)] }),
      note({ title: 't'.repeat(LIMITS.title + 1) }),
      note({ text: 'x'.repeat(LIMITS.text + 1) }),
      note({ target: { quote: { type: 'TextQuoteSelector', exact: '', prefix: '', suffix: '' } } }),
      note({ target: { quote: { type: 'TextQuoteSelector', exact: 'a', prefix: 'p'.repeat(LIMITS.context + 1), suffix: '' } } }),
      note({ target: undefined }), // present but undefined: the schema decides what that means
      note({ reference: { id: 'x', kind: 'place', label: 'Aleppo' } }),
    ];
    for (const raw of refused) expect(plainRecord(raw), JSON.stringify(raw).slice(0, 200)).toBeNull();
  });

  test('a position that selects nothing is dropped, as the schema drops it', () => {
    const raw = note({ target: { quote: { type: 'TextQuoteSelector', exact: 'a', prefix: '', suffix: '' }, position: { type: 'TextPositionSelector', start: 5, end: 5 } } });
    expect(plainRecord(raw)).toStrictEqual(annotationSchema.parse(raw));
    expect(plainRecord(raw)!.target).toStrictEqual({ quote: { type: 'TextQuoteSelector', exact: 'a', prefix: '', suffix: '' } });
  });

  test('on generated records, it never takes one the schema refuses, nor returns other than the schema does', () => {
    // Mostly what the schema takes as it is, with now and then a value it tidies or refuses.
    const mostly = <T, U>(good: fc.Arbitrary<T>, odd: fc.Arbitrary<U>) => fc.oneof({ arbitrary: good, weight: 12 }, { arbitrary: odd, weight: 1 });
    const words = fc.stringMatching(/^[A-Za-zÀ-ÿ0-9,.:'"-]+( [A-Za-zÀ-ÿ0-9,.:'"-]+)?$/);
    const odd = fc.oneof(fc.string({ maxLength: 30 }), fc.constantFrom('', ' ', '#tag', 'a  b', 'a\tb', 'É', 'e\u0301', 'ß', 'SS', 'x ', '\u00a0y'), fc.string({ unit: 'grapheme', maxLength: 8 }));
    const instant = mostly(
      fc.date({ min: new Date(Date.UTC(0, 0, 1)), max: new Date(Date.UTC(9999, 11, 31)), noInvalidDate: true }).map((d) => d.toISOString()),
      fc.oneof(
        fc.constantFrom('2026-02-29T00:00:00.000Z', '2024-02-29T00:00:00.000Z', '2026-13-01T00:00:00.000Z', '2026-01-01T24:00:00.000Z', '2026-01-01T00:00:00.000+00:00', '2026-01-01', 'soon'),
        fc.string({ maxLength: 24 }),
      ),
    );
    const integer = mostly(fc.nat({ max: 50 }), fc.constantFrom(-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, -0));
    const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined, freq: 3 });
    const record = fc.record(
      {
        id: mostly(fc.uuid(), fc.oneof(fc.constant(''), fc.integer())),
        url: mostly(fc.webUrl(), fc.constantFrom('', 7)),
        title: mostly(fc.string({ maxLength: 40 }), fc.constant(null)),
        created: instant,
        modified: instant,
        text: mostly(fc.string({ maxLength: 60 }), fc.constant(undefined)),
        tags: mostly(fc.array(mostly(words, odd), { maxLength: 4 }), fc.oneof(fc.constant('syria'), fc.array(fc.integer(), { minLength: 1, maxLength: 2 }))),
        target: maybe(fc.record({
          quote: fc.record({
            type: mostly(fc.constant('TextQuoteSelector'), fc.constant('TextPositionSelector')),
            exact: mostly(words, odd),
            prefix: mostly(fc.string({ maxLength: 10 }), fc.constant(undefined)),
            suffix: mostly(fc.string({ maxLength: 10 }), fc.constant(7)),
            extra: maybe(fc.string()),
          }, { requiredKeys: ['type', 'exact', 'prefix', 'suffix'] }),
          position: maybe(fc.record({ type: mostly(fc.constant('TextPositionSelector'), fc.constant('Range')), start: integer, end: integer })),
          extra: maybe(fc.string()),
        }, { requiredKeys: ['quote'] })),
        reference: maybe(fc.record({ id: mostly(fc.string({ minLength: 1, maxLength: 10 }), fc.constant('')), kind: mostly(fc.constantFrom('entity', 'figure'), fc.constant('place')), label: mostly(fc.string({ maxLength: 10 }), fc.integer()) })),
        extra: maybe(fc.string()),
      },
      { requiredKeys: ['id', 'url', 'title', 'created', 'modified', 'text', 'tags'] },
    );
    let taken = 0;
    fc.assert(
      fc.property(record, (raw) => {
        const plain = plainRecord(raw);
        if (plain === null) return;
        taken++;
        const judged = annotationSchema.safeParse(raw, requiredMessages);
        expect(judged.success).toBe(true);
        expect(plain).toStrictEqual(judged.data);
      }),
      { numRuns: 1500 },
    );
    // The comparison above means something only if the quick path was taken often enough.
    expect(taken).toBeGreaterThan(150);
  }, 60_000);
});

describe('isCanonicalInstant', () => {
  // What it stands for: a string that is some date's toISOString() exactly.
  const slow = (value: string) => {
    if (value.length !== 24 || value[23] !== 'Z') return false;
    const t = Date.parse(value);
    return !Number.isNaN(t) && new Date(t).toISOString() === value;
  };
  test('takes exactly the strings toISOString writes, read by their digits', () => {
    const instants = fc.date({ min: new Date(-62_167_219_200_000), max: new Date('9999-12-31T23:59:59.999Z'), noInvalidDate: true }).map((d) => d.toISOString());
    fc.assert(fc.property(instants, (s) => { expect(isCanonicalInstant(s)).toBe(true); }));
    // Near misses: a digit changed (day 31 of a 30-day month, 29 February of a common year, hour 24, …).
    const mutated = fc.tuple(instants, fc.nat(23), fc.constantFrom(...'0123456789Z+-:.T '.split(''))).map(([s, i, c]) => s.slice(0, i) + c + s.slice(i + 1));
    fc.assert(fc.property(mutated, (s) => { expect(isCanonicalInstant(s)).toBe(slow(s)); }), { numRuns: 5000 });
    for (const s of ['2023-02-29T00:00:00.000Z', '2024-02-29T00:00:00.000Z', '1900-02-29T00:00:00.000Z', '2000-02-29T00:00:00.000Z', '2026-04-31T10:00:00.000Z', '2026-01-01T24:00:00.000Z', '2026-01-01T10:00:00Z', '2026-01-01T10:00:00.000+00:00']) {
      expect(isCanonicalInstant(s)).toBe(slow(s));
    }
  });
});
