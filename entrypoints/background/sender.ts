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
