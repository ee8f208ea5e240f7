import { describe, expect, test } from 'vitest';
import { JSDOM } from 'jsdom';
import { articleDocument, documentKind, markdownToText, pastedDocument, textDocument } from '@/lib/sets/documents';
import { htmlDocument } from '@/lib/sets/html-document';
import { detectArticle } from '@/lib/article';
import { buildTextMap } from '@/lib/text';
import { VALDORA_ARTICLES, articlePage } from '../../sets-articles';

const parse = (html: string) => new JSDOM(html).window.document;

describe('documents for a reference set', () => {
  test('an HTML page: the article Backstory detects, headline first, with the page’s title, site and date', () => {
    const a = VALDORA_ARTICLES[1]!;
    const doc = htmlDocument(articlePage(a), 'authority.html', parse);
    expect(doc).toMatchObject({ title: a.title, publisher: a.publisher, date: a.date, origin: 'file' });
    expect(doc.text.startsWith(`${a.title}\n`)).toBe(true);
    expect(doc.text).toContain('Judge Ines Kowalczyk');
    expect(doc.text).not.toContain('Most read');
    expect(doc.text).not.toContain('All rights reserved');
  });

  test('a page in a tab: the page model’s text, the canonical address, the site when it names none', () => {
    const html = articlePage(VALDORA_ARTICLES[0]!).replace('<meta property="og:site_name" content="Northern Courier">', '<link rel="canonical" href="/news/floods?ref=x">');
    const dom = new JSDOM(html, { url: 'https://www.courier.example/news/floods?utm_source=feed' });
    const article = detectArticle(dom.window.document);
    const doc = articleDocument(dom.window.document, article, buildTextMap(article.nodes).text, dom.window.location.href, 'page');
    expect(doc).toMatchObject({ title: VALDORA_ARTICLES[0]!.title, publisher: 'courier.example', url: 'https://www.courier.example/news/floods?ref=x', date: '2024-10-14', origin: 'page' });
  });

  test('Markdown: front matter read, markup taken out, the prose kept', () => {
    const md = '---\ntitle: "Rates rise"\ndate: 2024-05-02T10:00:00Z\nsource: Example News\n---\n\n# Rates rise\n\nThe **Riverside Water Authority** raised rates, [said](https://x.example) the _council_.\n\n- one\n- two\n\n![a chart](chart.png)\n';
    const doc = textDocument(md, 'rates.md', true);
    expect(doc).toMatchObject({ title: 'Rates rise', date: '2024-05-02', publisher: 'Example News' });
    expect(doc.text).toBe('Rates rise\n\nThe Riverside Water Authority raised rates, said the council.\n\none\ntwo');
    expect(markdownToText('Snake_case_name and 2*3*4 stay')).toBe('Snake_case_name and 2*3*4 stay');
    expect(markdownToText('Before\n\n```text\nQuoted statement\n```\n\nAfter')).toBe('Before\n\nQuoted statement\n\nAfter');
  });

  test('plain text and pasted text: the first line is the title unless one is given; line endings made one', () => {
    expect(textDocument('\ufeffHeadline here\r\n\r\nBody.', 'x.txt', false)).toMatchObject({ title: 'Headline here', text: 'Headline here\n\nBody.' });
    expect(pastedDocument('Body only.', { title: 'Given title', date: '', url: 'https://a.example/' })).toEqual({ title: 'Given title', text: 'Given title\n\nBody only.', url: 'https://a.example/', origin: 'paste' });
    expect([documentKind('a.TXT'), documentKind('b.markdown'), documentKind('c.htm'), documentKind('d.pdf'), documentKind('e', 'text/html')]).toEqual(['text', 'markdown', 'html', undefined, 'html']);
  });
});
