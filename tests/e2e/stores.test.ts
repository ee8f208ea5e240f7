// What the stores get (`npm run zip`, run by `npm test`): the Chrome zip, unpacked, loads in Chromium with its
// icons and opens the first-run page on install; that page says what it must, passes axe in light and dark, and
// leads to the notes; the popup leads back to it. The zips hold exactly the build, and the sources zip exactly
// what the build reads.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import JSZip from 'jszip';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { axeViolations, firstRunPage, launchWithExtension, type ExtensionBrowser } from './harness';
import { CATEGORY_STYLES } from '../../lib/highlight/styles';
import { FIREFOX_MIN_VERSION } from '../../scripts/browser-targets';
import { formatReferenceDate, summarizeReference } from '../../lib/reference/summary';
import type { Dataset } from '../../lib/reference/types';

const OUT = resolve(process.env.BACKSTORY_OUT_DIR ?? '.output');
const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };
const zipPath = (name: string) => join(OUT, `backstory-${version}-${name}.zip`);
const dataset = JSON.parse(readFileSync('lib/reference/dataset.json', 'utf8')) as Dataset;
const SHOTS = resolve('test-results');

async function readZip(name: string): Promise<JSZip> {
  const path = zipPath(name);
  try {
    return await JSZip.loadAsync(readFileSync(path));
  } catch (error) {
    throw new Error(`Cannot read ${path}: run \`npm run zip\` first (${(error as Error).message}).`);
  }
}

const filesOf = (zip: JSZip) => Object.values(zip.files).filter((f) => !f.dir).map((f) => f.name).sort();

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((p) => statSync(join(dir, p)).isFile())
    .map((p) => p.split('\\').join('/'))
    .sort();
}

/** Width and height from a PNG's IHDR chunk. */
function pngSize(bytes: Uint8Array): { width: number; height: number } {
  const view = Buffer.from(bytes);
  expect(view.subarray(1, 4).toString('latin1')).toBe('PNG');
  return { width: view.readUInt32BE(16), height: view.readUInt32BE(20) };
}

/** WCAG contrast ratio of two [r, g, b, a] colours. */
function contrast(a: number[], b: number[]): number {
  const luminance = ([r, g, bl]: number[]) =>
    [r!, g!, bl!].map((c) => (c / 255 <= 0.04045 ? c / 255 / 12.92 : ((c / 255 + 0.055) / 1.055) ** 2.4)).reduce((sum, c, i) => sum + c * [0.2126, 0.7152, 0.0722][i]!, 0);
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

interface Manifest {
  icons?: Record<string, string>;
  action?: { default_icon?: Record<string, string> };
  browser_action?: { default_icon?: Record<string, string> };
}

/** Every icon the manifest names is in the package, is a PNG, and is the size its key says. */
async function expectIcons(zip: JSZip, manifest: Manifest, toolbar: Record<string, string> | undefined) {
  expect(Object.keys(manifest.icons ?? {}).map(Number)).toEqual(expect.arrayContaining([16, 32, 48, 128]));
  expect(Object.keys(toolbar ?? {}).map(Number)).toEqual([16, 32]);
  for (const [size, path] of [...Object.entries(manifest.icons ?? {}), ...Object.entries(toolbar ?? {})]) {
    const file = zip.file(path);
    expect(file, `${path} is in the zip`).not.toBeNull();
    expect(pngSize(await file!.async('uint8array'))).toEqual({ width: Number(size), height: Number(size) });
  }
}

describe('the Chrome zip in Chromium', () => {
  let unpacked: string;
  let browser: ExtensionBrowser;
  let welcome: Page;

  beforeAll(async () => {
    unpacked = mkdtempSync(join(tmpdir(), 'backstory-chrome-zip-'));
    const zip = await readZip('chrome');
    for (const name of filesOf(zip)) {
      mkdirSync(dirname(join(unpacked, name)), { recursive: true });
      writeFileSync(join(unpacked, name), await zip.file(name)!.async('uint8array'));
    }
    browser = await launchWithExtension({ extension: unpacked, firstRun: 'keep' });
    welcome = await firstRunPage(browser.context, browser.extensionId);
  });
  afterAll(async () => {
    await browser?.close();
    if (unpacked) rmSync(unpacked, { recursive: true, force: true });
  });

  test('it has its icons, Chrome takes them as the extension’s, and installing opens the first-run page', async () => {
    const zip = await readZip('chrome');
    const manifest = JSON.parse(await zip.file('manifest.json')!.async('string')) as Manifest;
    await expectIcons(zip, manifest, manifest.action?.default_icon);

    // What Chrome registered for the installed extension (its extensions page, install dialog, store tile).
    const [worker] = browser.context.serviceWorkers();
    const registered = await worker!.evaluate(async () => {
      const api = (globalThis as unknown as { chrome: { management: { getSelf(): Promise<{ icons?: { size: number }[] }> } } }).chrome;
      return ((await api.management.getSelf()).icons ?? []).map((i) => i.size).sort((a, b) => a - b);
    });
    expect(registered).toEqual(Object.keys(manifest.icons ?? {}).map(Number).sort((a, b) => a - b));

    // The count badge's text reads on its background (WCAG AA for text, 4.5:1), in the colours Chrome was given.
    const badge = await worker!.evaluate(async () => {
      const action = (globalThis as unknown as { chrome: { action: { getBadgeBackgroundColor(o: object): Promise<number[]>; getBadgeTextColor(o: object): Promise<number[]> } } }).chrome.action;
      return { background: await action.getBadgeBackgroundColor({}), text: await action.getBadgeTextColor({}) };
    });
    expect(contrast(badge.background, badge.text)).toBeGreaterThanOrEqual(4.5);

    await expect.poll(() => welcome.locator('h1').textContent()).toBe('Welcome to Backstory');
    // The header icon loaded (an image that failed has no natural size).
    await expect.poll(() => welcome.locator('header img').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(0);
  });

  test('the first-run page shows the legend as the highlights are drawn, the reference’s documents, the keys', async () => {
    const summary = summarizeReference(dataset);
    const rows = welcome.locator('.bs-legend-row');
    await expect.poll(() => rows.count()).toBe(Object.keys(CATEGORY_STYLES).length);
    for (const [category, style] of Object.entries(CATEGORY_STYLES)) {
      const row = welcome.locator(`.bs-legend-row[data-category="${category}"]`);
      const drawn = await row.locator('.bs-legend-sample').evaluate((el, expected) => {
        const s = getComputedStyle(el);
        // The browser's own serialisation of the expected colours, to compare like with like.
        const probe = document.createElement('span');
        probe.style.color = expected.line;
        probe.style.backgroundColor = expected.tint;
        document.body.append(probe);
        const want = { line: getComputedStyle(probe).color, tint: getComputedStyle(probe).backgroundColor };
        probe.remove();
        return { decoration: s.textDecorationStyle, line: s.textDecorationColor, tint: s.backgroundColor, want };
      }, { line: style.line, tint: style.tint });
      expect(drawn.decoration).toBe(style.decoration);
      expect(drawn.line).toBe(drawn.want.line);
      expect(drawn.tint).toBe(drawn.want.tint);
      expect(await row.locator('dd').textContent()).toContain(`${style.decoration} underline`);
    }
    expect(await welcome.locator('.bs-legend-row[data-category="person"] .bs-legend-sample').textContent()).toBe(summary.examples.person[0]);

    // Every document of the bundled reference, oldest first, with its date.
    const documents = await welcome.locator('.bs-documents li').allTextContents();
    expect(documents).toHaveLength(dataset.documents.length);
    summary.documents.forEach((d, i) => {
      expect(documents[i]).toContain(d.title);
      if (d.date) expect(documents[i]).toContain(formatReferenceDate(d.date));
    });
    expect(await welcome.locator('.bs-reference-summary').textContent()).toContain(`${summary.counts.person} people`);

    // The keys as Chrome assigned them on install: every command has its suggested key (none was refused).
    const rowsByKey = await welcome.locator('.bs-shortcuts tbody tr').evaluateAll((trs) => trs.map((tr) => tr.textContent ?? ''));
    expect(rowsByKey).toEqual(
      expect.arrayContaining([
        'Alt+Shift+MAdd a note to the selected text',
        'Alt+Shift+JMove to the next highlight',
        'Alt+Shift+KMove to the previous highlight',
        'EscClose a highlight’s card',
      ]),
    );
    expect(await welcome.locator('.bs-shortcuts').getByText('not set').count()).toBe(0);
    expect(await welcome.getByRole('heading', { name: 'Your privacy' }).count()).toBe(1);
  });

  test('the first-run page passes axe in light and dark (screenshots in test-results/)', async () => {
    mkdirSync(SHOTS, { recursive: true });
    for (const colorScheme of ['light', 'dark'] as const) {
      await welcome.emulateMedia({ colorScheme });
      await expect.poll(() => welcome.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches)).toBe(colorScheme === 'dark');
      expect(await axeViolations(welcome)).toEqual([]);
      await welcome.screenshot({ path: join(SHOTS, `first-run-${colorScheme}.png`), fullPage: true });
    }
    await welcome.emulateMedia({ colorScheme: null });
  });

  test('the first-run page leads to the notes, and the popup leads back to it', async () => {
    const page = await browser.openExtensionPage('welcome.html');
    await page.getByRole('link', { name: 'Open your notes' }).click();
    await expect.poll(() => page.url()).toBe(`chrome-extension://${browser.extensionId}/options.html`);
    await expect.poll(() => page.locator('main h1').textContent()).toBe('Backstory — notes & settings');
    await page.close();

    const popup = await browser.openExtensionPage('popup.html');
    const link = popup.getByRole('link', { name: 'Help' });
    await expect.poll(() => link.count()).toBe(1);
    const [opened] = await Promise.all([browser.context.waitForEvent('page'), link.click()]);
    await expect.poll(() => opened.url()).toBe(`chrome-extension://${browser.extensionId}/welcome.html`);
    await expect.poll(() => opened.locator('h1').textContent()).toBe('Welcome to Backstory');
    expect(await axeViolations(popup)).toEqual([]);
    await opened.close();
    await popup.close();
  });
});

describe('what the zips hold', () => {
  test('the Chrome and Firefox zips hold exactly their builds', async () => {
    for (const [name, folder] of [['chrome', 'chrome-mv3'], ['firefox', 'firefox-mv2']] as const) {
      const zip = await readZip(name);
      const dir = join(OUT, folder);
      expect(filesOf(zip), `${name} zip`).toEqual(filesUnder(dir));
      for (const file of filesOf(zip)) {
        expect(Buffer.from(await zip.file(file)!.async('uint8array')).equals(readFileSync(join(dir, file))), `${name}/${file} is the built file`).toBe(true);
      }
    }
  });

  test('the Firefox zip declares its add-on id, minimum version and that it collects no data', async () => {
    const zip = await readZip('firefox');
    const manifest = JSON.parse(await zip.file('manifest.json')!.async('string')) as Manifest & {
      browser_specific_settings?: { gecko?: { id?: string; strict_min_version?: string; data_collection_permissions?: { required?: string[] } } };
    };
    const gecko = manifest.browser_specific_settings?.gecko;
    expect(gecko?.id).toMatch(/^\{[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\}$/);
    expect(gecko?.strict_min_version).toBe(FIREFOX_MIN_VERSION);
    expect(gecko?.data_collection_permissions).toEqual({ required: ['none'] });
    await expectIcons(zip, manifest, manifest.browser_action?.default_icon);
  });

  test('the sources zip holds exactly the committed files the build reads, and nothing else', async () => {
    const zip = await readZip('sources');
    const files = filesOf(zip);
    // The build's inputs: configuration, lock, sources, icons, the build-time scripts, and the README that says how.
    const inputs = ['README.md', 'package.json', 'package-lock.json', '.npmrc', 'tsconfig.json', 'wxt.config.ts', 'assets', 'components', 'entrypoints', 'lib'];
    const buildScripts = ['scripts/browser-targets.ts', 'scripts/icons.ts', 'scripts/reference-summary.ts'];
    const tracked = spawnSync('git', ['ls-files', '--', ...inputs, ...buildScripts], { encoding: 'utf8' }).stdout.split('\n').filter(Boolean).sort();
    expect(tracked.length).toBeGreaterThan(50);
    expect(files).toEqual(tracked);
    for (const file of files) {
      const inZip = Buffer.from(await zip.file(file)!.async('uint8array'));
      expect(inZip.equals(readFileSync(file)), `${file} in the sources zip is the file in the repository`).toBe(true);
    }
    // What a reviewer does not need: tests, screenshots, benches, evaluation scripts.
    expect(files.filter((f) => /^(tests|docs|screenshots|bench-results|test-results)\/|^scripts\/(bench|eval|start|annotate)/.test(f))).toEqual([]);
    // The build scripts the config imports are all there (a missing one would break a reviewer's build).
    const config = readFileSync('wxt.config.ts', 'utf8');
    for (const m of config.matchAll(/from '\.\/(scripts\/[\w-]+)'/g)) expect(files).toContain(`${m[1]}.ts`);
    expect(relative(OUT, zipPath('sources'))).toBe(`backstory-${version}-sources.zip`);
  });
});
