import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createMatcher } from '../../../lib/match';
import { KeyTrie } from '../../../lib/match/trie';
import { foldForMatching, isWordCode, normalizeText } from '../../../lib/text/normalize';
import { dataset, entity, seen } from './helpers';

const noFigures = { readFigures: () => [] };

const reference = dataset([
  entity('person:bashar-al-assad', 'person', 'Bashar al-Assad', 'Assad', 'President Assad', 'Mr Assad'),
  entity('organization:un', 'organization', 'United Nations', 'UN', 'U.N.'),
  entity('organization:eu', 'organization', 'European Union', 'EU'),
  entity('organization:fsa', 'organization', 'Free Syrian Army', 'FSA'),
  entity('organization:sohr', 'organization', 'Syrian Observatory for Human Rights'),
  entity('organization:hrw', 'organization', 'Human Rights Watch'),
  entity('place:aleppo', 'place', 'Aleppo'),
  entity('place:syria', 'place', 'Syria'),
  entity('place:nice', 'place', 'Nice'),
  entity('person:ban-ki-moon', 'person', 'Ban Ki-moon'),
]);
const matcher = createMatcher(reference, noFigures);
const find = (text: string) => seen(matcher.match(text));

describe('matching entity aliases', () => {
  it('finds every mention, with offsets into the original text', () => {
    const text = 'Aleppo burns. In Aleppo, again; ALEPPO.';
    const matches = matcher.match(text);
    expect(matches.map((m) => [m.start, m.end])).toEqual([
      [0, 6],
      [17, 23],
      [32, 38],
    ]);
    for (const m of matches) {
      expect(text.slice(m.start, m.end)).toBe(m.text);
      expect(m.category).toBe('place');
    }
  });

  it('ignores case, diacritics, dashes and space variants in names', () => {
    for (const form of ['Bashar al-Assad', 'BASHAR AL-ASSAD', 'Bashar al Assad', 'Bashar al\u2011Assad', 'Bashar\u00a0al\u2013Assad', 'Bashar al-Ássad', 'Bashar  al -\nAssad']) {
      expect(find(`Said ${form} today`), form).toEqual([[form, 'person:bashar-al-assad']]);
    }
  });

  it('matches whole words only', () => {
    expect(find('Assadullah and the UNESCO report; Aleppos; unAleppo')).toEqual([]);
    expect(find('pro-Assad militias')).toEqual([['Assad', 'person:bashar-al-assad']]);
  });

  it('matches acronyms only in their own case, with or without dots', () => {
    expect(find('The UN said, the U.N. says')).toEqual([
      ['UN', 'organization:un'],
      ['U.N.', 'organization:un'],
    ]);
    expect(find('un homme, une femme, eu, Un, Eu, fsa')).toEqual([]);
    expect(find('The EU and the E.U. and the FSA and the F.S.A.')).toEqual([
      ['EU', 'organization:eu'],
      ['E.U.', 'organization:eu'],
      ['FSA', 'organization:fsa'],
      ['F.S.A.', 'organization:fsa'],
    ]);
  });

  it('needs a capital for a one-word capitalised name, so common words are not names', () => {
    expect(find('a nice day in Nice, NICE')).toEqual([
      ['Nice', 'place:nice'],
      ['NICE', 'place:nice'],
    ]);
    expect(find('syria')).toEqual([]);
    // Multi-word names are distinctive enough in any case.
    expect(find('free syrian army')).toEqual([['free syrian army', 'organization:fsa']]);
  });

  it('covers just the name in possessives', () => {
    expect(find('Assad’s troops, Assad\'s men, Assadʼs regime, the UN’s envoy')).toEqual([
      ['Assad', 'person:bashar-al-assad'],
      ['Assad', 'person:bashar-al-assad'],
      ['Assad', 'person:bashar-al-assad'],
      ['UN', 'organization:un'],
    ]);
  });

  it('prefers the longest match and drops the shorter overlapping ones', () => {
    expect(find('the Syrian Observatory for Human Rights and Human Rights Watch')).toEqual([
      ['Syrian Observatory for Human Rights', 'organization:sohr'],
      ['Human Rights Watch', 'organization:hrw'],
    ]);
    expect(find('President Bashar al-Assad and President Assad and Mr Assad')).toEqual([
      ['Bashar al-Assad', 'person:bashar-al-assad'],
      ['President Assad', 'person:bashar-al-assad'],
      ['Mr Assad', 'person:bashar-al-assad'],
    ]);
  });

  it('lets a longer match win even when a shorter one starts first', () => {
    const m = createMatcher(dataset([entity('a', 'place', 'New York'), entity('b', 'organization', 'York Times Company')]), noFigures);
    expect(seen(m.match('the New York Times Company'))).toEqual([['York Times Company', 'b']]);
    // And "New York" alone in "New York Times" is part of a longer name.
    expect(seen(m.match('New York Times'))).toEqual([]);
    expect(seen(m.match('New York, Times Square'))).toEqual([['New York', 'a']]);
  });

  it('never matches across a paragraph break, but does across a single line break', () => {
    expect(find('Bashar\n\nal-Assad')).toEqual([['Assad', 'person:bashar-al-assad']]);
    expect(find('Bashar\u2029al-Assad')).toEqual([['Assad', 'person:bashar-al-assad']]);
    expect(find('Bashar\nal-Assad')).toEqual([['Bashar\nal-Assad', 'person:bashar-al-assad']]);
  });

  it('includes combining marks and handles text around astral characters', () => {
    const text = '😀Ale\u0301ppo😀 and Ban Ki\u2011moon and Aleppo\u0301\u0308.';
    expect(find(text)).toEqual([
      ['Ale\u0301ppo', 'place:aleppo'],
      ['Ban Ki\u2011moon', 'person:ban-ki-moon'],
      ['Aleppo\u0301\u0308', 'place:aleppo'],
    ]);
    expect(find('Ban Ki\u2011moon')).toEqual([
      ['Ban Ki\u2011moon', 'person:ban-ki-moon'],
    ]);
  });

  it('returns sorted, non-overlapping matches with categories from the entity type', () => {
    const matches = matcher.match('Mr Assad, the FSA and Aleppo; the UN in Syria. '.repeat(50));
    for (let i = 1; i < matches.length; i++) expect(matches[i]!.start).toBeGreaterThanOrEqual(matches[i - 1]!.end);
    expect(new Set(matches.map((m) => m.category))).toEqual(new Set(['person', 'organization', 'place']));
    expect(matches).toHaveLength(250);
  });

  it('gives an alias shared by two entities to the one the sources mention most', () => {
    const hafez = { ...entity('person:hafez', 'person', 'Hafez al-Assad', 'Assad'), mentions: [{ doc: 'd', start: 0, end: 1 }] };
    const bashar = { ...entity('person:bashar', 'person', 'Bashar al-Assad', 'Assad'), mentions: [1, 2, 3].map((i) => ({ doc: 'd', start: i, end: i + 1 })) };
    for (const order of [
      [hafez, bashar],
      [bashar, hafez],
    ]) {
      expect(seen(createMatcher(dataset(order), noFigures).match('Assad'))).toEqual([['Assad', 'person:bashar']]);
    }
  });

  it('uses a contextual alias only after the full name has appeared in the same text', () => {
    const sohr = { ...entity('organization:sohr', 'organization', 'Syrian Observatory for Human Rights', 'SOHR'), contextualAliases: ['Observatory'] };
    const m = createMatcher(dataset([sohr, entity('place:lick', 'place', 'Lick Observatory')]), noFigures);
    expect(seen(m.match('The Observatory said. The Syrian Observatory for Human Rights said. The Observatory added.'))).toEqual([
      ['Syrian Observatory for Human Rights', 'organization:sohr'],
      ['Observatory', 'organization:sohr'],
    ]);
    // A full alias of another entity keeps its own words.
    expect(seen(m.match('SOHR cited the Lick Observatory.'))).toEqual([
      ['SOHR', 'organization:sohr'],
      ['Lick Observatory', 'place:lick'],
    ]);
  });

  it('handles empty text, an empty dataset and aliases that are only punctuation', () => {
    expect(matcher.match('')).toEqual([]);
    expect(createMatcher(dataset([])).match('Aleppo')).toEqual([]);
    expect(seen(createMatcher(dataset([entity('x', 'place', '...', '-', 'Homs')]), noFigures).match('... - Homs'))).toEqual([['Homs', 'x']]);
  });

  it('builds once per dataset: the same dataset object gives the same matcher', () => {
    const ds = dataset([entity('place:homs', 'place', 'Homs')]);
    expect(createMatcher(ds)).toBe(createMatcher(ds));
    expect(createMatcher(dataset([entity('place:homs', 'place', 'Homs')]))).not.toBe(createMatcher(ds));
  });
});

describe('the on-the-fly scan agrees with matching on the folded text', () => {
  // Reference semantics, written the slow obvious way: fold the whole text, find every key at word boundaries.
  function reference(keys: string[], text: string): string[] {
    const n = normalizeText(text);
    const isWord = (i: number) => i >= 0 && i < n.text.length && isWordCode(n.text.charCodeAt(i));
    const out: string[] = [];
    for (let start = 0; start < n.text.length; start++) {
      if (isWord(start - 1) || !isWord(start)) continue;
      let best: [number, number] | undefined;
      keys.forEach((key, k) => {
        if (!n.text.startsWith(key, start)) return;
        const end = start + key.length;
        if (isWordCode(key.charCodeAt(key.length - 1)) && isWord(end)) return;
        if (!best || key.length > keys[best[0]]!.length) best = [k, end];
      });
      if (best) out.push(`${best[0]}@${n.toOriginal(start)}-${n.toOriginalEnd(best[1])}`);
    }
    return out;
  }

  const keys = ['al assad', 'assad', 'u.n.', 'un', 'e', 'ki moon', 'fi', "o'brien", 'strasse'].map((k) => foldForMatching(k));
  const trie = new KeyTrie(keys);
  const pieces = ['e\u0301', 'al', 'Al', '-', '\u2011', ' ', '\u00a0', '\n', '\n\n', 'Assad', 'ASSAD', 'Ássad', 'A\u0301ssad', '’s', 'U.N.', 'UN', 'un', 'e', 'é', 'ﬁ', 'Straße', 'O’Brien', 'Ki', 'moon', '\u00ad', '😀', 'x', '.', ','];

  it('finds the same keys at the same original offsets', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 30 }), (parts) => {
        const text = parts.join('');
        const got: string[] = [];
        trie.scanOriginal(text, (key, start, end) => {
          got.push(`${key}@${start}-${end}`);
          return true;
        });
        expect(got).toEqual(reference(keys, text));
      }),
      { numRuns: 500 },
    );
  });

  // The scan skips a word start on its first three letters when no key can begin so (KeyTrie.pairs): keys and texts
  // drawn from a few letters (a key never ends in a space: aliases are trimmed), so that keys share their first two letters and texts hold words that begin like them.
  it('finds the same keys at the same offsets with any keys, also offering every key found at a start', () => {
    const keyText = fc.stringMatching(/^[abn](?:[abn.' 1]{0,4}[abn.'1])?$/).map((k) => foldForMatching(k)).filter((k) => k.length > 0 && isWordCode(k.charCodeAt(0)));
    const textPieces = ['a', 'b', 'n', 'A', 'B', 'N', 'ab', 'Ban', 'nab', '1', '.', "'", ' ', '  ', '\n', 'é', 'É', 'b\u0301', '\u00ad', 'ﬁ', '-'];
    fc.assert(
      fc.property(fc.uniqueArray(keyText, { minLength: 1, maxLength: 8 }), fc.array(fc.constantFrom(...textPieces), { maxLength: 40 }), (keyList, parts) => {
        const text = parts.join('');
        const trie = new KeyTrie(keyList);
        const longest: string[] = [];
        trie.scanOriginal(text, (key, start, end) => {
          longest.push(`${key}@${start}-${end}`);
          return true;
        });
        expect(longest).toEqual(reference(keyList, text));
        // Refusing every key: each start offers its keys longest first, so the longest is still the first offered.
        const firsts = new Map<number, string>();
        trie.scanOriginal(text, (key, start, end) => {
          if (!firsts.has(start)) firsts.set(start, `${key}@${start}-${end}`);
          return false;
        });
        expect([...firsts.values()]).toEqual(longest);
      }),
      { numRuns: 1500 },
    );
    // Keys whose first two units end in no word character match before any letter; a two-letter key never does.
    const keyList = ['a.', "b'", 'un', 'nab'].map((k) => foldForMatching(k));
    const trie = new KeyTrie(keyList);
    for (const text of ['a.b', "b'n", 'B\'Nab', 'until un. unb', 'nabb nab nabs']) {
      const got: string[] = [];
      trie.scanOriginal(text, (key, start, end) => {
        got.push(`${key}@${start}-${end}`);
        return true;
      });
      expect(got, text).toEqual(reference(keyList, text));
    }
  });
});
