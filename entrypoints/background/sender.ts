// Who sent a message: one of Backstory's own pages (popup, options), or a content script in a web page.
import { browser } from 'wxt/browser';

/** Whether the sender is one of Backstory's own pages, which share the extension's origin. */
export function isExtensionPage(sender: unknown): boolean {
  const url = (sender as { url?: string } | undefined)?.url;
  return typeof url === 'string' && url.startsWith(browser.runtime.getURL('/'));
}

/** The URL of the page a content script runs in, if the sender is one. */
export function contentScriptUrl(sender: unknown): string | undefined {
  const s = sender as { tab?: unknown; url?: string } | undefined;
  return s?.tab ? s.url : undefined;
}

/**
 * The address of the page a content script runs in, as the browser shows it now: the committed URL of the
 * sender's tab, for the tab's top frame only. Not `sender.url`, which the page's own history calls
 * (pushState) leave at the document's first address, and which names a frame rather than the page.
 */
export async function committedPageUrl(sender: unknown): Promise<string | undefined> {
  const s = sender as { tab?: { id?: number }; frameId?: number; id?: string } | undefined;
  const tabId = s?.tab?.id;
  if (tabId === undefined || tabId < 0 || s?.frameId !== 0 || s.id !== browser.runtime.id) return undefined;
  try {
    return (await browser.tabs.get(tabId)).url;
  } catch {
    return undefined; // the tab closed meanwhile
  }
}
