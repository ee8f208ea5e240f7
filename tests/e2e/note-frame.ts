// Reading Backstory's frame on a page (the note tooltip, the inline composer) from a browser test. The frame's
// element sits in a closed shadow root the page cannot reach; the test reaches the frame the way the browser
// does, as one of the page's frames, and checks that it is the one on screen.
import type { Frame, Page } from 'playwright-core';

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
