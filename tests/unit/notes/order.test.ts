import { describe, expect, test } from 'vitest';
import { sortNotes, groupsByPage, isNoteOrder } from '@/lib/notes/order';
import { formatNoteDate, noteLabel, shorten } from '@/lib/notes/describe';
import type { Annotation } from '@/lib/notes/types';

const note = (id: string, over: Partial<Annotation> = {}): Annotation => ({
  id, url: 'https://a.example/story', title: 'Story', created: '2026-01-01T10:00:00.000Z', modified: '2026-01-01T10:00:00.000Z', text: id, tags: [], ...over,
});
const at = (start: number) => ({ quote: { type: 'TextQuoteSelector' as const, exact: 'q', prefix: '', suffix: '' }, position: { type: 'TextPositionSelector' as const, start, end: start + 1 } });

describe('sortNotes', () => {
  const notes = [
    note('b1', { url: 'https://b.example/x', title: 'Beta', created: '2026-01-03T00:00:00.000Z', target: at(50) }),
    note('a2', { url: 'https://www.a.example/y', title: 'Alpha 2', created: '2026-01-02T00:00:00.000Z', modified: '2026-01-09T00:00:00.000Z', target: at(10) }),
    note('a1', { url: 'https://www.a.example/y', title: 'Alpha 2', created: '2026-01-04T00:00:00.000Z', target: at(90) }),
    // Written at 01:00 in +02:00, i.e. before a2 (as instants, not strings).
    note('c', { url: 'file:///notes.html', title: 'Local', created: '2026-01-02T01:00:00.000+02:00' }),
    note('b2', { url: 'https://b.example/x', title: 'Beta', created: '2026-01-05T00:00:00.000Z' }),
  ];
  const ids = (list: Annotation[]) => list.map((n) => n.id);

  test('newest and oldest by when each note was written, compared as instants; an edit does not move a note', () => {
    expect(ids(sortNotes(notes, 'newest'))).toEqual(['b2', 'a1', 'b1', 'a2', 'c']);
    expect(ids(sortNotes(notes, 'oldest'))).toEqual(['c', 'a2', 'b1', 'a1', 'b2']);
  });

  test('reading order: pages by latest activity, each page as it reads (page notes after quotes)', () => {
    // a.example/y was touched last (a2 edited on the 9th).
    expect(ids(sortNotes(notes, 'reading'))).toEqual(['a2', 'a1', 'b1', 'b2', 'c']);
  });

  test('by site: sites A to Z (www. is the same site), addresses without a site last', () => {
    expect(ids(sortNotes(notes, 'site'))).toEqual(['a2', 'a1', 'b1', 'b2', 'c']);
  });

  test('does not change its input; ties are broken by id so the order is total', () => {
    const copy = [...notes];
    sortNotes(notes, 'newest');
    expect(notes).toEqual(copy);
    const same = [note('z'), note('m'), note('q')];
    expect(ids(sortNotes(same, 'newest'))).toEqual(['m', 'q', 'z']);
  });

  test('the orders that head each page', () => {
    expect(['newest', 'oldest', 'site', 'reading'].filter((o) => isNoteOrder(o) && groupsByPage(o))).toEqual(['site', 'reading']);
    expect(isNoteOrder('random')).toBe(false);
    expect(isNoteOrder('toString')).toBe(false);
  });
});

describe('noteLabel', () => {
  test('the note\'s text; a quote-only note is named by its quote; never empty', () => {
    expect(noteLabel(note('x', { text: '  Check\n the   figure ' }))).toBe('Check the figure');
    expect(noteLabel(note('x', { text: '', target: { quote: { type: 'TextQuoteSelector', exact: 'Navi Pillay', prefix: '', suffix: '' } } }))).toBe('“Navi Pillay”');
    expect(noteLabel(note('x', { text: ' ', title: 'Aleppo under siege' }))).toBe('Aleppo under siege');
    expect(noteLabel(note('x', { text: '', title: '', url: '' }))).toBe('a note');
  });

  test('long names are cut at a word, with an ellipsis', () => {
    expect(shorten('The analysis cross-referenced seven sources including the government', 30)).toBe('The analysis cross-referenced…');
    expect(noteLabel(note('x', { text: 'a'.repeat(100) }), 20)).toBe(`${'a'.repeat(19)}…`);
  });
});

describe('formatNoteDate', () => {
  test('in the reader\'s locale; a string that is not a date gives nothing', () => {
    const iso = '2026-01-02T10:00:00.000Z';
    expect(formatNoteDate(iso)).toBe(new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' }).format(Date.parse(iso)));
    expect(formatNoteDate(iso, false)).toBe(new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' }).format(Date.parse(iso)));
    expect(formatNoteDate('yesterday')).toBe('');
  });
});
