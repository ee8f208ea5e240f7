// Tabs open before Backstory was installed or updated have no working content script (Chrome runs the manifest's
// scripts only in pages loaded afterwards, and an update cuts the old ones off): on install and update, every
// open web page without one gets it, so the reader need not reload their tabs.
import { createClient, type Envelope } from '@/lib/messages';
import type { ScriptPublicPath } from 'wxt/utils/inject-script';
import { contentScriptFiles, injectIntoOpenTabs } from '@/lib/reach';

/** Runs Backstory's content script in a tab's top frame. */
async function injectContentScript(tabId: number): Promise<void> {
  await browser.scripting.executeScript({ target: { tabId }, files: contentScriptFiles(browser.runtime.getManifest()) as ScriptPublicPath[] });
}

/** `backupMoved` resolves once the notes' backup has moved out of storage.local (or gave up waiting); never rejects. */
export function startInjection(backupMoved: () => Promise<void>): void {
  browser.runtime.onInstalled.addListener((details: { reason: string }) => {
    if (details.reason !== 'install' && details.reason !== 'update') return;
    // After the notes' backup has moved out of storage.local, so the scripts injected here do not hear its removal
    // (a page loading meanwhile may, and Firefox injects on its own: see the README's privacy section).
    void backupMoved().then(() => injectIntoOpenTabs({
      tabs: () => browser.tabs.query({}),
      answers: (tabId) =>
        createClient((message: Envelope) => browser.tabs.sendMessage(tabId, message, { frameId: 0 }))('page/summary', {}).then(() => true, () => false),
      inject: injectContentScript,
    })).catch(() => undefined);
  });
}
