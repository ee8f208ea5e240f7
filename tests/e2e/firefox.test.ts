// The Firefox build in a real Firefox (Debian's firefox-esr, driven over WebDriver BiDi by puppeteer-core): it
// installs, opens its first-run page, paints the sample page's highlights with the CSS Custom Highlight API (the
// same ones `npm run annotate` finds, without changing the page), and its popup and notes pages open.
import { readFileSync } from 'node:fs';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { launchFirefoxWithExtension, type FirefoxWithExtension } from '../../scripts/firefox';
import { annotateHtml, loadBundledDataset, SAMPLE_PAGE } from '../../scripts/annotate';
import { servePages, type PageServer } from './harness';

let firefox: FirefoxWithExtension;
let server: PageServer;

beforeAll(async () => {
  server = await servePages();
  server.set('/sample-news.html', readFileSync(SAMPLE_PAGE, 'utf8'));
  firefox = await launchFirefoxWithExtension();
});
afterAll(async () => {
  await firefox?.close();
  await server?.close();
});

/** Waits until a tab shows `url` (extension pages report their address only from inside). */
async function pageShowing(url: string): Promise<Page> {
  let found: Page | undefined;
  await expect.poll(async () => (found = await firefox.findPage(url)) !== undefined, { timeout: 30_000 }).toBe(true);
  return found!;
}

const text = (page: Page, selector: string) => page.evaluate((s) => document.querySelector(s)?.textContent ?? null, selector);

/** `backstory-*` entries of the page's highlight registry: name → text → count. */
function highlightsOf(page: Page): Promise<Record<string, Record<string, number>>> {
  return page.evaluate(() => {
    const out: Record<string, Record<string, number>> = {};
    const registry = (globalThis as unknown as { CSS: { highlights?: Map<string, Set<AbstractRange>> } }).CSS.highlights;
    registry?.forEach((highlight, name) => {
      if (!name.startsWith('backstory-')) return;
      const texts = (out[name] ??= {});
      for (const range of highlight) {
        const t = range instanceof Range ? range.toString() : '';
        texts[t] = (texts[t] ?? 0) + 1;
      }
    });
    return out;
  });
}

test('the add-on installs under its own id and opens its first-run page', async () => {
  expect(firefox.addonId).toMatch(/^\{[0-9a-f-]{36}\}$/);
  const welcome = await pageShowing(firefox.extensionUrl('welcome.html'));
  await expect.poll(() => text(welcome, 'h1')).toBe('Welcome to Backstory');
  // Firefox assigned every suggested key (none is refused as taken).
  const keys = await welcome.evaluate(() => [...document.querySelectorAll('.bs-shortcuts kbd')].map((k) => k.textContent));
  expect(keys).toEqual(expect.arrayContaining(['Alt+Shift+M', 'Alt+Shift+J']));
});

test('a news page gets the highlights the pipeline finds, through CSS.highlights, with the page unchanged', async () => {
  const url = `${server.origin}/sample-news.html`;
  const expected: Record<string, Record<string, number>> = {};
  for (const h of (await annotateHtml(readFileSync(SAMPLE_PAGE, 'utf8'), { url, dataset: loadBundledDataset() })).highlights) {
    const texts = (expected[`backstory-${h.category}`] ??= {});
    texts[h.text] = (texts[h.text] ?? 0) + 1;
  }
  expect(Object.keys(expected)).toEqual(expect.arrayContaining(['backstory-person', 'backstory-place', 'backstory-organization']));

  const page = await firefox.browser.newPage();
  await page.goto(url);
  await expect.poll(() => highlightsOf(page), { timeout: 30_000 }).toEqual(expected);
  // Painted over the text, not wrapped around it: no element of ours in the page's document.
  expect(await page.evaluate(() => document.querySelectorAll('backstory-mark').length)).toBe(0);
  await page.close();
});

test('the popup and the notes page open', async () => {
  const welcome = await pageShowing(firefox.extensionUrl('welcome.html'));
  // BiDi may not navigate a tab to an extension page; the extension may open one (in a new tab: the first-run
  // page stays for the other tests, whatever their order).
  const open = (url: string) =>
    welcome.evaluate((u) => (globalThis as unknown as { browser: { tabs: { create(o: object): Promise<unknown> } } }).browser.tabs.create({ url: u }).then(() => true), url);
  await open(firefox.extensionUrl('popup.html'));
  const popup = await pageShowing(firefox.extensionUrl('popup.html'));
  await expect.poll(() => text(popup, 'header h1')).toBe('Backstory');
  await expect.poll(() => popup.evaluate(() => document.querySelector('header a')?.getAttribute('href') ?? null)).toBe(firefox.extensionUrl('welcome.html'));

  await open(firefox.extensionUrl('options.html'));
  const options = await pageShowing(firefox.extensionUrl('options.html'));
  await expect.poll(() => text(options, 'main h1')).toBe('Backstory — notes & settings');
  await expect.poll(() => text(options, '[data-testid="summary"]')).toBe('0 notes on 0 pages.');
});
