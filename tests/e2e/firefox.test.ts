// The Firefox build in a real Firefox (Debian's firefox-esr, driven over WebDriver BiDi by puppeteer-core): it
// installs, opens its first-run page, paints the sample page's highlights with the CSS Custom Highlight API (the
// same ones `npm run annotate` finds, without changing the page), and its popup and notes pages open.
import { readFileSync } from 'node:fs';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, expect, onTestFinished, test } from 'vitest';
import { launchFirefoxWithExtension, type FirefoxWithExtension } from '../../scripts/firefox';
import { annotateHtml, loadBundledDataset, SAMPLE_PAGE } from '../../scripts/annotate';
import { servePages, type PageServer } from './harness';
import { withUnsettledMarkup } from './unsettled-page';

let firefox: FirefoxWithExtension;
let server: PageServer;

beforeAll(async () => {
  server = await servePages();
  server.set('/sample-news.html', readFileSync(SAMPLE_PAGE, 'utf8'));
  server.set('/sample-news-unsettled.html', withUnsettledMarkup(readFileSync(SAMPLE_PAGE, 'utf8')));
  firefox = await launchFirefoxWithExtension();
});
afterAll(async () => {
  await firefox?.close();
  await server?.close();
});

/** Waits until a tab shows `url` (extension pages report their address only from inside). */
async function pageShowing(url: string): Promise<Page> {
  let found: Page | undefined;
  await expect.poll(async () => (found = await firefox.findPage(url)) !== undefined, { timeout: 30_000 }).toBe(true);
  return found!;
}

const text = (page: Page, selector: string) => page.evaluate((s) => document.querySelector(s)?.textContent ?? null, selector);

/** `backstory-*` entries of the page's highlight registry: name → text → count. */
function highlightsOf(page: Page): Promise<Record<string, Record<string, number>>> {
  return page.evaluate(() => {
    const out: Record<string, Record<string, number>> = {};
    const registry = (globalThis as unknown as { CSS: { highlights?: Map<string, Set<AbstractRange>> } }).CSS.highlights;
    registry?.forEach((highlight, name) => {
      if (!name.startsWith('backstory-')) return;
      const texts = (out[name] ??= {});
      for (const range of highlight) {
        const t = range instanceof Range ? range.toString() : '';
        texts[t] = (texts[t] ?? 0) + 1;
      }
    });
    return out;
  });
}

test('the add-on installs under its own id and opens its first-run page', async () => {
  expect(firefox.addonId).toMatch(/^\{[0-9a-f-]{36}\}$/);
  const welcome = await pageShowing(firefox.extensionUrl('welcome.html'));
  await expect.poll(() => text(welcome, 'h1')).toBe('Welcome to Backstory');
  // Firefox assigned every suggested key (none is refused as taken).
  const keys = await welcome.evaluate(() => [...document.querySelectorAll('.bs-shortcuts kbd')].map((k) => k.textContent));
  expect(keys).toEqual(expect.arrayContaining(['Alt+Shift+M', 'Alt+Shift+J', 'Alt+Shift+K']));
});

test('a news page gets the highlights the pipeline finds, through CSS.highlights, with the page unchanged', async () => {
  const url = `${server.origin}/sample-news.html`;
  const expected: Record<string, Record<string, number>> = {};
  for (const h of (await annotateHtml(readFileSync(SAMPLE_PAGE, 'utf8'), { url, dataset: loadBundledDataset() })).highlights) {
    const texts = (expected[`backstory-${h.category}`] ??= {});
    texts[h.text] = (texts[h.text] ?? 0) + 1;
  }
  expect(Object.keys(expected)).toEqual(expect.arrayContaining(['backstory-person', 'backstory-place', 'backstory-organization']));

  const page = await firefox.browser.newPage();
  await page.goto(url);
  await expect.poll(() => highlightsOf(page), { timeout: 30_000 }).toEqual(expected);
  // Painted over the text, not wrapped around it: no element of ours in the page's document.
  expect(await page.evaluate(() => document.querySelectorAll('backstory-mark').length)).toBe(0);
  await page.close();
});

test('the card, drawn by a part loaded on the reader\'s first move, opens on hover over a highlight', async () => {
  server.set('/sample-news-card.html', readFileSync(SAMPLE_PAGE, 'utf8'));
  const page = await firefox.browser.newPage();
  await page.goto(`${server.origin}/sample-news-card.html`);
  await page.bringToFront();
  const target = () =>
    page.evaluate(() => {
      const registry = (globalThis as unknown as { CSS: { highlights?: Map<string, Set<AbstractRange>> } }).CSS.highlights;
      const range = [...(registry?.get('backstory-place') ?? [])].find((r): r is Range => r instanceof Range);
      if (!range) return null;
      range.startContainer.parentElement!.scrollIntoView({ block: 'center' });
      const rect = range.getClientRects()[0]!;
      return { text: range.toString(), x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 };
    });
  await expect.poll(target, { timeout: 30_000 }).not.toBeNull();
  const at = (await target())!;
  await page.mouse.move(at.x - 40, at.y);
  await page.mouse.move(at.x, at.y, { steps: 3 });
  const card = () => page.evaluate(() => {
    const dialog = document.querySelector('[data-backstory-layer="card"]')?.shadowRoot?.querySelector('[role="dialog"]');
    return dialog ? { title: dialog.querySelector('h2')?.textContent ?? '', text: dialog.textContent ?? '' } : null;
  });
  await expect.poll(card, { timeout: 30_000 }).not.toBeNull();
  // The card of the name under the pointer: its name, or the words the page used for it.
  const shown = (await card())!;
  expect(shown.title).not.toBe('');
  expect(shown.text.toLowerCase()).toContain(at.text.toLowerCase());
  await page.close();
});

test('a page whose markup does not settle the article gets Readability loaded, and the same highlights as the pipeline', async () => {
  const url = `${server.origin}/sample-news-unsettled.html`;
  const html = withUnsettledMarkup(readFileSync(SAMPLE_PAGE, 'utf8'));
  const expected: Record<string, Record<string, number>> = {};
  for (const h of (await annotateHtml(html, { url, dataset: loadBundledDataset() })).highlights) {
    const texts = (expected[`backstory-${h.category}`] ??= {});
    texts[h.text] = (texts[h.text] ?? 0) + 1;
  }
  expect(Object.keys(expected)).toEqual(expect.arrayContaining(['backstory-person', 'backstory-place']));
  const page = await firefox.browser.newPage();
  await page.goto(url);
  await expect.poll(() => highlightsOf(page), { timeout: 30_000 }).toEqual(expected);
  await page.close();
});

test('the popup and the notes page open', async () => {
  const welcome = await pageShowing(firefox.extensionUrl('welcome.html'));
  // BiDi may not navigate a tab to an extension page; the extension may open one (in a new tab: the first-run
  // page stays for the other tests, whatever their order).
  const open = (url: string) =>
    welcome.evaluate((u) => (globalThis as unknown as { browser: { tabs: { create(o: object): Promise<unknown> } } }).browser.tabs.create({ url: u }).then(() => true), url);
  await open(firefox.extensionUrl('popup.html'));
  const popup = await pageShowing(firefox.extensionUrl('popup.html'));
  await expect.poll(() => text(popup, 'header h1')).toBe('Backstory');
  await expect.poll(() => popup.evaluate(() => document.querySelector('header a')?.getAttribute('href') ?? null)).toBe(firefox.extensionUrl('welcome.html'));

  await open(firefox.extensionUrl('options.html'));
  const options = await pageShowing(firefox.extensionUrl('options.html'));
  await expect.poll(() => text(options, 'main h1')).toBe('Backstory — notes & settings');
  await expect.poll(() => text(options, '[data-testid="summary"]')).toBe('0 notes on 0 pages.');
});

/** The body's type and the smallest text shown on the page, in CSS px. */
function typeOf(page: Page) {
  return page.evaluate(() => {
    const texts = [...document.querySelectorAll<HTMLElement>('body *')].filter((el) =>
      el.getClientRects().length > 0 && [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent!.trim()));
    return {
      body: getComputedStyle(document.body).fontSize,
      family: getComputedStyle(document.body).fontFamily,
      smallest: Math.min(...texts.map((el) => parseFloat(getComputedStyle(el).fontSize))),
    };
  });
}

test('the popup and the notes library read the same in Firefox: the project\'s type, no text under 13 px, notes on the popup\'s first screen', async () => {
  const url = `${server.origin}/sample-news.html`;
  const article = await firefox.browser.newPage();
  await article.goto(url);
  const welcome = await pageShowing(firefox.extensionUrl('welcome.html'));
  // 200 notes on the article, written where an import would put them; then the tab's id, as the popup is given it.
  const tabId = await welcome.evaluate(async (u) => {
    const open = indexedDB.open('backstory-notes');
    const db: IDBDatabase = await new Promise((ok, ko) => { open.onsuccess = () => ok(open.result); open.onerror = () => ko(open.error); });
    const tx = db.transaction('annotations', 'readwrite');
    for (let i = 0; i < 200; i++) {
      const t = new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString();
      tx.objectStore('annotations').put({ id: `ff-${i}`, url: u, title: 'Sample', created: t, modified: t, text: `Note ${i} on the casualty figures`, tags: ['figures'] });
    }
    await new Promise((ok) => { tx.oncomplete = ok; });
    db.close();
    const tabs = await (globalThis as unknown as { browser: { tabs: { query(q: object): Promise<{ id: number; url?: string }[]> } } }).browser.tabs.query({});
    return tabs.find((t) => t.url === u)!.id;
  }, url);
  await welcome.evaluate((u) => (globalThis as unknown as { browser: { tabs: { create(o: object): Promise<unknown> } } }).browser.tabs.create({ url: u }).then(() => true),
    firefox.extensionUrl(`popup.html?tab=${tabId}`));
  const popup = await pageShowing(firefox.extensionUrl(`popup.html?tab=${tabId}`));
  await popup.setViewport({ width: 415, height: 510 });
  await expect.poll(() => text(popup, '[data-testid="page-count"]'), { timeout: 30_000 }).toBe(' (200)');
  const type = await typeOf(popup);
  const layout = await popup.evaluate(() => {
    const bottom = (sel: string) => document.querySelector(sel)!.getBoundingClientRect().bottom;
    return { height: innerHeight, composer: bottom('#bs-new-note'), save: bottom('.bs-composer .bs-primary'), firstNoteTop: document.querySelector('.bs-notes .bs-note')!.getBoundingClientRect().top };
  });
  console.log(`[firefox] popup: body ${type.body} (${type.family.split(',')[0]}), smallest text ${type.smallest} px; at 415×510 the Save button ends at ${Math.round(layout.save)}, the first note starts at ${Math.round(layout.firstNoteTop)}`);
  expect(type.body).toBe('14px');
  expect(type.family).toMatch(/^system-ui/);
  expect(type.smallest).toBeGreaterThanOrEqual(13);
  expect(layout.save).toBeLessThanOrEqual(layout.height);
  expect(layout.firstNoteTop + 40).toBeLessThanOrEqual(layout.height);

  await welcome.evaluate((u) => (globalThis as unknown as { browser: { tabs: { create(o: object): Promise<unknown> } } }).browser.tabs.create({ url: u }).then(() => true), firefox.extensionUrl('options.html#notes'));
  const library = await pageShowing(firefox.extensionUrl('options.html#notes'));
  await expect.poll(() => text(library, '[data-testid="summary"]'), { timeout: 30_000 }).toBe('200 notes on 1 page across 1 site.');
  const libraryType = await typeOf(library);
  console.log(`[firefox] notes library: body ${libraryType.body}, smallest text ${libraryType.smallest} px`);
  expect(libraryType.body).toBe('15px');
  expect(libraryType.smallest).toBeGreaterThanOrEqual(13);
  await popup.close();
  await library.close();
  await article.close();
  // The other tests start from no notes, whatever their order.
  await welcome.evaluate(async () => {
    const open = indexedDB.open('backstory-notes');
    const db: IDBDatabase = await new Promise((ok, ko) => { open.onsuccess = () => ok(open.result); open.onerror = () => ko(open.error); });
    const tx = db.transaction('annotations', 'readwrite');
    tx.objectStore('annotations').clear();
    await new Promise((ok) => { tx.oncomplete = ok; });
    db.close();
  });
});

test('a note written with the adder, in Backstory\'s frame, is saved and highlighted, and read back in the tooltip frame', async () => {
  // Its own address, and its note gone at the end whatever happens: the other tests, in any order, see the sample
  // page without a note and the notes page empty.
  server.set('/sample-news-noted.html', readFileSync(SAMPLE_PAGE, 'utf8'));
  const url = `${server.origin}/sample-news-noted.html`;
  const page = await firefox.browser.newPage();
  onTestFinished(async () => {
    await page.close().catch(() => undefined);
    await clearNotes();
  });
  await page.goto(url);
  // The keyboard goes to the tab in front: another test's tab may be there.
  await page.bringToFront();
  await expect.poll(async () => Object.keys(await highlightsOf(page)).length, { timeout: 30_000 }).toBeGreaterThan(0);
  // Drag across the first sentence's first words, as a reader selects them.
  const words = await page.evaluate(() => {
    const p = document.querySelector('article p.standfirst')!;
    const text = p.firstChild as Text;
    const range = document.createRange();
    range.setStart(text, 0);
    range.setEnd(text, text.data.indexOf(' ', 12));
    const r = range.getClientRects()[0]!;
    return { text: range.toString(), left: r.left, right: r.right, y: (r.top + r.bottom) / 2 };
  });
  await page.mouse.move(words.left + 1, words.y);
  await page.mouse.down();
  await page.mouse.move(words.right - 1, words.y, { steps: 6 });
  await page.mouse.up();
  let button: { x: number; y: number } | null = null;
  await expect.poll(async () => (button = await page.evaluate(() => {
    const b = document.querySelector('[data-backstory-layer="adder"]')?.shadowRoot?.querySelector('button');
    const r = b?.getBoundingClientRect();
    return r && r.width > 0 ? { x: r.left + r.width / 2, y: r.top + r.height / 2 } : null;
  })), { timeout: 10_000 }).not.toBeNull();
  await page.mouse.click(button!.x, button!.y);
  // The composer's frame takes the keyboard once it has drawn; what is typed goes to it.
  const frameShown = () => page.evaluate(() => document.activeElement?.getAttribute('data-backstory-layer') ?? null);
  await expect.poll(frameShown, { timeout: 10_000 }).toBe('composer');
  // Then the frame moves the keyboard to its note field.
  const fieldFocused = async () => {
    for (const frame of page.frames()) {
      if (await frame.evaluate(() => document.hasFocus() && document.activeElement?.id === 'note').catch(() => false)) return true;
    }
    return false;
  };
  await expect.poll(fieldFocused, { timeout: 10_000 }).toBe(true);
  await page.keyboard.type('Written in Firefox');
  await page.keyboard.down('Control');
  await page.keyboard.press('Enter');
  await page.keyboard.up('Control');
  const notes = () => page.evaluate(() => {
    const h = (CSS as unknown as { highlights: Map<string, Set<Range>> }).highlights.get('backstory-note');
    return h ? [...h].map((r) => r.toString()) : [];
  });
  await expect.poll(notes, { timeout: 10_000 }).toEqual([words.text]);
  expect(await page.evaluate(() => document.documentElement.outerHTML.includes('Written in Firefox'))).toBe(false);
  // Its backup copy is in the extension origin's Cache Storage, never in storage.local, which content scripts read
  // and whose every change they hear.
  const welcome = await pageShowing(firefox.extensionUrl('welcome.html'));
  const backedUp = () => welcome.evaluate(async () => {
    const cache = await caches.open('backstory-notes-backup');
    let all = '';
    for (const request of await cache.keys()) all += await (await cache.match(request))!.text();
    return all.includes('Written in Firefox');
  });
  await expect.poll(backedUp, { timeout: 10_000 }).toBe(true);
  expect(await welcome.evaluate(async () => JSON.stringify(await (globalThis as unknown as { browser: { storage: { local: { get(k: null): Promise<object> } } } }).browser.storage.local.get(null)))).not.toContain('Written in Firefox');

  // Hovering the note shows it in the tooltip frame.
  await page.mouse.click(5, 5);
  await page.mouse.move(words.left + 20, words.y, { steps: 3 });
  const tooltip = async () => {
    for (const frame of page.frames()) {
      const text = await frame.evaluate(() => document.querySelector('.tip')?.textContent ?? null).catch(() => null);
      if (text) return text;
    }
    return null;
  };
  await expect.poll(tooltip, { timeout: 10_000 }).toContain('Written in Firefox');
});

/** Empties the notes database, its backup and the extension's storage, from the first-run page (in the extension's origin). */
async function clearNotes(): Promise<void> {
  const welcome = await pageShowing(firefox.extensionUrl('welcome.html'));
  await welcome.evaluate(async () => {
    const open = indexedDB.open('backstory-notes');
    const db: IDBDatabase = await new Promise((ok, ko) => { open.onsuccess = () => ok(open.result); open.onerror = () => ko(open.error); });
    const tx = db.transaction(['annotations', 'trash'], 'readwrite');
    tx.objectStore('annotations').clear();
    tx.objectStore('trash').clear();
    await new Promise((ok, ko) => { tx.oncomplete = ok; tx.onabort = () => ko(tx.error); });
    db.close();
    await (globalThis as unknown as { browser: { storage: { local: { clear(): Promise<void> } } } }).browser.storage.local.clear();
    await caches.delete('backstory-notes-backup');
  });
}
