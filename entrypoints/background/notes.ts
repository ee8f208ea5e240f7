// The background's part in notes: it answers content scripts (their page's notes), relays every committed
// change to the open pages it concerns (the one place that does), keeps the backup in step and empties
// the trash, and wires the "Add note to selection" context menu and the add-note command.
import { createClient, type Envelope, type Handlers } from '@/lib/messages';
import { openRepository, type NotesChange } from '@/lib/notes/repository';
import { backupSettled, startBackupSync, storageBackup } from '@/lib/notes/backup';
import { notesBackupArea } from '@/lib/notes/extension-page';
import { createNotesHandlers } from '@/lib/notes/handlers';
import { createPageNotesHandlers } from '@/lib/notes/page-handlers';
import { createComposerLauncher } from '@/lib/notes/composer-launch';
import { openAtPassage } from '@/lib/notes/open-passage';
import type { PendingSelection } from '@/lib/notes/messages';
import { normalizeUrl } from '@/lib/url';
import { committedPageUrl, isExtensionPage, tabShows } from './sender';

const MENU_ID = 'backstory-add-note';

/**
 * Tells the open tabs a change concerns to re-read their notes (tabs without a content script do not
 * answer). Changes made here (a recovery, the trash emptied) are also told to Backstory's pages.
 */
async function relay(change: NotesChange, fromHere = false): Promise<void> {
  const tabs = await browser.tabs.query({});
  const wanted = change.urls === 'all' ? null : new Set(change.urls);
  const message: Envelope<'notes/page-refresh'> = { backstory: 1, type: 'notes/page-refresh', payload: {} };
  await Promise.all(tabs.map((tab) => {
    if (tab.id === undefined || (wanted && !(tab.url && wanted.has(normalizeUrl(tab.url))))) return undefined;
    return browser.tabs.sendMessage(tab.id, message, { frameId: 0 }).catch(() => undefined);
  }));
  if (fromHere) {
    const changed: Envelope<'notes/changed'> = { backstory: 1, type: 'notes/changed', payload: change };
    await browser.runtime.sendMessage(changed).catch(() => undefined); // no page open: nobody to tell
  }
}

// In the extension origin's Cache Storage, which no content script can read or hear (lib/notes/backup-cache.ts).
const backupArea = notesBackupArea(browser.storage.local);
const backup = storageBackup(backupArea);
/**
 * Resolves once the backup's move out of an earlier version's storage.local has settled (or after 15 s): its removal
 * there is a storage change every listening content script hears, old values included, so the update's content
 * scripts are injected into open tabs after it (entrypoints/background/inject.ts).
 */
export const backupMoved = (): Promise<void> => backupSettled(backupArea, 15_000);
const repository = openRepository(indexedDB, { backup, onChange: (change) => void relay(change, true).catch(() => undefined) });

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

export function notesHandlers(): Handlers {
  return {
    ...createNotesHandlers({
      repository,
      isExtensionPage,
      tabShows: (sender, url) => tabShows(sender, url),
      takePending: (tabId) => launcher.take(tabId),
      relay: (change) => void relay(change).catch(() => undefined),
      openPassage: (id) => openAtPassage(id, {
        getNote: (noteId) => repository.get(noteId),
        tabs: async () => (await browser.tabs.query({})).flatMap((t) => (t.id === undefined ? [] : [{ id: t.id, url: t.url, windowId: t.windowId }])),
        async createTab(url) {
          const tab = await browser.tabs.create({ url, active: true });
          return { id: tab.id!, url, windowId: tab.windowId };
        },
        async activate(tab) {
          await browser.tabs.update(tab.id, { active: true });
          if (tab.windowId !== undefined) await browser.windows.update(tab.windowId, { focused: true }).catch(() => undefined);
        },
        loaded: tabLoaded,
        reveal: (tabId, noteId) =>
          createClient((message: Envelope) => browser.tabs.sendMessage(tabId, message, { frameId: 0 }))('notes/page-reveal', { id: noteId }),
        sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
      }),
    }),
    ...createPageNotesHandlers({ repository, pageUrl: committedPageUrl }),
  };
}

/** Resolves when the tab has finished loading (at once if it has); gives up waiting after 30 s. */
async function tabLoaded(tabId: number): Promise<void> {
  await new Promise<void>((resolve) => {
    const done = () => {
      clearTimeout(timer);
      browser.tabs.onUpdated.removeListener(onUpdated);
      resolve();
    };
    const onUpdated = (id: number, change: { status?: string }) => {
      if (id === tabId && change.status === 'complete') done();
    };
    const timer = setTimeout(done, 30_000);
    browser.tabs.onUpdated.addListener(onUpdated);
    // Registered first, then checked: a load that completes in between is not missed.
    void browser.tabs.get(tabId).then((tab) => { if (tab.status === 'complete') done(); }, done);
  });
}

/**
 * The add-note command: the page's own adder on the reader's selection where Backstory runs on the tab and
 * something there can be noted; the popup's composer otherwise (no content script, nothing selected).
 */
async function addNote(tab: { id?: number; url?: string; windowId?: number } | undefined): Promise<void> {
  if (tab?.id === undefined) return;
  const opened = await createClient((message: Envelope) => browser.tabs.sendMessage(tab.id!, message, { frameId: 0 }))('notes/page-adder', {})
    .catch(() => false);
  if (!opened) await launcher.launch(tab);
}

export function startNotesBackground(): void {
  // Housekeeping each time the background starts: deleted notes past their grace period go for good (a read of
  // those alone). The backup catches up (every note read) when the browser starts, when Backstory is installed or
  // updated, and whenever a copy is marked as under way or cut short: see startBackupSync.
  void repository.purgeDeleted().catch(() => undefined);
  startBackupSync({
    area: backupArea,
    backup,
    listAll: () => repository.listAll(),
    listTrashedIds: () => repository.listTrashedIds(),
    resumeRecovery: () => repository.resumeRecovery(),
    onStartup: (listener) => browser.runtime.onStartup.addListener(listener),
    onInstalled: (listener) => browser.runtime.onInstalled.addListener(listener),
  });

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
      void addNote(tab);
      return;
    }
    void browser.tabs.query({ active: true, currentWindow: true }).then(([active]) => addNote(active));
  });
}
