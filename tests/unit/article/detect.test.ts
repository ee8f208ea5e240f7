import { describe, expect, it } from 'vitest';
import { detectArticle, articleText, type DetectOptions } from '../../../lib/article';
import { CLUTTER, HEADLINE, newsPage, PARAGRAPHS, parse, type Markup } from './pages';

const norm = (s: string) => s.replace(/\s+/g, ' ').trim();

function allTextNodes(doc: Document): Text[] {
  const out: Text[] = [];
  const walker = doc.createTreeWalker(doc.documentElement, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) out.push(n as Text);
  return out;
}

// Each markup through the fast path (the method it should take) and through Readability alone, so both
// paths and the clone-to-live mapping are held to the same expectations.
describe.each<[Markup, RegExp, DetectOptions]>([
  ['article', /^article-element/, {}],
  ['itemprop', /^itemprop/, {}],
  ['json-ld', /^article-element\+json-ld/, {}],
  ['plain', /^paragraph-cluster/, {}],
  ['article', /^readability/, { fastPath: false }],
  ['itemprop', /^readability/, { fastPath: false }],
  ['plain', /^readability/, { fastPath: false }],
])('detectArticle on a news page with %s markup, expecting %s', (markup, method, options) => {
  it('returns the headline and every body paragraph, and nothing of the page around them', () => {
    const doc = parse(newsPage(markup));
    const result = detectArticle(doc, options);
    expect(result.method).toMatch(method);
    const lines = articleText(result.nodes).split('\n').map(norm).filter(Boolean);
    expect(lines).toEqual([HEADLINE, ...PARAGRAPHS]);
    const text = articleText(result.nodes);
    for (const [kind, clutter] of Object.entries(CLUTTER)) {
      expect(text, kind).not.toContain(clutter.split(' ').slice(0, 4).join(' '));
    }
  });

  it('returns live text nodes of the document, in document order, and leaves the page unchanged', () => {
    const doc = parse(newsPage(markup));
    const before = doc.documentElement.outerHTML;
    const result = detectArticle(doc, options);
    expect(doc.documentElement.outerHTML).toBe(before);
    const live = new Set(allTextNodes(doc));
    expect(result.nodes.length).toBeGreaterThan(PARAGRAPHS.length);
    for (const node of result.nodes) expect(live.has(node)).toBe(true);
    for (let i = 1; i < result.nodes.length; i++) {
      const order = result.nodes[i - 1]!.compareDocumentPosition(result.nodes[i]!);
      expect(order & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    }
  });

  it('reports the headline nodes separately, as a subset of the nodes', () => {
    const doc = parse(newsPage(markup));
    const result = detectArticle(doc, options);
    expect(norm(result.headline.map((n) => n.data).join(''))).toBe(HEADLINE);
    const all = new Set(result.nodes);
    for (const node of result.headline) expect(all.has(node)).toBe(true);
  });
});

describe('detectArticle never returns text the reader does not read as the story', () => {
  it('skips script, style, noscript, code, pre, form controls and editable regions inside the article', () => {
    const body = PARAGRAPHS.map((p) => `<p>${p}</p>`).join('');
    const doc = parse(`<html><body><article><h1>${HEADLINE}</h1>${body}
      <script>var secret = "SCRIPTWORD";</script><style>.a{content:"STYLEWORD"}</style>
      <noscript>NOSCRIPTWORD enable scripts</noscript>
      <p>Some code: <code>CODEWORD()</code> inline.</p><pre>PREWORD block</pre>
      <textarea>TEXTAREAWORD</textarea><select><option>OPTIONWORD</option></select>
      <div contenteditable="true"><p>EDITABLEWORD typed by the user in a long sentence that looks like prose.</p></div>
    </article></body></html>`);
    const text = articleText(detectArticle(doc).nodes);
    for (const word of ['SCRIPTWORD', 'STYLEWORD', 'NOSCRIPTWORD', 'CODEWORD', 'PREWORD', 'TEXTAREAWORD', 'OPTIONWORD', 'EDITABLEWORD']) {
      expect(text).not.toContain(word);
    }
    expect(text).toContain(PARAGRAPHS[4]);
  });

  it('returns the standfirst under the headline, reported apart from the body', () => {
    const standfirst = 'Forty trucks crossed two front lines after three weeks of talks in Damascus and Geneva.';
    for (const options of [{}, { fastPath: false }]) {
      const html = newsPage('article').replace('</h1>', `</h1><p class="article-standfirst">${standfirst}</p>`);
      const result = detectArticle(parse(html), options);
      expect(norm(result.standfirst.map((n) => n.data).join(''))).toBe(standfirst);
      const lines = articleText(result.nodes).split('\n').map(norm).filter(Boolean);
      expect(lines.slice(0, 3)).toEqual([HEADLINE, standfirst, PARAGRAPHS[0]]);
    }
  });

  it('keeps subheads, lists and quotes that belong to the story', () => {
    const [p0, p1, p2, p3] = PARAGRAPHS;
    const doc = parse(`<html><body><div class="content"><h1>${HEADLINE}</h1>
      <p>${p0}</p><h2>Talks in Damascus</h2><p>${p1}</p>
      <p>UP NEXT</p><ul><li>Flour and rice</li><li>Insulin</li></ul>
      <blockquote>We waited all night for them</blockquote><p>${p2}</p><p>${p3}</p></div></body></html>`);
    const lines = articleText(detectArticle(doc).nodes).split('\n').map(norm).filter(Boolean);
    for (const line of ['Talks in Damascus', 'UP NEXT', 'Flour and rice', 'Insulin', 'We waited all night for them']) {
      expect(lines).toContain(line);
    }
  });

  it('uses JSON-LD articleBody only to confirm a container: a disagreeing one falls back to Readability', () => {
    // JSON-LD that describes another text: the <article> is not confirmed, yet the story is still found.
    const html = newsPage('article').replace(
      '</head>',
      `<script type="application/ld+json">${JSON.stringify({
        '@context': 'https://schema.org',
        '@type': 'NewsArticle',
        articleBody: Array.from({ length: 120 }, (_, i) => `unrelated${i}`).join(' '),
      })}</script></head>`,
    );
    const result = detectArticle(parse(html));
    expect(result.method).toMatch(/^readability/);
    expect(articleText(result.nodes)).toContain(PARAGRAPHS[2]);
  });

  it('ignores malformed JSON-LD', () => {
    const html = newsPage('article').replace('</head>', '<script type="application/ld+json">{"@type": "NewsArticle", </script></head>');
    const result = detectArticle(parse(html));
    expect(articleText(result.nodes)).toContain(PARAGRAPHS[0]);
  });
});

describe('detectArticle on hostile input', () => {
  it('returns no nodes for an empty body', () => {
    const result = detectArticle(parse('<html><head></head><body></body></html>'));
    expect(result.nodes).toEqual([]);
  });

  it('returns no nodes for a document without a body element', () => {
    const doc = document.implementation.createDocument('http://www.w3.org/1999/xhtml', 'html', null);
    expect(detectArticle(doc).nodes).toEqual([]);
  });

  it('falls back to the page text when there is no article at all (no paragraphs)', () => {
    const doc = parse('<html><body><div>Weather</div><div>Aleppo 21°C</div><span>Damascus 24°C</span></body></html>');
    // Whichever path answers, the reader still gets the page's text rather than nothing.
    const text = articleText(detectArticle(doc).nodes);
    expect(text).toContain('Aleppo 21°C');
    expect(text).toContain('Damascus 24°C');
  });

  it('finds the story in plain markup even when Readability would have to run (no fast path)', () => {
    const doc = parse(newsPage('plain'));
    const text = articleText(detectArticle(doc, { fastPath: false }).nodes);
    expect(text).toContain(PARAGRAPHS[3]);
    expect(text).not.toContain(CLUTTER.sidebar);
  });

  it('handles a page of 50,000 words in one article and returns all of it', () => {
    const paragraphs = Array.from({ length: 1000 }, (_, i) => `${PARAGRAPHS[i % PARAGRAPHS.length]} Paragraph number ${i}.`);
    const doc = parse(newsPage('article', paragraphs));
    const result = detectArticle(doc);
    const text = articleText(result.nodes);
    expect(text).toContain('Paragraph number 0.');
    expect(text).toContain('Paragraph number 999.');
    expect(text).not.toContain(CLUTTER.comments);
  });
});
