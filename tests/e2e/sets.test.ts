// A reader's own reference set, end to end in Chromium with the built extension: three articles added from
// three tabs with the popup's "Add this article to a reference set" make a new set, built off the page; on a
// fourth related article its people, places, organisations and figures are highlighted (and nothing of the
// bundled set, which is not about this), the card names the set, the document and its date, and opens the
// document in the library at the passage; the popup's switch for the set turns its highlights off and on; a note
// on a highlight is linked to the set's item; the page loads the matcher tables the background compiled for the
// combination rather than building them; deleting the set leaves the note's text and says the item is gone,
// and restoring it brings everything back.
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { axeViolations, launchWithExtension, readPageHighlights, selectText, servePages, tabIdFor, type ExtensionBrowser, type PageServer } from './harness';
import { VALDORA_ARTICLES, articlePage } from '../sets-articles';

let browser: ExtensionBrowser;
let server: PageServer;

beforeAll(async () => {
  server = await servePages();
  for (const a of VALDORA_ARTICLES) server.set(`/news/${a.slug}`, articlePage(a));
  browser = await launchWithExtension({ viewport: { width: 1200, height: 900 }, diagnostics: true });
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const urlOf = (i: number) => `${server.origin}/news/${VALDORA_ARTICLES[i]!.slug}`;

async function openArticle(i: number): Promise<Page> {
  const page = await browser.context.newPage();
  await page.goto(urlOf(i));
  return page;
}

async function popupFor(page: Page): Promise<Page> {
  const popup = await browser.openExtensionPage(`popup.html?tab=${await tabIdFor(browser, page.url())}`);
  // The reference sets are folded under one line after the page's notes; the reader opens them.
  const fold = popup.locator('[data-section="popup-sets"]');
  await fold.locator('summary').click();
  await expect.poll(() => fold.getAttribute('open')).not.toBeNull();
  await popup.getByRole('heading', { name: 'Add this article to a reference set' }).waitFor();
  return popup;
}

/** Every highlighted text on the page, whatever its category. */
async function highlighted(page: Page): Promise<string[]> {
  return Object.entries(await readPageHighlights(page)).filter(([name]) => name !== 'backstory-focus' && name !== 'backstory-note').flatMap(([, texts]) => texts);
}

interface CardText {
  title: string;
  set: string;
  sources: string[];
}

function cardText(page: Page): Promise<CardText | null> {
  return page.evaluate(() => {
    const dialog = document.querySelector('[data-backstory-layer="card"]')?.shadowRoot?.querySelector('[role="dialog"]');
    if (!dialog) return null;
    return {
      title: dialog.querySelector('h2')?.textContent ?? '',
      set: dialog.querySelector('[data-field="set"]')?.textContent ?? '',
      sources: [...dialog.querySelectorAll('.sources li')].map((li) => li.querySelector('cite')?.textContent + (li.querySelector('.meta')?.textContent ?? '')),
    };
  });
}

/** Hovers the first painted range whose text is `text`. */
async function hover(page: Page, text: string): Promise<void> {
  let point: { x: number; y: number } | null = null;
  await expect.poll(async () => {
    point = await page.evaluate((needle) => {
      const registry = (globalThis as unknown as { CSS: { highlights: Map<string, Set<Range>> } }).CSS.highlights;
      for (const [name, highlight] of registry) {
        if (!name.startsWith('backstory-') || name === 'backstory-focus') continue;
        const range = [...highlight].find((r) => r.toString() === needle);
        const rect = range?.getClientRects()[0];
        if (rect) return { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 };
      }
      return null;
    }, text);
    return point;
  }, { timeout: 20_000 }).not.toBeNull();
  await page.mouse.move(point!.x, point!.y, { steps: 2 });
}

test('three articles from three tabs make a set; a fourth related article gets its entities and figures, and the card names set, document and date', async () => {
  // Three tabs, each article added from the popup; the first makes the set.
  const tabs = await Promise.all([0, 1, 2].map(openArticle));
  for (const [i, tab] of tabs.entries()) {
    const popup = await popupFor(tab);
    const select = popup.getByLabel('Set', { exact: true });
    if (i === 0) {
      await expect.poll(() => select.inputValue()).toBe('__new__');
      await popup.getByLabel('Name of the new set').fill('Valdora floods');
    } else {
      await expect.poll(() => popup.locator('#bs-add-set option:checked').textContent()).toMatch(/^Valdora floods \(\d documents?\)$/);
    }
    expect(await axeViolations(popup, '[data-section="add-to-set"]')).toEqual([]);
    await popup.getByRole('button', { name: 'Add this article' }).click();
    await expect.poll(() => popup.getByTestId('add-to-set-status').textContent(), { timeout: 20_000 }).toBe(`Added “${VALDORA_ARTICLES[i]!.title}” to “Valdora floods”.`);
    if (i === 2) {
      // The build goes on in the background; the open popup follows it to the end.
      await expect.poll(() => popup.getByTestId('add-to-set-build').getAttribute('data-phase'), { timeout: 60_000 }).toBe('done');
    }
    await popup.close();
  }

  // The fourth article: the set's names and figures, nothing of the bundled set's.
  const fourth = await openArticle(3);
  await expect.poll(() => highlighted(fourth), { timeout: 30_000 }).toEqual(expect.arrayContaining([
    'Ines Kowalczyk', 'Elena Marchetti', 'Tomas Brennan', 'Valdora River Authority', 'Castelmora', 'Pontevalle', 'National Emergency Agency',
    'at least 42 people', 'more than 3,500 people',
  ]));
  const all = await readPageHighlights(fourth);
  expect(all['backstory-figure']).toEqual(['at least 42 people', 'more than 3,500 people']);
  // The combination's matcher tables came compiled from the background: the page loaded them and built none.
  const tablesBuilt = () => fourth.evaluate(() => performance.getEntriesByName('backstory:tables-built').length);
  // The page publishes its timings (diagnostics mode), so a missing mark means no tables built, not no marks at all.
  await expect.poll(() => fourth.evaluate(() => performance.getEntriesByName('backstory:highlight').length)).toBeGreaterThan(0);
  expect(await tablesBuilt()).toBe(0);

  // What Chrome does to an idle service worker: stop it. The next page's tables are the ones the stopped worker
  // compiled, read back from the extension's Cache Storage: the new worker compiles none, and the page builds none.
  const extensionWorker = () => browser.context.serviceWorkers().find((w) => w.url().startsWith(`chrome-extension://${browser.extensionId}/`));
  await extensionWorker()!.evaluate(() => Object.assign(globalThis, { beforeTheStop: true }));
  await expect.poll(() => extensionWorker()!.evaluate(async () => (await (await caches.open('backstory-set-tables')).keys()).length)).toBe(1);
  const cdp = await browser.context.newCDPSession(fourth);
  const { targetInfos } = await cdp.send('Target.getTargets');
  const background = targetInfos.find((t) => t.type === 'service_worker' && t.url.startsWith(`chrome-extension://${browser.extensionId}/`));
  expect((await cdp.send('Target.closeTarget', { targetId: background!.targetId })).success).toBe(true);
  await cdp.detach();
  const fifth = await openArticle(3);
  await expect.poll(() => highlighted(fifth), { timeout: 30_000 }).toContain('Ines Kowalczyk');
  await expect.poll(() => fifth.evaluate(() => performance.getEntriesByName('backstory:highlight').length)).toBeGreaterThan(0);
  expect(await fifth.evaluate(() => performance.getEntriesByName('backstory:tables-built').length)).toBe(0);
  const restarted = browser.context.serviceWorkers().filter((w) => w.url().startsWith(`chrome-extension://${browser.extensionId}/`)).at(-1)!;
  expect(await restarted.evaluate(() => 'beforeTheStop' in globalThis)).toBe(false);
  expect(await restarted.evaluate(() => performance.getEntriesByName('backstory:set-tables-compiled').length)).toBe(0);
  await fifth.close();

  // The card: the set, the documents with their dates, and the way to the passage in the library.
  await hover(fourth, 'Ines Kowalczyk');
  await expect.poll(() => cardText(fourth)).toMatchObject({ title: 'Ines Kowalczyk', set: 'From the reference set Valdora floods' });
  expect((await cardText(fourth))!.sources).toEqual([
    'River authority faces questions over flood warnings — Valley Times, 16 Oct 2024',
    'Castelmora begins to rebuild as flood waters recede — Northern Courier, 21 Oct 2024',
  ]);
  expect(await axeViolations(fourth, '[data-backstory-layer="card"]')).toEqual([]);
  const [library] = await Promise.all([
    browser.context.waitForEvent('page'),
    fourth.evaluate(() => {
      const button = document.querySelector('[data-backstory-layer="card"]')!.shadowRoot!.querySelector<HTMLButtonElement>('.sources li .open')!;
      button.click();
    }),
  ]);
  await library.waitForLoadState();
  expect(library.url()).toMatch(/\/options\.html#sets\?set=set-[a-z0-9]{10}&doc=d0002&start=\d+&end=\d+$/);
  await expect.poll(() => library.getByTestId('passage').textContent()).toBe('Ines Kowalczyk');
  expect(await library.getByRole('heading', { level: 3, name: 'River authority faces questions over flood warnings' }).count()).toBe(1);
  await library.close();

  // A figure's card: the set's figure, its date and its document.
  await hover(fourth, 'at least 42 people');
  await expect.poll(async () => (await cardText(fourth))?.set).toBe('From the reference set Valdora floods');
  expect((await cardText(fourth))!.sources[0]).toMatch(/— Valley Times, 16 Oct 2024$/);
  await fourth.mouse.move(1, 1);

  // The popup's switch for the set: off, nothing of it is painted; on again, it is back.
  const popup = await popupFor(fourth);
  const toggle = popup.locator('[data-control="set"]:not([data-set-id="bundled"])');
  await expect.poll(() => toggle.isChecked()).toBe(true);
  expect(await popup.locator('[data-section="set-toggles"] label').allTextContents()).toEqual([
    ' Syrian civil war, 2012–2013 — 2 documents',
    ' Valdora floods — 3 documents',
  ]);
  await toggle.uncheck();
  await expect.poll(() => highlighted(fourth)).toEqual([]);
  await toggle.check();
  await expect.poll(() => highlighted(fourth), { timeout: 20_000 }).toContain('Ines Kowalczyk');
  expect(await tablesBuilt()).toBe(0);
  expect(await axeViolations(popup, '[data-section="set-toggles"]')).toEqual([]);
  await popup.close();

  // A note on a highlight is linked to the set's item.
  await selectText(fourth, 'Judge Ines Kowalczyk opened');
  const composer = await popupFor(fourth);
  await expect.poll(() => composer.getByTestId('composer-reference').textContent()).toBe('Linked to Ines Kowalczyk');
  await composer.getByLabel('Note', { exact: true }).fill('Ask about the hearings');
  await composer.getByLabel('Note', { exact: true }).press('Control+Enter');
  await expect.poll(() => composer.locator('.bs-note .bs-note-reference').textContent()).toBe('Linked to Ines Kowalczyk');
  const stored = await composer.evaluate(async (url) => {
    const reply = await (globalThis as unknown as { chrome: { runtime: { sendMessage(m: object): Promise<{ value: { reference?: { id: string } }[] }> } } })
      .chrome.runtime.sendMessage({ backstory: 1, type: 'notes/list-for-url', payload: { url } });
    return reply.value.map((n) => n.reference?.id);
  }, urlOf(3));
  expect(stored).toEqual([expect.stringMatching(/^set-[a-z0-9]{10}\/person:ines-kowalczyk$/)]);
  await composer.close();

  // The set deleted (asked first): its highlights go from the open tab; the note keeps its text and says its item
  // is gone. Restored, both come back.
  const library2 = await browser.openExtensionPage('options.html#sets');
  await library2.getByRole('button', { name: /^Valdora floods — 3 documents$/ }).click();
  await library2.getByRole('button', { name: 'Delete this set…' }).click();
  await library2.getByRole('dialog').getByRole('button', { name: 'Delete the set' }).click();
  await library2.getByRole('heading', { name: 'Reference sets' }).waitFor();
  await expect.poll(() => highlighted(fourth), { timeout: 20_000 }).toEqual([]);
  const after = await popupFor(fourth);
  const note = after.locator('.bs-note', { hasText: 'Ask about the hearings' });
  await expect.poll(() => note.getByTestId('reference-gone').textContent()).toBe(' — this item is gone: its reference set was deleted');
  expect(await note.locator('.bs-note-text').textContent()).toBe('Ask about the hearings');
  await after.close();
  await library2.getByTestId('set-trash').locator('summary').click();
  await library2.getByTestId('set-trash').getByRole('button', { name: 'Restore' }).click();
  await expect.poll(() => highlighted(fourth), { timeout: 20_000 }).toContain('Ines Kowalczyk');
  const restored = await popupFor(fourth);
  await expect.poll(() => restored.locator('.bs-note .bs-note-reference').textContent()).toBe('Linked to Ines Kowalczyk');
  expect(await restored.getByTestId('reference-gone').count()).toBe(0);
  await restored.close();
  await library2.close();
  for (const tab of [...tabs, fourth]) await tab.close();
});
