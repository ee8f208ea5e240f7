import { describe, expect, test } from 'vitest';
import { clipSegments, findLinks, findWords, foldPoint, richText } from '@/lib/notes/rich-text';
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
