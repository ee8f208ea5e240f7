// The notes database lives here, in the extension's origin; this file wires it to the browser: message
// handlers, the "Add note to selection" context menu and the add-note command.
import type { Handlers } from '@/lib/messages';
import { createClient, type Envelope } from '@/lib/messages';
import { createDbHandle } from '@/lib/notes/db';
import { NotesStore } from '@/lib/notes/store';
import { createNotesHandlers } from '@/lib/notes/handlers';
import { createComposerLauncher } from '@/lib/notes/composer-launch';
import type { PendingSelection } from '@/lib/notes/messages';

const MENU_ID = 'backstory-add-note';

const store = new NotesStore(createDbHandle());

// Pending selections are kept in storage.session so they survive the service worker being stopped
// between the click and the popup asking; in memory where session storage is missing.
const memoryPending = new Map<number, PendingSelection>();
const pendingKey = (tabId: number) => `notes.pending.${tabId}`;
const session = () => (browser.storage as { session?: typeof browser.storage.local }).session;

const launcher = createComposerLauncher({
  pageContext: (tabId) =>
    createClient((message: Envelope) => browser.tabs.sendMessage(tabId, message, { frameId: 0 }))('notes/page-context', {}),
  async openPopup(windowId) {
    const action = (browser as unknown as { action?: { openPopup?: (o?: { windowId?: number }) => Promise<void> } }).action;
    if (!action?.openPopup) throw new Error('no action.openPopup');
    await action.openPopup(windowId !== undefined ? { windowId } : undefined);
  },
  async openPopupWindow(tabId) {
    await browser.windows.create({ url: browser.runtime.getURL(`/popup.html?tab=${tabId}`), type: 'popup', width: 420, height: 640 });
  },
  async storePending(p) {
    memoryPending.set(p.tabId, p);
    await session()?.set({ [pendingKey(p.tabId)]: p }).catch(() => undefined);
  },
  async loadPending(tabId) {
    const key = pendingKey(tabId);
    const stored = (await session()?.get(key).catch(() => undefined))?.[key] as PendingSelection | undefined;
    return stored ?? memoryPending.get(tabId) ?? null;
  },
  async clearPending(tabId) {
    memoryPending.delete(tabId);
    await session()?.remove(pendingKey(tabId)).catch(() => undefined);
  },
  now: () => Date.now(),
});

function isExtensionPage(sender: unknown): boolean {
  const url = (sender as { url?: string } | undefined)?.url;
  return typeof url === 'string' && url.startsWith(browser.runtime.getURL('/'));
}

function contentScriptUrl(sender: unknown): string | undefined {
  const s = sender as { tab?: unknown; url?: string } | undefined;
  return s?.tab ? s.url : undefined;
}

export function notesHandlers(): Handlers {
  return createNotesHandlers({ store, isExtensionPage, contentScriptUrl, takePending: (tabId) => launcher.take(tabId) }) as Handlers;
}

export function startNotesBackground(): void {
  // Menus persist across service-worker restarts; (re)create on install/update, removing ours first so an
  // update never fails on a duplicate id.
  browser.runtime.onInstalled.addListener(() => {
    void browser.contextMenus.remove(MENU_ID).catch(() => undefined).then(() =>
      browser.contextMenus.create({ id: MENU_ID, title: 'Add note to selection', contexts: ['selection'] }));
  });
  browser.contextMenus.onClicked.addListener((info, tab) => {
    if (info.menuItemId !== MENU_ID) return;
    void launcher.launch(tab ?? undefined, info.selectionText);
  });
  browser.commands.onCommand.addListener((command, tab) => {
    if (command !== 'add-note') return;
    if (tab) {
      void launcher.launch(tab);
      return;
    }
    void browser.tabs.query({ active: true, currentWindow: true }).then(([active]) => launcher.launch(active));
  });
}
