// The notes library (Backstory's options page, "Backstory — notes & settings") in Chromium with the built
// extension: every note across sites sorted and filtered; edit, delete and undo; many selected and deleted, tagged
// and undone together; a note opened at its passage (a new tab at a text fragment, or the tab already showing the
// page) and shown there; settings applied to an open tab; every control reached and used by keyboard alone; axe
// in light and dark.
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { axeViolations, launchWithExtension, readPageHighlights, servePages, type ExtensionBrowser, type PageServer } from './harness';
import { noteTooltipText } from './note-frame';
import { clearNotes, seedNotes } from './notes-state';
import { summaryOf, tabShowing } from '../../scripts/page-summary';
import { tabWalk, visibleControls } from './keyboard';

const SHOTS = resolve('test-results');
/** `BACKSTORY_DOCS_SHOTS=docs` also writes the README's screenshots there. */
const DOCS = process.env.BACKSTORY_DOCS_SHOTS ? resolve(process.env.BACKSTORY_DOCS_SHOTS) : null;

const page = (title: string, paragraphs: string[]) => `<!doctype html><html lang="en"><head><title>${title}</title></head>
<body><header><nav><a href="/">Home</a></nav></header><main><article><h1>${title}</h1>
${paragraphs.map((p) => `<p>${p}</p>`).join('\n')}
</article></main></body></html>`;

const TOLL = page('Syria death toll passes 60,000, UN says', [
  'More than 60,000 people have been killed in the Syrian conflict since March 2011, according to the UN.',
  'Navi Pillay, the UN high commissioner for human rights, said the number of casualties was "much higher than we expected, and is truly shocking".',
  'The analysis, which took five months, cross-referenced seven sources, including the Syrian government, to produce a list of 59,648 individuals.',
  ...Array.from({ length: 12 }, (_, i) => `Paragraph ${i + 1} of background on the war, its sides and its toll, so the page is long enough to scroll.`),
  'Fighting continued on Wednesday in Aleppo and in the suburbs of Damascus, activists said.',
]);
const HOMS = page('Homs: the siege goes on', ['In Homs, the old city has been under siege for months, residents said.', 'The hospital was shelled on Tuesday.']);
// About football, not the reference's subject, though it names places the reference knows.
const SPORT = page('Turkey hold Iceland to reach the finals', [
  'Turkey drew 0-0 with Iceland in Istanbul on Thursday to book their place in next summer\'s tournament, a result that also sent France through as group winners.',
  'The home side defended deep for most of the second half, and the crowd in Istanbul celebrated long after the final whistle.',
  'France, who beat Moldova in Paris, will be seeded for the draw in December.',
]);

let browser: ExtensionBrowser;
let server: PageServer;
let tollUrl: string;
let homsUrl: string;
let sportUrl: string;

beforeAll(async () => {
  server = await servePages();
  server.set('/world/syria-toll', TOLL);
  server.set('/world/homs', HOMS);
  tollUrl = `${server.origin}/world/syria-toll`;
  homsUrl = `${server.origin}/world/homs`;
  server.set('/sport/turkey-iceland', SPORT);
  sportUrl = `${server.origin}/sport/turkey-iceland`;
  browser = await launchWithExtension({ viewport: { width: 1100, height: 900 } });
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const quote = (exact: string, prefix: string, suffix: string, start: number) => ({
  quote: { type: 'TextQuoteSelector', exact, prefix, suffix }, position: { type: 'TextPositionSelector', start, end: start + exact.length },
});
const at = (day: number) => new Date(2026, 0, day, 9).toISOString();

/** Five notes on three pages of two sites, written on five days. */
function seeded() {
  const toll = 'Syria death toll passes 60,000, UN says';
  return [
    { id: 'toll-pillay', url: tollUrl, title: toll, created: at(2), modified: at(2), text: 'Her exact words', tags: ['quotes'], target: quote('Navi Pillay', 'according to the UN. ', ', the UN high', 150) },
    { id: 'toll-aleppo', url: tollUrl, title: toll, created: at(5), modified: at(5), text: 'Which districts?', tags: ['places'], target: quote('in Aleppo and', 'on Wednesday ', ' in the suburbs', 1400),
      reference: { id: 'place:aleppo', kind: 'entity', label: 'Aleppo' } },
    { id: 'toll-page', url: tollUrl, title: toll, created: at(1), modified: at(1), text: 'Compare with the 2012 estimate', tags: ['figures', 'UN'] },
    { id: 'homs-hospital', url: homsUrl, title: 'Homs: the siege goes on', created: at(4), modified: at(4), text: 'Hôpital bombardé, check the date', tags: ['Homs'], target: quote('The hospital was shelled', '', ' on Tuesday', 80) },
    { id: 'other-refugees', url: 'https://news.example/refugees', title: 'Refugees, in numbers', created: at(3), modified: at(3), text: 'UNHCR figures for Jordan', tags: ['refugees'] },
  ];
}

async function openLibrary(): Promise<Page> {
  const library = await browser.openExtensionPage('options.html');
  await expect.poll(() => library.getByTestId('summary').textContent()).toBe('5 notes on 3 pages across 2 sites.');
  return library;
}

const listed = (library: Page) => library.locator('.bs-library-list .bs-note').evaluateAll((els) => els.map((e) => e.getAttribute('data-note-id')));

beforeEach(async () => {
  await Promise.all(browser.context.pages().filter((p) => p.url().startsWith(server.origin) || p.url().includes('options.html')).map((p) => p.close()));
  await clearNotes(browser);
  await seedNotes(browser, seeded());
  // The order is the reader's choice, remembered per profile: each test starts from the default.
  const reset = await browser.openExtensionPage('options.html');
  await reset.evaluate(() => localStorage.clear());
  await reset.close();
});

describe('the notes library', () => {
  test('sorts, filters, edits, deletes with undo, and acts on many notes at once', async () => {
    const library = await openLibrary();
    await expect.poll(() => listed(library)).toEqual(['toll-aleppo', 'homs-hospital', 'other-refugees', 'toll-pillay', 'toll-page']);
    await library.selectOption('#bs-order', { label: 'Oldest first' });
    await expect.poll(() => listed(library)).toEqual(['toll-page', 'toll-pillay', 'other-refugees', 'homs-hospital', 'toll-aleppo']);
    await library.selectOption('#bs-order', { label: 'By site' });
    // 127.0.0.1 before news.example; pages by title; each page in reading order (notes on the whole page last).
    await expect.poll(() => listed(library)).toEqual(['homs-hospital', 'toll-pillay', 'toll-aleppo', 'toll-page', 'other-refugees']);
    await library.selectOption('#bs-order', { label: 'Reading order' });
    await expect.poll(() => listed(library)).toEqual(['toll-pillay', 'toll-aleppo', 'toll-page', 'homs-hospital', 'other-refugees']);
    expect(await library.locator('.bs-page-title').allTextContents()).toEqual(['Syria death toll passes 60,000, UN says · 127.0.0.1', 'Homs: the siege goes on · 127.0.0.1', 'Refugees, in numbers · news.example']);
    await library.selectOption('#bs-order', { label: 'Newest first' });

    // Filters: linked reference item, days, words (marked).
    await library.selectOption('#bs-filter-reference', { label: 'Aleppo (1)' });
    await expect.poll(() => listed(library)).toEqual(['toll-aleppo']);
    await library.getByRole('button', { name: 'Clear filters' }).click();
    await library.fill('#bs-filter-from', '2026-01-02');
    await library.fill('#bs-filter-to', '2026-01-04');
    await expect.poll(() => listed(library)).toEqual(['homs-hospital', 'other-refugees', 'toll-pillay']);
    await library.getByRole('button', { name: 'Clear filters' }).click();
    await library.fill('#bs-filter-text', 'hopital');
    await expect.poll(() => listed(library)).toEqual(['homs-hospital']);
    expect(await library.locator('.bs-library-list mark').allTextContents()).toEqual(['Hôpital']);
    await library.fill('#bs-filter-text', '');

    // Edit in place; the change is stored (a reload reads it back).
    const pillay = library.locator('[data-note-id="toll-pillay"]');
    await pillay.getByRole('button', { name: /^Edit note/ }).click();
    await pillay.getByRole('textbox', { name: 'Note' }).fill('Her exact words: "truly shocking"');
    await pillay.getByRole('textbox', { name: 'Note' }).press('Control+Enter');
    await expect.poll(() => pillay.locator('.bs-note-text').textContent()).toBe('Her exact words: "truly shocking"');
    await library.reload();
    await expect.poll(() => library.locator('[data-note-id="toll-pillay"] .bs-note-text').textContent()).toBe('Her exact words: "truly shocking"');

    // Delete one, undo.
    await library.locator('[data-note-id="other-refugees"]').getByRole('button', { name: /^Delete note/ }).click();
    await expect.poll(() => library.getByTestId('summary').textContent()).toBe('4 notes on 2 pages across 1 site.');
    await library.locator('.bs-undo').getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => library.getByTestId('summary').textContent()).toBe('5 notes on 3 pages across 2 sites.');

    // Select three (a click, then Shift+click), delete them together, undo.
    await library.locator('[data-note-id="toll-aleppo"] input.bs-select').click();
    await library.locator('[data-note-id="other-refugees"] input.bs-select').click({ modifiers: ['Shift'] });
    await expect.poll(() => library.getByTestId('selected-count').textContent()).toBe('3 notes selected');
    await library.getByRole('button', { name: 'Delete selected' }).click();
    await expect.poll(() => listed(library)).toEqual(['toll-pillay', 'toll-page']);
    await library.locator('.bs-undo').getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => listed(library)).toEqual(['toll-aleppo', 'homs-hospital', 'other-refugees', 'toll-pillay', 'toll-page']);

    // Tag every note of one site at once.
    await library.selectOption('#bs-filter-site', 'news.example');
    await library.getByRole('checkbox', { name: 'Select all 1 note shown' }).check();
    await library.fill('#bs-bulk-tag', 'to-check');
    await library.getByRole('button', { name: 'Add tag' }).click();
    await expect.poll(() => library.getByTestId('bulk-status').textContent()).toBe('Tagged 1 note #to-check.');
    await expect.poll(() => library.locator('[data-note-id="other-refugees"] .bs-tag').allTextContents()).toEqual(['#refugees', '#to-check']);
    await library.close();
  });

  test('opens a note at its passage: a new tab at the quote, or the tab already showing the page; Backstory shows the note there', async () => {
    const library = await openLibrary();
    const note = library.locator('[data-note-id="toll-aleppo"]');
    const [opened] = await Promise.all([
      browser.context.waitForEvent('page'),
      note.getByRole('link', { name: /^Open at passage/ }).click(),
    ]);
    await opened.waitForLoadState();
    // A text fragment: the browser scrolls to the quote and marks it, even without Backstory.
    expect(opened.url()).toBe(`${tollUrl}#:~:text=on%20Wednesday-,in%20Aleppo%20and,-in%20the%20suburbs`);
    await expect.poll(async () => (await readPageHighlights(opened))['backstory-note'] ?? [], { timeout: 15_000 }).toContain('in Aleppo and');
    // And Backstory shows the note itself there, its highlight in view.
    await expect.poll(() => noteTooltipText(opened), { timeout: 15_000 }).toContain('Which districts?');
    const inView = () => opened.evaluate(() => {
      const h = (CSS as unknown as { highlights: Map<string, Set<Range>> }).highlights.get('backstory-note')!;
      const range = [...h].find((r) => r.toString() === 'in Aleppo and')!;
      const r = range.getBoundingClientRect();
      return r.top >= 0 && r.bottom <= innerHeight;
    });
    await expect.poll(inView, { timeout: 10_000 }).toBe(true);
    expect(await library.getByTestId('open-status').textContent()).toBe('');

    // The page is open now: "Open at passage" on another of its notes brings that tab forward, opens no other.
    await opened.evaluate(() => scrollTo(0, 0));
    let another = false;
    const onPage = () => { another = true; };
    browser.context.on('page', onPage);
    await library.bringToFront();
    await library.locator('[data-note-id="toll-pillay"]').getByRole('link', { name: /^Open at passage/ }).click();
    await expect.poll(() => opened.evaluate(() => document.visibilityState), { timeout: 10_000 }).toBe('visible');
    await expect.poll(() => noteTooltipText(opened), { timeout: 15_000 }).toContain('Her exact words');
    browser.context.off('page', onPage);
    expect(another).toBe(false);
    await opened.close();
    await library.close();
  });

  test('settings: a site turned off here stops Backstory on its open tab; turned back on, it paints again; every page, or only the subject\'s', async () => {
    const article = await browser.context.newPage();
    await article.goto(tollUrl);
    await expect.poll(async () => (await readPageHighlights(article))['backstory-place'] ?? [], { timeout: 15_000 }).toContain('Aleppo');
    const library = await openLibrary();
    await library.fill('#bs-site-off', '127.0.0.1');
    await library.getByRole('button', { name: 'Turn off', exact: true }).click();
    await expect.poll(() => library.locator('.bs-site-list li span').allTextContents()).toEqual(['127.0.0.1']);
    await expect.poll(async () => (await readPageHighlights(article))['backstory-place'] ?? [], { timeout: 5000 }).toEqual([]);
    await library.getByRole('button', { name: 'Turn Backstory back on for 127.0.0.1' }).click();
    await expect.poll(async () => (await readPageHighlights(article))['backstory-place'] ?? [], { timeout: 10_000 }).toContain('Aleppo');
    // Categories shown, the same switch as the popup's.
    await library.locator('#settings input[data-category="place"]').uncheck();
    await expect.poll(async () => (await readPageHighlights(article))['backstory-place'] ?? [], { timeout: 5000 }).toEqual([]);
    await library.locator('#settings input[data-category="place"]').check();
    await expect.poll(async () => (await readPageHighlights(article))['backstory-place'] ?? [], { timeout: 10_000 }).toContain('Aleppo');

    // Pages highlighted: an open article about another subject, read and left unpainted, is painted once every page
    // is asked for here, and cleared again when it no longer is.
    const sport = await browser.context.newPage();
    await sport.goto(sportUrl);
    let tabId = -1;
    await expect.poll(async () => {
      if (tabId < 0) tabId = await tabShowing(browser, sportUrl);
      const now = tabId < 0 ? null : await summaryOf(browser, tabId);
      return now?.status === 'settled' && now.onSubject === false;
    }, { timeout: 20_000, interval: 100 }).toBe(true);
    const places = async () => (await readPageHighlights(sport))['backstory-place'] ?? [];
    expect(await places()).toEqual([]);
    const everyPage = library.locator('#settings input[data-control="every-page"]');
    expect(await everyPage.isChecked()).toBe(false);
    await everyPage.check();
    await expect.poll(places, { timeout: 10_000 }).toEqual(expect.arrayContaining(['Turkey', 'Istanbul', 'France']));
    await everyPage.uncheck();
    await expect.poll(places, { timeout: 10_000 }).toEqual([]);
    await library.close();
    await sport.close();
    await article.close();
  });

  test('every control is reached by Tab, and searching, sorting, selecting, deleting, undoing and editing work by keyboard alone', async () => {
    const library = await openLibrary();
    await library.locator('.bs-deleted').count(); // nothing deleted yet: no trash list
    const all = await visibleControls(library);
    expect(all.length).toBeGreaterThan(40);
    const seen = await tabWalk(library);
    expect(new Set(seen)).toEqual(new Set(all));

    const focus = (selector: string) => library.locator(selector).focus();
    const active = () => library.evaluate(() => document.activeElement?.getAttribute('aria-label') || document.activeElement?.textContent || document.activeElement?.id || '');
    // Search by typing; order by the arrow keys.
    await focus('#bs-filter-text');
    await library.keyboard.type('figures');
    await expect.poll(() => listed(library)).toEqual(['other-refugees', 'toll-page']);
    await library.keyboard.press('Tab'); // Order
    expect(await library.evaluate(() => document.activeElement?.id)).toBe('bs-order');
    await library.keyboard.press('ArrowDown'); // Oldest first
    await expect.poll(() => listed(library)).toEqual(['toll-page', 'other-refugees']);
    // Select both with Space, delete them with Enter, undo with Enter (the focus is on Undo).
    await focus('[data-note-id="toll-page"] input.bs-select');
    await library.keyboard.press('Space');
    await focus('[data-note-id="other-refugees"] input.bs-select');
    await library.keyboard.press('Space');
    await expect.poll(() => library.getByTestId('selected-count').textContent()).toBe('2 notes selected');
    await library.getByRole('button', { name: 'Delete selected' }).focus();
    await library.keyboard.press('Enter');
    await expect.poll(() => listed(library)).toEqual([]);
    await expect.poll(active).toBe('Undo');
    await library.keyboard.press('Enter');
    await expect.poll(() => listed(library)).toEqual(['toll-page', 'other-refugees']);
    // Edit with Enter, Ctrl+Enter to save; Esc would leave it.
    await library.locator('[data-note-id="other-refugees"]').getByRole('button', { name: /^Edit note/ }).focus();
    await library.keyboard.press('Enter');
    await expect.poll(() => library.evaluate(() => document.activeElement?.tagName)).toBe('TEXTAREA');
    await library.keyboard.press('End');
    await library.keyboard.type(' (2013)');
    await library.keyboard.press('Control+Enter');
    await expect.poll(() => library.locator('[data-note-id="other-refugees"] .bs-note-text').textContent()).toBe('UNHCR figures for Jordan (2013)');
    await expect.poll(active).toBe('Edit note: UNHCR figures for Jordan (2013)');
    await library.close();
  });

  test('axe finds nothing in light and dark, with notes selected, a note being edited and the trash listed', async () => {
    const library = await openLibrary();
    await library.locator('[data-note-id="other-refugees"]').getByRole('button', { name: /^Delete note/ }).click();
    await expect.poll(() => library.locator('.bs-deleted').count()).toBe(1);
    // Opened again: the deleted note waits in the trash, and the undo bar of the moment is gone.
    await library.reload();
    await expect.poll(() => library.locator('.bs-deleted').count()).toBe(1);
    await library.locator('[data-note-id="toll-aleppo"] input.bs-select').check();
    mkdirSync(SHOTS, { recursive: true });
    for (const colorScheme of ['light', 'dark'] as const) {
      await library.emulateMedia({ colorScheme });
      await expect.poll(() => library.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches)).toBe(colorScheme === 'dark');
      await library.evaluate(() => scrollTo(0, 0));
      expect(await axeViolations(library)).toEqual([]);
      await library.screenshot({ path: join(SHOTS, `library-${colorScheme}.png`) });
      if (DOCS) await library.screenshot({ path: join(DOCS, `library-${colorScheme}.png`) });
      await library.locator('.bs-deleted summary').click();
      await library.locator('[data-note-id="homs-hospital"]').getByRole('button', { name: /^Edit note/ }).click();
      await library.fill('#bs-filter-text', 'check');
      expect(await axeViolations(library)).toEqual([]);
      await library.getByRole('button', { name: 'Cancel' }).click();
      await library.fill('#bs-filter-text', '');
      await library.locator('.bs-deleted summary').click();
      await library.locator('#settings').scrollIntoViewIfNeeded();
      expect(await axeViolations(library)).toEqual([]);
      await library.screenshot({ path: join(SHOTS, `library-settings-${colorScheme}.png`), fullPage: true });
    }
    await library.close();
  });
});

test('a reference set\'s address (#sets?set=…) opened again brings the reference sets into view, below the notes', async () => {
  const library = await browser.openExtensionPage('options.html#sets?set=no-such-set');
  await expect.poll(() => library.getByTestId('summary').textContent()).toBe('5 notes on 3 pages across 2 sites.');
  await expect.poll(() => library.evaluate(() => {
    const r = document.getElementById('sets')!.getBoundingClientRect();
    // Last on the page: scrolled to, it may sit low in the viewport (the page ends below it).
    return Math.round(r.top) >= 0 && r.top < innerHeight - 100;
  })).toBe(true);
  await library.close();
});

test('"More settings" in the popup opens the library at its settings, in view', async () => {
  const library = await browser.openExtensionPage('options.html#settings');
  await expect.poll(() => library.getByTestId('summary').textContent()).toBe('5 notes on 3 pages across 2 sites.');
  await expect.poll(() => library.evaluate(() => {
    const r = document.getElementById('settings')!.getBoundingClientRect();
    // Layout in fractions of a pixel: scrolled to, the section's top can sit a hair above the viewport's.
    return Math.round(r.top) >= 0 && r.top < innerHeight / 2;
  })).toBe(true);
  await library.close();
});
