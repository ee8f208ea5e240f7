// The committed dataset against the source documents in ../shared/seeds: it must be reproducible byte for byte,
// hold every person, place, organisation and figure a careful reader finds in them, with provenance that points
// at real mentions, and copy none of their sentences. The documents are read at run time, never committed.
// Without ../shared these tests skip with a message; under CI=true they run, and fail if the seeds are missing.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { readFigures } from '../../../lib/figures';
import { buildDatasetWithReport, type InputDocument } from '../../../lib/builder/build';
import { parseCuration } from '../../../lib/builder/curation';
import { createReference, dataset } from '../../../lib/reference';
import { serializeDataset } from '../../../lib/reference/serialize';
import { articleEnd, firstLine, occurrences } from '../../../lib/builder/text';
import type { Entity, Figure, Qualifier } from '../../../lib/reference/types';
import { DEFAULT_BACKGROUND, readBackground, readDocuments } from '../../../scripts/build-dataset';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const seedsDir = resolve(root, '../shared/seeds');
const available = existsSync(seedsDir);
const ci = process.env.CI === 'true';
if (!available && !ci) console.warn(`[reference] ${seedsDir} not found: skipping the rebuild and completeness tests of the seed dataset.`);

const LBC = '000_506e256ba1041ff2';
const AP = '001_987bf716f50b1e3b';

describe.runIf(available || ci)('the dataset built from ../shared/seeds', () => {
  let docs: InputDocument[] = [];
  const text = (id: string): string => docs.find((d) => d.id === id)!.text;
  const reference = createReference(dataset);

  beforeAll(() => {
    expect(existsSync(seedsDir), `${seedsDir} is required when CI=true`).toBe(true);
    docs = readDocuments(seedsDir);
  });

  // Reading the background pages takes a few seconds on a loaded machine.
  it('rebuilds byte for byte from the seeds', { timeout: 60_000 }, () => {
    const curation = parseCuration(JSON.parse(readFileSync(resolve(root, 'lib/builder/curation.json'), 'utf8')));
    // The committed dataset's relevance statistics come from ../shared/corpus, the default background.
    const backgroundDir = resolve(root, DEFAULT_BACKGROUND);
    const background = existsSync(backgroundDir) ? readBackground(backgroundDir) : undefined;
    const { dataset: rebuilt, warnings } = buildDatasetWithReport(docs, curation, { background });
    expect(warnings).toEqual([]);
    expect(serializeDataset(rebuilt)).toBe(readFileSync(resolve(root, 'lib/reference/dataset.json'), 'utf8'));
  });

  it('describes each document: headline, publisher, date, and the hash and length of the exact text used', () => {
    expect(dataset.documents.map((d) => d.id)).toEqual([LBC, AP]);
    for (const d of dataset.documents) {
      expect(d.title).toBe(firstLine(text(d.id)));
      expect(d.length).toBe(text(d.id).length);
    }
    expect(reference.document(LBC)).toMatchObject({ date: '2012-07' });
    expect(reference.document(AP)).toMatchObject({ publisher: 'Associated Press', date: '2013-03-16' });
  });

  const PEOPLE = ['Bashar al-Assad', 'Ban Ki-moon', 'Adelnasser Ferzat', 'Mustafa Sheikh', 'Kofi Annan', 'Mohammed Ezz al-Din Khalouf', 'Mouaz al-Khatib', 'Samir Nashar', 'Albert Aji'];
  const PLACES = ['Aleppo', 'Saladin district', 'al-Sakhour', 'Homs', 'Lebanon', 'Turkey', 'Damascus', 'Iraq', 'Syria', 'Deir el-Zour', 'Qaboun', 'Yabrud', 'Khan Touman', 'Jordan', 'Istanbul', 'Dublin', 'Britain', 'France', 'New York', 'Insurance Building'];
  const ORGANIZATIONS = [
    'Free Syrian Army', 'United Nations', 'UN Security Council', 'Human Rights Watch', 'Syrian Observatory for Human Rights', 'Associated Press', 'Al-Arabiya',
    'Jabhat al-Nusra', 'al-Qaida', 'National Coalition for Syrian Revolutionary and Opposition Forces', 'European Union', 'Facebook', 'Syrian army', 'Syrian state TV',
  ];

  it.each([...PEOPLE.map((n) => [n, 'person']), ...PLACES.map((n) => [n, 'place']), ...ORGANIZATIONS.map((n) => [n, 'organization'])])('holds %s (%s)', (name, type) => {
    const e = dataset.entities.find((x) => x.name === name);
    expect(e, name).toBeDefined();
    expect(e!.type).toBe(type);
    expect(e!.mentions.length).toBeGreaterThan(0);
  });

  it.each([
    ['Bashar al-Assad', ['Bashar Assad', 'President Assad', 'Mr Assad']],
    ['United Nations', ['U.N.', 'UN']],
    ['Deir el-Zour', ['Deir ez-Zor', 'Deir al-Zor']],
    ['Jabhat al-Nusra', ['Nusra Front', 'al-Nusra Front']],
    ['Free Syrian Army', ['FSA']],
    ['Human Rights Watch', ['HRW']],
    ['Associated Press', ['AP']],
    ['European Union', ['EU']],
    ['National Coalition for Syrian Revolutionary and Opposition Forces', ['Syrian National Coalition', 'Syrian Opposition Coalition']],
  ])('%s goes by the names other outlets use', (name, aliases) => {
    expect(dataset.entities.find((e) => e.name === name)!.aliases).toEqual(expect.arrayContaining([name, ...aliases]));
  });

  it('a bare family name is a short name, shared with the family: never a full alias', () => {
    const bashar = dataset.entities.find((e) => e.id === 'person:bashar-al-assad')!;
    expect(bashar.aliases).not.toContain('Assad');
    expect(bashar.shortNames).toEqual(expect.arrayContaining(['Assad', 'al-Assad']));
    expect(dataset.otherNames).toEqual(expect.arrayContaining(['Hafez al-Assad', 'Maher al-Assad', 'Asma al-Assad']));
  });

  it("a country's institutions also go by the country's name", () => {
    const army = dataset.entities.find((e) => e.id === 'organization:syrian-army')!;
    expect(army.aliases).toEqual(expect.arrayContaining(["Syria's army", 'army of Syria']));
  });

  it('"the Observatory" is the Syrian Observatory only where the full name came first: a contextual alias', () => {
    const sohr = dataset.entities.find((e) => e.id === 'organization:syrian-observatory-for-human-rights')!;
    expect(sohr.aliases).not.toContain('Observatory');
    expect(sohr.contextualAliases).toContain('the Observatory');
    const [first, ...rest] = sohr.mentions;
    expect(text(first!.doc).slice(first!.start, first!.end)).toBe('Syrian Observatory for Human Rights');
    expect(rest.length).toBeGreaterThanOrEqual(3);
  });

  it('every mention points at one of the entity\'s names in the document text', () => {
    for (const e of dataset.entities) {
      // A contextual "the X" is recorded as its name, X.
      const contextual = (e.contextualAliases ?? []).map((a) => a.replace(/^the\s+/i, ''));
      const forms = new Set([...e.aliases, ...(e.shortNames ?? []), ...contextual, ...(e.variants ?? [])]);
      for (const m of e.mentions) expect(forms.has(text(m.doc).slice(m.start, m.end)), `${e.id} at ${m.doc}:${m.start}`).toBe(true);
    }
  });

  it('every occurrence of every name in the articles is recorded (by that entity or by a longer name that contains it)', () => {
    const covered = (doc: string, start: number, end: number): boolean =>
      dataset.entities.some((e) => e.mentions.some((m) => m.doc === doc && m.start <= start && end <= m.end));
    for (const e of dataset.entities) {
      for (const form of [...e.aliases, ...(e.variants ?? [])]) {
        for (const d of docs) {
          for (const at of occurrences(d.text, form, articleEnd(d.text))) {
            expect(covered(d.id, at, at + form.length), `"${form}" at ${d.id}:${at}`).toBe(true);
          }
        }
      }
    }
  });

  it('nothing is taken from the comment form under the first article', () => {
    const end = articleEnd(text(LBC));
    expect(end).toBeLessThan(text(LBC).length);
    for (const item of [...dataset.entities, ...dataset.figures]) for (const m of item.mentions) if (m.doc === LBC) expect(m.end).toBeLessThanOrEqual(end);
  });

  type Expected = [
    value: number,
    qualifier: Qualifier,
    counts: string,
    extra: Partial<Pick<Figure, 'attributedToId' | 'placeId' | 'attributedTo' | 'scope' | 'event'>> & { period?: string; from?: string; to?: string },
  ];
  const FIGURES: Expected[] = [
    [7000, 'up to', 'people fled', { placeId: 'place:aleppo', attributedTo: 'activists', scope: 'event' }],
    [2, 'exact', 'generals defected', { placeId: 'place:turkey', scope: 'event' }],
    [16, 'exact', 'conflict duration', { placeId: 'place:syria', scope: 'age' }],
    [4, 'exact', 'officials killed', { placeId: 'place:damascus', scope: 'event', event: 'bombing', period: 'Wed 18 Jul 2012', from: '2012-07-18', to: '2012-07-18' }],
    [50, 'more than', 'people killed', { placeId: 'place:damascus', scope: 'event', period: 'Fri 20 Jul 2012', from: '2012-07-20', to: '2012-07-20' }],
    [30, 'exact', 'mission duration', { scope: 'event', event: 'Security Council vote', period: 'Fri 20 Jul 2012' }],
    [6, 'exact', 'peace plan points', { scope: 'fixed' }],
    // "suspended their mission last month" in a July 2012 report.
    [300, 'some', 'observers', { scope: 'state', period: 'Jun 2012', from: '2012-06-01', to: '2012-06-30' }],
    [2, 'exact', 'conflict duration', { placeId: 'place:syria', scope: 'age' }],
    [70000, 'more than', 'people killed', { attributedToId: 'organization:united-nations', scope: 'total' }],
    // "On Saturday, ... said ... in the past six months": Saturday dates the statement, the six months the count.
    [156, 'at least', 'cluster bombs dropped', { attributedToId: 'organization:human-rights-watch', scope: 'span', period: '6 months to 16 Mar 2013', from: '2012-09-16', to: '2013-03-16' }],
    [119, 'exact', 'locations', { attributedToId: 'organization:human-rights-watch', scope: 'span', period: '6 months to 16 Mar 2013' }],
    [11, 'exact', 'civilians killed', { attributedToId: 'organization:human-rights-watch', scope: 'span', period: '2 weeks to 16 Mar 2013', from: '2013-03-02', to: '2013-03-16' }],
    [2, 'exact', 'women killed', { attributedToId: 'organization:human-rights-watch', scope: 'span', period: '2 weeks to 16 Mar 2013' }],
    [5, 'exact', 'children killed', { attributedToId: 'organization:human-rights-watch', scope: 'span', period: '2 weeks to 16 Mar 2013' }],
    [2, 'exact', 'strikes', { attributedToId: 'organization:human-rights-watch', scope: 'span', period: '2 weeks to 16 Mar 2013' }],
    [450, 'more than', 'amateur videos', { attributedToId: 'organization:human-rights-watch', scope: 'event' }],
    [70000, 'some', 'people killed', { attributedToId: 'organization:united-nations', placeId: 'place:syria', scope: 'total' }],
    [4_000_000, 'exact', 'people displaced', { attributedToId: 'organization:united-nations', placeId: 'place:syria', scope: 'total' }],
    [22_000_000, 'exact', 'population', { attributedToId: 'organization:united-nations', placeId: 'place:syria', scope: 'state' }],
    [2, 'more than', 'explosives', { placeId: 'place:insurance-building', attributedToId: 'organization:syrian-state-tv', scope: 'event', period: 'Sat 16 Mar 2013' }],
    [12, 'at least', 'fighters killed', { placeId: 'place:aleppo', attributedToId: 'organization:syrian-observatory-for-human-rights', scope: 'event', event: 'clashes' }],
    [5, 'exact', 'people killed', { placeId: 'place:qaboun', attributedToId: 'organization:syrian-observatory-for-human-rights', scope: 'event', event: 'shelling' }],
    [27, 'exact', 'national leaders', { scope: 'state', event: 'summit', period: 'Fri 15 Mar 2013' }],
  ];

  it.each(FIGURES)('holds the figure %d (%s) %s', (value, qualifier, counts, extra) => {
    const f = dataset.figures.filter((x) => x.value === value && x.qualifier === qualifier && x.counts === counts);
    expect(f, JSON.stringify(dataset.figures.map((x) => [x.value, x.qualifier, x.counts]))).toHaveLength(1);
    const { period, from, to, ...fields } = extra;
    expect(f[0]).toMatchObject(fields);
    if (period) expect(f[0]!.period).toMatchObject({ label: period, ...(from ? { from } : {}), ...(to ? { to } : {}) });
    else expect(f[0]!.period).toBeUndefined();
    expect(f[0]!.label.length).toBeGreaterThan(0);
  });

  it('dates every figure by its document', () => {
    for (const f of dataset.figures) expect(f.asOf).toBe(reference.document(f.mentions[0]!.doc)!.date);
  });

  it('holds no figure beyond those, so every addition is a deliberate decision', () => {
    expect(dataset.figures).toHaveLength(FIGURES.length);
  });

  it('each figure\'s provenance points at the number it reports, read the same way again', () => {
    for (const f of dataset.figures) {
      for (const m of f.mentions) {
        const phrase = text(m.doc).slice(m.start, m.end);
        const again = readFigures(text(m.doc)).find((r) => r.start === m.start && r.end === m.end);
        expect(again, `${f.id}: "${phrase}"`).toBeDefined();
        expect([again!.value, again!.qualifier, again!.counts]).toEqual([f.value, f.qualifier, f.counts]);
      }
    }
  });

  it('figures and entities point at each other consistently, and every id resolves', () => {
    for (const f of dataset.figures) {
      for (const id of [...f.entityIds, f.placeId, f.attributedToId].filter((x): x is string => !!x)) {
        const e: Entity | undefined = reference.entity(id);
        expect(e, `${f.id} → ${id}`).toBeDefined();
        if (f.entityIds.includes(id)) expect(e!.figureIds).toContain(f.id);
      }
      expect(f.entityIds).toEqual(expect.arrayContaining([f.placeId, f.attributedToId].filter((x): x is string => !!x)));
    }
  });

  it('copies no sentence of the documents: no run of eight words from them appears in the dataset\'s own text', () => {
    const words = (s: string): string[] => s.toLowerCase().match(/[a-z0-9’']+/g) ?? [];
    const grams = new Set<string>();
    for (const d of docs) {
      const w = words(d.text);
      for (let i = 0; i + 8 <= w.length; i++) grams.add(w.slice(i, i + 8).join(' '));
    }
    const own = [
      ...dataset.entities.flatMap((e) => [e.description ?? '', ...e.aliases]),
      ...dataset.figures.flatMap((f) => [f.label, f.period?.label ?? '', f.event ?? '', f.attributedTo ?? '']),
    ];
    for (const s of own) {
      const w = words(s);
      for (let i = 0; i + 8 <= w.length; i++) expect(grams.has(w.slice(i, i + 8).join(' ')), s).toBe(false);
    }
  });
});
