// Export and import, end to end, in Debian's Chromium with the built extension: an import through the notes
// library (the options page) lists the notes (and a re-import skips them all; a bad file changes nothing); the
// popup's "This page" export and the library's exports produce downloaded files whose content is read back and
// checked; delete-all needs its typed confirmation; a deleted note a file brings back leaves "Recently deleted".
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Download, Page } from 'playwright-core';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import { writeJsonLd } from '../../lib/export/jsonld';
import { parseImportFile } from '../../lib/export/import';
import { csvRows } from '../../lib/export/csv';
import type { Annotation } from '../../lib/notes/types';
import { launchWithExtension, servePages, tabIdFor, type ExtensionBrowser, type PageServer } from './harness';
import { clearNotes } from './notes-state';

let browser: ExtensionBrowser;
let server: PageServer;
let work: string;
let articleUrl: string;
let seeded: Annotation[];

const ARTICLE = `<!doctype html><html><head><title>Syria death toll passes 60,000, UN says</title></head>
<body><main><article><h1>Syria death toll passes 60,000, UN says</h1>
<p>More than 60,000 people have been killed in the Syrian conflict since March 2011, according to the UN.</p>
<p>Fighting continued on Wednesday in Aleppo and in the suburbs of Damascus, activists said.</p>
</article></main></body></html>`;

const byId = (a: Annotation, b: Annotation) => (a.id < b.id ? -1 : 1);

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'backstory-export-'));
  server = await servePages();
  server.set('/world/syria-toll', ARTICLE);
  articleUrl = `${server.origin}/world/syria-toll`;
  seeded = [
    {
      id: '1b9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4bed', url: articleUrl, title: 'Syria death toll passes 60,000, UN says',
      created: '2026-01-02T10:00:00.000Z', modified: '2026-01-02T10:00:00.000Z',
      text: 'Check against the "UN" report, p. 3\nسوريا — 中文 😀', tags: ['casualties', 'UN'],
      target: {
        quote: { type: 'TextQuoteSelector', exact: 'More than 60,000 people', prefix: '', suffix: ' have been killed' },
        position: { type: 'TextPositionSelector', start: 0, end: 23 },
      },
      reference: { id: 'figure:people-killed-60000', kind: 'figure', label: 'more than 60,000 people killed' },
    },
    {
      id: '0f8fad5b-d9cb-469f-a165-70867728950e', url: articleUrl, title: 'Syria death toll passes 60,000, UN says',
      created: '2026-01-03T10:00:00.000Z', modified: '2026-01-03T11:00:00.000Z',
      text: '', tags: [],
      target: { quote: { type: 'TextQuoteSelector', exact: 'Aleppo', prefix: 'on Wednesday in ', suffix: ' and in' } },
    },
    {
      id: '7c9e6679-7425-40de-944b-e07fc1f90ae7', url: 'https://other.example/refugees', title: 'Refugees, in numbers',
      created: '2026-01-04T10:00:00.000Z', modified: '2026-01-04T10:00:00.000Z',
      text: '=HYPERLINK("http://evil.example")', tags: ['refugees'],
    },
  ];
  browser = await launchWithExtension({ downloadsPath: join(work, 'downloads') });
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

/**
 * The three seeded notes, imported into an empty database as a reader would: every test starts from them.
 * Returns the options page (left open) and the file.
 */
async function seedNotes(): Promise<{ options: Page; file: string }> {
  await clearNotes(browser);
  const file = join(work, 'seed.jsonld');
  writeFileSync(file, writeJsonLd(seeded, { now: new Date() }));
  const options = await browser.openExtensionPage('options.html');
  await expect.poll(() => options.getByTestId('summary').textContent()).toBe('0 notes on 0 pages.');
  await importFile(options, file);
  await expect.poll(() => options.getByTestId('import-status').textContent(), { timeout: 20_000 }).toBe('Imported: 3 added, 0 updated, 0 skipped.');
  await expect.poll(() => options.getByTestId('summary').textContent()).toBe('3 notes on 2 pages across 2 sites.');
  return { options, file };
}

async function importFile(options: Page, path: string): Promise<void> {
  await options.locator('#bs-import-file').setInputFiles(path);
}

async function downloaded(page: Page, click: () => Promise<void>): Promise<{ download: Download; text: string }> {
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 30_000 }), click()]);
  const path = await download.path();
  return { download, text: readFileSync(path, 'utf8') };
}

test('an import through the notes library lists the notes; the same file again changes nothing', async () => {
  const { options, file } = await seedNotes();
  await expect.poll(() => options.locator('.bs-library-list .bs-note').count()).toBe(3);
  const first = options.locator(`[data-note-id="${seeded[0]!.id}"]`);
  expect(await first.locator('.bs-quote').textContent()).toBe('More than 60,000 people');
  expect(await first.locator('.bs-note-text').textContent()).toBe(seeded[0]!.text);
  expect(await first.locator('.bs-tag').allTextContents()).toEqual(['#casualties', '#UN']);
  expect(await first.locator('.bs-note-reference').textContent()).toBe('Linked to figure more than 60,000 people killed');
  // Newest first, each saying which page it is on.
  expect(await options.locator('.bs-note-page a').allTextContents()).toEqual(['Refugees, in numbers', 'Syria death toll passes 60,000, UN says', 'Syria death toll passes 60,000, UN says']);

  await importFile(options, file);
  await expect.poll(() => options.getByTestId('import-status').textContent(), { timeout: 20_000 }).toMatch(/^Imported: 0 added, 0 updated, 3 skipped/);

  // A newer copy of one note (same id) replaces it; the others are skipped.
  const edited = { ...seeded[2]!, text: '=HYPERLINK("http://evil.example") edited', modified: '2026-02-01T00:00:00.000Z' };
  const newer = join(work, 'newer.jsonld');
  writeFileSync(newer, writeJsonLd([seeded[0]!, seeded[1]!, edited], { now: new Date() }));
  await importFile(options, newer);
  await expect.poll(() => options.getByTestId('import-status').textContent(), { timeout: 20_000 }).toMatch(/^Imported: 0 added, 1 updated, 2 skipped/);
  await expect.poll(() => options.locator(`[data-note-id="${edited.id}"] .bs-note-text`).textContent()).toBe('=HYPERLINK("http://evil.example") edited');

  // Filters: by site, then by text.
  await options.selectOption('#bs-filter-site', 'other.example');
  await expect.poll(() => options.locator('.bs-library-list .bs-note').count()).toBe(1);
  await options.selectOption('#bs-filter-site', '');
  await options.fill('#bs-filter-text', 'aleppo');
  await expect.poll(() => options.getByTestId('shown-count').textContent()).toBe('1 note of 3 shown.');
  expect(await options.locator('.bs-library-list mark').allTextContents()).toEqual(['Aleppo']);
  await options.fill('#bs-filter-text', '');
  await options.close();
});

test('a bad file is refused with what is wrong and where, and nothing changes', async () => {
  await (await seedNotes()).options.close();
  const options = await browser.openExtensionPage('options.html');
  await expect.poll(() => options.getByTestId('summary').textContent()).toBe('3 notes on 2 pages across 2 sites.');
  const doc = JSON.parse(writeJsonLd([{ ...seeded[0]!, id: '3f2504e0-4f89-41d3-9a0c-0305e82c3301', text: 'new' }], { now: new Date() }));
  delete doc.first.items[0].target.source;
  await options.locator('#bs-import-file').setInputFiles({ name: 'broken.jsonld', mimeType: 'application/ld+json', buffer: Buffer.from(JSON.stringify(doc)) });
  const alert = options.locator('.bs-import-result[role="alert"]');
  await expect.poll(() => alert.textContent(), { timeout: 20_000 }).toMatch(/Could not import broken\.jsonld\..*first\.items\[0\]\.target\.source: required/s);
  await options.locator('#bs-import-file').setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('{ not json') });
  await expect.poll(() => alert.textContent(), { timeout: 20_000 }).toMatch(/not valid JSON: .* at line 1, column 3/);
  await options.reload();
  await expect.poll(() => options.getByTestId('summary').textContent()).toBe('3 notes on 2 pages across 2 sites.');
  await options.close();
});

test('the popup exports this page\'s notes as a downloaded JSON-LD file that imports back exactly', async () => {
  await (await seedNotes()).options.close();
  const article = await browser.context.newPage();
  await article.goto(articleUrl);
  const tabId = await tabIdFor(browser, articleUrl);
  const popup = await browser.openExtensionPage(`popup.html?tab=${tabId}`);
  await popup.locator('.bs-export summary').click();
  await popup.selectOption('#bs-export-format', 'jsonld');
  const { download, text } = await downloaded(popup, () => popup.locator('.bs-export').getByRole('button', { name: 'This page', exact: true }).click());
  expect(download.suggestedFilename()).toMatch(/^backstory-notes-\d{4}-\d{2}-\d{2}\.jsonld$/);
  const doc = JSON.parse(text);
  expect(doc['@context'][0]).toBe('http://www.w3.org/ns/anno.jsonld');
  expect(doc.type).toBe('AnnotationCollection');
  expect(doc.total).toBe(2);
  expect((await parseImportFile(text)).sort(byId)).toStrictEqual(seeded.slice(0, 2).sort(byId));
  await expect.poll(() => popup.locator('.bs-export [role="status"]').textContent()).toMatch(/^Saved 2 notes to backstory-notes-/);

  // All notes as CSV: BOM, and papaparse reads back exactly the rows (formula cell guarded).
  await popup.selectOption('#bs-export-format', 'csv');
  const csv = await downloaded(popup, () => popup.locator('.bs-export').getByRole('button', { name: 'All notes', exact: true }).click());
  expect(csv.download.suggestedFilename()).toMatch(/\.csv$/);
  expect(csv.text.charCodeAt(0)).toBe(0xfeff);
  const rows = Papa.parse<string[]>(csv.text.slice(1)).data;
  const expected = csvRows(seeded);
  expect(rows[0]).toEqual(expected[0]);
  expect(rows.slice(1).sort()).toEqual(expected.slice(1).sort());
  expect(rows.some((r) => r[3] === `'=HYPERLINK("http://evil.example")`)).toBe(true); // formula guard
  // And the file imports back as exactly the notes it was made from.
  expect((await parseImportFile(csv.text)).sort(byId)).toStrictEqual([...seeded].sort(byId));
  await popup.close();
  await article.close();
});

test('the notes library exports what the filters show, as Markdown', async () => {
  await (await seedNotes()).options.close();
  const options = await browser.openExtensionPage('options.html');
  await expect.poll(() => options.getByTestId('summary').textContent()).toBe('3 notes on 2 pages across 2 sites.');
  await options.selectOption('#bs-options-format', 'markdown');
  await options.selectOption('#bs-filter-tag', 'refugees');
  await options.getByLabel(/Only those shown by the filters/).check();
  const { download, text } = await downloaded(options, () => options.getByRole('button', { name: 'Export 1 note' }).click());
  expect(download.suggestedFilename()).toMatch(/\.md$/);
  expect(text).toContain('## [Refugees, in numbers](<https://other.example/refugees>)');
  expect(text).toContain('\\=HYPERLINK("http://evil.example")');
  expect(text).not.toContain('Aleppo');
  expect(await parseImportFile(text)).toStrictEqual([seeded[2]]);
  await options.close();
});

test('delete-all needs the typed confirmation, then empties the list; undo brings it back', async () => {
  await (await seedNotes()).options.close();
  const options = await browser.openExtensionPage('options.html');
  await expect.poll(() => options.getByTestId('summary').textContent()).toBe('3 notes on 2 pages across 2 sites.');
  await options.getByRole('button', { name: 'Delete all notes…' }).click();
  const field = options.getByLabel('Type delete all to confirm');
  // Typing goes to the focused element: wait until the field has focus.
  await expect.poll(() => field.evaluate((el) => el === document.activeElement)).toBe(true);
  const confirm = options.getByRole('button', { name: 'Delete everything' });
  expect(await confirm.isDisabled()).toBe(true);
  await options.keyboard.type('delete');
  await expect.poll(() => field.inputValue()).toBe('delete');
  expect(await confirm.isDisabled()).toBe(true);
  await options.keyboard.press('Enter'); // not yet confirmed: nothing happens
  await options.keyboard.type(' all');
  await expect.poll(() => field.inputValue()).toBe('delete all');
  await expect.poll(() => confirm.isDisabled()).toBe(false);
  await options.keyboard.press('Enter');
  await expect.poll(() => options.getByTestId('summary').textContent()).toBe('0 notes on 0 pages.');
  expect(await options.locator('.bs-library-list .bs-note').count()).toBe(0);
  await options.getByTestId('delete-status').getByRole('button', { name: 'Undo' }).click();
  await expect.poll(() => options.getByTestId('summary').textContent()).toBe('3 notes on 2 pages across 2 sites.');
  await options.close();
});

test('a deleted note that a file brings back is live again and leaves "Recently deleted"', async () => {
  const { options, file } = await seedNotes();
  const refugees = options.locator(`[data-note-id="${seeded[2]!.id}"]`);
  await refugees.getByRole('button', { name: /^Delete note:/ }).click();
  await expect.poll(() => options.getByTestId('summary').textContent()).toBe('2 notes on 1 page across 1 site.');
  const trash = options.locator(`.bs-deleted-item[data-deleted-id="${seeded[2]!.id}"]`);
  await expect.poll(() => trash.count()).toBe(1);
  // The same file again: the two live notes are here already; the deleted one comes back from the trash.
  await importFile(options, file);
  await expect.poll(() => options.getByTestId('import-status').textContent(), { timeout: 20_000 })
    .toBe('Imported: 1 added, 0 updated, 2 skipped (skipped: already here, same or newer).');
  await expect.poll(() => options.getByTestId('summary').textContent()).toBe('3 notes on 2 pages across 2 sites.');
  await expect.poll(() => refugees.count()).toBe(1);
  await expect.poll(() => trash.count()).toBe(0);
  // And so for good: a fresh library page shows the note once, and nothing under "Recently deleted".
  await options.reload();
  await expect.poll(() => options.getByTestId('summary').textContent()).toBe('3 notes on 2 pages across 2 sites.');
  // The notes' own "Recently deleted" (the reference sets' trash below is another list).
  expect(await options.locator('#notes .bs-deleted').count()).toBe(0);
  await options.close();
});
