// The page model loads Readability only for a page whose markup does not settle the article: such a page has no
// article until it has loaded, then is detected again (one 'detected' event) with Readability's answer.
import { afterEach, expect, test } from 'vitest';
import { detectArticle, detectArticleWith, articleText } from '@/lib/article';
import { readabilitySteps } from '@/lib/article/readability';
import { createPageModel, type PageEvent, type PageModel } from '@/lib/page/model';

const PARAGRAPHS = Array.from(
  { length: 6 },
  (_, i) => `Paragraph ${i + 1}: rebels and government forces fought for the district through the night, residents said, as aid convoys waited at the edge of the city for a pause that never came.`,
);

// The story in an <article> whose JSON-LD describes another text: the markup is not trusted, Readability decides.
const UNSETTLED = `<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<script type="application/ld+json">${JSON.stringify({ '@context': 'https://schema.org', '@type': 'NewsArticle', articleBody: Array.from({ length: 120 }, (_, i) => `unrelated${i}`).join(' ') })}</script>
<article><h1>Fighting for the district</h1>${PARAGRAPHS.map((p) => `<p>${p}</p>`).join('')}</article>
<footer>About us · Privacy</footer>`;

const SETTLED = `<nav><a href="/">Home</a></nav><article><h1>Fighting for the district</h1>${PARAGRAPHS.map((p) => `<p>${p}</p>`).join('')}</article>`;

let page: PageModel | null = null;
afterEach(() => {
  page?.destroy();
  page = null;
});

test('a page the markup does not settle: no article until Readability loads, then the article Readability finds', async () => {
  document.body.innerHTML = UNSETTLED;
  expect(detectArticleWith(document, null)).toBeNull(); // the case under test: the fast path does not settle it
  let loads = 0;
  let release!: () => void;
  const loaded = new Promise<void>((resolve) => (release = resolve));
  page = createPageModel(document, {
    quietMs: 5,
    readability: async () => {
      loads++;
      await loaded;
      return readabilitySteps;
    },
  });
  const events: PageEvent[] = [];
  page.subscribe((e) => events.push(e));
  expect(page.detection().article.nodes).toEqual([]);
  expect(page.detection().article.method).toBe('pending');
  let ready = false;
  const whenReady = page.detectorReady().then(() => (ready = true));
  await Promise.resolve();
  expect(ready).toBe(false);
  release();
  await whenReady;
  // Ready means detected again, with the event already sent.
  expect(events.filter((e) => e.type === 'detected').length).toBe(1);
  const { article } = page.detection();
  expect(article.method).toMatch(/^readability/);
  expect(articleText(article.nodes)).toContain(PARAGRAPHS[3]);
  // The very answer the detector with Readability built in gives, and Readability was loaded once.
  expect(article.nodes).toEqual(detectArticle(document).nodes);
  page.redetect();
  expect(loads).toBe(1);
});

test('a page whose markup settles the article never loads Readability', () => {
  document.body.innerHTML = SETTLED;
  let loads = 0;
  page = createPageModel(document, { readability: async () => (loads++, readabilitySteps) });
  page.subscribe(() => {});
  expect(page.detection().article.method).not.toMatch(/readability|pending/);
  expect(articleText(page.detection().article.nodes)).toContain(PARAGRAPHS[0]);
  expect(loads).toBe(0);
});

test('Readability failing to load leaves the page its readable text, not nothing', async () => {
  document.body.innerHTML = UNSETTLED;
  page = createPageModel(document, { quietMs: 5, readability: () => Promise.reject(new Error('extension reloaded')) });
  const events: PageEvent[] = [];
  page.subscribe((e) => events.push(e));
  expect(page.detection().article.method).toBe('pending');
  await expect.poll(() => events.some((e) => e.type === 'detected')).toBe(true);
  expect(page.detection().article.method).toBe('body');
  expect(articleText(page.detection().article.nodes)).toContain(PARAGRAPHS[0]);
});
