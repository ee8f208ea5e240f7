// `npm start` as a newcomer runs it without a display: the sample page in Chromium with the built extension,
// what was highlighted printed, a screenshot saved, exit 0. And the browser agrees with `npm run annotate`,
// which runs the same pipeline in jsdom: same highlights per category, texts and counts.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { annotateHtml, loadBundledDataset, SAMPLE_PAGE } from '../../scripts/annotate';

const dir = mkdtempSync(join(tmpdir(), 'backstory-start-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Parses start.ts's lines "  backstory-place   10  “Aleppo” ×3, “Damascus” ×2, …" into name → text → count. */
function parsePrinted(stdout: string): Map<string, Map<string, number>> {
  const out = new Map<string, Map<string, number>>();
  for (const line of stdout.split('\n')) {
    const m = /^\s+(backstory-[\w-]+)\s+(\d+)\s+(.*)$/.exec(line);
    if (!m) continue;
    const texts = new Map<string, number>();
    for (const t of m[3]!.matchAll(/“([^”]*)”(?: ×(\d+))?/g)) texts.set(t[1]!, Number(t[2] ?? 1));
    out.set(m[1]!, texts);
  }
  return out;
}

test('npm start (headless) prints the sample page’s highlights, agrees with npm run annotate, and saves a screenshot', async () => {
  const screenshot = join(dir, 'sample.png');
  const run = spawnSync(process.execPath, ['--import', 'tsx', resolve('scripts/start.ts'), '--headless', `--screenshot=${screenshot}`], {
    encoding: 'utf8',
    timeout: 110_000,
    env: { ...process.env, DISPLAY: '', WAYLAND_DISPLAY: '' },
  });
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);

  const printed = parsePrinted(run.stdout);
  const expected = new Map<string, Map<string, number>>();
  const annotated = await annotateHtml(readFileSync(SAMPLE_PAGE, 'utf8'), { url: 'http://127.0.0.1/sample-news.html', dataset: loadBundledDataset() });
  for (const h of annotated.highlights) {
    const name = `backstory-${h.category}`;
    const texts = expected.get(name) ?? new Map<string, number>();
    texts.set(h.text, (texts.get(h.text) ?? 0) + 1);
    expected.set(name, texts);
  }
  // People, places and organisations at least; the sample page names them in its article.
  for (const name of ['backstory-person', 'backstory-place', 'backstory-organization']) expect(printed.has(name)).toBe(true);
  expect(printed).toEqual(expected);
  // Names the page repeats in its menu, sidebar and footer are counted from the article only.
  expect(printed.get('backstory-place')?.get('Aleppo')).toBe(3);
  expect(run.stdout).toMatch(new RegExp(`${annotated.highlights.length} highlights\\. Screenshot: `));

  // A real PNG of the viewport start.ts asks for (1280×900).
  const png = readFileSync(screenshot);
  expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([1280, 900]);
});
