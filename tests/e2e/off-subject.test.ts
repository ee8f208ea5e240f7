// A page about something else, in real Chromium with the built extension: it names places and companies the
// reference knows (Turkey, France, Istanbul, Facebook, The New York Times), yet nothing is painted, the badge stays
// empty, and the popup's line on what was found says what the reference covers and that this page is not about it.
// The reader's "also on pages about other subjects" setting, under that line, paints them, and turning it off again
// clears them. The popup passes axe-core while it says so.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { axeViolations, badgeOf, launchWithExtension, readPageHighlights, servePages, type ExtensionBrowser, type PageServer } from './harness';
import type { Dataset } from '../../lib/reference/types';
import type { PageSummary } from '../../lib/page/messages';
import { summaryOf, tabShowing } from '../../scripts/page-summary';

const dataset = JSON.parse(readFileSync(resolve('lib/reference/dataset.json'), 'utf8')) as Dataset;

// Written for this test: a football report and a media note, the kind of page a reader opens every day.
const PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Turkey hold Iceland to reach the finals</title></head><body>
<header><nav><a href="#">Sport</a> <a href="#">Business</a></nav></header>
<main><article>
<h1>Turkey hold Iceland to reach the finals</h1>
<p>Turkey drew 0-0 with Iceland in Istanbul on Thursday to book their place in next summer's tournament, a result that also sent France through as group winners.</p>
<p>The home side defended deep for most of the second half, and the crowd in Istanbul celebrated long after the final whistle. Fans shared videos of the night on Facebook until the early hours.</p>
<p>France, who beat Moldova in Paris, will be seeded for the draw in December. Turkey's coach told reporters his young team had matured quickly over the autumn.</p>
<p>"We were patient," the captain said after the match. The New York Times called it the most disciplined display of the qualifying round.</p>
</article></main>
<footer><p>© The Test Sports Desk</p></footer>
</body></html>`;

let server: PageServer;
let browser: ExtensionBrowser;

beforeAll(async () => {
  server = await servePages();
  browser = await launchWithExtension();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const painted = async (page: Page) => Object.values(await readPageHighlights(page)).flat();

test('an article about another subject: nothing painted, and the popup says why; the setting paints it anyway', async () => {
  server.set('/sport/turkey-iceland', PAGE);
  const page = await browser.context.newPage();
  const url = `${server.origin}/sport/turkey-iceland`;
  await page.goto(url);

  // Settled, read, and judged off the subject (an explicit verdict, not just "nothing yet").
  let tabId = -1;
  await expect.poll(async () => {
    if (tabId < 0) tabId = await tabShowing(browser, url);
    const now = tabId < 0 ? null : await summaryOf(browser, tabId);
    return now?.status === 'settled' && now.onSubject === false;
  }, { timeout: 20_000, interval: 100 }).toBe(true);
  const summary: PageSummary = (await summaryOf(browser, tabId))!;
  expect(summary.total).toBe(0);
  expect(summary.subject).toBe(dataset.subject);
  expect(await painted(page)).toEqual([]);
  expect(await badgeOf(browser, tabId)).toBe('');

  const popup = await browser.openExtensionPage(`popup.html?tab=${tabId}`);
  // The popup's one line on what was found says why nothing is; it opens on this site's controls.
  const line = popup.locator('[data-section="found"] > summary');
  const why = line.locator('[data-off-subject]');
  await expect.poll(() => why.textContent(), { timeout: 5000 }).toContain(dataset.subject!);
  expect(await why.textContent()).toMatch(/^Nothing highlighted: this page is not about /);
  expect(await why.getAttribute('role')).toBe('status');
  // Closed, the line keeps to one line (the composer and notes come first); opened, the reason is read whole.
  const lines = () => line.evaluate((el) => ({
    count: Math.round(el.getBoundingClientRect().height / parseFloat(getComputedStyle(el).lineHeight)),
    clipped: el.scrollWidth > el.clientWidth,
  }));
  expect((await lines()).count).toBe(1);
  // To look at it: BACKSTORY_SCREENSHOTS=<folder>.
  const shot = async (name: string) => {
    if (process.env.BACKSTORY_SCREENSHOTS) await popup.screenshot({ path: resolve(process.env.BACKSTORY_SCREENSHOTS, name) });
  };
  await shot('popup-off-subject.png');
  await line.click();
  await expect.poll(lines).toEqual({ count: expect.any(Number), clipped: false });
  expect((await lines()).count).toBeGreaterThan(1);
  expect(await axeViolations(popup)).toEqual([]);
  await shot('popup-off-subject-open.png');

  // "Also on pages about other subjects": the names it knows are painted (but not inside The New York Times).
  const everyPage = popup.locator('input[data-control="every-page"]');
  await expect.poll(() => everyPage.isChecked()).toBe(false);
  await everyPage.check();
  await expect.poll(async () => (await readPageHighlights(page))['backstory-place'] ?? [], { timeout: 10_000 }).toEqual(
    expect.arrayContaining(['Turkey', 'Istanbul', 'France']),
  );
  expect(await painted(page)).not.toContain('New York');
  await expect.poll(() => why.count(), { timeout: 5000 }).toBe(0);
  const total = (await painted(page)).length;
  await expect.poll(() => badgeOf(browser, tabId), { timeout: 5000 }).toBe(String(total));

  // Off again: back to nothing.
  await everyPage.uncheck();
  await expect.poll(() => painted(page), { timeout: 10_000 }).toEqual([]);
  await expect.poll(() => why.textContent(), { timeout: 5000 }).toContain(dataset.subject!);
  await expect.poll(() => badgeOf(browser, tabId), { timeout: 5000 }).toBe('');
  await popup.close();
  await page.close();
});
