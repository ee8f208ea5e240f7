import { describe, expect, test } from 'vitest';
import { openAtPassage, type OpenPassageDeps, type PassageTab } from '@/lib/notes/open-passage';
import type { Annotation } from '@/lib/notes/types';

const quoted: Annotation = {
  id: 'n1', url: 'https://news.example/syria', title: 'Syria', created: '2026-01-01T00:00:00.000Z', modified: '2026-01-01T00:00:00.000Z',
  text: 'Check this', tags: [], target: { quote: { type: 'TextQuoteSelector', exact: 'more than 60,000', prefix: 'killed ', suffix: ' people' } },
};

function deps(over: Partial<OpenPassageDeps> & { open?: PassageTab[]; revealAfter?: number } = {}) {
  const log: string[] = [];
  let asked = 0;
  const d: OpenPassageDeps = {
    getNote: async (id) => (id === quoted.id ? quoted : id === 'page' ? { ...quoted, id: 'page', target: undefined } : id === 'file' ? { ...quoted, id: 'file', url: 'file:///a.html' } : undefined),
    tabs: async () => over.open ?? [],
    createTab: async (url) => { log.push(`create ${url}`); return { id: 7, url }; },
    activate: async (tab) => { log.push(`activate ${tab.id}`); },
    loaded: async (id) => { log.push(`loaded ${id}`); },
    reveal: async (id, note) => { asked++; log.push(`reveal ${id} ${note}`); return asked > (over.revealAfter ?? 0); },
    sleep: async (ms) => { log.push(`sleep ${ms}`); },
    ...over,
  };
  return { d, log };
}

describe('openAtPassage', () => {
  test('opens a new tab at the passage (a text fragment) and keeps asking the page to show the note until it can', async () => {
    const { d, log } = deps({ revealAfter: 2 });
    expect(await openAtPassage('n1', d)).toEqual({ tabId: 7, opened: true, revealed: true });
    expect(log[0]).toBe('create https://news.example/syria#:~:text=killed-,more%20than%2060%2C000,-people');
    expect(log.slice(1)).toEqual(['loaded 7', 'reveal 7 n1', 'sleep 100', 'reveal 7 n1', 'sleep 200', 'reveal 7 n1']);
  });

  test('a tab already showing the page (any tracking parameters or fragment) is brought forward instead', async () => {
    const { d, log } = deps({ open: [{ id: 3, url: 'https://news.example/other' }, { id: 4, url: 'https://news.example/syria?utm_source=x#top' }] });
    expect(await openAtPassage('n1', d)).toEqual({ tabId: 4, opened: false, revealed: true });
    expect(log).toEqual(['activate 4', 'loaded 4', 'reveal 4 n1']);
  });

  test('gives up after a while when the passage is not on the page any more', async () => {
    const { d } = deps({ revealAfter: Infinity, revealWithinMs: 1000 });
    expect(await openAtPassage('n1', d)).toEqual({ tabId: 7, opened: true, revealed: false });
  });

  test('a page note opens its page; a note on a file or a deleted note says why it cannot be opened', async () => {
    const { d, log } = deps();
    expect(await openAtPassage('page', d)).toEqual({ tabId: 7, opened: true, revealed: false });
    expect(log).toEqual(['create https://news.example/syria', 'loaded 7']);
    await expect(openAtPassage('file', d)).rejects.toThrow(/not a web page/);
    await expect(openAtPassage('gone', d)).rejects.toThrow(/no longer exists/);
  });
});
