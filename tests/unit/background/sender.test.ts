// The one rule for what a content script may touch: the notes of the page its tab shows now, by the browser's
// committed address, never by the sender's own `url` (the address the document was first loaded at).
import { afterEach, expect, test, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { committedPageUrl, tabShows, type TabsLike } from '@/entrypoints/background/sender';

type Listener = (tabId: number, change: { url?: string }) => void;

/** Tabs whose addresses the test moves, telling listeners as the browser does. */
function fakeTabs(urls: Record<number, string>): TabsLike & { navigate(tabId: number, url: string): void; listeners: Set<Listener> } {
  const listeners = new Set<Listener>();
  return {
    listeners,
    get: async (tabId) => ({ url: urls[tabId] }),
    onUpdated: { addListener: (l) => listeners.add(l), removeListener: (l) => listeners.delete(l) },
    navigate(tabId, url) {
      urls[tabId] = url;
      for (const l of [...listeners]) l(tabId, { url });
    },
  };
}

afterEach(() => vi.useRealTimers());

test('a content script in a tab\'s top frame may act on the page its tab shows, from any link to it', async () => {
  const tabs = fakeTabs({ 3: 'https://news.example/b' });
  const sender = { url: 'https://news.example/a', tab: { id: 3, url: 'https://news.example/b?utm_source=x' }, frameId: 0, id: browser.runtime.id };
  expect(await tabShows(sender, 'https://news.example/b#top', { tabs })).toBe(true);
});

test('the document\'s first address (sender.url) is not the page the tab shows after pushState', async () => {
  vi.useFakeTimers();
  const tabs = fakeTabs({ 3: 'https://news.example/b' });
  const sender = { url: 'https://news.example/a', tab: { id: 3, url: 'https://news.example/b' }, frameId: 0, id: browser.runtime.id };
  const answer = tabShows(sender, 'https://news.example/a', { tabs, waitMs: 1000 });
  await vi.advanceTimersByTimeAsync(1000);
  expect(await answer).toBe(false);
  expect(tabs.listeners.size).toBe(0);
});

test('a navigation the page made just before asking counts once the browser has it, within the wait', async () => {
  vi.useFakeTimers();
  const tabs = fakeTabs({ 3: 'https://news.example/a' });
  const sender = { url: 'https://news.example/a', tab: { id: 3, url: 'https://news.example/a' }, frameId: 0, id: browser.runtime.id };
  const answer = tabShows(sender, 'https://news.example/b', { tabs, waitMs: 1000 });
  await vi.advanceTimersByTimeAsync(200);
  tabs.navigate(3, 'https://news.example/b');
  expect(await answer).toBe(true);
  expect(tabs.listeners.size).toBe(0);
});

test('sub-frames, other extensions, senders without a tab and Backstory-less messages get nothing', async () => {
  const tabs = fakeTabs({ 3: 'https://news.example/a' });
  const id = browser.runtime.id;
  expect(await tabShows({ url: 'https://news.example/a', tab: { id: 3, url: 'https://news.example/a' }, frameId: 0, id }, 'https://news.example/a', { tabs })).toBe(true);
  expect(await tabShows({ url: 'https://news.example/a', tab: { id: 3, url: 'https://news.example/a' }, frameId: 2, id }, 'https://news.example/a', { tabs })).toBe(false);
  expect(await tabShows({ url: 'https://news.example/a', tab: { id: 3, url: 'https://news.example/a' }, frameId: 0, id: 'another-extension' }, 'https://news.example/a', { tabs })).toBe(false);
  expect(await tabShows({ url: 'https://news.example/a' }, 'https://news.example/a', { tabs })).toBe(false);
  expect(await tabShows(undefined, 'https://news.example/a', { tabs })).toBe(false);
});

test('a write is filed under the address the tab shows now, asked of the browser, never sender.url', async () => {
  const tabs = fakeTabs({ 3: 'https://news.example/b' });
  const id = browser.runtime.id;
  const top = { url: 'https://news.example/a', tab: { id: 3, url: 'https://news.example/a' }, frameId: 0, id };
  expect(await committedPageUrl(top, { tabs })).toBe('https://news.example/b');
  expect(await committedPageUrl({ ...top, frameId: 1 }, { tabs })).toBeUndefined();
  expect(await committedPageUrl({ ...top, id: 'another-extension' }, { tabs })).toBeUndefined();
  expect(await committedPageUrl({ ...top, tab: { id: -1 } }, { tabs })).toBeUndefined();
  expect(await committedPageUrl(top, { tabs: { get: () => Promise.reject(new Error('No tab with id: 3')) } })).toBeUndefined();
});
