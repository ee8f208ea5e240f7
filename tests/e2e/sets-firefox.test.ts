// One set file, two browsers: a set built and exported in Chromium imports in Firefox as the same set; Firefox
// (where the build worker runs from the background page) builds it again with a document added; its export
// imports back in Chromium as the set Firefox shows.
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Download, Page as ChromiumPage } from 'playwright-core';
import type { Page as FirefoxPage } from 'puppeteer-core';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchFirefoxWithExtension, type FirefoxWithExtension } from '../../scripts/firefox';
import { launchWithExtension, type ExtensionBrowser } from './harness';
import { VALDORA_ARTICLES, articleText } from '../sets-articles';

let chromium: ExtensionBrowser;
let firefox: FirefoxWithExtension;
let work: string;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'backstory-sets-ff-'));
  chromium = await launchWithExtension({ downloadsPath: join(work, 'downloads') });
  firefox = await launchFirefoxWithExtension();
});
afterAll(async () => {
  await chromium?.close();
  await firefox?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

/** Opens one of the extension's pages in Firefox (BiDi may not navigate a tab there; the extension may). */
async function firefoxPage(path: string): Promise<FirefoxPage> {
  const url = firefox.extensionUrl(path);
  let welcome: FirefoxPage | undefined;
  await expect.poll(async () => (welcome = await firefox.findPage(firefox.extensionUrl('welcome.html'))) !== undefined, { timeout: 30_000 }).toBe(true);
  await welcome!.evaluate((u) => (globalThis as unknown as { browser: { tabs: { create(o: object): Promise<unknown> } } }).browser.tabs.create({ url: u }).then(() => true), url);
  let page: FirefoxPage | undefined;
  await expect.poll(async () => (page = await firefox.findPage(url)) !== undefined, { timeout: 30_000 }).toBe(true);
  return page!;
}

const firefoxText = (page: FirefoxPage, selector: string) => page.evaluate((s) => document.querySelector(s)?.textContent ?? null, selector);
const firefoxEntities = (page: FirefoxPage) => page.evaluate(() => [...document.querySelectorAll('.bs-entity strong')].map((e) => e.textContent ?? '').sort());

/** Puts a file into a file input the way choosing it does (a File in the page, then a change event). */
async function chooseInFirefox(page: FirefoxPage, selector: string, name: string, content: string): Promise<void> {
  await page.evaluate((s, n, c) => {
    const input = document.querySelector<HTMLInputElement>(s)!;
    const files = new DataTransfer();
    files.items.add(new File([c], n, { type: 'application/json' }));
    input.files = files.files;
    input.dispatchEvent(new Event('change', { bubbles: true }));
  }, selector, name, content);
}

async function pasteInFirefox(page: FirefoxPage, text: string): Promise<void> {
  await page.evaluate((t) => {
    const area = [...document.querySelectorAll('textarea')].find((a) => a.closest('.bs-paste'))!;
    area.value = t;
    area.dispatchEvent(new Event('input', { bubbles: true }));
  }, text);
  await expect.poll(() => page.evaluate(() => !(document.querySelector('.bs-paste button[type="submit"]') as HTMLButtonElement).disabled)).toBe(true);
  await page.evaluate(() => (document.querySelector('.bs-paste button[type="submit"]') as HTMLButtonElement).click());
}

const chromiumEntities = async (page: ChromiumPage) => (await page.locator('.bs-entity strong').allTextContents()).sort();

test('a set file from Chromium imports in Firefox, is built again there with a new document, and goes back', async () => {
  // Chromium: two articles, built, exported with their texts.
  const page = await chromium.openExtensionPage('options.html#sets');
  await page.getByLabel('Name', { exact: true }).fill('Valdora floods');
  await page.getByRole('button', { name: 'Create set' }).click();
  for (const a of VALDORA_ARTICLES.slice(0, 2)) {
    await page.getByLabel('Text', { exact: true }).fill(articleText(a));
    await page.getByLabel('Date').fill(a.date);
    await page.getByRole('button', { name: 'Add the text' }).click();
    await expect.poll(() => page.getByTestId('build-progress').getAttribute('data-phase'), { timeout: 60_000 }).toBe('done');
  }
  await expect.poll(() => page.locator('.bs-set-doc-list li').count()).toBe(2);
  await expect.poll(() => page.locator('.bs-build .bs-hint').textContent(), { timeout: 30_000 }).toMatch(/from 2 documents\./);
  const inChromium = await chromiumEntities(page);
  await page.getByLabel(/the facts and the documents’ texts/).check();
  const [download] = (await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export the set' }).click()])) as [Download, unknown];
  const fromChromium = join(work, 'from-chromium.json');
  await download.saveAs(fromChromium);

  // Firefox: the same set.
  const options = await firefoxPage('options.html#sets');
  await expect.poll(() => firefoxText(options, '#bs-sets-title')).toBe('Reference sets');
  await chooseInFirefox(options, '#bs-set-import-file', 'Valdora floods.backstory-set.json', readFileSync(fromChromium, 'utf8'));
  await expect.poll(() => firefoxText(options, '#bs-set-title'), { timeout: 30_000 }).toBe('Valdora floods');
  await expect.poll(() => firefoxEntities(options)).toEqual(inChromium);

  // Firefox builds it again with a third document (its worker runs from the background page).
  await pasteInFirefox(options, articleText(VALDORA_ARTICLES[2]!));
  await expect.poll(() => firefoxText(options, '.bs-build .bs-hint'), { timeout: 90_000 }).toMatch(/from 3 documents\./);
  await expect.poll(() => firefoxEntities(options)).toContain('Ines Kowalczyk');
  const inFirefox = await firefoxEntities(options);
  expect(inFirefox.length).toBeGreaterThan(inChromium.length - 1);

  // Its export, made in Firefox, imports back in Chromium as the set Firefox shows.
  await options.evaluate(() => document.querySelectorAll<HTMLInputElement>('input[name="bs-set-texts"]')[1]!.click());
  await expect.poll(() => options.evaluate(() => document.querySelectorAll<HTMLInputElement>('input[name="bs-set-texts"]')[1]!.checked)).toBe(true);
  const fromFirefox = await options.evaluate(async () => {
    // The download is a Blob behind a link; the link's URL is read back as the file.
    return new Promise<string>((resolve) => {
      const original = HTMLAnchorElement.prototype.click;
      HTMLAnchorElement.prototype.click = function () {
        HTMLAnchorElement.prototype.click = original;
        void fetch(this.href).then((r) => r.text()).then(resolve);
      };
      [...document.querySelectorAll('button')].find((b) => b.textContent === 'Export the set')!.click();
    });
  });
  expect(JSON.parse(fromFirefox)).toMatchObject({ format: 'backstory-reference-set', texts: true, set: { name: 'Valdora floods' } });
  const back = await chromium.openExtensionPage('options.html#sets');
  const file = join(work, 'from-firefox.json');
  (await import('node:fs')).writeFileSync(file, fromFirefox);
  await back.locator('#bs-set-import-file').setInputFiles(file);
  await back.getByRole('heading', { level: 2, name: 'Valdora floods' }).waitFor({ timeout: 20_000 });
  await expect.poll(() => chromiumEntities(back)).toEqual(inFirefox);
  expect(await back.locator('.bs-set-doc-list li').count()).toBe(3);
});
