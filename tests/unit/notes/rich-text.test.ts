import { describe, expect, test } from 'vitest';
import { findLinks, findWords, richText } from '@/lib/notes/rich-text';
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
