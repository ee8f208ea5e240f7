// Galleries of briefs: the site's other stories set under (or beside) a story are not the story, in every
// layout and on every path, even when there are fifty of them and they outweigh it; lists that are the
// story's own (a roundup linking to other sites, "read more" lines between paragraphs, an index page with
// nothing but briefs) are left alone.
import { describe, expect, it } from 'vitest';
import { articleText, detectArticle, type DetectOptions } from '../../../lib/article';
import { findGalleries } from '../../../lib/article/gallery';
import { PARAGRAPHS } from './pages';
import { briefs, gallery, load, storyPage, type Container, type GalleryLayout } from './story-pages';

const LAYOUTS: GalleryLayout[] = ['cards', 'flat', 'list', 'articles'];
const PATHS: [string, DetectOptions][] = [
  ['fast path', {}],
  ['Readability', { fastPath: false }],
];

function detect(html: string, options: DetectOptions = {}) {
  const result = detectArticle(load(html), options);
  return { ...result, text: articleText(result.nodes) };
}

function expectStoryOnly(text: string, items = briefs(50)): void {
  for (const p of PARAGRAPHS) expect(text).toContain(p);
  const leaked = items.filter((b) => text.includes(b.summary) || text.includes(b.title));
  expect(leaked.map((b) => b.title)).toEqual([]);
  expect(text).not.toContain('Latest news');
}

describe.each(PATHS)('a gallery of fifty briefs after the story (%s)', (_, options) => {
  describe.each(LAYOUTS)('laid out as %s', (layout) => {
    it.each<Container>(['plain', 'article', 'itemprop'])('inside a %s story container: the story, and no brief', (container) => {
      expectStoryOnly(detect(storyPage({ container, after: gallery(briefs(50), layout) }), options).text);
    });

    it.each<Container>(['plain', 'article', 'itemprop'])('below a %s story container: the story, and no brief', (container) => {
      expectStoryOnly(detect(storyPage({ container, below: gallery(briefs(50), layout) }), options).text);
    });
  });
});

describe('the briefs outweigh the story', () => {
  it('fifty briefs in the same column as the story hold four times its text, and the story is still the one found', () => {
    const items = briefs(50);
    const briefChars = items.reduce((n, b) => n + b.summary.length, 0);
    const storyChars = PARAGRAPHS.reduce((n, p) => n + p.length, 0);
    expect(briefChars).toBeGreaterThan(4 * storyChars);
    for (const layout of LAYOUTS) expectStoryOnly(detect(storyPage({ container: 'plain', after: gallery(items, layout) })).text, items);
  });

  it('a short related box of three cards is left out too', () => {
    const items = briefs(3);
    expectStoryOnly(detect(storyPage({ container: 'plain', after: gallery(items, 'cards', 'You may also like') })).text, items);
  });
});

describe('lists that belong to the story stay', () => {
  it('keeps a roundup whose items link to other sites', () => {
    const shops = briefs(6, (i) => `https://shop${i}.example.org/item/${i}`);
    const text = detect(storyPage({ container: 'plain', after: gallery(shops, 'cards', 'Where to donate') })).text;
    for (const b of shops) expect(text).toContain(b.summary);
  });

  it('keeps paragraphs broken by "read more" headline boxes', () => {
    const related = briefs(4);
    const paragraphs = PARAGRAPHS.flatMap((p, i) => [
      `<p>${p}</p>`,
      ...(related[i] ? [`<div class="embedded"><ul><li><h3><a href="${related[i]!.href}">${related[i]!.title}</a></h3></li></ul></div>`] : []),
    ]);
    const text = detect(storyPage({ container: 'itemprop', paragraphs })).text;
    for (const p of PARAGRAPHS) expect(text).toContain(p);
  });

  it('an index page that is nothing but briefs returns its briefs', () => {
    const items = briefs(12);
    const html = `<!doctype html><html><head><title>Local news | Example News</title></head><body><main>${gallery(items, 'cards', 'Local news')}</main></body></html>`;
    const text = detect(html).text;
    expect(items.filter((b) => text.includes(b.summary)).length).toBe(items.length);
  });
});

describe('findGalleries', () => {
  it('marks each brief of a gallery and nothing of the story', () => {
    const doc = load(storyPage({ container: 'plain', after: gallery(briefs(5), 'flat') }));
    const parts = findGalleries(doc.body);
    // Five briefs of a title and a summary each; the gallery's own heading is not a brief.
    expect(parts.size).toBe(10);
    for (const p of Array.from(doc.querySelectorAll('.txt > p')).slice(0, PARAGRAPHS.length)) expect(parts.has(p)).toBe(false);
    expect(Array.from(parts).some((el) => el.tagName === 'H2')).toBe(false);
  });

  it('finds none in a list of bare headlines (a menu), which link density already handles', () => {
    const menu = `<ul>${briefs(8).map((b) => `<li><a href="${b.href}">${b.title}</a></li>`).join('')}</ul>`;
    expect(findGalleries(load(storyPage({ container: 'plain', below: menu })).body).size).toBe(0);
  });
});
