// Browser-test harness: Debian's Chromium with the built extension loaded, pages served from localhost.
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { createServer, type Server } from 'node:http';
import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { AddressInfo } from 'node:net';

export const CHROMIUM_PATH = process.env.CHROME_PATH ?? '/usr/bin/chromium';

/** The built Chrome extension (npm run build), or BACKSTORY_OUT_DIR's when a parallel build wrote elsewhere. */
export function extensionDir(): string {
  const dir = resolve(process.env.BACKSTORY_OUT_DIR ?? '.output', 'chrome-mv3');
  if (!existsSync(join(dir, 'manifest.json'))) {
    throw new Error(`No built extension at ${dir}: run \`npm run build\` first.`);
  }
  return dir;
}

export interface ExtensionBrowser {
  context: BrowserContext;
  extensionId: string;
  userDataDir: string;
  /** Opens chrome-extension://ID/<path>. */
  openExtensionPage(path: string): Promise<Page>;
  /** Closes the browser; keeps the profile when `keepProfile` so a test can restart on it. */
  close(options?: { keepProfile?: boolean }): Promise<void>;
}

export async function launchWithExtension(options: { userDataDir?: string; downloadsPath?: string } = {}): Promise<ExtensionBrowser> {
  const dir = extensionDir();
  const userDataDir = options.userDataDir ?? mkdtempSync(join(tmpdir(), 'backstory-profile-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM_PATH,
    headless: false, // --headless=new below: the old headless mode cannot load extensions
    acceptDownloads: true,
    ...(options.downloadsPath ? { downloadsPath: options.downloadsPath } : {}),
    args: [
      '--headless=new',
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      `--disable-extensions-except=${dir}`,
      `--load-extension=${dir}`,
    ],
  });
  let [worker] = context.serviceWorkers();
  if (!worker) worker = await context.waitForEvent('serviceworker', { timeout: 30_000 });
  const extensionId = new URL(worker.url()).host;
  return {
    context,
    extensionId,
    userDataDir,
    async openExtensionPage(path: string) {
      const page = await context.newPage();
      await page.goto(`chrome-extension://${extensionId}/${path.replace(/^\//, '')}`);
      return page;
    },
    async close({ keepProfile = false } = {}) {
      await context.close();
      if (!keepProfile && !options.userDataDir) rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

export interface PageServer {
  origin: string;
  /** Serves `html` at `path` from now on. */
  set(path: string, html: string, contentType?: string): void;
  close(): Promise<void>;
}

/** A localhost server for pages built at test time. */
export async function servePages(): Promise<PageServer> {
  const routes = new Map<string, { body: string; type: string }>();
  const server: Server = createServer((req, res) => {
    const route = routes.get(new URL(req.url ?? '/', 'http://x').pathname);
    if (!route) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': route.type });
    res.end(route.body);
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    set(path, html, contentType = 'text/html; charset=utf-8') {
      routes.set(path, { body: html, type: contentType });
    },
    close: () => new Promise((ok) => server.close(() => ok())),
  };
}

/** Playwright's id for a tab is not the extension's; this finds the chrome.tabs id of the tab showing `url`. */
export async function tabIdFor(browser: ExtensionBrowser, url: string): Promise<number> {
  const [worker] = browser.context.serviceWorkers();
  if (!worker) throw new Error('extension service worker not running');
  // Runs in the service worker, where `chrome` exists; typed loosely because this file is compiled for Node.
  const id = await worker.evaluate(async (u: string) => {
    const api = (globalThis as unknown as { chrome: { tabs: { query(q: object): Promise<{ id?: number; url?: string }[]> } } }).chrome;
    const tabs = await api.tabs.query({});
    return tabs.find((t) => t.url === u)?.id ?? -1;
  }, url);
  if (id < 0) throw new Error(`no tab shows ${url}`);
  return id;
}
