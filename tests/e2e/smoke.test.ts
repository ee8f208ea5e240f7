import { afterAll, beforeAll, expect, test } from 'vitest';
import { launchWithExtension, servePages, type ExtensionBrowser, type PageServer } from './harness';

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
