// The figure reader and judge are not in the content script: the background loads them (/figures.js) into the
// content script's world only for an article on the reference's subject with numbers near its names. The figures
// painted then are the very ones `npm run annotate` finds with the reader built in; a page about another subject,
// numbers and all, never loads them.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { CDPSession, Page } from 'playwright-core';
import { extensionDir, launchWithExtension, readPageHighlights, servePages, type ExtensionBrowser, type PageServer } from './harness';
import { annotateHtml, loadBundledDataset, SAMPLE_PAGE } from '../../scripts/annotate';
import { summaryOf, tabShowing } from '../../scripts/page-summary';

let browser: ExtensionBrowser;
let server: PageServer;
const sample = readFileSync(SAMPLE_PAGE, 'utf8');

// Written for this test: a page about something else, with numbers and a few names the reference knows.
const OFF_SUBJECT = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Turkey beat Iceland 3-1</title></head><body>
<main><article><h1>Turkey beat Iceland 3-1 in Istanbul</h1>
<p>More than 40,000 fans watched Turkey beat Iceland 3-1 in Istanbul on Thursday, a result that sent France through as group winners.</p>
<p>The home side scored twice in the last 15 minutes. About 2,000 visiting supporters had travelled for the match.</p>
<p>France, who beat Moldova 4-0 in Paris, will be seeded for the draw in December, the federation said.</p>
</article></main></body></html>`;

beforeAll(async () => {
  server = await servePages();
  server.set('/sample.html', sample);
  server.set('/sport.html', OFF_SUBJECT);
  browser = await launchWithExtension();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** Records the extension scripts the page's renderer parses (the content script's world included). */
async function scriptsParsed(page: Page): Promise<{ urls: string[]; cdp: CDPSession }> {
  const cdp = await browser.context.newCDPSession(page);
  const urls: string[] = [];
  cdp.on('Debugger.scriptParsed', (event: { url: string }) => {
    if (event.url.startsWith('chrome-extension://')) urls.push(new URL(event.url).pathname);
  });
  await cdp.send('Debugger.enable');
  return { urls, cdp };
}

/** Opens `path`, waits until Backstory reports the page settled; the highlights painted and the scripts parsed. */
async function visit(path: string) {
  const url = server.origin + path;
  const page = await browser.context.newPage();
  const parsed = await scriptsParsed(page);
  await page.goto(url);
  let tabId = -1;
  await expect.poll(async () => (tabId = await tabShowing(browser, url)), { timeout: 10_000, interval: 100 }).toBeGreaterThanOrEqual(0);
  await expect.poll(async () => (await summaryOf(browser, tabId))?.status, { timeout: 20_000, interval: 100 }).toBe('settled');
  // The content script has run by now: it is among the scripts recorded, so the recording is not empty by mistake.
  await expect.poll(() => parsed.urls, { timeout: 5_000, interval: 100 }).toContain('/content-scripts/content.js');
  const painted = await readPageHighlights(page);
  for (const list of Object.values(painted)) list.sort();
  await parsed.cdp.detach();
  await page.close();
  return { painted, scripts: parsed.urls };
}

test('the content script is built without the figure reader; it is a script of its own', () => {
  const content = readFileSync(`${extensionDir()}/content-scripts/content.js`, 'utf8');
  const own = readFileSync(`${extensionDir()}/figures.js`, 'utf8');
  // The reader's own vocabulary (string data, kept by minification): hedges, actions and units it reads.
  for (const word of ['in excess of', 'massacred', 'bomblets']) {
    expect(own).toContain(word);
    expect(content).not.toContain(word);
  }
});

test('an article on the subject with figures: the figure reader is loaded and the marks are the pipeline\'s', async () => {
  const expected: Record<string, string[]> = {};
  for (const h of (await annotateHtml(sample, { url: server.origin + '/sample.html', dataset: loadBundledDataset() })).highlights) {
    (expected[`backstory-${h.category}`] ??= []).push(h.text);
  }
  for (const list of Object.values(expected)) list.sort();
  expect(Object.keys(expected)).toEqual(expect.arrayContaining(['backstory-figure', 'backstory-figure-differs']));
  const { painted, scripts } = await visit('/sample.html');
  expect(scripts).toContain('/figures.js');
  expect(painted['backstory-figure']).toEqual(expected['backstory-figure']);
  expect(painted['backstory-figure-differs']).toEqual(expected['backstory-figure-differs']);
  expect(painted).toEqual(expected);
});

test('a page about another subject, numbers and all, never loads the figure reader', async () => {
  const { painted, scripts } = await visit('/sport.html');
  expect(Object.values(painted).flat()).toEqual([]);
  expect(scripts).not.toContain('/figures.js');
});
