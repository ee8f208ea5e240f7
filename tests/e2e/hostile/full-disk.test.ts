// A full disk, for real: the browser profile lives on a small tmpfs that the test fills. An import and a save
// fail while the disk is full; the reader is told plainly and offered an export; after a restart with room
// again, every note saved before is still there.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { join } from 'node:path';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { writeJsonLd } from '../../../lib/export/jsonld';
import type { Annotation } from '../../../lib/notes/types';
import { launchWithExtension, servePages, tabIdFor, type ExtensionBrowser, type PageServer } from '../harness';
import { backedUpNotes } from '../notes-state';
import { mountSmallDisk, smallDiskUnavailable, type SmallDisk } from './small-disk';

const unavailable = smallDiskUnavailable();
if (unavailable && process.env.CI) throw new Error(`The full-disk tests must run in CI: ${unavailable}`);

let disk: SmallDisk;
let server: PageServer;
let browser: ExtensionBrowser | undefined;
let profile: string;

const PAGE = '/world/full-disk';
const ARTICLE = `<!doctype html><html><head><title>Aid convoy reaches Homs</title></head><body><main><article>
<h1>Aid convoy reaches Homs</h1><p>A convoy of aid reached the besieged old city of Homs on Friday, the UN said.</p>
</article></main></body></html>`;

/** How many notes Backstory's backup (outside IndexedDB) holds, read in the service worker. */
async function backedUp(b: ExtensionBrowser): Promise<number> {
  if (b.context.serviceWorkers().length === 0) return -1;
  return Object.keys(await backedUpNotes(b)).length;
}

function notes(count: number, prefix: string, url: string): Annotation[] {
  return Array.from({ length: count }, (_, i) => {
    const t = new Date(Date.UTC(2025, 0, 1) + i * 60_000).toISOString();
    const hex = (prefix + i.toString(16)).padStart(12, '0').slice(-12);
    return {
      id: `00000000-0000-4000-8000-${hex}`, url, title: `Story ${i}`, created: t, modified: t,
      text: `${prefix} note ${i}: ${'the convoy carried food and medicine for the families still in the old city. '.repeat(8)}`,
      tags: ['aid', `batch-${prefix}`],
    };
  });
}

beforeAll(async () => {
  if (unavailable) return;
  disk = mountSmallDisk(160);
  server = await servePages();
  server.set(PAGE, ARTICLE);
  profile = join(disk.dir, 'profile');
  mkdirSync(profile);
});
afterAll(async () => {
  await browser?.close({ keepProfile: true });
  await server?.close();
  disk?.unmount();
});

test.skipIf(unavailable)('a full disk during an import and during a save, then a restart, loses no note saved before', async () => {
  browser = await launchWithExtension({ userDataDir: profile });
  const url = `${server.origin}${PAGE}`;

  // Saved before: 300 imported notes and one written in the popup.
  const before = join(disk.dir, 'before.jsonld');
  writeFileSync(before, writeJsonLd(notes(300, 'a', url), { now: new Date() }));
  const options = await browser.openExtensionPage('options.html');
  await options.locator('#bs-import-file').setInputFiles(before);
  await expect.poll(() => options.getByTestId('import-status').textContent(), { timeout: 30_000 }).toBe('Imported: 300 added, 0 updated, 0 skipped.');

  const article = await browser.context.newPage();
  await article.goto(url);
  const popup = await browser.openExtensionPage(`popup.html?tab=${await tabIdFor(browser, url)}`);
  await popup.getByLabel('Note', { exact: true }).fill('Written before the disk filled');
  await popup.getByLabel('Note', { exact: true }).press('Control+Enter');
  await expect.poll(() => popup.locator('.bs-note .bs-note-text').first().textContent()).toBe('Written before the disk filled');

  // Backstory's copy outside the database has caught up with every note saved so far.
  await expect.poll(() => backedUp(browser!), { timeout: 30_000 }).toBe(301);

  // The disk fills (another program, a download): a few hundred kilobytes are left.
  const big = join(disk.dir, 'big.jsonld');
  writeFileSync(big, writeJsonLd(notes(4000, 'b', url), { now: new Date() }));
  disk.fill(256 * 1024);

  await options.locator('#bs-import-file').setInputFiles(big);
  const importStatus = options.getByTestId('import-status');
  await expect.poll(() => importStatus.textContent(), { timeout: 60_000 }).toMatch(/disk|space/i);
  const said = (await importStatus.textContent()) ?? '';
  expect(said).not.toMatch(/IOError|Failed to write|blob/i);
  expect(said).toMatch(/saved before are safe|notes are safe/i);
  // Refused before writing (too little space free) or while writing (the disk filled): either way none of the file is
  // kept, which the count after the restart shows too.
  expect(said).toMatch(/^Could not import big\.jsonld\. .*Nothing was imported/);

  // Then the last bytes go too, and the reader saves a long note (a short one can still fit in the database
  // files' last block).
  disk.fill(0);
  const long = `Written while the disk is full. ${'The convoy was stopped at the checkpoint for six hours. '.repeat(1000)}`;
  await popup.getByLabel('Note', { exact: true }).fill(long);
  await popup.getByLabel('Note', { exact: true }).press('Control+Enter');
  const alert = popup.locator('.bs-composer [role="alert"]');
  await expect.poll(() => alert.textContent(), { timeout: 30_000 }).toMatch(/disk|space/i);
  expect(await alert.textContent()).not.toMatch(/IOError|Failed to write|blob/i);
  await expect.poll(() => popup.getByRole('button', { name: /^Export all notes now/ }).count()).toBe(1);
  // What the reader typed is kept for another try.
  expect(await popup.getByLabel('Note', { exact: true }).inputValue()).toBe(long);

  // The browser is closed and started again with the disk still full: Chromium then finds its database files
  // damaged and, at the next start, deletes the notes database. Once there is room again, every note saved
  // before the disk filled is there.
  await browser.close({ keepProfile: true });
  browser = await launchWithExtension({ userDataDir: profile });
  const full = await browser.openExtensionPage('options.html');
  await expect.poll(() => full.getByTestId('summary').textContent(), { timeout: 30_000 }).not.toBe('Loading…');
  await browser.close({ keepProfile: true });
  browser = undefined;
  disk.drain();
  browser = await launchWithExtension({ userDataDir: profile });
  const after = await browser.openExtensionPage('options.html');
  await expect.poll(() => after.getByTestId('summary').textContent(), { timeout: 30_000 }).toBe('301 notes on 1 page across 1 site.');
  const texts = await after.locator('.bs-library-list .bs-note-text').allTextContents();
  expect(texts).toContain('Written before the disk filled');
});

test('a notes database the browser deleted comes back from Backstory\'s backup at the next start', async () => {
  const own = await launchWithExtension();
  const dir = own.userDataDir;
  try {
    const file = join(dir, 'notes.jsonld');
    writeFileSync(file, writeJsonLd(notes(25, 'c', 'https://news.example/story'), { now: new Date() }));
    const options = await own.openExtensionPage('options.html');
    await options.locator('#bs-import-file').setInputFiles(file);
    await expect.poll(() => options.getByTestId('summary').textContent(), { timeout: 30_000 }).toBe('25 notes on 1 page across 1 site.');
    await expect.poll(() => backedUp(own), { timeout: 30_000 }).toBe(25);
    await own.context.close();
    // What Chromium does at start with a database it finds damaged: it deletes the extension's IndexedDB.
    const idb = join(dir, 'Default', 'IndexedDB');
    const removed = readdirSync(idb).filter((name) => name.startsWith('chrome-extension_'));
    expect(removed.length).toBeGreaterThan(0);
    for (const name of removed) rmSync(join(idb, name), { recursive: true, force: true });

    const again = await launchWithExtension({ userDataDir: dir });
    const after = await again.openExtensionPage('options.html');
    await expect.poll(() => after.getByTestId('summary').textContent(), { timeout: 30_000 }).toBe('25 notes on 1 page across 1 site.');
    await again.close({ keepProfile: true });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a backup an earlier version kept in storage.local moves out of it, and still refills a database the browser deleted', async () => {
  const own = await launchWithExtension();
  const dir = own.userDataDir;
  try {
    // What an earlier version left: each note's JSON text under its key in storage.local.
    const old = notes(12, 'd', 'https://news.example/story');
    const [worker] = own.context.serviceWorkers();
    await worker!.evaluate(async (entries) => {
      const api = (globalThis as unknown as { chrome: { storage: { local: { set(items: object): Promise<void> } } } }).chrome;
      await api.storage.local.set(Object.fromEntries(entries.map((n) => [`backstory:note:${n.id}`, JSON.stringify(n)])));
    }, old);
    await own.context.close();
    const idb = join(dir, 'Default', 'IndexedDB');
    for (const name of readdirSync(idb).filter((n) => n.startsWith('chrome-extension_'))) rmSync(join(idb, name), { recursive: true, force: true });

    const again = await launchWithExtension({ userDataDir: dir });
    const after = await again.openExtensionPage('options.html');
    await expect.poll(() => after.getByTestId('summary').textContent(), { timeout: 30_000 }).toBe('12 notes on 1 page across 1 site.');
    expect(Object.keys(await backedUpNotes(again)).sort()).toEqual(old.map((n) => n.id).sort());
    const [worker2] = again.context.serviceWorkers();
    const left = await worker2!.evaluate(async () => {
      const api = (globalThis as unknown as { chrome: { storage: { local: { get(k: null): Promise<Record<string, unknown>> } } } }).chrome;
      return Object.keys(await api.storage.local.get(null)).filter((k) => k.startsWith('backstory:'));
    });
    expect(left.filter((k) => k.startsWith('backstory:note:') || k === 'backstory:backup-pending')).toEqual([]);
    await again.close({ keepProfile: true });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
