// A long article in real Chromium with the built extension: only the highlights in and near the viewport are
// registered in CSS.highlights at a time, yet a highlight far below the fold is there once the reader gets to it,
// by scrolling or from the keyboard, and its card opens on hover and on keyboard focus; the counts the page
// reports are of every highlight, painted or not yet.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { badgeOf, launchWithExtension, servePages, tabIdFor, type ExtensionBrowser, type PageServer } from './harness';
import { generatedPage } from '../../scripts/bench/pages';
import { summaryOf } from '../../scripts/page-summary';
import type { Dataset } from '../../lib/reference/types';
import type { PageSummary } from '../../lib/page/messages';

const SCREENSHOTS = resolve('test-results');
const CATEGORY_NAMES = ['backstory-person', 'backstory-place', 'backstory-organization', 'backstory-figure', 'backstory-figure-differs'];
const dataset = JSON.parse(readFileSync(resolve('lib/reference/dataset.json'), 'utf8')) as Dataset;
const suite = dataset.entities.length === 0 ? describe.skip : describe;

interface Registered {
  name: string;
  text: string;
  /** Index of its paragraph in the article, and how many paragraphs there are. */
  paragraph: number;
  paragraphs: number;
  x: number;
  y: number;
  inView: boolean;
  /** Whether it is the range drawn as the keyboard focus. */
  focused: boolean;
  /** Whether another of our registered ranges shares text with it (the card shows the innermost). */
  overlapped: boolean;
}

/** Every range registered under our category names now, with where it is (read in the page's own world). */
function registered(page: Page): Promise<Registered[]> {
  return page.evaluate((names) => {
    const registry = (globalThis as unknown as { CSS: { highlights: Map<string, Set<Range>> } }).CSS.highlights;
    const paragraphs = [...document.querySelectorAll('article p')];
    const [focus] = [...(registry.get('backstory-focus') ?? [])];
    const same = (a: Range, b: Range | undefined) =>
      !!b && a.startContainer === b.startContainer && a.startOffset === b.startOffset && a.endContainer === b.endContainer && a.endOffset === b.endOffset;
    const all = names.flatMap((name) => [...(registry.get(name) ?? [])]);
    const overlap = (a: Range, b: Range) => a !== b && a.compareBoundaryPoints(Range.START_TO_END, b) > 0 && a.compareBoundaryPoints(Range.END_TO_START, b) < 0;
    return names.flatMap((name) =>
      [...(registry.get(name) ?? [])].map((r) => {
        const rect = r.getClientRects()[0] ?? r.getBoundingClientRect();
        const p = r.startContainer.parentElement?.closest('p');
        return {
          name,
          text: r.toString(),
          paragraph: p ? paragraphs.indexOf(p) : -1,
          paragraphs: paragraphs.length,
          x: rect.left + rect.width / 2,
          y: rect.top + rect.height / 2,
          inView: rect.top >= 0 && rect.bottom <= innerHeight && rect.width > 0,
          focused: same(r, focus),
          overlapped: all.some((other) => overlap(r, other)),
        };
      }),
    );
  }, CATEGORY_NAMES);
}

function cardCategory(page: Page): Promise<string | null> {
  return page.evaluate(() => {
    const dialog = document.querySelector('[data-backstory-layer="card"]')?.shadowRoot?.querySelector('[role="dialog"]');
    const rect = dialog?.getBoundingClientRect();
    return dialog && rect && rect.width > 0 ? dialog.getAttribute('data-category') : null;
  });
}

suite('highlights near the viewport first, on a long article', () => {
  let browser: ExtensionBrowser;
  let server: PageServer;

  beforeAll(async () => {
    server = await servePages();
    browser = await launchWithExtension({ viewport: { width: 1280, height: 900 } });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  test('a highlight far below the fold is painted once scrolled to, and its card opens on hover and on keyboard focus', async () => {
    const aliases = [...new Set(dataset.entities.flatMap((e) => e.aliases))];
    const article = generatedPage(30_000, aliases, dataset.figures.map((f) => f.label));
    server.set('/long.html', article.html);
    const url = `${server.origin}/long.html`;
    const page = await browser.context.newPage();
    await page.goto(url);
    const tabId = await tabIdFor(browser, url);
    let summary: PageSummary | null = null;
    await expect.poll(async () => (summary = await summaryOf(browser, tabId))?.status, { timeout: 30_000, interval: 100 }).toBe('settled');
    const total = summary!.total;

    // At the top: far more highlights than are registered, none of them in the last part of the article; the
    // count the reader sees (summary, badge) is of all of them.
    expect(total).toBeGreaterThan(300);
    await expect.poll(async () => (await registered(page)).some((r) => r.inView), { timeout: 10_000 }).toBe(true);
    const atTop = await registered(page);
    expect(atTop.length).toBeLessThan(total);
    expect(atTop.filter((r) => r.paragraph >= r.paragraphs - 5)).toEqual([]);
    expect(summary!.items.reduce((n, i) => n + i.count, 0)).toBe(total);
    await expect.poll(() => badgeOf(browser, tabId), { timeout: 5000 }).toBe(String(total));

    // Scrolled to the end: the highlights there are registered, and hovering one opens its card.
    await page.evaluate(() => scrollTo(0, document.documentElement.scrollHeight));
    const atEnd = () => registered(page).then((list) => list.filter((r) => r.inView && !r.overlapped && r.paragraph >= r.paragraphs - 5));
    await expect.poll(async () => (await atEnd()).length, { timeout: 10_000 }).toBeGreaterThan(0);
    const target = (await atEnd())[0]!;
    await page.mouse.move(target.x, target.y, { steps: 3 });
    await expect.poll(() => cardCategory(page), { timeout: 5000 }).toBe(target.name.replace('backstory-', ''));
    await page.screenshot({ path: resolve(SCREENSHOTS, 'viewport-far-below-hover.png') });
    await page.keyboard.press('Escape');
    await expect.poll(() => cardCategory(page)).toBeNull();
    await page.mouse.move(2, 2);
    expect((await summaryOf(browser, tabId))?.total).toBe(total);

    // Back at the top, the keyboard's "previous highlight" wraps round to the last one, far below: the page scrolls
    // there, the highlight is drawn as the focus and in its category, and its card opens.
    await page.evaluate(() => scrollTo(0, 0));
    await expect.poll(async () => (await atEnd()).length, { timeout: 10_000 }).toBe(0);
    await page.keyboard.press('Alt+Shift+K');
    await expect.poll(async () => (await registered(page)).filter((r) => r.focused && r.inView).map((r) => r.paragraph >= r.paragraphs - 3), { timeout: 10_000 }).toEqual([true]);
    const focused = (await registered(page)).find((r) => r.focused)!;
    await expect.poll(() => cardCategory(page), { timeout: 5000 }).toBe(focused.name.replace('backstory-', ''));
    await page.keyboard.press('Escape');
    await expect.poll(() => cardCategory(page)).toBeNull();
    await page.close();
  });
  /**
   * Opens `html` (its first 30 paragraphs folded) once Backstory has settled on it and some highlights are registered
   * in view, none of them folded; `folded` reads those registered in view among the 30.
   */
  async function openFolded(path: string, html: string) {
    server.set(path, html);
    const url = `${server.origin}${path}`;
    const page = await browser.context.newPage();
    await page.goto(url);
    const tabId = await tabIdFor(browser, url);
    await expect.poll(async () => (await summaryOf(browser, tabId))?.status, { timeout: 30_000, interval: 100 }).toBe('settled');
    const folded = () => registered(page).then((list) => list.filter((r) => r.inView && r.paragraph < 30));
    await expect.poll(async () => (await registered(page)).some((r) => r.inView), { timeout: 10_000 }).toBe(true);
    expect(await folded()).toEqual([]);
    return { page, folded };
  }

  test('text shown without a scroll (a page\'s "Background" tab switched to by a click, above the fold) has its highlights painted without waiting for a scroll', async () => {
    const aliases = [...new Set(dataset.entities.flatMap((e) => e.aliases))];
    const article = generatedPage(30_000, aliases, dataset.figures.map((f) => f.label));
    // The article's first 30 paragraphs in the page's second tab, shown on a click (no box until then: its class
    // says display none, as a page's tabs do). Both tabs sit in a box of a fixed height, so the switch changes no
    // size of the page: only the click can tell Backstory that text came into view.
    let seen = 0;
    const html = article.html
      .replace(
        '</h1>\n',
        '</h1>\n<style>.folded{display:none}#tabs{height:320px;overflow:hidden}</style><button id="more">Background</button><div id="tabs"><div id="summary">In short: the background is in the other tab.</div><div id="folded" class="folded">\n',
      )
      .replace(/<\/p>\n/g, (end) => (++seen === 30 ? '</p>\n</div></div>\n' : end))
      .replace(
        '</body>',
        '<script>document.getElementById("more").onclick = () => { document.getElementById("folded").classList.remove("folded"); document.getElementById("summary").classList.add("folded"); };</script></body>',
      );
    const { page, folded } = await openFolded('/folded.html', html);

    await page.locator('#more').click();
    await expect.poll(async () => (await folded()).length, { timeout: 10_000 }).toBeGreaterThan(0);
    expect(await page.evaluate(() => scrollY)).toBe(0); // no scroll did it
    await page.screenshot({ path: resolve(SCREENSHOTS, 'viewport-revealed-by-click.png') });
    await page.close();
  });

  test('text shown by the page\'s own script inside a fixed-height root around an inner scroller (no scroll, no click, no size of the root changed) has its highlights painted without waiting for a scroll', async () => {
    const aliases = [...new Set(dataset.entities.flatMap((e) => e.aliases))];
    const article = generatedPage(30_000, aliases, dataset.figures.map((f) => f.label));
    // The page is an app shell: the root and the body keep the window's height, the article scrolls in #app. Its first
    // 30 paragraphs are folded (no box) until the page's script shows them.
    let seen = 0;
    const html = article.html
      .replace('<body>', '<body><style>html,body{height:100%;overflow:hidden}#app{height:100%;overflow-y:auto}.folded{display:none}</style><div id="app">')
      .replace('</body>', '</div></body>')
      .replace('</h1>\n', '</h1>\n<div id="folded" class="folded">\n')
      .replace(/<\/p>\n/g, (end) => (++seen === 30 ? '</p>\n</div>\n' : end));
    const { page, folded } = await openFolded('/app-shell.html', html);

    await page.evaluate(() => document.getElementById('folded')!.classList.remove('folded'));
    await expect.poll(async () => (await folded()).length, { timeout: 10_000 }).toBeGreaterThan(0);
    expect(await page.evaluate(() => [scrollY, document.getElementById('app')!.scrollTop])).toEqual([0, 0]); // no scroll did it
    await page.screenshot({ path: resolve(SCREENSHOTS, 'viewport-revealed-in-app-shell.png') });
    await page.close();
  });
});
