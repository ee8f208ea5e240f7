// The README's pictures of reference sets, made with the built extension in Chromium: a set of three reports built
// in the library page (docs/sets-library.png), and the fourth, related report with the set's highlights and a card
// naming the set, the documents and their dates (docs/sets-card.png); with --all, also the library page in the dark
// scheme and the popup's reference sets in both (sets-library-dark.png, sets-popup-light.png, sets-popup-dark.png),
// to look at. The reports are the project's own fiction (tests/sets-articles.ts).
//
//   npm run build && npx tsx scripts/sets-screenshot.ts [--out=docs] [--all]
import { resolve } from 'node:path';
import { launchWithExtension, servePages } from './chromium';
import { VALDORA_ARTICLES, articlePage } from '../tests/sets-articles';

async function main(): Promise<void> {
  const out = resolve(process.argv.find((a) => a.startsWith('--out='))?.slice('--out='.length) ?? 'docs');
  const all = process.argv.includes('--all');
  const server = await servePages();
  for (const a of VALDORA_ARTICLES) server.set(`/news/${a.slug}`, articlePage(a));
  const browser = await launchWithExtension({ viewport: { width: 1100, height: 1500 } });
  try {
    const library = await browser.openExtensionPage('options.html#sets');
    await library.getByLabel('Name', { exact: true }).fill('Valdora floods');
    await library.getByLabel(/Description/).fill('Floods in the Valdora valley, October 2024: reports from the Northern Courier and the Valley Times.');
    await library.getByRole('button', { name: 'Create set' }).click();
    for (const a of VALDORA_ARTICLES.slice(0, 3)) {
      await library.getByLabel('Text', { exact: true }).fill(a.body);
      await library.getByLabel('Title', { exact: true }).fill(a.title);
      await library.getByLabel('Publisher').fill(a.publisher);
      await library.getByLabel('Date').fill(a.date);
      await library.getByLabel('Address').fill(`${server.origin}/news/${a.slug}`);
      await library.getByRole('button', { name: 'Add the text' }).click();
      await library.getByText(`Added “${a.title}”`).waitFor();
    }
    await library.waitForFunction(() => /Built .* from 3 documents\./.test(document.querySelector('.bs-build .bs-hint')?.textContent ?? ''), null, { timeout: 60_000 });
    await library.getByRole('button', { name: 'Correct Valdora River Authority' }).click();
    // The set's page from its name down: status, documents, adding more, what was found, one entity's corrections.
    await library.locator('.bs-set-page').evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await library.evaluate(() => window.scrollBy(0, -12));
    await library.screenshot({ path: resolve(out, 'sets-library.png'), fullPage: false });
    if (all) {
      await library.emulateMedia({ colorScheme: 'dark' });
      await library.screenshot({ path: resolve(out, 'sets-library-dark.png'), fullPage: false });
    }

    const page = await browser.context.newPage();
    await page.goto(`${server.origin}/news/${VALDORA_ARTICLES[3]!.slug}`);
    const point = await page.waitForFunction(() => {
      const registry = (globalThis as unknown as { CSS: { highlights: Map<string, Set<Range>> } }).CSS.highlights;
      const range = [...(registry.get('backstory-person') ?? [])].find((r) => r.toString() === 'Ines Kowalczyk');
      const rect = range?.getClientRects()[0];
      return rect ? { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 } : null;
    }, null, { timeout: 30_000 });
    const { x, y } = (await point.jsonValue())!;
    await page.mouse.move(x, y, { steps: 2 });
    await page.waitForFunction(() => !!document.querySelector('[data-backstory-layer="card"]')?.shadowRoot?.querySelector('[role="dialog"]'));
    await page.screenshot({ path: resolve(out, 'sets-card.png'), clip: { x: 0, y: 0, width: 1100, height: 480 } });
    if (all) {
      const tabId = await browser.context.serviceWorkers()[0]!.evaluate(async (url: string) => {
        const tabs = (globalThis as unknown as { chrome: { tabs: { query(q: object): Promise<Array<{ id: number; url: string }>> } } }).chrome.tabs;
        return (await tabs.query({})).find((t) => t.url === url)!.id;
      }, page.url());
      for (const scheme of ['light', 'dark'] as const) {
        const popup = await browser.context.newPage();
        await popup.setViewportSize({ width: 400, height: 600 });
        await popup.emulateMedia({ colorScheme: scheme });
        await popup.goto(`chrome-extension://${browser.extensionId}/popup.html?tab=${tabId}`);
        await popup.locator('[data-section="popup-sets"] > summary').click();
        await popup.getByRole('heading', { name: 'Add this article to a reference set' }).waitFor();
        await popup.locator('[data-section="popup-sets"]').evaluate((el) => el.scrollIntoView({ block: 'start' }));
        await popup.screenshot({ path: resolve(out, `sets-popup-${scheme}.png`) });
        await popup.close();
      }
    }
    console.log(`saved in ${out}`);
  } finally {
    await browser.close();
    await server.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exitCode = 1;
});
