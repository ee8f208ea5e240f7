// What a page can make Backstory ask its background, in Chromium with the built extension. Notes are read for
// the page the tab shows by the browser's committed address (a single-page site's pushState included), forged
// navigation events cost nothing, a burst of real address changes costs a few requests, and navigating within
// a single-page site leaves no listener behind.
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { launchWithExtension, servePages, type ExtensionBrowser, type PageServer } from '../harness';
import { clearNotes } from '../notes-state';
import { countBackgroundMessages, esc, highlightsSeenByPage, noteOn, putNotes, settledOn } from './page-side';

let browser: ExtensionBrowser;
let server: PageServer;
let opened = 0;

beforeAll(async () => {
  server = await servePages();
  browser = await launchWithExtension();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** Articles of a single-page app, by path: each a headline and two paragraphs on the reference's subject. */
const STORIES: Record<string, [string, string, string]> = {
  one: ['Shelling resumes in Homs', 'Shelling resumed in the old city of Homs on Tuesday, residents said.', 'Government forces pressed on towards Aleppo, activists said.'],
  two: ['Talks in Geneva stall', 'The United Nations envoy said talks on Syria had stalled again in Geneva.', 'Bashar al-Assad sent no delegation to the second round.'],
  three: ['Aid reaches Damascus suburbs', 'An aid convoy reached the eastern suburbs of Damascus after weeks of delay.', 'The Red Crescent said more convoys would follow.'],
};

/**
 * A single-page app served at every path under `base`: it renders the story its path names, and `window.go(path)`
 * navigates with pushState and renders the next one, as news apps do.
 */
function spaHtml(base: string): string {
  const stories = JSON.stringify(STORIES);
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>News app</title></head><body>
<nav><a href="${esc(base)}/one">One</a></nav><main><article id="story"></article></main>
<script>
const STORIES = ${stories};
function render() {
  const key = location.pathname.split('/').pop();
  const [h, a, b] = STORIES[key] || ['Not found', '', ''];
  const article = document.getElementById('story');
  article.replaceChildren();
  for (const [tag, text] of [['h1', h], ['p', a], ['p', b]]) {
    const el = document.createElement(tag);
    el.textContent = text;
    article.append(el);
  }
  document.title = h;
}
window.go = (path) => { history.pushState({}, '', path); render(); };
window.addEventListener('popstate', render);
render();
</script></body></html>`;
}

async function openSpa(first: string): Promise<{ page: Page; base: string }> {
  const base = `/app-${++opened}`;
  for (const key of Object.keys(STORIES)) server.set(`${base}/${key}`, spaHtml(base));
  const page = await browser.context.newPage();
  await page.goto(`${server.origin}${base}/${first}`);
  await settledOn(browser, page);
  return { page, base };
}

const notesSeen = async (page: Page) => (await highlightsSeenByPage(page))['backstory-note'] ?? [];

test('after pushState the new page\'s notes appear and the old page\'s go; back brings them back', async () => {
  await clearNotes(browser);
  const base = `/app-${opened + 1}`;
  await putNotes(browser, [
    noteOn(`${server.origin}${base}/one`, 'on one', 'old city of Homs'),
    noteOn(`${server.origin}${base}/two`, 'on two', 'talks on Syria had stalled'),
  ]);
  const { page } = await openSpa('one');
  await expect.poll(() => notesSeen(page), { timeout: 10_000 }).toEqual(['old city of Homs']);
  await page.evaluate((b) => (window as unknown as { go(p: string): void }).go(`${b}/two`), base);
  await expect.poll(() => notesSeen(page), { timeout: 10_000 }).toEqual(['talks on Syria had stalled']);
  await page.goBack();
  await expect.poll(() => notesSeen(page), { timeout: 10_000 }).toEqual(['old city of Homs']);
  await page.close();
});

test('2,000 forged navigation events cost no request; a burst of 200 real address changes costs a few', async () => {
  await clearNotes(browser);
  const base = `/app-${opened + 1}`;
  await putNotes(browser, [
    noteOn(`${server.origin}${base}/two`, 'on two', 'talks on Syria had stalled'),
    noteOn(`${server.origin}${base}/three`, 'on three', 'aid convoy reached the eastern suburbs'),
  ]);
  const { page } = await openSpa('one');
  const requests = await countBackgroundMessages(browser, 'notes/list-for-url');
  // Every event a page could send to say "the address changed", WXT's own included (with the extension id,
  // as a page that read it from WXT's announcement would send it).
  await page.evaluate((id) => {
    const navigation = (window as unknown as { navigation?: EventTarget }).navigation;
    for (let i = 0; i < 2000; i++) {
      window.dispatchEvent(new PopStateEvent('popstate', { state: { i } }));
      window.dispatchEvent(new HashChangeEvent('hashchange'));
      navigation?.dispatchEvent(new Event('navigatesuccess'));
      window.dispatchEvent(new Event(`${id}:content:wxt:locationchange`));
    }
  }, browser.extensionId);
  // A real navigation after them: once it has been asked about, any request the forged events caused was made.
  await page.evaluate((b) => (window as unknown as { go(p: string): void }).go(`${b}/two`), base);
  await expect.poll(() => requests.read(), { timeout: 10_000 }).toBeGreaterThan(0);
  expect(await requests.read()).toBe(1);
  await expect.poll(() => notesSeen(page), { timeout: 10_000 }).toEqual(['talks on Syria had stalled']);
  expect(await requests.read()).toBe(1);

  // Real changes, as fast as the browser allows a page (it throttles history updates past 200 in 10 s).
  const burst = await countBackgroundMessages(browser, 'notes/list-for-url');
  await page.evaluate(async (b) => {
    for (let i = 0; i < 199; i++) {
      history.pushState({}, '', `${b}/two?page=${i}`);
      if (i % 10 === 0) await new Promise((r) => setTimeout(r, 5));
    }
    (window as unknown as { go(p: string): void }).go(`${b}/three`);
  }, base);
  await expect.poll(() => notesSeen(page), { timeout: 10_000 }).toEqual(['aid convoy reached the eastern suburbs']);
  expect(await burst.read()).toBeLessThanOrEqual(3);
  await page.close();
});

test('navigating within a single-page site leaves no event listener behind', async () => {
  const { page, base } = await openSpa('one');
  const cdp = await browser.context.newCDPSession(page);
  const requests = await countBackgroundMessages(browser, 'notes/list-for-url');
  const listeners = async () => {
    await cdp.send('HeapProfiler.collectGarbage');
    return ((await cdp.send('Memory.getDOMCounters')) as { jsEventListeners: number }).jsEventListeners;
  };
  // Each navigation to a new address makes Backstory ask for that page's notes: then it has handled it.
  const navigate = async (i: number) => {
    const before = await requests.read();
    await page.evaluate(([b, n]) => (window as unknown as { go(p: string): void }).go(`${b}/${n % 2 ? 'two' : 'three'}?n=${n}`), [base, i] as const);
    await expect.poll(() => requests.read(), { timeout: 10_000 }).toBeGreaterThan(before);
  };
  for (let i = 0; i < 3; i++) await navigate(i);
  await settledOn(browser, page);
  const start = await listeners();
  for (let i = 3; i < 43; i++) await navigate(i);
  await settledOn(browser, page);
  const end = await listeners();
  // Forty navigations: a listener per navigation would be 40 more.
  expect(end - start).toBeLessThanOrEqual(4);
  await cdp.detach();
  await page.close();
});
