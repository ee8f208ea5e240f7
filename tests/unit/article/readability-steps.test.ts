// Readability in steps (lib/article/readability.ts): its preparation of the page's copy and its grab of the article
// run in tasks of their own, the grab without Readability's copy of the body's HTML, and the answer is what
// Readability's own parse() gives, node for node, also where an attempt finds no text and Readability would restore
// the page to try again.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readability } from '@mozilla/readability';
import { JSDOM, VirtualConsole } from 'jsdom';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { cloneWithTextMap } from '@/lib/article/clone';
import { readabilitySteps, runReadability, type ReadabilityFound } from '@/lib/article/readability';
import { CORPUS_DIR, listCorpus } from '../../../scripts/eval/article';
import { newsPage } from './pages';

/** One attempt as Readability's parse() makes it in one call (the attempts' flags and their order as the module's). */
function parsedInOneCall(doc: Document): ReadabilityFound | null {
  let best: { nodes: Set<Text>; length: number; title: string | null } | null = null;
  for (const flags of [7, 6, 4, 0]) {
    const { clone, liveOf } = cloneWithTextMap(doc);
    const reader = new Readability<Element>(clone, { charThreshold: 1, serializer: (node) => node as Element });
    const internals = reader as unknown as Record<string, unknown>;
    internals._flags = flags;
    for (const step of ['_postProcessContent', '_cleanStyles', '_fixLazyImages']) internals[step] = () => {};
    const parsed = reader.parse();
    if (parsed?.content) {
      const nodes = new Set<Text>();
      let length = 0;
      const walker = clone.createTreeWalker(parsed.content, 4);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const live = liveOf.get(n as Text);
        if (live) {
          nodes.add(live);
          length += live.data.trim().length;
        }
      }
      if (!best || length > best.length) best = { nodes, length, title: parsed.title ?? null };
    }
    if (best && best.length >= 500) break;
  }
  return best && { nodes: best.nodes, title: best.title };
}

/** The steps run a step at a time, with the step each of Readability's calls named in `spied` was made in. */
function stepByStep(doc: Document, spied: readonly string[]) {
  const proto = Readability.prototype as unknown as Record<string, (...args: unknown[]) => unknown>;
  const calledIn = new Map<string, number[]>();
  let step = 0;
  for (const name of spied) {
    const original = proto[name]!;
    vi.spyOn(proto, name).mockImplementation(function (this: unknown, ...args: unknown[]) {
      calledIn.set(name, [...(calledIn.get(name) ?? []), step]);
      return original.apply(this, args);
    });
  }
  const steps = readabilitySteps(doc);
  for (;;) {
    const next = steps.next();
    if (next.done) return { found: next.value, calledIn };
    step++;
  }
}

afterEach(() => {
  vi.restoreAllMocks();
});

const sameFound = (a: ReadabilityFound | null, b: ReadabilityFound | null) =>
  a === b || (!!a && !!b && a.title === b.title && a.nodes.size === b.nodes.size && [...a.nodes].every((n) => b.nodes.has(n)));

test("a page without publisher markup: the grab has a step of its own, never reads the body's HTML, and finds what parse() finds", () => {
  document.documentElement.innerHTML = `<head><title>Page</title></head><body>${newsPage('plain')}</body>`;
  const innerHTML = vi.spyOn(Element.prototype, 'innerHTML', 'get');
  const { found, calledIn } = stepByStep(document, ['_prepDocument', '_grabArticle']);
  const read = innerHTML.mock.calls.length;
  expect(found!.nodes.size).toBeGreaterThan(3);
  expect(calledIn.get('_grabArticle')).toHaveLength(1);
  // Readability's preparation of the copy and its grab of the article are not one task's work.
  expect(calledIn.get('_grabArticle')![0]).toBeGreaterThan(calledIn.get('_prepDocument')![0]!);
  // Neither the body's HTML nor the grabbed article's was serialised (parse() serialises both).
  expect(read).toBe(0);
  innerHTML.mockRestore();
  expect(sameFound(found, parsedInOneCall(document))).toBe(true);
});

test('an attempt that finds no text, where Readability restores the page to try again: what parse() gives', () => {
  // No text at all in the body's content (only an image and empty blocks): the first grab is empty, so Readability
  // restores the body from its HTML and tries again with fewer flags.
  document.documentElement.innerHTML = '<head><title>A picture</title></head><body><div><div><img src="a.png"></div></div><p> </p></body>';
  const { found, calledIn } = stepByStep(document, ['_grabArticle']);
  // The grab was stopped at the restore and made again faithfully, once an attempt (four attempts).
  expect(calledIn.get('_grabArticle')!.length).toBe(8);
  expect(sameFound(found, parsedInOneCall(document))).toBe(true);
  // A page with text after such an attempt is read as parse() reads it too.
  document.documentElement.innerHTML = `<head><title>Page</title></head><body>${newsPage('plain')}<div><img src="b.png"></div></body>`;
  expect(sameFound(stepByStep(document, []).found, parsedInOneCall(document))).toBe(true);
});

// The steps call Readability's private methods in parse()'s order: a version of the library that adds, drops or
// reorders what parse() does before its grab would make them part ways with parse() on some page, and fail here.
describe.skipIf(!existsSync(CORPUS_DIR))('every corpus page', () => {
  test("Readability in steps finds what its own parse() finds, node for node", () => {
    let pages = 0;
    let found = 0;
    for (const page of listCorpus()) {
      const html = readFileSync(join(CORPUS_DIR, page, 'page.html'), 'utf8');
      const meta = JSON.parse(readFileSync(join(CORPUS_DIR, page, 'meta.json'), 'utf8')) as { url?: string | null };
      const dom = new JSDOM(html, { url: meta.url ?? 'https://example.com/', virtualConsole: new VirtualConsole() });
      const doc = dom.window.document;
      const stepped = runReadability(doc);
      const whole = parsedInOneCall(doc);
      expect(stepped?.title, page).toBe(whole?.title);
      expect(stepped?.nodes.size, page).toBe(whole?.nodes.size);
      expect(sameFound(stepped, whole), page).toBe(true);
      if (stepped?.nodes.size) found++;
      dom.window.close();
      pages++;
    }
    expect(pages).toBe(73);
    expect(found).toBeGreaterThan(60);
  }, 300_000);
});
