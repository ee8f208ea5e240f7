import { describe, expect, test } from 'vitest';
import { foundItems } from '@/lib/page/found';

describe('foundItems', () => {
  test('one line per reference item in order of first appearance, counted, in the page\'s own words, most frequent first', () => {
    const label = (id: string) => ({ 'person:assad': 'Bashar al-Assad', 'place:aleppo': 'Aleppo' })[id] ?? id;
    const items = foundItems([
      { category: 'person', referenceId: 'person:assad', text: 'Bashar al-Assad' },
      { category: 'place', referenceId: 'place:aleppo', text: 'Aleppo' },
      { category: 'person', referenceId: 'person:assad', text: 'Assad' },
      { category: 'person', referenceId: 'person:assad', text: 'Assad' },
      { category: 'person', referenceId: 'person:assad', text: 'al-\nAssad' },
    ], label);
    expect(items).toEqual([
      { referenceId: 'person:assad', category: 'person', label: 'Bashar al-Assad', count: 4, words: ['Assad', 'Bashar al-Assad', 'al- Assad'] },
      { referenceId: 'place:aleppo', category: 'place', label: 'Aleppo', count: 1, words: ['Aleppo'] },
    ]);
  });

  test('the same reference item as a matching and as a differing figure is two lines', () => {
    const items = foundItems([
      { category: 'figure', referenceId: 'f1', text: '60,000' },
      { category: 'figure-differs', referenceId: 'f1', text: '50,000' },
    ], (id) => id);
    expect(items.map((i) => [i.category, i.words])).toEqual([['figure', ['60,000']], ['figure-differs', ['50,000']]]);
  });
});
