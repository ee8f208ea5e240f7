// @vitest-environment node
// (Node, not jsdom: importing an entrypoint module loads WXT's esbuild, which refuses jsdom's TextEncoder.)
// Installing opens the first-run page; an update (of Backstory or of the browser) does not.
import { beforeEach, expect, test } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { opensFirstRun, startFirstRun } from '@/entrypoints/background/first-run';

beforeEach(() => fakeBrowser.reset());

test('only an install opens it', () => {
  expect(opensFirstRun({ reason: 'install' })).toBe(true);
  expect(opensFirstRun({ reason: 'update' })).toBe(false);
  expect(opensFirstRun({ reason: 'browser_update' })).toBe(false);
  expect(opensFirstRun({ reason: 'shared_module_update' })).toBe(false);
});

test('the listener opens one tab on the first-run page on install, none on update', async () => {
  const urls = async () => (await fakeBrowser.tabs.query({})).map((t) => t.url);
  const before = await urls();
  startFirstRun();
  await fakeBrowser.runtime.onInstalled.trigger({ reason: 'update', previousVersion: '0.0.9', temporary: false });
  expect(await urls()).toEqual(before);
  await fakeBrowser.runtime.onInstalled.trigger({ reason: 'install', temporary: false });
  expect(await urls()).toEqual([...before, fakeBrowser.runtime.getURL('/welcome.html')]);
});
