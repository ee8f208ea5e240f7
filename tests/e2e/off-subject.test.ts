// A page about something else, in real Chromium with the built extension: it names places and companies the
// reference knows (Turkey, France, Istanbul, Facebook, The New York Times), yet nothing is painted, the badge stays
// empty, and the popup says what the reference covers and that this page is not about it. The reader's "also on
// pages about other subjects" setting paints them, and turning it off again clears them. The popup passes axe-core
// while it says so.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { launchWithExtension, readPageHighlights, servePages, type ExtensionBrowser, type PageServer } from './harness';
import type { Dataset } from '../../lib/reference/types';
import type { PageSummary } from '../../lib/page/messages';

const dataset = JSON.parse(readFileSync(resolve('lib/reference/dataset.json'), 'utf8')) as Dataset;
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

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

type Summary = Pick<PageSummary, 'url' | 'status' | 'total' | 'onSubject' | 'subject'>;

/** The tab showing `url` and its content script's summary, as the popup asks for it. */
async function summaryFor(url: string): Promise<{ tabId: number; summary: Summary } | null> {
  const [worker] = browser.context.serviceWorkers();
  return worker!.evaluate(async (u: string) => {
    const api = (globalThis as unknown as {
      chrome: { tabs: { query(q: object): Promise<{ id?: number }[]>; sendMessage(id: number, m: object): Promise<{ ok: boolean; value: Summary } | undefined> } };
    }).chrome;
    for (const tab of await api.tabs.query({})) {
      if (tab.id === undefined) continue;
      const reply = await api.tabs.sendMessage(tab.id, { backstory: 1, type: 'page/summary', payload: {} }).catch(() => undefined);
      if (reply?.ok && reply.value.url === u) return { tabId: tab.id, summary: reply.value };
    }
    return null;
  }, url);
}

async function badgeOf(tabId: number): Promise<string> {
  const [worker] = browser.context.serviceWorkers();
  return worker!.evaluate((id: number) => (globalThis as unknown as { chrome: { action: { getBadgeText(q: object): Promise<string> } } }).chrome.action.getBadgeText({ tabId: id }), tabId);
}

const painted = async (page: Page) => Object.values(await readPageHighlights(page)).flat();

/** axe-core's WCAG 2.x A and AA violations on an extension page as it is now. */
async function axeViolations(page: Page): Promise<string[]> {
  // Evaluated through the DevTools protocol, which the extension page's script policy does not apply to.
  await page.evaluate(AXE);
  const result = await page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run(ctx: unknown, o: unknown): Promise<{ violations: { id: string; help: string; nodes: { target: string[] }[] }[] }> } }).axe;
    return axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
  });
  return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

test('an article about another subject: nothing painted, and the popup says why; the setting paints it anyway', async () => {
  server.set('/sport/turkey-iceland', PAGE);
  const page = await browser.context.newPage();
  const url = `${server.origin}/sport/turkey-iceland`;
  await page.goto(url);

  // Settled, read, and judged off the subject (an explicit verdict, not just "nothing yet").
  let found: { tabId: number; summary: Summary } | null = null;
  await expect.poll(async () => {
    found = await summaryFor(url);
    return found?.summary.status === 'settled' && found.summary.onSubject === false;
  }, { timeout: 20_000, interval: 100 }).toBe(true);
  const { tabId, summary } = found!;
  expect(summary.total).toBe(0);
  expect(summary.subject).toBe(dataset.subject);
  expect(await painted(page)).toEqual([]);
  expect(await badgeOf(tabId)).toBe('');

  const popup = await browser.openExtensionPage(`popup.html?tab=${tabId}`);
  const why = popup.locator('[data-section="found"] [data-off-subject]');
  await expect.poll(() => why.textContent(), { timeout: 5000 }).toContain(dataset.subject!);
  expect(await why.textContent()).toContain('not about');
  expect(await why.getAttribute('role')).toBe('status');
  expect(await axeViolations(popup)).toEqual([]);
  // To look at it: BACKSTORY_SCREENSHOTS=<folder>.
  if (process.env.BACKSTORY_SCREENSHOTS) await popup.screenshot({ path: resolve(process.env.BACKSTORY_SCREENSHOTS, 'popup-off-subject.png') });

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
  await expect.poll(() => badgeOf(tabId), { timeout: 5000 }).toBe(String(total));

  // Off again: back to nothing.
  await everyPage.uncheck();
  await expect.poll(() => painted(page), { timeout: 10_000 }).toEqual([]);
  await expect.poll(() => why.textContent(), { timeout: 5000 }).toContain(dataset.subject!);
  await expect.poll(() => badgeOf(tabId), { timeout: 5000 }).toBe('');
  await popup.close();
  await page.close();
});
