// Notes written where the reader reads, in Chromium with the built extension: the adder on a selection (by mouse
// and by keyboard alone), the inline composer in Backstory's own frame (Ctrl+Enter saves), Highlight (a quote
// alone), Undo and Restore, the card as a keyboard dialog and its Add note, the note tooltip beside the card, off
// means off, and axe-core on the page with the card and the adder open. Screenshots of each, in light and dark,
// go to test-results/ (the README's are copied from there).
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import type { Frame, Page } from 'playwright-core';
import { launchWithExtension, selectText, servePages, tabIdFor, type ExtensionBrowser, type PageServer } from './harness';
import { summaryOf } from '../../scripts/page-summary';
import { clearNotes } from './notes-state';
import { dragSelect, noteFrameBox, noteHighlights, noteTooltipText, recordNoteFrame, shownNoteFrame, textBox } from './note-frame';
import type { Annotation } from '../../lib/notes/types';

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const SHOTS = resolve('test-results');

const ARTICLE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Syria death toll passes 60,000, UN says</title></head>
<body>
<header><nav aria-label="Sections"><a href="/">Home</a> · <a href="/world">World</a></nav></header>
<main><article>
<h1>Syria death toll passes 60,000, UN says</h1>
<p>More than 60,000 people have been killed in the Syrian conflict since March 2011, according to the UN.</p>
<p>Navi Pillay, the UN high commissioner for human rights, said the number of casualties was "much higher than we expected, and is truly shocking". <a href="#analysis">Read the analysis</a></p>
<p>The analysis, which took five months, cross-referenced seven sources, including the Syrian government, to produce a list of 59,648 individuals.</p>
<p>Fighting continued on Wednesday in Aleppo and in the suburbs of Damascus, activists said.</p>
</article></main>
<aside><h2>Your comment</h2><form><label>Comment <textarea id="comment">Aleppo is where the fighting is worst</textarea></label>
<label>Search <input id="search" value="Aleppo fighting"></label><div id="editor" contenteditable="true" aria-label="Draft"><p>An editor of the page about Aleppo</p></div></form></aside>
</body></html>`;

let browser: ExtensionBrowser;
let server: PageServer;
let opened = 0;

beforeAll(async () => {
  server = await servePages();
  browser = await launchWithExtension({ viewport: { width: 1000, height: 720 } });
  mkdirSync(SHOTS, { recursive: true });
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});
beforeEach(async () => {
  await clearNotes(browser);
});
afterEach(async () => {
  await setSiteOff(false);
});

/** A fresh copy of the article (or of `html`) at its own address, read and painted. */
async function openArticle(html = ARTICLE): Promise<Page> {
  const path = `/world/syria-toll-${++opened}`;
  server.set(path, html);
  const page = await browser.context.newPage();
  await page.goto(server.origin + path);
  const tabId = await tabIdFor(browser, page.url());
  await expect.poll(async () => (await summaryOf(browser, tabId))?.status, { timeout: 20_000 }).toBe('settled');
  return page;
}

/** Every note in the database, read from one of Backstory's pages. */
async function storedNotes(): Promise<Annotation[]> {
  const page = await browser.openExtensionPage('options.html');
  const notes = await page.evaluate(async () => {
    const open = indexedDB.open('backstory-notes');
    const db: IDBDatabase = await new Promise((ok, ko) => { open.onsuccess = () => ok(open.result); open.onerror = () => ko(open.error); });
    const all = db.transaction('annotations').objectStore('annotations').getAll();
    const rows = await new Promise<unknown[]>((ok, ko) => { all.onsuccess = () => ok(all.result); all.onerror = () => ko(all.error); });
    db.close();
    return rows;
  });
  await page.close();
  return notes as Annotation[];
}

async function setSiteOff(off: boolean): Promise<void> {
  const [worker] = browser.context.serviceWorkers();
  await worker?.evaluate(async (disabled: boolean) => {
    const storage = (globalThis as unknown as { chrome: { storage: { local: { set(v: object): Promise<void>; remove(k: string): Promise<void> } } } }).chrome.storage.local;
    if (disabled) await storage.set({ 'backstory:settings': { disabledSites: ['127.0.0.1'], categories: {} } });
    else await storage.remove('backstory:settings');
  }, off);
}

const adder = (page: Page) => page.locator('[data-backstory-layer="adder"] .adder');
const adderButton = (page: Page, name: string) => page.locator('[data-backstory-layer="adder"]').getByRole('button', { name, exact: true });

/** The composer's frame once it shows, with the keyboard in its note field. */
async function composerReady(page: Page): Promise<Frame> {
  let frame: Frame | null = null;
  await expect.poll(async () => (frame = await shownNoteFrame(page, 'composer')) !== null, { timeout: 10_000 }).toBe(true);
  await expect.poll(() => frame!.evaluate(() => document.hasFocus() && document.activeElement?.id)).toBe('note');
  return frame!;
}

/** What the page's document has in focus, seen through Backstory's open roots (the card, the adder). */
function focusOnPage(page: Page): Promise<{ layer: string | null; inside: string | null; text: string | null }> {
  return page.evaluate(() => {
    const active = document.activeElement as HTMLElement | null;
    const layer = active?.getAttribute('data-backstory-layer') ?? null;
    const inner = active?.shadowRoot?.activeElement as HTMLElement | null | undefined;
    return {
      layer,
      inside: inner ? (inner.getAttribute('role') ?? inner.tagName.toLowerCase()) + (inner.textContent ? `:${inner.textContent.trim().slice(0, 20)}` : '') : null,
      text: active && !layer ? active.textContent : null,
    };
  });
}

async function axeViolations(target: Page | Frame, include?: string[]): Promise<string[]> {
  await target.evaluate(AXE);
  const result = await target.evaluate(async (selectors) => {
    const axe = (globalThis as unknown as { axe: { run(ctx: unknown, o: unknown): Promise<{ violations: { id: string; help: string; nodes: { target: unknown[] }[] }[] }> } }).axe;
    const context = selectors ? { include: selectors.map((s) => [s]) } : document;
    return axe.run(context, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } });
  }, include ?? null);
  return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')})`);
}

async function shot(page: Page, name: string, box: { x: number; y: number; width: number; height: number } | null, margin = 24): Promise<void> {
  if (!box) throw new Error(`nothing to photograph for ${name}`);
  const clip = { x: Math.max(0, box.x - margin), y: Math.max(0, box.y - margin), width: box.width + 2 * margin, height: box.height + 2 * margin };
  await page.screenshot({ path: resolve(SHOTS, `${name}.png`), clip });
}

describe('the adder on a selection', () => {
  test('by mouse: Note opens the composer by the words, Ctrl+Enter saves, the words are highlighted, no popup; Undo and Restore', async () => {
    const page = await openArticle();
    const pagesBefore = browser.context.pages().length;
    await dragSelect(page, 'Navi Pillay');
    await expect.poll(() => adder(page).count()).toBe(1);
    expect(await adder(page).getAttribute('role')).toBe('toolbar');
    // The toolbar sits by the selection, not somewhere else on the page.
    const words = await textBox(page, 'Navi Pillay');
    const toolbar = (await adder(page).boundingBox())!;
    expect(Math.abs(toolbar.y - (words.bottom + 8))).toBeLessThanOrEqual(2);

    await adderButton(page, 'Note').click();
    const composer = await composerReady(page);
    expect(await adder(page).count()).toBe(0);
    expect(await composer.getByTestId('composer-quote').textContent()).toBe('Navi Pillay');
    // Placed just below the words it notes.
    const box = (await noteFrameBox(page, 'composer'))!;
    expect(box.y).toBeGreaterThanOrEqual(words.bottom);
    expect(box.y).toBeLessThanOrEqual(words.bottom + 12);

    await page.keyboard.type('Check her exact words');
    await page.keyboard.press('Tab');
    await page.keyboard.type('quotes, UN');
    await page.keyboard.press('Control+Enter');
    await expect.poll(() => noteHighlights(page)).toEqual(['Navi Pillay']);
    expect(await shownNoteFrame(page, 'composer')).toBeNull();
    await expect.poll(() => adder(page).textContent()).toBe('Note savedUndo');

    const [note] = await storedNotes();
    expect(note).toMatchObject({ url: page.url(), title: 'Syria death toll passes 60,000, UN says', text: 'Check her exact words', tags: ['quotes', 'UN'] });
    expect(note!.target?.quote.exact).toBe('Navi Pillay');
    expect(browser.context.pages().length).toBe(pagesBefore); // no popup, no window

    // Undo puts the note in the trash and takes its highlight off; Restore brings both back.
    await adderButton(page, 'Undo').click();
    await expect.poll(() => noteHighlights(page)).toEqual([]);
    expect(await storedNotes()).toEqual([]);
    await expect.poll(() => adder(page).textContent()).toBe('Note deletedRestore');
    await adderButton(page, 'Restore').click();
    await expect.poll(() => noteHighlights(page)).toEqual(['Navi Pillay']);
    expect((await storedNotes()).map((n) => n.id)).toEqual([note!.id]);
    await page.close();
  });

  test('Highlight saves the quote alone, linked to the reference item it lies on; a click elsewhere or Esc closes the toolbar', async () => {
    const page = await openArticle();
    await dragSelect(page, 'in Aleppo and');
    await expect.poll(() => adder(page).count()).toBe(1);
    await page.mouse.click(5, 700);
    await expect.poll(() => adder(page).count()).toBe(0);

    await dragSelect(page, 'in Aleppo and');
    await expect.poll(() => adder(page).count()).toBe(1);
    await page.keyboard.press('Escape');
    await expect.poll(() => adder(page).count()).toBe(0);

    await dragSelect(page, 'in Aleppo and');
    await adderButton(page, 'Highlight').click();
    await expect.poll(() => noteHighlights(page)).toEqual(['in Aleppo and']);
    const [note] = await storedNotes();
    expect(note).toMatchObject({ text: '', tags: [], reference: { kind: 'entity', label: 'Aleppo' } });
    expect(note!.target?.quote.exact).toBe('in Aleppo and');
    await expect.poll(() => adder(page).textContent()).toBe('Highlight savedUndo');
    await page.close();
  });

  test('never on the page\'s own fields and editors', async () => {
    const page = await openArticle();
    for (const [text, scope] of [['Aleppo is where', '#comment'], ['Aleppo fighting', '#search'], ['An editor of the page', '#editor']] as const) {
      const field = page.locator(scope);
      if (scope === '#editor') {
        await dragSelect(page, text, scope);
      } else {
        // Text in a field is selected inside the field: a triple click selects it all.
        await field.click({ clickCount: 3 });
        await expect.poll(() => field.evaluate((f: HTMLInputElement) => f.selectionEnd! - f.selectionStart!)).toBeGreaterThan(0);
      }
      await page.waitForTimeout(250); // what the adder would have taken to show (no state to wait for: it must not)
      expect(await adder(page).count()).toBe(0);
      await page.keyboard.press('Alt+Shift+M');
      expect(await adder(page).count()).toBe(0);
    }
    await page.close();
  });

  test('by keyboard alone: the add-note key opens the toolbar on the selection, Enter opens the composer, Ctrl+Enter saves', async () => {
    const page = await openArticle();
    await selectText(page, 'seven sources', 'article');
    // A selection set without the pointer or keys (as a page's script could) shows nothing by itself.
    await page.waitForTimeout(250);
    expect(await adder(page).count()).toBe(0);

    await page.keyboard.press('Alt+Shift+M');
    await expect.poll(() => focusOnPage(page)).toEqual({ layer: 'adder', inside: 'button:Note', text: null });
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => focusOnPage(page)).toMatchObject({ inside: 'button:Highlight' });
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('Enter');
    const composer = await composerReady(page);
    await page.keyboard.type('Which seven?');
    await page.keyboard.press('Tab');
    await page.keyboard.type('sources');
    // Tab reaches Save and Cancel too.
    await page.keyboard.press('Tab');
    expect(await composer.evaluate(() => document.activeElement?.textContent)).toBe('Save');
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Control+Enter');
    await expect.poll(() => noteHighlights(page)).toEqual(['seven sources']);
    // The keyboard is back on the page, and the saved note's toolbar message can be reached and dismissed.
    await expect.poll(() => adder(page).textContent()).toBe('Note savedUndo');
    expect((await storedNotes())[0]).toMatchObject({ text: 'Which seven?', tags: ['sources'] });

    // Esc closes the composer and hands the selection back, with what was typed kept for the same words.
    await selectText(page, 'five months', 'article');
    await page.keyboard.press('Alt+Shift+M');
    await expect.poll(() => focusOnPage(page)).toMatchObject({ layer: 'adder', inside: 'button:Note' });
    await page.keyboard.press('Enter');
    await composerReady(page);
    await page.keyboard.type('half a thought');
    await page.keyboard.press('Escape');
    await expect.poll(() => shownNoteFrame(page, 'composer')).toBeNull();
    expect(await page.evaluate(() => getSelection()!.toString())).toBe('five months');
    await page.keyboard.press('Alt+Shift+M');
    await expect.poll(() => focusOnPage(page)).toMatchObject({ layer: 'adder', inside: 'button:Note' });
    await page.keyboard.press('Enter');
    const again = await composerReady(page);
    expect(await again.evaluate(() => (document.getElementById('note') as HTMLTextAreaElement).value)).toBe('half a thought');
    await page.keyboard.press('Escape');
    await page.close();
  });

  test('the add-note command reaches the page: the background\'s message opens the toolbar, focused, or says there is nothing to note', async () => {
    const page = await openArticle();
    const tabId = await tabIdFor(browser, page.url());
    const [worker] = browser.context.serviceWorkers();
    const command = () => worker!.evaluate(async (id: number) => {
      const tabs = (globalThis as unknown as { chrome: { tabs: { sendMessage(id: number, m: object, o: object): Promise<{ ok: boolean; value: boolean }> } } }).chrome.tabs;
      return (await tabs.sendMessage(id, { backstory: 1, type: 'notes/page-adder', payload: {} }, { frameId: 0 })).value;
    }, tabId);
    expect(await command()).toBe(false); // nothing selected: the background opens the popup's composer instead
    await selectText(page, 'suburbs of Damascus', 'article');
    expect(await command()).toBe(true);
    await expect.poll(() => focusOnPage(page)).toEqual({ layer: 'adder', inside: 'button:Note', text: null });
    await page.close();
  });
});

describe('the card', () => {
  test('opened from the keyboard it takes the focus, is read whole, scrolls, keeps Tab inside; Esc puts the keyboard back at its highlight', async () => {
    const page = await openArticle();
    await page.mouse.click(5, 700); // the page has the keyboard; the pointer rests on no highlight
    await page.keyboard.press('Alt+Shift+J');
    const card = page.locator('[data-backstory-layer="card"] [role="dialog"]');
    await expect.poll(() => card.count()).toBe(1);
    await expect.poll(() => focusOnPage(page)).toEqual({ layer: 'card', inside: 'dialog:' + ((await card.textContent()) ?? '').trim().slice(0, 20), text: null });
    const title = await card.locator('h2').textContent();
    expect(title).toBe('Syria');
    // What a screen reader hears as the focus arrives: the dialog's name and its whole content as description.
    const spoken = await card.evaluate((dialog) => {
      const root = dialog.getRootNode() as ShadowRoot;
      return {
        name: root.getElementById(dialog.getAttribute('aria-labelledby')!)?.textContent,
        description: root.getElementById(dialog.getAttribute('aria-describedby')!)?.textContent ?? '',
      };
    });
    expect(spoken.name).toBe('Syria');
    expect(spoken.description.length).toBeGreaterThan(200);
    expect(spoken.description).toContain('Reference figures');

    // A long card scrolls from the keyboard.
    const scroll = () => card.evaluate((d) => ({ top: d.scrollTop, room: d.scrollHeight - d.clientHeight }));
    expect((await scroll()).room).toBeGreaterThan(0);
    // The close button and Add note stay in view at the top and at the bottom, wherever the card is scrolled.
    const controlsInView = () => card.evaluate((d) => {
      const box = d.getBoundingClientRect();
      return [...d.querySelectorAll('button')].map((b) => {
        const r = b.getBoundingClientRect();
        const x = (r.left + r.right) / 2;
        const y = (r.top + r.bottom) / 2;
        const hit = (d.getRootNode() as ShadowRoot).elementFromPoint(x, y);
        return `${b.textContent}:${r.top >= box.top && r.bottom <= box.bottom && hit === b}`;
      });
    });
    expect(await controlsInView()).toEqual(['×:true', 'Add note:true']);
    await page.keyboard.press('PageDown');
    await expect.poll(async () => (await scroll()).top).toBeGreaterThan(0);
    // Read once the scroll has come to rest: a smooth scroll still under way moves the card's content under them.
    await expect.poll(controlsInView).toEqual(['×:true', 'Add note:true']);

    // Tab goes round the card's controls.
    await page.keyboard.press('Tab');
    await expect.poll(() => focusOnPage(page)).toMatchObject({ layer: 'card', inside: 'button:×' });
    await page.keyboard.press('Tab');
    await expect.poll(() => focusOnPage(page)).toMatchObject({ layer: 'card', inside: 'button:Add note' });
    await page.keyboard.press('Tab');
    await expect.poll(() => focusOnPage(page)).toMatchObject({ layer: 'card', inside: 'button:×' });

    await page.keyboard.press('Escape');
    await expect.poll(() => card.count()).toBe(0);
    // The caret is at the highlight, so the next Tab goes to the first control after it on the page.
    expect(await page.evaluate(() => {
      const s = getSelection()!;
      return { collapsed: s.isCollapsed, in: s.anchorNode?.parentElement?.tagName };
    })).toEqual({ collapsed: true, in: 'H1' });
    await page.keyboard.press('Tab');
    await expect.poll(() => focusOnPage(page)).toEqual({ layer: null, inside: null, text: 'Read the analysis' });

    // Alt+Shift+K, the previous highlight, is a page key as well as a command.
    await page.keyboard.press('Alt+Shift+K');
    await expect.poll(() => card.count()).toBe(1);
    await page.keyboard.press('Escape');
    await page.close();
  });

  test('Add note from the card opens the composer on its highlight, linked to its item; the note keeps the link', async () => {
    const page = await openArticle();
    await page.mouse.click(5, 700); // the page has the keyboard; the pointer rests on no highlight
    await page.keyboard.press('Alt+Shift+J');
    await expect.poll(() => focusOnPage(page)).toMatchObject({ layer: 'card' });
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await expect.poll(() => focusOnPage(page)).toMatchObject({ inside: 'button:Add note' });
    await page.keyboard.press('Enter');
    const composer = await composerReady(page);
    expect(await page.locator('[data-backstory-layer="card"] [role="dialog"]').count()).toBe(0);
    expect(await composer.getByTestId('composer-quote').textContent()).toBe('Syria');
    expect(await composer.getByTestId('composer-reference').textContent()).toBe('On Syria');
    await page.keyboard.type('The country, not the government');
    await page.keyboard.press('Control+Enter');
    await expect.poll(() => noteHighlights(page)).toEqual(['Syria']);
    const [note] = await storedNotes();
    expect(note).toMatchObject({ text: 'The country, not the government', reference: { kind: 'entity', label: 'Syria' } });
    expect(note!.target?.quote.exact).toBe('Syria');
    await page.close();
  });

  /**
   * Notes "Aleppo", clicks away at `clickAway`, and hovers the word until its card and its note tooltip show. `boxes`
   * reads the card's and the tooltip's boxes, how much they cover each other, and how many of them cover the word
   * (null while either is not shown); `shown` waits until both show.
   */
  async function hoverNotedAleppo(page: Page, clickAway: { x: number; y: number }) {
    await dragSelect(page, 'Aleppo');
    await adderButton(page, 'Note').click();
    await composerReady(page);
    await page.keyboard.type('Eastern districts only');
    await page.keyboard.press('Control+Enter');
    await expect.poll(() => noteHighlights(page)).toEqual(['Aleppo']);
    await page.mouse.click(clickAway.x, clickAway.y);

    const word = await textBox(page, 'Aleppo');
    const recorded = await recordNoteFrame(page, 'tooltip');
    await page.mouse.move((word.left + word.right) / 2, (word.top + word.bottom) / 2, { steps: 3 });
    const card = page.locator('[data-backstory-layer="card"] [role="dialog"]');
    await expect.poll(() => card.count()).toBe(1);
    await expect.poll(() => noteTooltipText(page)).toContain('Eastern districts only');
    const boxes = async () => {
      const cardBox = await card.boundingBox();
      const tipBox = await noteFrameBox(page, 'tooltip');
      if (!cardBox || !tipBox) return null;
      const overlap = Math.max(0, Math.min(cardBox.x + cardBox.width, tipBox.x + tipBox.width) - Math.max(cardBox.x, tipBox.x))
        * Math.max(0, Math.min(cardBox.y + cardBox.height, tipBox.y + tipBox.height) - Math.max(cardBox.y, tipBox.y));
      const onWord = [cardBox, tipBox].filter((b) => b.y < word.bottom && b.y + b.height > word.top).length;
      return { card: cardBox, tip: tipBox, overlap, onWord };
    };
    /** The boxes once both show (the card opens after a hover delay, the tooltip once its frame has drawn it). */
    const shown = async () => {
      let both: Awaited<ReturnType<typeof boxes>> = null;
      await expect.poll(async () => (both = await boxes()) !== null).toBe(true);
      return both!;
    };
    return { word, boxes, shown, recorded };
  }

  test('the note tooltip and the card never cover each other on a noted highlight', async () => {
    const page = await openArticle();
    const { shown } = await hoverNotedAleppo(page, { x: 5, y: 700 });
    const { overlap, onWord } = await shown();
    expect(overlap).toBe(0);
    // Neither covers the word itself.
    expect(onWord).toBe(0);

    // Selecting the noted words: the adder shows, and the tooltip never covers it.
    await page.keyboard.press('Escape');
    await dragSelect(page, 'in Aleppo and');
    await expect.poll(() => adder(page).count()).toBe(1);
    const toolbar = (await adder(page).boundingBox())!;
    const tip = await noteFrameBox(page, 'tooltip');
    if (tip) expect(tip.y >= toolbar.y + toolbar.height || tip.y + tip.height <= toolbar.y || tip.x >= toolbar.x + toolbar.width || tip.x + tip.width <= toolbar.x).toBe(true);
    await page.close();
  });

  test('the note tooltip, once shown, stays shown every frame while the pointer rests on its note', async () => {
    const page = await openArticle();
    const { shown, recorded } = await hoverNotedAleppo(page, { x: 5, y: 700 });
    await shown();
    // Some frames more with the pointer still: the card's own placing, its size settling, the tooltip's redraws.
    await page.waitForTimeout(500);
    const samples = await recorded();
    const first = samples.findIndex((s) => s.shown);
    expect(first).toBeGreaterThanOrEqual(0);
    const after = samples.slice(first);
    expect(after.length).toBeGreaterThan(10);
    expect(after.filter((s) => !s.shown).length, JSON.stringify(samples.map((s) => s.shown))).toBe(0);
    await page.close();
  });

  test('a card that grows after both were placed (a font arriving late) is placed again, and the note tooltip makes way', async () => {
    // The article low on the screen: the card opens above the word and the tooltip below it.
    const page = await openArticle(ARTICLE.replace('<main>', '<main style="display: block; padding-top: 380px">'));
    const { word, boxes, shown } = await hoverNotedAleppo(page, { x: 5, y: 5 });
    const before = await shown();
    expect(before.card.y + before.card.height).toBeLessThanOrEqual(word.top);
    expect(before.tip.y).toBeGreaterThanOrEqual(word.bottom);
    expect(before.overlap).toBe(0);

    // The card's text takes more room once both are placed, as when a font it names arrives late. Growing where it
    // stands, the card would come down over the word and the tooltip.
    await page.evaluate(() => {
      const style = document.createElement('style');
      style.textContent = '.card { line-height: 1.9; }';
      document.querySelector('[data-backstory-layer="card"]')!.shadowRoot!.append(style);
    });
    await expect.poll(async () => (await boxes())?.card.height ?? 0).toBeGreaterThan(before.card.height + 20);
    await expect.poll(async () => {
      const now = await boxes();
      return now && { overlap: now.overlap, onWord: now.onWord, tooltipShown: now.tip.height > 0 };
    }).toEqual({ overlap: 0, onWord: 0, tooltipShown: true });
    await page.close();
  });
});

test('when Chrome stops the idle background, the frames come back: the tooltip shows and the composer saves', async () => {
  const page = await openArticle();
  await dragSelect(page, 'Navi Pillay');
  await adderButton(page, 'Note').click();
  await composerReady(page);
  await page.keyboard.type('Before the restart');
  await page.keyboard.press('Control+Enter');
  await expect.poll(() => noteHighlights(page)).toEqual(['Navi Pillay']);
  await page.mouse.click(5, 700);
  const word = await textBox(page, 'Navi Pillay');
  await page.mouse.move((word.left + word.right) / 2, (word.top + word.bottom) / 2, { steps: 2 });
  await expect.poll(() => noteTooltipText(page)).toContain('Before the restart');
  await page.mouse.move(5, 700);
  await expect.poll(() => noteTooltipText(page)).toBeNull();

  // What Chrome does to an idle extension service worker: stop it (the frames' ports through it close).
  // A mark in the running worker tells the restarted one from it.
  await browser.context.serviceWorkers()[0]!.evaluate(() => Object.assign(globalThis, { beforeTheStop: true }));
  const cdp = await browser.context.newCDPSession(page);
  const { targetInfos } = await cdp.send('Target.getTargets');
  const background = targetInfos.find((t) => t.type === 'service_worker' && t.url.startsWith(`chrome-extension://${browser.extensionId}/`));
  expect((await cdp.send('Target.closeTarget', { targetId: background!.targetId })).success).toBe(true);
  await cdp.detach();

  await page.mouse.move((word.left + word.right) / 2, (word.top + word.bottom) / 2, { steps: 2 });
  await expect.poll(() => noteTooltipText(page), { timeout: 10_000 }).toContain('Before the restart');
  await page.mouse.move(5, 700);
  await dragSelect(page, 'five months');
  await adderButton(page, 'Note').click();
  await composerReady(page);
  await page.keyboard.type('After the restart');
  // The reader pauses long enough for Chrome to stop the background again: the composer and its words stay.
  const cdp2 = await browser.context.newCDPSession(page);
  const second = (await cdp2.send('Target.getTargets')).targetInfos.find((t) => t.type === 'service_worker' && t.url.startsWith(`chrome-extension://${browser.extensionId}/`));
  await cdp2.send('Target.closeTarget', { targetId: second!.targetId });
  await cdp2.detach();
  await page.keyboard.type(', and after another');
  await page.keyboard.press('Control+Enter');
  await expect.poll(() => noteHighlights(page)).toContain('five months');
  expect((await storedNotes()).map((n) => n.text)).toContain('After the restart, and after another');
  // It was a new worker that joined the frames.
  const [restarted] = browser.context.serviceWorkers();
  expect(await restarted!.evaluate(() => 'beforeTheStop' in globalThis)).toBe(false);
  await page.close();
});

test('off for the site means off: note highlights go with the reference highlights, and the adder does not show', async () => {
  const page = await openArticle();
  await dragSelect(page, 'Navi Pillay');
  await adderButton(page, 'Highlight').click();
  await expect.poll(() => noteHighlights(page)).toEqual(['Navi Pillay']);
  await page.mouse.click(5, 700);

  await setSiteOff(true);
  await expect.poll(() => page.evaluate(() => [...(CSS as unknown as { highlights: Map<string, Set<Range>> }).highlights].filter(([, h]) => h.size > 0).map(([n]) => n))).toEqual([]);
  await dragSelect(page, 'five months');
  await page.waitForTimeout(250); // the time the adder takes to show; nothing to wait for, as it must not
  expect(await adder(page).count()).toBe(0);
  const box = await textBox(page, 'Navi Pillay');
  await page.mouse.move((box.left + box.right) / 2, (box.top + box.bottom) / 2, { steps: 2 });
  await page.waitForTimeout(250);
  expect(await noteTooltipText(page)).toBeNull();

  await setSiteOff(false);
  await expect.poll(() => noteHighlights(page), { timeout: 10_000 }).toEqual(['Navi Pillay']);
  await dragSelect(page, 'five months');
  await expect.poll(() => adder(page).count()).toBe(1);
  await page.close();
});

test('axe-core finds nothing on the page with the card and the adder open, nor in the composer and tooltip; screenshots in light and dark', async () => {
  for (const scheme of ['light', 'dark'] as const) {
    const page = await openArticle();
    await page.emulateMedia({ colorScheme: scheme });
    // The adder on a selection, and the card open beside it from the keyboard.
    await dragSelect(page, 'Navi Pillay');
    await expect.poll(() => adder(page).count()).toBe(1);
    await shot(page, `adder-${scheme}`, await adder(page).boundingBox(), 40);
    await page.keyboard.press('Alt+Shift+J');
    const card = page.locator('[data-backstory-layer="card"] [role="dialog"]');
    await expect.poll(() => card.count()).toBe(1);
    await expect.poll(() => adder(page).count()).toBe(1);
    expect(await axeViolations(page, ['[data-backstory-layer="card"]', '[data-backstory-layer="adder"]'])).toEqual([]);
    await shot(page, `card-${scheme}`, await card.boundingBox(), 16);
    await page.keyboard.press('Escape');
    await expect.poll(() => card.count()).toBe(0);

    // The composer, in its frame.
    await dragSelect(page, 'Navi Pillay');
    await adderButton(page, 'Note').click();
    const composer = await composerReady(page);
    await page.keyboard.type('Check her exact words against the UN transcript.');
    expect(await axeViolations(composer)).toEqual([]);
    await shot(page, `composer-${scheme}`, await noteFrameBox(page, 'composer'));
    await page.keyboard.press('Control+Enter');
    await expect.poll(() => noteHighlights(page)).toContain('Navi Pillay');
    await page.mouse.click(5, 700);

    // The tooltip, in its frame.
    const word = await textBox(page, 'Navi Pillay');
    await page.mouse.move((word.left + word.right) / 2, (word.top + word.bottom) / 2, { steps: 2 });
    await expect.poll(() => noteTooltipText(page)).toContain('Check her exact words');
    expect(await axeViolations((await shownNoteFrame(page, 'tooltip'))!)).toEqual([]);
    await shot(page, `tooltip-${scheme}`, await noteFrameBox(page, 'tooltip'), 40);
    await page.mouse.move(5, 700);
    await expect.poll(() => noteTooltipText(page)).toBeNull();
    await page.close();
  }
});
