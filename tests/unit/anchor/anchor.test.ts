import { describe, expect, test } from 'vitest';
import { anchorQuote, anchorTarget, describeOffsets, describeRange, CONTEXT_LENGTH } from '@/lib/anchor';
import { buildTextMap } from '@/lib/text';
import type { NoteTarget } from '@/lib/notes/types';

const ARTICLE =
  'The United Nations said on Friday that more than 60,000 people had been killed in Syria since the uprising began in March 2011. '
  + 'The figure, compiled from seven sources, was far higher than earlier estimates. '
  + 'In Aleppo, the army shelled the eastern districts again. The army said it was targeting rebels. '
  + 'Residents said the army had cut the water supply to the old city for a third week.';

const quoteOf = (text: string, exact: string, nth = 0): NoteTarget => {
  let at = -1;
  for (let i = 0; i <= nth; i++) at = text.indexOf(exact, at + 1);
  if (at < 0) throw new Error(`no ${exact}`);
  return describeOffsets(text, at, at + exact.length)!;
};

describe('describeOffsets', () => {
  test('keeps the exact text, 32 characters of context each side and the position', () => {
    const t = quoteOf(ARTICLE, '60,000 people');
    expect(t.quote.exact).toBe('60,000 people');
    expect(t.quote.prefix).toHaveLength(CONTEXT_LENGTH);
    expect(ARTICLE.slice(0, t.position!.start).endsWith(t.quote.prefix)).toBe(true);
    expect(t.quote.suffix).toBe(ARTICLE.slice(t.position!.end, t.position!.end + 32));
  });

  test('cuts the context at the ends of the text and refuses empty or out-of-range spans', () => {
    expect(describeOffsets('abc def', 0, 3)?.quote).toEqual({ type: 'TextQuoteSelector', exact: 'abc', prefix: '', suffix: ' def' });
    expect(describeOffsets('abc', 2, 2)).toBeNull();
    expect(describeOffsets('abc', 1, 9)).toBeNull();
  });
});

describe('anchorQuote', () => {
  test('exact: the unchanged text anchors at the stored position', () => {
    const t = quoteOf(ARTICLE, 'eastern districts');
    expect(anchorQuote(ARTICLE, t)).toMatchObject({ start: t.position!.start, end: t.position!.end, method: 'position', score: 1 });
  });

  test('moved: a paragraph added above shifts the quote; context finds the same occurrence among repeats', () => {
    // "the army" occurs three times; we note the second one.
    const t = quoteOf(ARTICLE, 'The army', 0);
    const second = quoteOf(ARTICLE, 'the army', 1);
    const edited = 'Editor\'s note: this article was updated with new figures on Saturday. ' + ARTICLE;
    const shift = edited.length - ARTICLE.length;
    const found = anchorQuote(edited, second)!;
    expect(found.method).toBe('exact');
    expect(found.start).toBe(second.position!.start + shift);
    expect(edited.slice(found.start - 20, found.start)).toBe(ARTICLE.slice(second.position!.start - 20, second.position!.start));
    expect(anchorQuote(edited, t)!.start).toBe(t.position!.start + shift);
  });

  test('repeated quote without a position still picks the occurrence whose context agrees', () => {
    // "the army shelled" and "the army had cut": with the quote alone, only the context can tell them apart.
    const last = quoteOf(ARTICLE, 'the army', 1);
    const quoteOnly: NoteTarget = { quote: last.quote };
    expect(anchorQuote(ARTICLE, quoteOnly)!.start).toBe(last.position!.start);
    expect(anchorQuote(ARTICLE, { quote: quoteOf(ARTICLE, 'the army', 0).quote })!.start).toBe(ARTICLE.indexOf('the army'));
  });

  test('position: a stale position is not trusted when the text there changed', () => {
    const t = quoteOf(ARTICLE, 'Aleppo');
    const edited = ARTICLE.replace('In Aleppo', 'In the northern city of Aleppo');
    const found = anchorQuote(edited, t)!;
    expect(edited.slice(found.start, found.end)).toBe('Aleppo');
  });

  test('edited: a corrected figure inside the quote still anchors, fuzzily, on the new wording', () => {
    const t = quoteOf(ARTICLE, 'more than 60,000 people had been killed in Syria');
    const edited = ARTICLE.replace('60,000', '70,000').replace('had been killed', 'have been killed');
    const found = anchorQuote(edited, t)!;
    expect(found.method).toBe('fuzzy');
    expect(edited.slice(found.start, found.end)).toMatch(/^more than 70,000 people have been killed in Syria/);
    expect(found.score).toBeGreaterThan(0.8);
  });

  test('gone: a removed sentence is orphaned rather than anchored somewhere wrong', () => {
    const t = quoteOf(ARTICLE, 'compiled from seven sources');
    const edited = ARTICLE.replace('The figure, compiled from seven sources, was far higher than earlier estimates. ', '');
    expect(anchorQuote(edited, t)).toBeNull();
    // Short quotes are never matched fuzzily: "Homs" must not land on "Home", nor "Aleppo" on "Aleppe".
    expect(anchorQuote('Back home in Home Counties', { quote: { type: 'TextQuoteSelector', exact: 'Homs', prefix: '', suffix: '' } })).toBeNull();
    expect(anchorQuote('In Aleppe, the army', quoteOf(ARTICLE, 'Aleppo'))).toBeNull();
  });

  test('an empty quote anchors nowhere', () => {
    expect(anchorQuote(ARTICLE, { quote: { type: 'TextQuoteSelector', exact: '', prefix: '', suffix: '' } })).toBeNull();
  });
});

describe('DOM ranges', () => {
  const textNodes = (root: Node) => {
    const out: Text[] = [];
    const w = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let n = w.nextNode(); n; n = w.nextNode()) out.push(n as Text);
    return out;
  };

  test('a triple-click selection (element boundaries) and one running outside the article are described', () => {
    document.body.innerHTML = '<nav>Menu</nav><article><p>First  paragraph. </p><p>Second one.</p></article><aside>Related</aside>';
    const map = buildTextMap(textNodes(document.querySelector('article')!));
    const p = document.querySelector('p')!;
    const triple = document.createRange();
    triple.setStart(p, 0);
    triple.setEnd(p.nextSibling!, 0);
    expect(describeRange(map, triple)?.quote.exact).toBe('First  paragraph.');

    const wide = document.createRange();
    wide.setStart(document.querySelector('nav')!.firstChild!, 1);
    wide.setEnd(document.querySelector('aside')!.firstChild!, 3);
    const t = describeRange(map, wide)!;
    expect(t.quote.exact.startsWith('First')).toBe(true);
    expect(t.quote.exact.endsWith('Second one.')).toBe(true);

    const outside = document.createRange();
    outside.selectNodeContents(document.querySelector('nav')!);
    expect(describeRange(map, outside)).toBeNull();
  });

  test('describeRange → anchorTarget round-trips across text nodes, after the DOM changed', () => {
    document.body.innerHTML = '<article><p>The <b>United Nations</b> said on Friday that more than 60,000 people had been killed.</p></article>';
    const nodes = () => {
      const out: Text[] = [];
      const w = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      for (let n = w.nextNode(); n; n = w.nextNode()) out.push(n as Text);
      return out;
    };
    const b = document.querySelector('b')!;
    const range = document.createRange();
    range.setStart(b.firstChild!, 7); // "Nations"
    range.setEnd(b.nextSibling!, 8); // " said on"
    const target = describeRange(buildTextMap(nodes()), range)!;
    expect(target.quote.exact).toBe('Nations said on');

    document.querySelector('p')!.insertAdjacentHTML('beforebegin', '<p>Updated: </p>');
    const anchored = anchorTarget(buildTextMap(nodes()), target)!;
    expect(anchored.range.toString()).toBe('Nations said on');
    expect(anchored.range.startContainer).toBe(document.querySelector('b')!.firstChild);
  });
});
