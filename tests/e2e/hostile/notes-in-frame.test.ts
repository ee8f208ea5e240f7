// A page that wants the reader's notes, in Chromium with the built extension. It defines every custom element name
// Backstory might use, listens for every event on its window and document (capture, before anyone else), watches
// its whole document for changes, presses Backstory's buttons and moves the selection into notes from script. The
// reader meanwhile writes a note with the adder and reads it in the tooltip. The page must learn nothing of the
// note's text or tags (not from events, keys, messages or its document, closed shadow roots included), must not
// make Backstory save, open or show anything, and must not switch it off.
import { afterAll, beforeAll, beforeEach, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { launchWithExtension, servePages, tabIdFor, type ExtensionBrowser, type PageServer } from '../harness';
import { summaryOf } from '../../../scripts/page-summary';
import { clearNotes } from '../notes-state';
import { dragSelect, noteHighlights, noteTooltipText, shownNoteFrame } from '../note-frame';

const SECRET = 'Source-Kilo-7741 met me at the bakery';
const SECRET_TAG = 'informant-x93';

// Runs before any of Backstory's code: the page's spy.
const SPY = `<script>
(() => {
  const log = [];
  window.__spy = log;
  const text = (value) => { try { return typeof value === 'string' ? value : JSON.stringify(value); } catch { return String(value); } };
  const record = (kind, data) => log.push(kind + ' ' + text(data));
  const NAMES = ['backstory-card', 'backstory-note-tip', 'backstory-layer', 'backstory-adder', 'backstory-composer', 'backstory-frame',
    'backstory-note', 'backstory-tooltip', 'backstory-root', 'backstory-ui', 'backstory-highlight'];
  for (const name of NAMES) {
    customElements.define(name, class extends HTMLElement {
      constructor() { super(); record('upgraded', name); try { this.internals = this.attachInternals(); } catch {} }
      connectedCallback() { record('connected', name + ' ' + this.textContent); }
    });
  }
  const describe = (e) => {
    const path = (e.composedPath ? e.composedPath() : []).map((n) => (n && n.nodeName) || String(n)).join('>');
    const target = e.target && e.target.nodeType === 1 ? e.target.outerHTML.slice(0, 300) : String(e.target && e.target.nodeName);
    return { key: e.key, code: e.code, data: e.data, origin: e.origin, inputType: e.inputType, detail: e.detail, message: e.data && typeof e.data === 'object' ? e.data : undefined,
      clip: e.clipboardData ? e.clipboardData.getData('text') : undefined, target, path, trusted: e.isTrusted };
  };
  const types = new Set(['message', 'keydown', 'keyup', 'keypress', 'beforeinput', 'input', 'compositionstart', 'compositionupdate', 'compositionend',
    'copy', 'cut', 'paste', 'focus', 'blur', 'focusin', 'focusout', 'selectionchange', 'selectstart', 'change', 'submit', 'wxt:locationchange',
    'wxt:content-script-started', 'visibilitychange', 'securitypolicyviolation']);
  for (const target of [window, document]) for (const key in target) if (key.startsWith('on')) types.add(key.slice(2));
  for (const type of types) for (const target of [window, document]) target.addEventListener(type, (e) => record('event', { type, ...describe(e) }), true);
  new MutationObserver((records) => {
    for (const m of records) {
      record('mutation', { type: m.type, attribute: m.attributeName, old: m.oldValue, target: m.target.nodeType === 1 ? m.target.outerHTML.slice(0, 2000) : m.target.data,
        added: [...m.addedNodes].map((n) => n.outerHTML || n.textContent) });
    }
  }).observe(document, { subtree: true, childList: true, attributes: true, characterData: true, attributeOldValue: true, characterDataOldValue: true });
  // Whatever frames appear, try to read them.
  setInterval(() => {
    for (let i = 0; i < window.frames.length; i++) {
      try { record('frame', window.frames[i].document.documentElement.outerHTML); } catch (error) { record('frame-refused', String(error).slice(0, 80)); }
      try { record('frame-location', window.frames[i].location.href); } catch (error) { record('frame-location-refused', String(error).slice(0, 80)); }
    }
  }, 50);
})();
</script>`;

const PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Aleppo under fire</title>${SPY}</head><body>
<main><article><h1>Aleppo under fire</h1>
<p>Fighting continued on Wednesday in Aleppo and in the suburbs of Damascus, activists said.</p>
<p>Navi Pillay, the UN high commissioner for human rights, said the number of casualties was truly shocking.</p>
</article></main></body></html>`;

let browser: ExtensionBrowser;
let server: PageServer;

beforeAll(async () => {
  server = await servePages();
  server.set('/hostile/aleppo', PAGE);
  browser = await launchWithExtension({ viewport: { width: 1000, height: 700 } });
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});
beforeEach(async () => {
  await clearNotes(browser);
});

const spyLog = (page: Page): Promise<string[]> => page.evaluate(() => (window as unknown as { __spy: string[] }).__spy.slice());

/**
 * Every text and attribute value in the page's document as the browser holds it: closed shadow roots included
 * (the page itself cannot open those; the test can, through the DevTools protocol), frames from other origins not
 * (they are other documents, out of the page's reach).
 */
async function documentStrings(page: Page): Promise<string> {
  const cdp = await browser.context.newCDPSession(page);
  type DomNode = { nodeValue?: string; attributes?: string[]; children?: DomNode[]; shadowRoots?: DomNode[]; contentDocument?: DomNode; frameId?: string; documentURL?: string };
  const { root } = (await cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as { root: DomNode };
  const parts: string[] = [];
  const walk = (node: DomNode, inExtension: boolean) => {
    const own = inExtension || (node.documentURL?.startsWith('chrome-extension://') ?? false);
    if (!own) {
      if (node.nodeValue) parts.push(node.nodeValue);
      if (node.attributes) parts.push(...node.attributes);
    }
    for (const child of [...(node.children ?? []), ...(node.shadowRoots ?? [])]) walk(child, own);
    if (node.contentDocument) walk(node.contentDocument, own);
  };
  walk(root, false);
  await cdp.detach();
  return parts.join('\n');
}

test('a page listening everywhere learns nothing of a note written and read on it, and cannot steer or stop Backstory', async () => {
  const page = await browser.context.newPage();
  await page.goto(`${server.origin}/hostile/aleppo`);
  const tabId = await tabIdFor(browser, page.url());
  await expect.poll(async () => (await summaryOf(browser, tabId))?.status, { timeout: 20_000 }).toBe('settled');
  // The page's custom elements changed nothing: Backstory highlights as usual.
  expect((await summaryOf(browser, tabId))?.total).toBeGreaterThan(0);

  // The reader writes a note with the adder.
  await dragSelect(page, 'Navi Pillay');
  const adder = page.locator('[data-backstory-layer="adder"]');
  await adder.getByRole('button', { name: 'Note', exact: true }).click();
  let composer = await shownNoteFrame(page, 'composer');
  await expect.poll(async () => (composer = await shownNoteFrame(page, 'composer')) !== null).toBe(true);
  await expect.poll(() => composer!.evaluate(() => document.hasFocus() && document.activeElement?.id)).toBe('note');
  const before = (await spyLog(page)).length;
  await page.keyboard.type(SECRET);
  await page.keyboard.press('Tab');
  await page.keyboard.type(SECRET_TAG);
  const typing = (await spyLog(page)).slice(before);
  await page.keyboard.press('Control+Enter');
  await expect.poll(() => noteHighlights(page)).toEqual(['Navi Pillay']);
  // Not one key the reader typed reached the page: no key, input or composition event at all while typing.
  expect(typing.filter((line) => /"type":"(key\w+|beforeinput|input|composition\w+|textInput)"/.test(line))).toEqual([]);

  // The reader reads it in the tooltip.
  const word = await page.evaluate(() => {
    const h = (CSS as unknown as { highlights: Map<string, Set<Range>> }).highlights.get('backstory-note')!;
    const r = [...h][0]!.getBoundingClientRect();
    return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
  });
  await page.mouse.click(5, 650);
  await page.mouse.move(word.x, word.y, { steps: 3 });
  await expect.poll(() => noteTooltipText(page)).toContain(SECRET);
  expect(await noteTooltipText(page)).toContain(`#${SECRET_TAG}`);
  // While it shows, the page cannot reach into it: the frame is in a closed shadow root, so it is not even one of
  // the window's frames; a frame it could name would refuse it anyway (another origin).
  expect(await page.evaluate(() => {
    const seen: string[] = [];
    for (let i = 0; i < window.length; i++) {
      try {
        seen.push(window[i]!.document.documentElement.outerHTML);
      } catch {
        seen.push('refused');
      }
    }
    return seen.filter((s) => s !== 'refused');
  })).toEqual([]);

  // The page now tries to steer Backstory from script: press the buttons of the adder the reader opened, send its
  // keys, and move the selection into the note to open the tooltip.
  await page.mouse.move(5, 650);
  await expect.poll(() => noteTooltipText(page)).toBeNull();
  await dragSelect(page, 'suburbs of Damascus');
  await expect.poll(() => page.locator('[data-backstory-layer="adder"] .adder').count()).toBe(1);
  const attempts = await page.evaluate(() => {
    const tried: string[] = [];
    const select = (text: string) => {
      const node = [...document.querySelectorAll('article p')].map((p) => p.firstChild as Text).find((t) => t.data.includes(text))!;
      const range = document.createRange();
      range.setStart(node, node.data.indexOf(text));
      range.setEnd(node, node.data.indexOf(text) + text.length);
      getSelection()!.removeAllRanges();
      getSelection()!.addRange(range);
    };
    const root = document.querySelector('[data-backstory-layer="adder"]')?.shadowRoot;
    for (const button of root?.querySelectorAll('button') ?? []) {
      tried.push(button.textContent ?? '');
      (button as HTMLButtonElement).click();
    }
    select('in Aleppo and');
    for (const type of ['pointerdown', 'mousedown', 'pointerup', 'mouseup', 'click']) document.body.dispatchEvent(new MouseEvent(type, { bubbles: true, button: 0 }));
    document.body.dispatchEvent(new KeyboardEvent('keydown', { key: 'M', code: 'KeyM', altKey: true, shiftKey: true, bubbles: true }));
    document.body.dispatchEvent(new KeyboardEvent('keyup', { key: 'ArrowRight', shiftKey: true, bubbles: true }));
    document.body.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    select('Pillay');
    document.dispatchEvent(new KeyboardEvent('keyup', { key: 'ArrowRight', bubbles: true }));
    document.dispatchEvent(new MouseEvent('mousemove', { clientX: 1, clientY: 1, bubbles: true }));
    return tried;
  });
  // The adder's root is open (it holds no note text), so the page could press its buttons: pressing did nothing.
  expect(attempts).toEqual(['Note', 'Highlight']);
  await page.waitForTimeout(400); // what a save, the composer and the tooltip take to happen; nothing to wait for, as none must
  expect(await noteTooltipText(page)).toBeNull();
  expect(await shownNoteFrame(page, 'composer')).toBeNull();
  expect(await noteHighlights(page)).toEqual(['Navi Pillay']); // nothing saved by the page's clicks
  // Its forged Escape did not close the reader's adder either, nor did its forged selection move it.
  expect(await page.locator('[data-backstory-layer="adder"] .adder').count()).toBe(1);
  await page.keyboard.press('Escape');
  await expect.poll(() => page.locator('[data-backstory-layer="adder"] .adder').count()).toBe(0);

  // What the page saw: its log, its document (closed roots included), and its attempts to read the frames.
  const log = await spyLog(page);
  const everything = log.join('\n');
  expect(everything).not.toContain('Source-Kilo');
  expect(everything).not.toContain(SECRET_TAG);
  expect(log.filter((line) => /^frame(-location)? /.test(line))).toEqual([]); // no read of a frame ever succeeded
  // Backstory's frame never posts to the page's window (what reaches it, it says over a private port).
  expect(log.filter((line) => /"type":"message"/.test(line) && /"origin":"chrome-extension:/.test(line))).toEqual([]);
  // None of the page's custom elements was ever created by Backstory.
  expect(log.filter((line) => /^(upgraded|connected) /.test(line))).toEqual([]);
  const strings = await documentStrings(page);
  expect(strings).toContain('Navi Pillay'); // the walk did read the page…
  expect(strings).toContain('Backstory note'); // …and the closed shadow roots (the tooltip frame's title is in one)
  expect(strings).not.toContain('Source-Kilo');
  expect(strings).not.toContain(SECRET_TAG);

  // Backstory is still on: a reader's new selection still gets the adder, and the highlights are still there.
  await dragSelect(page, 'suburbs of Damascus');
  await expect.poll(() => page.locator('[data-backstory-layer="adder"] .adder').count()).toBe(1);
  expect((await summaryOf(browser, tabId))?.status).toBe('settled');
  await page.close();
});
