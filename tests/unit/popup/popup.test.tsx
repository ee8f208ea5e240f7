// The popup, as components/Popup.tsx composes it, over a real repository (fake-indexeddb) and a tab played by
// handlers the test controls: the composer and this page's notes, edit, delete and undo, links to reference items,
// search across all notes (marked, with edit, delete, undo and open at passage), pages Backstory cannot run on,
// long notes folded, links in notes, and export of the current search.
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { choose, typeInto } from '../dom-input';
import type { NotesApi } from '@/lib/notes/api';
import type { NotesRepository } from '@/lib/notes/repository';
import type { NoteTarget, ReferenceLink } from '@/lib/notes/types';
import { createTransferApi, type TransferApi } from '@/lib/export/transfer';
import type { ExportFile } from '@/lib/export/formats';
import { Popup } from '@/components/Popup';
import { PAGE_SIZE } from '@/components/NotesPanel';
import { popupFixture, type PopupFixture, type FakeTab } from '../notes/fixtures';

const URL_ = 'https://news.example/syria';
const SELECTION: NoteTarget = { quote: { type: 'TextQuoteSelector', exact: 'Navi Pillay', prefix: '', suffix: ', the UN' } };

let fixture: PopupFixture;
let store: NotesRepository;
let api: NotesApi;
let page: FakeTab;
let transfer: TransferApi;
let exported: ExportFile[];
let downloads: string[];
let root: HTMLElement;
let libraryOpened: (string | undefined)[];

beforeEach(() => {
  localStorage.clear();
  // A clock that moves a second per write: notes made one after another in a test must not share a timestamp,
  // or "newest first" has no answer.
  let clock = Date.now();
  fixture = popupFixture(URL_, { now: () => new Date((clock += 1000)) });
  ({ repository: store, api, tab: page } = fixture);
  const local = createTransferApi({ repository: store, tabUrl: async () => page.url });
  exported = [];
  transfer = { ...local, exportFile: async (format, scope) => { const file = await local.exportFile(format, scope); exported.push(file); return file; } };
  URL.createObjectURL = vi.fn(() => 'blob:test');
  URL.revokeObjectURL = vi.fn();
  downloads = [];
  // jsdom cannot navigate; record the download link the menu clicks instead.
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) { downloads.push(this.download); });
  libraryOpened = [];
  root = document.createElement('div');
  document.body.replaceChildren(root);
});
// Unmount inside act and let preact's after-paint timers run before jsdom is torn down.
afterEach(async () => {
  await act(async () => { render(null, root); });
  await new Promise((ok) => setTimeout(ok, 50));
  vi.restoreAllMocks();
});

/** Under a busy machine (the whole suite in parallel) renders and effects can take a while. */
const eventually = (assertion: () => void) => vi.waitFor(assertion, { timeout: 5000, interval: 20 });
const q = <T extends Element = HTMLElement>(sel: string) => root.querySelector<T>(sel);
const all = (sel: string) => [...root.querySelectorAll(sel)];
const texts = (sel: string) => all(sel).map((e) => e.textContent);
/** The page's notes (not search results). */
const pageNotes = () => all('.bs-notes .bs-note');

async function mount(override?: Partial<NotesApi>, { waitForComposer = true } = {}) {
  await act(async () => {
    render(
      <Popup
        tabId={1}
        notesApi={{ ...api, ...override }}
        transferApi={transfer}
        reach={fixture.reach}
        iconUrl="icon.svg"
        guideUrl="chrome-extension://id/welcome.html"
        openLibrary={(section) => libraryOpened.push(section)}
      />,
      root,
    );
  });
  if (waitForComposer) await eventually(() => expect(q('textarea#bs-new-note')).not.toBeNull());
}

async function ctrlEnter(el: Element) {
  await act(async () => { el.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', ctrlKey: true, bubbles: true })); });
}

async function click(el: Element | null | undefined) {
  if (!el) throw new Error('nothing to click');
  await act(async () => { (el as HTMLElement).click(); });
}

const byText = (sel: string, text: string) => all(sel).find((e) => e.textContent === text) ?? null;
const search = (text: string) => typeInto(q<HTMLInputElement>('input[type=search]')!, text);

describe('the popup: this page\'s notes', { timeout: 30_000 }, () => {
  test('lists the page\'s notes newest first, shows HTML as text, and marks orphaned quotes without hiding them', async () => {
    const a = await store.create({ url: URL_, title: 'T', text: 'first <script>alert(1)</script>', tags: ['un'], target: SELECTION });
    const b = await store.create({ url: URL_, title: 'T', text: '<img src=x onerror=alert(1)>', tags: ['figures'] });
    await store.create({ url: 'https://elsewhere.example/', title: 'T', text: 'not this page' });
    page.report = { anchored: [], orphaned: [a.id] };
    await mount();
    await eventually(() => expect(pageNotes()).toHaveLength(2));
    expect(pageNotes().map((e) => e.getAttribute('data-note-id'))).toEqual([b.id, a.id]);
    expect(texts('.bs-notes .bs-note-text')).toEqual(['<img src=x onerror=alert(1)>', 'first <script>alert(1)</script>']);
    expect(root.querySelector('.bs-note img, .bs-note script')).toBeNull();
    await eventually(() => expect(q(`[data-note-id="${a.id}"] .bs-orphan-mark`)?.textContent).toMatch(/Quote not found on the page/));
    expect(q(`[data-note-id="${a.id}"] .bs-quote`)?.textContent).toBe('Navi Pillay');
    expect(q('.bs-orphan-summary')?.textContent).toMatch(/^1 quote not found/);
    expect(q('[data-testid=page-count]')?.textContent).toBe(' (2)');
    // One heading for the page's notes, one for nothing else: the found line is not a second "On this page".
    expect(texts('h2').filter((t) => /this page/i.test(t ?? ''))).toEqual(['Notes on this page (2)']);

    // Tag filter: a labelled list of this page's tags, written as they are everywhere (#tag).
    const filter = q<HTMLSelectElement>('#bs-tag-filter')!;
    expect([...filter.options].map((o) => o.text)).toEqual(['All tags', '#figures', '#un']);
    await choose(filter, 'figures');
    expect(pageNotes().map((e) => e.getAttribute('data-note-id'))).toEqual([b.id]);
    await choose(filter, '');
    expect(pageNotes()).toHaveLength(2);
  });

  test('newest first or in reading order, as the reader chooses (remembered for the next popup)', async () => {
    const at = (start: number, exact: string): NoteTarget => ({ quote: { type: 'TextQuoteSelector', exact, prefix: '', suffix: '' }, position: { type: 'TextPositionSelector', start, end: start + exact.length } });
    await store.create({ url: URL_, title: 'T', text: 'end of the article', target: at(900, 'last words') });
    await store.create({ url: URL_, title: 'T', text: 'the whole page' });
    await store.create({ url: URL_, title: 'T', text: 'the lede', target: at(10, 'first words') });
    await mount();
    await eventually(() => expect(texts('.bs-notes .bs-note-text')).toEqual(['the lede', 'the whole page', 'end of the article']));
    const order = q<HTMLSelectElement>('#bs-page-order')!;
    expect([...order.options].map((o) => o.text)).toEqual(['Newest first', 'Reading order']);
    await choose(order, 'reading');
    expect(texts('.bs-notes .bs-note-text')).toEqual(['the lede', 'end of the article', 'the whole page']);
    await act(async () => { render(null, root); });
    await mount();
    await eventually(() => expect(texts('.bs-notes .bs-note-text')).toEqual(['the lede', 'end of the article', 'the whole page']));
  });

  test('Ctrl+Enter saves a note on the selection, shown with its quote; the page is asked to re-anchor', async () => {
    page.selection = SELECTION;
    await mount();
    await eventually(() => expect(q('[data-testid=composer-quote]')?.textContent).toBe('Navi Pillay'));
    await typeInto(q<HTMLTextAreaElement>('#bs-new-note')!, 'Her words');
    await typeInto(q<HTMLInputElement>('#bs-new-tags')!, 'quotes, #UN');
    await ctrlEnter(q('#bs-new-note')!);
    await eventually(() => expect(pageNotes()).toHaveLength(1));
    const [saved] = await store.listByUrl(URL_);
    expect(saved).toMatchObject({ text: 'Her words', tags: ['quotes', 'UN'], title: 'Syria toll', target: SELECTION });
    expect(q<HTMLTextAreaElement>('#bs-new-note')!.value).toBe('');
    expect(q('[data-testid=composer-quote]')).toBeNull(); // the next note is on the page unless a new selection
    await eventually(() => expect(page.refreshed).toBe(1));
  });

  test('a note that only quotes is named by its quote, never "(no note text)", and its buttons say so', async () => {
    await store.create({ url: URL_, title: 'T', text: '', target: SELECTION });
    await mount();
    await eventually(() => expect(pageNotes()).toHaveLength(1));
    expect(root.textContent).not.toContain('no note text');
    expect(q('.bs-notes .bs-note-text')).toBeNull();
    expect(q('[aria-label^="Edit note"]')?.getAttribute('aria-label')).toBe('Edit note: “Navi Pillay”');
    expect(q('[aria-label^="Delete note"]')?.getAttribute('aria-label')).toBe('Delete note: “Navi Pillay”');
  });

  test('a long note is folded with a button to show it whole; a web address in a note is a safe link', async () => {
    const long = `${'The analysis cross-referenced seven sources. '.repeat(12)}Source: https://www.ohchr.org/en/2013/01/syria-toll. javascript:alert(1)`;
    await store.create({ url: URL_, title: 'T', text: long });
    await mount();
    await eventually(() => expect(pageNotes()).toHaveLength(1));
    const text = () => q('.bs-notes .bs-note-text')!.textContent!;
    expect(text().length).toBeLessThan(300);
    expect(text().endsWith('…')).toBe(true);
    const toggle = byText('.bs-fold', 'Show the whole note')!;
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    await click(toggle);
    expect(text()).toBe(long);
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    const links = all('.bs-notes .bs-note-text a') as HTMLAnchorElement[];
    expect(links.map((a) => [a.textContent, a.getAttribute('href'), a.target, a.rel])).toEqual([
      ['https://www.ohchr.org/en/2013/01/syria-toll', 'https://www.ohchr.org/en/2013/01/syria-toll', '_blank', 'noopener noreferrer'],
    ]);
    await click(toggle);
    expect(text().endsWith('…')).toBe(true);
  });

  test('a page of notes at a time: the rest on demand', async () => {
    for (let i = 0; i < PAGE_SIZE + 5; i++) await store.create({ url: URL_, title: 'T', text: `note ${i}` });
    await mount();
    await eventually(() => expect(pageNotes()).toHaveLength(PAGE_SIZE));
    expect(q('[data-testid=page-count]')?.textContent).toBe(` (${PAGE_SIZE + 5})`);
    await click(byText('.bs-more', 'Show 5 more (5 not shown yet)'));
    expect(pageNotes()).toHaveLength(PAGE_SIZE + 5);
  });

  test('a failed save (full disk) says so and keeps what the reader typed, which a later save stores', async () => {
    let fail = true;
    await mount({
      save: (req) => (fail ? Promise.reject(new Error('Could not save the note: the browser could not write to the disk (it may be full).')) : api.save(req)),
    });
    await typeInto(q<HTMLTextAreaElement>('#bs-new-note')!, 'Do not lose me');
    await ctrlEnter(q('#bs-new-note')!);
    await eventually(() => expect(q('[role=alert]')?.textContent).toMatch(/could not write to the disk/));
    expect(q<HTMLTextAreaElement>('#bs-new-note')!.value).toBe('Do not lose me');
    expect(await store.count()).toBe(0);
    fail = false;
    await ctrlEnter(q('#bs-new-note')!);
    await eventually(() => expect(pageNotes()).toHaveLength(1));
    expect(q('[role=alert]')).toBeNull();
  });

  test('the draft survives the popup closing and reopening', async () => {
    await mount();
    await typeInto(q<HTMLTextAreaElement>('#bs-new-note')!, 'half a thought');
    await act(async () => { render(null, root); });
    await mount();
    expect(q<HTMLTextAreaElement>('#bs-new-note')!.value).toBe('half a thought');
  });

  test('edit in place saves with Ctrl+Enter; Escape cancels; a conflicting edit keeps the editor open with the message', async () => {
    const note = await store.create({ url: URL_, title: 'T', text: 'draft one', tags: [] });
    await mount();
    await eventually(() => expect(pageNotes()).toHaveLength(1));
    await click(q('[aria-label^="Edit note"]'));
    const editor = q<HTMLTextAreaElement>(`#bs-edit-${note.id}`)!;
    await eventually(() => expect(document.activeElement).toBe(editor));
    await typeInto(editor, 'draft two');
    await ctrlEnter(editor);
    await eventually(() => expect(q('.bs-note-text')?.textContent).toBe('draft two'));
    expect((await store.get(note.id))?.text).toBe('draft two');
    // Focus goes back to the Edit button, so a keyboard reader continues from the note.
    await eventually(() => expect(document.activeElement).toBe(q('[aria-label^="Edit note"]')));

    await click(q('[aria-label^="Edit note"]'));
    await typeInto(q<HTMLTextAreaElement>(`#bs-edit-${note.id}`)!, 'abandoned');
    await act(async () => { q(`#bs-edit-${note.id}`)!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true })); });
    expect(q(`#bs-edit-${note.id}`)).toBeNull();
    expect(q('.bs-note-text')?.textContent).toBe('draft two');

    // Meanwhile another window changes the text: this edit must not overwrite it silently.
    await click(q('[aria-label^="Edit note"]'));
    await store.update(note.id, { text: 'from the other window' });
    await typeInto(q<HTMLTextAreaElement>(`#bs-edit-${note.id}`)!, 'mine');
    await ctrlEnter(q(`#bs-edit-${note.id}`)!);
    await eventually(() => expect(q('[role=alert]')?.textContent).toMatch(/changed in another window/));
    expect(q<HTMLTextAreaElement>(`#bs-edit-${note.id}`)!.value).toBe('mine');
    expect((await store.get(note.id))?.text).toBe('from the other window');
  });

  test('delete offers undo with focus on it; undo restores the same record in place', async () => {
    const older = await store.create({ url: URL_, title: 'T', text: 'older', tags: ['x'], target: SELECTION });
    await store.create({ url: URL_, title: 'T', text: 'newer', tags: [] });
    await mount();
    await eventually(() => expect(pageNotes()).toHaveLength(2));
    await click(q(`[data-note-id="${older.id}"] [aria-label^="Delete note"]`));
    await eventually(() => expect(pageNotes()).toHaveLength(1));
    expect(await store.get(older.id)).toBeUndefined();
    const undo = byText('.bs-undo button', 'Undo')!;
    // Focus moves to Undo in an effect after the render.
    await eventually(() => expect(document.activeElement).toBe(undo));
    await click(undo);
    await eventually(() => expect(pageNotes()).toHaveLength(2));
    expect(texts('.bs-notes .bs-note-text')).toEqual(['newer', 'older']);
    expect(await store.get(older.id)).toEqual(older);
  });

  test('a delete is not final when the popup closes: the reopened popup restores it by id', async () => {
    const note = await store.create({ url: URL_, title: 'T', text: 'keep me after all', tags: [] });
    await mount();
    await eventually(() => expect(pageNotes()).toHaveLength(1));
    await click(q('[aria-label^="Delete note"]'));
    await eventually(() => expect(pageNotes()).toHaveLength(0));
    // Closed and opened again: the undo bar is gone, the deleted note is offered.
    await act(async () => { render(null, root); });
    await mount();
    await eventually(() => expect(q('.bs-deleted summary')?.textContent).toBe('Recently deleted on this page (1)'));
    await click(q(`[data-deleted-id="${note.id}"] button`));
    await eventually(() => expect(texts('.bs-notes .bs-note-text')).toEqual(['keep me after all']));
    expect(await store.get(note.id)).toEqual(note);
    // The list of deleted notes is read again after the restore: waited for, not assumed.
    await eventually(() => expect(q('.bs-deleted')).toBeNull());
  });

  test('undo restores a stored note that today\'s rules would refuse (an empty quote, a long tag, no URL), unchanged', async () => {
    const legacy = { id: 'legacy-1', url: URL_, title: 'T', created: '2020-01-01T00:00:00.000Z', modified: '2020-01-01T00:00:00.000Z',
      text: 'from an older version', tags: ['t'.repeat(300)], target: { quote: { type: 'TextQuoteSelector' as const, exact: '', prefix: '', suffix: '' } } };
    // Written as an older version or an earlier import did, past today's checks.
    const db = await (store as unknown as { db(): Promise<import('@/lib/notes/db').NotesDb> }).db();
    await db.put('annotations', legacy);
    await mount();
    await eventually(() => expect(pageNotes()).toHaveLength(1));
    await click(q('[aria-label^="Delete note"]'));
    await eventually(() => expect(pageNotes()).toHaveLength(0));
    await click(byText('.bs-undo button', 'Undo'));
    await eventually(() => expect(pageNotes()).toHaveLength(1));
    expect(q('[role=alert]')).toBeNull();
    expect(await store.get('legacy-1')).toEqual(legacy);
  });

  test('editing a note\'s text sends only the text: a stored tag over today\'s limit does not block the edit', async () => {
    const legacy = { id: 'legacy-2', url: URL_, title: 'T', created: '2020-01-01T00:00:00.000Z', modified: '2020-01-01T00:00:00.000Z',
      text: 'before', tags: ['t'.repeat(300)] };
    const db = await (store as unknown as { db(): Promise<import('@/lib/notes/db').NotesDb> }).db();
    await db.put('annotations', legacy);
    await mount();
    await eventually(() => expect(pageNotes()).toHaveLength(1));
    await click(q('[aria-label^="Edit note"]'));
    await typeInto(q<HTMLTextAreaElement>('.bs-edit textarea')!, 'after');
    await ctrlEnter(q('.bs-edit textarea')!);
    await eventually(() => expect(q('.bs-note-text')?.textContent).toBe('after'));
    expect(await store.get('legacy-2')).toMatchObject({ text: 'after', tags: ['t'.repeat(300)] });
  });
});

describe('the popup: pages Backstory cannot run on', { timeout: 30_000 }, () => {
  test('a blank tab: no composer, a plain reason, nothing filed under about:blank', async () => {
    page.url = 'about:blank';
    await mount(undefined, { waitForComposer: false });
    await eventually(() => expect(q('[data-testid=unreachable]')?.textContent).toMatch(/no page open/));
    expect(q('#bs-new-note')).toBeNull();
    expect(q('.bs-notes')).toBeNull();
    // Search and the way to all notes stay.
    expect(q('input[type=search]')).not.toBeNull();
    // And the rule holds below the UI: a note is never saved under a page that is not a web page.
    await expect(api.save({ url: 'about:blank', title: '', text: 'x' })).rejects.toThrow(/cannot be saved here/);
    await expect(api.save({ url: 'chrome://newtab/', title: '', text: 'x' })).rejects.toThrow(/cannot be saved here/);
    expect(await store.count()).toBe(0);
  });

  test('a browser page says so', async () => {
    page.url = 'chrome://extensions/';
    await mount(undefined, { waitForComposer: false });
    await eventually(() => expect(q('[data-testid=unreachable]')?.textContent).toMatch(/browser’s own pages/));
    expect(q('#bs-new-note')).toBeNull();
  });

  test('a web page Backstory could not start on (a PDF viewer): its notes are listed, with no composer and the reason', async () => {
    await store.create({ url: URL_, title: 'T', text: 'written before' });
    page.answers = false;
    await mount(undefined, { waitForComposer: false });
    await eventually(() => expect(q('[data-testid=unreachable]')?.textContent).toMatch(/could not start on this page/));
    // The notes are read from the database while the page is tried: they may come after the reason.
    await eventually(() => expect(texts('.bs-notes .bs-note-text')).toEqual(['written before']));
    expect(q('#bs-new-note')).toBeNull();
  });
});

describe('the popup: a note on a highlighted name or figure is linked to it', { timeout: 30_000 }, () => {
  const ASSAD: ReferenceLink = { id: 'person:bashar-al-assad', kind: 'entity', label: 'Bashar al-Assad' };
  const ON_ASSAD: NoteTarget = { quote: { type: 'TextQuoteSelector', exact: 'President Assad', prefix: 'said ', suffix: ' had' } };

  test('the composer shows the link above the note, and the saved note keeps it (and says so in the list)', async () => {
    page.selection = ON_ASSAD;
    page.reference = ASSAD;
    await mount();
    await eventually(() => expect(q('[data-testid=composer-reference]')?.textContent).toBe('Linked to Bashar al-Assad'));
    // Above the note field, below the quote.
    const form = q('form.bs-composer')!;
    const order = [...form.querySelectorAll('[data-testid=composer-quote], [data-testid=composer-reference], #bs-new-note')].map((e) => e.id || e.getAttribute('data-testid'));
    expect(order).toEqual(['composer-quote', 'composer-reference', 'bs-new-note']);
    await typeInto(q<HTMLTextAreaElement>('#bs-new-note')!, 'Compare with his 2012 speech');
    await ctrlEnter(q('#bs-new-note')!);
    await eventually(() => expect(pageNotes()).toHaveLength(1));
    const [saved] = await store.listByUrl(URL_);
    expect(saved).toMatchObject({ text: 'Compare with his 2012 speech', target: ON_ASSAD, reference: ASSAD });
    expect(q('.bs-note .bs-note-reference')?.textContent).toBe('Linked to Bashar al-Assad');
    // The next note starts unlinked, like it starts without the quote.
    expect(q('[data-testid=composer-reference]')).toBeNull();
  });

  test('the link can be removed before saving; the note is then saved without it, still on its quote', async () => {
    page.selection = ON_ASSAD;
    page.reference = ASSAD;
    await mount();
    await eventually(() => expect(q('[data-testid=composer-reference]')).not.toBeNull());
    await typeInto(q<HTMLTextAreaElement>('#bs-new-note')!, 'Not about him');
    await click(q('[aria-label="Remove link to Bashar al-Assad"]'));
    expect(q('[data-testid=composer-reference]')).toBeNull();
    expect(document.activeElement).toBe(q('#bs-new-note'));
    expect(q('[data-testid=composer-quote]')?.textContent).toBe('President Assad');
    expect(q<HTMLTextAreaElement>('#bs-new-note')!.value).toBe('Not about him');
    await ctrlEnter(q('#bs-new-note')!);
    await eventually(() => expect(pageNotes()).toHaveLength(1));
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
    await eventually(() => expect(q('[data-testid=composer-reference]')?.textContent).toBe('Linked to figure more than 60,000 people killed'));
    expect(q('[data-testid=composer-quote]')?.textContent).toBe('More than 60,000 people');
    await typeInto(q<HTMLTextAreaElement>('#bs-new-note')!, 'UN figure');
    await ctrlEnter(q('#bs-new-note')!);
    await eventually(() => expect(pageNotes()).toHaveLength(1));
    expect((await store.listByUrl(URL_))[0]).toMatchObject({ target: onFigure, reference: figure });
  });

  test('a page note (no selection) is never linked', async () => {
    page.selection = null;
    page.reference = ASSAD; // a stale link without a selection must not leak into a page note
    await mount();
    await typeInto(q<HTMLTextAreaElement>('#bs-new-note')!, 'On the whole page');
    await ctrlEnter(q('#bs-new-note')!);
    await eventually(() => expect(pageNotes()).toHaveLength(1));
    expect(q('[data-testid=composer-reference]')).toBeNull();
    expect((await store.listByUrl(URL_))[0]!.reference).toBeUndefined();
  });

  test('a link label is shown as text, never as HTML', async () => {
    page.selection = ON_ASSAD;
    page.reference = { id: 'person:x', kind: 'entity', label: '<img src=x onerror=alert(1)>' };
    await mount();
    await eventually(() => expect(q('[data-testid=composer-reference]')?.textContent).toBe('Linked to <img src=x onerror=alert(1)>'));
    expect(root.querySelector('.bs-composer img')).toBeNull();
  });
});

describe('the popup: search across all notes, in the header', { timeout: 30_000 }, () => {
  const ASSAD: ReferenceLink = { id: 'person:bashar-al-assad', kind: 'entity', label: 'Bashar al-Assad' };

  test('results replace the page\'s notes, say where and when each was written, and mark the words that matched', async () => {
    await store.create({ url: URL_, title: 'Syria toll', text: 'on this page' });
    await store.create({ url: 'https://www.elsewhere.example/homs', title: 'Hôpital de Homs', text: 'Hôpital bombardé, vérifier la date', tags: ['Homs'] });
    await store.create({ url: 'https://elsewhere.example/b', title: 'Elsewhere', text: 'his speech', target: { quote: { type: 'TextQuoteSelector', exact: 'President Assad said', prefix: '', suffix: '' } }, reference: ASSAD });
    await mount();
    await search('HOPITAL');
    await eventually(() => expect(all('.bs-results .bs-note')).toHaveLength(1));
    expect(q('.bs-notes')!.closest('[hidden]')).not.toBeNull();
    const result = q('.bs-results .bs-note')!;
    expect(result.querySelector('.bs-note-page')?.textContent).toBe('Hôpital de Homs · elsewhere.example');
    expect([...result.querySelectorAll('mark')].map((m) => m.textContent)).toEqual(['Hôpital', 'Hôpital']);
    expect(result.querySelector('time')?.textContent).not.toBe('');
    expect(q('[data-testid=result-count]')?.textContent).toBe('1 note matches.');

    // By the name a note is linked to; a #tag marks the tag.
    await search('bashar');
    await eventually(() => expect(texts('.bs-results .bs-note-text')).toEqual(['his speech']));
    expect(q('.bs-results .bs-note-reference')?.textContent).toBe('Linked to Bashar al-Assad');
    await search('#homs');
    await eventually(() => expect(texts('.bs-results .bs-tag mark')).toEqual(['#Homs']));
    await search('nothing like this');
    await eventually(() => expect(q('[data-testid=result-count]')?.textContent).toBe('No note matches.'));

    // Esc in the search field empties it and brings this page's notes back.
    await search('speech');
    await act(async () => { q('input[type=search]')!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, cancelable: true })); });
    expect(q<HTMLInputElement>('input[type=search]')!.value).toBe('');
    expect(q('.bs-results')).toBeNull();
    expect(q('.bs-notes')!.closest('[hidden]')).toBeNull();
  });

  test('a result can be edited, deleted with undo, and opened at its passage', async () => {
    const other = await store.create({ url: 'https://elsewhere.example/b', title: 'Elsewhere', text: 'check the toll', target: { quote: { type: 'TextQuoteSelector', exact: 'more than 60,000', prefix: '', suffix: '' } } });
    await mount();
    await search('toll');
    await eventually(() => expect(all('.bs-results .bs-note')).toHaveLength(1));
    const open = q<HTMLAnchorElement>('.bs-results a[aria-label^="Open at passage"]')!;
    // A real link to the passage (copyable), which the background opens so a tab showing the page is reused.
    expect(open.getAttribute('href')).toBe('https://elsewhere.example/b#:~:text=more%20than%2060%2C000');
    // (dispatched: this file records <a>.click() as downloads)
    let followed = true;
    await act(async () => { followed = open.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true })); });
    expect(followed).toBe(false);
    await eventually(() => expect(page.opened).toEqual([other.id]));

    await click(q('.bs-results [aria-label^="Edit note"]'));
    await typeInto(q<HTMLTextAreaElement>(`#bs-edit-${other.id}`)!, 'check the toll again');
    await ctrlEnter(q(`#bs-edit-${other.id}`)!);
    await eventually(() => expect(texts('.bs-results .bs-note-text')).toEqual(['check the toll again']));
    expect((await store.get(other.id))?.text).toBe('check the toll again');

    await click(q('.bs-results [aria-label^="Delete note"]'));
    await eventually(() => expect(all('.bs-results .bs-note')).toHaveLength(0));
    expect(await store.get(other.id)).toBeUndefined();
    await eventually(() => expect(document.activeElement?.textContent).toBe('Undo'));
    await click(byText('.bs-undo button', 'Undo'));
    await eventually(() => expect(all('.bs-results .bs-note')).toHaveLength(1));
    expect(await store.get(other.id)).toMatchObject({ id: other.id, text: 'check the toll again' });
  });

  test('"Search results" in the export holds exactly what the search finds', async () => {
    await store.create({ url: URL_, title: 'Syria toll', text: 'Refugees crossing into Jordan', tags: ['refugees'] });
    await store.create({ url: 'https://other.example/a', title: 'Aleppo', text: 'Shelling in Aleppo', tags: ['aleppo'] });
    await store.create({ url: 'https://other.example/b', title: 'Camps', text: 'Jordan camp numbers', tags: [] });
    await mount();
    const exportButton = (label: string) => [...root.querySelectorAll<HTMLButtonElement>('.bs-export button')].find((b) => b.textContent?.trim() === label);
    expect(exportButton('Search results')).toBeUndefined();
    await search('jordan');
    await eventually(() => expect(exportButton('Search results')).toBeDefined());
    await eventually(() => expect(all('.bs-results .bs-note')).toHaveLength(2));
    await choose(q<HTMLSelectElement>('#bs-export-format')!, 'csv');
    await click(exportButton('Search results'));
    await eventually(() => expect(exported).toHaveLength(1));
    expect(exported[0]!.count).toBe(2);
    expect(exported[0]!.content).toContain('Refugees crossing into Jordan');
    expect(exported[0]!.content).toContain('Jordan camp numbers');
    expect(exported[0]!.content).not.toContain('Shelling in Aleppo');
    expect(downloads).toEqual([exported[0]!.filename]);
    expect(downloads[0]).toMatch(/^backstory-notes-\d{4}-\d{2}-\d{2}\.csv$/);
    expect(q('.bs-export [role="status"]')?.textContent).toBe(`Saved 2 notes to ${exported[0]!.filename}.`);
  });

  test('the header leads to all notes and to the first-run page', async () => {
    await mount();
    await click(byText('.bs-popup-header button', 'All notes'));
    expect(libraryOpened).toEqual([undefined]);
    const help = byText('.bs-popup-header a', 'Help') as HTMLAnchorElement;
    expect(help.getAttribute('href')).toBe('chrome-extension://id/welcome.html');
    expect(help.target).toBe('_blank');
  });
});
