// The popup in Chromium with the built extension. The real toolbar popup, opened by the browser at the size it
// gives a popup, at 100% and 200% zoom, with no notes and with 200: the composer and this page's notes are on the
// first screen, and no text is smaller than 13 px (Chrome's own `body { font-size: 75% }` for extension pages does
// not shrink it). Then, as a page: every control reached and used by keyboard alone, axe-core in light and dark
// with the found list open and with search results, and a tab Backstory cannot run on.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { axeViolations, launchWithExtension, readPageHighlights, servePages, tabIdFor, type ExtensionBrowser, type PageServer } from './harness';
import { noteTooltipText } from './note-frame';
import { launchForPopup, type PopupBrowser } from './real-popup';
import { clearNotes, seedNotes } from './notes-state';
import { tabWalk, visibleControls } from './keyboard';

const SHOTS = resolve('test-results');
/** `BACKSTORY_DOCS_SHOTS=docs` also writes the README's screenshots there. */
const DOCS = process.env.BACKSTORY_DOCS_SHOTS ? resolve(process.env.BACKSTORY_DOCS_SHOTS) : null;

const ARTICLE = `<!doctype html><html lang="en"><head><title>Syria death toll passes 60,000, UN says</title></head>
<body>
<header><nav><a href="/">Home</a> · <a href="/world">World</a></nav></header>
<main><article>
<h1>Syria death toll passes 60,000, UN says</h1>
<p>More than 60,000 people have been killed in the Syrian conflict since March 2011, according to the UN.</p>
<p>Navi Pillay, the UN high commissioner for human rights, said the number of casualties was "much higher than we expected, and is truly shocking".</p>
<p>The analysis, which took five months, cross-referenced seven sources, including the Syrian government, to produce a list of 59,648 individuals.</p>
<p>Fighting continued on Wednesday in Aleppo and in the suburbs of Damascus, activists said. President Bashar al-Assad has blamed foreign-backed terrorists.</p>
</article></main>
</body></html>`;

const quote = (exact: string, prefix = '', suffix = '') => ({ quote: { type: 'TextQuoteSelector', exact, prefix, suffix } });
/** The same quote with its place in the article's text, as a note saved on the page has it. */
const at2 = (target: ReturnType<typeof quote>, start: number) => ({ ...target, position: { type: 'TextPositionSelector', start, end: start + target.quote.exact.length } });

/** `n` notes on `url`, newest last, as a reader who writes a lot would have them: quotes, tags, long notes, links. */
function manyNotes(url: string, n: number, title = 'Syria death toll passes 60,000, UN says') {
  const quotes = ['Navi Pillay', 'cross-referenced seven sources', 'Aleppo', 'More than 60,000 people'];
  return Array.from({ length: n }, (_, i) => {
    const t = new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString();
    return {
      id: `seed-${String(i).padStart(4, '0')}`, url, title, created: t, modified: t,
      text: i % 7 === 3 ? `${'A long note that goes on about the sources and their methods. '.repeat(12)}See https://www.ohchr.org/en/news` : i % 5 === 1 ? '' : `Note ${i}: check the casualty figure`,
      tags: i % 3 ? ['figures', 'UN'] : ['Syria'],
      ...(i % 5 === 0 ? {} : { target: quote(quotes[i % 4]!) }),
    };
  });
}

/** Where the popup's key parts are, in CSS px, and the smallest text in it. */
function measure(popup: Page) {
  return popup.evaluate(() => {
    const box = (sel: string) => {
      const r = document.querySelector(sel)?.getBoundingClientRect();
      return r ? { top: r.top, bottom: r.bottom, left: r.left, right: r.right } : null;
    };
    // Every visible element that holds text of its own.
    const texts = [...document.querySelectorAll<HTMLElement>('body *')].filter((el) =>
      el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden' && [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent!.trim()));
    const sizes = texts.map((el) => ({ size: parseFloat(getComputedStyle(el).fontSize), what: `${el.tagName.toLowerCase()}.${el.className}` }));
    const smallest = sizes.reduce((a, b) => (b.size < a.size ? b : a), { size: Infinity, what: '' });
    return {
      width: innerWidth, height: innerHeight, scrollY,
      body: { size: getComputedStyle(document.body).fontSize, family: getComputedStyle(document.body).fontFamily },
      smallest,
      composer: box('#bs-new-note'), save: box('.bs-composer .bs-primary'), heading: box('#bs-notes-title'),
      firstNote: box('.bs-notes .bs-note'), empty: box('.bs-notes .bs-empty'), found: box('.bs-found > summary'),
    };
  });
}

describe.each([1, 2])('the toolbar popup at %sx zoom', (zoom) => {
  let popupBrowser: PopupBrowser;
  let server: PageServer;
  beforeAll(async () => {
    server = await servePages();
    server.set('/world/syria-toll', ARTICLE);
    popupBrowser = await launchForPopup(zoom);
  });
  afterAll(async () => {
    await popupBrowser?.close();
    await server?.close();
  });

  test.each([0, 200])('with %s notes on the page: composer and notes on the first screen, no text under 13 px', async (count) => {
    const { browser } = popupBrowser;
    const url = `${server.origin}/world/syria-toll`;
    await clearNotes(browser);
    if (count > 0) await seedNotes(browser, manyNotes(url, count));
    const page = await browser.context.newPage();
    await page.goto(url);
    await expect.poll(async () => Object.keys(await readPageHighlights(page)).length, { timeout: 15_000 }).toBeGreaterThan(0);
    await page.bringToFront();
    const popup = await popupBrowser.openPopup();
    await expect.poll(() => popup.getByTestId('page-count').textContent(), { timeout: 15_000 }).toBe(` (${count})`);
    await popup.locator('.bs-found > summary [data-total]').waitFor();
    const m = await measure(popup);
    console.log(`[popup] zoom ${zoom * 100}%, ${count} notes: viewport ${m.width}×${m.height} CSS px; composer ${Math.round(m.composer!.top)}–${Math.round(m.composer!.bottom)}, `
      + `save button to ${Math.round(m.save!.bottom)}, notes heading to ${Math.round(m.heading!.bottom)}, first note from ${Math.round((m.firstNote ?? m.empty)!.top)}; `
      + `body ${m.body.size}, smallest text ${m.smallest.size} px (${m.smallest.what})`);
    // The real popup: as wide as its content asks (400 CSS px), as tall as the browser allows.
    expect(m.width).toBeGreaterThanOrEqual(400);
    expect(m.scrollY).toBe(0);
    // Nothing to scroll past before writing: the found line, the composer and its Save button in view.
    for (const part of [m.found, m.composer, m.save, m.heading]) {
      expect(part!.top).toBeGreaterThanOrEqual(0);
      expect(part!.bottom).toBeLessThanOrEqual(m.height);
    }
    if (count === 0) {
      expect(m.empty!.bottom).toBeLessThanOrEqual(m.height);
    } else if (zoom === 1) {
      // The newest note whole, at 100%; at 200% its first lines.
      expect(m.firstNote!.bottom).toBeLessThanOrEqual(m.height);
    } else {
      expect(m.firstNote!.top + 40).toBeLessThanOrEqual(m.height);
    }
    // The project's type, not the browser's: 14 px body text in the project's font stack, nothing under 13 px.
    expect(m.body.size).toBe('14px');
    expect(m.body.family).toMatch(/^system-ui/);
    expect(m.smallest.size).toBeGreaterThanOrEqual(13);
    mkdirSync(SHOTS, { recursive: true });
    await popup.screenshot({ path: join(SHOTS, `popup-zoom${zoom * 100}-${count}-notes.png`) });
    await popup.close();
    await page.close();
  });
});

describe('the popup, by keyboard and with axe', () => {
  let browser: ExtensionBrowser;
  let server: PageServer;
  let url: string;
  beforeAll(async () => {
    server = await servePages();
    server.set('/world/syria-toll', ARTICLE);
    url = `${server.origin}/world/syria-toll`;
    browser = await launchWithExtension({ viewport: { width: 415, height: 510 }, downloadsPath: resolve(SHOTS, 'downloads') });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  /** The article with three notes (one only a quote, one long with a link) and one on another page. */
  async function articleWithNotes(): Promise<{ page: Page; popup: Page }> {
    // A tab left showing the article would be the one "Open at passage" brings forward.
    await Promise.all(browser.context.pages().filter((p) => p.url().startsWith(server.origin)).map((p) => p.close()));
    await clearNotes(browser);
    const at = (i: number) => new Date(Date.UTC(2026, 0, 5, 9) + i * 3_600_000).toISOString();
    await seedNotes(browser, [
      { id: 'n-quote', url, title: 'Syria death toll passes 60,000, UN says', created: at(0), modified: at(0), text: '', tags: ['quotes'], target: at2(quote('Navi Pillay', '', ', the UN high'), 150) },
      { id: 'n-long', url, title: 'Syria death toll passes 60,000, UN says', created: at(1), modified: at(1), tags: ['method'], target: at2(quote('cross-referenced seven sources'), 320),
        text: `${'Which seven sources? The report names the government, the opposition and five monitoring groups. '.repeat(5)}Methodology: https://www.ohchr.org/en/press-releases/2013/01/syria` },
      { id: 'n-page', url, title: 'Syria death toll passes 60,000, UN says', created: at(2), modified: at(2), text: 'Compare with the 2012 estimate', tags: ['figures', 'UN'],
        reference: { id: 'figure:people-killed-60000', kind: 'figure', label: 'more than 60,000 people killed' } },
      { id: 'n-other', url: 'https://news.example/homs', title: 'Homs: the siege goes on', created: at(3), modified: at(3), text: 'Hospital shelled, check the date', tags: ['Homs'] },
    ]);
    const page = await browser.context.newPage();
    await page.goto(url);
    await expect.poll(async () => Object.keys(await readPageHighlights(page)).length, { timeout: 15_000 }).toBeGreaterThan(0);
    const popup = await browser.openExtensionPage(`popup.html?tab=${await tabIdFor(browser, url)}`);
    await popup.setViewportSize({ width: 415, height: 510 });
    await expect.poll(() => popup.getByTestId('page-count').textContent(), { timeout: 15_000 }).toBe(' (3)');
    // The content script has answered (the found line) and the page's notes are anchored ("Show on page").
    await popup.locator('.bs-found > summary [data-total]').waitFor();
    await expect.poll(() => popup.getByRole('button', { name: /^Show on page/ }).count(), { timeout: 15_000 }).toBe(2);
    return { page, popup };
  }

  test('every control is reached by Tab, and writing, editing, deleting, undoing, unfolding, filtering and the found list work by keyboard alone', async () => {
    const { page, popup } = await articleWithNotes();
    // Reach: with the found list, the export and the reference sets opened, Tab alone reaches every control there is.
    await popup.locator('.bs-found > summary').focus();
    await popup.keyboard.press('Enter');
    await popup.locator('.bs-export > summary').focus();
    await popup.keyboard.press('Enter');
    await expect.poll(() => popup.locator('.bs-export[open]').count()).toBe(1);
    await popup.locator('.bs-popup-sets > summary').focus();
    await popup.keyboard.press('Enter');
    await popup.locator('#bs-add-set').waitFor();
    const all = await visibleControls(popup);
    expect(all.length).toBeGreaterThan(25);
    expect(new Set(await tabWalk(popup))).toEqual(new Set(all));

    // The search field is the first stop, then the header's links, the found line and the composer.
    await popup.reload();
    await popup.locator('.bs-found > summary [data-total]').waitFor();
    await popup.keyboard.press('Tab');
    expect(await popup.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Search all notes');

    // Write a note: focus the composer by Tab, type, Tab to tags, Ctrl+Enter.
    const focused = () => popup.evaluate(() => document.activeElement?.id || document.activeElement?.textContent || '');
    for (let i = 0; i < 60 && (await focused()) !== 'bs-new-note'; i++) await popup.keyboard.press('Tab');
    expect(await focused()).toBe('bs-new-note');
    await popup.keyboard.type('Typed without a mouse');
    await popup.keyboard.press('Tab');
    await popup.keyboard.type('keyboard');
    await popup.keyboard.press('Control+Enter');
    await expect.poll(() => popup.locator('.bs-notes .bs-note .bs-note-text').first().textContent()).toBe('Typed without a mouse');
    expect(await popup.locator('.bs-notes .bs-note').first().locator('.bs-tag').allTextContents()).toEqual(['#keyboard']);

    // Edit it: Enter on Edit, type, Ctrl+Enter; the focus comes back to Edit.
    const newest = popup.locator('.bs-notes .bs-note').first();
    await newest.getByRole('button', { name: /^Edit note/ }).focus();
    await popup.keyboard.press('Enter');
    await expect.poll(() => popup.evaluate(() => document.activeElement?.tagName)).toBe('TEXTAREA');
    await popup.keyboard.press('End');
    await popup.keyboard.type(', then edited');
    await popup.keyboard.press('Control+Enter');
    await expect.poll(() => newest.locator('.bs-note-text').textContent()).toBe('Typed without a mouse, then edited');
    await expect.poll(() => popup.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Edit note: Typed without a mouse, then edited');

    // Delete with Enter; the focus is on Undo; Enter undoes.
    await popup.keyboard.press('Tab'); // Delete
    expect(await popup.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Delete note: Typed without a mouse, then edited');
    await popup.keyboard.press('Enter');
    await expect.poll(() => popup.evaluate(() => document.activeElement?.textContent)).toBe('Undo');
    await expect.poll(() => popup.getByTestId('page-count').textContent()).toBe(' (3)');
    await popup.keyboard.press('Enter');
    await expect.poll(() => popup.getByTestId('page-count').textContent()).toBe(' (4)');

    // Unfold the long note.
    const long = popup.locator('[data-note-id="n-long"]');
    const unfold = long.locator('.bs-note-body > .bs-folded .bs-fold');
    await unfold.focus();
    await popup.keyboard.press('Enter');
    await expect.poll(() => unfold.getAttribute('aria-expanded')).toBe('true');
    expect(await long.locator('.bs-note-text').textContent()).toContain('Methodology: https://www.ohchr.org/en/press-releases/2013/01/syria');
    expect(await long.locator('.bs-note-text a').getAttribute('href')).toBe('https://www.ohchr.org/en/press-releases/2013/01/syria');

    // Filter by tag and change the order with the arrow keys.
    await popup.getByLabel('Show notes tagged').focus();
    await popup.keyboard.press('ArrowDown'); // #figures
    await expect.poll(() => popup.locator('.bs-notes .bs-note').count()).toBe(1);
    await popup.keyboard.press('ArrowUp'); // All tags
    await expect.poll(() => popup.locator('.bs-notes .bs-note').count()).toBe(4);
    await popup.getByLabel('Order').focus();
    await popup.keyboard.press('ArrowDown'); // Reading order
    await expect.poll(() => popup.locator('.bs-notes .bs-note').first().getAttribute('data-note-id')).toBe('n-quote');

    // The found list: Enter opens it; a name reveals it on the page; a category turns off and on with Space.
    await popup.locator('.bs-found > summary').focus();
    await popup.keyboard.press('Enter');
    await expect.poll(() => popup.locator('.bs-found[open]').count()).toBe(1);
    const item = popup.locator('.bs-found-items button').first();
    await item.focus();
    await popup.keyboard.press('Enter');
    const place = popup.locator('input[data-control="category"][data-category="place"]');
    await place.focus();
    await popup.keyboard.press('Space');
    await expect.poll(async () => (await readPageHighlights(page))['backstory-place'] ?? []).toEqual([]);
    await popup.keyboard.press('Space');
    await expect.poll(async () => (await readPageHighlights(page))['backstory-place'] ?? [], { timeout: 5000 }).toContain('Aleppo');

    // Export this page's notes from the keyboard.
    await popup.locator('.bs-export > summary').focus();
    await popup.keyboard.press('Enter');
    await popup.locator('.bs-export').getByRole('button', { name: 'This page' }).focus();
    const [download] = await Promise.all([popup.waitForEvent('download'), popup.keyboard.press('Enter')]);
    expect(download.suggestedFilename()).toMatch(/^backstory-notes-\d{4}-\d{2}-\d{2}\.\w+$/);
    await popup.close();
    await page.close();
  });

  test('search by keyboard: type, Tab to a result, open it at its passage; Esc brings the page\'s notes back', async () => {
    const { page, popup } = await articleWithNotes();
    // The search field is the first control: one Tab from a freshly opened popup.
    await popup.keyboard.press('Tab');
    await popup.keyboard.type('pillay');
    const results = popup.locator('.bs-results .bs-note');
    await expect.poll(() => results.count()).toBe(1);
    expect(await results.locator('mark').allTextContents()).toEqual(['Pillay']);
    // Tab goes from the search field into the results (the page's notes are hidden while searching).
    const names: string[] = [];
    for (let i = 0; i < 8; i++) {
      await popup.keyboard.press('Tab');
      names.push((await popup.evaluate(() => document.activeElement?.getAttribute('aria-label') || document.activeElement?.textContent)) ?? '');
      if (names.at(-1)!.startsWith('Open at passage')) break;
    }
    expect(names.at(-1)).toBe('Open at passage: “Navi Pillay”');
    await page.close(); // the passage opens in a new tab
    const [opened] = await Promise.all([browser.context.waitForEvent('page'), popup.keyboard.press('Enter')]);
    await opened.waitForLoadState();
    expect(opened.url()).toMatch(/\/world\/syria-toll#:~:text=Navi%20Pillay,-%2C%20the%20UN/);
    // Backstory shows the note there once the page has anchored it.
    await expect.poll(async () => (await readPageHighlights(opened))['backstory-note'] ?? [], { timeout: 15_000 }).toContain('Navi Pillay');
    await expect.poll(() => noteTooltipText(opened), { timeout: 15_000 }).toContain('#quotes');
    await popup.locator('input[type=search]').focus();
    await popup.keyboard.press('Escape');
    await expect.poll(() => popup.locator('input[type=search]').inputValue()).toBe('');
    await expect.poll(() => popup.locator('.bs-notes').isVisible()).toBe(true);
    await opened.close();
    await popup.close();
  });

  test('axe finds nothing in light and dark: notes, the found list open, a long note unfolded, search results', async () => {
    const { page, popup } = await articleWithNotes();
    mkdirSync(SHOTS, { recursive: true });
    for (const colorScheme of ['light', 'dark'] as const) {
      await popup.emulateMedia({ colorScheme });
      await expect.poll(() => popup.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches)).toBe(colorScheme === 'dark');
      expect(await axeViolations(popup)).toEqual([]);
      await popup.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
      await popup.screenshot({ path: join(SHOTS, `popup-${colorScheme}.png`) });
      if (DOCS) await popup.screenshot({ path: join(DOCS, `popup-${colorScheme}.png`) });
      await popup.locator('.bs-found > summary').click();
      await popup.getByRole('button', { name: 'Show the whole note' }).click();
      expect(await axeViolations(popup)).toEqual([]);
      await popup.locator('.bs-found > summary').click();
      await popup.getByRole('button', { name: 'Show less' }).click();
      await popup.getByRole('searchbox', { name: 'Search all notes' }).fill('UN');
      await expect.poll(() => popup.locator('.bs-results .bs-note').count()).toBeGreaterThan(0);
      expect(await axeViolations(popup)).toEqual([]);
      await popup.screenshot({ path: join(SHOTS, `popup-search-${colorScheme}.png`) });
      await popup.getByRole('searchbox', { name: 'Search all notes' }).fill('');
    }
    await popup.close();
    await page.close();
  });

  test("a reader's set that could not be loaded: the popup names it under the highlights found, axe finds nothing, and the line goes once the page's reference is whole", async () => {
    await Promise.all(browser.context.pages().filter((p) => p.url().startsWith(server.origin)).map((p) => p.close()));
    await clearNotes(browser);
    // The sets' index names a built set the repository does not hold (its build gone): the page asks for it and the
    // background's answer lacks it, as when its load fails.
    const [worker] = browser.context.serviceWorkers();
    const setIndex = (sets: object[]) =>
      worker!.evaluate((value) => (globalThis as unknown as { chrome: { storage: { local: { set(o: object): Promise<void> } } } }).chrome.storage.local.set({ 'backstory:sets': { sets: value } }), sets);
    await setIndex([{ id: 'set-gonegone01', name: 'Flood reports', description: '', documents: 2, entities: 3, figures: 1, revision: 1, built: true }]);
    try {
      const page = await browser.context.newPage();
      await page.goto(url);
      await expect.poll(async () => Object.keys(await readPageHighlights(page)).length, { timeout: 15_000 }).toBeGreaterThan(0);
      const popup = await browser.openExtensionPage(`popup.html?tab=${await tabIdFor(browser, url)}`);
      await popup.setViewportSize({ width: 415, height: 510 });
      // The bundled set's highlights are counted, and what is missing from them is said, by name.
      await popup.locator('.bs-found > summary [data-total]').waitFor();
      const missing = popup.getByTestId('reference-missing');
      await expect.poll(() => missing.textContent(), { timeout: 15_000 })
        .toBe('Your reference set “Flood reports” could not be loaded: highlights from it are missing here. It will be tried again.');
      expect(await missing.getAttribute('role')).toBe('status');
      mkdirSync(SHOTS, { recursive: true });
      for (const colorScheme of ['light', 'dark'] as const) {
        await popup.emulateMedia({ colorScheme });
        await expect.poll(() => popup.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches)).toBe(colorScheme === 'dark');
        expect(await axeViolations(popup)).toEqual([]);
        await popup.screenshot({ path: join(SHOTS, `popup-set-missing-${colorScheme}.png`) });
      }
      // The set gone from the index (deleted): the page's reference is whole again, and the popup hears it.
      await setIndex([]);
      await expect.poll(() => missing.count(), { timeout: 15_000 }).toBe(0);
      expect(await popup.locator('.bs-found > summary').textContent()).not.toContain('could not be loaded');
      await popup.close();
      await page.close();
    } finally {
      await setIndex([]); // never left for a later test to find missing
      await clearNotes(browser);
    }
  });

  test('a tab Backstory cannot run on: the popup says why, offers no composer, and files nothing under about:blank', async () => {
    // A blank tab, opened by the extension so its id is known (the tabs API hides a blank tab's address).
    const [worker] = browser.context.serviceWorkers();
    const tabId = await worker!.evaluate(async () =>
      (await (globalThis as unknown as { chrome: { tabs: { create(o: object): Promise<{ id: number }> } } }).chrome.tabs.create({ url: 'about:blank', active: false })).id);
    const popup = await browser.openExtensionPage(`popup.html?tab=${tabId}`);
    await expect.poll(() => popup.getByTestId('unreachable').textContent()).toMatch(/no page open/);
    expect(await popup.locator('#bs-new-note').count()).toBe(0);
    expect(await popup.locator('.bs-notes').count()).toBe(0);
    expect(await popup.locator('.bs-export button', { hasText: 'This page' }).isDisabled()).toBe(true);
    // Search and all notes stay at hand; axe is content here too.
    expect(await popup.getByRole('searchbox', { name: 'Search all notes' }).count()).toBe(1);
    expect(await axeViolations(popup)).toEqual([]);
    await popup.close();
    await worker!.evaluate((id) => (globalThis as unknown as { chrome: { tabs: { remove(id: number): Promise<void> } } }).chrome.tabs.remove(id), tabId);
  });
});
