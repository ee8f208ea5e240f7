// The browser wiring of the transfer API for the options page and the popup (see lib/export/local.ts).
import { createLocalTransferApi } from '@/lib/export/local';
import type { TransferApi } from '@/lib/export/client';

/** Asks every tab's content script to re-read its notes after a bulk change; tabs without one don't answer. */
async function refreshOpenPages(): Promise<void> {
  const tabs = await browser.tabs.query({});
  const message = { backstory: 1, type: 'notes/page-refresh', payload: {} };
  await Promise.all(tabs.map((tab) => (tab.id === undefined ? undefined : browser.tabs.sendMessage(tab.id, message, { frameId: 0 }).catch(() => undefined))));
}

export function browserTransferApi(): TransferApi {
  return createLocalTransferApi({
    tabUrl: async (tabId) => (await browser.tabs.get(tabId)).url,
    changed: () => void refreshOpenPages().catch(() => undefined),
  });
}
