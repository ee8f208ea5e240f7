// Debian's Chromium with the built extension loaded, and a localhost server for pages: shared by the browser
// tests (tests/e2e/harness.ts re-exports these), `npm start` and `npm run bench`, so all three launch the
// browser the same way. We never download a browser: CHROME_PATH or Debian's /usr/bin/chromium.
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { createServer, type Server } from 'node:http';
import { accessSync, constants, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { AddressInfo } from 'node:net';
import { DIAGNOSTICS_KEY } from '../lib/timings';

export const CHROMIUM_PATH = process.env.CHROME_PATH ?? '/usr/bin/chromium';

export const installHint = (path = CHROMIUM_PATH) =>
  [
    `No Chromium found at ${path}.`,
    'Backstory runs its browser tests, `npm start` and `npm run bench` in a locally installed Chromium:',
    '  Debian/Ubuntu:  sudo apt-get update && sudo apt-get install -y chromium',
    '  elsewhere:      install Chromium or Chrome, then set CHROME_PATH=/path/to/the/browser',
  ].join('\n');

export const INSTALL_HINT = installHint();

/** Whether the browser binary exists and may be executed. */
export function chromiumAvailable(path = CHROMIUM_PATH): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The built Chrome extension (npm run build), or BACKSTORY_OUT_DIR's when a parallel build wrote elsewhere. */
export function extensionDir(): string {
  const dir = resolve(process.env.BACKSTORY_OUT_DIR ?? '.output', 'chrome-mv3');
  if (!existsSync(join(dir, 'manifest.json'))) {
    throw new Error(`No built extension at ${dir}: run \`npm run build\` first.`);
  }
  return dir;
}

/** Whether a window can be shown: an X11 or Wayland display. */
export function hasDisplay(env: NodeJS.ProcessEnv = process.env): boolean {
  return Boolean(env.DISPLAY || env.WAYLAND_DISPLAY);
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

export interface LaunchOptions {
  userDataDir?: string;
  downloadsPath?: string;
  /** Show a window (needs a display). Default: headless. */
  headed?: boolean;
  /** Window/viewport size; Playwright's default (1280×720) otherwise. */
  viewport?: { width: number; height: number };
  /** Extra Chromium flags (the bench enables precise timers, for instance). */
  args?: string[];
  /** The unpacked extension to load; the build's chrome-mv3 folder by default. */
  extension?: string;
  /**
   * Installing opens the first-run page in a new tab. By default it is closed once it has opened, so every caller
   * starts from the same tabs and no late tab takes the focus; `keep` leaves it for a test of the page itself.
   */
  firstRun?: 'close' | 'keep';
  /**
   * Diagnostics mode (lib/timings.ts): the content script publishes its `backstory:*` performance marks and measures
   * on the page's timeline, which the bench and some browser tests read. Off by default, as in a reader's browser.
   */
  diagnostics?: boolean;
}

/** Flags for every Chromium we start: quiet, no first-run UI, no background traffic that would skew timings. */
export const BASE_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export async function launchWithExtension(options: LaunchOptions = {}): Promise<ExtensionBrowser> {
  if (!chromiumAvailable()) throw new Error(INSTALL_HINT);
  const dir = options.extension ?? extensionDir();
  const userDataDir = options.userDataDir ?? mkdtempSync(join(tmpdir(), 'backstory-profile-'));
  // Only a new profile installs the extension (and so opens the first-run page); a restart on a kept one does not.
  const installs = !existsSync(userDataDir) || readdirSync(userDataDir).length === 0;
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM_PATH,
    headless: false, // --headless=new below: the old headless mode cannot load extensions
    acceptDownloads: true,
    ...(options.viewport ? { viewport: options.viewport } : {}),
    ...(options.downloadsPath ? { downloadsPath: options.downloadsPath } : {}),
    args: [
      ...(options.headed ? [] : ['--headless=new']),
      ...BASE_ARGS,
      `--disable-extensions-except=${dir}`,
      `--load-extension=${dir}`,
      ...(options.args ?? []),
    ],
  });
  let [worker] = context.serviceWorkers();
  if (!worker) worker = await context.waitForEvent('serviceworker', { timeout: 30_000 });
  const extensionId = new URL(worker.url()).host;
  // Set, or cleared on a kept profile a diagnostics run left it on in, so the option means the same on a restart.
  // Runs in the service worker, where `chrome` exists; typed loosely because this file is compiled for Node.
  if (options.diagnostics || !installs) {
    await worker.evaluate(
      async ([key, on]: [string, boolean]) => {
        type Local = { set(items: object): Promise<void>; remove(key: string): Promise<void> };
        const local = (globalThis as unknown as { chrome: { storage: { local: Local } } }).chrome.storage.local;
        await (on ? local.set({ [key]: true }) : local.remove(key));
      },
      [DIAGNOSTICS_KEY, options.diagnostics === true] as [string, boolean],
    );
  }
  if (installs && (options.firstRun ?? 'close') === 'close') await (await firstRunPage(context, extensionId)).close();
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

/** The first-run page the extension opens on install, once its tab has loaded it (waits up to `timeout`). */
export async function firstRunPage(context: BrowserContext, extensionId: string, timeout = 30_000): Promise<Page> {
  const url = `chrome-extension://${extensionId}/welcome.html`;
  const deadline = Date.now() + timeout;
  for (;;) {
    const page = context.pages().find((p) => p.url() === url);
    if (page) return page;
    if (Date.now() > deadline) throw new Error(`The first-run page (${url}) did not open within ${timeout / 1000} s of installing.`);
    // A tab's URL is known once its navigation commits; a 'page' event may come before that, so look again.
    await new Promise((ok) => setTimeout(ok, 100));
  }
}

export interface PageServer {
  origin: string;
  /** Serves `html` at `path` from now on. */
  set(path: string, html: string, contentType?: string): void;
  close(): Promise<void>;
}

/** A localhost server for pages built at run time (the content script matches http://*, so 127.0.0.1 counts). */
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
    close: () =>
      new Promise((ok) => {
        // A headed browser may hold keep-alive connections open; do not wait for it to let go.
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}

export interface PageHighlights {
  /** `backstory-person` etc. → the text of each range, in the registry's order. */
  [name: string]: string[];
}

/**
 * What Backstory painted on `page`: every `backstory-*` entry of `CSS.highlights` and its ranges' text. The
 * registry belongs to the document, so the page's main world sees what the content script registered.
 */
export async function readPageHighlights(page: Page): Promise<PageHighlights> {
  return page.evaluate(() => {
    const out: Record<string, string[]> = {};
    const registry = (globalThis as unknown as { CSS: { highlights?: Map<string, Set<AbstractRange>> } }).CSS.highlights;
    registry?.forEach((highlight, name) => {
      if (!name.startsWith('backstory-')) return;
      out[name] = [...highlight].map((r) => (r instanceof Range ? r.toString() : ''));
    });
    return out;
  });
}
