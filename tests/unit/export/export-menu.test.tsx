// The popup's export menu with the notes panel's search beside it, as components/Popup.tsx composes them:
// typing a search offers "Search results", and that export holds exactly the notes the search finds.
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { render } from 'preact';
import { useState } from 'preact/hooks';
import { act } from 'preact/test-utils';
import { createTransferApi, type TransferApi } from '@/lib/export/transfer';
import type { NotesApi } from '@/lib/notes/api';
import type { NotesRepository } from '@/lib/notes/repository';
import type { ExportFile } from '@/lib/export/formats';
import { NotesPanel } from '@/components/NotesPanel';
import { ExportMenu } from '@/components/ExportMenu';
import { popupFixture } from '../notes/fixtures';

const PAGE = 'https://news.example/syria';

let store: NotesRepository;
let notesApi: NotesApi;
let transfer: TransferApi;
let exported: ExportFile[];
let root: HTMLElement;
let downloads: string[];

beforeEach(() => {
  localStorage.clear();
  ({ repository: store, api: notesApi } = popupFixture(PAGE));
  const local = createTransferApi({ repository: store, tabUrl: async () => PAGE });
  exported = [];
  // Keep what would be downloaded; the real download path is covered in Chromium (tests/e2e).
  transfer = { ...local, exportFile: async (format, scope) => { const file = await local.exportFile(format, scope); exported.push(file); return file; } };
  URL.createObjectURL = vi.fn(() => 'blob:test');
  URL.revokeObjectURL = vi.fn();
  downloads = [];
  // jsdom cannot navigate; record the download link the menu clicks instead.
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) { downloads.push(this.download); });
  root = document.createElement('div');
  document.body.replaceChildren(root);
});

afterEach(async () => {
  await act(async () => { render(null, root); });
  await new Promise((ok) => setTimeout(ok, 50));
  vi.restoreAllMocks();
});

const eventually = (assertion: () => void) => vi.waitFor(assertion, { timeout: 5000, interval: 20 });
const buttons = () => [...root.querySelectorAll<HTMLButtonElement>('.bs-export button')];
const button = (label: string) => buttons().find((b) => b.textContent?.trim() === label);

/** The popup's wiring, without the sections that need a live tab. */
function PopupNotes() {
  const [query, setQuery] = useState('');
  return (
    <>
      <NotesPanel tabId={1} api={notesApi} onSearchQueryChange={setQuery} />
      <ExportMenu tabId={1} query={query} api={transfer} openOptions={() => undefined} />
    </>
  );
}

async function search(text: string) {
  const box = root.querySelector<HTMLInputElement>('input[type="search"]')!;
  await act(async () => {
    box.value = text;
    box.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

describe('popup export of the current search', () => {
  test('"Search results" appears with a query and exports exactly what the search finds', async () => {
    await store.create({ url: PAGE, title: 'Syria toll', text: 'Refugees crossing into Jordan', tags: ['refugees'] });
    await store.create({ url: 'https://other.example/a', title: 'Aleppo', text: 'Shelling in Aleppo', tags: ['aleppo'] });
    await store.create({ url: 'https://other.example/b', title: 'Camps', text: 'Jordan camp numbers', tags: [] });
    await act(async () => { render(<PopupNotes />, root); });
    await eventually(() => expect(button('All notes')).toBeDefined());
    expect(button('Search results')).toBeUndefined();

    await search('jordan');
    await eventually(() => expect(button('Search results')).toBeDefined());
    // The search list and the export agree on what "jordan" finds.
    await eventually(() => expect(root.querySelectorAll('.bs-result')).toHaveLength(2));
    const format = root.querySelector<HTMLSelectElement>('#bs-export-format')!;
    await act(async () => {
      format.value = 'csv';
      format.dispatchEvent(new Event('change', { bubbles: true }));
    });
    await act(async () => { button('Search results')!.click(); });
    await eventually(() => expect(exported).toHaveLength(1));
    expect(exported[0]!.count).toBe(2);
    expect(exported[0]!.content).toContain('Refugees crossing into Jordan');
    expect(exported[0]!.content).toContain('Jordan camp numbers');
    expect(exported[0]!.content).not.toContain('Shelling in Aleppo');
    expect(downloads).toEqual([exported[0]!.filename]);
    expect(downloads[0]).toMatch(/\d{4}-\d{2}-\d{2}.*\.csv$/);
    expect(root.querySelector('.bs-export [role="status"]')?.textContent).toContain('Saved 2 annotations');

    // Clearing the search takes the choice away again.
    await search('  ');
    await eventually(() => expect(button('Search results')).toBeUndefined());
  });
});
