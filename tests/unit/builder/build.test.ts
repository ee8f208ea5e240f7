// The builder on small documents these tests write themselves: any folder of plain-text news must work, names
// the curation has never heard of included, and the same input must give the same bytes.
import { createHash } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import { buildDataset, buildDatasetWithReport, formatValue, labelFor, type InputDocument } from '../../../lib/builder/build';
import { parseCuration, type Curation } from '../../../lib/builder/curation';
import { serializeDataset } from '../../../lib/reference/serialize';
import type { Dataset, Entity } from '../../../lib/reference/types';

// Each test builds datasets with the NLP library: a few hundred ms on an idle machine, ten times that on a loaded
// two-core one, where vitest's 5 s default would fail a build that is merely slow.
vi.setConfig({ testTimeout: 30_000 });

const EMPTY = parseCuration({ entities: [] });

const FLOOD: InputDocument = {
  id: 'a-flood',
  text: [
    'River Town Braces For More Rain',
    '',
    'Maria Gonzalez said on Monday that more than 3,000 residents fled the flooded districts of Nairobi.',
    '',
    'The Red Cross said at least 12 people were killed in Kenya in the past two weeks.',
    '',
    'John Smith, a spokesman for Oxfam, said that aid had reached the coast. Mr Smith thanked Oxfam donors.',
    '',
  ].join('\n'),
};
const QUAKE: InputDocument = {
  id: 'b-quake',
  text: [
    'Aid Arrives In Kenya',
    '',
    'The Red Cross said at least 12 people were killed in Kenya in the past two weeks. Oxfam said some 40 people were wounded.',
    '',
    'Leave a Reply',
    '',
    'Your email address will not be published. Peter Jones wrote that 500 people were killed in Kenya.',
    '',
  ].join('\n'),
};

function entity(dataset: Dataset, id: string): Entity {
  const found = dataset.entities.find((e) => e.id === id);
  expect(found, `${id} in ${dataset.entities.map((e) => e.id).join(', ')}`).toBeDefined();
  return found!;
}

function textOf(docs: InputDocument[], m: { doc: string; start: number; end: number }): string {
  return docs.find((d) => d.id === m.doc)!.text.slice(m.start, m.end);
}

describe('documents', () => {
  it('records the headline, length and hash of each document, in id order', () => {
    const dataset = buildDataset([QUAKE, FLOOD], EMPTY);
    expect(dataset.documents.map((d) => [d.id, d.title, d.length])).toEqual([
      ['a-flood', 'River Town Braces For More Rain', FLOOD.text.length],
      ['b-quake', 'Aid Arrives In Kenya', QUAKE.text.length],
    ]);
    expect(dataset.documents[0]!.sha256).toBe(createHash('sha256').update(FLOOD.text).digest('hex'));
  });

  it('takes title, publisher and date from the curation where it has them', () => {
    const curation = parseCuration({ entities: [], documents: { 'a-flood': { title: 'Flood', publisher: 'Daily Test', date: '2020-02-03' } } });
    const doc = buildDataset([FLOOD], curation).documents[0]!;
    expect([doc.title, doc.publisher, doc.date]).toEqual(['Flood', 'Daily Test', '2020-02-03']);
  });

  it('refuses two documents with the same id', () => {
    expect(() => buildDataset([FLOOD, { ...QUAKE, id: 'a-flood' }], EMPTY)).toThrow(/Two documents have the id "a-flood"/);
  });
});

describe('entities without curation', () => {
  const docs = [FLOOD, QUAKE];
  const dataset = buildDataset(docs, EMPTY);

  it('names the NLP library finds become people, places and organisations', () => {
    expect(entity(dataset, 'person:maria-gonzalez').type).toBe('person');
    expect(entity(dataset, 'person:john-smith').name).toBe('John Smith');
    expect(entity(dataset, 'organization:red-cross').type).toBe('organization');
    expect(entity(dataset, 'organization:oxfam').type).toBe('organization');
    expect(entity(dataset, 'place:kenya').type).toBe('place');
    expect(entity(dataset, 'place:nairobi').type).toBe('place');
  });

  it('records every mention, in every document, and each points at the name', () => {
    const kenya = entity(dataset, 'place:kenya');
    expect(kenya.mentions.map((m) => m.doc)).toEqual(['a-flood', 'b-quake', 'b-quake']);
    for (const e of dataset.entities) {
      for (const m of e.mentions) expect([...e.aliases, ...(e.contextualAliases ?? [])]).toContain(textOf(docs, m));
    }
    expect(entity(dataset, 'organization:oxfam').mentions).toHaveLength(3);
  });

  it('a lone surname after the full name is the same person, as a contextual alias', () => {
    const smith = entity(dataset, 'person:john-smith');
    expect(smith.contextualAliases).toEqual(['Smith']);
    expect(smith.mentions.map((m) => textOf(docs, m))).toEqual(['John Smith', 'Smith']);
    expect(dataset.entities.some((e) => e.id === 'person:smith')).toBe(false);
  });

  it('ignores the comment form and whatever follows it', () => {
    expect(dataset.entities.some((e) => e.name.includes('Peter') || e.name.includes('Jones'))).toBe(false);
    expect(dataset.figures.some((f) => f.value === 500)).toBe(false);
    const end = QUAKE.text.indexOf('Leave a Reply');
    for (const e of dataset.entities) for (const m of e.mentions) if (m.doc === 'b-quake') expect(m.end).toBeLessThanOrEqual(end);
  });
});

describe('figures', () => {
  const docs = [FLOOD, QUAKE];
  const { dataset, warnings } = buildDatasetWithReport(docs, EMPTY);
  const byLabel = new Map(dataset.figures.map((f) => [f.label, f]));

  it('reads value, qualifier, unit and what is counted, labelled in the project\'s words', () => {
    const fled = byLabel.get('more than 3,000 people fled');
    expect(fled).toMatchObject({ value: 3000, qualifier: 'more than', unit: 'residents', counts: 'people fled', placeId: 'place:nairobi' });
    expect(textOf(docs, fled!.mentions[0]!)).toBe('more than 3,000 residents');
  });

  it('credits the named source, ties the place, and keeps the period the text gives', () => {
    const killed = byLabel.get('at least 12 people killed');
    expect(killed).toMatchObject({
      attributedToId: 'organization:red-cross',
      placeId: 'place:kenya',
      scope: 'span',
      period: { label: 'past 2 weeks' },
    });
    // Undated documents: no as-of date, and a period that says how long but not when.
    expect(killed!.asOf).toBeUndefined();
    expect(killed!.period!.from).toBeUndefined();
    expect(killed!.entityIds).toEqual(expect.arrayContaining(['organization:red-cross', 'place:kenya']));
    expect(byLabel.get('some 40 people wounded')?.attributedToId).toBe('organization:oxfam');
  });

  it('dates each figure by its document, resolves the period against that date, and records what the count covers', () => {
    const dated = parseCuration({ entities: [], documents: { 'a-flood': { date: '2020-02-03' }, 'b-quake': { date: '2020-02-03' } } });
    const figures = buildDataset(docs, dated).figures;
    const killed = figures.find((f) => f.counts === 'people killed')!;
    expect(killed).toMatchObject({ asOf: '2020-02-03', scope: 'span', period: { label: '2 weeks to 3 Feb 2020', from: '2020-01-20', to: '2020-02-03' } });
    // "more than 3,000 residents fled ... districts of Nairobi": a city's count, one event around the report's date.
    expect(figures.find((f) => f.counts === 'people fled')).toMatchObject({ asOf: '2020-02-03', scope: 'event' });
    expect(figures.find((f) => f.counts === 'people fled')!.period).toBeUndefined();
  });

  it('the same fact in two documents is one figure with a mention in each', () => {
    const killed = byLabel.get('at least 12 people killed')!;
    expect(killed.mentions.map((m) => m.doc)).toEqual(['a-flood', 'b-quake']);
    for (const m of killed.mentions) expect(textOf(docs, m)).toBe('at least 12 people');
  });

  it('entities list the figures tied to them, and figures list their entities, consistently', () => {
    for (const f of dataset.figures) for (const id of f.entityIds) expect(entity(dataset, id).figureIds).toContain(f.id);
    for (const e of dataset.entities) for (const id of e.figureIds) expect(dataset.figures.find((f) => f.id === id)!.entityIds).toContain(e.id);
  });

  it('ids are unique and readable; the same value with another hedge is another figure', () => {
    const again: InputDocument = { id: 'c-more', text: 'Update\n\nAt least 13 people were killed in Kenya. Some 12 people were killed there on Friday.\n' };
    const figures = buildDataset([FLOOD, again], EMPTY).figures;
    const ids = figures.map((f) => f.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(expect.arrayContaining(['figure:people-killed-12-at-least', 'figure:people-killed-13-at-least', 'figure:people-killed-12-some']));
  });

  it('no warnings on numbers the NLP library reads the same way', () => {
    expect(warnings).toEqual([]);
  });
});

describe('curation', () => {
  const curation: Curation = parseCuration({
    entities: [
      {
        id: 'organization:icrc',
        name: 'International Committee of the Red Cross',
        type: 'organization',
        aliases: ['Red Cross', 'ICRC'],
        description: 'Humanitarian organisation.',
      },
      { id: 'organization:flood-monitor', name: 'Kenya Flood Monitor', type: 'organization', contextualAliases: ['Monitor'] },
      { id: 'place:kenya', name: 'Kenya', type: 'place', placeKind: 'country' },
      { id: 'place:kibera', name: 'Kibera', type: 'place', placeKind: 'district' },
      { id: 'place:nairobi', name: 'Nairobi', type: 'place', placeKind: 'city', variants: ['Nairobbi'] },
    ],
    exclusions: ['Oxfam'],
    figures: [{ doc: 'd-monitor', counts: 'people displaced', value: 800, label: '800 people displaced by the flood', entityIds: ['organization:icrc'] }],
  });
  const monitor: InputDocument = {
    id: 'd-monitor',
    text: [
      'Monitor Counts Losses',
      '',
      'The Monitor is not yet mentioned in full here.',
      'The Kenya Flood Monitor said 800 people were displaced in the Nairobi district of Kibera. The Monitor also said Nairobbi was calm.',
      '',
    ].join('\n'),
  };
  const docs = [FLOOD, monitor];
  const { dataset, warnings } = buildDatasetWithReport(docs, curation);

  it('aliases merge what the library finds into the canonical entity, with its description', () => {
    const icrc = entity(dataset, 'organization:icrc');
    expect(icrc.aliases).toEqual(['International Committee of the Red Cross', 'Red Cross', 'ICRC']);
    expect(icrc.description).toBe('Humanitarian organisation.');
    expect(icrc.mentions.map((m) => textOf(docs, m))).toEqual(['Red Cross']);
    expect(dataset.entities.some((e) => e.id === 'organization:red-cross')).toBe(false);
  });

  it('exclusions drop a candidate', () => {
    expect(dataset.entities.some((e) => e.name === 'Oxfam')).toBe(false);
  });

  it('a contextual alias counts only after the full name in the same document', () => {
    const m = entity(dataset, 'organization:flood-monitor').mentions.map((x) => [textOf(docs, x), x.start]);
    const full = monitor.text.indexOf('Kenya Flood Monitor');
    expect(m[0]).toEqual(['Kenya Flood Monitor', full]);
    expect(m.slice(1).map(([t]) => t)).toEqual(['Monitor']);
    expect(m.every(([, start]) => (start as number) >= full)).toBe(true);
  });

  it('variants (misspellings in a source) count as mentions but are not page aliases', () => {
    const nairobi = entity(dataset, 'place:nairobi');
    expect(nairobi.mentions.map((m) => textOf(docs, m))).toContain('Nairobbi');
    expect(nairobi.aliases).not.toContain('Nairobbi');
    expect(nairobi.variants).toEqual(['Nairobbi']);
  });

  it('a figure is tied to the most specific place its clause names, and curation notes add what the text implies', () => {
    const displaced = dataset.figures.find((f) => f.counts === 'people displaced')!;
    expect(displaced.placeId).toBe('place:kibera');
    expect(displaced.attributedToId).toBe('organization:flood-monitor');
    expect(displaced.label).toBe('800 people displaced by the flood');
    expect(displaced.entityIds).toEqual(expect.arrayContaining(['place:kibera', 'place:nairobi', 'organization:icrc']));
    expect(warnings).toEqual([]);
  });

  it('a curation note gives the day, kind of event and scope the text cannot', () => {
    const noted = parseCuration({
      ...curation,
      documents: { 'd-monitor': { date: '2020-03' } },
      figures: [{ doc: 'd-monitor', counts: 'people displaced', value: 800, date: '2020-03-06', event: 'flood', scope: 'event' }],
    });
    const displaced = buildDataset([monitor], noted).figures.find((f) => f.counts === 'people displaced')!;
    expect(displaced).toMatchObject({ asOf: '2020-03', scope: 'event', event: 'flood', period: { label: 'Fri 6 Mar 2020', from: '2020-03-06', to: '2020-03-06' } });
    expect(() => parseCuration({ ...curation, figures: [{ doc: 'd-monitor', counts: 'people displaced', value: 800, date: '6 March' }] })).toThrow(/dates are YYYY-MM-DD/);
  });

  it('a curation note that matches nothing is reported, not silently ignored', () => {
    const stale = parseCuration({ ...curation, figures: [{ doc: 'a-flood', counts: 'refugees', value: 1 }] });
    expect(buildDatasetWithReport([FLOOD], stale).warnings).toEqual(['curation figure note matched nothing: a-flood refugees 1']);
  });

  it('curated entities that no document mentions are left out', () => {
    expect(buildDataset([QUAKE], curation).entities.some((e) => e.id === 'place:kibera')).toBe(false);
  });
});

describe('any plain text', () => {
  it('Windows line endings and a byte-order mark change nothing but the offsets, which still point at the names', () => {
    const crlf: InputDocument = { id: 'a-flood', text: `\uFEFF${FLOOD.text.replace(/\n/g, '\r\n')}` };
    const plain = buildDataset([FLOOD], EMPTY);
    const windows = buildDataset([crlf], EMPTY);
    expect(windows.documents[0]!.title).toBe(plain.documents[0]!.title);
    expect(windows.entities.map((e) => [e.id, e.mentions.length])).toEqual(plain.entities.map((e) => [e.id, e.mentions.length]));
    expect(windows.figures.map((f) => f.label)).toEqual(plain.figures.map((f) => f.label));
    for (const e of windows.entities) for (const m of e.mentions) expect(e.aliases.concat(e.contextualAliases ?? [])).toContain(crlf.text.slice(m.start, m.end));
  });

  it('a document with no names and no figures still gets its document record', () => {
    const dataset = buildDataset([{ id: 'empty', text: '' }, { id: 'plain', text: 'nothing to see here\n' }], EMPTY);
    expect(dataset.documents.map((d) => [d.id, d.title, d.length])).toEqual([
      ['empty', '', 0],
      ['plain', 'nothing to see here', 20],
    ]);
    expect([dataset.entities, dataset.figures]).toEqual([[], []]);
  });
});

describe('determinism', () => {
  it('the same documents, in any order, give the same bytes', () => {
    const a = serializeDataset(buildDataset([FLOOD, QUAKE], EMPTY));
    const b = serializeDataset(buildDataset([QUAKE, FLOOD], EMPTY));
    expect(b).toBe(a);
    expect(a.endsWith('}\n')).toBe(true);
    expect(a).toContain('\n  "documents": [');
  });
});

describe('labels', () => {
  it.each([
    [70000, 'more than', 'people killed', 'people', 'more than 70,000 people killed'],
    [4_000_000, 'exact', 'people displaced', 'people', '4 million people displaced'],
    [22_000_000, 'exact', 'population', 'people', 'population of 22 million'],
    [16, 'exact', 'conflict duration', 'months', 'conflict lasting 16 months'],
    [2, 'more than', 'explosives', 'tons', 'more than 2 tons of explosives'],
  ] as const)('%d %s %s → %s', (value, qualifier, counts, unit, label) => {
    expect(labelFor(counts, value, qualifier, unit)).toBe(label);
  });

  it('formats large round values in millions and others with separators', () => {
    expect([formatValue(1_500_000), formatValue(1_234_567), formatValue(7000)]).toEqual(['1.5 million', '1,234,567', '7,000']);
  });
});

describe('relevance statistics, short names and other names', () => {
  const curation = parseCuration({
    subject: 'floods in Kenya',
    entities: [
      { id: 'place:kenya', name: 'Kenya', type: 'place', placeKind: 'country', demonyms: ['Kenyan', 'Kenyans'] },
      { id: 'organization:kenyan-army', name: 'Kenyan army', type: 'organization' },
      { id: 'person:maria-gonzalez', name: 'Maria Gonzalez', type: 'person', shortNames: ['Gonzalez'] },
      { id: 'place:nairobi', name: 'Nairobi', type: 'place', placeKind: 'city' },
    ],
    others: [{ name: 'Pedro Gonzalez', note: 'a namesake' }],
  });
  const docs: InputDocument[] = [
    { id: 'a', text: 'Kenyan Floods\n\nMaria Gonzalez said Kenyans fled Nairobi as the Kenyan army arrived in Kenya.\n' },
    { id: 'b', text: 'More Rain\n\nGonzalez said Kenya expects more rain in Nairobi.\n' },
  ];
  const background = { source: 'two pages', texts: ['Nairobi hosted a marathon. Facebook posts followed.', 'Markets rose in London and New York.'] };
  const { dataset } = buildDatasetWithReport(docs, curation, { background });

  it('counts names and demonyms in the documents and the background, and finds the core', () => {
    expect(dataset.subject).toBe('floods in Kenya');
    const stats = dataset.relevance!;
    expect(stats.backgroundSource).toBe('two pages');
    expect(stats.backgroundCharacters).toBe(background.texts.join('').length);
    expect(stats.reference).toMatchObject({ 'place:kenya': 2, 'place:nairobi': 2, 'person:maria-gonzalez': 2 });
    expect(stats.background).toEqual({ 'place:nairobi': 1 });
    expect(stats.demonymsInReference).toEqual({ 'place:kenya': 2 });
    // Named in both documents: the core.
    expect(stats.core).toEqual(['person:maria-gonzalez', 'place:kenya', 'place:nairobi']);
  });

  it("keeps short names apart from aliases, lists other names, and writes a country's institutions with its name", () => {
    expect(entity(dataset, 'person:maria-gonzalez')).toMatchObject({ aliases: ['Maria Gonzalez'], shortNames: ['Gonzalez'] });
    expect(dataset.otherNames).toEqual(['Pedro Gonzalez']);
    expect(entity(dataset, 'organization:kenyan-army').aliases).toEqual(['Kenyan army', "Kenya's army", 'Kenya army', 'army of Kenya']);
    expect(entity(dataset, 'place:kenya').demonyms).toEqual(['Kenyan', 'Kenyans']);
  });

  it('without a background there are no statistics, and every article counts as on the subject', () => {
    expect(buildDataset(docs, curation).relevance).toBeUndefined();
  });
});
