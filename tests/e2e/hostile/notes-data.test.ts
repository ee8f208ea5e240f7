// Notes that other tools, old versions or hostile pages hand Backstory, in Chromium with the built extension:
// whatever gets in can be edited, deleted and restored; what cannot be kept is refused with a plain message;
// a page cannot refuse notes on itself by its title or address; exports never make a hostile address live.
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Download, Page } from 'playwright-core';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeJsonLd } from '../../../lib/export/jsonld';
import type { Annotation } from '../../../lib/notes/types';
import { launchWithExtension, servePages, tabIdFor, type ExtensionBrowser, type PageServer } from '../harness';

let browser: ExtensionBrowser;
let server: PageServer;
let work: string;

const ARTICLE = (title: string) => `<!doctype html><html><head><title>${title}</title></head><body><main><article>
<h1>Shelling resumes in Homs</h1><p>Shelling resumed in the old city of Homs on Tuesday, residents said.</p>
</article></main></body></html>`;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'backstory-hostile-'));
  server = await servePages();
  browser = await launchWithExtension({ downloadsPath: join(work, 'downloads') });
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

function record(over: Partial<Annotation>): Annotation {
  return {
    id: crypto.randomUUID(), url: `${server.origin}/homs`, title: 'Shelling resumes in Homs',
    created: '2026-01-02T10:00:00.000Z', modified: '2026-01-02T10:00:00.000Z', text: 'imported', tags: [], ...over,
  };
}

async function importText(name: string, content: string | Buffer): Promise<Page> {
  const options = await browser.openExtensionPage('options.html');
  await expect.poll(() => options.getByTestId('summary').textContent()).not.toBe('Loading…');
  await options.locator('#bs-import-file').setInputFiles({ name, mimeType: 'application/octet-stream', buffer: Buffer.isBuffer(content) ? content : Buffer.from(content) });
  return options;
}

async function popupOn(path: string, title: string): Promise<{ page: Page; popup: Page }> {
  server.set(path.replace(/\?.*$/, ''), ARTICLE(title));
  const page = await browser.context.newPage();
  await page.goto(`${server.origin}${path}`);
  const popup = await browser.openExtensionPage(`popup.html?tab=${await tabIdFor(browser, page.url())}`);
  await popup.getByRole('heading', { name: /^Notes on this page/ }).waitFor();
  return { page, popup };
}

test('an imported note with a 300-character tag can be edited, deleted and restored', async () => {
  const imported = record({ url: `${server.origin}/long-tag`, text: 'tagged by another tool', tags: ['t'.repeat(300)] });
  const options = await importText('other-tool.jsonld', writeJsonLd([imported], { now: new Date() }));
  await expect.poll(() => options.getByTestId('import-status').textContent(), { timeout: 20_000 }).toBe('Imported: 1 added, 0 updated, 0 skipped.');
  await options.close();

  const { page, popup } = await popupOn('/long-tag', 'Shelling resumes in Homs');
  const item = popup.locator(`[data-note-id="${imported.id}"]`);
  await expect.poll(() => item.locator('.bs-note-text').textContent()).toBe('tagged by another tool');
  await item.getByRole('button', { name: /^Edit note/ }).click();
  const editor = item.getByRole('textbox', { name: 'Note' });
  await expect.poll(() => editor.evaluate((el) => el === document.activeElement)).toBe(true);
  await editor.fill('edited after import');
  await editor.press('Control+Enter');
  await expect.poll(() => item.locator('.bs-note-text').textContent()).toBe('edited after import');
  expect(await popup.locator('[role="alert"]').count()).toBe(0);

  await item.getByRole('button', { name: /^Delete note/ }).click();
  await expect.poll(() => popup.locator('.bs-note').count()).toBe(0);
  await popup.locator('.bs-undo').getByRole('button', { name: 'Undo' }).click();
  await expect.poll(() => item.locator('.bs-note-text').textContent()).toBe('edited after import');
  expect(await popup.locator('[role="alert"]').count()).toBe(0);
  await popup.close();
  await page.close();
});

test('a delete is not final when the popup closes: the next popup restores the note', async () => {
  const { page, popup } = await popupOn('/closed-popup', 'Shelling resumes in Homs');
  await popup.getByLabel('Note', { exact: true }).fill('Deleted, then wanted back');
  await popup.getByLabel('Note', { exact: true }).press('Control+Enter');
  const item = popup.locator('.bs-note', { hasText: 'Deleted, then wanted back' });
  await expect.poll(() => item.count()).toBe(1);
  await item.getByRole('button', { name: /^Delete note/ }).click();
  await expect.poll(() => popup.locator('.bs-note').count()).toBe(0);
  await popup.close();

  const again = await browser.openExtensionPage(`popup.html?tab=${await tabIdFor(browser, page.url())}`);
  const deleted = again.locator('.bs-deleted');
  await expect.poll(() => deleted.locator('summary').textContent()).toBe('Recently deleted on this page (1)');
  await deleted.locator('summary').click();
  await deleted.getByRole('button', { name: /^Restore note/ }).click();
  await expect.poll(() => again.locator('.bs-note .bs-note-text').allTextContents()).toEqual(['Deleted, then wanted back']);
  await again.close();
  await page.close();
});

test('an annotation id with an empty local part is refused, and nothing is imported', async () => {
  const doc = JSON.parse(writeJsonLd([record({ text: 'no id' })], { now: new Date() }));
  doc.first.items[0].id = 'urn:x-backstory:annotation:';
  const options = await importText('empty-id.jsonld', JSON.stringify(doc));
  const alert = options.locator('.bs-import-result[role="alert"]');
  await expect.poll(() => alert.textContent(), { timeout: 20_000 }).toMatch(/first\.items\[0\]\.id: the note has no id/);
  await expect.poll(() => options.locator('[data-note-id=""]').count()).toBe(0);
  await options.close();
});

test('a wrong file gets a plain message: a binary file, a file one byte over 50 MB, a spreadsheet of something else', async () => {
  const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]), Buffer.alloc(2000, 0xff)]);
  const options = await importText('photo.png', png);
  const alert = options.locator('.bs-import-result[role="alert"]');
  await expect.poll(() => alert.textContent(), { timeout: 20_000 }).toMatch(/This is not a text file.*Backstory imports the files it exports/s);
  expect(await alert.textContent()).not.toMatch(/ends too early|Unexpected token|not valid JSON/);

  const huge = join(work, 'huge.jsonld');
  writeFileSync(huge, Buffer.alloc(50 * 1024 * 1024 + 1, 0x20));
  await options.locator('#bs-import-file').setInputFiles(huge);
  await expect.poll(() => alert.textContent(), { timeout: 30_000 }).toMatch(/52,428,801 bytes, and the limit is 50 MB \(52,428,800 bytes\)/);

  await options.locator('#bs-import-file').setInputFiles({ name: 'budget.csv', mimeType: 'text/csv', buffer: Buffer.from('a,b\n1,2\n') });
  await expect.poll(() => alert.textContent(), { timeout: 20_000 }).toMatch(/cannot tell what this file is.*JSON-LD.*CSV.*Markdown/s);
  expect(await alert.textContent()).not.toMatch(/Unexpected token|is not valid JSON/);
  await options.close();
});

test('a page cannot refuse notes by a long title (cut) or a long address (accepted)', async () => {
  const { page, popup } = await popupOn(`/long-address?q=${'x'.repeat(9000)}`, 'Breaking: '.repeat(300));
  await popup.getByLabel('Note', { exact: true }).fill('A note on a page with a very long title and address');
  await popup.getByLabel('Note', { exact: true }).press('Control+Enter');
  await expect.poll(() => popup.locator('.bs-note .bs-note-text').allTextContents()).toEqual(['A note on a page with a very long title and address']);
  expect(await popup.locator('.bs-composer [role="alert"]').count()).toBe(0);
  await popup.close();
  await page.close();
});

async function download(page: Page, click: () => Promise<void>): Promise<{ download: Download; text: string }> {
  const [file] = await Promise.all([page.waitForEvent('download', { timeout: 30_000 }), click()]);
  return { download: file, text: readFileSync(await file.path(), 'utf8') };
}

test('exports never make a hostile address a live link, nor a tag a formula in a ";"-separated spreadsheet', async () => {
  const hostile = record({ url: 'javascript:alert(document.domain)//', title: 'Click me', text: 'from a hostile file', tags: ['tag;=2+2'] });
  const data = record({ url: 'data:text/html,<script>alert(1)</script>', title: 'Data page', text: 'data address', tags: [] });
  const options = await importText('hostile.jsonld', writeJsonLd([hostile, data], { now: new Date() }));
  await expect.poll(() => options.getByTestId('import-status').textContent(), { timeout: 20_000 }).toMatch(/^Imported: 2 added/);
  await options.fill('#bs-filter-text', 'hostile');
  await options.getByLabel(/Only those shown by the filters/).check();

  await options.selectOption('#bs-options-format', 'markdown');
  const md = await download(options, () => options.getByRole('button', { name: 'Export 1 note' }).click());
  expect(md.text).not.toMatch(/\]\(<?javascript:/i);
  expect(md.text).toContain('## Click me');

  await options.selectOption('#bs-options-format', 'csv');
  const csv = await download(options, () => options.getByRole('button', { name: 'Export 1 note' }).click());
  // Every field quoted: a ";"-separated spreadsheet keeps "tag;=2+2" in one cell, as text.
  expect(csv.text).toContain('"tag;=2+2"');
  for (const line of csv.text.split('\r\n').slice(1)) expect(line.startsWith('"')).toBe(true);

  // The notes library shows their pages as text, never as links, and offers no way to open them.
  await options.fill('#bs-filter-text', '');
  await expect.poll(() => options.locator('.bs-note-page', { hasText: 'Data page' }).count()).toBe(1);
  expect(await options.locator('a[href^="javascript:"], a[href^="data:"]').count()).toBe(0);
  expect(await options.locator('.bs-note', { hasText: 'from a hostile file' }).getByRole('link', { name: /^Open/ }).count()).toBe(0);
  await options.close();
});
