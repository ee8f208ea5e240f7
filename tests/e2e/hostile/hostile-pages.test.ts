// Hostile pages, in Chromium with the built extension: the page's side is played by test pages that try what a
// page's script can try. They pre-define every custom-element name Backstory could create, listen for every
// event Backstory could send and send WXT's own start event back; restyle our marks with their own important
// rules in every cascade position a page can reach; add, remove and replace ranges in our Highlight objects; and
// keep Alt+Shift+J/K inside their own editors in shadow roots. Backstory must go on working, tell the page
// nothing, and paint only what it found.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { extensionDir, launchWithExtension, servePages, type ExtensionBrowser, type PageServer } from '../harness';
import { clearNotes } from '../notes-state';
import { noteTooltipText } from '../note-frame';
import { SYRIA, articleHtml, differingFigurePage, highlightsSeenByPage, noteOn, putNotes, settledOn } from './page-side';

let browser: ExtensionBrowser;
let server: PageServer;
let opened = 0;

beforeAll(async () => {
  server = await servePages();
  browser = await launchWithExtension();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function open(html: string, init?: (page: Page) => Promise<void>): Promise<Page> {
  const path = `/hostile-${++opened}.html`;
  server.set(path, html);
  const page = await browser.context.newPage();
  await init?.(page);
  await page.goto(server.origin + path);
  return page;
}

/**
 * Every custom-element name Backstory's content script could create: each `backstory-…` string in the shipped
 * bundle, and the names earlier versions used for their card, tooltip and marks.
 */
function customElementNames(): string[] {
  const bundle = readFileSync(join(extensionDir(), 'content-scripts', 'content.js'), 'utf8');
  const found = [...bundle.matchAll(/["'`](backstory-[a-z][a-z0-9-]*)["'`]/g)].map((m) => m[1]!);
  return [...new Set([...found, 'backstory-card', 'backstory-note-tip', 'backstory-layer', 'backstory-mark', 'backstory-tooltip'])];
}

/** Event names Backstory (through WXT) could send a page: WXT's, made unique by the extension's id. */
function wxtEventNames(extensionId: string): string[] {
  return ['wxt:content-script-started', 'wxt:locationchange'].map((name) => `${extensionId}:content:${name}`);
}

/** What a page's script can see: its own log of events and element upgrades, its DOM and its highlights. */
interface Seen {
  messages: string[];
  events: string[];
  upgrades: string[];
}

test('a page that pre-defines every custom element, listens for every event and sends WXT\'s start event back cannot stop Backstory or learn anything about notes', async () => {
  await clearNotes(browser);
  const secret = 'PRIVATE: my source at the ministry says 12 more';
  const names = customElementNames();
  const events = wxtEventNames(browser.extensionId);
  const path = `/hostile-${++opened}.html`;
  const url = server.origin + path;
  await putNotes(browser, [noteOn(url, secret, 'Bashar al-Assad told state television')]);
  server.set(path, articleHtml('Shelling resumes in Homs', SYRIA));
  const page = await browser.context.newPage();
  await page.addInitScript(([names, events]) => {
    const seen = { messages: [] as string[], events: [] as string[], upgrades: [] as string[] };
    (window as unknown as { __seen: typeof seen }).__seen = seen;
    // Defined before any content script runs: a createElement of these names would run the page's class.
    for (const name of names) {
      customElements.define(name, class extends HTMLElement {
        constructor() {
          super();
          seen.upgrades.push(name);
          try {
            this.attachInternals();
          } catch {
            // already attached
          }
        }
        override attachShadow(): ShadowRoot {
          seen.upgrades.push(`attachShadow ${name}`);
          throw new Error('the page refuses');
        }
      });
    }
    window.addEventListener('message', (e) => seen.messages.push(JSON.stringify(e.data)), true);
    for (const type of events) {
      const log = (e: Event) => seen.events.push(`${type} ${JSON.stringify((e as CustomEvent).detail ?? null)}`);
      window.addEventListener(type, log, true);
      document.addEventListener(type, log, true);
    }
  }, [names, events] as const);
  await page.goto(url);
  const first = await settledOn(browser, page);
  expect(first.total).toBeGreaterThan(0);
  const before = await highlightsSeenByPage(page);
  expect(before['backstory-place']).toEqual(expect.arrayContaining(['Homs', 'Aleppo']));

  // The reader uses the note's tooltip (hover) and the card (keyboard): both must open without the page's classes,
  // the note's words shown to the reader in Backstory's own frame.
  await expect.poll(async () => (await highlightsSeenByPage(page))['backstory-note'], { timeout: 10_000 }).toEqual(['Bashar al-Assad told state television']);
  const box = await page.evaluate(() => {
    const [r] = [...(CSS.highlights as unknown as Map<string, Set<Range>>).get('backstory-note')!];
    const rect = r!.getClientRects()[0]!;
    return { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 };
  });
  await page.mouse.move(box.x, box.y, { steps: 3 });
  await expect.poll(() => noteTooltipText(page), { timeout: 10_000 }).toContain(secret);
  await page.keyboard.press('Alt+Shift+J');
  await expect.poll(() => page.locator('[data-backstory-layer="card"]').count(), { timeout: 10_000 }).toBe(1);

  // The page sends WXT's start and location events (with the id it would have learnt), and replays what it heard.
  await page.evaluate(([events]) => {
    for (const type of events) {
      const detail = { contentScriptName: 'content', messageId: 'from-the-page' };
      document.dispatchEvent(new CustomEvent(type, { detail }));
      window.dispatchEvent(new CustomEvent(type, { detail }));
      window.postMessage({ type, ...detail }, '*');
    }
    const seen = (window as unknown as { __seen: Seen }).__seen;
    for (const m of seen.messages) window.postMessage(JSON.parse(m), '*');
  }, [events] as const);

  // Backstory is still on: text the page adds to its article is highlighted, and the page still reports settled.
  await page.evaluate(() => {
    const p = document.createElement('p');
    p.textContent = 'Later, the United Nations said aid convoys had reached Damascus.';
    document.querySelector('article')!.append(p);
  });
  await expect.poll(async () => (await highlightsSeenByPage(page))['backstory-place'] ?? [], { timeout: 10_000 }).toContain('Damascus');
  expect((await settledOn(browser, page)).status).toBe('settled');

  // And the page learnt nothing: no element of its classes was created, no event or message reached it, and
  // neither its DOM nor its open shadow roots hold the note's text, though the reader was shown it.
  const seen = await page.evaluate(() => (window as unknown as { __seen: Seen }).__seen);
  expect(seen.upgrades).toEqual([]);
  expect(seen.events.filter((e) => !e.includes('from-the-page'))).toEqual([]);
  expect(seen.messages.filter((m) => !m.includes('from-the-page'))).toEqual([]);
  const text = await page.evaluate(() => {
    const parts = [document.documentElement.outerHTML];
    for (const el of document.querySelectorAll('*')) if (el.shadowRoot) parts.push(el.shadowRoot.innerHTML);
    return parts.join('\n');
  });
  expect(text).not.toContain(secret);
  expect(text).not.toContain('my source');
  await page.close();
});

test('no message the page hears carries Backstory\'s extension id', async () => {
  const page = await open(articleHtml('Shelling resumes in Homs', SYRIA), async (p) => {
    await p.addInitScript(() => {
      const heard: string[] = [];
      (window as unknown as { __heard: string[] }).__heard = heard;
      window.addEventListener('message', (e) => heard.push(JSON.stringify(e.data)), true);
    });
  });
  await settledOn(browser, page);
  const heard = await page.evaluate(() => (window as unknown as { __heard: string[] }).__heard);
  expect(heard.filter((m) => m.includes(browser.extensionId))).toEqual([]);
  await page.close();
});

/** Pixels of `selector`'s box in the differing figure's tint (rgb 255 60 60 at 26% over white), from a screenshot. */
async function tintedPixels(page: Page, selector: string): Promise<number> {
  const shot = await page.locator(selector).screenshot();
  return page.evaluate(async (b64) => {
    const img = new Image();
    img.src = `data:image/png;base64,${b64}`;
    await img.decode();
    const canvas = document.createElement('canvas');
    canvas.width = img.width;
    canvas.height = img.height;
    const g = canvas.getContext('2d')!;
    g.drawImage(img, 0, 0);
    const d = g.getImageData(0, 0, canvas.width, canvas.height).data;
    let n = 0;
    for (let i = 0; i < d.length; i += 4) {
      const [r, gr, b] = [d[i]!, d[i + 1]!, d[i + 2]!];
      if (r > 240 && gr > 185 && gr < 225 && b > 185 && b < 225 && Math.abs(gr - b) < 12) n++;
    }
    return n;
  }, shot.toString('base64'));
}

test('a page\'s own important ::highlight rules, in every cascade position it can reach, cannot hide a "differs" mark', async () => {
  const hide = 'background-color: transparent !important; text-decoration: none !important; text-underline-offset: 60px !important;';
  // Unlayered, as specific as a selector gets, in a layer the page declares first, and in an adopted sheet.
  const css = `@layer page-first;
::highlight(backstory-figure-differs) { ${hide} }
:root body *:not(#a#b#c#d)::highlight(backstory-figure-differs) { ${hide} }
@layer page-first { :root body *:not(#a#b#c#d)::highlight(backstory-figure-differs) { ${hide} } }`;
  const { html, differs } = differingFigurePage(`<style>${css}</style>`);
  const page = await open(html, async (p) => {
    await p.addInitScript((hideRule) => {
      document.addEventListener('DOMContentLoaded', () => {
        const sheet = new CSSStyleSheet();
        sheet.replaceSync(`@layer adopted-first { *:not(#x#y)::highlight(backstory-figure-differs) { ${hideRule} } }`);
        document.adoptedStyleSheets = [sheet, ...document.adoptedStyleSheets];
      });
    }, hide);
  });
  await settledOn(browser, page);
  expect((await highlightsSeenByPage(page))['backstory-figure-differs']).toEqual(expect.arrayContaining([expect.stringContaining(differs)]));
  // What the reader sees: the differing figure keeps its tint; a paragraph without highlights has none.
  await expect.poll(() => tintedPixels(page, '#rival'), { timeout: 10_000 }).toBeGreaterThan(200);
  expect(await tintedPixels(page, '#plain')).toBe(0);
  await page.close();
});

test('a page cannot add its own ranges to Backstory\'s highlights, take Backstory\'s out, or put its own under Backstory\'s names', async () => {
  const { html, differs, agrees } = differingFigurePage();
  const page = await open(html);
  await settledOn(browser, page);
  const honest = await highlightsSeenByPage(page);
  expect(honest['backstory-figure-differs']!.join(' ')).toContain(differs);
  expect(honest['backstory-figure']!.join(' ')).toContain(agrees);

  await page.evaluate(() => {
    const registry = CSS.highlights as unknown as Map<string, Highlight>;
    const plain = document.getElementById('plain')!.firstChild!;
    const forged = document.createRange();
    forged.setStart(plain, 4);
    forged.setEnd(plain, 11); // "weather"
    // A forged "differs" mark on text Backstory never marked, the agreeing figure's mark taken away, our
    // priority lowered, and a highlight of the page's own under the name of a category Backstory has not used here.
    const differing = registry.get('backstory-figure-differs')!;
    differing.add(forged);
    differing.priority = -5;
    registry.get('backstory-figure')!.clear();
    const own = new Highlight(forged.cloneRange());
    registry.set('backstory-organization', own);
  });
  // Backstory checks its Highlight objects against the ranges it added and puts them right.
  await expect.poll(async () => {
    const now = await highlightsSeenByPage(page);
    return {
      differs: now['backstory-figure-differs'],
      agrees: now['backstory-figure'],
      organization: now['backstory-organization'] ?? [],
      priority: await page.evaluate(() => (CSS.highlights as unknown as Map<string, Highlight>).get('backstory-figure-differs')?.priority),
    };
  }, { timeout: 10_000 }).toEqual({
    differs: honest['backstory-figure-differs'],
    agrees: honest['backstory-figure'],
    organization: honest['backstory-organization'] ?? [],
    priority: 3,
  });
  await page.close();
});

test('Alt+Shift+J inside a page\'s editor in an open or a closed shadow root stays the page\'s', async () => {
  const page = await open(articleHtml('Shelling resumes in Homs', SYRIA), async (p) => {
    await p.addInitScript(() => {
      const log: string[] = [];
      (window as unknown as { __keys: string[] }).__keys = log;
      const watch = (el: HTMLElement, name: string) => el.addEventListener('keydown', (e) => {
        if (e.code === 'KeyJ') log.push(`${name} ${e.defaultPrevented ? 'taken' : 'kept'}`);
      });
      customElements.define('open-editor', class extends HTMLElement {
        connectedCallback() {
          const root = this.attachShadow({ mode: 'open' });
          const field = document.createElement('textarea');
          root.append(field);
          watch(field, 'open');
        }
      });
      customElements.define('closed-editor', class extends HTMLElement {
        connectedCallback() {
          const root = this.attachShadow({ mode: 'closed' });
          const inner = document.createElement('div');
          inner.contentEditable = 'true';
          inner.textContent = 'draft';
          root.append(inner);
          watch(inner, 'closed');
          (window as unknown as { __closedInner: HTMLElement }).__closedInner = inner;
        }
      });
      document.addEventListener('DOMContentLoaded', () => {
        document.body.prepend(document.createElement('open-editor'), document.createElement('closed-editor'));
      });
    });
  });
  await settledOn(browser, page);
  const focused = () => page.evaluate(() => (CSS.highlights as unknown as Map<string, { size: number }>).get('backstory-focus')?.size ?? 0);

  await page.evaluate(() => (document.querySelector('open-editor')!.shadowRoot!.querySelector('textarea') as HTMLElement).focus());
  await expect.poll(() => page.evaluate(() => document.activeElement?.tagName), { timeout: 10_000 }).toBe('OPEN-EDITOR');
  await page.keyboard.press('Alt+Shift+J');
  await page.evaluate(() => (window as unknown as { __closedInner: HTMLElement }).__closedInner.focus());
  await expect.poll(() => page.evaluate(() => document.activeElement?.tagName), { timeout: 10_000 }).toBe('CLOSED-EDITOR');
  await page.keyboard.press('Alt+Shift+J');
  await expect.poll(() => page.evaluate(() => (window as unknown as { __keys: string[] }).__keys), { timeout: 10_000 }).toEqual(['open kept', 'closed kept']);
  expect(await focused()).toBe(0);
  expect(await page.locator('[data-backstory-layer="card"]').count()).toBe(0);

  // Outside the editors the key is Backstory's: the first highlight gets the focus.
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.keyboard.press('Alt+Shift+J');
  await expect.poll(focused, { timeout: 10_000 }).toBe(1);
  await page.close();
});
