// `npm start` (after `npm run build`): the sample news page in Chromium with the built extension loaded.
// Headed when there is a display, so a newcomer can read the page, hover the highlights and open the popup;
// headless otherwise (a container, SSH), where it prints what was highlighted, saves a screenshot and exits.
//
//   npm start                      headed if $DISPLAY/$WAYLAND_DISPLAY, else headless
//   npm start -- --headless        force headless (prints, screenshots, exits)
//   npm start -- --headed          force a window
//   npm start -- --screenshot=PATH save the screenshot there (default screenshots/sample.png)
//   npm start -- --hover=TEXT      hover the first highlight reading TEXT before the screenshot (shows its card)
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { INSTALL_HINT, chromiumAvailable, hasDisplay, launchWithExtension, readPageHighlights, servePages, type ExtensionBrowser, type PageHighlights } from './chromium';
import { settledSummary } from './page-summary';
// The sample page the project wrote for itself; `npm run annotate` reads the same file.
const SAMPLE_PAGE = resolve(import.meta.dirname, 'sample', 'sample-news.html');

const ROOT = resolve(import.meta.dirname, '..');
const HIGHLIGHT_TIMEOUT_MS = 15_000;

interface StartOptions {
  headed: boolean;
  screenshot: string;
  hover: string | null;
}

function parseArgs(argv: readonly string[]): StartOptions {
  const value = (name: string) => argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
  const unknown = argv.filter((a) => !/^--(headless|headed|screenshot=.+|hover=.+)$/.test(a));
  if (unknown.length > 0) throw new Error(`start: unknown argument ${unknown[0]} (use --headless, --headed, --screenshot=PATH, --hover=TEXT)`);
  const headed = argv.includes('--headed') || (!argv.includes('--headless') && hasDisplay());
  return {
    headed,
    screenshot: resolve(ROOT, value('screenshot') ?? 'screenshots/sample.png'),
    hover: value('hover') ?? null,
  };
}

/** What is painted once the content script says the page is settled (read and painted); null if it never does. */
async function waitForHighlights(browser: ExtensionBrowser, page: Page, url: string): Promise<PageHighlights | null> {
  const summary = await settledSummary(browser, url, HIGHLIGHT_TIMEOUT_MS);
  return summary ? readPageHighlights(page) : null;
}

function printHighlights(highlights: PageHighlights): number {
  const names = Object.keys(highlights).sort();
  let total = 0;
  for (const name of names) {
    const texts = highlights[name] ?? [];
    total += texts.length;
    // Same text highlighted several times reads better as one line with a count.
    const counts = new Map<string, number>();
    for (const t of texts) counts.set(t, (counts.get(t) ?? 0) + 1);
    const list = [...counts].map(([t, n]) => (n > 1 ? `“${t}” ×${n}` : `“${t}”`)).join(', ');
    console.log(`  ${name.padEnd(26)} ${String(texts.length).padStart(3)}  ${list}`);
  }
  return total;
}

/** Moves the pointer over the first highlighted range whose text is `text`, so the screenshot shows its card. */
async function hoverHighlight(page: Page, text: string): Promise<boolean> {
  const point = await page.evaluate((wanted) => {
    const registry = (globalThis as unknown as { CSS: { highlights?: Map<string, Set<AbstractRange>> } }).CSS.highlights;
    let found: Range | null = null;
    registry?.forEach((highlight, name) => {
      if (!name.startsWith('backstory-')) return;
      for (const r of highlight) if (!found && r instanceof Range && r.toString() === wanted) found = r;
    });
    const range = found as Range | null;
    if (!range) return null;
    range.startContainer.parentElement?.scrollIntoView({ block: 'center' });
    const rect = range.getClientRects()[0];
    return rect ? { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 } : null;
  }, text);
  if (!point) return false;
  await page.mouse.move(point.x, point.y);
  // The card opens after a short pause on the highlight: wait until it is there.
  await page.waitForFunction(() => document.querySelector('[data-backstory-layer="card"]')?.shadowRoot?.querySelector('[role="dialog"]'), null, { timeout: 5000 });
  return true;
}

async function main(): Promise<number> {
  const options = parseArgs(process.argv.slice(2));
  if (!chromiumAvailable()) {
    console.error(INSTALL_HINT);
    return 1;
  }
  const server = await servePages();
  server.set('/sample-news.html', readFileSync(SAMPLE_PAGE, 'utf8'));
  const url = `${server.origin}/sample-news.html`;

  console.log(`Backstory: opening ${url} in Chromium (${options.headed ? 'headed' : 'headless'}) with ${relative(ROOT, resolve(process.env.BACKSTORY_OUT_DIR ?? '.output', 'chrome-mv3'))} loaded`);
  let browser: ExtensionBrowser;
  try {
    browser = await launchWithExtension({ headed: options.headed, viewport: { width: 1280, height: 900 } });
  } catch (error) {
    // $DISPLAY set but no usable X server (an SSH session without forwarding, a stale variable): still show
    // the newcomer the main job, headless, rather than stop at a browser error.
    if (!options.headed) throw error;
    console.warn(`Could not open a window (${String(error instanceof Error ? error.message : error).split('\n')[0]}); running headless instead.`);
    options.headed = false;
    browser = await launchWithExtension({ headed: false, viewport: { width: 1280, height: 900 } });
  }
  try {
    // The persistent context opens with one blank tab: use it rather than leave it beside the sample.
    const page = browser.context.pages()[0] ?? (await browser.context.newPage());
    await page.goto(url);
    const highlights = await waitForHighlights(browser, page, url);

    console.log('Highlighted on the sample page (CSS.highlights):');
    const total = printHighlights(highlights ?? {});
    if (options.hover && !(await hoverHighlight(page, options.hover))) console.warn(`No highlight reads “${options.hover}”: nothing hovered.`);

    mkdirSync(dirname(options.screenshot), { recursive: true });
    await page.screenshot({ path: options.screenshot });
    console.log(`${total} highlights. Screenshot: ${relative(process.cwd(), options.screenshot)}`);
    if (total === 0) {
      console.error(
        (highlights ? 'Backstory read the page and highlighted nothing. ' : `Backstory had not read the page after ${HIGHLIGHT_TIMEOUT_MS / 1000} s. `) +
          'Is the reference dataset built (npm run dataset) and the extension built from it (npm run build)? ' +
          'Compare with `npm run annotate`, which runs the same pipeline without a browser.',
      );
    }

    if (options.headed) {
      console.log('The browser stays open: hover a highlight to see its card, click the Backstory icon for the popup. Close the window (or press Ctrl+C) to finish.');
      await new Promise<void>((done) => {
        browser.context.once('close', () => done());
        process.once('SIGINT', () => done());
      });
    }
    return total > 0 ? 0 : 1;
  } finally {
    await browser.close().catch(() => {});
    await server.close();
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  },
);
