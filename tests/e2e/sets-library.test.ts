// Reference sets in the library page, in Chromium with the built extension: a set made by pasting a text and
// choosing files, built off the page with a progress bar; corrected by keyboard (each correction undoable);
// exported, deleted (asked first, restorable) and imported again in a fresh profile as the same set. axe-core finds
// nothing wrong on any of it.
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Download, Page } from 'playwright-core';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { axeViolations as axeOn, launchWithExtension, type ExtensionBrowser } from './harness';
import { VALDORA_ARTICLES, articlePage, articleText } from '../sets-articles';

let browser: ExtensionBrowser;
let work: string;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'backstory-sets-'));
  browser = await launchWithExtension({ downloadsPath: join(work, 'downloads'), viewport: { width: 1100, height: 900 } });
});
afterAll(async () => {
  await browser?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

/** axe-core's WCAG A/AA violations in the sets section as it is now. */
const axeViolations = (page: Page) => axeOn(page, '[data-section="sets"]');

const entityNames = (page: Page) => page.locator('.bs-entity strong').allTextContents();

async function newSet(page: Page, name: string): Promise<string> {
  const field = page.getByLabel('Name', { exact: true });
  await field.focus();
  await page.keyboard.type(name);
  await expect.poll(() => field.inputValue()).toBe(name);
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { level: 2, name }).waitFor();
  return (await page.locator('.bs-set-page').getAttribute('data-set-id'))!;
}

async function built(page: Page, documents: number): Promise<void> {
  await expect.poll(() => page.getByTestId('build-progress').getAttribute('data-phase'), { timeout: 60_000 }).toBe('done');
  await expect.poll(() => page.locator('.bs-build .bs-hint').textContent(), { timeout: 20_000 }).toMatch(new RegExp(`from ${documents} documents?\\.`));
}

test('a set from a pasted text and chosen files: built off the page with progress, then corrected, each correction undoable', async () => {
  const page = await browser.openExtensionPage('options.html#sets');
  await page.getByRole('heading', { name: 'Reference sets' }).waitFor();
  await expect(page.locator('.bs-set-row').first().textContent()).resolves.toMatch(/^Syrian civil war, 2012–2013 — 2 documents · .* · read-only/);
  expect(await axeViolations(page)).toEqual([]);

  await newSet(page, 'Valdora floods');
  // A pasted text with its metadata.
  const [first, second, third] = VALDORA_ARTICLES;
  await page.getByLabel('Text', { exact: true }).fill(first!.body);
  await page.getByLabel('Title', { exact: true }).fill(first!.title);
  await page.getByLabel('Publisher').fill(first!.publisher);
  await page.getByLabel('Date').fill(first!.date);
  await page.getByRole('button', { name: 'Add the text' }).click();
  // Two files at once: a news page as HTML (its article, headline, site and date read the way Backstory reads
  // pages) and a Markdown file; and one it cannot read, named and left out.
  const html = join(work, 'authority.html');
  const md = join(work, 'rebuild.md');
  const pdf = join(work, 'scan.pdf');
  writeFileSync(html, articlePage(second!));
  writeFileSync(md, `---\ntitle: ${third!.title}\ndate: ${third!.date}\npublisher: ${third!.publisher}\n---\n\n${third!.body.replace('Residents', '**Residents**')}\n`);
  writeFileSync(pdf, '%PDF-1.4');
  await page.locator('#bs-doc-files').setInputFiles([html, md, pdf]);
  await expect.poll(() => page.getByTestId('files-status').textContent(), { timeout: 20_000 })
    .toBe('Added 2 documents: the set is built again with them. Left out: scan.pdf: not a .txt, .md or .html file.');
  await built(page, 3);
  expect(await page.locator('.bs-set-doc-list li').allTextContents()).toEqual([
    expect.stringMatching(/^Floods sweep through the Valdora valley after record rain — Northern Courier, (?:14 October|October 14,) 2024, pasted/),
    expect.stringMatching(/^River authority faces questions over flood warnings — Valley Times, (?:16 October|October 16,) 2024, from a file/),
    expect.stringMatching(/^Castelmora begins to rebuild as flood waters recede — Northern Courier, (?:21 October|October 21,) 2024, from a file/),
  ]);
  expect(await entityNames(page)).toEqual(expect.arrayContaining(['Elena Marchetti', 'Tomas Brennan', 'Ines Kowalczyk', 'Valdora River Authority', 'Castelmora', 'Pontevalle']));
  expect(await page.locator('.bs-figure strong').allTextContents()).toEqual(expect.arrayContaining(['at least 42 people killed', 'more than 3,500 people displaced']));
  expect(await axeViolations(page)).toEqual([]);

  // Corrections by keyboard: rename an entity, then undo it from the line that appears.
  await page.getByRole('button', { name: 'Correct Elena Marchetti' }).focus();
  await page.keyboard.press('Enter');
  const nameField = page.getByRole('group', { name: 'Correct Elena Marchetti' }).getByLabel('Name', { exact: true });
  await nameField.focus();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type('Governor Elena Marchetti');
  await expect.poll(() => nameField.inputValue()).toBe('Governor Elena Marchetti');
  await page.keyboard.press('Enter');
  await expect.poll(() => entityNames(page)).toContain('Governor Elena Marchetti');
  expect(await axeViolations(page)).toEqual([]);
  await page.getByTestId('set-undo').getByRole('button', { name: 'Undo' }).click();
  await expect.poll(() => entityNames(page)).toContain('Elena Marchetti');
  expect(await entityNames(page)).not.toContain('Governor Elena Marchetti');

  // Merge "Valdora" into "Valdora River"; it stays in the list of corrections, with its own Undo.
  await page.getByRole('button', { name: 'Correct Valdora', exact: true }).click();
  const group = page.getByRole('group', { name: 'Correct Valdora' });
  await group.getByLabel('Same as').selectOption({ label: 'Valdora River (place)' });
  await group.getByRole('button', { name: 'Merge into it' }).click();
  await expect.poll(() => entityNames(page)).not.toContain('Valdora');
  await expect.poll(() => page.locator('.bs-set-edits li').allTextContents()).toEqual([expect.stringContaining('Merged “Valdora” into “Valdora River”')]);
  // A figure fixed.
  await page.getByRole('button', { name: 'Correct 120 people wounded' }).click();
  const figure = page.getByRole('form', { name: 'Correct 120 people wounded' });
  await figure.getByLabel('Value').fill('125');
  await figure.getByLabel('Hedge').selectOption('about');
  await figure.getByRole('button', { name: 'Save the figure' }).click();
  await expect.poll(() => page.locator('.bs-figure strong').allTextContents()).toContain('about 125 people wounded');
  expect(await axeViolations(page)).toEqual([]);

  // Reading a document at the passage where an entity was found: the marked text is the entity's name.
  await page.getByRole('listitem').filter({ has: page.locator('strong', { hasText: /^Ines Kowalczyk$/ }) }).getByRole('button', { name: /^Show where Ines Kowalczyk is first named/ }).click();
  await expect.poll(() => page.getByTestId('passage').textContent()).toBe('Ines Kowalczyk');
  expect(page.url()).toMatch(/#sets\?set=set-[a-z0-9]{10}&doc=d000\d&start=\d+&end=\d+$/);
  expect(await axeViolations(page)).toEqual([]);
  await page.close();
});

test('export with texts, delete (asked first, restorable), and import in a fresh profile: the same set', async () => {
  const page = await browser.openExtensionPage('options.html#sets');
  await newSet(page, 'Valdora export');
  await page.getByLabel('Text', { exact: true }).fill(articleText(VALDORA_ARTICLES[0]!));
  await page.getByRole('button', { name: 'Add the text' }).click();
  await built(page, 1);
  const names = (await entityNames(page)).sort();
  await page.getByRole('button', { name: 'Correct Tomas Brennan' }).click();
  const group = page.getByRole('group', { name: 'Correct Tomas Brennan' });
  await group.getByLabel('Another name').fill('Mayor Brennan');
  await group.getByRole('button', { name: 'Add the name' }).click();
  await expect.poll(() => page.locator('.bs-set-edits li').count()).toBe(1);

  await page.getByLabel(/the facts and the documents’ texts/).check();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export the set' }).click()]) as [Download, unknown];
  expect(download.suggestedFilename()).toBe('Valdora export.backstory-set.json');
  const file = join(work, download.suggestedFilename());
  await download.saveAs(file);
  const saved = JSON.parse(readFileSync(file, 'utf8'));
  expect(saved).toMatchObject({ format: 'backstory-reference-set', version: 1, texts: true, set: { name: 'Valdora export' } });
  expect(saved.documents[0].text).toBe(articleText(VALDORA_ARTICLES[0]!));

  // Delete: the dialog asks; Keep it keeps it; Delete sends it to Recently deleted, from where it comes back.
  await page.getByRole('button', { name: 'Delete this set…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Delete “Valdora export”?' });
  await dialog.waitFor();
  expect(await axeViolations(page)).toEqual([]);
  await dialog.getByRole('button', { name: 'Keep it' }).click();
  await expect.poll(() => dialog.isVisible()).toBe(false);
  await page.getByRole('button', { name: 'Delete this set…' }).click();
  await dialog.getByRole('button', { name: 'Delete the set' }).click();
  await page.getByRole('heading', { name: 'Reference sets' }).waitFor();
  await expect.poll(() => page.locator('.bs-set-row').allTextContents()).not.toContainEqual(expect.stringContaining('Valdora export'));
  await page.getByTestId('set-trash').locator('summary').click();
  await page.getByTestId('set-trash').getByRole('button', { name: 'Restore' }).first().click();
  await expect.poll(() => page.locator('.bs-set-row').allTextContents()).toContainEqual(expect.stringContaining('Valdora export — 1 document'));
  await page.close();

  // A fresh profile: the file imports as the same set, its correction included.
  const fresh = await launchWithExtension();
  try {
    const other = await fresh.openExtensionPage('options.html#sets');
    await other.locator('#bs-set-import-file').setInputFiles(file);
    // The imported set opens.
    await other.getByRole('heading', { level: 2, name: 'Valdora export' }).waitFor({ timeout: 20_000 });
    await expect.poll(async () => (await entityNames(other)).sort()).toEqual(names);
    await other.getByRole('button', { name: 'Correct Tomas Brennan' }).click();
    expect(await other.getByRole('group', { name: 'Correct Tomas Brennan' }).getByRole('list', { name: 'Other names' }).textContent()).toContain('Mayor Brennan');
    // A file that is not a set: a plain message, nothing imported.
    const bad = join(work, 'bad.json');
    writeFileSync(bad, JSON.stringify({ ...saved, documents: [{ ...saved.documents[0], text: `${saved.documents[0].text}!` }] }));
    await other.getByRole('button', { name: /All reference sets/ }).click();
    await other.locator('#bs-set-import-file').setInputFiles(bad);
    await expect.poll(() => other.getByTestId('set-import-status').textContent(), { timeout: 20_000 }).toMatch(/^Could not import bad\.json\. This set file has problems, so nothing was imported:/);
    expect(await other.locator('.bs-set-row').count()).toBe(2);
  } finally {
    await fresh.close();
  }
});
