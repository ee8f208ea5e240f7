// One fresh visit for the page-side benches (scripts/bench.ts, scripts/bench/compare.ts): a new tab of the plain
// browser, the bench bundle injected once the page has loaded, the page's own first layout and paint let finish.
import type { BrowserContext, Page } from 'playwright-core';

/** Opens `url` in a fresh tab, injects `scripts`, runs `work`, closes the tab. */
export async function inFreshPage<T>(context: BrowserContext, url: string, scripts: readonly string[], work: (page: Page) => Promise<T>): Promise<T> {
  const page = await context.newPage();
  try {
    await page.goto(url, { waitUntil: 'load', timeout: 120_000 });
    for (const content of scripts) await page.addScriptTag({ content });
    // Let the page's own first layout and paint finish, so they are not charged to what we measure.
    await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => setTimeout(done, 0))));
    await page.waitForTimeout(100);
    return await work(page);
  } finally {
    await page.close();
  }
}
