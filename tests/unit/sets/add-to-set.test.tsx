// The popup's "Add this article to a reference set", over a real sets repository (fake-indexeddb) and a recording
// background: the first article makes a new set, later ones go to the chosen set, each asks for a build, the
// build's progress shows, and a page without an article gets a plain message and adds nothing.
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { IDBFactory } from 'fake-indexeddb';
import { AddToSet } from '@/components/AddToSet';
import { createSetsApi, type MessageEvents, type SetsApi } from '@/lib/sets/api';
import { openSetsRepository } from '@/lib/sets/repository';
import type { Envelope } from '@/lib/messages';
import type { NewDocument } from '@/lib/sets/limits';
import { ARTICLE_UNAVAILABLE } from '@/lib/sets/page-article';

let root: HTMLElement;
let api: SetsApi;
let sent: Envelope[];
let listeners: Set<(m: unknown) => void>;
let article: NewDocument | null;
let opened: string[];

beforeEach(() => {
  root = document.createElement('div');
  document.body.replaceChildren(root);
  sent = [];
  listeners = new Set();
  opened = [];
  const messages: MessageEvents = { addListener: (l) => void listeners.add(l), removeListener: (l) => void listeners.delete(l) };
  api = createSetsApi({
    repository: openSetsRepository(new IDBFactory()),
    toBackground: async (m) => {
      sent.push(m);
      return { ok: true, value: m.type === 'sets/status' ? { running: null, queued: [] } : null };
    },
    messages,
  });
  article = { title: 'Floods sweep the valley', publisher: 'Northern Courier', date: '2024-10-14', url: 'https://news.example/floods', text: 'Floods sweep the valley\n\nGovernor Elena Marchetti said…', origin: 'page' };
});
afterEach(async () => {
  await act(async () => render(null, root));
});

const $ = <T extends Element>(s: string) => root.querySelector<T>(s)!;
const eventually = (assertion: () => void) => vi.waitFor(assertion, { timeout: 3000, interval: 10 });

async function mount() {
  await act(async () => render(<AddToSet api={api} article={async () => article} openSet={(id) => void opened.push(id)} />, root));
}

async function input(selector: string, value: string) {
  await act(async () => {
    const el = $<HTMLInputElement | HTMLSelectElement>(selector);
    el.value = value;
    el.dispatchEvent(new Event(el instanceof HTMLSelectElement ? 'change' : 'input', { bubbles: true }));
  });
}

async function add() {
  await act(async () => $<HTMLButtonElement>('button[type="submit"]').click());
}

describe('Add this article to a reference set', () => {
  test('the first article makes a new set, named here; the next one goes to it; each asks for a build', async () => {
    await mount();
    await eventually(() => expect($<HTMLSelectElement>('#bs-add-set').value).toBe('__new__'));
    expect($<HTMLButtonElement>('button[type="submit"]').disabled).toBe(true);
    await input('#bs-add-set-name', 'Valdora floods');
    await add();
    await eventually(() => expect($('[data-testid="add-to-set-status"]').textContent).toBe('Added “Floods sweep the valley” to “Valdora floods”.'));
    const [set] = await api.repository.listSets();
    expect(set!.name).toBe('Valdora floods');
    const [doc] = await api.repository.listDocuments(set!.id);
    expect(doc).toMatchObject({ title: 'Floods sweep the valley', publisher: 'Northern Courier', date: '2024-10-14', url: 'https://news.example/floods', origin: 'page' });
    expect(sent.filter((m) => m.type === 'sets/build').map((m) => m.payload)).toEqual([{ setId: set!.id }]);

    // The set is chosen now; a second article joins it.
    await eventually(() => expect($<HTMLSelectElement>('#bs-add-set').value).toBe(set!.id));
    expect($('#bs-add-set option:checked').textContent).toBe('Valdora floods (1 document)');
    article = { ...article!, title: 'Second report', text: 'Second report\n\nMore.' };
    await add();
    await eventually(() => expect($('[data-testid="add-to-set-status"]').textContent).toBe('Added “Second report” to “Valdora floods”.'));
    expect((await api.repository.listDocuments(set!.id)).map((d) => d.id)).toEqual(['d0001', 'd0002']);

    // The build's progress, as the build host tells every page.
    await act(async () => listeners.forEach((l) => l({ backstory: 1, type: 'sets/progress', payload: { setId: set!.id, phase: 'reading', done: 1, total: 2 } })));
    expect($('[data-testid="add-to-set-build"]').textContent).toContain('Building the set: 1 of 2 documents read…');
    await act(async () => listeners.forEach((l) => l({ backstory: 1, type: 'sets/progress', payload: { setId: set!.id, phase: 'done', done: 2, total: 2 } })));
    expect($('[data-testid="add-to-set-build"]').textContent).toContain('The set is built');
    await act(async () => $<HTMLButtonElement>('[data-testid="add-to-set-build"] button').click());
    expect(opened).toEqual([set!.id]);
  });

  test('a page without an article: a plain message, nothing added, no set made', async () => {
    article = null;
    await mount();
    await eventually(() => expect(root.querySelector('#bs-add-set-name')).not.toBeNull());
    await input('#bs-add-set-name', 'Empty');
    await add();
    await eventually(() => expect($('[role="alert"]').textContent).toBe('Backstory found no article on this page to add.'));
    expect(await api.repository.listSets()).toEqual([]);
    expect(sent.some((m) => m.type === 'sets/build')).toBe(false);
  });

  test('the tab cannot give its article (the part did not load, no answer): said in the reader\'s words, nothing added', async () => {
    await act(async () => render(<AddToSet api={api} article={() => Promise.reject(new Error("Backstory's sets part did not load"))} openSet={() => undefined} />, root));
    await eventually(() => expect(root.querySelector('#bs-add-set-name')).not.toBeNull());
    await input('#bs-add-set-name', 'Floods');
    await add();
    await eventually(() => expect($('[role="alert"]').textContent).toBe(ARTICLE_UNAVAILABLE));
    expect(await api.repository.listSets()).toEqual([]);
  });
});
