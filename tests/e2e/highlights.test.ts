// Reading with highlights, in real Chromium with the built extension: pages built at test time from the
// seed documents (article + header menu + sidebar + footer that also name reference entities) and the
// corpus pages whose Syria terms are only outside the article.
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { badgeOf, launchWithExtension, servePages, type ExtensionBrowser, type PageServer } from './harness';
import type { Dataset, Entity } from '../../lib/reference/types';
import type { PageSummary } from '../../lib/page/messages';
import type { MatchCategory } from '../../lib/match/types';
import { summaryOf, tabShowing } from '../../scripts/page-summary';

const SHARED = resolve(process.env.BACKSTORY_SHARED ?? '../shared');
const CATEGORY_NAMES = ['backstory-person', 'backstory-place', 'backstory-organization', 'backstory-figure', 'backstory-figure-differs'];
const dataset = JSON.parse(readFileSync(resolve('lib/reference/dataset.json'), 'utf8')) as Dataset;

// The documents stay in ../shared; without them (a bare clone) these tests cannot run, except in CI where
// that is an error. An empty dataset (before the builder has committed one) is the same.
const missing = !existsSync(join(SHARED, 'seeds'))
  ? `../shared/seeds not found at ${SHARED}`
  : dataset.entities.length === 0
    ? 'lib/reference/dataset.json is empty (the dataset builder has not committed one yet)'
    : null;
if (missing && process.env.CI !== 'true') console.warn(`highlights e2e skipped: ${missing}`);
const suite = missing && process.env.CI !== 'true' ? describe.skip : describe;

interface Block {
  start: number;
  end: number;
  text: string;
}

/** The document's paragraphs (runs of non-blank lines) with their offsets, so mentions map to DOM positions. */
function blocksOf(text: string): Block[] {
  const blocks: Block[] = [];
  for (const m of text.matchAll(/\S(?:[^\n]|\n(?![ \t]*\n))*/g)) {
    const body = m[0].replace(/\s+$/, '');
    blocks.push({ start: m.index, end: m.index + body.length, text: body });
  }
  return blocks;
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Records the page's own state before the content script runs (document_idle comes after DOMContentLoaded). */
const RECORDER = `<script>
window.__countNodes = () => { let n = 0; const w = document.createTreeWalker(document, NodeFilter.SHOW_ALL, { acceptNode: (x) => x.nodeType === 1 && x.hasAttribute('data-backstory-layer') ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT }); while (w.nextNode()) n++; return n; };
document.addEventListener('DOMContentLoaded', () => {
  window.__before = { text: document.body.textContent, nodes: window.__countNodes() };
  window.__clicks = 0;
  document.querySelector('article p, article h1').addEventListener('click', () => window.__clicks++);
});
</script>`;

function seedPage(title: string, blocks: Block[], entities: Entity[]): string {
  const names = entities.map((e) => e.name);
  const pick = (i: number) => names[i % Math.max(names.length, 1)] ?? 'World';
  const figureLabel = dataset.figures[0]?.label ?? '';
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${esc(title)}</title>${RECORDER}</head><body>
<header><nav><ul>${names.slice(0, 8).map((n) => `<li><a href="#">${esc(n)}</a></li>`).join('')}</ul></nav></header>
<div class="layout"><main><article>
<h1 data-p="0">${esc(blocks[0]?.text ?? '')}</h1>
${blocks.slice(1).map((b, i) => `<p data-p="${i + 1}">${esc(b.text)}</p>`).join('\n')}
</article></main>
<aside><h2>Most read</h2><ul>${[0, 1, 2, 3].map((i) => `<li><a href="#">${esc(pick(i))} and ${esc(pick(i + 3))}: what we know</a></li>`).join('')}
<li><a href="#">${esc(figureLabel)} in ${esc(pick(5))}</a></li></ul></aside></div>
<footer><p>Coverage of ${esc(pick(1))}, ${esc(pick(2))} and ${esc(pick(6))}. © The Test Gazette</p></footer>
</body></html>`;
}

interface PaintedRange {
  name: string;
  text: string;
  p: number | null;
  start: number;
  end: number;
  sameNode: boolean;
  where: string;
  nodeText: string;
}

/** Every Backstory highlight range, read from the page's own world (CSS.highlights is the document's). */
function paintedRanges(page: Page): Promise<PaintedRange[]> {
  return page.evaluate((names) => {
    const registry = (globalThis as unknown as { CSS: { highlights: Map<string, Set<Range>> } }).CSS.highlights;
    const out: PaintedRange[] = [];
    for (const name of names) {
      for (const r of registry.get(name) ?? []) {
        const el = r.startContainer.parentElement;
        const p = el?.closest('[data-p]')?.getAttribute('data-p');
        out.push({
          name,
          text: r.toString(),
          p: p == null ? null : Number(p),
          start: r.startOffset,
          end: r.endOffset,
          sameNode: r.startContainer === r.endContainer,
          where: el?.closest('header, nav, aside, footer, article')?.tagName.toLowerCase() ?? 'elsewhere',
          nodeText: r.startContainer.textContent ?? '',
        });
      }
    }
    return out;
  }, CATEGORY_NAMES);
}

/** The extension's id for the tab showing `url`, once its content script answers. */
async function tabIdFor(browser: ExtensionBrowser, url: string): Promise<number> {
  let id = -1;
  await expect.poll(async () => (id = await tabShowing(browser, url)), { timeout: 10_000, interval: 100 }).toBeGreaterThanOrEqual(0);
  return id;
}

/** Waits until the page has been read and painted: "settled" comes only after a run ("starting" before it). */
async function settled(browser: ExtensionBrowser, tabId: number): Promise<PageSummary> {
  let last: PageSummary | null = null;
  await expect.poll(async () => (last = await summaryOf(browser, tabId))?.status, { timeout: 20_000, interval: 100 }).toBe('settled');
  return last!;
}

function cardState(page: Page) {
  return page.evaluate(() => {
    const host = document.querySelector('[data-backstory-layer="card"]');
    const dialog = host?.shadowRoot?.querySelector('[role="dialog"]');
    const live = host?.shadowRoot?.querySelector('[aria-live]');
    if (!dialog) return null;
    const rect = dialog.getBoundingClientRect();
    return {
      text: dialog.textContent ?? '',
      top: rect.top,
      bottom: rect.bottom,
      left: rect.left,
      right: rect.right,
      category: dialog.getAttribute('data-category'),
      referenceId: dialog.getAttribute('data-reference-id'),
      live: live?.textContent ?? '',
      visible: rect.width > 0 && rect.height > 0 && rect.top >= 0 && rect.bottom <= innerHeight,
    };
  });
}

const norm = (s: string) => s.toLowerCase().normalize('NFKD').replace(/[^\p{L}\p{N}]+/gu, ' ').trim();

suite('reference highlights in Chromium', () => {
  let browser: ExtensionBrowser;
  let server: PageServer;
  const seeds = missing ? [] : readdirSync(join(SHARED, 'seeds')).filter((f) => f.endsWith('.txt')).sort();

  beforeAll(async () => {
    server = await servePages();
    browser = await launchWithExtension({ diagnostics: true });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  // A test that turns a site or category off and fails midway must not leave it off for the next one.
  afterEach(async () => {
    const [worker] = browser.context.serviceWorkers();
    await worker?.evaluate(() => (globalThis as unknown as { chrome: { storage: { local: { remove(key: string): Promise<void> } } } }).chrome.storage.local.remove('backstory:settings'));
  });

  let opened = 0;
  async function openSeed(file: string) {
    const id = file.replace(/\.txt$/, '');
    const text = readFileSync(join(SHARED, 'seeds', file), 'utf8');
    const doc = dataset.documents.find((d) => d.id === id);
    expect(doc, `dataset has no document ${id}`).toBeDefined();
    expect(createHash('sha256').update(text).digest('hex'), `dataset was built from another version of ${file}`).toBe(doc!.sha256);
    const blocks = blocksOf(text);
    const entities = dataset.entities.filter((e) => e.mentions.some((m) => m.doc === id));
    // A fresh path per opening, so a tab left open by an earlier failure is never mistaken for this one.
    const path = `/seed/${id}-${++opened}.html`;
    server.set(path, seedPage(blocks[0]?.text ?? id, blocks, entities));
    const page = await browser.context.newPage();
    await page.goto(server.origin + path);
    const tabId = await tabIdFor(browser, server.origin + path);
    const summary = await settled(browser, tabId);
    return { id, text, blocks, entities, page, tabId, summary };
  }

  test.each(seeds)('%s: every reference entity and figure is highlighted in the article, nothing elsewhere, the page unchanged', async (file) => {
    const { id, text, blocks, page, tabId, summary } = await openSeed(file);
    const painted = await paintedRanges(page);

    // Nothing in the menu, sidebar or footer, although they name reference entities.
    expect(painted.filter((r) => r.where !== 'article').map((r) => `${r.where}: ${r.text}`)).toEqual([]);

    // Every mention the dataset took from this document is highlighted where it is, in its category.
    const expected = [
      // Misspellings the builder recorded as variants are, by contract, never matched on pages.
      ...dataset.entities.flatMap((e) => e.mentions.filter((m) => m.doc === id && !(e.variants ?? []).includes(text.slice(m.start, m.end))).map((m) => ({ m, names: [`backstory-${e.type}`], what: e.name }))),
      ...dataset.figures.flatMap((f) => f.mentions.filter((m) => m.doc === id).map((m) => ({ m, names: ['backstory-figure', 'backstory-figure-differs'], what: f.label }))),
    ];
    expect(expected.length).toBeGreaterThan(0);
    const misses: string[] = [];
    for (const { m, names, what } of expected) {
      const p = blocks.findIndex((b) => m.start >= b.start && m.end <= b.end);
      if (p < 0) {
        misses.push(`${what}: mention ${m.start}-${m.end} spans paragraphs`);
        continue;
      }
      const start = m.start - blocks[p]!.start;
      const end = m.end - blocks[p]!.start;
      const hit = painted.some((r) => names.includes(r.name) && r.p === p && r.sameNode && r.start < end && r.end > start);
      if (!hit) misses.push(`${what} (${names[0]}) at paragraph ${p} [${start}, ${end}): "${blocks[p]!.text.slice(start, end)}"`);
    }
    expect(misses).toEqual([]);

    // The page's text, node count and listeners are as they were: highlights live outside the DOM.
    const after = await page.evaluate(() => {
      const w = window as unknown as { __before: { text: string; nodes: number }; __countNodes(): number; __clicks: number };
      (document.querySelector('article p, article h1') as HTMLElement).click();
      return { before: w.__before, text: document.body.textContent, nodes: w.__countNodes(), clicks: w.__clicks, marks: document.querySelectorAll('backstory-mark').length };
    });
    expect(after.text).toBe(after.before.text);
    expect(after.nodes).toBe(after.before.nodes);
    expect(after.clicks).toBe(1);
    expect(after.marks).toBe(0);

    // The badge is the number of highlights on the tab.
    expect(summary.total).toBe(painted.length);
    await expect.poll(() => badgeOf(browser, tabId), { timeout: 5000 }).toBe(String(painted.length));
    await page.close();
  });

  test('the card opens on hover and on keyboard focus, and Esc closes it', async () => {
    const { page } = await openSeed(seeds[0]!);
    // Hover: the middle of the first highlight of the article.
    const target = await page.evaluate((names) => {
      const registry = (globalThis as unknown as { CSS: { highlights: Map<string, Set<Range>> } }).CSS.highlights;
      const ranges = names.flatMap((name) => [...(registry.get(name) ?? [])].map((range) => ({ name, range })));
      ranges.sort((a, b) => a.range.compareBoundaryPoints(Range.START_TO_START, b.range));
      const first = ranges[0]!;
      first.range.startContainer.parentElement!.scrollIntoView({ block: 'center' });
      const rect = first.range.getClientRects()[0]!;
      return { name: first.name, text: first.range.toString(), x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 };
    }, CATEGORY_NAMES);
    expect(await cardState(page)).toBeNull();
    await page.mouse.move(target.x, target.y, { steps: 3 });
    await expect.poll(() => cardState(page), { timeout: 5000 }).not.toBeNull();
    const hovered = (await cardState(page))!;
    expect(`backstory-${hovered.category}`).toBe(target.name);
    expect(hovered.visible).toBe(true);
    expect(hovered.live.length).toBeGreaterThan(0); // what a screen reader announces
    const entity = dataset.entities.find((e) => e.id === hovered.referenceId);
    if (entity) {
      expect(hovered.text).toContain(entity.name);
      // The card is about what is under the pointer: the page's text is one of the entity's names.
      expect([entity.name, ...entity.aliases].map(norm).some((a) => norm(target.text).startsWith(a) || a.startsWith(norm(target.text)))).toBe(true);
    } else {
      expect(dataset.figures.some((f) => f.id === hovered.referenceId)).toBe(true);
    }
    await page.keyboard.press('Escape');
    await expect.poll(() => cardState(page)).toBeNull();

    // Moving away from a highlight closes a hover card.
    await page.mouse.move(target.x, target.y);
    await expect.poll(() => cardState(page)).not.toBeNull();
    await page.mouse.move(2, 2);
    await expect.poll(() => cardState(page), { timeout: 3000 }).toBeNull();

    // Keyboard: Alt+Shift+J focuses a highlight (drawn as backstory-focus), scrolls to it, opens its card.
    const focusRange = () =>
      page.evaluate((names) => {
        const registry = (globalThis as unknown as { CSS: { highlights: Map<string, Set<Range>> } }).CSS.highlights;
        const [r] = [...(registry.get('backstory-focus') ?? [])];
        if (!r) return null;
        const same = (a: Range) => a.startContainer === r.startContainer && a.startOffset === r.startOffset && a.endContainer === r.endContainer && a.endOffset === r.endOffset;
        const category = names.find((n) => [...(registry.get(n) ?? [])].some(same))?.replace('backstory-', '') ?? null;
        const rect = r.getBoundingClientRect();
        return {
          text: r.toString(), category, top: rect.top, bottom: rect.bottom, left: rect.left, viewportWidth: innerWidth,
          inView: rect.top >= 0 && rect.bottom <= innerHeight, node: r.startContainer.textContent, at: r.startOffset,
        };
      }, CATEGORY_NAMES);
    /** Whether the open card is the focused highlight's: its category, placed just below or above it (8 px away). */
    const cardOnFocus = async () => {
      const [focus, card] = [await focusRange(), await cardState(page)];
      if (!focus || !card) return false;
      const near = (a: number, b: number) => Math.abs(a - b) <= 2;
      const left = Math.max(8, Math.min(focus.left, focus.viewportWidth - (card.right - card.left) - 8));
      return card.category === focus.category && near(card.left, left) && (near(card.top, focus.bottom + 8) || near(card.bottom, focus.top - 8));
    };
    await page.keyboard.press('Alt+Shift+J');
    await expect.poll(cardOnFocus).toBe(true);
    const first = await focusRange();
    expect(first?.inView).toBe(true);
    await page.keyboard.press('Alt+Shift+J');
    // The focus moves on, and the card with it (a card left open on the first highlight does not count).
    await expect.poll(async () => JSON.stringify(await focusRange())).not.toBe(JSON.stringify(first));
    expect((await focusRange())?.inView).toBe(true);
    await expect.poll(cardOnFocus).toBe(true);
    await page.keyboard.press('Escape');
    await expect.poll(() => cardState(page)).toBeNull();
    expect(await focusRange()).toBeNull();
    await page.close();
  });

  test('the popup turns a category and the site off and on, applied to the open tab at once; the badge follows', async () => {
    const { page, tabId, summary } = await openSeed(seeds[0]!);
    const counts = async () => Object.fromEntries(CATEGORY_NAMES.map((n) => [n, 0]).concat(Object.entries((await paintedRanges(page)).reduce<Record<string, number>>((acc, r) => ((acc[r.name] = (acc[r.name] ?? 0) + 1), acc), {}))));
    const before = await counts();
    const [category] = (Object.entries(summary.byCategory) as [MatchCategory, number][]).sort((a, b) => b[1] - a[1])[0]!;
    expect(before[`backstory-${category}`]).toBeGreaterThan(0);

    const popup = await browser.openExtensionPage(`popup.html?tab=${tabId}`);
    // The popup's one line on what was found opens on the list and this site's controls.
    await popup.locator('[data-section="found"] > summary').click();
    const box = popup.locator(`input[data-control="category"][data-category="${category}"]`);
    await expect.poll(() => box.isChecked()).toBe(true);
    await box.uncheck();
    await expect.poll(async () => (await counts())[`backstory-${category}`], { timeout: 2000 }).toBe(0);
    const without = await counts();
    for (const name of CATEGORY_NAMES) if (name !== `backstory-${category}`) expect(without[name]).toBe(before[name]);
    const rest = summary.total - summary.byCategory[category]!;
    await expect.poll(() => badgeOf(browser, tabId), { timeout: 5000 }).toBe(rest > 0 ? String(rest) : '');

    await box.check();
    await expect.poll(() => counts(), { timeout: 2000 }).toEqual(before);
    await expect.poll(() => badgeOf(browser, tabId), { timeout: 5000 }).toBe(String(summary.total));

    // The found list: choosing an item scrolls the page to it and opens its card.
    const found = popup.locator('[data-section="found"] button[data-reference-id]');
    await expect.poll(() => found.count()).toBe(summary.items.length);
    const last = found.last();
    const wanted = await last.getAttribute('data-reference-id');
    await last.click();
    await expect.poll(async () => (await cardState(page))?.referenceId, { timeout: 3000 }).toBe(wanted);
    expect((await cardState(page))?.visible).toBe(true);

    const site = popup.locator('input[data-control="site"]');
    await expect.poll(() => site.isChecked()).toBe(true);
    await site.uncheck();
    await expect.poll(async () => (await paintedRanges(page)).length, { timeout: 2000 }).toBe(0);
    await expect.poll(() => badgeOf(browser, tabId), { timeout: 5000 }).toBe('');
    await site.check();
    await expect.poll(() => counts(), { timeout: 5000 }).toEqual(before);
    await expect.poll(() => badgeOf(browser, tabId), { timeout: 5000 }).toBe(String(summary.total));

    // The open popup follows the page as it changes: the content script tells it, nobody asks again.
    const total = popup.locator('[data-section="found"] [data-total]');
    await expect.poll(() => total.getAttribute('data-total')).toBe(String(summary.total));
    const name = summary.items
      .map((item) => dataset.entities.find((e) => e.id === item.referenceId)?.name)
      .find((n): n is string => !!n && /^[\p{L} .'-]+$/u.test(n))!;
    expect(name).toBeDefined();
    await page.evaluate((n) => {
      const p = document.createElement('p');
      p.textContent = `Later that day, more news came about ${n}.`;
      document.querySelector('article')!.append(p);
    }, name);
    await expect.poll(() => total.getAttribute('data-total'), { timeout: 5000 }).toBe(String(summary.total + 1));
    await popup.close();
    await page.close();
  });

  test('a living page: added paragraphs are highlighted, removed ones leave no highlight, SPA navigation re-runs', async () => {
    const { page, entities, tabId } = await openSeed(seeds[0]!);
    const total = (await paintedRanges(page)).length;
    const name = entities.find((e) => /^[\p{L} .'-]+$/u.test(e.name))!.name;
    await page.evaluate((n) => {
      const p = document.createElement('p');
      p.id = 'late';
      p.textContent = `Later that day, more news came about ${n}.`;
      document.querySelector('article')!.append(p);
    }, name);
    await expect.poll(async () => (await paintedRanges(page)).filter((r) => r.nodeText.startsWith('Later that day')).map((r) => r.text), { timeout: 3000 }).toContain(name);
    expect((await paintedRanges(page)).length).toBe(total + 1);
    await expect.poll(() => badgeOf(browser, tabId), { timeout: 5000 }).toBe(String(total + 1));

    await page.evaluate(() => document.getElementById('late')!.remove());
    await expect.poll(async () => (await paintedRanges(page)).length, { timeout: 3000 }).toBe(total);
    await expect.poll(() => badgeOf(browser, tabId), { timeout: 5000 }).toBe(String(total));
    expect((await paintedRanges(page)).every((r) => r.text.length > 0)).toBe(true); // no collapsed, stale ranges

    // Single-page navigation: the app swaps the article; highlights follow the new one.
    await page.evaluate((n) => {
      history.pushState({}, '', '/seed/next-story.html');
      const article = document.querySelector('article')!;
      article.replaceChildren();
      const h = document.createElement('h1');
      h.textContent = `A new story about ${n}`;
      const p = document.createElement('p');
      // Another story on the reference's subject (a story about something else would rightly get no highlight).
      p.textContent = `Reporters asked about ${n} again today in Syria, where President Bashar al-Assad spoke.`;
      article.append(h, p);
    }, name);
    await expect.poll(async () => (await paintedRanges(page)).filter((r) => r.where === 'article').map((r) => r.text).sort(), { timeout: 5000 }).toEqual([name, name, 'Syria', 'President Bashar al-Assad'].sort());
    expect((await paintedRanges(page)).filter((r) => r.where !== 'article')).toEqual([]);
    await expect.poll(() => badgeOf(browser, tabId), { timeout: 5000 }).toBe('4');

    // Leaving for a page Backstory does not run on clears the count.
    await page.goto('about:blank');
    await expect.poll(() => badgeOf(browser, tabId), { timeout: 5000 }).toBe('');
    await page.close();
  });

  test('the article is read once per page: the highlights and a note on a selection share one detection', async () => {
    const { page, tabId, blocks } = await openSeed(seeds[0]!);
    // The reader selects a few words of the second paragraph, then asks for a note (as the popup and the
    // add-note command do).
    const words = blocks[2]!.text.split(' ').slice(0, 4).join(' ');
    await page.evaluate((w) => {
      const node = document.querySelector('[data-p="2"]')!.firstChild as Text;
      const range = document.createRange();
      range.setStart(node, 0);
      range.setEnd(node, w.length);
      getSelection()!.removeAllRanges();
      getSelection()!.addRange(range);
    }, words);
    const [worker] = browser.context.serviceWorkers();
    const context = await worker!.evaluate(async (id: number) => {
      const tabs = (globalThis as unknown as { chrome: { tabs: { sendMessage(id: number, m: object): Promise<{ ok: boolean; value: { selection: { quote: { exact: string }; position?: object } | null } }> } } }).chrome.tabs;
      return (await tabs.sendMessage(id, { backstory: 1, type: 'notes/page-context', payload: {} })).value;
    }, tabId);
    expect(context.selection?.quote.exact).toBe(words);
    expect(context.selection?.position).toBeDefined(); // an offset into the article text the highlights were matched in
    // Each detection is published as one `backstory:detected` mark (its tasks, when it runs in steps, as
    // `backstory:detect` measures, which npm run bench reads).
    expect(await page.evaluate(() => performance.getEntriesByName('backstory:detected', 'mark').length)).toBe(1);
    expect(await page.evaluate(() => performance.getEntriesByName('backstory:detect', 'measure').length)).toBeGreaterThanOrEqual(1);
    await page.close();
  });

  test('a figure that differs from the reference is marked so, and its card shows both values and the source', async () => {
    // The largest death toll the reference attributes to a named source, e.g. "more than 70,000 ... per the U.N.".
    const killed = dataset.figures
      .filter((f) => f.counts === 'people killed' && f.attributedToId && f.placeId)
      .sort((a, b) => b.value - a.value)[0];
    expect(killed, 'the dataset has an attributed death toll').toBeDefined();
    const place = dataset.entities.find((e) => e.id === killed!.placeId)!.name;
    const source = dataset.entities.find((e) => e.id === killed!.attributedToId)!.name;
    const lower = Math.round((killed!.value * 0.8) / 1000) * 1000;
    const fmt = (n: number) => n.toLocaleString('en-US');
    // A closing paragraph names more of the reference's subject, so the page is about it (a page naming one
    // country and a source is not, and gets no highlight at all).
    const subjectNames = dataset.entities
      .filter((e) => e.type !== 'place' && e.id !== killed!.attributedToId)
      .sort((a, b) => b.mentions.length - a.mentions.length)
      .slice(0, 3)
      .map((e) => e.name)
      .join(', ');
    // Our own sentences around the reference's names: one figure agreeing with the reference, one lower.
    const path = `/figures-${++opened}.html`;
    // Dated as the reference's figure: a lower count of the same date is a difference, not an earlier estimate.
    server.set(path, `<!doctype html><html><head><title>Toll</title><meta property="article:published_time" content="${killed!.asOf ?? ''}"></head><body><nav><a href="#">${esc(place)}</a></nav><article>
      <h1>The toll in ${esc(place)}</h1>
      <p>The ${esc(source)} says more than ${fmt(killed!.value)} people have been killed in ${esc(place)} so far.</p>
      <p>A rival count put the number at ${fmt(lower)} people killed in ${esc(place)}.</p>
      <p>${esc(subjectNames)} were named again this week.</p></article></body></html>`);
    const page = await browser.context.newPage();
    await page.goto(server.origin + path);
    const tabId = await tabIdFor(browser, server.origin + path);
    await settled(browser, tabId);
    const painted = await paintedRanges(page);
    const differs = painted.filter((r) => r.name === 'backstory-figure-differs');
    expect(differs.map((r) => r.text).join(' ')).toContain(fmt(lower));
    expect(painted.filter((r) => r.name === 'backstory-figure').map((r) => r.text).join(' ')).toContain(fmt(killed!.value));

    const point = await page.evaluate(() => {
      const registry = (globalThis as unknown as { CSS: { highlights: Map<string, Set<Range>> } }).CSS.highlights;
      const [r] = [...(registry.get('backstory-figure-differs') ?? [])];
      const rect = r!.getClientRects()[0]!;
      return { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 };
    });
    await page.mouse.move(point.x, point.y, { steps: 2 });
    await expect.poll(() => cardState(page), { timeout: 5000 }).not.toBeNull();
    const card = (await cardState(page))!;
    expect(card.category).toBe('figure-differs');
    expect(card.text).toContain(fmt(lower));
    expect(card.text).toContain(fmt(killed!.value));
    expect(card.text).toContain(source);
    expect(card.live).toMatch(/differs/i);
    await page.close();
  });

  const corpus = missing || !existsSync(join(SHARED, 'corpus'))
    ? []
    : readdirSync(join(SHARED, 'corpus')).filter((d) => {
        const meta = join(SHARED, 'corpus', d, 'meta.json');
        return existsSync(meta) && (JSON.parse(readFileSync(meta, 'utf8')) as { syria_terms_only_outside_article?: boolean }).syria_terms_only_outside_article === true;
      });

  test.each(corpus)('corpus %s: Syria terms only outside the article get no highlight outside it', async (name) => {
    const dir = join(SHARED, 'corpus', name);
    const path = `/corpus/${name}.html`;
    server.set(path, readFileSync(join(dir, 'page.html'), 'utf8'));
    const expected = norm(readFileSync(join(dir, 'expected.txt'), 'utf8'));
    const page = await browser.context.newPage();
    // Some of these pages are megabytes of markup: parsing one on a loaded two-core machine can pass playwright's
    // default 30 s (a test's budget here is 120 s).
    await page.goto(server.origin + path, { waitUntil: 'domcontentloaded', timeout: 60_000 });
    const tabId = await tabIdFor(browser, server.origin + path);
    await settled(browser, tabId);
    const outside = (await paintedRanges(page)).filter((r) => !expected.includes(norm(r.nodeText))).map((r) => `${r.name}: "${r.text}" in "${r.nodeText.trim().slice(0, 80)}"`);
    expect(outside).toEqual([]);
    await page.close();
  });
});
