// Notes written from the page itself (lib/notes/page-handlers.ts): filed under the address of the sender's tab as
// the browser shows it, never one the page names; deleted and restored only from the page they belong to.
import { beforeEach, expect, test } from 'vitest';
import { IDBFactory } from 'fake-indexeddb';
import { openRepository, type NotesRepository } from '@/lib/notes/repository';
import { createPageNotesHandlers } from '@/lib/notes/page-handlers';
import { createClient, routeMessage, type Handlers } from '@/lib/messages';
import type { PageSaveRequest } from '@/lib/notes/messages';

let repository: NotesRepository;
let handlers: Handlers;
/** What the browser says each sender's tab shows now. */
const tabs = new Map<number, string>();

beforeEach(() => {
  repository = openRepository(new IDBFactory());
  tabs.clear();
  handlers = createPageNotesHandlers({
    repository,
    pageUrl: async (sender) => {
      const s = sender as { tab?: { id: number }; frameId?: number };
      return s.tab && s.frameId === 0 ? tabs.get(s.tab.id) : undefined;
    },
  });
});

const from = (sender: unknown) => createClient(async (m) => routeMessage(handlers, m, sender));
const tab = (id: number) => ({ tab: { id }, frameId: 0 });
const quote = (exact: string) => ({ quote: { type: 'TextQuoteSelector' as const, exact, prefix: '', suffix: '' } });
const request = (over: Partial<PageSaveRequest> = {}): PageSaveRequest => ({ title: 'A page', text: 'A note', tags: ['t'], target: quote('words'), ...over });

test('a note is filed under the tab\'s address as it shows now (normalised), with its quote and link', async () => {
  tabs.set(1, 'https://news.example/story?utm_source=x#part-2');
  const note = await from(tab(1))('notes/save-for-page', request({ reference: { id: 'org:un', kind: 'entity', label: 'United Nations' } }));
  expect(note).toMatchObject({ url: 'https://news.example/story', title: 'A page', text: 'A note', tags: ['t'], target: quote('words'), reference: { id: 'org:un' } });
  expect((await repository.listByUrl('https://news.example/story')).map((n) => n.id)).toEqual([note.id]);
  // Whatever else the message carries, the address is the tab's.
  const sneaky = await from(tab(1))('notes/save-for-page', { ...request(), url: 'https://bank.example/' } as PageSaveRequest);
  expect(sneaky.url).toBe('https://news.example/story');
});

test('nothing is saved for a sender that is not a web page\'s top frame, nor without a quote, nor a malformed one', async () => {
  tabs.set(1, 'https://news.example/story');
  tabs.set(2, 'chrome://settings/');
  await expect(from({ tab: { id: 1 }, frameId: 3 })('notes/save-for-page', request())).rejects.toThrow(/only from a web page/);
  await expect(from(tab(2))('notes/save-for-page', request())).rejects.toThrow(/only from a web page/);
  await expect(from({ url: 'chrome-extension://id/popup.html' })('notes/save-for-page', request())).rejects.toThrow(/only from a web page/);
  await expect(from(tab(1))('notes/save-for-page', { ...request(), target: undefined } as unknown as PageSaveRequest)).rejects.toThrow(/target/);
  await expect(from(tab(1))('notes/save-for-page', request({ target: quote('') }))).rejects.toThrow(/quote/i);
  expect(await repository.count()).toBe(0);
});

test('a page deletes and restores its own notes by id, and never another page\'s', async () => {
  tabs.set(1, 'https://news.example/story');
  tabs.set(2, 'https://other.example/');
  const mine = await from(tab(1))('notes/save-for-page', request());
  const theirs = await from(tab(2))('notes/save-for-page', request({ text: 'theirs' }));

  await expect(from(tab(1))('notes/delete-for-page', { id: theirs.id })).rejects.toThrow(/only delete its own/);
  expect(await repository.get(theirs.id)).toBeDefined();

  expect(await from(tab(1))('notes/delete-for-page', { id: mine.id })).toBeNull();
  expect(await repository.get(mine.id)).toBeUndefined();
  expect((await repository.listDeleted()).map((d) => d.id)).toEqual([mine.id]); // in the trash, not gone

  await from(tab(2))('notes/delete-for-page', { id: theirs.id });
  await expect(from(tab(1))('notes/restore-for-page', { id: theirs.id })).rejects.toThrow(/only restore its own/);
  expect((await from(tab(1))('notes/restore-for-page', { id: mine.id })).id).toBe(mine.id);
  expect(await repository.get(mine.id)).toMatchObject({ text: 'A note' });

  // The tab moved on (a single-page site's next article): the old page's notes are no longer its own.
  tabs.set(1, 'https://news.example/next-story');
  await expect(from(tab(1))('notes/delete-for-page', { id: mine.id })).rejects.toThrow(/only delete its own/);
});

test('the page\'s Restore after an import brought the note back returns it as it is, and another page\'s still cannot', async () => {
  tabs.set(1, 'https://news.example/story');
  tabs.set(2, 'https://other.example/');
  const mine = await from(tab(1))('notes/save-for-page', request());
  // The file exported before the delete holds the note.
  const file = await repository.listAll();
  await from(tab(1))('notes/delete-for-page', { id: mine.id });
  expect(await repository.importRecords(file)).toEqual({ added: 1, updated: 0, skipped: 0 });
  expect(await repository.listDeleted()).toEqual([]);
  // The adder's "Highlight deleted [Restore]" is still showing.
  expect(await from(tab(1))('notes/restore-for-page', { id: mine.id })).toEqual(mine);
  expect(await repository.count()).toBe(1);
  // Live, but not on the sender's page: refused as before.
  await expect(from(tab(2))('notes/restore-for-page', { id: mine.id })).rejects.toThrow(/only restore its own/);
  await expect(from(tab(1))('notes/restore-for-page', { id: 'no-such-note' })).rejects.toThrow(/only restore its own/);
});
