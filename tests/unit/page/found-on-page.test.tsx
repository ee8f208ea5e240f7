// The popup's "On this page" section and its controls, over WXT's fake browser: the tab is asked once, then
// its content script's reports keep the section current (no polling); the status line never says "off" while
// the page is still starting; the controls write the reader's settings where every tab reads them.
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { FoundOnPage } from '@/components/FoundOnPage';
import { SiteControls } from '@/components/SiteControls';
import { defaultSettings, loadSettings, saveSettings, withSite } from '@/lib/page/settings';
import type { PageStatus, PageSummary } from '@/lib/page/messages';
import type { Envelope } from '@/lib/messages';

const TAB = 7;

function summary(status: PageStatus, total: number, extra: Partial<PageSummary> = {}): PageSummary {
  const items = total ? [{ referenceId: 'place:aleppo', category: 'place' as const, label: 'Aleppo', count: total, words: ['Aleppo'] }] : [];
  return {
    url: 'https://news.example/story', site: 'news.example', status, mode: 'css', total,
    byCategory: { person: 0, place: total, organization: 0, figure: 0, 'figure-differs': 0 }, items, ...extra,
  };
}

let root: HTMLElement;
let asked: Envelope[];
let answer: () => Promise<unknown>;

beforeEach(() => {
  fakeBrowser.reset();
  asked = [];
  answer = async () => ({ ok: true, value: summary('settled', 2) });
  (browser.tabs as { sendMessage: unknown }).sendMessage = vi.fn(async (tabId: number, message: Envelope) => {
    expect(tabId).toBe(TAB);
    asked.push(message);
    return message.type === 'page/summary' ? answer() : { ok: true, value: true };
  });
  root = document.createElement('div');
  document.body.replaceChildren(root);
});

afterEach(async () => {
  await act(async () => render(null, root));
  vi.useRealTimers();
});

const text = () => root.textContent ?? '';
/** Waits for an element to be rendered. */
const find = <T extends Element>(selector: string) =>
  vi.waitFor(() => {
    const el = root.querySelector<T>(selector);
    if (!el) throw new Error(`no ${selector} yet`);
    return el;
  });
const eventually = (assertion: () => void) => vi.waitFor(assertion, { timeout: 2000, interval: 10 });

/** What the tab's content script sends when its page changes (the same message sets the badge). */
async function report(s: PageSummary, tabId = TAB) {
  await act(async () => {
    // The sender as the browser describes a content script; only its tab id and frame matter here.
    const sender = { tab: { id: tabId }, frameId: 0 } as unknown as Parameters<typeof fakeBrowser.runtime.onMessage.trigger>[1];
    await fakeBrowser.runtime.onMessage.trigger({ backstory: 1, type: 'page/report', payload: s }, sender);
  });
}

describe('FoundOnPage', () => {
  test('lists what the tab found, per category and item; choosing an item reveals it on the page', async () => {
    await act(async () => render(<FoundOnPage tabId={TAB} />, root));
    await eventually(() => expect(text()).toContain('2 highlights'));
    expect(root.querySelector('[data-category="place"] [data-count]')?.textContent).toBe('2');
    const button = root.querySelector<HTMLButtonElement>('button[data-reference-id="place:aleppo"]')!;
    expect(button.textContent).toBe('Aleppo');
    await act(async () => button.click());
    expect(asked.map((m) => m.type)).toEqual(['page/summary', 'page/reveal']);
    expect(asked[1]!.payload).toEqual({ referenceId: 'place:aleppo' });
  });

  test('a page still starting reads "Reading the page…", never "off"; then it follows the tab\'s reports without asking again', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'setTimeout'] });
    answer = async () => ({ ok: true, value: summary('starting', 0) });
    await act(async () => render(<FoundOnPage tabId={TAB} />, root));
    await act(async () => {});
    expect(text()).toContain('Reading the page…');
    expect(text()).not.toContain('off');

    await report(summary('running', 0));
    expect(text()).toContain('Reading the page…');
    await report(summary('running', 1));
    expect(text()).toContain('1 highlight');
    await report(summary('settled', 3));
    expect(text()).toContain('3 highlights');
    await report(summary('settled', 9), TAB + 1); // another tab's page
    expect(text()).toContain('3 highlights');
    await report(summary('off', 0));
    expect(text()).toContain('Backstory is off for news.example.');

    await act(async () => {
      vi.advanceTimersByTime(10_000);
    });
    expect(asked.filter((m) => m.type === 'page/summary')).toHaveLength(1); // pushed, not polled
  });

  test('settled with nothing found says so', async () => {
    answer = async () => ({ ok: true, value: summary('settled', 0) });
    await act(async () => render(<FoundOnPage tabId={TAB} />, root));
    await eventually(() => expect(text()).toContain('Nothing from the reference found in this article.'));
  });

  test('a page about another subject says what the reference covers and that nothing on it is highlighted', async () => {
    answer = async () => ({ ok: true, value: summary('settled', 0, { onSubject: false, subject: 'the Syrian civil war, 2012–2013' }) });
    await act(async () => render(<FoundOnPage tabId={TAB} />, root));
    const line = await find<HTMLElement>('[data-off-subject]');
    expect(line.getAttribute('role')).toBe('status');
    expect(line.textContent).toBe('Backstory’s reference covers the Syrian civil war, 2012–2013. This page is not about that, so nothing on it is highlighted.');
    // The reader turned on every page: the page is read again and its highlights listed.
    await report(summary('running', 0));
    expect(root.querySelector('[data-off-subject]')).toBeNull();
    await report(summary('settled', 2, { onSubject: true, subject: 'the Syrian civil war, 2012–2013' }));
    expect(text()).toContain('2 highlights');
    // On the subject with nothing found is not "another subject".
    await report(summary('settled', 0, { onSubject: true }));
    expect(text()).toContain('Nothing from the reference found in this article.');
    expect(root.querySelector('[data-off-subject]')).toBeNull();
  });

  test('a tab without Backstory says so, until its content script reports after all', async () => {
    answer = async () => {
      throw new Error('Could not establish connection. Receiving end does not exist.');
    };
    await act(async () => render(<FoundOnPage tabId={TAB} />, root));
    await eventually(() => expect(text()).toContain('Backstory does not run on this page'));
    await report(summary('settled', 2));
    expect(text()).toContain('2 highlights');
  });

  test('an answer older than a report already shown is not taken', async () => {
    let reply!: (value: unknown) => void;
    answer = () => new Promise((resolve) => (reply = resolve));
    await act(async () => render(<FoundOnPage tabId={TAB} />, root));
    await report(summary('settled', 5));
    await act(async () => reply({ ok: true, value: summary('running', 0) }));
    expect(text()).toContain('5 highlights');
  });
});

describe('SiteControls', () => {
  test('turns the site and a category off and on in the settings every tab reads', async () => {
    await act(async () => render(<SiteControls tabId={TAB} />, root));
    const site = await find<HTMLInputElement>('input[data-control="site"]');
    expect(root.textContent).toContain('On news.example');
    expect(site.checked).toBe(true);
    await act(async () => site.click());
    await eventually(async () => expect((await loadSettings(browser.storage.local)).disabledSites).toEqual(['news.example']));
    expect(site.checked).toBe(false);

    const place = root.querySelector<HTMLInputElement>('input[data-category="place"]')!;
    expect(place.checked).toBe(true);
    await act(async () => place.click());
    await eventually(async () => expect((await loadSettings(browser.storage.local)).categories.place).toBe(false));
    await act(async () => site.click());
    await eventually(async () => expect(await loadSettings(browser.storage.local)).toMatchObject({ disabledSites: [], categories: { place: false } }));
  });

  test('"Also on pages about other subjects" is off by default and saved where every tab reads it', async () => {
    await act(async () => render(<SiteControls tabId={TAB} />, root));
    const everyPage = await find<HTMLInputElement>('input[data-control="every-page"]');
    expect(everyPage.closest('label')?.textContent).toContain('Also on pages about other subjects');
    expect(everyPage.checked).toBe(false);
    await act(async () => everyPage.click());
    await eventually(async () => expect((await loadSettings(browser.storage.local)).everyPage).toBe(true));
    expect(everyPage.checked).toBe(true);
    await act(async () => everyPage.click());
    await eventually(async () => expect((await loadSettings(browser.storage.local)).everyPage).toBe(false));
  });

  test('a change saved elsewhere (another popup, another window) shows at once', async () => {
    await act(async () => render(<SiteControls tabId={TAB} />, root));
    const site = await find<HTMLInputElement>('input[data-control="site"]');
    await act(async () => saveSettings(browser.storage.local, withSite(defaultSettings(), 'news.example', false)));
    await eventually(() => expect(site.checked).toBe(false));
  });

  test('a setting that cannot be saved says so', async () => {
    await act(async () => render(<SiteControls tabId={TAB} />, root));
    const place = await find<HTMLInputElement>('input[data-category="place"]');
    vi.spyOn(browser.storage.local, 'set').mockRejectedValueOnce(new Error('QUOTA_BYTES quota exceeded'));
    await act(async () => place.click());
    await eventually(() => expect(root.querySelector('[role="alert"]')?.textContent).toBe('Could not save the setting: QUOTA_BYTES quota exceeded'));
  });
});
