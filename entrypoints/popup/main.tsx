import { render } from 'preact';
import { Popup } from '@/components/Popup';
import { createNotesApi } from '@/lib/notes/api';
import { openExtensionPageRepository } from '@/lib/notes/extension-page';
import { createTransferApi } from '@/lib/export/transfer';
import '@/components/palette.css';
import './style.css';

// `?tab=<id>` aims the popup at a given tab (tests open it as a page); otherwise it acts on the active tab.
async function targetTab(): Promise<number | undefined> {
  const param = new URLSearchParams(location.search).get('tab');
  if (param && /^\d+$/.test(param)) return Number(param);
  const [active] = await browser.tabs.query({ active: true, currentWindow: true });
  return active?.id;
}

// Ask once that the browser never evicts the notes database under storage pressure. It is a window-only
// API (not in the service worker), so the popup asks; Chrome grants it silently to installed extensions.
async function requestPersistentStorage(): Promise<void> {
  const storage = navigator.storage;
  if (!storage?.persist || (await storage.persisted?.())) return;
  await storage.persist();
}

const toBackground = (m: object) => browser.runtime.sendMessage(m);
const repository = openExtensionPageRepository({ factory: indexedDB, storage: browser.storage.local, toBackground });
const transferApi = createTransferApi({
  repository,
  tabUrl: async (tabId) => (await browser.tabs.get(tabId)).url,
  estimate: () => navigator.storage.estimate(),
});

void targetTab().then((tabId) => {
  const notesApi = createNotesApi({
    repository,
    toBackground,
    // Page requests go to the tab's content script.
    toTab: tabId === undefined ? null : (m) => browser.tabs.sendMessage(tabId, m, { frameId: 0 }),
    async tabInfo() {
      if (tabId === undefined) return null;
      const tab = await browser.tabs.get(tabId);
      return tab.url ? { url: tab.url, title: tab.title ?? '' } : null;
    },
  });
  render(
    <Popup tabId={tabId} notesApi={notesApi} transferApi={transferApi} openOptions={() => void browser.runtime.openOptionsPage()} />,
    document.getElementById('app')!,
  );
});
void requestPersistentStorage().catch(() => undefined);
