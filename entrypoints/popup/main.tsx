import { render } from 'preact';
import { Popup } from '@/components/Popup';
import { createNotesApi, type NotesApi } from '@/lib/notes/api';
import '@/components/palette.css';
import './style.css';

// `?tab=<id>` aims the popup at a given tab (tests open it as a page); otherwise it acts on the active tab.
async function targetTab(): Promise<number | undefined> {
  const param = new URLSearchParams(location.search).get('tab');
  if (param && /^\d+$/.test(param)) return Number(param);
  const [active] = await browser.tabs.query({ active: true, currentWindow: true });
  return active?.id;
}

/** Notes requests go to the background (the database); page requests to the tab's content script. */
function browserNotesApi(tabId: number | undefined): NotesApi {
  return createNotesApi(
    (m) => browser.runtime.sendMessage(m),
    tabId === undefined ? null : (m) => browser.tabs.sendMessage(tabId, m, { frameId: 0 }),
    async () => {
      if (tabId === undefined) return null;
      const tab = await browser.tabs.get(tabId);
      return tab.url ? { url: tab.url, title: tab.title ?? '' } : null;
    },
  );
}

// Ask once that the browser never evicts the notes database under storage pressure. It is a window-only
// API (not in the service worker), so the popup asks; Chrome grants it silently to installed extensions.
async function requestPersistentStorage(): Promise<void> {
  const storage = navigator.storage;
  if (!storage?.persist || (await storage.persisted?.())) return;
  await storage.persist();
}

void targetTab().then((tabId) => render(<Popup tabId={tabId} notesApi={browserNotesApi(tabId)} />, document.getElementById('app')!));
void requestPersistentStorage().catch(() => undefined);
