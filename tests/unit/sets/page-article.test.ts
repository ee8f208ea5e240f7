// The popup's "Add this article" on the page (lib/sets/page-article.ts, run in the sets part once it has loaded): the
// article, its text and the address as the page model has them at that moment; no article, nothing.
import { expect, test } from 'vitest';
import { JSDOM } from 'jsdom';
import { pageArticle } from '@/lib/sets/page-article';
import { detectArticle } from '@/lib/article';
import { buildTextMap } from '@/lib/text/map';
import type { PageModel } from '@/lib/page/model';
import { articlePage, VALDORA_ARTICLES } from '../../sets-articles';

type Page = Pick<PageModel, 'detection' | 'articleText'>;

test("the page model's article, its text and the page's address, read when asked", () => {
  const dom = new JSDOM(articlePage(VALDORA_ARTICLES[0]!), { url: 'https://www.courier.example/news/floods' });
  const article = detectArticle(dom.window.document);
  const page = { detection: () => ({ article }), articleText: () => buildTextMap(article.nodes) } as unknown as Page;
  const doc = pageArticle(page, dom.window.document);
  expect(doc).toMatchObject({ title: VALDORA_ARTICLES[0]!.title, url: 'https://www.courier.example/news/floods', origin: 'page' });
  expect(doc!.text).toContain(buildTextMap(article.nodes).text.trim().split('\n').at(-1)!.trim());
});

test('no article: nothing to add', () => {
  const empty = { detection: () => ({ article: { nodes: [] } }), articleText: () => ({ text: '', segments: [] }) } as unknown as Page;
  expect(pageArticle(empty, document)).toBeNull();
});
