// The toolbar popup as the reader gets it: Chromium opens it (action.openPopup) on the active tab at the size the
// browser gives a popup, and at the zoom the reader chose (the browser's default zoom, written to the profile
// before it starts). Playwright's persistent context does not list the popup, so the test reaches it over the
// DevTools protocol's own port.
import { chromium, type Browser, type Page } from 'playwright-core';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { firstRunPage, launchWithExtension, type ExtensionBrowser } from './harness';

export interface PopupBrowser {
  browser: ExtensionBrowser;
  /** Opens the toolbar popup on the active tab of the focused window, and returns it once it has loaded. */
  openPopup(): Promise<Page>;
  close(): Promise<void>;
}

/** Chromium with the extension, the page zoom set to `zoom` (1 = 100%) for every page, its popup included. */
export async function launchForPopup(zoom = 1): Promise<PopupBrowser> {
  const dir = mkdtempSync(join(tmpdir(), 'backstory-popup-'));
  mkdirSync(join(dir, 'Default'));
  // Chromium keeps zoom as a level: the factor is 1.2 to the power of the level.
  writeFileSync(join(dir, 'Default', 'Preferences'), JSON.stringify({ partition: { default_zoom_level: { x: Math.log(zoom) / Math.log(1.2) } } }));
  const browser = await launchWithExtension({ userDataDir: dir, viewport: { width: 1200, height: 900 }, args: ['--remote-debugging-port=0'] });
  // A profile with a file in it does not count as a fresh install for the launcher: close the first-run page here.
  await (await firstRunPage(browser.context, browser.extensionId)).close();
  const port = readFileSync(join(dir, 'DevToolsActivePort'), 'utf8').split('\n')[0];
  const popupUrl = `chrome-extension://${browser.extensionId}/popup.html`;
  const popupTargets = async () =>
    ((await (await fetch(`http://127.0.0.1:${port}/json/list`)).json()) as { id: string; url: string }[]).filter((t) => t.url === popupUrl).map((t) => t.id);
  // A connection made after the popup opened sees it (one made before does not attach to it).
  let cdp: Browser | null = null;
  return {
    browser,
    async openPopup() {
      const before = new Set(await popupTargets());
      const [worker] = browser.context.serviceWorkers();
      if (!worker) throw new Error('extension service worker not running');
      await worker.evaluate(async () => {
        await (globalThis as unknown as { chrome: { action: { openPopup(): Promise<void> } } }).chrome.action.openPopup();
      });
      const deadline = Date.now() + 15_000;
      while (!(await popupTargets()).some((id) => !before.has(id))) {
        if (Date.now() > deadline) throw new Error('the popup did not open');
        await new Promise((ok) => setTimeout(ok, 50));
      }
      await cdp?.close().catch(() => undefined);
      cdp = await chromium.connectOverCDP(`http://127.0.0.1:${port}`);
      const popup = cdp.contexts().flatMap((c) => c.pages()).find((p) => p.url() === popupUrl);
      if (!popup) throw new Error('the popup opened, but the DevTools protocol does not show it');
      await popup.waitForLoadState();
      return popup;
    },
    async close() {
      await cdp?.close().catch(() => undefined);
      await browser.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
