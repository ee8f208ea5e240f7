// The notes library (the options page) over a real repository (fake-indexeddb): sort, filter, search with marks,
// edit, delete with undo, selection and actions on many notes, open at passage, settings; import, export, delete
// all and a storage fault.
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { choose, typeInto } from '../dom-input';
import { IDBFactory } from 'fake-indexeddb';
import { openRepository, type NotesRepository } from '@/lib/notes/repository';
import { createTransferApi, type TransferApi } from '@/lib/export/transfer';
import { exportAnnotations } from '@/lib/export/export';
import type { OpenPassageResult } from '@/lib/notes/open-passage';
import { SETTINGS_KEY, defaultSettings, loadSettings, saveSettings, withEveryPage, withSite, type SettingsArea, type SettingsChangeEvent } from '@/lib/page/settings';
import type { Annotation } from '@/lib/notes/types';
import { Library, type LibraryProps } from '@/components/Library';
import { LIBRARY_STEP, LibraryList } from '@/components/LibraryList';
import { NoteItem } from '@/components/NoteItem';
import { note } from '../export/helpers';
import { LibrarySettings } from '@/components/LibrarySettings';
import { LibraryActions } from '@/components/LibraryActions';
import { LibraryFilters } from '@/components/LibraryFilters';
import { RecentlyDeleted } from '@/components/RecentlyDeleted';
import { OptionsImport } from '@/components/OptionsImport';
import { OptionsDeleteAll } from '@/components/OptionsDeleteAll';
import { StorageFault } from '@/components/StorageFault';

let repository: NotesRepository;
let api: TransferApi;
let root: HTMLElement;
let downloads: string[];
let opened: string[];
let openResult: OpenPassageResult;
let stored: Record<string, unknown>;
let area: SettingsArea;
let changes: SettingsChangeEvent;
let listeners: Set<(c: Record<string, { newValue?: unknown }>, area: string) => void>;

beforeEach(() => {
  localStorage.clear();
  repository = openRepository(new IDBFactory());
  api = createTransferApi({ repository, tabUrl: async () => undefined, estimate: async () => ({ quota: 1e9, usage: 0 }) });
  URL.createObjectURL = vi.fn(() => 'blob:test');
  URL.revokeObjectURL = vi.fn();
  downloads = [];
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) { downloads.push(this.download); });
  opened = [];
  openResult = { tabId: 3, opened: true, revealed: true };
  stored = {};
  listeners = new Set();
  area = {
    get: async (key) => ({ [key]: stored[key] }),
    set: async (items) => {
      Object.assign(stored, items);
      for (const l of listeners) l(Object.fromEntries(Object.entries(items).map(([k, v]) => [k, { newValue: v }])), 'local');
    },
  };
  changes = { addListener: (l) => listeners.add(l), removeListener: (l) => listeners.delete(l) };
  root = document.createElement('div');
  document.body.replaceChildren(root);
});
afterEach(async () => {
  await act(async () => { render(null, root); });
  vi.restoreAllMocks();
});

const eventually = (assertion: () => void) => vi.waitFor(assertion, { timeout: 5000, interval: 20 });
const q = <T extends Element = HTMLElement>(sel: string) => root.querySelector<T>(sel);
const all = (sel: string) => [...root.querySelectorAll(sel)];
const text = (sel: string) => q(sel)?.textContent ?? null;
const button = (label: string) => [...root.querySelectorAll('button')].find((b) => b.textContent?.trim() === label) ?? null;
const listed = () => all('.bs-library-list .bs-note').map((e) => e.getAttribute('data-note-id'));

async function mount(props: Partial<LibraryProps> = {}) {
  await act(async () => {
    render(
      <Library
        repository={repository}
        api={api}
        openPassage={async (id) => { opened.push(id); return openResult; }}
        settingsArea={area}
        settingsChanges={changes}
        {...props}
      />,
      root,
    );
  });
  // Every note read (the summary counts pages), not only the first ones drawn before the rest.
  await eventually(() => expect(text('[data-testid=summary]')).toMatch(/ notes? on /));
}

/** A chosen file; jsdom's File has no text(), which the browser's has. */
function fileOf(content: string, name: string): File {
  return Object.assign(new File([content], name), { text: async () => content });
}

async function chooseFile(file: File) {
  const input = q<HTMLInputElement>('#bs-import-file')!;
  Object.defineProperty(input, 'files', { value: [file], configurable: true });
  await act(async () => { input.dispatchEvent(new Event('change', { bubbles: true })); });
}

/**
 * The page scrolled so the list's top is `y` pixels above the viewport's: jsdom lays nothing out, so every element is
 * told it is there, with no height (each note then keeps the estimated height).
 */
async function scrollList(y: number) {
  vi.spyOn(HTMLElement.prototype, 'getBoundingClientRect').mockImplementation(() => ({ top: -y, bottom: -y, left: 0, right: 0, width: 0, height: 0, x: 0, y: -y, toJSON: () => ({}) }));
  await act(async () => {
    window.dispatchEvent(new Event('scroll'));
    await new Promise((done) => requestAnimationFrame(() => done(null)));
  });
}

async function click(el: Element | null | undefined, init: MouseEventInit = {}) {
  if (!el) throw new Error('nothing to click');
  await act(async () => { el.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true, ...init })); });
}

const ALEPPO = { id: 'place:aleppo', kind: 'entity' as const, label: 'Aleppo' };
const day = (d: number, h = 10) => new Date(2026, 0, d, h).toISOString();
/** Four notes on three pages of two sites, written on four days. */
function library(): Annotation[] {
  return [
    note({ id: 'a1', url: 'https://www.bbc.co.uk/news/aleppo', title: 'Aleppo under siege', created: day(2), modified: day(2), text: 'Toll in Aleppo, check it', tags: ['casualties'], reference: ALEPPO, target: { quote: { type: 'TextQuoteSelector', exact: 'more than 70,000 people', prefix: '', suffix: '' }, position: { type: 'TextPositionSelector', start: 500, end: 523 } } }),
    note({ id: 'a2', url: 'https://www.bbc.co.uk/news/aleppo', title: 'Aleppo under siege', created: day(4), modified: day(4), text: 'The lede', tags: ['UN'], target: { quote: { type: 'TextQuoteSelector', exact: 'Fighting continued', prefix: '', suffix: '' }, position: { type: 'TextPositionSelector', start: 10, end: 28 } } }),
    note({ id: 'b1', url: 'https://apnews.com/homs', title: 'Hôpital de Homs', created: day(3), modified: day(3), text: 'Hôpital bombardé', tags: ['Homs'], target: undefined }),
    note({ id: 'c1', url: 'https://apnews.com/damascus', title: 'Damascus', created: day(1), modified: day(1), text: 'Page note on Damascus', tags: [], target: undefined, reference: ALEPPO }),
  ];
}

describe('the notes library: finding notes', { timeout: 30_000 }, () => {
  test('every note across sites, newest first; sorted oldest first, by site, or in reading order (page by page)', async () => {
    await repository.importRecords(library());
    await mount();
    expect(text('h1')).toBe('Backstory — notes & settings');
    expect(text('[data-testid=summary]')).toBe('4 notes on 3 pages across 2 sites.');
    await eventually(() => expect(listed()).toEqual(['a2', 'b1', 'a1', 'c1']));
    // Flat orders say on each note which page and site it is on.
    expect(text('[data-note-id=b1] .bs-note-page')).toBe('Hôpital de Homs · apnews.com');
    const order = q<HTMLSelectElement>('#bs-order')!;
    expect([...order.options].map((o) => o.text)).toEqual(['Newest first', 'Oldest first', 'By site', 'Reading order']);
    await choose(order, 'oldest');
    expect(listed()).toEqual(['c1', 'a1', 'b1', 'a2']);
    await choose(order, 'site');
    // apnews.com before bbc.co.uk; pages by title; each page in reading order, headed once.
    expect(listed()).toEqual(['c1', 'b1', 'a2', 'a1']);
    expect(all('.bs-page-title').map((h) => h.textContent)).toEqual(['Damascus · apnews.com', 'Hôpital de Homs · apnews.com', 'Aleppo under siege · bbc.co.uk']);
    expect(q('.bs-library-list .bs-note-page')).toBeNull();
    // Screen readers still hear the page of each note, the second of a page too (with its checkbox, as a description).
    const pageOf = (id: string) => document.getElementById(q(`[data-note-id=${id}] input.bs-select`)!.getAttribute('aria-describedby') ?? '')?.textContent;
    expect(pageOf('a1')).toBe('On the page Aleppo under siege · bbc.co.uk');
    expect(pageOf('a2')).toBe('On the page Aleppo under siege · bbc.co.uk');
    await choose(order, 'reading');
    expect(pageOf('a1')).toBe('On the page Aleppo under siege · bbc.co.uk');
    await choose(order, 'newest');
    // The flat orders show the page on each note: nothing more to hear.
    expect(q('[data-note-id=a1] input.bs-select')!.hasAttribute('aria-describedby')).toBe(false);
    await choose(order, 'reading');
    expect(listed()).toEqual(['a2', 'a1', 'b1', 'c1']);
    // The order is remembered for the next visit.
    await act(async () => { render(null, root); });
    await mount();
    await eventually(() => expect(listed()).toEqual(['a2', 'a1', 'b1', 'c1']));
  });

  test('filters by site, tag, linked reference item and the days notes were written; text search marks what matched', async () => {
    await repository.importRecords(library());
    await mount();
    await eventually(() => expect(listed()).toHaveLength(4));
    await choose(q<HTMLSelectElement>('#bs-filter-site')!, 'apnews.com');
    expect(listed()).toEqual(['b1', 'c1']);
    expect(text('[data-testid=shown-count]')).toBe('2 notes of 4 shown.');
    await choose(q<HTMLSelectElement>('#bs-filter-site')!, '');
    const references = q<HTMLSelectElement>('#bs-filter-reference')!;
    expect([...references.options].map((o) => o.text)).toEqual(['Anything or nothing', 'Aleppo (2)']);
    await choose(references, 'place:aleppo');
    expect(listed()).toEqual(['a1', 'c1']);
    await choose(references, '');
    expect([...q<HTMLSelectElement>('#bs-filter-tag')!.options].map((o) => o.text)).toEqual(['Any tag', '#casualties (1)', '#Homs (1)', '#UN (1)']);
    await choose(q<HTMLSelectElement>('#bs-filter-tag')!, 'UN');
    expect(listed()).toEqual(['a2']);
    await click(button('Clear filters'));
    expect(listed()).toHaveLength(4);
    await typeInto(q<HTMLInputElement>('#bs-filter-from')!, '2026-01-02');
    await typeInto(q<HTMLInputElement>('#bs-filter-to')!, '2026-01-03');
    expect(listed()).toEqual(['b1', 'a1']);
    await click(button('Clear filters'));

    await typeInto(q<HTMLInputElement>('#bs-filter-text')!, 'hopital');
    expect(listed()).toEqual(['b1']);
    expect(all('[data-note-id=b1] mark').map((m) => m.textContent)).toEqual(['Hôpital', 'Hôpital']);
    await typeInto(q<HTMLInputElement>('#bs-filter-text')!, '70,000');
    expect(all('[data-note-id=a1] .bs-quote mark').map((m) => m.textContent)).toEqual(['70,000']);
  });

  test('a value chosen in a filter list stays shown there, with (0), once its last note is edited or deleted, here or elsewhere', async () => {
    await repository.importRecords(library());
    let changed = () => {};
    await mount({ watchChanges: (listener) => { changed = listener; return () => {}; } });
    await eventually(() => expect(listed()).toHaveLength(4));
    const shows = (sel: string) => { const list = q<HTMLSelectElement>(sel)!; return { value: list.value, text: list.selectedOptions[0]?.text ?? '' }; };
    const offered = (sel: string) => [...q<HTMLSelectElement>(sel)!.options].map((o) => o.text);
    // A tag: its only note's tags edited in another window.
    await choose(q<HTMLSelectElement>('#bs-filter-tag')!, 'Homs');
    expect(listed()).toEqual(['b1']);
    await repository.update('b1', { tags: ['hospitals'] });
    await act(async () => changed());
    await eventually(() => expect(listed()).toEqual([]));
    expect(shows('#bs-filter-tag')).toEqual({ value: 'Homs', text: '#Homs (0)' });
    expect(offered('#bs-filter-tag')).toEqual(['Any tag', '#casualties (1)', '#hospitals (1)', '#UN (1)', '#Homs (0)']);
    // Another choice: the value no note has is no longer offered.
    await choose(q<HTMLSelectElement>('#bs-filter-tag')!, 'UN');
    expect(offered('#bs-filter-tag')).toEqual(['Any tag', '#casualties (1)', '#hospitals (1)', '#UN (1)']);
    // Its note's tag spelt otherwise: the filter (ignoring case) still finds it, under the spelling chosen.
    await repository.update('a2', { tags: ['un'] });
    await act(async () => changed());
    await eventually(() => expect(text('[data-note-id=a2] .bs-tag')).toBe('#un'));
    expect(listed()).toEqual(['a2']);
    expect(shows('#bs-filter-tag')).toEqual({ value: 'UN', text: '#UN (1)' });
    expect(offered('#bs-filter-tag')).toHaveLength(4);
    await choose(q<HTMLSelectElement>('#bs-filter-tag')!, '');
    // A reference item: one note deleted here, the other elsewhere; its label is still known.
    await choose(q<HTMLSelectElement>('#bs-filter-reference')!, 'place:aleppo');
    expect(listed()).toEqual(['a1', 'c1']);
    await click(q('[data-note-id=a1] [aria-label^="Delete note"]'));
    await eventually(() => expect(listed()).toEqual(['c1']));
    expect(shows('#bs-filter-reference')).toEqual({ value: 'place:aleppo', text: 'Aleppo (1)' });
    await repository.remove('c1');
    await act(async () => changed());
    await eventually(() => expect(listed()).toEqual([]));
    expect(shows('#bs-filter-reference')).toEqual({ value: 'place:aleppo', text: 'Aleppo (0)' });
    await choose(q<HTMLSelectElement>('#bs-filter-reference')!, '');
    // A site: its last note deleted here.
    await choose(q<HTMLSelectElement>('#bs-filter-site')!, 'apnews.com');
    expect(listed()).toEqual(['b1']);
    await click(q('[data-note-id=b1] [aria-label^="Delete note"]'));
    await eventually(() => expect(listed()).toEqual([]));
    expect(shows('#bs-filter-site')).toEqual({ value: 'apnews.com', text: 'apnews.com (0)' });
    expect(text('[data-testid=shown-count]')).toBe('0 notes of 1 shown.');
  });

  test('a long list draws the notes in and near the view, each with its place in the whole list, and the rest as the page scrolls', async () => {
    await repository.importRecords(Array.from({ length: LIBRARY_STEP + 10 }, (_, i) => note({ id: `n${String(i).padStart(3, '0')}`, created: new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString(), text: `note ${i}`, tags: i % 2 ? ['odd'] : [] })));
    await mount();
    await eventually(() => expect(listed()[0]).toBe('n059'));
    const drawn = listed().length;
    expect(drawn).toBeGreaterThan(3);
    expect(drawn).toBeLessThan(LIBRARY_STEP);
    expect(all('.bs-library-list .bs-note').map((li) => [li.getAttribute('aria-posinset'), li.getAttribute('aria-setsize')])).toEqual(Array.from({ length: drawn }, (_, i) => [String(i + 1), String(LIBRARY_STEP + 10)]));
    // The notes not drawn keep their space: the page is as tall as the whole list.
    expect(parseFloat(all('.bs-library-list .bs-list-space').map((e) => (e as HTMLElement).style.height)[1]!)).toBeGreaterThan(0);
    await scrollList(6000);
    await eventually(() => expect(listed().at(-1)).toBe('n000'));
    expect(listed()).not.toContain('n059');
    expect(q('.bs-library-list [aria-posinset="60"]')?.getAttribute('data-note-id')).toBe('n000');
    expect(all('.bs-library-list .bs-list-space').map((e) => parseFloat((e as HTMLElement).style.height))).toEqual([expect.any(Number), 0]);
    expect(parseFloat((q('.bs-library-list .bs-list-space') as HTMLElement).style.height)).toBeGreaterThan(0);
    await scrollList(0);
    await eventually(() => expect(listed()[0]).toBe('n059'));
    await choose(q<HTMLSelectElement>('#bs-filter-tag')!, 'odd');
    expect(listed()[0]).toBe('n059');
    expect(listed()[1]).toBe('n057');
    expect(q('.bs-library-list .bs-note')!.getAttribute('aria-setsize')).toBe('30');
  });

  test('a long library draws its newest notes before it has read them all, then the rest (search and actions wait)', async () => {
    const notes = Array.from({ length: LIBRARY_STEP + 10 }, (_, i) => note({ id: `n${String(i).padStart(3, '0')}`, created: new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString(), text: `note ${i}` }));
    await repository.importRecords(notes);
    let release = () => {};
    const whole = repository.listAll.bind(repository);
    const listAll = vi.spyOn(repository, 'listAll').mockImplementation(() => new Promise((done) => { release = () => done(whole()); }));
    await act(async () => {
      render(<Library repository={repository} api={api} openPassage={async () => openResult} settingsArea={area} settingsChanges={changes} />, root);
    });
    await eventually(() => expect(listed()[0]).toBe(`n0${LIBRARY_STEP + 9}`));
    expect(listed()).toEqual(notes.slice(-listed().length).reverse().map((n) => n.id));
    expect(q('.bs-library-list .bs-note')!.getAttribute('aria-setsize')).toBe(String(LIBRARY_STEP));
    expect(text('[data-testid=summary]')).toBe('Reading your notes…');
    expect(text('[data-testid=shown-count]')).toBe(`The ${LIBRARY_STEP} notes shown first; reading the rest…`);
    expect(q<HTMLInputElement>('.bs-select-all input')!.disabled).toBe(true);
    await eventually(() => expect(listAll).toHaveBeenCalled());
    // A search typed meanwhile says it is not done rather than counting only the notes read so far.
    await typeInto(q<HTMLInputElement>('#bs-filter-text')!, 'note 5');
    expect(text('[data-testid=shown-count]')).toBe('Searching… (your notes are still being read)');
    await act(async () => release());
    await eventually(() => expect(text('[data-testid=summary]')).toBe(`${LIBRARY_STEP + 10} notes on 1 page across 1 site.`));
    // "note 5", "note 15" … "note 45" and "note 50" … "note 59": found among every note, not only the first ones read.
    expect(text('[data-testid=shown-count]')).toBe(`15 notes of ${LIBRARY_STEP + 10} shown.`);
    await typeInto(q<HTMLInputElement>('#bs-filter-text')!, '');
    expect(text('[data-testid=shown-count]')).toBe(`All ${LIBRARY_STEP + 10} notes.`);
    expect(q<HTMLInputElement>('.bs-select-all input')!.disabled).toBe(false);
    // Every note, the last one too, now in the list.
    await eventually(() => expect(q('.bs-library-list .bs-note')!.getAttribute('aria-setsize')).toBe(String(LIBRARY_STEP + 10)));
    await scrollList(6000);
    await eventually(() => expect(listed().at(-1)).toBe('n000'));
  });

  test('an edit made while only the first notes are shown stays, though the read of every note began before it', async () => {
    const notes = Array.from({ length: LIBRARY_STEP + 10 }, (_, i) => note({ id: `n${String(i).padStart(3, '0')}`, created: new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString(), text: `note ${i}` }));
    await repository.importRecords(notes);
    const whole = repository.listAll.bind(repository);
    let release = () => {};
    // The first full read takes its notes before the edit and lands after it; any later read is the real one.
    const listAll = vi.spyOn(repository, 'listAll').mockImplementationOnce(async () => {
      const before = await whole();
      await new Promise<void>((done) => { release = done; });
      return before;
    });
    await act(async () => {
      render(<Library repository={repository} api={api} openPassage={async () => openResult} settingsArea={area} settingsChanges={changes} />, root);
    });
    await eventually(() => expect(listed()[0]).toBe(`n0${LIBRARY_STEP + 9}`));
    await eventually(() => expect(listAll).toHaveBeenCalled());
    const top = listed()[0]!;
    const edit = async (words: string) => {
      await click(q(`[data-note-id=${top}] [aria-label^="Edit note"]`));
      const editor = q<HTMLTextAreaElement>(`#bs-edit-${top}`)!;
      await typeInto(editor, words);
      await act(async () => { editor.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', ctrlKey: true, bubbles: true })); });
      await eventually(() => expect(text(`[data-note-id=${top}] .bs-note-text`)).toBe(words));
    };
    await edit('edited while the rest were read');
    // The read begun before the edit lands last, with the note as it was.
    await act(async () => release());
    await eventually(() => expect(text('[data-testid=summary]')).toBe(`${LIBRARY_STEP + 10} notes on 1 page across 1 site.`));
    expect(text(`[data-note-id=${top}] .bs-note-text`)).toBe('edited while the rest were read');
    // The note shown is the one stored: a second edit is no conflict.
    await edit('edited again');
    expect(text('[role=alert]') ?? '').not.toMatch(/another window/);
    expect((await repository.get(top))!.text).toBe('edited again');
  });

  test('a note being edited stays drawn, its editor open, when the page scrolls away and the notes are read again', async () => {
    await repository.importRecords(Array.from({ length: LIBRARY_STEP + 10 }, (_, i) => note({ id: `n${String(i).padStart(3, '0')}`, created: new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString(), text: `note ${i}` })));
    let changed = () => {};
    await mount({ watchChanges: (listener) => { changed = listener; return () => {}; } });
    await eventually(() => expect(listed()[0]).toBe('n059'));
    await scrollList(6000);
    await eventually(() => expect(listed()).toContain('n000'));
    const far = 'n002';
    await click(q(`[data-note-id=${far}] [aria-label^="Edit note"]`));
    await eventually(() => expect(q(`#bs-edit-${far}`)).not.toBeNull());
    await typeInto(q<HTMLTextAreaElement>(`#bs-edit-${far}`)!, 'not saved yet');
    // Focus leaves the editor for the search field; the page scrolls back to the top.
    await act(async () => { q<HTMLInputElement>('#bs-filter-text')!.focus(); });
    expect(document.activeElement?.id).toBe('bs-filter-text');
    await scrollList(0);
    await eventually(() => expect(listed()[0]).toBe('n059'));
    expect(listed()).not.toContain('n030');
    expect(q<HTMLTextAreaElement>(`#bs-edit-${far}`)?.value).toBe('not saved yet');
    // Another page edits the first note; this one hears of it and reads the notes again.
    await repository.update('n059', { text: 'edited elsewhere' });
    await act(async () => changed());
    await eventually(() => expect(text('[data-note-id=n059] .bs-note-text')).toContain('edited elsewhere'));
    expect(q<HTMLTextAreaElement>(`#bs-edit-${far}`)?.value).toBe('not saved yet');
  });

  test('a note whose editor a search closed (hiding the note) is no longer kept drawn once the search is cleared', async () => {
    await repository.importRecords(Array.from({ length: LIBRARY_STEP + 10 }, (_, i) => note({ id: `n${String(i).padStart(3, '0')}`, created: new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString(), text: `note ${i}` })));
    await mount();
    await eventually(() => expect(listed()[0]).toBe('n059'));
    await scrollList(6000);
    await eventually(() => expect(listed()).toContain('n000'));
    await click(q(`[data-note-id=n002] [aria-label^="Edit note"]`));
    await eventually(() => expect(q('#bs-edit-n002')).not.toBeNull());
    await act(async () => { q<HTMLInputElement>('#bs-filter-text')!.focus(); });
    await typeInto(q<HTMLInputElement>('#bs-filter-text')!, 'note 5');
    await eventually(() => expect(listed()).not.toContain('n002'));
    await typeInto(q<HTMLInputElement>('#bs-filter-text')!, '');
    await scrollList(0);
    await eventually(() => expect(listed()[0]).toBe('n059'));
    // Only the notes at the top: n002, far below, is neither drawn nor in the Tab order.
    expect(listed()).not.toContain('n002');
    expect(q('#bs-edit-n002')).toBeNull();
  });

  test('a note is drawn again only when what it shows changed: not for a space after a word, not when another note is selected', async () => {
    await repository.importRecords(Array.from({ length: LIBRARY_STEP + 10 }, (_, i) => note({ id: `n${String(i).padStart(3, '0')}`, created: new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString(), text: `note ${i}` })));
    await mount();
    await eventually(() => expect(listed()[0]).toBe('n059'));
    await eventually(() => expect(text('[data-testid=summary]')).toMatch(/^60 notes/));
    // Preact's hook before each component renders (`options._render`, named `__r` in its build); a note its
    // shouldComponentUpdate keeps is not rendered, so not heard.
    const { options } = await import('preact');
    const hooks = options as unknown as Record<string, ((v: { type: unknown; props: { note?: Annotation } }) => void) | undefined>;
    const before = hooks.__r;
    const drawn: string[] = [];
    hooks.__r = (v) => {
      if (v.type === NoteItem) drawn.push(v.props.note!.id);
      before?.(v);
    };
    const search = q<HTMLInputElement>('#bs-filter-text')!;
    try {
      // New words: every note shown is drawn again, to mark them.
      await typeInto(search, 'note');
      await eventually(() => expect(all('.bs-library-list .bs-note mark').length).toBeGreaterThan(0));
      const shown = listed().length;
      expect(shown).toBeGreaterThan(2);
      expect(new Set(drawn).size).toBe(shown);
      // The same words: no note is drawn again.
      drawn.length = 0;
      await typeInto(search, 'note ');
      // Two frames: a redraw the list's measuring would start a frame later is heard too.
      for (let frame = 0; frame < 2; frame++) await act(async () => { await new Promise((done) => requestAnimationFrame(() => done(null))); });
      expect(drawn).toEqual([]);
      // One note selected: that note alone is drawn again (its checkbox), with the new selection's handler.
      await act(async () => { q<HTMLInputElement>('.bs-library-list li[data-note-id="n058"] input.bs-select')!.click(); });
      await eventually(() => expect(q<HTMLInputElement>('.bs-library-list li[data-note-id="n058"] input.bs-select')!.checked).toBe(true));
      expect(drawn).toEqual(['n058']);
      // The note not drawn again still calls the latest handler: shift+click selects the range from n058 to it.
      drawn.length = 0;
      await act(async () => { q<HTMLInputElement>('.bs-library-list li[data-note-id="n055"] input.bs-select')!.dispatchEvent(new MouseEvent('click', { bubbles: true, shiftKey: true })); });
      await eventually(() => expect(all('.bs-library-list .bs-note input.bs-select').filter((c) => (c as HTMLInputElement).checked).map((c) => c.closest('li')!.getAttribute('data-note-id'))).toEqual(['n058', 'n057', 'n056', 'n055']));
      expect(drawn.sort()).toEqual(['n055', 'n056', 'n057']);
    } finally {
      hooks.__r = before;
    }
  });

  test('a key typed in the search draws the list once', async () => {
    await repository.importRecords(Array.from({ length: LIBRARY_STEP + 10 }, (_, i) => note({ id: `n${String(i).padStart(3, '0')}`, created: new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString(), text: `note ${i}` })));
    await mount();
    await eventually(() => expect(listed()[0]).toBe('n059'));
    // Preact's hook before each component renders (`options._render`, named `__r` in its build).
    const { options } = await import('preact');
    const hooks = options as unknown as Record<string, ((v: { type: unknown }) => void) | undefined>;
    const before = hooks.__r;
    let renders = 0;
    hooks.__r = (v) => {
      if (v.type === LibraryList) renders++;
      before?.(v);
    };
    try {
      await typeInto(q<HTMLInputElement>('#bs-filter-text')!, 'note 5');
      await eventually(() => expect(text('[data-testid=shown-count]')).toBe('15 notes of 60 shown.'));
      await act(async () => { await new Promise((done) => requestAnimationFrame(() => done(null))); });
      expect(renders).toBe(1);
    } finally {
      hooks.__r = before;
    }
  });
  test('a key typed in the search draws nothing that does not depend on it: settings, trash, import, delete-all; the bulk actions only when the count changes', async () => {
    await repository.importRecords(Array.from({ length: LIBRARY_STEP + 10 }, (_, i) => note({ id: `n${String(i).padStart(3, '0')}`, created: new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString(), text: `note ${i}` })));
    await repository.importRecords([note({ id: 'gone', text: 'deleted note' })]);
    await repository.remove('gone');
    await mount();
    await eventually(() => expect(listed()[0]).toBe('n059'));
    await eventually(() => expect(text('.bs-settings')).toContain('Sites where Backstory is off'));
    const { options } = await import('preact');
    const hooks = options as unknown as Record<string, ((v: { type: unknown }) => void) | undefined>;
    const before = hooks.__r;
    const watched = new Map<unknown, string>([[LibrarySettings, 'settings'], [RecentlyDeleted, 'trash'], [OptionsImport, 'import'], [OptionsDeleteAll, 'delete-all'], [StorageFault, 'fault'], [LibraryActions, 'actions'], [LibraryFilters, 'filters']]);
    const renders: string[] = [];
    hooks.__r = (v) => {
      const name = watched.get(v.type);
      if (name) renders.push(name);
      before?.(v);
    };
    const search = q<HTMLInputElement>('#bs-filter-text')!;
    try {
      // Every note holds "note": the notes shown stay the same; only the search field is drawn again.
      for (const typed of ['n', 'no', 'not', 'note', 'note ']) await typeInto(search, typed);
      await eventually(() => expect(text('[data-testid=shown-count]')).toBe('60 notes of 60 shown.'));
      expect(all('.bs-library-list .bs-note mark').length).toBeGreaterThan(0);
      expect(renders.filter((r) => r !== 'filters')).toEqual([]);
      expect(renders.length).toBe(5);
      // Fewer notes shown: the bulk actions say so (their count), the rest stays as it was.
      renders.length = 0;
      await typeInto(search, 'note 5');
      await eventually(() => expect(text('[data-testid=shown-count]')).toBe('15 notes of 60 shown.'));
      expect(renders.filter((r) => r !== 'filters')).toEqual(['actions']);
      expect(text('.bs-select-all')).toContain('Select all 15 notes shown');
      expect(text('#notes')).toContain('deleted note');
    } finally {
      hooks.__r = before;
    }
  });
  test('a key typed in the search leaves the filters\' options alone: not one of them is compared again', async () => {
    // Sixty sites, tags and linked items: a list Preact would go through option by option.
    await repository.importRecords(Array.from({ length: LIBRARY_STEP + 10 }, (_, i) => note({ id: `n${String(i).padStart(3, '0')}`, url: `https://site${i}.example/story`, created: new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString(), text: `note ${i}`, tags: [`tag${i}`], reference: { id: `place:${i}`, kind: 'entity', label: `Place ${i}` } })));
    await mount();
    await eventually(() => expect(listed()[0]).toBe('n059'));
    const optionsOf = (sel: string) => [...q<HTMLSelectElement>(sel)!.options];
    expect(optionsOf('#bs-filter-site')).toHaveLength(61);
    const drawnBefore = ['#bs-filter-site', '#bs-filter-tag', '#bs-filter-reference'].flatMap(optionsOf);
    // The filters' values (the order's and the export's lists hold others), less the lists' first, "all" options.
    const filterValues = new Set(drawnBefore.map((o) => o.value).filter(Boolean));
    // Preact's public hook after each vnode is diffed: an option skipped with the list around it is not heard.
    const { options } = await import('preact');
    const before = options.diffed;
    const compared: string[] = [];
    options.diffed = (v) => {
      const value = (v.props as { value?: unknown }).value;
      if (v.type === 'option' && typeof value === 'string' && filterValues.has(value)) compared.push(value);
      before?.(v);
    };
    try {
      for (const typed of ['n', 'no', 'not', 'note', 'note 5']) await typeInto(q<HTMLInputElement>('#bs-filter-text')!, typed);
      await eventually(() => expect(text('[data-testid=shown-count]')).toBe('15 notes of 60 shown.'));
      expect(compared).toEqual([]);
    } finally {
      options.diffed = before;
    }
    // The same option elements, still saying what they said.
    expect(['#bs-filter-site', '#bs-filter-tag', '#bs-filter-reference'].flatMap(optionsOf)).toEqual(drawnBefore);
    expect(optionsOf('#bs-filter-reference').map((o) => o.text).slice(0, 2)).toEqual(['Anything or nothing', 'Place 0 (1)']);
  });
  test('a search left standing follows the list as it changes: notes added, edited and deleted elsewhere, the other filters, the trash and the bulk actions\' counts', async () => {
    await repository.importRecords(library());
    let changed = () => {};
    await mount({ watchChanges: (listener) => { changed = listener; return () => {}; } });
    await eventually(() => expect(listed()).toHaveLength(4));
    const search = q<HTMLInputElement>('#bs-filter-text')!;
    for (const typed of ['l', 'le', 'led', 'lede']) await typeInto(search, typed);
    expect(listed()).toEqual(['a2']);
    // A note that matches, added in another window.
    await repository.importRecords([note({ id: 'z9', url: 'https://apnews.com/idlib', title: 'Idlib', created: day(5), modified: day(5), text: 'Another lede', tags: [], target: undefined })]);
    await act(async () => changed());
    await eventually(() => expect(listed()).toEqual(['z9', 'a2']));
    // A note edited elsewhere so that it no longer matches.
    await repository.update('a2', { text: 'The intro' });
    await act(async () => changed());
    await eventually(() => expect(listed()).toEqual(['z9']));
    // Queries typed before the change are not answered from what they found then.
    await typeInto(search, 'led');
    expect(listed()).toEqual(['z9']);
    await typeInto(search, 'lede');
    expect(listed()).toEqual(['z9']);
    expect(text('[data-testid=shown-count]')).toBe('1 note of 5 shown.');
    // Deleted from its button: the list, the trash and the counts follow.
    await click(q('[data-note-id=z9] [aria-label^="Delete note"]'));
    await eventually(() => expect(listed()).toEqual([]));
    expect(text('.bs-deleted summary')).toBe('Recently deleted (1)');
    expect(text('[data-testid=shown-count]')).toBe('0 notes of 4 shown.');
    // The other filters changed under a standing query.
    await typeInto(search, 'aleppo');
    expect(listed()).toEqual(['a2', 'a1', 'c1']);
    await choose(q<HTMLSelectElement>('#bs-filter-site')!, 'apnews.com');
    expect(listed()).toEqual(['c1']);
    await choose(q<HTMLSelectElement>('#bs-filter-site')!, '');
    expect(listed()).toEqual(['a2', 'a1', 'c1']);
    // The bulk actions count what the search shows and what it hides of the selection.
    await click(q('.bs-select-all input'));
    expect(text('[data-testid=selected-count]')).toBe('3 notes selected');
    await typeInto(search, 'aleppo toll');
    expect(listed()).toEqual(['a1']);
    expect(text('[data-testid=selected-count]')).toBe('3 notes selected (2 hidden by the filters)');
    expect(text('.bs-select-all')).toBe(' Select all 1 note shown');
    // As many notes shown, none of them selected.
    await typeInto(search, 'hopital');
    expect(listed()).toEqual(['b1']);
    expect(text('[data-testid=selected-count]')).toBe('3 notes selected (3 hidden by the filters)');
  });
});

describe('the notes library: acting on notes', { timeout: 30_000 }, () => {
  test('edit in place, delete with Undo (focus on it), and a deleted note listed for restoring', async () => {
    await repository.importRecords(library());
    await mount();
    await eventually(() => expect(listed()).toHaveLength(4));
    await click(q('[data-note-id=b1] [aria-label^="Edit note"]'));
    const editor = q<HTMLTextAreaElement>('#bs-edit-b1')!;
    await eventually(() => expect(document.activeElement).toBe(editor));
    await typeInto(editor, 'Hôpital bombardé le 3 janvier');
    await typeInto(q<HTMLInputElement>('#bs-edit-b1-tags')!, 'Homs, hospitals');
    await act(async () => { editor.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', ctrlKey: true, bubbles: true })); });
    await eventually(() => expect(text('[data-note-id=b1] .bs-note-text')).toBe('Hôpital bombardé le 3 janvier'));
    expect(await repository.get('b1')).toMatchObject({ text: 'Hôpital bombardé le 3 janvier', tags: ['Homs', 'hospitals'] });

    await click(q('[data-note-id=b1] [aria-label^="Delete note"]'));
    await eventually(() => expect(listed()).toEqual(['a2', 'a1', 'c1']));
    expect(text('.bs-undo span')).toBe('Note deleted: Hôpital bombardé le 3 janvier.');
    await eventually(() => expect(document.activeElement).toBe(button('Undo')));
    expect(text('.bs-deleted summary')).toBe('Recently deleted (1)');
    await click(button('Undo'));
    await eventually(() => expect(listed()).toEqual(['a2', 'b1', 'a1', 'c1']));
    await eventually(() => expect(text('[data-testid=bulk-status]')).toBe('1 note restored.'));
    expect(q('.bs-deleted')).toBeNull();

    // Restoring from the list of deleted notes, after the undo bar has gone.
    await click(q('[data-note-id=c1] [aria-label^="Delete note"]'));
    await eventually(() => expect(listed()).not.toContain('c1'));
    await click(q('[data-deleted-id=c1] button'));
    await eventually(() => expect(listed()).toContain('c1'));
  });

  test('select notes (Shift+click for a range, or all shown), then delete them together and undo', async () => {
    await repository.importRecords(library());
    await mount();
    await eventually(() => expect(listed()).toHaveLength(4));
    const box = (id: string) => q<HTMLInputElement>(`[data-note-id=${id}] input.bs-select`)!;
    expect(box('a2').getAttribute('aria-label')).toBe('Select note: The lede');
    await click(box('a2'));
    await click(box('a1'), { shiftKey: true });
    expect(text('[data-testid=selected-count]')).toBe('3 notes selected');
    expect(['a2', 'b1', 'a1', 'c1'].map((id) => box(id).checked)).toEqual([true, true, true, false]);
    await click(button('Delete selected'));
    await eventually(() => expect(listed()).toEqual(['c1']));
    expect(await repository.count()).toBe(1);
    expect(text('.bs-undo span')).toBe('3 notes deleted.');
    expect(text('[data-testid=selected-count]')).toBe('None selected');
    await click(button('Undo'));
    await eventually(() => expect(listed()).toEqual(['a2', 'b1', 'a1', 'c1']));

    // "Select all shown" takes what the filters show, not what they hide.
    await choose(q<HTMLSelectElement>('#bs-filter-site')!, 'apnews.com');
    const selectAll = q<HTMLInputElement>('.bs-select-all input')!;
    expect(text('.bs-select-all')).toBe(' Select all 2 notes shown');
    await click(selectAll);
    expect(text('[data-testid=selected-count]')).toBe('2 notes selected');
    await choose(q<HTMLSelectElement>('#bs-filter-site')!, '');
    expect(text('[data-testid=selected-count]')).toBe('2 notes selected');
    expect(selectAll.indeterminate).toBe(true);
  });

  test('export the selected notes, and tag or untag them together', async () => {
    await repository.importRecords(library());
    await mount();
    await eventually(() => expect(listed()).toHaveLength(4));
    await click(q('[data-note-id=b1] input.bs-select'));
    await click(q('[data-note-id=c1] input.bs-select'));
    await choose(q<HTMLSelectElement>('#bs-bulk-format')!, 'csv');
    await click(button('Export selected'));
    await eventually(() => expect(downloads).toHaveLength(1));
    expect(downloads[0]).toMatch(/^backstory-notes-\d{4}-\d{2}-\d{2}\.csv$/);
    expect(text('[data-testid=bulk-status]')).toMatch(/^Saved 2 notes to backstory-notes-/);

    await typeInto(q<HTMLInputElement>('#bs-bulk-tag')!, '#to-check');
    await click(button('Add tag'));
    await eventually(() => expect(text('[data-testid=bulk-status]')).toBe('Tagged 2 notes #to-check.'));
    expect((await repository.get('b1'))!.tags).toEqual(['Homs', 'to-check']);
    expect((await repository.get('c1'))!.tags).toEqual(['to-check']);
    expect((await repository.get('a1'))!.tags).toEqual(['casualties']);
    await eventually(() => expect(all('[data-note-id=c1] .bs-tag').map((t) => t.textContent)).toEqual(['#to-check']));
    await click(button('Remove tag'));
    await eventually(() => expect(text('[data-testid=bulk-status]')).toBe('Removed #to-check from 2 notes.'));
    expect((await repository.get('b1'))!.tags).toEqual(['Homs']);
  });

  test('open at passage: a link to the passage that the background opens; a passage no longer on the page is said', async () => {
    await repository.importRecords(library());
    await mount();
    await eventually(() => expect(listed()).toHaveLength(4));
    const link = q<HTMLAnchorElement>('[data-note-id=a1] a[aria-label^="Open at passage"]')!;
    expect(link.getAttribute('href')).toBe('https://www.bbc.co.uk/news/aleppo#:~:text=more%20than%2070%2C000%20people');
    await click(link);
    await eventually(() => expect(opened).toEqual(['a1']));
    // A page note opens its page.
    expect(q('[data-note-id=c1] a[aria-label^="Open page"]')?.getAttribute('href')).toBe('https://apnews.com/damascus');
    openResult = { tabId: 3, opened: false, revealed: false };
    await click(q('[data-note-id=a2] a[aria-label^="Open at passage"]'));
    await eventually(() => expect(text('[data-testid=open-status]')).toBe('The page is open, but the passage “Fighting continued” was not found on it (the article may have changed).'));
  });
});

describe('the notes library: settings', { timeout: 30_000 }, () => {
  test('sites where Backstory is off: turned back on, or off for a site typed in; categories shown', async () => {
    stored[SETTINGS_KEY] = withSite(defaultSettings(), 'bbc.co.uk', false);
    await mount();
    await eventually(() => expect(all('.bs-site-list li span').map((s) => s.textContent)).toEqual(['bbc.co.uk']));
    await click(q('[aria-label="Turn Backstory back on for bbc.co.uk"]'));
    await eventually(() => expect(text('[data-testid=no-sites-off]')).toMatch(/^None/));
    expect((stored[SETTINGS_KEY] as { disabledSites: string[] }).disabledSites).toEqual([]);
    await typeInto(q<HTMLInputElement>('#bs-site-off')!, 'https://www.Example.com/news');
    await click(button('Turn off'));
    await eventually(() => expect(all('.bs-site-list li span').map((s) => s.textContent)).toEqual(['example.com']));
    const place = q<HTMLInputElement>('#settings input[data-category=place]')!;
    expect(place.checked).toBe(true);
    await click(place);
    expect((stored[SETTINGS_KEY] as { categories: Record<string, boolean> }).categories.place).toBe(false);
  });

  test('pages highlighted: only articles about the reference\'s subject (named), or every page; a change made elsewhere shows', async () => {
    await mount({ subject: 'the Syrian civil war, 2012–2013' });
    const everyPage = q<HTMLInputElement>('#settings input[data-control=every-page]')!;
    expect(everyPage.closest('label')?.textContent).toBe(' Also on pages about other subjects');
    const hint = document.getElementById(everyPage.getAttribute('aria-describedby')!)!;
    expect(hint.textContent).toMatch(/^Backstory highlights an article only when it is about the subject of its reference, the Syrian civil war, 2012–2013\. On other pages it paints nothing/);
    expect(everyPage.checked).toBe(false);
    await click(everyPage);
    await eventually(async () => expect((await loadSettings(area)).everyPage).toBe(true));
    expect(everyPage.checked).toBe(true);
    // The popup's switch is the same setting: turned off there, it shows off here, the other settings kept.
    await act(async () => saveSettings(area, withEveryPage(await loadSettings(area), false)));
    await eventually(() => expect(everyPage.checked).toBe(false));
    expect(await loadSettings(area)).toMatchObject({ everyPage: false, disabledSites: [] });
  });

  test('pages highlighted, for a reference that does not name its subject', async () => {
    stored[SETTINGS_KEY] = withEveryPage(defaultSettings(), true);
    await mount();
    expect(q<HTMLInputElement>('#settings input[data-control=every-page]')!.checked).toBe(true);
    expect(text('#bs-every-page-hint')).toMatch(/^Backstory highlights an article only when it is about the subject of its reference\. /);
  });
});

describe('the notes library: import, export, delete all, faults', { timeout: 30_000 }, () => {
  test('imports an exported CSV file, says how many, lists them; a wrong file is refused plainly and changes nothing', async () => {
    await mount();
    expect(text('[data-testid=summary]')).toBe('0 notes on 0 pages.');
    const notes = [note(), note({ id: '0f8fad5b-d9cb-469f-a165-70867728950e', url: 'https://other.example/', text: 'second' })];
    await chooseFile(fileOf(exportAnnotations(notes, 'csv').content, 'notes.csv'));
    await eventually(() => expect(text('[data-testid=import-status]')).toBe('Imported: 2 added, 0 updated, 0 skipped.'));
    await eventually(() => expect(text('[data-testid=summary]')).toBe('2 notes on 2 pages across 2 sites.'));
    expect(listed()).toHaveLength(2);

    // The same file again changes nothing, so the library does not read and fold every note again.
    const reads = vi.spyOn(repository, 'listAll');
    await chooseFile(fileOf(exportAnnotations(notes, 'csv').content, 'notes.csv'));
    await eventually(() => expect(text('[data-testid=import-status]')).toBe('Imported: 0 added, 0 updated, 2 skipped (skipped: already here, same or newer).'));
    expect(reads).not.toHaveBeenCalled();
    reads.mockRestore();

    await chooseFile(fileOf('a,b\n1,2\n', 'budget.csv'));
    await eventually(() => expect(text('.bs-import-result[role=alert]')).toMatch(/^Could not import budget\.csv\. Backstory cannot tell what this file is/));
    expect(text('[data-testid=summary]')).toBe('2 notes on 2 pages across 2 sites.');
  });

  test('an import that only updated notes shows their new text', async () => {
    const stored = note({ id: '0f8fad5b-d9cb-469f-a165-70867728950e', url: 'https://other.example/', text: 'as first saved', modified: '2026-01-02T10:00:00.000Z' });
    await repository.importRecords([stored]);
    await mount();
    expect(text(`[data-note-id=${stored.id}] .bs-note-text`)).toBe('as first saved');
    // Nothing added: the library must still read the notes again, or the old text stays on screen.
    const edited = { ...stored, text: 'edited on another computer', modified: '2026-02-01T00:00:00.000Z' };
    await chooseFile(fileOf(exportAnnotations([edited], 'jsonld').content, 'notes.jsonld'));
    await eventually(() => expect(text('[data-testid=import-status]')).toBe('Imported: 0 added, 1 updated, 0 skipped.'));
    await eventually(() => expect(text(`[data-note-id=${stored.id}] .bs-note-text`)).toBe('edited on another computer'));
  });

  test('refuses an import the disk has no room for, before reading it', async () => {
    api = createTransferApi({ repository, tabUrl: async () => undefined, estimate: async () => ({ quota: 1_000_000, usage: 999_000 }) });
    await mount();
    await chooseFile(fileOf(exportAnnotations([note()], 'jsonld').content, 'notes.jsonld'));
    await eventually(() => expect(text('.bs-import-result[role=alert]')).toMatch(/not enough free disk space.*notes you saved before are safe/));
    expect(await repository.count()).toBe(0);
  });

  test('exports what the filters show', async () => {
    await repository.importRecords([note(), note({ id: '0f8fad5b-d9cb-469f-a165-70867728950e', url: 'https://other.example/', text: 'second', tags: ['x'] })]);
    await mount();
    await choose(q<HTMLSelectElement>('#bs-filter-site')!, 'other.example');
    await eventually(() => expect(text('[data-testid=shown-count]')).toBe('1 note of 2 shown.'));
    const shownOnly = [...root.querySelectorAll<HTMLInputElement>('input[name=bs-export-which]')][1]!;
    await act(async () => { shownOnly.click(); });
    await act(async () => { button('Export 1 note')!.click(); });
    await eventually(() => expect(text('[data-testid=export-status]')).toMatch(/^Saved 1 note to backstory-notes-/));
    expect(downloads).toHaveLength(1);
  });

  test('delete-all: the field has focus as soon as it opens, only the typed words enable it, and undo brings everything back', async () => {
    await repository.importRecords([note(), note({ id: '0f8fad5b-d9cb-469f-a165-70867728950e', text: 'second' })]);
    await mount();
    await act(async () => { button('Delete all notes…')!.click(); });
    const field = q<HTMLInputElement>('#bs-delete-confirm')!;
    // No frame later: at once.
    expect(document.activeElement).toBe(field);
    const confirm = button('Delete everything')!;
    await typeInto(field, 'delete');
    expect(confirm.disabled).toBe(true);
    await typeInto(field, 'Delete All ');
    expect(confirm.disabled).toBe(false);
    await act(async () => { confirm.click(); });
    await eventually(() => expect(text('[data-testid=summary]')).toBe('0 notes on 0 pages.'));
    expect(text('[data-testid=delete-status]')).toMatch(/^Deleted 2 notes\./);
    await act(async () => { [...root.querySelectorAll<HTMLButtonElement>('.bs-danger-zone button')].find((b) => b.textContent === 'Undo')!.click(); });
    await eventually(() => expect(text('[data-testid=summary]')).toBe('2 notes on 1 page across 1 site.'));
    expect(text('[data-testid=delete-status]')).toBe('Restored 2 notes.');
  });

  test('a storage fault shows what happened and offers an export of everything at once', async () => {
    await repository.importRecords([note()]);
    await mount();
    const spy = vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(() => {
      throw new DOMException('IO error: FILE_ERROR_NO_SPACE', 'UnknownError');
    });
    await expect(repository.update(note().id, { text: 'x' })).rejects.toMatchObject({ reason: 'disk' });
    spy.mockRestore();
    await eventually(() => expect(button('Export all notes now')).not.toBeNull());
    expect(text('.bs-fault')).toMatch(/notes you saved\s+before are safe/);
    await act(async () => { button('Export all notes now')!.click(); });
    await eventually(() => expect(downloads).toHaveLength(1));
    expect(downloads[0]).toMatch(/\.jsonld$/);
    await act(async () => { button('Try saving again')!.click(); });
    await eventually(() => expect(q('.bs-fault')).toBeNull());
  });
});
