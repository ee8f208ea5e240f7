// Keyboard-only checks for Backstory's pages: which controls a reader could operate now, and which ones Tab reaches.
import type { Page } from 'playwright-core';

/** Every control a reader could operate, as the page shows it now (in open sections, not hidden, not disabled). */
export function visibleControls(page: Page): Promise<string[]> {
  return page.evaluate(() => [...document.querySelectorAll<HTMLElement>('a[href], button, input, select, textarea, summary')]
    // checkVisibility: a closed <details> keeps its content laid out (content-visibility: hidden), out of Tab's reach.
    .filter((el) => el.getClientRects().length > 0 && el.checkVisibility() && !(el as HTMLButtonElement).disabled)
    .map((el) => { el.dataset.walk ??= String(Math.random()); return el.dataset.walk; }));
}

/** Presses Tab until the focus comes round to a control it has been on; every control it reached, in order. */
export async function tabWalk(page: Page): Promise<string[]> {
  const seen: string[] = [];
  for (let i = 0; i < 400; i++) {
    await page.keyboard.press('Tab');
    const here = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      // Past the last control the focus leaves the document for a moment; the next Tab comes back to the first.
      if (!el || el === document.body) return null;
      el.dataset.walk ??= String(Math.random());
      return el.dataset.walk;
    });
    // A date field keeps the focus while Tab moves through its day, month and year.
    if (here === null || here === seen.at(-1)) continue;
    if (seen.includes(here)) break;
    seen.push(here);
  }
  return seen;
}
