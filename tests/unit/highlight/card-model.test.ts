import { expect, test } from 'vitest';
import { announce, describeMatch, formatQualified, VERDICT_TEXT } from '@/lib/highlight/card-model';
import { createReference } from '@/lib/reference/lookup';
import type { Dataset } from '@/lib/reference/types';

// A small dataset in the project's own words (not text from the source documents).
const dataset: Dataset = {
  version: 1,
  documents: [
    { id: 'doc-a', title: 'Story A', publisher: 'Wire A', date: '2013-03-16', sha256: 'x', length: 10 },
    { id: 'doc-b', title: 'Story B', sha256: 'y', length: 10 },
  ],
  entities: [
    { id: 'place:syria', name: 'Syria', type: 'place', aliases: ['Syria'], mentions: [{ doc: 'doc-a', start: 0, end: 5 }, { doc: 'doc-b', start: 0, end: 5 }, { doc: 'doc-a', start: 9, end: 14 }], figureIds: ['figure:killed', 'figure:gone'] },
    { id: 'organization:un', name: 'United Nations', type: 'organization', aliases: ['United Nations', 'U.N.', 'UN'], description: 'The world body.', mentions: [{ doc: 'doc-a', start: 1, end: 3 }], figureIds: [] },
  ],
  figures: [
    { id: 'figure:killed', value: 70000, qualifier: 'more than', unit: 'people', counts: 'people killed', label: 'more than 70,000 people killed', placeId: 'place:syria', attributedToId: 'organization:un', asOf: '2013-03-16', scope: 'total', event: 'report', period: { label: '6 months to 16 Mar 2013', from: '2012-09-16', to: '2013-03-16' }, entityIds: ['place:syria', 'organization:un'], mentions: [{ doc: 'doc-a', start: 3, end: 9 }] },
  ],
};
const ref = createReference(dataset);

test('an entity card has its type, other names, facts tied to it and each source once', () => {
  const card = describeMatch(ref, { start: 0, end: 5, text: 'Syria', category: 'place', referenceId: 'place:syria' })!;
  expect(card.kind).toBe('entity');
  if (card.kind !== 'entity') return;
  expect(card.typeLabel).toBe('Place');
  expect(card.aliases).toEqual([]);
  // figure:gone is not in the dataset: left out rather than shown as a hole.
  expect(card.figures).toEqual([
    expect.objectContaining({ label: 'more than 70,000 people killed', attribution: 'United Nations', place: 'Syria', asOf: '16 Mar 2013', period: '6 months to 16 Mar 2013', event: 'report' }),
  ]);
  expect(card.sources).toEqual([{ id: 'doc-a', title: 'Story A', publisher: 'Wire A', date: '16 Mar 2013' }, { id: 'doc-b', title: 'Story B' }]);
  const un = describeMatch(ref, { start: 0, end: 4, text: 'U.N.', category: 'organization', referenceId: 'organization:un' })!;
  expect(un.kind === 'entity' && un.aliases).toEqual(['U.N.', 'UN']);
  expect(announce(un)).toBe('United Nations, organisation. 1 reference figure.');
});

test('a figure that differs shows the page value beside the reference value, qualifier and attribution', () => {
  const card = describeMatch(ref, {
    start: 10, end: 16, text: '60,000', category: 'figure-differs', referenceId: 'figure:killed',
    figure: { reading: { start: 10, end: 23, numberStart: 10, numberEnd: 16, value: 60000, qualifier: 'exact', unit: 'people', counts: 'people killed' }, verdict: 'differs' },
  })!;
  expect(card.kind).toBe('figure');
  if (card.kind !== 'figure') return;
  expect(card.verdict).toBe('differs');
  expect(card.page).toEqual({ value: 60000, qualifier: 'exact', unit: 'people', text: '60,000' });
  expect(formatQualified(card.reference.value, card.reference.qualifier)).toBe('more than 70,000');
  expect(card.about).toEqual(['Syria', 'United Nations']);
  expect(announce(card)).toBe('Figure: differs from the reference. The page says 60,000; the reference says more than 70,000 people killed according to United Nations (16 Mar 2013).');
});

test('the page’s own attribution, date and place stand beside the reference’s, so neither reads as the other’s', () => {
  const card = describeMatch(ref, {
    start: 10, end: 16, text: '60,000', category: 'figure-differs', referenceId: 'figure:killed',
    figure: {
      reading: { start: 10, end: 23, numberStart: 10, numberEnd: 16, value: 60000, qualifier: 'exact', unit: 'people', counts: 'people killed' },
      verdict: 'differs',
      page: { asOf: '2013-03-19', attribution: 'a pro-government newspaper', place: 'Syria' },
    },
  })!;
  if (card.kind !== 'figure') throw new Error('a figure card');
  expect(card.page).toMatchObject({ attribution: 'a pro-government newspaper', asOf: '19 Mar 2013', place: 'Syria' });
  expect(card.reference).toMatchObject({ attribution: 'United Nations', asOf: '16 Mar 2013' });
  expect(announce(card)).toBe(
    'Figure: differs from the reference. The page says 60,000 according to a pro-government newspaper (19 Mar 2013); the reference says more than 70,000 people killed according to United Nations (16 Mar 2013).',
  );
});

test('an earlier or later estimate is worded as such, with both dates', () => {
  const estimate = (verdict: 'earlier' | 'later', asOf: string) =>
    describeMatch(ref, {
      start: 0, end: 6, text: '93,000', category: 'figure', referenceId: 'figure:killed',
      figure: { reading: { start: 0, end: 6, numberStart: 0, numberEnd: 6, value: 93000, qualifier: 'at least', unit: 'people', counts: 'people killed' }, verdict, page: { asOf } },
    })!;
  const later = estimate('later', '2013-04');
  expect(later.kind === 'figure' && later.verdict).toBe('later');
  expect(VERDICT_TEXT.later).toMatch(/later estimate/);
  expect(announce(later)).toBe('Figure: a later estimate than the reference’s. The page says at least 93,000 (Apr 2013); the reference says more than 70,000 people killed according to United Nations (16 Mar 2013).');
  expect(announce(estimate('earlier', '2012-03-27'))).toMatch(/^Figure: an earlier estimate than the reference’s\. The page says at least 93,000 \(27 Mar 2012\)/);
});

test('a match whose id the dataset no longer has gets no card', () => {
  expect(describeMatch(ref, { start: 0, end: 1, text: 'x', category: 'person', referenceId: 'person:gone' })).toBeNull();
  expect(ref.label('person:gone')).toBe('person:gone');
});

test('an entity lists figures that point at it even when its own list does not, and unnamed attributions show', () => {
  const more: Dataset = {
    ...dataset,
    entities: [...dataset.entities, { id: 'place:aleppo', name: 'Aleppo', type: 'place', aliases: ['Aleppo'], mentions: [], figureIds: [] }],
    figures: [...dataset.figures, { id: 'figure:fled', value: 7000, qualifier: 'up to', unit: 'people', counts: 'people fled', label: 'up to 7,000 people fled', placeId: 'place:aleppo', attributedTo: 'activists', entityIds: ['place:aleppo'], mentions: [] }],
  };
  const card = describeMatch(createReference(more), { start: 0, end: 6, text: 'Aleppo', category: 'place', referenceId: 'place:aleppo' })!;
  expect(card.kind === 'entity' && card.figures).toEqual([expect.objectContaining({ id: 'figure:fled', attribution: 'activists', place: 'Aleppo' })]);
});
