// The figure card in real Chromium with the built extension: a page whose own sentence credits a differing toll to
// its source shows that source beside the reference's, with both dates, so a reader never takes the two for a
// contradiction between equals; a toll from another year is shown as an earlier estimate, not as a difference.
// The pages are written here, in the test's own words, around the bundled reference's names and figures.
import { mkdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { axeViolations, launchWithExtension, servePages, type ExtensionBrowser, type PageServer } from './harness';
import type { Dataset, Figure } from '../../lib/reference/types';

const dataset = JSON.parse(readFileSync(resolve('lib/reference/dataset.json'), 'utf8')) as Dataset;
const SCREENSHOTS = resolve('test-results');

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const fmt = (n: number) => n.toLocaleString('en-US');
const name = (id: string | undefined) => dataset.entities.find((e) => e.id === id)?.name ?? '';
/** "2013-03-16" → "16 Mar 2013", as the card writes dates. */
const cardDate = (iso: string) => new Date(`${iso}T00:00:00Z`).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });

/** The reference's running death toll credited to a named source for a named place: the figure the pages dispute. */
const toll: Figure | undefined = dataset.figures
  .filter((f) => f.counts === 'people killed' && f.scope === 'total' && f.attributedToId && f.placeId && /^\d{4}-\d{2}-\d{2}$/.test(f.asOf ?? ''))
  .sort((a, b) => b.value - a.value)[0];

/**
 * Three of the reference's most named people and organisations (not the toll's source): a closing paragraph names
 * them, so each page is about the reference's subject (a page naming one country and a source is not, and gets no
 * highlight at all).
 */
const subjectNames = dataset.entities
  .filter((e) => e.type !== 'place' && e.id !== toll?.attributedToId)
  .sort((a, b) => b.mentions.length - a.mentions.length)
  .slice(0, 3)
  .map((e) => e.name)
  .join(', ');

/** A news page of `date` whose article is `paragraphs`, with its date in the metadata news sites use. */
function newsPage(date: string, headline: string, paragraphs: string[]): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${esc(headline)}</title>
<meta property="article:published_time" content="${date}T09:00:00Z"></head><body>
<header><nav aria-label="Sections"><a href="#">World</a> <a href="#">${esc(name(toll?.placeId))}</a></nav></header>
<main><article><h1>${esc(headline)}</h1><p><time datetime="${date}">${esc(cardDate(date))}</time></p>
${[...paragraphs, `${subjectNames} were named again this week.`].map((p) => `<p>${esc(p)}</p>`).join('\n')}
</article></main></body></html>`;
}

interface Card {
  category: string | null;
  verdict: string;
  live: string;
  cells: Record<string, string>;
}

function cardState(page: Page): Promise<Card | null> {
  return page.evaluate(() => {
    const root = document.querySelector('[data-backstory-layer="card"]')?.shadowRoot;
    const dialog = root?.querySelector('[role="dialog"]');
    if (!root || !dialog) return null;
    const cells: Record<string, string> = {};
    for (const cell of dialog.querySelectorAll('[data-field]')) cells[cell.getAttribute('data-field')!] = cell.textContent ?? '';
    return {
      category: dialog.getAttribute('data-category'),
      verdict: dialog.querySelector('.verdict')?.textContent ?? '',
      live: root.querySelector('[aria-live]')?.textContent ?? '',
      cells,
    };
  });
}

/** Hovers the first painted range of `highlight` whose text contains `text`. */
async function hover(page: Page, highlight: string, text: string): Promise<void> {
  let point: { x: number; y: number } | null = null;
  await expect
    .poll(async () => {
      point = await page.evaluate(
        ([name, needle]) => {
          const registry = (globalThis as unknown as { CSS: { highlights: Map<string, Set<Range>> } }).CSS.highlights;
          const range = [...(registry.get(name!) ?? [])].find((r) => r.toString().includes(needle!));
          const rect = range?.getClientRects()[0];
          return rect ? { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 } : null;
        },
        [highlight, text],
      );
      return point;
    }, { timeout: 20_000, interval: 100 })
    .not.toBeNull();
  await page.mouse.move(point!.x, point!.y, { steps: 2 });
}

/** Where the open card is on the screen, with a margin, for a screenshot of it. */
async function cardBox(page: Page): Promise<{ x: number; y: number; width: number; height: number }> {
  const r = await page.evaluate(() => {
    const rect = document.querySelector('[data-backstory-layer="card"]')!.shadowRoot!.querySelector('[role="dialog"]')!.getBoundingClientRect();
    return { x: rect.left, y: rect.top, width: rect.width, height: rect.height };
  });
  return { x: Math.max(0, r.x - 8), y: Math.max(0, r.y - 8), width: r.width + 16, height: r.height + 16 };
}

describe.skipIf(!toll)('the figure card in Chromium', () => {
  let browser: ExtensionBrowser;
  let server: PageServer;
  let opened = 0;

  beforeAll(async () => {
    server = await servePages();
    browser = await launchWithExtension({ viewport: { width: 900, height: 700 } });
    mkdirSync(SCREENSHOTS, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function open(html: string): Promise<Page> {
    const path = `/figure-card-${++opened}.html`;
    server.set(path, html);
    const page = await browser.context.newPage();
    await page.goto(server.origin + path);
    return page;
  }

  test('a differing figure shows the page’s attribution beside the reference’s, with both dates', async () => {
    const f = toll!;
    const place = name(f.placeId);
    const source = name(f.attributedToId);
    // Three days after the reference's date: the same date for a running total, so a lower count differs.
    const day = new Date(`${f.asOf}T00:00:00Z`);
    day.setUTCDate(day.getUTCDate() + 3);
    const date = day.toISOString().slice(0, 10);
    const lower = Math.round((f.value * 0.8) / 1000) * 1000;
    const page = await open(
      newsPage(date, `The toll in ${place}`, [
        `The ${source} says more than ${fmt(f.value)} people have been killed in ${place} since the uprising began.`,
        `Officials in the capital dispute that count. A pro-government newspaper put the number at ${fmt(lower)} killed in ${place}.`,
      ]),
    );

    await hover(page, 'backstory-figure-differs', fmt(lower));
    await expect.poll(() => cardState(page), { timeout: 10_000 }).not.toBeNull();
    const card = (await cardState(page))!;
    expect(card.category).toBe('figure-differs');
    expect(card.verdict).toMatch(/Differs from the reference/);
    expect(card.cells).toMatchObject({
      page: `${fmt(lower)} people`,
      'page-attribution': 'A pro-government newspaper',
      'reference-attribution': source,
      'page-date': cardDate(date),
      'reference-date': cardDate(f.asOf!),
      'page-place': place,
      'reference-place': place,
    });
    expect(card.cells.reference).toContain(fmt(f.value));
    // A screen reader hears both sources and both dates too.
    expect(card.live).toContain('A pro-government newspaper');
    expect(card.live).toContain(source);
    expect(card.live).toContain(cardDate(date));

    // The reference's own figure, stated in the article, is marked as matching.
    const matching = await page.evaluate((needle) => {
      const registry = (globalThis as unknown as { CSS: { highlights: Map<string, Set<Range>> } }).CSS.highlights;
      return [...(registry.get('backstory-figure') ?? [])].some((r) => r.toString().includes(needle));
    }, fmt(f.value));
    expect(matching).toBe(true);

    expect(await axeViolations(page, '[data-backstory-layer="card"]')).toEqual([]);
    await page.screenshot({ path: resolve(SCREENSHOTS, 'figure-card-differs.png'), clip: await cardBox(page) });
    await page.close();
  });

  test('a toll from an earlier year is an earlier estimate with both dates, not a difference', async () => {
    const f = toll!;
    const place = name(f.placeId);
    const source = name(f.attributedToId);
    const year = Number(f.asOf!.slice(0, 4)) - 1;
    const date = `${year}${f.asOf!.slice(4)}`;
    const earlier = Math.round((f.value * 0.3) / 1000) * 1000;
    const page = await open(newsPage(date, `The toll in ${place}`, [`The ${source} says more than ${fmt(earlier)} people have been killed in ${place} since the uprising began.`]));

    await hover(page, 'backstory-figure', fmt(earlier));
    await expect.poll(() => cardState(page), { timeout: 10_000 }).not.toBeNull();
    const card = (await cardState(page))!;
    expect(card.category).toBe('figure');
    expect(card.verdict).toMatch(/earlier estimate/);
    expect(card.cells).toMatchObject({ 'page-date': cardDate(date), 'reference-date': cardDate(f.asOf!), 'page-attribution': `The ${source}` });
    expect(await page.evaluate(() => (globalThis as unknown as { CSS: { highlights: Map<string, Set<Range>> } }).CSS.highlights.get('backstory-figure-differs')?.size ?? 0)).toBe(0);
    await page.screenshot({ path: resolve(SCREENSHOTS, 'figure-card-earlier.png') });
    await page.close();
  });
});
