import { describe, expect, test } from 'vitest';
import { filterAnnotations, isEmptyFilter, referenceChoices, referenceFacets, siteChoices, siteFacets, tagChoices, tagFacets } from '@/lib/export/filter';
import { siteOf } from '@/lib/url';
import { exportAnnotations } from '@/lib/export/export';
import { exportFilename } from '@/lib/export/formats';
import { note } from './helpers';

const notes = [
  note({ id: '1', url: 'https://www.bbc.co.uk/news/1', text: 'Death toll in Ḥomṣ', tags: ['Syria', 'casualties'] }),
  note({ id: '2', url: 'https://bbc.co.uk/news/2', text: 'Refugees in Jordan', tags: ['syria'] }),
  note({ id: '3', url: 'https://nytimes.com/x', text: 'Chemical weapons claim', tags: ['weapons'] }),
];

describe('filters for the options page and "current search" exports', () => {
  test('site, tag (ignoring case and accents) and text (every word, accent-insensitive) combine', () => {
    expect(siteOf('https://www.bbc.co.uk/news/1')).toBe('bbc.co.uk');
    expect(filterAnnotations(notes, { site: 'bbc.co.uk' }).map((a) => a.id)).toEqual(['1', '2']);
    expect(filterAnnotations(notes, { tag: 'SYRIA' }).map((a) => a.id)).toEqual(['1', '2']);
    expect(filterAnnotations(notes, { text: 'homs toll' }).map((a) => a.id)).toEqual(['1']);
    expect(filterAnnotations(notes, { text: '#weapons' }).map((a) => a.id)).toEqual(['3']);
    expect(filterAnnotations(notes, { site: 'bbc.co.uk', tag: 'syria', text: 'jordan' }).map((a) => a.id)).toEqual(['2']);
    expect(filterAnnotations(notes, {})).toHaveLength(3);
    expect(isEmptyFilter({ text: '  ' })).toBe(true);
  });

  test('facets count each note once per site and tag', () => {
    expect(siteFacets(notes)).toEqual([{ value: 'bbc.co.uk', count: 2 }, { value: 'nytimes.com', count: 1 }]);
    expect(tagFacets([...notes, note({ id: '4', tags: ['Syria', 'SYRIA'] })])).toEqual([
      { value: 'Syria', count: 3 }, { value: 'casualties', count: 1 }, { value: 'weapons', count: 1 },
    ]);
  });
});

describe('what a filter list offers: its facets, and the value chosen in it even once no note has it', () => {
  const sites = siteFacets(notes);
  const tags = tagFacets(notes);
  const items = [{ value: 'place:aleppo', label: 'Aleppo', count: 2 }, { value: 'person:assad', label: 'Bashar al-Assad', count: 1 }];

  test('nothing chosen, or a value notes still have: the facets themselves (the same list, so options made from it stay)', () => {
    expect(siteChoices(sites, undefined)).toBe(sites);
    expect(siteChoices(sites, '')).toBe(sites);
    expect(siteChoices(sites, 'nytimes.com')).toBe(sites);
    expect(tagChoices(tags, 'weapons')).toBe(tags);
    expect(referenceChoices(items, 'person:assad')).toBe(items);
  });

  test('a chosen site or tag no note has any more stays listed, last, with no notes', () => {
    expect(siteChoices(sites, 'apnews.com')).toEqual([...sites, { value: 'apnews.com', count: 0 }]);
    expect(siteChoices(sites, '(no site)')).toEqual([...sites, { value: '(no site)', count: 0 }]);
    expect(tagChoices(tags, 'Homs')).toEqual([...tags, { value: 'Homs', count: 0 }]);
    expect(tagChoices([], 'Homs')).toEqual([{ value: 'Homs', count: 0 }]);
    // The facets given are not changed.
    expect(sites).toEqual([{ value: 'bbc.co.uk', count: 2 }, { value: 'nytimes.com', count: 1 }]);
  });

  test('a chosen tag still on notes under another spelling is listed once, in the spelling chosen, with their count', () => {
    // The filter compares tags ignoring case and accents: "SYRIA" still filters the notes tagged "Syria".
    expect(filterAnnotations(notes, { tag: 'SYRIA' })).toHaveLength(2);
    expect(tagChoices(tags, 'SYRIA')).toEqual([{ value: 'SYRIA', count: 2 }, { value: 'casualties', count: 1 }, { value: 'weapons', count: 1 }]);
    expect(tagChoices(tags, 'wéapons').map((t) => t.value)).toEqual(['Syria', 'casualties', 'wéapons']);
    // Sites are not folded: another host is another site.
    expect(siteChoices(sites, 'BBC.co.uk')).toEqual([...sites, { value: 'BBC.co.uk', count: 0 }]);
  });

  test('a chosen reference item no note is linked to any more keeps the label it was listed under, else its id', () => {
    const aleppoGone = items.slice(1);
    expect(referenceChoices(aleppoGone, 'place:aleppo', items)).toEqual([...aleppoGone, { value: 'place:aleppo', label: 'Aleppo', count: 0 }]);
    // Listed with (0) since: the label is kept from that list in turn, as the notes change again.
    const kept = referenceChoices(aleppoGone, 'place:aleppo', items);
    expect(referenceChoices([], 'place:aleppo', kept)).toEqual([{ value: 'place:aleppo', label: 'Aleppo', count: 0 }]);
    // Never listed: named by its id, as a note's item with no label is.
    expect(referenceChoices(aleppoGone, 'place:homs', items)).toEqual([...aleppoGone, { value: 'place:homs', label: 'place:homs', count: 0 }]);
    expect(referenceChoices(aleppoGone, 'place:homs')).toEqual([...aleppoGone, { value: 'place:homs', label: 'place:homs', count: 0 }]);
  });
});

describe('export files', () => {
  test('are named with the local date and the format\'s extension', () => {
    const day = new Date(2026, 0, 5, 23, 59);
    expect(exportFilename('jsonld', day)).toBe('backstory-notes-2026-01-05.jsonld');
    expect(exportFilename('markdown', day)).toBe('backstory-notes-2026-01-05.md');
    expect(exportFilename('csv', day)).toBe('backstory-notes-2026-01-05.csv');
  });

  test('carry their MIME type and count', () => {
    const file = exportAnnotations(notes, 'csv', new Date(2026, 0, 5));
    expect(file).toMatchObject({ filename: 'backstory-notes-2026-01-05.csv', mimeType: 'text/csv;charset=utf-8', count: 3 });
    expect(exportAnnotations(notes, 'jsonld').mimeType).toMatch(/^application\/ld\+json/);
    expect(exportAnnotations(notes, 'markdown').content).toMatch(/^# Backstory notes/);
  });
});

describe('library filters: linked reference item and the days notes were written', () => {
  const aleppo = { id: 'place:aleppo', kind: 'entity' as const, label: 'Aleppo' };
  const dated = [
    note({ id: 'a', created: new Date(2026, 0, 5, 0, 0, 0).toISOString(), reference: aleppo }),
    note({ id: 'b', created: new Date(2026, 0, 5, 23, 59, 59).toISOString() }),
    note({ id: 'c', created: new Date(2026, 0, 6, 0, 0, 0).toISOString(), reference: aleppo }),
    note({ id: 'd', created: new Date(2026, 0, 4, 23, 59, 59).toISOString(), reference: { id: 'person:assad', kind: 'entity', label: 'Bashar al-Assad' } }),
  ];
  const ids = (filter: Parameters<typeof filterAnnotations>[1]) => filterAnnotations(dated, filter).map((a) => a.id);

  test('a day range covers whole days of the reader\'s calendar, either end open', () => {
    expect(ids({ from: '2026-01-05', to: '2026-01-05' })).toEqual(['a', 'b']);
    expect(ids({ from: '2026-01-05' })).toEqual(['a', 'b', 'c']);
    expect(ids({ to: '2026-01-04' })).toEqual(['d']);
    // A half-typed date filters nothing out.
    expect(ids({ from: '2026-01' })).toEqual(['a', 'b', 'c', 'd']);
    expect(isEmptyFilter({ from: '2026-01' })).toBe(true);
    expect(isEmptyFilter({ to: '2026-01-04' })).toBe(false);
  });

  test('notes linked to one reference item, and the items notes are linked to with counts', () => {
    expect(ids({ reference: 'place:aleppo' })).toEqual(['a', 'c']);
    expect(ids({ reference: 'place:aleppo', from: '2026-01-06' })).toEqual(['c']);
    expect(referenceFacets(dated)).toEqual([
      { value: 'place:aleppo', label: 'Aleppo', count: 2 },
      { value: 'person:assad', label: 'Bashar al-Assad', count: 1 },
    ]);
    expect(isEmptyFilter({ reference: 'place:aleppo' })).toBe(false);
  });
});
