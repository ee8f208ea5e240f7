// What the content script of a tab found, asked from Node the way the popup asks (a `page/summary` message,
// sent here from the extension's service worker). Shared by `npm start` and the browser tests, so both wait
// for the page's own status ("settled" only after its highlights are painted) rather than for time to pass.
import type { ExtensionBrowser } from './chromium';
import type { PageSummary } from '../lib/page/messages';

type TabsApi = {
  query(q: object): Promise<{ id?: number }[]>;
  sendMessage(id: number, m: object): Promise<{ ok: boolean; value: PageSummary } | undefined>;
};

/** The tab's summary, or null while it has no content script to answer. */
export async function summaryOf(browser: ExtensionBrowser, tabId: number): Promise<PageSummary | null> {
  const [worker] = browser.context.serviceWorkers();
  if (!worker) return null;
  return worker.evaluate(async (id: number) => {
    const tabs = (globalThis as unknown as { chrome: { tabs: TabsApi } }).chrome.tabs;
    try {
      const reply = await tabs.sendMessage(id, { backstory: 1, type: 'page/summary', payload: {} });
      return reply?.ok ? reply.value : null;
    } catch {
      return null;
    }
  }, tabId);
}

/** The extension's id of the tab whose content script answers for `url`, or -1 while none does yet. */
export async function tabShowing(browser: ExtensionBrowser, url: string): Promise<number> {
  const [worker] = browser.context.serviceWorkers();
  if (!worker) return -1;
  return worker.evaluate(async (u: string) => {
    const tabs = (globalThis as unknown as { chrome: { tabs: TabsApi } }).chrome.tabs;
    for (const tab of await tabs.query({})) {
      if (tab.id === undefined) continue;
      const reply = await tabs.sendMessage(tab.id, { backstory: 1, type: 'page/summary', payload: {} }).catch(() => undefined);
      if (reply?.ok && reply.value.url === u) return tab.id;
    }
    return -1;
  }, url);
}

/** Asks `probe` every `intervalMs` until it returns a value that is not undefined, or the time is up (undefined). */
export async function pollFor<T>(probe: () => Promise<T | undefined>, timeoutMs: number, intervalMs = 100): Promise<T | undefined> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined || Date.now() >= deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/** The summary of the tab showing `url` once it is settled; null when it did not settle within `timeoutMs`. */
export async function settledSummary(browser: ExtensionBrowser, url: string, timeoutMs: number): Promise<PageSummary | null> {
  const deadline = Date.now() + timeoutMs;
  const tabId = await pollFor(async () => {
    const id = await tabShowing(browser, url);
    return id >= 0 ? id : undefined;
  }, timeoutMs);
  if (tabId === undefined) return null;
  const summary = await pollFor(async () => {
    const s = await summaryOf(browser, tabId);
    return s?.status === 'settled' ? s : undefined;
  }, Math.max(0, deadline - Date.now()));
  return summary ?? null;
}
