import { describe, expect, test } from 'vitest';
import { filterAnnotations, isEmptyFilter, siteFacets, tagFacets } from '@/lib/export/filter';
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

describe('export files', () => {
  test('are named with the local date and the format\'s extension', () => {
    const day = new Date(2026, 0, 5, 23, 59);
    expect(exportFilename('jsonld', day)).toBe('backstory-annotations-2026-01-05.jsonld');
    expect(exportFilename('markdown', day)).toBe('backstory-annotations-2026-01-05.md');
    expect(exportFilename('csv', day)).toBe('backstory-annotations-2026-01-05.csv');
  });

  test('carry their MIME type and count', () => {
    const file = exportAnnotations(notes, 'csv', new Date(2026, 0, 5));
    expect(file).toMatchObject({ filename: 'backstory-annotations-2026-01-05.csv', mimeType: 'text/csv;charset=utf-8', count: 3 });
    expect(exportAnnotations(notes, 'jsonld').mimeType).toMatch(/^application\/ld\+json/);
    expect(exportAnnotations(notes, 'markdown').content).toMatch(/^# Backstory annotations/);
  });
});
