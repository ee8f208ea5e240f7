// Debian's Firefox ESR with the built Firefox extension installed, for the browser tests. Firefox is driven over
// WebDriver BiDi by puppeteer-core (`-core`: it never downloads a browser), which installs the extension the way
// about:debugging does, as a temporary add-on. FIREFOX_PATH or Debian's /usr/bin/firefox-esr.
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { FIREFOX_MIN_VERSION } from './browser-targets';

export const FIREFOX_PATH = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
export const FIREFOX_MIN_MAJOR = Number.parseInt(FIREFOX_MIN_VERSION, 10);

export const firefoxInstallHint = (path = FIREFOX_PATH) =>
  [
    `No Firefox found at ${path}.`,
    `Backstory's browser tests load its Firefox build in a locally installed Firefox (${FIREFOX_MIN_MAJOR} or later):`,
    '  Debian/Ubuntu:  sudo apt-get update && sudo apt-get install -y firefox-esr',
    '  elsewhere:      install Firefox, then set FIREFOX_PATH=/path/to/firefox',
  ].join('\n');

/** The built Firefox extension (npm run build:firefox), or BACKSTORY_OUT_DIR's. */
export function firefoxExtensionDir(): string {
  const dir = resolve(process.env.BACKSTORY_OUT_DIR ?? '.output', 'firefox-mv2');
  if (!existsSync(join(dir, 'manifest.json'))) throw new Error(`No Firefox build at ${dir}: run \`npm run build:firefox\` first.`);
  return dir;
}

export interface FirefoxWithExtension {
  browser: Browser;
  /** The add-on id from the manifest (browser_specific_settings.gecko.id). */
  addonId: string;
  /** moz-extension://<uuid>/<path>: Firefox gives each install its own uuid; we choose it, so URLs are known. */
  extensionUrl(path: string): string;
  /** The open tab whose document is at `url` (tab URLs of extension pages are not reported over BiDi: asks each). */
  findPage(url: string): Promise<Page | undefined>;
  close(): Promise<void>;
}

/** The location each open tab reports from inside (BiDi does not report navigations of privileged pages). */
// How long one page may take to say its address: a page still loading (or a busy machine) must not
// hold up the search through the others, and the callers poll, so a slow page is simply asked again.
const ADDRESS_WAIT_MS = 2_000;

export async function pageAt(browser: Browser, url: string): Promise<Page | undefined> {
  for (const page of await browser.pages()) {
    // The protocol's own record first; it can lag behind an extension page's address, so ask the page too.
    if (page.url() === url) return page;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<undefined>((resolve) => (timer = setTimeout(resolve, ADDRESS_WAIT_MS, undefined)));
    const href = await Promise.race([page.evaluate(() => location.href).catch(() => undefined), timeout]);
    clearTimeout(timer);
    if (href === url) return page;
  }
  return undefined;
}

export async function launchFirefoxWithExtension(dir = firefoxExtensionDir()): Promise<FirefoxWithExtension> {
  if (!existsSync(FIREFOX_PATH)) throw new Error(firefoxInstallHint());
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as {
    browser_specific_settings?: { gecko?: { id?: string } };
  };
  const addonId = manifest.browser_specific_settings?.gecko?.id;
  if (!addonId) throw new Error(`${dir}/manifest.json has no gecko id`);
  const uuid = randomUUID();
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX_PATH,
    headless: true,
    protocol: 'webDriverBiDi',
    extraPrefsFirefox: {
      // The internal uuid of our add-on, so its pages have a known address.
      'extensions.webextensions.uuids': JSON.stringify({ [addonId]: uuid }),
    },
  });
  try {
    const installed = await browser.installExtension(dir);
    if (installed !== addonId) throw new Error(`Firefox installed ${installed}, not ${addonId}`);
  } catch (error) {
    await browser.close();
    throw error;
  }
  return {
    browser,
    addonId,
    extensionUrl: (path) => `moz-extension://${uuid}/${path.replace(/^\//, '')}`,
    findPage: (url) => pageAt(browser, url),
    close: () => browser.close(),
  };
}
