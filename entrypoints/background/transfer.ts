// Export, import and delete-all for the popup and the options page (lib/export/handlers.ts), wired to the
// browser: the notes database, the sender check, tab URLs, and re-anchoring open pages after bulk changes.
import { browser } from 'wxt/browser';
import type { Envelope, Handlers } from '@/lib/messages';
import { createDbHandle } from '@/lib/notes/db';
import { createTransferHandlers } from '@/lib/export/handlers';

const db = createDbHandle();

function isExtensionPage(sender: unknown): boolean {
  const url = (sender as { url?: string } | undefined)?.url;
  return typeof url === 'string' && url.startsWith(browser.runtime.getURL('/'));
}

/** Asks every tab's content script to re-read its notes; tabs without one simply do not answer. */
async function refreshOpenPages(): Promise<void> {
  const tabs = await browser.tabs.query({});
  const message: Envelope<'notes/page-refresh'> = { backstory: 1, type: 'notes/page-refresh', payload: {} };
  await Promise.all(tabs.map((tab) => (tab.id === undefined ? undefined : browser.tabs.sendMessage(tab.id, message, { frameId: 0 }).catch(() => undefined))));
}

export function transferHandlers(): Handlers {
  return createTransferHandlers({
    db,
    isExtensionPage,
    tabUrl: async (tabId) => (await browser.tabs.get(tabId)).url,
    changed: () => void refreshOpenPages().catch(() => undefined),
  }) as Handlers;
}
