// Browser-test harness: Debian's Chromium with the built extension loaded, pages served from localhost.
// The launch code and the page server live in scripts/chromium.ts, shared with `npm start` and `npm run bench`.
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
