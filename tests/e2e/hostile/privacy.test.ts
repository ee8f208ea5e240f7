// Privacy against the page, in Chromium with the built extension: a page's script can read CSS.highlights, so
// with note highlights on it can see which passages carry a note (never their text), and only those near the
// viewport; the reader can turn note highlights off for a site, and then the page sees nothing of the notes. A page
// Backstory highlights nothing on finds none of our ::highlight rules (they would tell it Backstory is installed). And
// the content script, which runs in the page's renderer, never gets a note's text through storage: not on a save, not
// on an import, not by reading the backup. Nor does the page's performance timeline hold Backstory's timings (only
// the bench's and the tests' diagnostics mode publishes them there).
import { afterAll, beforeAll, expect, test } from 'vitest';
import { launchWithExtension, servePages, tabIdFor, type ExtensionBrowser, type PageServer } from '../harness';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { rmSync, writeFileSync } from 'node:fs';
import { writeJsonLd } from '../../../lib/export/jsonld';
import { backedUpNotes, clearNotes } from '../notes-state';
import { noteTooltipText, textBox } from '../note-frame';
import { SYRIA, articleHtml, highlightsSeenByPage, noteOn, putNotes, settledOn } from './page-side';

let browser: ExtensionBrowser;
let server: PageServer;
let opened = 0;

beforeAll(async () => {
  server = await servePages();
  browser = await launchWithExtension({ viewport: { width: 1000, height: 700 } });
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** Everything of the page a script can read as text: its DOM and its open shadow roots. */
function pageText(page: import('playwright-core').Page): Promise<string> {
  return page.evaluate(() => {
    const parts = [document.documentElement.outerHTML];
    for (const el of document.querySelectorAll('*')) if (el.shadowRoot) parts.push(el.shadowRoot.innerHTML);
    return parts.join('\n');
  });
}

test('a page with nothing Backstory highlights cannot tell from our highlight rules that Backstory is installed: none of them is in it', async () => {
  const path = `/privacy-${++opened}.html`;
  server.set(path, '<!doctype html><html lang="en"><head><title>Weather</title></head><body><main><p id="w">Sunny spells and light winds over the hills, and a dry night to follow.</p></main></body></html>');
  const page = await browser.context.newPage();
  await page.goto(server.origin + path);
  await settledOn(browser, page);
  // What a page's script computes for our names, against a name no sheet styles: the same where none of our rules is in.
  const computed = await page.evaluate(() => {
    const tint = (name: string) => getComputedStyle(document.documentElement, `::highlight(${name})`).backgroundColor;
    return { ours: ['backstory-note', 'backstory-place', 'backstory-person'].map(tint), none: tint('nobody-styles-this') };
  });
  expect(computed.ours).toEqual([computed.none, computed.none, computed.none]);
  expect(await highlightsSeenByPage(page)).toEqual({});
  await page.close();
});

test('the page\'s performance timeline holds none of Backstory\'s timings: not that the reader has notes here, not when the reference came', async () => {
  await clearNotes(browser);
  const path = `/privacy-${++opened}.html`;
  const url = server.origin + path;
  await putNotes(browser, [noteOn(url, 'Ask the desk about this figure', 'the United Nations called for a ceasefire')]);
  server.set(path, articleHtml('Shelling resumes in Homs', SYRIA));
  const page = await browser.context.newPage();
  // What the page's own script sees from its first moment: every mark and measure, whoever made it.
  await page.addInitScript(() => {
    const seen: string[] = ((window as unknown as { __timings: string[] }).__timings = []);
    new PerformanceObserver((list) => seen.push(...list.getEntries().map((e) => e.name))).observe({ entryTypes: ['mark', 'measure'] });
  });
  await page.goto(url);
  await settledOn(browser, page);
  // The whole pipeline ran: the article highlighted and the note anchored (each step of which is timed).
  await expect.poll(async () => (await highlightsSeenByPage(page))['backstory-note'], { timeout: 10_000 }).toEqual(['the United Nations called for a ceasefire']);
  expect(Object.keys(await highlightsSeenByPage(page)).length).toBeGreaterThan(1);
  await page.evaluate(() => performance.mark('the-page-own'));
  const seen = await page.evaluate(() => ({
    observed: (window as unknown as { __timings: string[] }).__timings,
    listed: performance.getEntries().map((e) => e.name),
  }));
  // The page's own mark shows the observer works; nothing else of the kind is there.
  expect(seen.observed).toContain('the-page-own');
  // Nor any entry that names the extension: a resource the extension loaded would say it is installed.
  const ours = (name: string) => /backstory|chrome-extension:|moz-extension:/i.test(name);
  expect(seen.observed.filter(ours)).toEqual([]);
  expect(seen.listed.filter(ours)).toEqual([]);
  await page.close();
});

test('with note highlights turned off for a site in the popup, the page\'s CSS.highlights and DOM hold nothing of the reader\'s notes', async () => {
  await clearNotes(browser);
  const path = `/privacy-${++opened}.html`;
  const url = server.origin + path;
  const secret = 'Confidential: cross-check with my contact in Homs';
  await putNotes(browser, [noteOn(url, secret, 'the United Nations called for a ceasefire')]);
  server.set(path, articleHtml('Shelling resumes in Homs', SYRIA));
  const page = await browser.context.newPage();
  await page.goto(url);
  await settledOn(browser, page);
  // On (the default): the page can see the passage, never the note.
  await expect.poll(async () => (await highlightsSeenByPage(page))['backstory-note'], { timeout: 10_000 }).toEqual(['the United Nations called for a ceasefire']);
  // Hovering the passage shows the reader the note, in Backstory's frame, not in the page.
  const word = await textBox(page, 'the United Nations called for a ceasefire');
  const box = { x: (word.left + word.right) / 2, y: (word.top + word.bottom) / 2 };
  await page.mouse.move(box.x, box.y, { steps: 3 });
  await expect.poll(() => noteTooltipText(page), { timeout: 10_000 }).toContain(secret);
  expect(await pageText(page)).not.toContain(secret);
  await page.mouse.move(1, 1);
  await expect.poll(() => noteTooltipText(page), { timeout: 10_000 }).toBeNull();

  const popup = await browser.openExtensionPage(`popup.html?tab=${await tabIdFor(browser, url)}`);
  // The site's controls sit under the popup's line on what was found.
  await popup.locator('[data-section="found"] > summary').click();
  const toggle = popup.locator('[data-control="note-highlights"]');
  await expect.poll(() => toggle.isChecked(), { timeout: 10_000 }).toBe(true);
  await expect.poll(() => popup.locator('#note-highlights-hint').textContent(), { timeout: 10_000 }).toMatch(/can see which passages/);
  await toggle.uncheck();
  await expect.poll(async () => Object.keys(await highlightsSeenByPage(page)), { timeout: 10_000 }).not.toContain('backstory-note');
  // The same hover shows nothing on the page now; the popup still lists the note.
  await page.mouse.move(box.x, box.y, { steps: 3 });
  expect(await noteTooltipText(page)).toBeNull();
  expect(await pageText(page)).not.toContain(secret);
  await expect.poll(() => popup.getByText(secret).count(), { timeout: 10_000 }).toBeGreaterThan(0);

  // The choice holds for the site's next page, and is undone as easily.
  const next = await browser.context.newPage();
  await next.goto(url);
  await settledOn(browser, next);
  expect(Object.keys(await highlightsSeenByPage(next))).not.toContain('backstory-note');
  await toggle.check();
  await expect.poll(async () => (await highlightsSeenByPage(next))['backstory-note'], { timeout: 10_000 }).toEqual(['the United Nations called for a ceasefire']);
  await popup.close();
  await next.close();
  await page.close();
});

test('with note highlights on, a page sees only the notes near the viewport, not every note on the page', async () => {
  await clearNotes(browser);
  const path = `/privacy-${++opened}.html`;
  const url = server.origin + path;
  const filler = Array.from({ length: 120 }, (_, i) => `Paragraph ${i + 1} of the report on the fighting in Syria, with nothing more to say about it.`);
  const paragraphs = [SYRIA[0]!, ...filler, 'In the last paragraph the United Nations warned of a long winter for the refugees.'];
  await putNotes(browser, [
    noteOn(url, 'top note', 'Shelling resumed in the old city of Homs'),
    noteOn(url, 'bottom note', 'warned of a long winter for the refugees'),
  ]);
  server.set(path, articleHtml('A long report', paragraphs));
  const page = await browser.context.newPage();
  await page.goto(url);
  await settledOn(browser, page);
  await expect.poll(async () => (await highlightsSeenByPage(page))['backstory-note'], { timeout: 10_000 }).toEqual(['Shelling resumed in the old city of Homs']);
  await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
  await expect.poll(async () => (await highlightsSeenByPage(page))['backstory-note'], { timeout: 10_000 }).toEqual(['warned of a long winter for the refugees']);
  await page.close();
});

/** The content script's isolated world in the page's top frame (Backstory's, with the extension's origin). */
async function contentScriptWorld(page: import('playwright-core').Page) {
  const cdp = await browser.context.newCDPSession(page);
  const worlds: { id: number; name: string; origin: string; auxData?: { type?: string; frameId?: string } }[] = [];
  cdp.on('Runtime.executionContextCreated', (e: { context: (typeof worlds)[number] }) => worlds.push(e.context));
  await cdp.send('Runtime.enable');
  await expect.poll(() => worlds.some((w) => w.auxData?.type === 'isolated' && w.origin.startsWith('chrome-extension://')), { timeout: 10_000 }).toBe(true);
  const world = worlds.find((w) => w.auxData?.type === 'isolated' && w.origin.startsWith('chrome-extension://'))!;
  const evaluate = async <T>(expression: string): Promise<T> => {
    const answer = (await cdp.send('Runtime.evaluate', { expression, contextId: world.id, awaitPromise: true, returnByValue: true })) as { result: { value: T }; exceptionDetails?: { text: string } };
    if (answer.exceptionDetails) throw new Error(answer.exceptionDetails.text);
    return answer.result.value;
  };
  return { evaluate, detach: () => cdp.detach() };
}

test('the content script gets no note text when notes are saved or imported, and cannot read the backup', async () => {
  await clearNotes(browser);
  const path = `/privacy-${++opened}.html`;
  const url = server.origin + path;
  server.set(path, articleHtml('Shelling resumes in Homs', SYRIA));
  const page = await browser.context.newPage();
  await page.goto(url);
  await settledOn(browser, page);
  const world = await contentScriptWorld(page);
  // Everything storage.onChanged tells the content script from now on.
  await world.evaluate(`(globalThis.__heard = [], chrome.storage.onChanged.addListener((c, area) => globalThis.__heard.push(JSON.stringify({ area, c }))), true)`);

  // A note saved in the popup, then notes imported in the library: all three reach the backup.
  const saved = 'Saved secret: my source at the ministry';
  const popup = await browser.openExtensionPage(`popup.html?tab=${await tabIdFor(browser, url)}`);
  await popup.locator('#bs-new-note').fill(saved);
  await popup.locator('.bs-composer .bs-primary').click();
  const imported = ['Imported secret: the convoy driver\'s number', 'Imported secret: the nurse\'s account'];
  const file = join(tmpdir(), `backstory-privacy-${process.pid}.jsonld`);
  writeFileSync(file, writeJsonLd(imported.map((text) => noteOn('https://news.example/story', text)), { now: new Date() }));
  const library = await browser.openExtensionPage('options.html');
  await library.locator('#bs-import-file').setInputFiles(file);
  await expect.poll(() => library.getByTestId('summary').textContent(), { timeout: 30_000 }).toBe('3 notes on 2 pages across 2 sites.');
  rmSync(file, { force: true });
  await expect.poll(async () => Object.values(await backedUpNotes(browser)).sort(), { timeout: 30_000 }).toEqual([...imported, saved].sort());

  // The content script heard nothing of them, and storage.local, which it can read, holds none of them.
  const heard = await world.evaluate<string[]>('globalThis.__heard');
  const everything = await world.evaluate<string>('chrome.storage.local.get(null).then((all) => JSON.stringify(all))');
  for (const text of [saved, ...imported]) {
    expect(heard.join('\n')).not.toContain(text);
    expect(everything).not.toContain(text);
  }
  expect(everything).not.toContain('backstory:note:');
  // Its Cache Storage is the page's, not the extension's: the backup is not there.
  expect(await world.evaluate<string[]>('caches.keys()')).not.toContain('backstory-notes-backup');
  await world.detach();
  await popup.close();
  await library.close();
  await page.close();
});
