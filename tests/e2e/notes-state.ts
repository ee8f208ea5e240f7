// Browser tests that must run alone and in any order start from an empty notes database: this empties it
// (notes, trash and the backup, drafts and list orders) from one of Backstory's pages; and writes the notes a test
// needs.
import type { ExtensionBrowser } from './harness';

export async function clearNotes(browser: ExtensionBrowser): Promise<void> {
  const page = await browser.openExtensionPage('options.html');
  await page.evaluate(async () => {
    const open = indexedDB.open('backstory-notes');
    const db: IDBDatabase = await new Promise((ok, ko) => { open.onsuccess = () => ok(open.result); open.onerror = () => ko(open.error); });
    const tx = db.transaction(['annotations', 'trash'], 'readwrite');
    tx.objectStore('annotations').clear();
    tx.objectStore('trash').clear();
    await new Promise((ok, ko) => { tx.oncomplete = ok; tx.onabort = () => ko(tx.error); });
    db.close();
    const chrome = (globalThis as unknown as { chrome: { storage: { local: { clear(): Promise<void> } } } }).chrome;
    await chrome.storage.local.clear();
    // Drafts and the reader's list orders, kept by Backstory's pages.
    localStorage.clear();
  });
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
