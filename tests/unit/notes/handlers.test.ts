import { beforeEach, describe, expect, test } from 'vitest';
import { IDBFactory } from 'fake-indexeddb';
import { createDbHandle } from '@/lib/notes/db';
import { NotesStore } from '@/lib/notes/store';
import { createNotesHandlers } from '@/lib/notes/handlers';
import { createClient, routeMessage, type Handlers } from '@/lib/messages';
import type { PendingSelection } from '@/lib/notes/messages';

const POPUP = { url: 'chrome-extension://abc/popup.html?tab=3' };
const PAGE = { url: 'https://news.example/a?utm_source=x#top', tab: { id: 3 } };

let handlers: Handlers;
let pending: Map<number, PendingSelection>;

beforeEach(() => {
  pending = new Map();
  handlers = createNotesHandlers({
    store: new NotesStore(createDbHandle(new IDBFactory())),
    isExtensionPage: (s) => (s as { url?: string }).url?.startsWith('chrome-extension://abc/') ?? false,
    contentScriptUrl: (s) => ((s as { tab?: unknown }).tab ? (s as { url?: string }).url : undefined),
    takePending: async (tabId) => {
      const p = pending.get(tabId) ?? null;
      pending.delete(tabId);
      return p;
    },
  }) as Handlers;
});

/** A client whose transport goes through routeMessage, as runtime.sendMessage does, from `sender`. */
const clientFrom = (sender: unknown) => createClient(async (m) => routeMessage(handlers, m, sender));

describe('notes handlers through routeMessage', () => {
  test('save normalises the URL; list-for-url finds the note from any link to the page, newest first', async () => {
    const send = clientFrom(POPUP);
    const first = await send('notes/save', { url: 'https://News.example/a?fbclid=1#x', title: 'A', text: 'one', tags: ['t'] });
    expect(first.url).toBe('https://news.example/a');
    await send('notes/save', { url: 'https://news.example/a', title: 'A', text: 'two' });
    expect((await send('notes/list-for-url', { url: 'https://news.example/a?utm_medium=e' })).map((n) => n.text)).toEqual(['two', 'one']);
  });

  test('update, delete and undo-delete round-trip through messages', async () => {
    const send = clientFrom(POPUP);
    const note = await send('notes/save', { url: 'https://n.example/', title: 'T', text: 'a <img src=x onerror=alert(1)>' });
    const edited = await send('notes/update', { id: note.id, patch: { text: 'b', tags: ['x'] }, base: { text: note.text } });
    expect(edited).toMatchObject({ text: 'b', tags: ['x'] });
    const deleted = await send('notes/delete', { id: note.id });
    expect(deleted?.id).toBe(note.id);
    expect(await send('notes/list-for-url', { url: 'https://n.example/' })).toEqual([]);
    await send('notes/undo-delete', { note: deleted! });
    expect(await send('notes/list-for-url', { url: 'https://n.example/' })).toEqual([edited]);
    expect(await send('notes/delete', { id: 'gone' })).toBeNull();
  });

  test('search and get-all answer across pages', async () => {
    const send = clientFrom(POPUP);
    await send('notes/save', { url: 'https://n.example/1', title: 'Homs', text: 'shelling' });
    await send('notes/save', { url: 'https://n.example/2', title: 'Aleppo', text: 'water cut' });
    expect((await send('notes/search', { query: 'homs' })).map((n) => n.url)).toEqual(['https://n.example/1']);
    expect(await send('notes/get-all', {})).toHaveLength(2);
    expect(await send('notes/count', {})).toBe(2);
  });

  test('malformed requests get a clear error and write nothing', async () => {
    const send = clientFrom(POPUP);
    await expect(send('notes/save', { url: '', title: 'x', text: 'y' })).rejects.toThrow(/Invalid note: url: the page address is missing/);
    await expect(send('notes/save', { url: 'https://n.example/', title: 'x', text: 'y'.repeat(100_001) })).rejects.toThrow(/longer than 100,000/);
    await expect(send('notes/undo-delete', { note: { id: 'x' } as never })).rejects.toThrow(/Invalid note to restore/);
    await expect(send('notes/update', { id: 'nope', patch: { text: 'x' } })).rejects.toThrow(/no longer exists/);
    expect(await send('notes/count', {})).toBe(0);
  });

  test('a content script may read its own page\'s notes only, and may not write or search', async () => {
    await clientFrom(POPUP)('notes/save', { url: 'https://news.example/a', title: 'A', text: 'mine' });
    await clientFrom(POPUP)('notes/save', { url: 'https://other.example/', title: 'B', text: 'secret' });
    const page = clientFrom(PAGE);
    expect((await page('notes/list-for-url', { url: 'https://news.example/a' })).map((n) => n.text)).toEqual(['mine']);
    await expect(page('notes/list-for-url', { url: 'https://other.example/' })).rejects.toThrow(/only read its own notes/);
    await expect(page('notes/search', { query: 'secret' })).rejects.toThrow(/Only Backstory's own pages/);
    await expect(page('notes/save', { url: 'https://news.example/a', title: 'A', text: 'x' })).rejects.toThrow(/Only Backstory's own pages/);
  });

  test('take-pending hands the stored selection over once', async () => {
    pending.set(3, { tabId: 3, url: 'https://n.example/', at: 1, target: { quote: { type: 'TextQuoteSelector', exact: 'q', prefix: '', suffix: '' } } });
    const send = clientFrom(POPUP);
    expect((await send('notes/take-pending', { tabId: 3 }))?.target.quote.exact).toBe('q');
    expect(await send('notes/take-pending', { tabId: 3 })).toBeNull();
  });

  test('a note linked to a reference item keeps the link, is found by its label, and a malformed link is refused', async () => {
    const send = clientFrom(POPUP);
    const target = { quote: { type: 'TextQuoteSelector' as const, exact: 'Assad', prefix: 'President ', suffix: ' said' } };
    const reference = { id: 'person:bashar-al-assad', kind: 'entity' as const, label: 'Bashar al-Assad' };
    const note = await send('notes/save', { url: 'https://n.example/a', title: 'A', text: 'his words', target, reference });
    expect(note.reference).toEqual(reference);
    expect((await send('notes/list-for-url', { url: 'https://n.example/a' }))[0]?.reference).toEqual(reference);
    expect((await send('notes/search', { query: 'bashar' })).map((n) => n.id)).toEqual([note.id]);
    await expect(send('notes/save', { url: 'https://n.example/a', title: 'A', text: 'x', target, reference: { ...reference, kind: 'person' as never } }))
      .rejects.toThrow(/Invalid note: reference\.kind/);
    await expect(send('notes/save', { url: 'https://n.example/a', title: 'A', text: 'x', target, reference: { ...reference, id: '' } }))
      .rejects.toThrow(/Invalid note: reference\.id/);
    expect(await send('notes/count', {})).toBe(1);

    pending.set(4, { tabId: 4, url: 'https://n.example/a', target, reference, at: 1 });
    expect((await send('notes/take-pending', { tabId: 4 }))?.reference).toEqual(reference);
  });

  test('messages that are not notes requests are left to other listeners', () => {
    expect(routeMessage(handlers, { backstory: 1, type: 'page/unknown', payload: {} }, POPUP)).toBeUndefined();
    expect(routeMessage(handlers, { hello: 1 }, POPUP)).toBeUndefined();
  });
});
