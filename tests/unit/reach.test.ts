import { describe, expect, test } from 'vitest';
import { contentScriptFiles, injectIntoOpenTabs, NOT_STARTED, reachTab, unreachableReason, type TabInfo } from '@/lib/reach';

describe('unreachableReason', () => {
  test('web pages are reachable; blank tabs, browser pages, files and extension stores are not, each with a plain reason', () => {
    expect(unreachableReason('https://news.example/a')).toBeNull();
    expect(unreachableReason('http://127.0.0.1:8080/x')).toBeNull();
    expect(unreachableReason('about:blank')).toMatch(/no page open/);
    expect(unreachableReason(undefined)).toMatch(/no page open/);
    expect(unreachableReason('chrome://newtab/')).toMatch(/no page open/);
    expect(unreachableReason('chrome://extensions/')).toMatch(/browser’s own pages/);
    expect(unreachableReason('about:preferences')).toMatch(/browser’s own pages/);
    expect(unreachableReason('chrome-extension://abc/options.html')).toMatch(/browser’s own pages/);
    expect(unreachableReason('view-source:https://news.example/')).toMatch(/browser’s own pages/);
    expect(unreachableReason('file:///home/me/a.html')).toMatch(/not on files/);
    for (const store of ['https://chromewebstore.google.com/detail/x', 'https://chrome.google.com/webstore/detail/x', 'https://addons.mozilla.org/en-US/firefox/', 'https://microsoftedge.microsoft.com/addons/detail/x']) {
      expect(unreachableReason(store)).toMatch(/extension stores/);
    }
    // Only the store's own path on a shared host.
    expect(unreachableReason('https://chrome.google.com/intl/en/chrome/')).toBeNull();
  });
});

function fakeTab(script: { answersAfter?: number; injectable?: boolean; loadingFor?: number; url?: string }) {
  const log: string[] = [];
  let asks = 0;
  let injected = false;
  let loading = script.loadingFor ?? 0;
  return {
    log,
    deps: {
      tab: async (): Promise<TabInfo> => ({ url: script.url ?? 'https://news.example/a', title: 'A', status: loading > 0 ? 'loading' : 'complete' }),
      ask: async () => {
        asks++;
        log.push('ask');
        const answers = script.answersAfter !== undefined && asks > script.answersAfter && (script.injectable === undefined || injected || loading <= 0);
        if (!answers) throw new Error('Could not establish connection. Receiving end does not exist.');
        return { ok: true };
      },
      inject: async () => {
        log.push('inject');
        if (script.injectable === false) throw new Error('Cannot access contents of the page');
        injected = true;
      },
      sleep: async (ms: number) => { log.push(`sleep ${ms}`); loading -= ms; },
      waitMs: 1000,
    },
  };
}

describe('reachTab', () => {
  test('a page whose content script answers is ready at once, nothing injected', async () => {
    const { deps, log } = fakeTab({ answersAfter: 0 });
    expect(await reachTab(deps)).toEqual({ state: 'ready', url: 'https://news.example/a', title: 'A', context: { ok: true } });
    expect(log).toEqual(['ask']);
  });

  test('a tab open before install gets the content script injected, then answers', async () => {
    const { deps, log } = fakeTab({ answersAfter: 2, injectable: true });
    expect((await reachTab(deps)).state).toBe('ready');
    expect(log.slice(0, 3)).toEqual(['ask', 'ask', 'inject']);
  });

  test('a loading tab is waited for, not injected into', async () => {
    const { deps, log } = fakeTab({ answersAfter: 0, injectable: true, loadingFor: 500 });
    // Answers only once loaded (as the manifest's document_idle script does).
    expect((await reachTab({ ...deps, inject: async () => { log.push('inject'); throw new Error('must not inject'); } })).state).toBe('ready');
    expect(log).not.toContain('inject');
  });

  test('a page the browser protects (injection refused) is unreachable with a plain reason; so is one that never answers', async () => {
    expect(await reachTab(fakeTab({ injectable: false }).deps)).toMatchObject({ state: 'unreachable', reason: NOT_STARTED });
    expect(await reachTab(fakeTab({ injectable: true }).deps)).toMatchObject({ state: 'unreachable', reason: NOT_STARTED });
  });

  test('a blank tab or a browser page is never asked, nor injected into', async () => {
    const { deps, log } = fakeTab({ url: 'about:blank', answersAfter: 0 });
    expect(await reachTab(deps)).toMatchObject({ state: 'unreachable', url: 'about:blank', reason: expect.stringMatching(/no page open/) });
    expect(log).toEqual([]);
  });
});

describe('injectIntoOpenTabs', () => {
  test('injects into loaded web pages with no content script answering, and nowhere else', async () => {
    const injected: number[] = [];
    const result = await injectIntoOpenTabs({
      tabs: async () => [
        { id: 1, url: 'https://a.example/', status: 'complete' }, // answers already
        { id: 2, url: 'https://b.example/', status: 'complete' }, // open before install
        { id: 3, url: 'https://c.example/', status: 'loading' }, // gets the manifest's
        { id: 4, url: 'chrome://settings/', status: 'complete' },
        { id: 5, url: 'https://chromewebstore.google.com/x', status: 'complete' },
        { id: 6, url: 'https://d.example/file.pdf', status: 'complete' }, // injection refused
        { url: 'https://e.example/', status: 'complete' },
      ],
      answers: async (id) => id === 1,
      inject: async (id) => {
        if (id === 6) throw new Error('Cannot access contents of the page');
        injected.push(id);
      },
    });
    expect(result).toEqual([2]);
    expect(injected).toEqual([2]);
  });
});

describe('contentScriptFiles', () => {
  test('every script the manifest declares, from the extension\'s root', () => {
    expect(contentScriptFiles({ content_scripts: [{ js: ['content-scripts/content.js'] }, { js: ['/a.js', 'b.js'] }, {}] }))
      .toEqual(['/content-scripts/content.js', '/a.js', '/b.js']);
    expect(contentScriptFiles({})).toEqual([]);
  });
});
