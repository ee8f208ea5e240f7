// lib/pipeline: one function for the content script and `npm run annotate`, slices and all. A long article is
// matched slice by slice with pauses in between, and gives exactly what one pass over the whole text gives: the
// article-wide state (relevance, names introduced, the figure judge's checks) is computed once for the article.
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { annotateArticle, annotateText, blockSpans, FIRST_SLICE_CHARS } from '@/lib/pipeline';
import { createMatcher } from '@/lib/match';
import { createPageController, type PageController } from '@/lib/page/controller';
import { createReference } from '@/lib/reference/lookup';
import { defaultSettings } from '@/lib/page/settings';
import type { Dataset, Entity } from '@/lib/reference/types';
import { annotateHtml, loadBundledDataset } from '../../../scripts/annotate';
import { installFakeHighlights, stubRangeGeometry } from '../highlight/fake-highlights';

const entity = (id: string, name: string, extra: Partial<Entity> = {}): Entity => ({
  id,
  name,
  type: id.split(':')[0] as Entity['type'],
  aliases: [name],
  mentions: [],
  figureIds: [],
  ...extra,
});

const small: Dataset = {
  version: 1,
  documents: [],
  entities: [
    entity('place:aleppo', 'Aleppo'),
    entity('organization:fsa', 'Free Syrian Army'),
    entity('organization:sohr', 'Syrian Observatory for Human Rights', { contextualAliases: ['the Observatory'] }),
    entity('person:bashar-al-assad', 'Bashar al-Assad', { shortNames: ['Assad'] }),
  ],
  figures: [],
  otherNames: ['Hafez al-Assad', 'Hafez Assad'],
};

test('spans cut only between blocks and cover every block once', () => {
  const text = ['aaaa', 'bbbbbb', 'cc', 'dddddddd', 'e'].join('\n\n');
  const spans = blockSpans(text, 5);
  for (const [s, e] of spans) {
    expect(text.slice(s, e).startsWith('\n')).toBe(false);
    expect(text.slice(s, e).endsWith('\n')).toBe(false);
  }
  expect(spans.map(([s, e]) => text.slice(s, e)).join('\n\n')).toBe(text);
  expect(spans.length).toBeGreaterThan(1);
  expect(blockSpans(text, 10_000)).toEqual([[0, text.length]]);
});

test('matching slice by slice, pausing between steps, finds exactly what one pass finds', async () => {
  // Context crosses slices: "the Observatory" and "Assad" far from the names that introduce them, a namesake.
  const paragraphs = Array.from({ length: 40 }, (_, i) =>
    i === 0
      ? 'The Syrian Observatory for Human Rights said the Free Syrian Army entered Aleppo.'
      : i === 30
        ? 'Hafez Assad ruled before his son; Assad was not mentioned again.'
        : `Paragraph ${i}: the Observatory said Assad's forces shelled Aleppo${i % 3 ? '' : ', Aleppo again'}.`,
  );
  const text = paragraphs.join('\n\n');
  const matcher = createMatcher(small, { readFigures: () => [] });
  const whole = matcher.match(text);
  let pauses = 0;
  const pieces: number[] = [];
  const sliced = await annotateText(text, matcher, {
    sliceChars: 200,
    pause: async () => {
      pauses++;
    },
    onMatches: (found) => void pieces.push(found.length),
  });
  expect(blockSpans(text, 200).length).toBeGreaterThan(5);
  expect(sliced!.matches).toEqual(whole);
  expect(pieces.length).toBe(blockSpans(text, 200).length);
  expect(pauses).toBeGreaterThan(2 * pieces.length);
  for (const m of sliced!.matches) expect(text.slice(m.start, m.end)).toBe(m.text);
  // The context held: the Observatory and Assad are linked in every paragraph but the namesake's.
  expect(whole.filter((m) => m.referenceId === 'organization:sohr').length).toBe(39);
  expect(whole.filter((m) => m.referenceId === 'person:bashar-al-assad').length).toBe(38);
});

// Real reports with their figures: cut into slices of a paragraph or two, each report gets exactly the entities and
// figure verdicts one pass gives (the figure judge is made once for the article; a figure's neighbours in its
// sentence are read in its own slice, since a sentence never crosses a paragraph).
const COVERAGE = resolve(process.env.BACKSTORY_SHARED ?? '../shared', 'coverage');
const reports = existsSync(COVERAGE) ? readdirSync(COVERAGE).filter((f) => /_\d{4}-\d{2}-\d{2}\.txt$/.test(f)).sort() : [];
test.skipIf(reports.length === 0)('with figures: every coverage report matched in small slices gives what one pass gives', async () => {
  const matcher = createMatcher(loadBundledDataset());
  let figures = 0;
  let slices = 0;
  for (const file of reports) {
    const text = readFileSync(join(COVERAGE, file), 'utf8').replace(/\r\n?/g, '\n').split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean).join('\n\n');
    const page = { date: /(\d{4}-\d{2}-\d{2})\.txt$/.exec(file)![1]!, lang: 'en' };
    const whole = matcher.match(text, { page });
    const sliced = await annotateText(text, matcher, { page, sliceChars: 400 });
    slices += blockSpans(text, 400).length;
    expect(sliced!.matches, file).toEqual(whole);
    figures += whole.filter((m) => m.figure).length;
  }
  // The reports were cut, and their figures compared, not skipped.
  expect(slices).toBeGreaterThan(3 * reports.length);
  expect(figures).toBeGreaterThanOrEqual(25);
});

test('slices are sized by time: a small first one while the code is cold, then as many characters as the budget fits at the speed measured', async () => {
  const paragraphs = Array.from({ length: 400 }, (_, i) => `Paragraph ${i}: the Observatory said Assad's forces shelled Aleppo.`);
  const text = ['The Syrian Observatory for Human Rights said the Free Syrian Army entered Aleppo.', ...paragraphs].join('\n\n');
  const matcher = createMatcher(small, { readFigures: () => [] });
  // A clock that runs 1 ms per 200 characters matched, and 4 ms per 200 on the first slice of each pass (cold code).
  let clock = 0;
  const slices: [number, number][] = [];
  const timed = () => {
    let first = true;
    return (start: number, end: number) => {
      slices.push([start, end]);
      clock += ((end - start) / 200) * (first ? 4 : 1);
      first = false;
    };
  };
  const scans = timed();
  const counted = {
    begin(t: string, o?: Parameters<typeof matcher.begin>[1]) {
      const session = matcher.begin(t, o);
      let settled = false;
      const inMatches = timed();
      return {
        ...session,
        text: t,
        scan: (a: number, b: number) => (scans(a, b), session.scan(a, b)),
        settle: () => ((settled = true), session.settle()),
        ready: () => session.ready(),
        matchesIn: (a: number, b: number) => (settled && inMatches(a, b), session.matchesIn(a, b)),
      };
    },
    match: matcher.match,
    prepare: matcher.prepare,
  };
  const sliced = await annotateText(text, counted, { now: () => clock, pause: async () => true });
  expect(sliced!.matches).toEqual(matcher.match(text));
  const scanned = slices.slice(0, slices.findIndex(([, e]) => e === text.length) + 1);
  const sizes = scanned.map(([s, e]) => e - s);
  // The first slice is the cold one's size (cut at the next paragraph); the second is sized by the cold speed
  // (2,000 characters in 40 ms: 400 in the 8 ms budget, raised to the smallest slice), the third by the warm one
  // (1,600 in 8 ms), and so on, never more than four times the one before.
  expect(sizes[0]).toBeGreaterThanOrEqual(FIRST_SLICE_CHARS);
  expect(sizes[0]).toBeLessThan(FIRST_SLICE_CHARS + 80);
  expect(sizes[1]).toBeLessThan(600);
  expect(sizes[2]).toBeGreaterThanOrEqual(1_600);
  expect(sizes[2]).toBeLessThan(1_700);
  for (let i = 3; i < sizes.length - 1; i++) expect(sizes[i]).toBeLessThan(1_700);
  // Every paragraph scanned once, in order, cut only between paragraphs.
  expect(scanned.map(([s, e]) => text.slice(s, e)).join('\n\n')).toBe(text);
  // The matching pass is sized afresh: its first slice is small again.
  const matching = slices.slice(scanned.length);
  expect(matching[0]![1] - matching[0]![0]).toBeLessThan(FIRST_SLICE_CHARS + 80);
  expect(matching.map(([s, e]) => text.slice(s, e)).join('\n\n')).toBe(text);
});

test('a pause that answers false stops the run: nothing more is matched or reported', async () => {
  const text = Array.from({ length: 20 }, () => 'The Free Syrian Army entered Aleppo.').join('\n\n');
  const matcher = createMatcher(small, { readFigures: () => [] });
  let left = 3;
  const reported: number[] = [];
  const result = await annotateText(text, matcher, { sliceChars: 100, pause: async () => --left > 0, onMatches: (f) => void reported.push(f.length) });
  expect(result).toBeNull();
  expect(reported).toEqual([]);
});

describe('a long article: the extension paints what `npm run annotate` marks', () => {
  // 20,770 characters: the figure sits in the second slice, where only one reference entity is named near it;
  // the article as a whole names several. Matching each slice on its own judged that figure without the
  // article-wide evidence and painted nothing; the CLI, reading the whole text, marked it as differing. The page
  // is dated the day of the reference's toll: an undated page's different count is never called a difference.
  const filler = (i: number) =>
    `Paragraph ${i} of the long report describes the weather, the markets and the traffic of an ordinary week in great detail, with nothing in it that names anyone at all.`;
  const head = [
    'Syrian army shells Homs as the Free Syrian Army holds Aleppo',
    'Bashar al-Assad ordered the Syrian army to retake Homs and Aleppo, the Syrian Observatory for Human Rights said from Damascus.',
  ];
  const tail = ['The fighting goes on in Syria.', 'The toll has now passed 60,000 people killed since the uprising began, monitors say.'];
  // The article text is its blocks joined by blank lines: fillers up to the length, the last one padded to it.
  const blocks = [...head];
  const length = () => [...blocks, ...tail].join('\n\n').length;
  for (let i = 1; length() + filler(i).length + 2 <= 20_770; i++) blocks.push(filler(i));
  blocks.push('Padding' + ' quiet'.repeat(Math.ceil((20_770 - length() - 2 - 7) / 6)));
  blocks[blocks.length - 1] = blocks[blocks.length - 1]!.slice(0, blocks[blocks.length - 1]!.length - (length() - 20_770));
  const [title, ...paragraphs] = [...blocks, ...tail];
  const html = `<!doctype html><html><head><title>Long report</title><meta property="article:published_time" content="2013-03-16"></head><body><article><h1>${title}</h1>${paragraphs.map((p) => `<p>${p}</p>`).join('')}</article></body></html>`;
  const dataset = loadBundledDataset();

  let fake: ReturnType<typeof installFakeHighlights>;
  let restoreGeometry: () => void;
  let controller: PageController;
  beforeEach(() => {
    fake = installFakeHighlights();
    restoreGeometry = stubRangeGeometry(() => [new DOMRect(0, 100, 10, 10)]);
    // The head too: the page's date is read from its metadata, as the CLI reads it.
    const parsed = new DOMParser().parseFromString(html, 'text/html');
    document.head.innerHTML = parsed.head.innerHTML;
    document.body.innerHTML = parsed.body.innerHTML;
  });
  afterEach(() => {
    document.head.innerHTML = '';
    controller?.destroy();
    restoreGeometry();
    fake.uninstall();
  });

  test('the same highlights, the differing figure included', async () => {
    const cli = await annotateHtml(html, { dataset });
    expect(cli.article.text.length).toBe(20_770);
    expect(cli.article.text.length).toBeGreaterThan(FIRST_SLICE_CHARS);
    const differing = cli.highlights.filter((h) => h.category === 'figure-differs');
    expect(differing.map((h) => h.text)).toEqual(['60,000 people']);
    expect(cli.article.text.indexOf('60,000')).toBeGreaterThan(FIRST_SLICE_CHARS);

    controller = createPageController({ doc: document, matcher: createMatcher(dataset), reference: createReference(dataset) });
    await controller.apply(defaultSettings());
    await controller.settle();
    const painted = [...fake.registry].flatMap(([name, ranges]) => [...ranges].map((r) => `${name.replace('backstory-', '')} ${r.toString()}`)).sort();
    expect(painted).toEqual(cli.highlights.map((h) => `${h.category} ${h.text}`).sort());
    expect(controller.summary().byCategory['figure-differs']).toBe(1);
  });

  test('annotateArticle over the same nodes, with and without pauses, gives the same result', async () => {
    const nodes: Text[] = [];
    const walker = document.createTreeWalker(document.querySelector('article')!, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) nodes.push(n as Text);
    const matcher = createMatcher(dataset);
    const plain = await annotateArticle(nodes, matcher);
    const paused = await annotateArticle(nodes, matcher, { pause: () => new Promise((r) => setTimeout(r, 0)) });
    expect(paused!.matches).toEqual(plain!.matches);
    expect(paused!.context.relevance.onSubject).toBe(true);
  });
});
