// The link to a note's passage that every export format carries.
import { describe, expect, test } from 'vitest';
import { passageLink } from '@/lib/export/passage';

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
});
