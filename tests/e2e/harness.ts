// Browser-test harness: Debian's Chromium with the built extension loaded, pages served from localhost.
// The launch code and the page server live in scripts/chromium.ts, shared with `npm start` and `npm run bench`.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { type ExtensionBrowser } from '../../scripts/chromium';
export {
  CHROMIUM_PATH,
  extensionDir,
  launchWithExtension,
  firstRunPage,
  servePages,
  readPageHighlights,
  type ExtensionBrowser,
  type LaunchOptions,
  type PageServer,
  type PageHighlights,
} from '../../scripts/chromium';

/** Playwright's id for a tab is not the extension's; this finds the chrome.tabs id of the tab showing `url`. */
export async function tabIdFor(browser: ExtensionBrowser, url: string): Promise<number> {
  const [worker] = browser.context.serviceWorkers();
  if (!worker) throw new Error('extension service worker not running');
  // Runs in the service worker, where `chrome` exists; typed loosely because this file is compiled for Node.
  const id = await worker.evaluate(async (u: string) => {
    const api = (globalThis as unknown as { chrome: { tabs: { query(q: object): Promise<{ id?: number; url?: string }[]> } } }).chrome;
    const tabs = await api.tabs.query({});
    return tabs.find((t) => t.url === u)?.id ?? -1;
  }, url);
  if (id < 0) throw new Error(`no tab shows ${url}`);
  return id;
}

/** The toolbar badge's text on a tab (its extension id): the number of highlights, or '' for none. */
export async function badgeOf(browser: ExtensionBrowser, tabId: number): Promise<string> {
  const [worker] = browser.context.serviceWorkers();
  if (!worker) throw new Error('extension service worker not running');
  return worker.evaluate((id: number) => {
    const api = (globalThis as unknown as { chrome: { action: { getBadgeText(q: object): Promise<string> } } }).chrome;
    return api.action.getBadgeText({ tabId: id });
  }, tabId);
}

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/**
 * axe-core's WCAG 2.x A and AA violations on a page as it is now: the whole document, or only what `within` selects
 * (a UI host on a news page, whose shadow root axe enters).
 */
export async function axeViolations(page: Page, within?: string): Promise<string[]> {
  // Evaluated through the DevTools protocol, which an extension page's script policy does not apply to.
  await page.evaluate(AXE);
  const result = await page.evaluate(async (selector) => {
    const axe = (globalThis as unknown as { axe: { run(ctx: unknown, o: unknown): Promise<{ violations: { id: string; help: string; nodes: { target: unknown[] }[] }[] }> } }).axe;
    return axe.run(selector ? { include: [[selector]] } : document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
  }, within ?? null);
  return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')})`);
}

/**
 * Selects the first occurrence of `text` on the page (or inside the first element matching `within`) without pointer
 * or key events, as a page's script or assistive technology sets a selection (`dragSelect` is the reader's mouse).
 */
export async function selectText(page: Page, text: string, within = 'body'): Promise<void> {
  await page.evaluate(([needle, scope]) => {
    const walker = document.createTreeWalker(document.querySelector(scope)!, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const at = (n as Text).data.indexOf(needle);
      if (at < 0) continue;
      const range = document.createRange();
      range.setStart(n, at);
      range.setEnd(n, at + needle.length);
      getSelection()!.removeAllRanges();
      getSelection()!.addRange(range);
      return;
    }
    throw new Error(`no ${needle} in ${scope}`);
  }, [text, within] as const);
}
