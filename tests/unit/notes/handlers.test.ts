import { beforeEach, describe, expect, test } from 'vitest';
import { IDBFactory } from 'fake-indexeddb';
import { openRepository, type NotesChange, type NotesRepository } from '@/lib/notes/repository';
import { createNotesHandlers } from '@/lib/notes/handlers';
import { createClient, routeMessage, type Handlers } from '@/lib/messages';
import type { PendingSelection } from '@/lib/notes/messages';
import { normalizeUrl } from '@/lib/url';

const POPUP = { url: 'chrome-extension://abc/popup.html?tab=3' };
// A content script's sender: the tab's committed address (a single-page site's pushState moved it on from
// the address the document was loaded at, which `url` keeps).
const PAGE = { url: 'https://news.example/first', tab: { id: 3, url: 'https://news.example/a?utm_source=x#top' }, frameId: 0 };

let handlers: Handlers;
let repository: NotesRepository;
let pending: Map<number, PendingSelection>;
let relayed: NotesChange[];
let opened: string[];

beforeEach(() => {
  pending = new Map();
  relayed = [];
  opened = [];
  repository = openRepository(new IDBFactory());
  handlers = createNotesHandlers({
    repository,
    isExtensionPage: (s) => (s as { url?: string }).url?.startsWith('chrome-extension://abc/') ?? false,
    tabShows: async (s, url) => normalizeUrl((s as { tab?: { url?: string } }).tab?.url ?? '') === normalizeUrl(url),
    takePending: async (tabId) => {
      const p = pending.get(tabId) ?? null;
      pending.delete(tabId);
      return p;
    },
    relay: (change) => relayed.push(change),
    openPassage: async (id) => { opened.push(id); return { tabId: 9, opened: true, revealed: true }; },
  });
});

/** A client whose transport goes through routeMessage, as runtime.sendMessage does, from `sender`. */
const clientFrom = (sender: unknown) => createClient(async (m) => routeMessage(handlers, m, sender));

describe('notes handlers through routeMessage', () => {
  test('a content script reads its own page\'s notes (from any link to it), newest first, and no other page\'s', async () => {
    await repository.create({ url: 'https://news.example/a', title: 'A', text: 'mine' });
    await repository.create({ url: 'https://other.example/', title: 'B', text: 'secret' });
    const page = clientFrom(PAGE);
    expect((await page('notes/list-for-url', { url: 'https://news.example/a?fbclid=1' })).map((n) => n.text)).toEqual(['mine']);
    await expect(page('notes/list-for-url', { url: 'https://other.example/' })).rejects.toThrow(/only read its own notes/);
    // The address the document was loaded at is not the page the tab shows now.
    await expect(page('notes/list-for-url', { url: 'https://news.example/first' })).rejects.toThrow(/only read its own notes/);
    // Backstory's pages may read any page's.
    expect((await clientFrom(POPUP)('notes/list-for-url', { url: 'https://other.example/' })).map((n) => n.text)).toEqual(['secret']);
  });

  test('a change told by one of Backstory\'s pages is relayed once; a content script cannot trigger a relay', async () => {
    const change: NotesChange = { kind: 'saved', urls: ['https://news.example/a'] };
    expect(await clientFrom(POPUP)('notes/changed', change)).toBeNull();
    expect(relayed).toEqual([change]);
    await expect(clientFrom(PAGE)('notes/changed', change)).rejects.toThrow(/Only Backstory's own pages/);
    await expect(clientFrom(POPUP)('notes/changed', { kind: 'nonsense', urls: 'all' } as never)).rejects.toThrow(/Invalid change: kind/);
    expect(relayed).toHaveLength(1);
  });

  test('take-pending hands the stored selection over once, with its reference link, to Backstory\'s pages only', async () => {
    const target = { quote: { type: 'TextQuoteSelector' as const, exact: 'q', prefix: '', suffix: '' } };
    const reference = { id: 'person:bashar-al-assad', kind: 'entity' as const, label: 'Bashar al-Assad' };
    pending.set(3, { tabId: 3, url: 'https://n.example/', at: 1, target, reference });
    await expect(clientFrom(PAGE)('notes/take-pending', { tabId: 3 })).rejects.toThrow(/Only Backstory's own pages/);
    const send = clientFrom(POPUP);
    expect(await send('notes/take-pending', { tabId: 3 })).toMatchObject({ target, reference });
    expect(await send('notes/take-pending', { tabId: 3 })).toBeNull();
  });

  test('only Backstory\'s pages may open a note at its passage', async () => {
    expect(await clientFrom(POPUP)('notes/open-passage', { id: 'n1' })).toEqual({ tabId: 9, opened: true, revealed: true });
    await expect(clientFrom(PAGE)('notes/open-passage', { id: 'n1' })).rejects.toThrow(/Only Backstory's own pages/);
    await expect(clientFrom(POPUP)('notes/open-passage', { id: '' })).rejects.toThrow(/id/);
    expect(opened).toEqual(['n1']);
  });

  test('messages that are not notes requests are left to other listeners', () => {
    expect(routeMessage(handlers, { backstory: 1, type: 'page/unknown', payload: {} }, POPUP)).toBeUndefined();
    expect(routeMessage(handlers, { hello: 1 }, POPUP)).toBeUndefined();
    // Routes that no longer exist are not answered here: Backstory's pages use their own repository.
    expect(routeMessage(handlers, { backstory: 1, type: 'notes/save', payload: {} }, POPUP)).toBeUndefined();
  });
});
