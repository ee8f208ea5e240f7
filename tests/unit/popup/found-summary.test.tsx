// The popup's line on what the tab found, and this site's controls, over WXT's fake browser: the tab is asked once,
// then its content script's reports keep the line current (no polling); the line never says "off" while the page is
// still starting; items are listed in the page's own words; a page about another subject says why nothing is
// highlighted; the controls write the reader's settings where every tab reads them.
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { FoundSummary } from '@/components/FoundSummary';
import { defaultSettings, loadSettings, saveSettings, withEveryPage, withSite } from '@/lib/page/settings';
import type { PageStatus, PageSummary } from '@/lib/page/messages';
import type { Envelope } from '@/lib/messages';

const TAB = 7;

function summary(status: PageStatus, total: number, extra: Partial<PageSummary> = {}): PageSummary {
  const items = total ? [{ referenceId: 'place:aleppo', category: 'place' as const, label: 'Aleppo', count: total, words: ['Aleppo', 'Halab'] }] : [];
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

let settingsOpened = 0;
const mount = () => act(async () => render(<FoundSummary tabId={TAB} openSettings={() => settingsOpened++} />, root));
/** The line, before the list is opened. */
const line = () => root.querySelector('.bs-found > summary')?.textContent ?? '';

describe('FoundSummary: what was found', () => {
  test('one line: the count and the items in the page\'s own words; opened, every item with its count and the reference\'s name; choosing one reveals it', async () => {
    answer = async () => ({
      ok: true,
      value: summary('settled', 5, {
        items: [
          { referenceId: 'person:assad', category: 'person', label: 'Bashar al-Assad', count: 4, words: ['Assad', 'Bashar al-Assad'] },
          { referenceId: 'place:aleppo', category: 'place', label: 'Aleppo', count: 1, words: ['Aleppo'] },
        ],
      }),
    });
    await mount();
    await eventually(() => expect(line()).toBe('5 highlights: Assad ×4 · Aleppo'));
    expect(root.querySelector('.bs-found > summary [data-total]')?.getAttribute('data-total')).toBe('5');
    const items = [...root.querySelectorAll('.bs-found-items li')].map((li) => li.textContent);
    expect(items).toEqual(['Assad ×4 · Bashar al-Assad, person', 'Aleppo · place']);
    const button = root.querySelector<HTMLButtonElement>('button[data-reference-id="person:assad"]')!;
    expect(button.getAttribute('aria-label')).toBe('Assad: show it on the page');
    await act(async () => button.click());
    expect(asked.map((m) => m.type)).toEqual(['page/summary', 'page/reveal']);
    expect(asked[1]!.payload).toEqual({ referenceId: 'person:assad' });
  });

  test('a page still starting reads "Reading the page…", never "off"; then it follows the tab\'s reports without asking again', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'setTimeout'] });
    answer = async () => ({ ok: true, value: summary('starting', 0) });
    await mount();
    await act(async () => {});
    expect(line()).toBe('Reading the page…');
    await report(summary('running', 0));
    expect(line()).toBe('Reading the page…');
    await report(summary('running', 1));
    expect(line()).toBe('1 highlight: Aleppo');
    await report(summary('settled', 3));
    expect(line()).toBe('3 highlights: Aleppo ×3');
    await report(summary('settled', 9), TAB + 1); // another tab's page
    expect(line()).toBe('3 highlights: Aleppo ×3');
    await report(summary('off', 0));
    expect(line()).toBe('Backstory is off on news.example.');
    await act(async () => {
      vi.advanceTimersByTime(10_000);
    });
    expect(asked.filter((m) => m.type === 'page/summary')).toHaveLength(1); // pushed, not polled
  });

  test('settled with nothing found says so', async () => {
    answer = async () => ({ ok: true, value: summary('settled', 0) });
    await mount();
    await eventually(() => expect(line()).toBe('Nothing from the reference in this article.'));
  });

  test('a reference that could not be loaded says so, never "nothing here" nor "another subject"', async () => {
    answer = async () => ({ ok: true, value: summary('settled', 0, { onSubject: false, referenceUnavailable: { bundled: true, sets: ['Water'] } }) });
    await mount();
    await eventually(() => expect(line()).toBe('Backstory’s reference could not be loaded; it will be tried again.'));
    expect(root.querySelector('[data-off-subject]')).toBeNull();
    // Loaded on a retry: the page's own verdict again.
    await report(summary('settled', 0));
    expect(line()).toBe('Nothing from the reference in this article.');
  });

  test("the reader's own set that could not be loaded is named under the highlights found, and goes once it loads", async () => {
    answer = async () => ({ ok: true, value: summary('settled', 2, { referenceUnavailable: { bundled: false, sets: ['Water'] } }) });
    await mount();
    await find('.bs-found > summary [data-total]');
    const missing = await find<HTMLElement>('[data-testid="reference-missing"]');
    expect(missing.getAttribute('role')).toBe('status');
    expect(missing.textContent).toBe('Your reference set “Water” could not be loaded: highlights from it are missing here. It will be tried again.');
    // Two sets, nothing found with the rest: said on the line itself, never "nothing from the reference" nor "another subject".
    await report(summary('settled', 0, { onSubject: false, referenceUnavailable: { bundled: false, sets: ['Water', 'Fire'] } }));
    expect(line()).toBe('Your reference sets “Water” and “Fire” could not be loaded: highlights from them are missing here. They will be tried again.');
    expect(root.querySelector('[data-off-subject]')).toBeNull();
    expect(root.querySelector('[data-testid="reference-missing"]')).toBeNull(); // said once
    await report(summary('settled', 3));
    expect(root.querySelector('[data-testid="reference-missing"]')).toBeNull();
    expect(text()).not.toContain('could not be loaded');
  });

  test('a page about another subject says what the reference covers and that nothing on it is highlighted', async () => {
    answer = async () => ({ ok: true, value: summary('settled', 0, { onSubject: false, subject: 'the Syrian civil war, 2012–2013' }) });
    await mount();
    const why = await find<HTMLElement>('.bs-found > summary [data-off-subject]');
    expect(why.getAttribute('role')).toBe('status');
    expect(why.textContent).toBe('Nothing highlighted: this page is not about the Syrian civil war, 2012–2013, which Backstory’s reference covers.');
    // The reader turned on every page: the page is read again and its highlights listed.
    await report(summary('running', 0));
    expect(root.querySelector('[data-off-subject]')).toBeNull();
    await report(summary('settled', 2, { onSubject: true, subject: 'the Syrian civil war, 2012–2013' }));
    expect(line()).toBe('2 highlights: Aleppo ×2');
    // On the subject with nothing found is not "another subject"; neither is a page whose subject is not known yet.
    await report(summary('settled', 0, { onSubject: true }));
    expect(line()).toBe('Nothing from the reference in this article.');
    expect(root.querySelector('[data-off-subject]')).toBeNull();
    await report(summary('settled', 0));
    expect(root.querySelector('[data-off-subject]')).toBeNull();
    // A reference that does not name its subject still gets the reason.
    await report(summary('settled', 0, { onSubject: false }));
    expect(line()).toBe('Nothing highlighted: this page is not about what Backstory’s reference covers.');
  });

  test('an answer older than a report already shown is not taken', async () => {
    let reply!: (value: unknown) => void;
    answer = () => new Promise((resolve) => (reply = resolve));
    await mount();
    await report(summary('settled', 5));
    await act(async () => reply({ ok: true, value: summary('running', 0) }));
    expect(line()).toBe('5 highlights: Aleppo ×5');
  });
});

describe('FoundSummary: this site\'s controls', () => {
  test('turns the site and a category off and on in the settings every tab reads', async () => {
    await mount();
    const site = await find<HTMLInputElement>('input[data-control="site"]');
    expect(site.closest('label')?.textContent).toBe(' Backstory on this site (news.example)');
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

    // The rest of the settings are in the notes library.
    const more = [...root.querySelectorAll('button')].find((b) => b.textContent === 'More settings')!;
    await act(async () => more.click());
    expect(settingsOpened).toBe(1);
  });

  test('"Also on pages about other subjects" is off by default and saved where every tab reads it', async () => {
    await mount();
    const everyPage = await find<HTMLInputElement>('input[data-control="every-page"]');
    expect(everyPage.closest('label')?.textContent).toBe(' Also on pages about other subjects');
    expect(everyPage.checked).toBe(false);
    await act(async () => everyPage.click());
    await eventually(async () => expect((await loadSettings(browser.storage.local)).everyPage).toBe(true));
    expect(everyPage.checked).toBe(true);
    await act(async () => everyPage.click());
    await eventually(async () => expect((await loadSettings(browser.storage.local)).everyPage).toBe(false));
    expect(everyPage.checked).toBe(false);
  });

  test('a change saved elsewhere (another popup, the notes library) shows at once', async () => {
    await mount();
    const site = await find<HTMLInputElement>('input[data-control="site"]');
    const everyPage = root.querySelector<HTMLInputElement>('input[data-control="every-page"]')!;
    await act(async () => saveSettings(browser.storage.local, withEveryPage(withSite(defaultSettings(), 'news.example', false), true)));
    await eventually(() => expect(site.checked).toBe(false));
    expect(everyPage.checked).toBe(true);
  });

  test('a setting that cannot be saved says so', async () => {
    await mount();
    const place = await find<HTMLInputElement>('input[data-category="place"]');
    vi.spyOn(browser.storage.local, 'set').mockRejectedValueOnce(new Error('QUOTA_BYTES quota exceeded'));
    await act(async () => place.click());
    await eventually(() => expect(root.querySelector('[role="alert"]')?.textContent).toBe('Could not save the setting: QUOTA_BYTES quota exceeded'));
  });
});
