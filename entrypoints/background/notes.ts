// The notes database lives here, in the extension's origin; this file wires it to the browser: message
// handlers, the "Add note to selection" context menu and the add-note command.
import type { Handlers } from '@/lib/messages';
import { createClient, type Envelope } from '@/lib/messages';
import { createDbHandle } from '@/lib/notes/db';
import { NotesStore } from '@/lib/notes/store';
import { createNotesHandlers } from '@/lib/notes/handlers';
import type { PendingSelection } from '@/lib/notes/messages';
import { normalizeUrl } from '@/lib/url';

const MENU_ID = 'backstory-add-note';
/** A selection older than this is not what the reader is adding a note to any more. */
const PENDING_TTL_MS = 5 * 60_000;

const store = new NotesStore(createDbHandle());

// Pending selections survive the service worker being stopped between the click and the popup asking
// (storage.session), with an in-memory fallback where session storage is missing.
const memoryPending = new Map<number, PendingSelection>();
const pendingWrites = new Map<number, Promise<void>>();
const pendingKey = (tabId: number) => `notes.pending.${tabId}`;

async function putPending(p: PendingSelection): Promise<void> {
  memoryPending.set(p.tabId, p);
  await browser.storage.session?.set({ [pendingKey(p.tabId)]: p }).catch(() => undefined);
}

async function takePending(tabId: number): Promise<PendingSelection | null> {
  // The popup may open (and ask) before the selection was written: wait for that write.
  await pendingWrites.get(tabId);
  const key = pendingKey(tabId);
  const stored = (await browser.storage.session?.get(key).catch(() => undefined))?.[key] as PendingSelection | undefined;
  const p = stored ?? memoryPending.get(tabId) ?? null;
  memoryPending.delete(tabId);
  await browser.storage.session?.remove(key).catch(() => undefined);
  return p && Date.now() - p.at < PENDING_TTL_MS ? p : null;
}

function isExtensionPage(sender: unknown): boolean {
  const url = (sender as { url?: string } | undefined)?.url;
  return typeof url === 'string' && url.startsWith(browser.runtime.getURL('/'));
}

function contentScriptUrl(sender: unknown): string | undefined {
  const s = sender as { tab?: unknown; url?: string } | undefined;
  return s?.tab ? s.url : undefined;
}

export function notesHandlers(): Handlers {
  return createNotesHandlers({ store, isExtensionPage, contentScriptUrl, takePending }) as Handlers;
}

/** Asks the tab's content script for the page and its selection (selectors into the article text). */
function tabClient(tabId: number) {
  return createClient((message: Envelope) => browser.tabs.sendMessage(tabId, message, { frameId: 0 }));
}

/**
 * Opens the composer for `tab` with what the reader selected. The popup is opened first, while the click or
 * key press still counts as a user gesture; the selection is stored meanwhile, and the popup's
 * `notes/take-pending` waits for that write.
 */
async function openComposer(tab: { id?: number; url?: string; windowId?: number } | undefined, selectionText?: string): Promise<void> {
  const tabId = tab?.id;
  if (tabId === undefined || tabId < 0) return;
  const write = (async () => {
    let pending: PendingSelection | null = null;
    try {
      const context = await tabClient(tabId)('notes/page-context', {});
      if (context.selection) pending = { tabId, url: context.url, target: context.selection, at: Date.now() };
    } catch {
      // No content script there (a browser page, a PDF, a page loaded before install): keep the plain quote.
    }
    const text = selectionText?.trim();
    if (!pending && text && tab?.url) {
      pending = { tabId, url: normalizeUrl(tab.url), at: Date.now(), target: { quote: { type: 'TextQuoteSelector', exact: text, prefix: '', suffix: '' } } };
    }
    if (pending) await putPending(pending);
  })();
  pendingWrites.set(tabId, write);
  void write.finally(() => { if (pendingWrites.get(tabId) === write) pendingWrites.delete(tabId); });

  const action = (browser as unknown as { action?: { openPopup?: (o?: { windowId?: number }) => Promise<void> } }).action;
  try {
    if (!action?.openPopup) throw new Error('no action.openPopup');
    await action.openPopup(tab?.windowId !== undefined ? { windowId: tab.windowId } : undefined);
  } catch {
    // Older browsers, or no focused window: the same popup page in a small window, aimed at the tab.
    await browser.windows.create({ url: browser.runtime.getURL(`/popup.html?tab=${tabId}`), type: 'popup', width: 420, height: 640 });
  }
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
    void openComposer(tab ?? undefined, info.selectionText);
  });
  browser.commands.onCommand.addListener((command, tab) => {
    if (command !== 'add-note') return;
    if (tab) {
      void openComposer(tab);
      return;
    }
    void browser.tabs.query({ active: true, currentWindow: true }).then(([active]) => openComposer(active));
  });
}
