// Who sent a message, and what it may touch: one of Backstory's own pages (popup, options), or a content script
// in a web page, which may act only on the notes of the page its tab shows. Every route a content script can
// reach asks `senderTab` which tab that is: directly (the highlight styles), through `tabShows` where the page
// names an address (reads), or through `committedPageUrl` where it names none (writes); the rule is written once.
import { browser } from 'wxt/browser';
import { normalizeUrl } from '@/lib/url';

/** Whether the sender is one of Backstory's own pages, which share the extension's origin. */
export function isExtensionPage(sender: unknown): boolean {
  const url = (sender as { url?: string } | undefined)?.url;
  return typeof url === 'string' && url.startsWith(browser.runtime.getURL('/'));
}

/** The part of `browser.tabs` the rule reads. */
export interface TabsLike {
  get(tabId: number): Promise<{ url?: string }>;
  onUpdated: {
    addListener(listener: (tabId: number, change: { url?: string }) => void): void;
    removeListener(listener: (tabId: number, change: { url?: string }) => void): void;
  };
}

export interface TabShowsOptions {
  tabs?: TabsLike;
  /** How long a navigation the page has just made gets to reach the browser. */
  waitMs?: number;
}

/**
 * The tab of a content script of this extension running in a tab's top frame (Backstory's runs nowhere else);
 * else undefined. The one rule for which sender is a page's content script: every route a page reaches asks it.
 */
export function senderTab(sender: unknown): { id: number; url?: string } | undefined {
  const s = sender as { tab?: { id?: number; url?: string }; frameId?: number; id?: string } | undefined;
  const tabId = s?.tab?.id;
  if (typeof tabId !== 'number' || tabId < 0 || s?.frameId !== 0 || s.id !== browser.runtime.id) return undefined;
  return { id: tabId, url: s.tab?.url };
}

/**
 * Whether a content script may act on the notes of `url`: it runs in a tab's top frame and that tab shows `url`
 * now, by the browser's committed address (a single-page site's pushState included). Never `sender.url`: it keeps
 * the address the document was loaded at, so after pushState it names the previous article. A navigation the
 * page made just before asking may reach the browser after the message does, so the tab gets `waitMs` to show it.
 */
export async function tabShows(sender: unknown, url: string, options: TabShowsOptions = {}): Promise<boolean> {
  const tab = senderTab(sender);
  if (!tab) return false;
  const wanted = normalizeUrl(url);
  const shows = (address: string | undefined) => typeof address === 'string' && normalizeUrl(address) === wanted;
  if (shows(tab.url)) return true;

  const tabs = options.tabs ?? (browser.tabs as unknown as TabsLike);
  return new Promise<boolean>((resolve) => {
    let settled = false;
    const finish = (answer: boolean) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      tabs.onUpdated.removeListener(onUpdated);
      resolve(answer);
    };
    const onUpdated = (tabId: number, change: { url?: string }) => {
      if (tabId === tab.id && shows(change.url)) finish(true);
    };
    const timer = setTimeout(() => finish(false), options.waitMs ?? 1000);
    // Listening first, then reading: an update between the two is not missed.
    tabs.onUpdated.addListener(onUpdated);
    tabs.get(tab.id).then((now) => {
      if (shows(now.url)) finish(true);
    }, () => finish(false));
  });
}

/**
 * The address of the page a content script runs in, as the browser shows it now: the committed URL of the
 * sender's tab, for routes where the page names no address at all (its writes). Not `sender.url`, which the
 * page's own history calls (pushState) leave at the document's first address.
 */
export async function committedPageUrl(sender: unknown, options: { tabs?: Pick<TabsLike, 'get'> } = {}): Promise<string | undefined> {
  const tab = senderTab(sender);
  if (!tab) return undefined;
  const tabs = options.tabs ?? (browser.tabs as unknown as TabsLike);
  try {
    return (await tabs.get(tab.id)).url;
  } catch {
    return undefined; // the tab closed meanwhile
  }
}
