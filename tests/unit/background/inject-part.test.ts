// A part's script goes where the asking content script runs: into the asking document itself where the browser names
// it (Chrome), else the tab's top frame.
import { afterEach, expect, test, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { injectPart } from '@/entrypoints/background/page';

const scripting = browser as unknown as { scripting?: unknown };
const before = scripting.scripting;
afterEach(() => {
  scripting.scripting = before;
});

test('the part goes into the sender\'s document when the sender names it, else into the top frame', async () => {
  const executeScript = vi.fn(async () => []);
  scripting.scripting = { executeScript };
  const sender = { tab: { id: 4 }, frameId: 0, id: browser.runtime.id };
  await injectPart('reference', { ...sender, documentId: 'doc-1' });
  expect(executeScript).toHaveBeenLastCalledWith({ target: { tabId: 4, documentIds: ['doc-1'] }, files: ['/reference.js'] });
  await injectPart('reference', sender);
  expect(executeScript).toHaveBeenLastCalledWith({ target: { tabId: 4, frameIds: [0] }, files: ['/reference.js'] });
  await expect(injectPart('reference', { ...sender, frameId: 2, documentId: 'doc-2' })).rejects.toThrow();
  expect(executeScript).toHaveBeenCalledTimes(2);
});
