import { describe, expect, test } from 'vitest';
import {
  anchorInScopes, anchorQuote, anchorTarget, describeInScopes, describeOffsets, describeRange, CONTEXT_LENGTH,
  type AnchorTarget as NoteTarget,
} from '@/lib/anchor';
import { buildTextMap, type TextMap } from '@/lib/text';

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

  test('counts context as a reader sees it: a run of whitespace is one character, so indentation does not eat it', () => {
    const text = 'Syria death toll passes 60,000, says the UN\n\n\t\t\t\n\t\t\tThe United Nations said on Wednesday';
    const at = text.indexOf('The United');
    const t = describeOffsets(text, at, at + 'The United Nations'.length)!;
    expect(t.quote.prefix.replace(/\s+/g, ' ')).toBe('toll passes 60,000, says the UN ');
    expect(t.quote.prefix.replace(/\s+/g, ' ')).toHaveLength(CONTEXT_LENGTH);
    expect(t.quote.prefix.endsWith('\n\t\t\t')).toBe(true);
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

describe('anchorQuote: whitespace and short quotes', () => {
  test('whitespace differences cost nothing: a quote taken from textContent anchors exactly in a text map', () => {
    const text = 'Header Level 2\n\n\nLorem ipsum dolor sit amet.';
    const quote: NoteTarget = { quote: { type: 'TextQuoteSelector', exact: 'Level 2\n\n\n  Lorem ipsum', prefix: 'Header ', suffix: ' dolor' } };
    expect(anchorQuote(text, quote)).toMatchObject({ start: 7, end: text.indexOf(' dolor'), method: 'exact', score: 1 });
  });

  test('whitespace at the ends of a stored quote is context, not part of the place found', () => {
    const text = 'Mauris lacinia ipsum nulla.\n\nFusce fermentum.';
    const found = anchorQuote(text, { quote: { type: 'TextQuoteSelector', exact: '  Mauris lacinia ipsum nulla.\n\n\n', prefix: '', suffix: 'Fusce' } })!;
    expect(text.slice(found.start, found.end)).toBe('Mauris lacinia ipsum nulla.');
  });

  test('a short quote with one letter changed anchors when its context agrees all round, never on its own', () => {
    const target = describeOffsets('One Two Three', 4, 7)!;
    expect(anchorQuote('One Txo Three', target)).toMatchObject({ start: 4, end: 7, method: 'fuzzy' });
    expect(anchorQuote('Txo', target)).toBeNull();
    expect(anchorQuote('One Txo, and later on a different ending', target)).toBeNull();
  });
});

const textNodesIn = (root: Node) => {
  const out: Text[] = [];
  const w = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let n = w.nextNode(); n; n = w.nextNode()) out.push(n as Text);
  return out;
};

/** A page's scopes as the product builds them: the article (here: <article>), then the whole body. */
const pageScopes = (): TextMap[] => [buildTextMap(textNodesIn(document.querySelector('article')!)), buildTextMap(textNodesIn(document.body))];

describe('anchorInScopes: the best place in any scope, never the first scope with a hit', () => {
  const PAGE = `<header><h1>Regression testing</h1>
    <p class="dek">From the encyclopedia of software practice</p></header>
    <article><p>Regression testing is a type of software testing that verifies software still works after a change.</p>
    <p>Teams run regression testing after each release.</p></article>`;

  test('a headline the article leaves out lands on its own words in the body, not on a copy in the article', () => {
    document.body.innerHTML = PAGE;
    const h1 = document.querySelector('h1')!;
    const selection = document.createRange();
    selection.selectNodeContents(h1);
    const target = describeInScopes(selection, pageScopes())!;
    expect(target.position).toBeUndefined(); // described in the body, whose offsets are not stored
    const found = anchorInScopes(target, pageScopes())!;
    expect(found.scopeIndex).toBe(1);
    expect(found.range.startContainer).toBe(h1.firstChild);
    // The article alone would put it on the copy that opens the first paragraph.
    expect(anchorTarget(pageScopes()[0]!, target)!.range.startContainer.parentElement!.tagName).toBe('P');
  });

  test('the headline edited since still lands on itself: its context beats an exact copy whose context differs', () => {
    document.body.innerHTML = PAGE;
    const selection = document.createRange();
    selection.selectNodeContents(document.querySelector('h1')!);
    const target = describeInScopes(selection, pageScopes())!;
    document.querySelector('h1')!.textContent = 'Regression tasting';
    const found = anchorInScopes(target, pageScopes())!;
    expect(found).toMatchObject({ scopeIndex: 1, method: 'fuzzy' });
    expect(found.range.toString()).toBe('Regression tasting');
  });

  test('a quote in the article keeps its position, found in the article first and at the same place in either scope', () => {
    document.body.innerHTML = PAGE;
    const p = document.querySelectorAll('article p')[1]!.firstChild as Text;
    const selection = document.createRange();
    selection.setStart(p, p.data.indexOf('regression testing'));
    selection.setEnd(p, p.data.indexOf('regression testing') + 'regression testing'.length);
    const target = describeInScopes(selection, pageScopes())!;
    expect(target.position).toBeDefined();
    expect(anchorInScopes(target, pageScopes())).toMatchObject({ scopeIndex: 0, method: 'position', score: 1 });
    // A paragraph added above: found again by quote and context, still in the article, on the same node.
    document.querySelector('article')!.insertAdjacentHTML('afterbegin', '<p>Updated on Monday with a regression testing checklist.</p>');
    const found = anchorInScopes(target, pageScopes())!;
    expect(found.range.startContainer).toBe(p);
    expect(found.scopeIndex).toBe(0);
  });

  test('orphaned when no scope holds anything close, and with no scopes at all', () => {
    document.body.innerHTML = PAGE;
    const target = describeOffsets('Aleppo was shelled again on Tuesday, residents said.', 0, 30)!;
    expect(anchorInScopes(target, pageScopes())).toBeNull();
    expect(anchorInScopes(target, [])).toBeNull();
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
