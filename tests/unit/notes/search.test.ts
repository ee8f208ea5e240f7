import fc from 'fast-check';
import { describe, expect, test, vi } from 'vitest';
import { foldsKept, matchesQuery, narrows, parseQuery, prepareSearch } from '@/lib/notes/search';
import type { Annotation } from '@/lib/notes/types';

const note = (text: string, tags: string[] = [], title = 'Aleppo'): Annotation => ({
  id: text, url: 'https://news.example/a', title, created: '2026-01-01T00:00:00.000Z', modified: '2026-01-01T00:00:00.000Z', text, tags,
});

describe('a search typed a key at a time', () => {
  test('a longer query narrows a shorter one when it can only find fewer notes', () => {
    const q = parseQuery;
    expect(narrows(q('story 1'), q('story 13'))).toBe(true);
    expect(narrows(q('story'), q('story aleppo'))).toBe(true);
    expect(narrows(q('al'), q('Alé'))).toBe(true); // folded: "ale" holds "al"
    expect(narrows(q('#syria'), q('#syria shell'))).toBe(true);
    // A bare "#" is a word; "#s" is a tag that notes without "#" in their text may have: not narrower.
    expect(narrows(q('#'), q('#s'))).toBe(false);
    expect(narrows(q('story 13'), q('story 1'))).toBe(false);
    expect(narrows(q('aleppo'), q('homs'))).toBe(false);
  });

  test('whenever it narrows, every note the longer query finds the shorter one found too', () => {
    const word = fc.constantFrom('al', 'ale', 'aleppo', 'Alép', 'homs', '#', '#s', '#syria', 'sy', 'ß', 'ss', '1', '13', 'é', 'e');
    const query = fc.array(word, { maxLength: 3 }).map((w) => w.join(' '));
    const notes = fc.array(fc.record({ text: fc.array(word, { maxLength: 4 }).map((w) => w.join(' ')), tags: fc.array(fc.constantFrom('syria', 's', 'Aleppo'), { maxLength: 2 }) }), { maxLength: 8 });
    fc.assert(
      fc.property(query, query, notes, (a, b, list) => {
        const [previous, next] = [parseQuery(a), parseQuery(b)];
        if (!narrows(previous, next)) return;
        for (const n of list.map((x) => note(x.text, x.tags, ''))) if (matchesQuery(n, next)) expect(matchesQuery(n, previous)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  test('a note read again (a new object, same id) is searched by its words as they are now', () => {
    const before = { ...note('Shelling in Homs', ['war']), id: 'same' };
    expect(matchesQuery(before, parseQuery('homs'))).toBe(true);
    const again = { ...before, tags: [...before.tags] };
    expect(matchesQuery(again, parseQuery('homs #war'))).toBe(true);
    const edited = { ...before, text: 'Shelling in Aleppo', tags: ['war crimes'] };
    expect(matchesQuery(edited, parseQuery('homs'))).toBe(false);
    expect(matchesQuery(edited, parseQuery('aleppo'))).toBe(true);
    expect(matchesQuery(edited, parseQuery('#war'))).toBe(false);
    expect(matchesQuery(edited, parseQuery('#war crimes'))).toBe(false);
    expect(matchesQuery({ ...edited, tags: ['war', 'crimes'] }, parseQuery('#war #crimes'))).toBe(true);
  });

  test('the folded text can be prepared ahead, a slice at a time, and stops when cancelled', async () => {
    const list = Array.from({ length: 12 }, (_, i) => note(`Hôpital ${i}`));
    let calls = 0;
    await prepareSearch(list, async () => { calls++; }, () => false, 5);
    expect(calls).toBe(3);
    let stopped = 0;
    await prepareSearch(list, async () => { stopped++; }, () => stopped >= 1, 5);
    expect(stopped).toBe(1);
    // Prepared or not, a search finds the same notes.
    expect(list.filter((n) => matchesQuery(n, parseQuery('hopital 1'))).map((n) => n.text)).toEqual(['Hôpital 1', 'Hôpital 10', 'Hôpital 11']);
    expect(matchesQuery(note('x', ['Syria']), parseQuery('#syria'))).toBe(true);
  });

  test('keeps the folds of the last list read only, and folds a plain note without its JSON text', async () => {
    const list = Array.from({ length: 20 }, (_, i) => ({ ...note(`Story ${i}`), id: `k${i}` }));
    const stringify = vi.spyOn(JSON, 'stringify');
    try {
      await prepareSearch(list, async () => {});
      expect(stringify).not.toHaveBeenCalled();
    } finally {
      stringify.mockRestore();
    }
    expect(foldsKept()).toBe(20);
    // Read again after five were deleted and one edited: the deleted ones' folds go, the edited one is folded anew.
    const again = list.slice(5).map((n) => (n.id === 'k7' ? { ...n, text: 'Siege of Homs' } : { ...n }));
    await prepareSearch(again, async () => {});
    expect(foldsKept()).toBe(15);
    expect(again.filter((n) => matchesQuery(n, parseQuery('homs'))).map((n) => n.id)).toEqual(['k7']);
    expect(again.filter((n) => matchesQuery(n, parseQuery('story 7'))).map((n) => n.id)).toEqual(['k17']); // not k7: its words changed
    expect(again.filter((n) => matchesQuery(n, parseQuery('story 1'))).map((n) => n.id)).toEqual(['k10', 'k11', 'k12', 'k13', 'k14', 'k15', 'k16', 'k17', 'k18', 'k19']);
  });
});
