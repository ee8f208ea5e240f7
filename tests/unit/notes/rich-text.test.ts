import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { foldForSearch } from '@/lib/notes/fold';
import { clipSegments, findLinks, findWords, foldPoint, FoldsKept, foldsKept, richText } from '@/lib/notes/rich-text';
import { parseQuery } from '@/lib/notes/search';

const words = (query: string) => parseQuery(query).words;
const linked = (text: string) => findLinks(text).map(([s, e, href]) => ({ text: text.slice(s, e), href }));

describe('findLinks', () => {
  test('web addresses in a note become links, without the punctuation around them', () => {
    expect(linked('See https://www.un.org/news/2013/01/syria. Also (http://example.org/a?b=1&c=2), then.')).toEqual([
      { text: 'https://www.un.org/news/2013/01/syria', href: 'https://www.un.org/news/2013/01/syria' },
      { text: 'http://example.org/a?b=1&c=2', href: 'http://example.org/a?b=1&c=2' },
    ]);
  });

  test('a closing bracket that belongs to the address stays in it', () => {
    expect(linked('(https://en.wikipedia.org/wiki/Homs_(city))')).toEqual([
      { text: 'https://en.wikipedia.org/wiki/Homs_(city)', href: 'https://en.wikipedia.org/wiki/Homs_(city)' },
    ]);
  });

  test('only http and https: javascript:, data:, file: and bare schemes stay text', () => {
    expect(linked('javascript:alert(1) data:text/html,<b>x</b> file:///etc/passwd ftp://x.example http:// https:///')).toEqual([]);
    // A "javascript:" smuggled after an http-looking prefix is not an address start.
    expect(linked('xhttps://a.example')).toEqual([]);
  });
});

describe('findWords', () => {
  test('matches ignoring case and accents, on the original characters', () => {
    const text = 'Hôpital bombardé à HOMS; l’hôpital de Homs.';
    const ranges = findWords(text, words('hopital homs'));
    expect(ranges.map(([s, e]) => text.slice(s, e))).toEqual(['Hôpital', 'HOMS', 'hôpital', 'Homs']);
  });

  test('decomposed accents and ß fold as the search folds them', () => {
    const text = 'Straße, Aleppo';
    expect(findWords(text, words('strasse')).map(([s, e]) => text.slice(s, e))).toEqual(['Straße']);
    const decomposed = 'Ale\u0301ppo';
    expect(findWords(decomposed, words('aleppo')).map(([s, e]) => decomposed.slice(s, e))).toEqual([decomposed]);
  });

  test('overlapping words merge into one mark; no words, no marks', () => {
    const text = 'casualties';
    expect(findWords(text, words('casual alties'))).toEqual([[0, 10]]);
    expect(findWords(text, [])).toEqual([]);
  });
});

describe('richText', () => {
  test('links and marks together, every character kept in order', () => {
    const text = 'UN figures: https://un.example/syria-toll — toll revised';
    const segments = richText(text, words('toll'));
    expect(segments.map((s) => s.parts.map((p) => p.text).join('')).join('')).toBe(text);
    expect(segments.map((s) => s.href ?? null)).toEqual([null, 'https://un.example/syria-toll', null]);
    const marked = segments.flatMap((s) => s.parts.filter((p) => p.mark).map((p) => [s.href ? 'link' : 'text', p.text]));
    expect(marked).toEqual([['link', 'toll'], ['text', 'toll']]);
  });

  test('plain text with no links and no search is one unmarked run (HTML stays text)', () => {
    expect(richText('<img src=x onerror=alert(1)>')).toEqual([{ parts: [{ text: '<img src=x onerror=alert(1)>', mark: false }] }]);
    expect(richText('')).toEqual([{ parts: [] }]);
  });
});

describe('foldPoint', () => {
  test('short texts are shown whole; long ones fold at a word near the limit, or after a few lines', () => {
    expect(foldPoint('short note')).toBeNull();
    // Only a few characters over the limit: shown whole rather than folded for one more line.
    expect(foldPoint('x'.repeat(300))).toBeNull();
    expect(foldPoint('x'.repeat(330))).toBe(280);
    expect(foldPoint('x'.repeat(330), 300)).toBeNull();
    const words = 'word '.repeat(100);
    const cut = foldPoint(words)!;
    expect(words[cut]).toBe(' ');
    expect(cut).toBeLessThanOrEqual(280);
    expect(foldPoint('a\nb\nc\nd\ne\nf')).toBe(7);
    expect(foldPoint('a\nb\nc\nd')).toBeNull();
  });
});

describe('clipSegments', () => {
  test('keeps the first characters, marks and links included; a cut link keeps its whole address', () => {
    const text = 'toll at https://un.example/syria-toll was revised';
    const segments = richText(text, words('toll'));
    const clipped = clipSegments(segments, 20);
    expect(clipped.map((s) => s.parts.map((p) => p.text).join('')).join('')).toBe(text.slice(0, 20));
    expect(clipped[1]).toEqual({ href: 'https://un.example/syria-toll', parts: [{ text: 'https://un.e', mark: false }] });
    expect(clipped[0]!.parts[0]).toEqual({ text: 'toll', mark: true });
    expect(clipSegments(segments, 0)).toEqual([]);
    expect(clipSegments(segments, 1000)).toEqual(segments);
  });
});

describe('folding fast paths', () => {
  // The fold as written before its ASCII shortcut, one character at a time: what findWords and foldForSearch must match.
  const slowFold = (value: string) =>
    value.normalize('NFKD').replace(/[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]/g, '').replace(/[\u00ad\u200b-\u200d\u2060\ufeff]/g, '').toLocaleLowerCase('en').replace(/ß/g, 'ss');
  function slowFindWords(text: string, words: readonly string[]): [number, number][] {
    let folded = '';
    const from: number[] = [];
    const to: number[] = [];
    let at = 0;
    for (const ch of text) {
      const f = slowFold(ch);
      for (let i = 0; i < f.length; i++) { from.push(at); to.push(at + ch.length); }
      folded += f;
      at += ch.length;
    }
    const ranges: [number, number][] = [];
    for (const w of words.filter(Boolean)) for (let i = folded.indexOf(w); i >= 0; i = folded.indexOf(w, i + 1)) ranges.push([from[i]!, to[i + w.length - 1]!]);
    ranges.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    const merged: [number, number][] = [];
    for (const r of ranges) {
      const last = merged.at(-1);
      if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
      else merged.push([r[0], r[1]]);
    }
    return merged;
  }
  // Mostly ASCII, with the characters folding cares about: accents (composed and combining), ß, soft hyphens, capitals.
  const letters = fc.constantFrom(...'aAbBsSzZ ,.-1'.split(''), 'é', 'É', 'e\u0301', 'ß', '\u00ad', 'Ä', 'ﬁ', 'İ', '\u200b');
  const text = fc.array(letters, { maxLength: 40 }).map((a) => a.join(''));

  test('foldForSearch is the full fold, for ASCII and everything else', () => {
    fc.assert(fc.property(text, (t) => { expect(foldForSearch(t)).toBe(slowFold(t)); }));
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 30 }), (t) => { expect(foldForSearch(t)).toBe(slowFold(t)); }));
  });

  test('findWords marks the same ranges as folding each character on its own', () => {
    fc.assert(fc.property(text, fc.array(text.map((w) => foldForSearch(w).trim()), { maxLength: 3 }), (t, ws) => {
      expect(findWords(t, ws)).toEqual(slowFindWords(t, ws));
    }), { numRuns: 500 });
    // Plain ASCII takes the shortcut: the same answer.
    fc.assert(fc.property(fc.string({ unit: fc.constantFrom(...'abcAB C.'.split('')), maxLength: 40 }), fc.array(fc.string({ unit: fc.constantFrom('a', 'b', 'c', ' '), minLength: 1, maxLength: 3 }), { maxLength: 3 }), (t, ws) => {
      expect(findWords(t, ws)).toEqual(slowFindWords(t, ws));
    }), { numRuns: 500 });
  });

  test('a fold that grows past its text (ß, ﬁ) keeps every position', () => {
    const t = 'ß'.repeat(60) + 'ﬁx' + 'ß'.repeat(60);
    expect(findWords(t, ['sfix', 'ssss'])).toEqual(slowFindWords(t, ['sfix', 'ssss']));
    expect(findWords(t, ['sfix'])).toEqual([[59, 62]]);
  });

  test('the folds kept never hold more characters than their budget, and give what a fresh fold gives', () => {
    // Texts of every size around the budget and the longest kept, seen again and again in any order.
    // 151 to 291 characters (under the longest kept, 300) and as many folded: three such texts fill the budget, so a
    // fourth evicts one.
    const long = fc.array(letters, { minLength: 150, maxLength: 290 }).map((a) => a.join('').slice(0, 290) + 'é');
    let runsThatEvicted = 0;
    fc.assert(fc.property(fc.array(long, { minLength: 1, maxLength: 8 }), fc.array(fc.nat(), { minLength: 1, maxLength: 60 }), (texts, picks) => {
      const kept = new FoldsKept(1_000, 300);
      const fresh = new FoldsKept(0, 0);
      const seen = new Set<string>();
      // Most recently used first: what is kept is the longest run of them whose texts and folds fit the budget.
      const recent: string[] = [];
      const cost = (t: string) => t.length + foldForSearch(t).length;
      for (const pick of picks) {
        const t = texts[pick % texts.length]!;
        seen.add(t);
        recent.splice(0, recent.length, t, ...recent.filter((r) => r !== t));
        const got = kept.places(t);
        expect(kept.places(t)).toBe(got);
        let fits = 0;
        let held = 0;
        while (fits < recent.length && held + cost(recent[fits]!) <= 1_000) held += cost(recent[fits++]!);
        expect(kept.size).toBe(fits);
        expect(kept.chars).toBe(held);
        const want = fresh.places(t);
        expect(got.folded).toBe(want.folded);
        expect(got.from).toEqual(want.from);
        expect(got.to).toEqual(want.to);
        // Positions are as long as the fold, one 32-bit number each.
        expect(got.from).toBeInstanceOf(Int32Array);
        expect(got.from.length).toBe(got.folded.length);
      }
      expect(fresh.size).toBe(0);
      expect(fresh.chars).toBe(0);
      if (seen.size > kept.size) runsThatEvicted++;
    }), { numRuns: 100, endOnFailure: true });
    // The eviction path was taken, not only the path where everything fits.
    expect(runsThatEvicted).toBeGreaterThan(10);
  }, 60_000);

  test('a text longer than the longest kept is folded again each time; one that fits is kept', () => {
    const kept = new FoldsKept(10_000, 300);
    const short = 'Alép '.repeat(20);
    expect(kept.places(short)).toBe(kept.places(short));
    expect(kept.size).toBe(1);
    expect(kept.chars).toBe(short.length + foldForSearch(short).length);
    const long = 'Alép '.repeat(61);
    expect(kept.places(long)).not.toBe(kept.places(long));
    expect(kept.size).toBe(1);
  });

  test('searching many long notes beyond ASCII keeps at most the budget of their folds', () => {
    const base = 'حلب سوريا Alép ';
    // 60 different texts of 20,000 characters (the longest kept): with their folds 2.4 million characters, over the
    // budget, and two of 30,000 (over the longest kept).
    const texts = Array.from({ length: 60 }, (_, i) => base.repeat(1_400).slice(0, 19_990) + String(i).padStart(10, '0'));
    texts.push(base.repeat(2_000) + 'a', base.repeat(2_000) + 'b');
    for (const t of texts) {
      expect(findWords(t, ['alep']).length).toBeGreaterThan(0);
      expect(foldsKept.chars).toBeLessThanOrEqual(foldsKept.budget);
    }
    expect(foldsKept.budget).toBeLessThanOrEqual(1_000_000);
    expect(foldsKept.longest).toBeLessThanOrEqual(20_000);
    // The most recent texts that fit are kept: the budget is used, not thrown away.
    expect(foldsKept.size).toBeGreaterThanOrEqual(Math.floor(foldsKept.budget / 40_000));
  }, 60_000);
});
