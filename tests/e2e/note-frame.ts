// Backstory's notes on a page, from a browser test: selecting words as a reader does, the note highlights painted,
// and Backstory's frame (the note tooltip, the inline composer). The frame's element sits in a closed shadow root
// the page cannot reach; the test reaches the frame the way the browser does, as one of the page's frames, and
// checks that it is the one on screen.
import { expect } from 'vitest';
import type { Frame, Page } from 'playwright-core';

export interface TextBox {
  left: number;
  right: number;
  top: number;
  bottom: number;
}

/** Where the first occurrence of `text` inside `scope` (the article by default) is on the screen (its first line). */
export function textBox(page: Page, text: string, scope = 'article'): Promise<TextBox> {
  return page.evaluate(([needle, where]) => {
    const root = document.querySelector(where!)!;
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const at = (n as Text).data.indexOf(needle!);
      if (at < 0) continue;
      const range = document.createRange();
      range.setStart(n, at);
      range.setEnd(n, at + needle!.length);
      const r = range.getClientRects()[0]!;
      return { left: r.left, right: r.right, top: r.top, bottom: r.bottom };
    }
    throw new Error(`no ${needle}`);
  }, [text, scope]);
}

/**
 * Drags the mouse across `text`, as a reader selects words, from nothing selected (a drag that starts on a
 * selection moves the selected text instead); resolves with where the words are once they are selected.
 */
export async function dragSelect(page: Page, text: string, scope = 'article'): Promise<TextBox> {
  await page.evaluate(() => getSelection()?.removeAllRanges());
  const box = await textBox(page, text, scope);
  const y = (box.top + box.bottom) / 2;
  await page.mouse.move(box.left + 1, y);
  await page.mouse.down();
  await page.mouse.move(box.right - 1, y, { steps: 6 });
  await page.mouse.up();
  await expect.poll(() => page.evaluate(() => getSelection()?.toString())).toBe(text);
  return box;
}

/** The words under the page's note highlights (`backstory-note` in CSS.highlights). */
export function noteHighlights(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const h = (CSS as unknown as { highlights: Map<string, Set<Range>> }).highlights.get('backstory-note');
    return h ? [...h].map((r) => r.toString()) : [];
  });
}

export type NoteFrameKind = 'tooltip' | 'composer';

const TITLES: Record<NoteFrameKind, string> = { tooltip: 'Backstory note', composer: 'Backstory: new note' };

/** Backstory's frame of `kind` on `page` while it is shown, or null. */
export async function shownNoteFrame(page: Page, kind: NoteFrameKind): Promise<Frame | null> {
  for (const frame of page.frames()) {
    if (!/^chrome-extension:\/\/[^/]+\/note-frame\.html#/.test(frame.url())) continue;
    const element = await frame.frameElement().catch(() => null);
    if (!element) continue;
    const state = await element.evaluate((e: Element) => ({ title: e.getAttribute('title'), shown: getComputedStyle(e).visibility === 'visible' && e.getBoundingClientRect().width > 0 }));
    if (state.title === TITLES[kind] && state.shown) return frame;
  }
  return null;
}

/** The text of the note tooltip on screen, or null when none shows. */
export async function noteTooltipText(page: Page): Promise<string | null> {
  const frame = await shownNoteFrame(page, 'tooltip');
  return frame ? frame.evaluate(() => document.querySelector('.tip')?.textContent ?? null).catch(() => null) : null;
}

/** Where Backstory's frame of `kind` is on the page's screen, or null while it is not shown. */
export async function noteFrameBox(page: Page, kind: NoteFrameKind): Promise<{ x: number; y: number; width: number; height: number } | null> {
  const frame = await shownNoteFrame(page, kind);
  const element = frame ? await frame.frameElement() : null;
  return element ? element.evaluate((e: Element) => {
    const r = e.getBoundingClientRect();
    return { x: r.left, y: r.top, width: r.width, height: r.height };
  }) : null;
}

/** One animation frame's look at Backstory's frame: whether it shows, and where. */
export interface NoteFrameSample {
  shown: boolean;
  box: { x: number; y: number; width: number; height: number };
}

/**
 * Records, every animation frame of the page, whether Backstory's frame of `kind` shows and where, from now until
 * `stop`, which resolves with the samples. The frame must already be loaded (a page with notes prepares the tooltip).
 */
export async function recordNoteFrame(page: Page, kind: NoteFrameKind): Promise<() => Promise<NoteFrameSample[]>> {
  let element: Awaited<ReturnType<Frame['frameElement']>> | null = null;
  await expect.poll(async () => {
    for (const frame of page.frames()) {
      if (!/^chrome-extension:\/\/[^/]+\/note-frame\.html#/.test(frame.url())) continue;
      const candidate = await frame.frameElement().catch(() => null);
      if (candidate && (await candidate.getAttribute('title')) === TITLES[kind]) return (element = candidate) !== null;
    }
    return false;
  }).toBe(true);
  const recording = await element!.evaluateHandle((node) => {
    const e = node as Element;
    const samples: { shown: boolean; box: { x: number; y: number; width: number; height: number } }[] = [];
    let on = true;
    const look = () => {
      if (!on) return;
      const r = e.getBoundingClientRect();
      samples.push({ shown: e.isConnected && getComputedStyle(e).visibility === 'visible' && r.width > 0, box: { x: r.left, y: r.top, width: r.width, height: r.height } });
      requestAnimationFrame(look);
    };
    requestAnimationFrame(look);
    return { samples, stop: () => { on = false; } };
  });
  return () => recording.evaluate((r) => {
    r.stop();
    return r.samples;
  });
}
