// The options page's components over a real repository (fake-indexeddb): the list and its filters, import
// of an exported file with counts, a refused file, export, and delete-all behind its typed confirmation
// with undo.
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { IDBFactory } from 'fake-indexeddb';
import { openRepository, type NotesRepository } from '@/lib/notes/repository';
import { createTransferApi, type TransferApi } from '@/lib/export/transfer';
import { exportAnnotations } from '@/lib/export/export';
import { Options } from '@/components/Options';
import { note } from './helpers';

let repository: NotesRepository;
let api: TransferApi;
let root: HTMLElement;
let downloads: string[];

beforeEach(() => {
  localStorage.clear();
  repository = openRepository(new IDBFactory());
  api = createTransferApi({ repository, tabUrl: async () => undefined, estimate: async () => ({ quota: 1e9, usage: 0 }) });
  URL.createObjectURL = vi.fn(() => 'blob:test');
  URL.revokeObjectURL = vi.fn();
  downloads = [];
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) { downloads.push(this.download); });
  root = document.createElement('div');
  document.body.replaceChildren(root);
});
afterEach(async () => {
  await act(async () => { render(null, root); });
  vi.restoreAllMocks();
});

const eventually = (assertion: () => void) => vi.waitFor(assertion, { timeout: 5000, interval: 20 });
const q = <T extends Element = HTMLElement>(sel: string) => root.querySelector<T>(sel);
const text = (sel: string) => q(sel)?.textContent ?? null;
const button = (label: string) => [...root.querySelectorAll('button')].find((b) => b.textContent?.trim() === label) ?? null;

async function mount() {
  await act(async () => { render(<Options repository={repository} api={api} />, root); });
  await eventually(() => expect(text('[data-testid=summary]')).not.toBe('Loading…'));
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

async function typeInto(el: HTMLInputElement, value: string) {
  await act(async () => {
    el.value = value;
    el.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

describe('the options page', { timeout: 30_000 }, () => {
  test('imports an exported CSV file, says how many, lists them; a wrong file is refused plainly and changes nothing', async () => {
    await mount();
    expect(text('[data-testid=summary]')).toBe('0 annotations on 0 pages.');
    const notes = [note(), note({ id: '0f8fad5b-d9cb-469f-a165-70867728950e', url: 'https://other.example/', text: 'second' })];
    await chooseFile(fileOf(exportAnnotations(notes, 'csv').content, 'notes.csv'));
    await eventually(() => expect(text('[data-testid=import-status]')).toBe('Imported: 2 added, 0 updated, 0 skipped.'));
    await eventually(() => expect(text('[data-testid=summary]')).toBe('2 annotations on 2 pages.'));
    expect(root.querySelectorAll('.bs-annotation')).toHaveLength(2);

    await chooseFile(fileOf('a,b\n1,2\n', 'budget.csv'));
    await eventually(() => expect(text('.bs-import-result[role=alert]')).toMatch(/^Could not import budget\.csv\. Backstory cannot tell what this file is/));
    expect(text('[data-testid=summary]')).toBe('2 annotations on 2 pages.');
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
    const site = q<HTMLSelectElement>('#bs-filter-site')!;
    await act(async () => {
      site.value = 'other.example';
      site.dispatchEvent(new Event('change', { bubbles: true }));
    });
    await eventually(() => expect(text('[data-testid=shown-count]')).toBe('1 of 2 shown.'));
    const shownOnly = [...root.querySelectorAll<HTMLInputElement>('input[name=bs-export-which]')][1]!;
    await act(async () => { shownOnly.click(); });
    await act(async () => { button('Export 1 annotation')!.click(); });
    await eventually(() => expect(text('[data-testid=export-status]')).toMatch(/^Saved 1 annotation to backstory-notes-/));
    expect(downloads).toHaveLength(1);
  });

  test('delete-all: the field has focus as soon as it opens, only the typed words enable it, and undo brings everything back', async () => {
    await repository.importRecords([note(), note({ id: '0f8fad5b-d9cb-469f-a165-70867728950e', text: 'second' })]);
    await mount();
    await act(async () => { button('Delete all annotations…')!.click(); });
    const field = q<HTMLInputElement>('#bs-delete-confirm')!;
    // No frame later: at once.
    expect(document.activeElement).toBe(field);
    const confirm = button('Delete everything')!;
    await typeInto(field, 'delete');
    expect(confirm.disabled).toBe(true);
    await typeInto(field, 'Delete All ');
    expect(confirm.disabled).toBe(false);
    await act(async () => { confirm.click(); });
    await eventually(() => expect(text('[data-testid=summary]')).toBe('0 annotations on 0 pages.'));
    expect(text('[data-testid=delete-status]')).toMatch(/^Deleted 2 annotations\./);
    await act(async () => { button('Undo')!.click(); });
    await eventually(() => expect(text('[data-testid=summary]')).toBe('2 annotations on 1 page.'));
    expect(text('[data-testid=delete-status]')).toBe('Restored 2 annotations.');
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
