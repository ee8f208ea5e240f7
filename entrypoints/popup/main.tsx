import { render } from 'preact';
import { Popup } from '@/components/Popup';
import { createNotesApi } from '@/lib/notes/api';
import { notesBackupArea, openExtensionPageRepository } from '@/lib/notes/extension-page';
import { createTransferApi } from '@/lib/export/transfer';
import { createClient, type Envelope } from '@/lib/messages';
import type { ScriptPublicPath } from 'wxt/utils/inject-script';
import { contentScriptFiles, reachTab } from '@/lib/reach';
import iconUrl from '@/assets/icon.svg';
import { openExtensionPageSetsApi } from '@/lib/sets/extension-page';
import { createReferenceCheck } from '@/lib/sets/reference-state';
import referenceSummary from 'virtual:reference-summary';
import '@/components/palette.css';
import '@/components/base.css';
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

const toBackground = (m: Envelope) => browser.runtime.sendMessage(m);
const repository = openExtensionPageRepository({ factory: indexedDB, backupArea: notesBackupArea(browser.storage.local), toBackground });
const transferApi = createTransferApi({
  repository,
  tabUrl: async (tabId) => (await browser.tabs.get(tabId)).url,
  estimate: () => navigator.storage.estimate(),
});

const setsApi = openExtensionPageSetsApi({ factory: indexedDB, toBackground, messages: browser.runtime.onMessage });

void targetTab().then((tabId) => {
  const toTab = tabId === undefined ? null : (m: Envelope) => browser.tabs.sendMessage(tabId, m, { frameId: 0 });
  const tabInfo = async () => (tabId === undefined ? null : browser.tabs.get(tabId));
  const notesApi = createNotesApi({
    repository,
    toBackground,
    toTab,
    async tabInfo() {
      const tab = await tabInfo();
      return tab?.url ? { url: tab.url, title: tab.title ?? '' } : null;
    },
  });
  const reach = () =>
    reachTab({
      tab: tabInfo,
      ask: () => (toTab ? createClient(toTab)('notes/page-context', {}) : Promise.reject(new Error('no tab'))),
      inject: async () => {
        if (tabId === undefined) throw new Error('no tab');
        await browser.scripting.executeScript({ target: { tabId }, files: contentScriptFiles(browser.runtime.getManifest()) as ScriptPublicPath[] });
      },
      sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    });
  const openLibrary = (section?: 'settings') => {
    if (section) void browser.tabs.create({ url: browser.runtime.getURL(`/options.html#${section}`) });
    else void browser.runtime.openOptionsPage();
  };
  render(
    <Popup
      tabId={tabId}
      notesApi={notesApi}
      transferApi={transferApi}
      reach={reach}
      iconUrl={iconUrl}
      guideUrl={browser.runtime.getURL('/welcome.html')}
      openLibrary={openLibrary}
      sets={{
        api: setsApi,
        bundledDocuments: referenceSummary.documents.length,
        check: createReferenceCheck(setsApi.repository),
        article: () => (toTab ? createClient(toTab)('page/article', {}) : Promise.resolve(null)),
        openSet: (setId) => void browser.tabs.create({ url: browser.runtime.getURL(`/options.html#sets?set=${setId}`) }),
      }}
    />,
    document.getElementById('app')!,
  );
});
void requestPersistentStorage().catch(() => undefined);
