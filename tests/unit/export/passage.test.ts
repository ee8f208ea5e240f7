// The link to a note's passage that every export format carries.
import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { passageLink, rememberedPageHref } from '@/lib/export/passage';

const at = (exact: string, prefix = '', suffix = '') => ({
  url: 'https://news.example/story#comments',
  target: { quote: { type: 'TextQuoteSelector' as const, exact, prefix, suffix } },
});

describe('passageLink', () => {
  test('a text fragment with the quote and a few words of context, the page\'s own fragment dropped', () => {
    expect(passageLink(at('the siege of Homs', 'said that', 'went on'))).toBe('https://news.example/story#:~:text=said%20that-,the%20siege%20of%20Homs,-went%20on');
  });

  test('a quote cut inside an emoji (half a surrogate pair) still gets a link, the lone half read as a replacement character', () => {
    const cut = 'Aleppo \uD83D'; // the first half of 🔥 alone
    expect(passageLink(at(cut))).toBe('https://news.example/story#:~:text=Aleppo%20%EF%BF%BD');
    expect(passageLink(at('\uDD25 Homs'))).toBe('https://news.example/story#:~:text=%EF%BF%BD%20Homs');
    // A whole pair is kept as it is.
    expect(passageLink(at('Homs \uD83D\uDD25'))).toBe('https://news.example/story#:~:text=Homs%20%F0%9F%94%A5');
  });

  test('hyphens are escaped (the syntax reserves them), and a page that is not a web page gets no link', () => {
    expect(passageLink(at('al-Assad'))).toBe('https://news.example/story#:~:text=al%2DAssad');
    expect(passageLink({ url: 'file:///home/me/notes.html', target: { quote: { type: 'TextQuoteSelector', exact: 'x', prefix: '', suffix: '' } } })).toBeUndefined();
  });

  test('property: the link is the one read from the words of the quote and its context, on any text and address', () => {
    // The words as a plain reading takes them (split on whitespace, empty pieces dropped), and the link they make.
    const words = (text: string) => text.split(/\s+/).filter((w) => w !== '');
    const part = (text: string) => encodeURIComponent(text.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD')).replaceAll('-', '%2D');
    const expected = (url: string, exact: string, prefix: string, suffix: string) => {
      const page = /^https?:/i.test(url) ? url.replace(/#.*$/s, '') : undefined;
      if (page === undefined) return undefined;
      const quote = words(exact);
      if (quote.length === 0) return url;
      const before = words(prefix).slice(-3).join(' ');
      const after = words(suffix).slice(0, 3).join(' ');
      const middle = quote.length > 12 ? [part(quote.slice(0, 5).join(' ')), part(quote.slice(-5).join(' '))] : [part(quote.join(' '))];
      return `${page}#:~:text=${[...(before ? [`${part(before)}-`] : []), ...middle, ...(after ? [`-${part(after)}`] : [])].join(',')}`;
    };
    const text = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 120 }),
      fc.array(fc.constantFrom('Homs', 'al-Assad', ' ', '  ', '\n', '\t', '\u00a0', '\u2028', '\u3000', '\ufeff', '\uD83D', '\uDD25', '😀', 'ش'), { maxLength: 40 }).map((a) => a.join('')),
    );
    // Addresses alike but for their end, so a remembered answer given for the wrong address shows.
    const alike = fc.constantFrom(
      'https://news.example/a', 'https://news.example/b', 'https://news.example/a#x', 'https://news.example/a?p=1',
      'http://news.example/a', 'https://news.example.org/a', 'file:///news.example/a',
    );
    const url = fc.oneof(fc.webUrl({ withFragments: true, withQueryParameters: true }), alike, fc.constantFrom('file:///home/me/a.html', 'javascript:alert(1)', 'not a url'));
    // One export's remembered addresses across every run, as a writer uses them for all its notes.
    const pageHref = rememberedPageHref();
    fc.assert(fc.property(url, text, text, text, (href, exact, prefix, suffix) => {
      const note = { url: href, target: { quote: { type: 'TextQuoteSelector' as const, exact, prefix, suffix } } };
      expect(passageLink(note)).toBe(expected(href, exact, prefix, suffix));
      expect(passageLink(note, pageHref)).toBe(expected(href, exact, prefix, suffix));
      // Asked again (the address now remembered), the same answer.
      expect(passageLink(note, pageHref)).toBe(expected(href, exact, prefix, suffix));
    }), { numRuns: 1000 });
  }, 120_000);
});
