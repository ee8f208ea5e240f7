// Readability is not in the content script: a page whose markup does not settle the article gets it loaded by the
// background into the content script's world, and then the very highlights `npm run annotate` finds (with
// Readability built in); the page reports "settled" only once they are painted.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { extensionDir, launchWithExtension, readPageHighlights, servePages, type ExtensionBrowser, type PageServer } from './harness';
import { withUnsettledMarkup } from './unsettled-page';
import { annotateHtml, loadBundledDataset, SAMPLE_PAGE } from '../../scripts/annotate';
import { summaryOf, tabShowing } from '../../scripts/page-summary';

let browser: ExtensionBrowser;
let server: PageServer;
const sample = readFileSync(SAMPLE_PAGE, 'utf8');

beforeAll(async () => {
  server = await servePages();
  server.set('/settled.html', sample);
  server.set('/unsettled.html', withUnsettledMarkup(sample));
  browser = await launchWithExtension();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** What the pipeline with Readability built in paints on `html`: category → sorted texts. */
async function expectedHighlights(html: string, url: string): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const h of (await annotateHtml(html, { url, dataset: loadBundledDataset() })).highlights) (out[`backstory-${h.category}`] ??= []).push(h.text);
  for (const list of Object.values(out)) list.sort();
  return out;
}

async function paintedWhenSettled(path: string) {
  const url = server.origin + path;
  const page = await browser.context.newPage();
  await page.goto(url);
  let tabId = -1;
  await expect.poll(async () => (tabId = await tabShowing(browser, url)), { timeout: 10_000, interval: 100 }).toBeGreaterThanOrEqual(0);
  await expect.poll(async () => (await summaryOf(browser, tabId))?.status, { timeout: 20_000, interval: 100 }).toBe('settled');
  const painted = await readPageHighlights(page);
  for (const list of Object.values(painted)) list.sort();
  await page.close();
  return painted;
}

test('the content script is built without Readability; it is a script of its own', () => {
  const content = readFileSync(`${extensionDir()}/content-scripts/content.js`, 'utf8');
  const own = readFileSync(`${extensionDir()}/readability.js`, 'utf8');
  // Readability's own identifiers (its source keeps these names through minification: they are property names).
  expect(own).toMatch(/_grabArticle/);
  expect(content).not.toMatch(/_grabArticle/);
});

test('a page whose markup does not settle the article: Readability is loaded and the highlights are the pipeline\'s', async () => {
  const html = withUnsettledMarkup(sample);
  const expected = await expectedHighlights(html, server.origin + '/unsettled.html');
  expect(Object.keys(expected)).toEqual(expect.arrayContaining(['backstory-person', 'backstory-place']));
  const painted = await paintedWhenSettled('/unsettled.html');
  expect(painted).toEqual(expected);
});

test('a page whose markup settles the article gets its highlights as before', async () => {
  const expected = await expectedHighlights(sample, server.origin + '/settled.html');
  const painted = await paintedWhenSettled('/settled.html');
  expect(painted).toEqual(expected);
});
