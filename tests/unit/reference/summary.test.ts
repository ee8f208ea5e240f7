// The reference summary the first-run page shows: documents oldest first, counts per kind, the most mentioned names.
import { describe, expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import { formatReferenceDate, summarizeReference } from '@/lib/reference/summary';
import type { Dataset, Entity, Figure } from '@/lib/reference/types';

const mention = (n: number) => Array.from({ length: n }, (_, i) => ({ doc: 'd1', start: i, end: i + 1 }));
const entity = (id: string, type: Entity['type'], mentions: number): Entity => ({
  id: `${type}:${id}`,
  name: id,
  type,
  aliases: [id],
  mentions: mention(mentions),
  figureIds: [],
});
const figure = (label: string, mentions: number): Figure => ({
  id: `figure:${label}`,
  value: 1,
  qualifier: 'exact',
  unit: 'people',
  counts: 'people killed',
  label,
  entityIds: [],
  mentions: mention(mentions),
});

const dataset: Dataset = {
  version: 1,
  documents: [
    { id: 'd1', title: 'Later', date: '2013-03-16', sha256: 'x', length: 1 },
    { id: 'd2', title: 'Undated', publisher: 'Wire', sha256: 'y', length: 1 },
    { id: 'd3', title: 'Earlier', publisher: 'Radio', date: '2012-07', sha256: 'z', length: 1 },
  ],
  entities: [
    entity('Aleppo', 'place', 2),
    entity('Damascus', 'place', 5),
    entity('Homs', 'place', 2),
    entity('Idlib', 'place', 1),
    entity('Assad', 'person', 1),
    entity('UN', 'organization', 3),
  ],
  figures: [figure('3 killed', 1), figure('70,000 killed', 4)],
};

describe('summarizeReference', () => {
  test('documents oldest first, undated last; counts of each kind', () => {
    const s = summarizeReference(dataset);
    expect(s.documents).toEqual([
      { title: 'Earlier', publisher: 'Radio', date: '2012-07' },
      { title: 'Later', date: '2013-03-16' },
      { title: 'Undated', publisher: 'Wire' },
    ]);
    expect(s.counts).toEqual({ person: 1, place: 4, organization: 1, figure: 2 });
  });

  test('the subject, when the dataset names one', () => {
    expect(summarizeReference(dataset)).not.toHaveProperty('subject');
    expect(summarizeReference({ ...dataset, subject: 'the test war' }).subject).toBe('the test war');
  });

  test('examples are the most mentioned, ties by name, at most the number asked', () => {
    const s = summarizeReference(dataset, 3);
    expect(s.examples.place).toEqual(['Damascus', 'Aleppo', 'Homs']);
    expect(s.examples.person).toEqual(['Assad']);
    expect(s.examples.figure).toEqual(['70,000 killed', '3 killed']);
    expect(summarizeReference(dataset, 1).examples.place).toEqual(['Damascus']);
  });

  test('the bundled reference: every document is listed with its date', () => {
    const bundled = JSON.parse(readFileSync('lib/reference/dataset.json', 'utf8')) as Dataset;
    const s = summarizeReference(bundled);
    expect(s.documents.map((d) => d.title).sort()).toEqual(bundled.documents.map((d) => d.title).sort());
    expect(s.counts.person + s.counts.place + s.counts.organization).toBe(bundled.entities.length);
    expect(s.subject).toBe(bundled.subject);
    expect(s.subject).toBeTruthy();
  });
});

describe('formatReferenceDate', () => {
  test('a day and a month, in the given locale, never shifted by the time zone', () => {
    expect(formatReferenceDate('2013-03-16', 'en-GB')).toBe('16 March 2013');
    expect(formatReferenceDate('2012-07', 'en-GB')).toBe('July 2012');
    expect(formatReferenceDate('2013-01-01', 'en-US')).toBe('January 1, 2013');
  });

  test('anything else is shown as written', () => {
    expect(formatReferenceDate('spring 2012')).toBe('spring 2012');
    expect(formatReferenceDate('2012-13-40')).toBe('2012-13-40');
  });
});
