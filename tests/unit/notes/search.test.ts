import fc from 'fast-check';
import { describe, expect, test, vi } from 'vitest';
import { IncrementalSearch, foldsKept, matchesQuery, narrows, parseQuery, prepareSearch, sameQuery } from '@/lib/notes/search';
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

  test('a key that leaves the words and tags as they were keeps the same query; any other key does not', () => {
    const q = parseQuery;
    expect(sameQuery(q('aleppo'), q('aleppo '))).toBe(true); // a space after a word
    expect(sameQuery(q('Alép  #Syria'), q('alep #syria'))).toBe(true); // folded, spaces between ignored
    expect(sameQuery(q(''), q('   '))).toBe(true);
    expect(sameQuery(q('aleppo'), q('aleppo s'))).toBe(false);
    expect(sameQuery(q('aleppo siege'), q('siege aleppo'))).toBe(false); // words in another order
    expect(sameQuery(q('syria'), q('#syria'))).toBe(false); // a word is not a tag
    expect(sameQuery(q('#syria'), q('#syria shell'))).toBe(false);
    // A spacing accent folds to a space inside one word: one word is not the two it seems to hold.
    expect(sameQuery(q('O´Brien'), q('o brien'))).toBe(false);
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

describe('a search typed a key at a time, answered from the keys before it', () => {
  const word = fc.constantFrom('al', 'ale', 'aleppo', 'Alép', 'homs', 'hom', 'om', 'ms', '#', '#s', '#syria', 'sy', 'ß', 'ss', '1', '13', '3', 'é', 'e', 'story', 'tory', 'ry 1', '´', 'o´b', 'o', 'b', '#a´b', 'ob');
  const notes = fc.array(
    fc.record({ text: fc.array(word, { maxLength: 6 }).map((w) => w.join(' ')), tags: fc.array(fc.constantFrom('syria', 's', 'Aleppo'), { maxLength: 2 }), title: fc.array(word, { maxLength: 3 }).map((w) => w.join(' ')) }),
    { maxLength: 12 },
  );
  // What a reader types: a few words, a key at a time, with characters deleted and typed again along the way.
  const typing = fc.array(fc.oneof(fc.constantFrom('a', 'l', 'e', 'p', 'o', 'h', 'm', 's', '1', '3', ' ', '#', 'y', 'é', 'ß', '´', 'b'), fc.constant('⌫')), { maxLength: 24 });

  test('finds at every key exactly the notes a search of the whole list finds, in the list\'s order', () => {
    fc.assert(
      fc.property(notes, typing, (list, keys) => {
        const all = list.map((x, i) => ({ ...note(x.text, x.tags, x.title), id: `n${i}` }));
        const search = new IncrementalSearch(all);
        let text = '';
        for (const key of keys) {
          text = key === '⌫' ? text.slice(0, -1) : text + key;
          const query = parseQuery(text);
          expect(search.search(query).map((n) => n.id)).toEqual(all.filter((n) => matchesQuery(n, query)).map((n) => n.id));
        }
      }),
      { numRuns: 400 },
    );
  });

  /** Runs `queries` one after another through one search of `list`: each finds what the whole list's filter finds. */
  const expectAsWholeList = (list: { text: string; tags: string[]; title: string }[], queries: readonly string[]) => {
    const all = list.map((x, i) => ({ ...note(x.text, x.tags, x.title), id: `n${i}` }));
    const search = new IncrementalSearch(all);
    for (const text of queries) {
      const q = parseQuery(text);
      expect(search.search(q).map((n) => n.id)).toEqual(all.filter((n) => matchesQuery(n, q)).map((n) => n.id));
    }
  };

  test('finds the same as a search of the whole list after any queries before it (words grown at either end)', () => {
    // Some queries are followed by the same words joined by a spacing accent (a dead key typed alone), which folds to
    // a space inside one word: the same letters, another query.
    const query = fc.tuple(fc.array(word, { maxLength: 3 }), fc.boolean()).map(([w, twin]) => (twin ? [w.join(' '), w.join('´')] : [w.join(' ')]));
    fc.assert(
      fc.property(notes, fc.array(query, { maxLength: 8 }).map((q) => q.flat()), (list, queries) => {
        expectAsWholeList(list, queries);
      }),
      { numRuns: 600 },
    );
  });

  test('looks among the last key\'s results only, and not again for words every one of them holds', () => {
    const all = Array.from({ length: 30 }, (_, i) => ({ ...note(`Siege of Aleppo, day ${i}`, i % 3 ? [] : ['syria'], `Story ${i}`), id: `n${i}` }));
    const search = new IncrementalSearch(all);
    const indexOf = vi.spyOn(String.prototype, 'indexOf');
    // The looks into the notes' folded text (which joins its fields with line breaks), with what was looked for.
    const looks = () => indexOf.mock.calls.filter((_, i) => String(indexOf.mock.contexts[i]).includes('\n'));
    try {
      // Every note holds "story": the list itself comes back (the same array), each note looked at once.
      expect(search.search(parseQuery('story'))).toBe(all);
      expect(looks()).toHaveLength(30);
      indexOf.mockClear();
      // "story" is known to be in each; "1" is looked for in each of them (only).
      expect(search.search(parseQuery('story 1')).map((n) => n.id)).toEqual(['n1', 'n10', 'n11', 'n12', 'n13', 'n14', 'n15', 'n16', 'n17', 'n18', 'n19', 'n21']);
      expect(looks()).toHaveLength(30);
      expect(looks().every(([w]) => w === '1')).toBe(true);
      indexOf.mockClear();
      // A word extended ("1" → "13") is looked for among the twelve found, from where "1" first was.
      expect(search.search(parseQuery('story 13')).map((n) => n.id)).toEqual(['n13']);
      expect(looks()).toHaveLength(12);
      expect(looks().every(([w, from]) => w === '13' && typeof from === 'number' && from > 0)).toBe(true);
      indexOf.mockClear();
      // A character deleted gives back what that query found, without looking again.
      const again = search.search(parseQuery('story 1'));
      expect(again).toHaveLength(12);
      expect(looks()).toHaveLength(0);
      // A tag narrows too: only the tag is checked.
      expect(search.search(parseQuery('story 1 #syria')).map((n) => n.id)).toEqual(['n12', 'n15', 'n18', 'n21']);
      expect(looks()).toHaveLength(0);
    } finally {
      indexOf.mockRestore();
    }
    // An empty query finds the whole list, as it is.
    expect(search.search(parseQuery('  '))).toBe(all);
  });

  test('finds what a search of the whole list finds on generated notes and queries, digits and letters among other characters, long texts too', () => {
    // Notes of digits, letters (with capitals and accents that fold to them), spaces, line breaks and other scripts,
    // some of them long (a word found far into a note, after a long run without it).
    const piece = fc.constantFrom('a', 'b', 'z', 'q', '1', '3', '0', '9', 'É', 'é', 'ß', 's', ' ', '\n', '-', 'ab', '13', 'zz', 'حلب', '叙利亚', '😀', 'Q9');
    const text = fc.array(piece, { maxLength: 30 }).map((p) => p.join(''));
    const long = fc.tuple(fc.constantFrom('', 'x'.repeat(65_530), 'y '.repeat(40_000)), text).map(([pad, t]) => pad + t);
    const notes = fc.array(fc.record({ text: fc.oneof(text, long), title: text, tags: fc.array(fc.constantFrom('a1', 'zz', 'é'), { maxLength: 2 }) }), { maxLength: 10 });
    const queries = fc.array(fc.array(piece, { minLength: 1, maxLength: 4 }).map((p) => p.join('')), { minLength: 1, maxLength: 10 });
    fc.assert(
      fc.property(notes, queries, (list, typed) => {
        expectAsWholeList(list, typed);
      }),
      { numRuns: 300 },
    );
  });

  test('tells apart queries that fold to the same letters but split into words differently (a spacing accent folds to a space)', () => {
    // "O´Brien" is one word, folded to "o brien"; "o brien" is two words, each found anywhere in a note.
    expect(parseQuery('O´Brien').words).toEqual(['o brien']);
    const all = [{ ...note('brien said o'), id: 'a' }, { ...note('o brien said'), id: 'b' }];
    const search = new IncrementalSearch(all);
    expect(search.search(parseQuery('O´Brien')).map((n) => n.id)).toEqual(['b']);
    expect(search.search(parseQuery('o brien')).map((n) => n.id)).toEqual(['a', 'b']);
    // Tags alike: "#a´b" is one tag, "#a #b" two.
    const tagged = [{ ...note('x', ['a', 'b']), id: 'two' }, { ...note('y', ['a b']), id: 'one' }];
    const byTag = new IncrementalSearch(tagged);
    expect(byTag.search(parseQuery('#a´b')).map((n) => n.id)).toEqual(['one']);
    expect(byTag.search(parseQuery('#a #b')).map((n) => n.id)).toEqual(['two']);
  });
});
