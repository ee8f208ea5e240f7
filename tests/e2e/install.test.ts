// Tabs that were open before Backstory was installed, or before it was updated, in Chromium: Chrome starts an
// extension's content scripts only in pages loaded afterwards (and cuts the old ones off on an update), so
// Backstory starts its content script in them itself. The reader sees highlights without reloading, and the popup
// offers the composer there instead of calling the page off limits.
import { afterEach, expect, test } from 'vitest';
import { chromium, type BrowserContext, type CDPSession, type Page } from 'playwright-core';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BASE_ARGS } from '../../scripts/chromium';
import { CHROMIUM_PATH, extensionDir, readPageHighlights, servePages, type PageServer } from './harness';

const ARTICLE = `<!doctype html><html lang="en"><head><title>Syria death toll passes 60,000, UN says</title></head>
<body><main><article><h1>Syria death toll passes 60,000, UN says</h1>
<p>More than 60,000 people have been killed in the Syrian conflict since March 2011, according to the UN.</p>
<p>Fighting continued on Wednesday in Aleppo and in the suburbs of Damascus, activists said.</p>
</article></main></body></html>`;

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!().catch(() => undefined);
});

interface Browser {
  context: BrowserContext;
  /** Installs the built extension as the Web Store or "Load unpacked" would (again: an update); its id. */
  install(): Promise<string>;
}

/** Chromium with no extension yet (Playwright's default --disable-extensions left out, so one can be installed). */
async function launchWithout(): Promise<Browser> {
  const dir = mkdtempSync(join(tmpdir(), 'backstory-install-'));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: CHROMIUM_PATH,
    headless: false,
    ignoreDefaultArgs: ['--disable-extensions'],
    args: ['--headless=new', ...BASE_ARGS, '--enable-unsafe-extension-debugging', '--remote-debugging-port=0'],
  });
  cleanups.push(async () => { await context.close(); rmSync(dir, { recursive: true, force: true }); });
  const port = readFileSync(join(dir, 'DevToolsActivePort'), 'utf8').split('\n')[0];
  const cdp = await chromium.connectOverCDP(`http://127.0.0.1:${port}`);
  cleanups.push(() => cdp.close());
  const session: CDPSession = await cdp.newBrowserCDPSession();
  return {
    context,
    async install() {
      const { id } = (await session.send('Extensions.loadUnpacked' as never, { path: extensionDir() } as never)) as { id: string };
      return id;
    },
  };
}

async function articleServer(): Promise<string> {
  const server: PageServer = await servePages();
  cleanups.push(() => server.close());
  server.set('/world/syria-toll', ARTICLE);
  return `${server.origin}/world/syria-toll`;
}

/** Asks the tab showing `url` what it found, from a page of the extension as it is now; null when nobody answers. */
async function askTab(context: BrowserContext, id: string, url: string): Promise<{ tabId: number; answered: boolean }> {
  const page = await context.newPage();
  try {
    await page.goto(`chrome-extension://${id}/options.html`);
    return await page.evaluate(async (u: string) => {
      type Chrome = { tabs: { query(q: object): Promise<{ id?: number; url?: string }[]>; sendMessage(id: number, m: object, o?: object): Promise<{ ok: boolean }> } };
      const chrome = (globalThis as unknown as { chrome: Chrome }).chrome;
      const tab = (await chrome.tabs.query({})).find((t) => t.url === u);
      if (tab?.id === undefined) return { tabId: -1, answered: false };
      try {
        return { tabId: tab.id, answered: (await chrome.tabs.sendMessage(tab.id, { backstory: 1, type: 'page/summary', payload: {} }, { frameId: 0 })).ok };
      } catch {
        return { tabId: tab.id, answered: false };
      }
    }, url);
  } finally {
    await page.close();
  }
}

test('installed while an article is open: the open tab gets its highlights without a reload', async () => {
  const url = await articleServer();
  const browser = await launchWithout();
  const article: Page = await browser.context.newPage();
  await article.goto(url);
  expect(await readPageHighlights(article)).toEqual({});
  const id = await browser.install();
  await expect.poll(async () => (await readPageHighlights(article))['backstory-place'] ?? [], { timeout: 20_000 }).toEqual(expect.arrayContaining(['Aleppo', 'Damascus']));
  expect((await askTab(browser.context, id, url)).answered).toBe(true);
});

test('updated while an article is open: the new version starts in the tab, and its popup offers the composer there', async () => {
  const url = await articleServer();
  const browser = await launchWithout();
  const article: Page = await browser.context.newPage();
  await article.goto(url);
  const id = await browser.install();
  await expect.poll(async () => (await readPageHighlights(article))['backstory-place'] ?? [], { timeout: 20_000 }).toContain('Aleppo');

  // The update: the old version's content script is cut off; the new one must be started in the open tab.
  expect(await browser.install()).toBe(id);
  await expect.poll(async () => (await askTab(browser.context, id, url)).answered, { timeout: 20_000 }).toBe(true);
  await expect.poll(async () => (await readPageHighlights(article))['backstory-place'] ?? [], { timeout: 15_000 }).toContain('Aleppo');

  const { tabId } = await askTab(browser.context, id, url);
  const popup = await browser.context.newPage();
  await popup.goto(`chrome-extension://${id}/popup.html?tab=${tabId}`);
  await popup.locator('#bs-new-note').waitFor();
  await popup.locator('.bs-found > summary [data-total]').waitFor();
  expect(await popup.getByTestId('unreachable').count()).toBe(0);
  await popup.close();
});
