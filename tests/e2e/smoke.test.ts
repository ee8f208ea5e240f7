import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { extensionDir, launchWithExtension, servePages, type ExtensionBrowser, type PageServer } from './harness';
import { FIREFOX_MIN_VERSION } from '../../scripts/browser-targets';

let browser: ExtensionBrowser;
let server: PageServer;

beforeAll(async () => {
  server = await servePages();
  browser = await launchWithExtension();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

test('the built extension loads and its popup and options pages open', async () => {
  expect(browser.extensionId).toMatch(/^[a-p]{32}$/);
  const popup = await browser.openExtensionPage('popup.html');
  await expect.poll(() => popup.locator('main').count()).toBeGreaterThan(0);
  const options = await browser.openExtensionPage('options.html');
  await expect.poll(() => options.locator('main').count()).toBeGreaterThan(0);
});

interface Manifest {
  manifest_version: number;
  permissions?: string[];
  host_permissions?: string[];
  optional_permissions?: string[];
  content_security_policy?: unknown;
  content_scripts?: { matches: string[] }[];
  browser_specific_settings?: { gecko?: { id?: string; strict_min_version?: string } };
}

const readManifest = (dir: string) => JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Manifest;

// Every permission is a promise to users; README.md ("Permissions, and why") explains each one. Adding one
// must be a decision: this list, the README and wxt.config.ts change together.
const API_PERMISSIONS = ['activeTab', 'contextMenus', 'scripting', 'storage', 'unlimitedStorage'];
// Chrome only: an offscreen document hosts the reference sets' build worker (Firefox's background page does it).
const CHROME_ONLY_PERMISSIONS = ['offscreen'];
const SITES = ['http://*/*', 'https://*/*'];

describe('manifests', () => {
  test('Chrome (MV3): only the documented permissions, host access no wider than the content script, no remote code', () => {
    const manifest = readManifest(extensionDir());
    expect(manifest.manifest_version).toBe(3);
    expect([...(manifest.permissions ?? [])].sort()).toEqual([...API_PERMISSIONS, ...CHROME_ONLY_PERMISSIONS].sort());
    expect(manifest.optional_permissions ?? []).toEqual([]);
    const scriptSites = new Set((manifest.content_scripts ?? []).flatMap((c) => c.matches));
    expect([...scriptSites].sort()).toEqual(SITES);
    for (const site of manifest.host_permissions ?? []) expect(scriptSites).toContain(site);
    // The default MV3 policy forbids eval and remote scripts; a custom policy could loosen it.
    expect(JSON.stringify(manifest.content_security_policy ?? '')).not.toMatch(/unsafe-eval|https?:/);
  });

  test('the README explains every permission the manifest asks for', () => {
    const readme = readFileSync(resolve('README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('### Permissions'), readme.indexOf('## Develop'));
    for (const permission of [...API_PERMISSIONS, ...CHROME_ONLY_PERMISSIONS, 'host_permissions']) expect(section).toContain(`\`${permission}\``);
  });

  // npm test builds for Firefox before the browser tests; a developer running this file alone may not have.
  const firefoxDir = resolve(process.env.BACKSTORY_OUT_DIR ?? '.output', 'firefox-mv2');
  const firefoxBuilt = existsSync(join(firefoxDir, 'manifest.json'));
  test.skipIf(!firefoxBuilt && process.env.CI !== 'true')('Firefox (MV2): builds with a gecko id and the same permissions', () => {
    const manifest = readManifest(firefoxDir);
    expect(manifest.manifest_version).toBe(2);
    // A UUID id: the project's own (an e-mail-style id would need a domain the project owns).
    expect(manifest.browser_specific_settings?.gecko?.id).toMatch(/^\{[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\}$/);
    expect(manifest.browser_specific_settings?.gecko?.strict_min_version).toBe(FIREFOX_MIN_VERSION);
    // MV2 has no host_permissions: host access is listed among the permissions instead.
    const apis = (manifest.permissions ?? []).filter((p) => !p.includes('://'));
    expect(apis.sort()).toEqual(API_PERMISSIONS);
    for (const p of (manifest.permissions ?? []).filter((x) => x.includes('://'))) expect(SITES).toContain(p);
    expect(existsSync(join(firefoxDir, 'content-scripts', 'content.js'))).toBe(true);
  });
});
