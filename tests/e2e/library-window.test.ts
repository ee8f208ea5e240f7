// The notes library with a few thousand notes, in Chromium with the built extension: only the notes in and near the
// viewport are drawn, and nothing a reader relies on is lost with the rest — the page is as tall as the whole list
// and the last note is found at its end; the keyboard walks from note to note while the window moves, the focus
// never lost; screen readers hear each note's place in the whole list and the count of what a search found; a note
// far down is edited, deleted and restored; scrolling never jumps; axe finds nothing; screenshots to look at.
import { afterAll, beforeAll, beforeEach, expect, test } from 'vitest';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { axeViolations, launchWithExtension, type ExtensionBrowser } from './harness';
import { clearNotes, seedNotes } from './notes-state';
import { filterAnnotations } from '../../lib/export/filter';
import type { Annotation } from '../../lib/notes/types';

const SHOTS = resolve('test-results');
const COUNT = 3000;
const PAGES = 100;
const id = (i: number) => `n${String(i).padStart(4, '0')}`;

/**
 * COUNT notes on PAGES pages, one a minute: some with a quote, some long (rows of different heights). `longFrom` and
 * `longTo`: a run of much longer notes (an imported batch with long quotes), so that rows differ from the mean.
 */
function library(longFrom = -1, longTo = -1): Annotation[] {
  return Array.from({ length: COUNT }, (_, i) => {
    const created = new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString();
    const page = i % PAGES;
    const long =
      i >= longFrom && i <= longTo
        ? ` ${'A much longer note, one of a run of them imported together. '.repeat(30)}`
        : i % 7 === 0
          ? ` ${'A longer note that runs over several lines of the library, as readers write them. '.repeat(4)}`
          : '';
    return {
      id: id(i),
      url: `https://news.example/story-${page}`,
      title: `Story ${page} from the front`,
      created,
      modified: created,
      text: `Note number ${i} on story ${page}.${long}`,
      tags: i % 5 === 0 ? ['checked'] : [],
      ...(i % 3 === 0
        ? { target: { quote: { type: 'TextQuoteSelector' as const, exact: `the quoted passage of note ${i}`, prefix: 'before ', suffix: ' after' }, position: { type: 'TextPositionSelector' as const, start: 10, end: 40 } } }
        : {}),
    } as Annotation;
  });
}

let browser: ExtensionBrowser;
const notes = library();

beforeAll(async () => {
  browser = await launchWithExtension({ viewport: { width: 1100, height: 800 } });
});
afterAll(async () => {
  await browser?.close();
});
beforeEach(async () => {
  await Promise.all(browser.context.pages().filter((p) => p.url().includes('options.html')).map((p) => p.close()));
  await clearNotes(browser);
  await seedNotes(browser, notes);
});

async function openLibrary(): Promise<Page> {
  const page = await browser.openExtensionPage('options.html');
  await expect.poll(() => page.getByTestId('summary').textContent(), { timeout: 30_000 }).toBe(`3,000 notes on ${PAGES} pages across 1 site.`);
  return page;
}

/** The notes drawn, in order, as [id, place in the whole list]. */
const drawn = (page: Page) =>
  page.locator('.bs-library-list li.bs-note').evaluateAll((els) => els.map((e) => [e.getAttribute('data-note-id'), Number(e.getAttribute('aria-posinset'))] as const));
const drawnIds = async (page: Page) => (await drawn(page)).map(([i]) => i);

/** The note at the top of the viewport (its place in the whole list, 1-based), and how far below the top it starts. */
const topNote = (page: Page) =>
  page.evaluate(() => {
    const li = [...document.querySelectorAll<HTMLElement>('.bs-library-list li.bs-note')].find((e) => e.getBoundingClientRect().bottom > 60);
    return li ? { at: Number(li.getAttribute('aria-posinset')), top: li.getBoundingClientRect().top } : null;
  });
/** Lets the page run `n` animation frames (the list's scroll and resize handler runs in one). */
const frames = (page: Page, n: number) =>
  page.evaluate(async (k) => {
    for (let i = 0; i < k; i++) await new Promise((done) => requestAnimationFrame(done));
  }, n);

/** Scrolls until the note at `index` (0-based, in the list's order) is drawn and in view; heights are estimated until measured, so it homes in. */
async function scrollToNote(page: Page, index: number): Promise<void> {
  await expect.poll(() => page.evaluate((target) => {
    const items = [...document.querySelectorAll<HTMLElement>('.bs-library-list li.bs-note')];
    const found = items.find((li) => Number(li.getAttribute('aria-posinset')) === target + 1);
    if (found) {
      found.scrollIntoView({ block: 'center' });
      const r = found.getBoundingClientRect();
      return r.top >= 0 && r.bottom <= innerHeight;
    }
    const list = document.querySelector<HTMLElement>('.bs-library-list')!;
    const mean = list.getBoundingClientRect().height / Number(items[0]?.getAttribute('aria-setsize') ?? 1);
    const visible = items.find((li) => li.getBoundingClientRect().bottom > 0);
    const at = visible ? Number(visible.getAttribute('aria-posinset')) - 1 : 0;
    scrollBy(0, visible ? (target - at) * mean : list.getBoundingClientRect().top + target * mean);
    return false;
  }, index), { timeout: 20_000, interval: 100 }).toBe(true);
}

test('a screenful drawn of 3,000 notes, the page as tall as all of them; scrolled to the end, the last note is there', async () => {
  const page = await openLibrary();
  const first = await drawn(page);
  expect(first[0]).toEqual([id(COUNT - 1), 1]);
  expect(first.length).toBeGreaterThan(5);
  expect(first.length).toBeLessThan(60);
  expect(await page.locator('.bs-library-list li.bs-note').first().getAttribute('aria-setsize')).toBe(String(COUNT));
  // Every note counted in the page's height (a note is 60 px at the least here).
  expect(await page.evaluate(() => document.querySelector('.bs-library-list')!.getBoundingClientRect().height)).toBeGreaterThan(COUNT * 60);
  await scrollToNote(page, COUNT - 1);
  const last = await drawn(page);
  expect(last.at(-1)).toEqual([id(0), COUNT]);
  expect(last.map(([i]) => i)).not.toContain(id(COUNT - 1));
  // The notes drawn are consecutive, and nothing is left below the last one.
  expect(last.map(([, at]) => at)).toEqual(last.map((_, k) => last[0]![1] + k));
  expect(await page.evaluate(() => {
    const list = document.querySelector<HTMLElement>('.bs-library-list')!;
    return Math.abs(list.querySelector('li.bs-note:last-child')!.getBoundingClientRect().bottom - list.getBoundingClientRect().bottom);
  })).toBeLessThan(1);
  await page.close();
});

test('Tab walks from the first note to later ones while the window moves, never skipping a note or losing the focus; the focused note stays drawn when the page scrolls away', async () => {
  const page = await openLibrary();
  await page.locator(`[data-note-id="${id(COUNT - 1)}"] input.bs-select`).focus();
  const where = () => page.evaluate(() => {
    const li = document.activeElement?.closest('li.bs-note');
    return li ? Number(li.getAttribute('aria-posinset')) : document.activeElement?.tagName ?? 'none';
  });
  let at = 1;
  const TARGET = 35;
  for (let presses = 0; at < TARGET; presses++) {
    expect(presses).toBeLessThan(TARGET * 12);
    await page.keyboard.press('Tab');
    const now = await where();
    // Always on a note, the same one or the next: never the page's body, never a note skipped.
    expect(typeof now).toBe('number');
    expect([at, at + 1]).toContain(now);
    at = now as number;
  }
  // The window moved with the focus: the first notes are no longer drawn.
  expect(await drawnIds(page)).not.toContain(id(COUNT - 1));
  // Shift+Tab goes back the same way.
  for (let presses = 0; at > TARGET - 3; presses++) {
    expect(presses).toBeLessThan(40);
    await page.keyboard.press('Shift+Tab');
    const now = await where();
    expect([at, at - 1]).toContain(now);
    at = now as number;
  }
  // The page scrolled far away (the mouse wheel, the scroll bar): the focused note stays drawn, and focused.
  const focused = await page.evaluate(() => document.activeElement?.closest('li.bs-note')?.getAttribute('data-note-id'));
  await scrollToNote(page, 2000);
  expect(await drawnIds(page)).toContain(focused);
  expect(await page.evaluate(() => document.activeElement?.closest('li.bs-note')?.getAttribute('data-note-id'))).toBe(focused);
  // Tab from there goes on to the next note of the list, drawn for it.
  await page.keyboard.press('Tab');
  await expect.poll(where).toBeGreaterThanOrEqual(at);
  await page.close();
});

test('the search narrows a key at a time and clears, the count announced; the first notes keep their elements as the list changes', async () => {
  const page = await openLibrary();
  const count = page.getByTestId('shown-count');
  expect(await count.getAttribute('aria-live')).toBe('polite');
  // A key that keeps every note keeps the notes drawn as they were.
  await page.evaluate((first) => { (document.querySelector(`[data-note-id="${first}"]`) as HTMLElement & { kept?: boolean }).kept = true; }, id(COUNT - 1));
  const search = page.locator('#bs-filter-text');
  await search.focus();
  let typed = '';
  for (const key of ['n', 'u', 'm', 'b', 'e', 'r', ' ', '2', '9', '9']) {
    await page.keyboard.type(key);
    typed += key;
    const want = filterAnnotations(notes, { text: typed }).length;
    await expect.poll(() => count.textContent()).toBe(`${want.toLocaleString('en')} ${want === 1 ? 'note' : 'notes'} of 3,000 shown.`);
    if (typed === 'number') {
      expect(await page.evaluate((first) => (document.querySelector(`[data-note-id="${first}"]`) as HTMLElement & { kept?: boolean }).kept, id(COUNT - 1))).toBe(true);
    }
  }
  // "number 299" finds notes 2990 … 2999, 2299, 1299 and 299, newest first, each marked.
  const found = filterAnnotations(notes, { text: typed }).map((n) => n.id).reverse();
  expect(found).toHaveLength(13);
  await expect.poll(async () => found.slice(0, (await drawnIds(page)).length)).toEqual(await drawnIds(page));
  expect((await drawnIds(page))[0]).toBe(id(2999));
  expect(await page.locator('.bs-library-list li.bs-note').first().getAttribute('aria-setsize')).toBe('13');
  await scrollToNote(page, 12);
  expect((await drawnIds(page)).at(-1)).toBe(id(299));
  expect(await page.locator(`[data-note-id="${id(299)}"] mark`).allTextContents()).toEqual(['number', '299']);
  await search.focus();
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Backspace');
  await expect.poll(() => count.textContent()).toBe('All 3,000 notes.');
  await expect.poll(async () => (await drawn(page))[0]).toEqual([id(COUNT - 1), 1]);
  expect(await page.locator('.bs-library-list li.bs-note').first().getAttribute('aria-setsize')).toBe(String(COUNT));
  await page.close();
});

test('a note far down is edited, deleted and restored; its Open at passage is there; the export counts every note', async () => {
  const page = await openLibrary();
  const target = id(501); // 2,499th in the list, newest first; one with a quote
  await scrollToNote(page, COUNT - 1 - 501);
  const item = page.locator(`[data-note-id="${target}"]`);
  expect(await item.getAttribute('aria-posinset')).toBe(String(COUNT - 501));
  await expect.poll(() => item.getByRole('link', { name: /^Open at passage: / }).count()).toBe(1);
  await item.getByRole('button', { name: /^Edit note/ }).click();
  const editor = page.locator(`#bs-edit-${target}`);
  await expect.poll(() => editor.evaluate((e) => e === document.activeElement)).toBe(true);
  await page.keyboard.press('End');
  await page.keyboard.type(' — checked against the wire copy');
  await page.keyboard.press('Control+Enter');
  await expect.poll(() => item.locator('.bs-note-text').textContent()).toBe('Note number 501 on story 1. — checked against the wire copy');
  // Saved: the note is found so by the search of a page opened afresh.
  const again = await openLibrary();
  await again.locator('#bs-filter-text').fill('wire copy');
  await expect.poll(() => drawnIds(again)).toEqual([target]);
  await again.close();
  // Deleted, then brought back with Undo, in its place.
  await page.bringToFront();
  await item.getByRole('button', { name: /^Delete note/ }).click();
  await expect.poll(() => page.getByTestId('summary').textContent()).toBe(`2,999 notes on ${PAGES} pages across 1 site.`);
  expect(await drawnIds(page)).not.toContain(target);
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect.poll(() => page.getByTestId('summary').textContent()).toBe(`3,000 notes on ${PAGES} pages across 1 site.`);
  await scrollToNote(page, COUNT - 1 - 501);
  expect(await item.getAttribute('aria-posinset')).toBe(String(COUNT - 501));
  // The export offers every note, not the ones drawn.
  await expect.poll(() => page.locator('#transfer').getByRole('button', { name: /^Export \d+ notes?$/ }).textContent()).toBe('Export 3000 notes');
  await page.close();
});

test('scrolling moves the notes by what was scrolled, no jumps as heights are measured; axe finds nothing; screenshots', async () => {
  const page = await openLibrary();
  // Small scrolls, as a wheel makes them, down and then up from a jump (the notes above it drawn for the first time):
  // a note on screen moves by exactly what the reader scrolled each time, though notes drawn for the first time are
  // measured meanwhile and the space above them corrected (the page's own scroll position may move by that
  // correction; what the reader sees must not).
  let anchor = '';
  const topOf = () => page.locator(`[data-note-id="${anchor}"]`).evaluate((e) => e.getBoundingClientRect().top);
  for (const by of [60, -60]) {
    await scrollToNote(page, by > 0 ? 1500 : 2200);
    anchor = await page.evaluate(() => [...document.querySelectorAll('.bs-library-list li.bs-note')].find((li) => li.getBoundingClientRect().top > 200)!.getAttribute('data-note-id')!);
    for (let step = 0; step < 8; step++) {
      const before = await topOf();
      await page.evaluate(async (delta) => {
        scrollBy(0, delta);
        // Two frames: the list's scroll handler has run, drawn and measured.
        await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
        await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
      }, by);
      expect(Math.abs((await topOf()) - (before - by)), `scrolling ${by} px, step ${step}`).toBeLessThan(1.5);
    }
  }
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: join(SHOTS, 'library-window-middle.png') });
  // A focused note far above the notes in view, drawn on its own, with the space between kept.
  await page.locator(`[data-note-id="${anchor}"] input.bs-select`).focus();
  await scrollToNote(page, 2600);
  expect(await drawnIds(page)).toContain(anchor);
  expect(await axeViolations(page)).toEqual([]);
  // Page by page: each page's heading heads its first note.
  await page.selectOption('#bs-order', 'site');
  await expect.poll(() => page.locator('.bs-library-list .bs-page-title').count()).toBeGreaterThan(0);
  await page.evaluate(() => scrollTo(0, 0));
  expect(await axeViolations(page)).toEqual([]);
  await page.screenshot({ path: join(SHOTS, 'library-window-by-site.png') });
  await page.emulateMedia({ colorScheme: 'dark' });
  await scrollToNote(page, 1200);
  expect(await axeViolations(page)).toEqual([]);
  await page.screenshot({ path: join(SHOTS, 'library-window-dark.png') });
  await page.close();
});

test('a resize (a tiled window, the browser zoom) keeps the reader at the note they were reading, among notes of uneven heights', async () => {
  await clearNotes(browser);
  // Notes 1200–1800 much longer than the rest: their heights at one width say little about another, and the mean
  // height of what is measured moves with what is drawn.
  await seedNotes(browser, library(1200, 1800));
  const page = await openLibrary();
  await scrollToNote(page, 1500);
  await frames(page, 6);
  const before = (await topNote(page))!;
  for (const width of [1000, 1100, 760]) {
    await page.setViewportSize({ width, height: 800 });
    await frames(page, 10);
    // The same note at the top, or its neighbour (its text wraps anew, so it grew or shrank about its place).
    await expect.poll(async () => Math.abs((await topNote(page))!.at - before.at), { timeout: 5_000 }).toBeLessThanOrEqual(1);
    await frames(page, 10);
    expect(Math.abs((await topNote(page))!.at - before.at)).toBeLessThanOrEqual(1);
  }
  await page.close();
});

test('a focused note deleted in another window does not scroll the library back to it', async () => {
  const page = await openLibrary();
  const target = id(COUNT - 1 - 5);
  await page.locator(`[data-note-id="${target}"] input.bs-select`).focus();
  await scrollToNote(page, 2000);
  await frames(page, 6);
  const noteAtTop = () =>
    page.evaluate(() => {
      const li = [...document.querySelectorAll<HTMLElement>('.bs-library-list li.bs-note')].find((e) => e.getBoundingClientRect().top > 0)!;
      return { id: li.getAttribute('data-note-id'), top: li.getBoundingClientRect().top };
    });
  const before = await noteAtTop();
  const other = await openLibrary();
  await other.locator(`[data-note-id="${target}"]`).getByRole('button', { name: /^Delete note/ }).click();
  await expect.poll(() => page.getByTestId('summary').textContent(), { timeout: 20_000 }).toBe(`2,999 notes on ${PAGES} pages across 1 site.`);
  await other.close();
  // The focus went to the note that took its place, the page left where the reader is.
  await expect.poll(() => page.evaluate(() => document.activeElement?.closest('li.bs-note')?.getAttribute('data-note-id'))).toBe(id(COUNT - 1 - 6));
  await frames(page, 6);
  // The same note in view, at the same place.
  const after = await noteAtTop();
  expect(after.id).toBe(before.id);
  expect(Math.abs(after.top - before.top)).toBeLessThan(2);
  await page.close();
});

test('by site, a note beginning a page drawn apart from the notes in view keeps the space above it (the list as tall as when it is not)', async () => {
  const page = await openLibrary();
  await page.selectOption('#bs-order', 'site');
  await expect.poll(() => page.locator('.bs-library-list .bs-page-title').count()).toBeGreaterThan(0);
  await scrollToNote(page, 1500);
  await frames(page, 6);
  // The second note of a page in view: focused, it is drawn with its neighbours, the page's first note among them.
  const pick = await page.evaluate(() => {
    const start = [...document.querySelectorAll<HTMLElement>('.bs-library-list li.bs-page-start')].find((li) => Number(li.getAttribute('aria-posinset')) > 1 && li.getBoundingClientRect().top > 0)!;
    return start.nextElementSibling!.getAttribute('data-note-id')!;
  });
  await page.evaluate((sid) => document.querySelector<HTMLElement>(`[data-note-id="${sid}"] input.bs-select`)!.focus({ preventScroll: true }), pick);
  await page.evaluate(() => scrollTo(0, 0));
  await expect.poll(async () => (await drawn(page))[0]?.[1]).toBe(1);
  await frames(page, 6);
  const height = () => page.evaluate(() => document.querySelector('.bs-library-list')!.getBoundingClientRect().height);
  const pinned = await height();
  expect(await drawnIds(page)).toContain(pick);
  // Focus leaves the list: the note is drawn no more, and the list is as tall as it was.
  await page.evaluate(() => document.querySelector<HTMLElement>('#bs-filter-text')!.focus({ preventScroll: true }));
  await expect.poll(() => drawnIds(page)).not.toContain(pick);
  await frames(page, 6);
  expect(Math.abs((await height()) - pinned)).toBeLessThan(1);
  await page.close();
});

test('a note the reader unfolded is still unfolded when it comes back into view', async () => {
  await clearNotes(browser);
  await seedNotes(browser, library(1200, 1800));
  const page = await openLibrary();
  await scrollToNote(page, 1500);
  const item = page.locator(`[data-note-id="${id(COUNT - 1 - 1500)}"]`);
  await item.getByRole('button', { name: 'Show the whole note' }).click();
  await expect.poll(() => item.getByRole('button', { name: 'Show less' }).getAttribute('aria-expanded')).toBe('true');
  // The focus leaves the list (nothing pinned), the note scrolls out of the window and back.
  await page.evaluate(() => document.querySelector<HTMLElement>('#bs-filter-text')!.focus({ preventScroll: true }));
  await scrollToNote(page, 2500);
  await expect.poll(() => item.count()).toBe(0);
  await scrollToNote(page, 1500);
  expect(await item.locator('p.bs-note-text + button.bs-fold').getAttribute('aria-expanded')).toBe('true');
  await page.close();
});
