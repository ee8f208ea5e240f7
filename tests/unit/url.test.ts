import { describe, expect, test } from 'vitest';
import { normalizeUrl, isTrackingParam } from '@/lib/url';

describe('normalizeUrl', () => {
  test('drops the fragment', () => {
    expect(normalizeUrl('https://news.example/world/syria#comments')).toBe('https://news.example/world/syria');
    expect(normalizeUrl('https://news.example/a?x=1#:~:text=siege')).toBe('https://news.example/a?x=1');
  });

  test('removes tracking parameters but keeps those that select the article', () => {
    expect(normalizeUrl('https://news.example/a?utm_source=nl&utm_Medium=email&id=42&fbclid=abc&gclid=x&mc_cid=1&mc_eid=2&page=2'))
      .toBe('https://news.example/a?id=42&page=2');
    expect(normalizeUrl('https://news.example/a?utm_campaign=x')).toBe('https://news.example/a');
  });

  test('sorts the remaining parameters so order does not matter, keeping repeated names in order', () => {
    expect(normalizeUrl('https://n.example/?b=2&a=1&b=1')).toBe('https://n.example/?a=1&b=2&b=1');
    expect(normalizeUrl('https://n.example/?a=1&b=2')).toBe(normalizeUrl('https://n.example/?b=2&a=1'));
  });

  test('lower-cases the host, drops default ports, keeps other ports and the path case', () => {
    expect(normalizeUrl('HTTPS://News.Example:443/World/Syria')).toBe('https://news.example/World/Syria');
    expect(normalizeUrl('http://News.Example:80/a')).toBe('http://news.example/a');
    expect(normalizeUrl('http://127.0.0.1:8080/a?utm_source=t')).toBe('http://127.0.0.1:8080/a');
  });

  test('one page reached through different links has one key', () => {
    const keys = new Set([
      'https://news.example/a?id=1',
      'https://NEWS.example/a?id=1&utm_source=twitter#top',
      'https://news.example:443/a?fbclid=zz&id=1',
    ].map(normalizeUrl));
    expect(keys.size).toBe(1);
  });

  test('leaves non-web and unparsable URLs whole but without a fragment', () => {
    expect(normalizeUrl('file:///home/me/article.html#x')).toBe('file:///home/me/article.html');
    expect(normalizeUrl('not a url#frag')).toBe('not a url');
  });

  test('isTrackingParam recognises families by prefix, case-insensitively', () => {
    expect(isTrackingParam('UTM_Term')).toBe(true);
    expect(isTrackingParam('pk_kwd')).toBe(true);
    expect(isTrackingParam('id')).toBe(false);
    expect(isTrackingParam('utmost')).toBe(false);
  });
});
