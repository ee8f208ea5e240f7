// Browser tests that must run alone and in any order start from an empty notes database: this empties it
// (notes, trash and the backup, drafts and list orders) from one of Backstory's pages; and writes the notes a test
// needs.
import type { ExtensionBrowser } from './harness';
import { DIAGNOSTICS_KEY } from '../../lib/timings';

export async function clearNotes(browser: ExtensionBrowser): Promise<void> {
  const page = await browser.openExtensionPage('options.html');
  await page.evaluate(async (diagnosticsKey) => {
    const open = indexedDB.open('backstory-notes');
    const db: IDBDatabase = await new Promise((ok, ko) => { open.onsuccess = () => ok(open.result); open.onerror = () => ko(open.error); });
    const tx = db.transaction(['annotations', 'trash'], 'readwrite');
    tx.objectStore('annotations').clear();
    tx.objectStore('trash').clear();
    await new Promise((ok, ko) => { tx.oncomplete = ok; tx.onabort = () => ko(tx.error); });
    db.close();
    const chrome = (globalThis as unknown as { chrome: { storage: { local: { clear(): Promise<void>; get(key: string): Promise<Record<string, unknown>>; set(items: object): Promise<void> } } } }).chrome;
    // The browser's diagnostics mode (scripts/chromium.ts) is how it was launched, not a note: it stays.
    const kept = await chrome.storage.local.get(diagnosticsKey);
    await chrome.storage.local.clear();
    await chrome.storage.local.set(kept);
    // The backup (lib/notes/backup-cache.ts).
    await caches.delete('backstory-notes-backup');
    // Drafts and the reader's list orders, kept by Backstory's pages.
    localStorage.clear();
  }, DIAGNOSTICS_KEY);
  await page.close();
}

/**
 * Writes `notes` straight into the notes database, as an import would have stored them (an open page learns of
 * them when it next loads).
 */
export async function seedNotes(browser: ExtensionBrowser, notes: readonly object[]): Promise<void> {
  const page = await browser.openExtensionPage('options.html');
  await page.evaluate(async (records) => {
    const open = indexedDB.open('backstory-notes');
    const db: IDBDatabase = await new Promise((ok, ko) => { open.onsuccess = () => ok(open.result); open.onerror = () => ko(open.error); });
    const tx = db.transaction('annotations', 'readwrite');
    for (const record of records) tx.objectStore('annotations').put(record);
    await new Promise((ok, ko) => { tx.oncomplete = ok; tx.onabort = () => ko(tx.error); });
    db.close();
  }, notes as object[]);
  await page.close();
}

/**
 * The backup's notes as Backstory's pages would read them (lib/notes/backup-cache.ts: a log of chunks in the
 * extension origin's Cache Storage, replayed in order), read in the service worker: id → the note's text. It replays
 * the log as `replay` in lib/notes/backup-cache.ts does (a service worker cannot import it): a change to the log's
 * format is made there, here, and in tests/e2e/firefox.test.ts's check of the raw chunks.
 */
export async function backedUpNotes(browser: ExtensionBrowser): Promise<Record<string, string>> {
  const [worker] = browser.context.serviceWorkers();
  if (!worker) throw new Error('no service worker');
  return worker.evaluate(async () => {
    const cache = await caches.open('backstory-notes-backup');
    const log = (await cache.keys()).map((r) => r.url).filter((u) => u.includes('/log/')).sort();
    const notes = new Map<string, string>();
    for (const url of log) {
      const chunk = (await (await cache.match(url))!.json()) as { set?: Record<string, string>; remove?: string[] };
      for (const key of chunk.remove ?? []) notes.delete(key);
      for (const [key, value] of Object.entries(chunk.set ?? {})) notes.set(key, value);
    }
    const out: Record<string, string> = {};
    for (const [key, value] of notes) if (key.startsWith('backstory:note:')) out[key.slice('backstory:note:'.length)] = (JSON.parse(value) as { text: string }).text;
    return out;
  });
}
