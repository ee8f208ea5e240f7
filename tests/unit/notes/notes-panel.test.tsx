import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import type { NotesApi } from '@/lib/notes/api';
import type { NotesRepository } from '@/lib/notes/repository';
import type { NoteTarget, ReferenceLink } from '@/lib/notes/types';
import { NotesPanel } from '@/components/NotesPanel';
import { popupFixture, type FakeTab } from './fixtures';

const URL_ = 'https://news.example/syria';
const SELECTION: NoteTarget = { quote: { type: 'TextQuoteSelector', exact: 'Navi Pillay', prefix: '', suffix: ', the UN' } };

let store: NotesRepository;
let api: NotesApi;
let page: FakeTab;
let root: HTMLElement;

beforeEach(() => {
  localStorage.clear();
  // A clock that moves a second per write: notes made one after another in a test must not share a timestamp,
  // or "newest first" has no answer.
  let clock = Date.now();
  ({ repository: store, api, tab: page } = popupFixture(URL_, { now: () => new Date((clock += 1000)) }));
  root = document.createElement('div');
  document.body.replaceChildren(root);
});
// Unmount inside act and let preact's after-paint timers run before jsdom is torn down.
afterEach(async () => {
  await act(async () => { render(null, root); });
  await new Promise((ok) => setTimeout(ok, 50));
});

/** Under a busy machine (the whole suite in parallel) renders and effects can take a while. */
const eventually = (assertion: () => void) => vi.waitFor(assertion, { timeout: 5000, interval: 20 });
const q = <T extends Element = HTMLElement>(sel: string) => root.querySelector<T>(sel);
const all = (sel: string) => [...root.querySelectorAll(sel)];

async function mount(override?: Partial<NotesApi>) {
  await act(async () => { render(<NotesPanel tabId={1} api={{ ...api, ...override }} />, root); });
  await eventually(() => expect(q('textarea#bs-new-note')).not.toBeNull());
}

async function type(el: HTMLInputElement | HTMLTextAreaElement, value: string) {
  await act(async () => {
    el.value = value;
    el.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

async function ctrlEnter(el: Element) {
  await act(async () => { el.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', ctrlKey: true, bubbles: true })); });
}

async function click(el: Element | null) {
  if (!el) throw new Error('nothing to click');
  await act(async () => { (el as HTMLElement).click(); });
}

const byText = (sel: string, text: string) => all(sel).find((e) => e.textContent === text) ?? null;

describe('NotesPanel', () => {
  test('lists the page\'s notes newest first, shows HTML as text, and marks orphaned quotes without hiding them', async () => {
    const a = await store.create({ url: URL_, title: 'T', text: 'first <script>alert(1)</script>', tags: ['un'], target: SELECTION });
    const b = await store.create({ url: URL_, title: 'T', text: '<img src=x onerror=alert(1)>', tags: ['figures'] });
    await store.create({ url: 'https://elsewhere.example/', title: 'T', text: 'not this page' });
    page.report = { anchored: [], orphaned: [a.id] };
    await mount();
    await eventually(() => expect(all('.bs-note')).toHaveLength(2));
    expect(all('.bs-note').map((e) => e.getAttribute('data-note-id'))).toEqual([b.id, a.id]);
    expect(all('.bs-note-text').map((e) => e.textContent)).toEqual(['<img src=x onerror=alert(1)>', 'first <script>alert(1)</script>']);
    expect(root.querySelector('.bs-note img, .bs-note script')).toBeNull();
    const orphan = q(`[data-note-id="${a.id}"]`)!;
    expect(orphan.querySelector('.bs-orphan-mark')?.textContent).toMatch(/Quote not found on the page/);
    expect(orphan.querySelector('.bs-quote')?.textContent).toBe('Navi Pillay');
    expect(q('.bs-orphan-summary')?.textContent).toMatch(/^1 quote not found/);

    // Tag filter, with aria-pressed state for keyboard and screen-reader users.
    await click(byText('.bs-filter button', '#figures'));
    expect(all('.bs-note').map((e) => e.getAttribute('data-note-id'))).toEqual([b.id]);
    expect(byText('.bs-filter button', '#figures')?.getAttribute('aria-pressed')).toBe('true');
    await click(byText('.bs-filter button', 'All'));
    expect(all('.bs-note')).toHaveLength(2);
  });

  test('Ctrl+Enter saves a note on the selection, shown with its quote; the page is asked to re-anchor', async () => {
    page.selection = SELECTION;
    await mount();
    expect(q('[data-testid=composer-quote]')?.textContent).toBe('Navi Pillay');
    await type(q<HTMLTextAreaElement>('#bs-new-note')!, 'Her words');
    await type(q<HTMLInputElement>('#bs-new-tags')!, 'quotes, #UN');
    await ctrlEnter(q('#bs-new-note')!);
    await eventually(() => expect(all('.bs-note')).toHaveLength(1));
    const [saved] = await store.listByUrl(URL_);
    expect(saved).toMatchObject({ text: 'Her words', tags: ['quotes', 'UN'], title: 'Syria toll', target: SELECTION });
    expect(q<HTMLTextAreaElement>('#bs-new-note')!.value).toBe('');
    expect(q('[data-testid=composer-quote]')).toBeNull(); // the next note is on the page unless a new selection
    await eventually(() => expect(page.refreshed).toBe(1));
  });

  test('a failed save (full disk) says so and keeps what the reader typed, which a later save stores', async () => {
    let fail = true;
    await mount({
      save: (req) => (fail ? Promise.reject(new Error('Could not save the note: the browser could not write to the disk (it may be full).')) : api.save(req)),
    });
    await type(q<HTMLTextAreaElement>('#bs-new-note')!, 'Do not lose me');
    await ctrlEnter(q('#bs-new-note')!);
    await eventually(() => expect(q('[role=alert]')?.textContent).toMatch(/could not write to the disk/));
    expect(q<HTMLTextAreaElement>('#bs-new-note')!.value).toBe('Do not lose me');
    expect(await store.count()).toBe(0);
    fail = false;
    await ctrlEnter(q('#bs-new-note')!);
    await eventually(() => expect(all('.bs-note')).toHaveLength(1));
    expect(q('[role=alert]')).toBeNull();
  });

  test('the draft survives the popup closing and reopening', async () => {
    await mount();
    await type(q<HTMLTextAreaElement>('#bs-new-note')!, 'half a thought');
    render(null, root);
    await mount();
    expect(q<HTMLTextAreaElement>('#bs-new-note')!.value).toBe('half a thought');
  });

  test('edit in place saves with Ctrl+Enter; Escape cancels; a conflicting edit keeps the editor open with the message', async () => {
    const note = await store.create({ url: URL_, title: 'T', text: 'draft one', tags: [] });
    await mount();
    await eventually(() => expect(all('.bs-note')).toHaveLength(1));
    await click(q('[aria-label^="Edit note"]'));
    const editor = q<HTMLTextAreaElement>(`#bs-edit-${note.id}`)!;
    await eventually(() => expect(document.activeElement).toBe(editor));
    await type(editor, 'draft two');
    await ctrlEnter(editor);
    await eventually(() => expect(q('.bs-note-text')?.textContent).toBe('draft two'));
    expect((await store.get(note.id))?.text).toBe('draft two');

    await click(q('[aria-label^="Edit note"]'));
    await type(q<HTMLTextAreaElement>(`#bs-edit-${note.id}`)!, 'abandoned');
    await act(async () => { q(`#bs-edit-${note.id}`)!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true })); });
    expect(q(`#bs-edit-${note.id}`)).toBeNull();
    expect(q('.bs-note-text')?.textContent).toBe('draft two');

    // Meanwhile another window changes the text: this edit must not overwrite it silently.
    await click(q('[aria-label^="Edit note"]'));
    await store.update(note.id, { text: 'from the other window' });
    await type(q<HTMLTextAreaElement>(`#bs-edit-${note.id}`)!, 'mine');
    await ctrlEnter(q(`#bs-edit-${note.id}`)!);
    await eventually(() => expect(q('[role=alert]')?.textContent).toMatch(/changed in another window/));
    expect(q<HTMLTextAreaElement>(`#bs-edit-${note.id}`)!.value).toBe('mine');
    expect((await store.get(note.id))?.text).toBe('from the other window');
  });

  test('delete offers undo with focus on it; undo restores the same record in place', async () => {
    const older = await store.create({ url: URL_, title: 'T', text: 'older', tags: ['x'], target: SELECTION });
    await store.create({ url: URL_, title: 'T', text: 'newer', tags: [] });
    await mount();
    await eventually(() => expect(all('.bs-note')).toHaveLength(2));
    await click(q(`[data-note-id="${older.id}"] [aria-label^="Delete note"]`));
    await eventually(() => expect(all('.bs-note')).toHaveLength(1));
    expect(await store.get(older.id)).toBeUndefined();
    const undo = byText('.bs-undo button', 'Undo')!;
    // Focus moves to Undo in an effect after the render.
    await eventually(() => expect(document.activeElement).toBe(undo));
    await click(undo);
    await eventually(() => expect(all('.bs-note')).toHaveLength(2));
    expect(all('.bs-note-text').map((e) => e.textContent)).toEqual(['newer', 'older']);
    expect(await store.get(older.id)).toEqual(older);
  });

  test('a delete is not final when the popup closes: the reopened popup restores it by id', async () => {
    const note = await store.create({ url: URL_, title: 'T', text: 'keep me after all', tags: [] });
    await mount();
    await eventually(() => expect(all('.bs-note')).toHaveLength(1));
    await click(q('[aria-label^="Delete note"]'));
    await eventually(() => expect(all('.bs-note')).toHaveLength(0));
    // Closed and opened again: the undo bar is gone, the deleted note is offered.
    await act(async () => { render(null, root); });
    await mount();
    await eventually(() => expect(q('.bs-deleted summary')?.textContent).toBe('Recently deleted on this page (1)'));
    await click(q(`[data-deleted-id="${note.id}"] button`));
    await eventually(() => expect(all('.bs-note-text').map((e) => e.textContent)).toEqual(['keep me after all']));
    expect(await store.get(note.id)).toEqual(note);
    expect(q('.bs-deleted')).toBeNull();
  });

  test('undo restores a stored note that today\'s rules would refuse (an empty quote, a long tag, no URL), unchanged', async () => {
    const legacy = { id: 'legacy-1', url: URL_, title: 'T', created: '2020-01-01T00:00:00.000Z', modified: '2020-01-01T00:00:00.000Z',
      text: 'from an older version', tags: ['t'.repeat(300)], target: { quote: { type: 'TextQuoteSelector' as const, exact: '', prefix: '', suffix: '' } } };
    // Written as an older version or an earlier import did, past today's checks.
    const db = await (store as unknown as { db(): Promise<import('@/lib/notes/db').NotesDb> }).db();
    await db.put('annotations', legacy);
    await mount();
    await eventually(() => expect(all('.bs-note')).toHaveLength(1));
    await click(q('[aria-label^="Delete note"]'));
    await eventually(() => expect(all('.bs-note')).toHaveLength(0));
    await click(byText('.bs-undo button', 'Undo'));
    await eventually(() => expect(all('.bs-note')).toHaveLength(1));
    expect(q('[role=alert]')).toBeNull();
    expect(await store.get('legacy-1')).toEqual(legacy);
  });

  test('editing a note\'s text sends only the text: a stored tag over today\'s limit does not block the edit', async () => {
    const legacy = { id: 'legacy-2', url: URL_, title: 'T', created: '2020-01-01T00:00:00.000Z', modified: '2020-01-01T00:00:00.000Z',
      text: 'before', tags: ['t'.repeat(300)] };
    const db = await (store as unknown as { db(): Promise<import('@/lib/notes/db').NotesDb> }).db();
    await db.put('annotations', legacy);
    await mount();
    await eventually(() => expect(all('.bs-note')).toHaveLength(1));
    await click(q('[aria-label^="Edit note"]'));
    await type(q<HTMLTextAreaElement>('.bs-edit textarea')!, 'after');
    await ctrlEnter(q('.bs-edit textarea')!);
    await eventually(() => expect(q('.bs-note-text')?.textContent).toBe('after'));
    expect(await store.get('legacy-2')).toMatchObject({ text: 'after', tags: ['t'.repeat(300)] });
  });
});

describe('NotesPanel: a note on a highlighted name or figure is linked to it', () => {
  const ASSAD: ReferenceLink = { id: 'person:bashar-al-assad', kind: 'entity', label: 'Bashar al-Assad' };
  const ON_ASSAD: NoteTarget = { quote: { type: 'TextQuoteSelector', exact: 'President Assad', prefix: 'said ', suffix: ' had' } };

  test('the composer shows the link above the note, and the saved note keeps it (and says so in the list)', async () => {
    page.selection = ON_ASSAD;
    page.reference = ASSAD;
    await mount();
    await eventually(() => expect(q('[data-testid=composer-reference]')?.textContent).toBe('On Bashar al-Assad'));
    // Above the note field, below the quote.
    const form = q('form.bs-composer')!;
    const order = [...form.querySelectorAll('[data-testid=composer-quote], [data-testid=composer-reference], #bs-new-note')].map((e) => e.id || e.getAttribute('data-testid'));
    expect(order).toEqual(['composer-quote', 'composer-reference', 'bs-new-note']);
    await type(q<HTMLTextAreaElement>('#bs-new-note')!, 'Compare with his 2012 speech');
    await ctrlEnter(q('#bs-new-note')!);
    await eventually(() => expect(all('.bs-note')).toHaveLength(1));
    const [saved] = await store.listByUrl(URL_);
    expect(saved).toMatchObject({ text: 'Compare with his 2012 speech', target: ON_ASSAD, reference: ASSAD });
    expect(q('.bs-note .bs-note-reference')?.textContent).toBe('On Bashar al-Assad');
    // The next note starts unlinked, like it starts without the quote.
    expect(q('[data-testid=composer-reference]')).toBeNull();
  });

  test('the link can be removed before saving; the note is then saved without it, still on its quote', async () => {
    page.selection = ON_ASSAD;
    page.reference = ASSAD;
    await mount();
    await eventually(() => expect(q('[data-testid=composer-reference]')).not.toBeNull());
    await type(q<HTMLTextAreaElement>('#bs-new-note')!, 'Not about him');
    await click(q('[aria-label="Remove link to Bashar al-Assad"]'));
    expect(q('[data-testid=composer-reference]')).toBeNull();
    expect(document.activeElement).toBe(q('#bs-new-note'));
    expect(q('[data-testid=composer-quote]')?.textContent).toBe('President Assad');
    expect(q<HTMLTextAreaElement>('#bs-new-note')!.value).toBe('Not about him');
    await ctrlEnter(q('#bs-new-note')!);
    await eventually(() => expect(all('.bs-note')).toHaveLength(1));
    const [saved] = await store.listByUrl(URL_);
    expect(saved).toMatchObject({ text: 'Not about him', target: ON_ASSAD });
    expect(saved!.reference).toBeUndefined();
    expect(q('.bs-note .bs-note-reference')).toBeNull();
  });

  test('the context menu / command selection brings its link (a figure), which wins over the page\'s current one', async () => {
    const figure: ReferenceLink = { id: 'figure:people-killed-60000-more-than', kind: 'figure', label: 'more than 60,000 people killed' };
    const onFigure: NoteTarget = { quote: { type: 'TextQuoteSelector', exact: 'More than 60,000 people', prefix: '', suffix: ' have been killed' } };
    page.selection = ON_ASSAD;
    page.reference = ASSAD;
    await mount({ takePending: async (tabId) => ({ tabId, url: URL_, target: onFigure, reference: figure, at: Date.now() }) });
    await eventually(() => expect(q('[data-testid=composer-reference]')?.textContent).toBe('On figure more than 60,000 people killed'));
    expect(q('[data-testid=composer-quote]')?.textContent).toBe('More than 60,000 people');
    await type(q<HTMLTextAreaElement>('#bs-new-note')!, 'UN figure');
    await ctrlEnter(q('#bs-new-note')!);
    await eventually(() => expect(all('.bs-note')).toHaveLength(1));
    expect((await store.listByUrl(URL_))[0]).toMatchObject({ target: onFigure, reference: figure });
  });

  test('a page note (no selection) is never linked', async () => {
    page.selection = null;
    page.reference = ASSAD; // a stale link without a selection must not leak into a page note
    await mount();
    await type(q<HTMLTextAreaElement>('#bs-new-note')!, 'On the whole page');
    await ctrlEnter(q('#bs-new-note')!);
    await eventually(() => expect(all('.bs-note')).toHaveLength(1));
    expect(q('[data-testid=composer-reference]')).toBeNull();
    expect((await store.listByUrl(URL_))[0]!.reference).toBeUndefined();
  });

  test('search finds a note by the name it is linked to, and its result says so', async () => {
    await store.create({ url: 'https://elsewhere.example/', title: 'Elsewhere', text: 'his speech', tags: [], target: ON_ASSAD, reference: ASSAD });
    await store.create({ url: 'https://elsewhere.example/', title: 'Elsewhere', text: 'unrelated', tags: [] });
    await mount();
    await act(async () => {
      const box = q<HTMLInputElement>('input[type=search]')!;
      box.value = 'bashar';
      box.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await eventually(() => expect(all('.bs-result')).toHaveLength(1));
    expect(q('.bs-result .bs-note-text')?.textContent).toBe('his speech');
    expect(q('.bs-result .bs-note-reference')?.textContent).toBe('On Bashar al-Assad');
  });

  test('a link label is shown as text, never as HTML', async () => {
    page.selection = ON_ASSAD;
    page.reference = { id: 'person:x', kind: 'entity', label: '<img src=x onerror=alert(1)>' };
    await mount();
    await eventually(() => expect(q('[data-testid=composer-reference]')?.textContent).toBe('On <img src=x onerror=alert(1)>'));
    expect(root.querySelector('.bs-composer img')).toBeNull();
  });
});
