// A page that changes while detection pauses between its steps (the page's scripts run in those pauses): an ad slot
// filling in, a live blog's new post, a banner going away. Readability reads a copy of the page whose text nodes are
// paired with the live ones by walking both trees in step, so the copy and the pairing must see the same page: a
// change between them would shift every pair after it and map Readability's article onto other live nodes.
import { afterEach, expect, test, vi } from 'vitest';
import { cloneWithTextMap } from '@/lib/article/clone';
import { detectArticleSteps } from '@/lib/article/detect';
import { readabilitySteps, type ReadabilityFound } from '@/lib/article/readability';
import type { Steps } from '@/lib/article/steps';
import { withUnsettledMarkup } from '../../e2e/unsettled-page';
import { newsPage, PARAGRAPHS } from './pages';

afterEach(() => {
  vi.restoreAllMocks();
});

function load(html: string) {
  document.documentElement.innerHTML = html.replace(/^<!doctype html><html>/, '').replace(/<\/html>$/, '');
}

/** Runs `steps` a step at a time; `change` (the page's scripts) runs in the first pause after `armed()` holds. */
function runChanging<T>(steps: Steps<T>, armed: () => boolean, change: () => void): T {
  let changed = false;
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
    if (!changed && armed()) {
      change();
      changed = true;
    }
  }
}

/** Whether the page itself (not an element of it) has been copied since this was called. */
function pageCopied(): () => boolean {
  const cloneNode = Node.prototype.cloneNode;
  let copied = false;
  vi.spyOn(Node.prototype, 'cloneNode').mockImplementation(function (this: Node, deep?: boolean) {
    if (this === document) copied = true;
    return cloneNode.call(this, deep);
  });
  return () => copied;
}

const same = (a: ReadabilityFound | null, b: ReadabilityFound | null) =>
  !!a && !!b && a.title === b.title && a.nodes.size === b.nodes.size && [...a.nodes].every((n) => b.nodes.has(n));

test.each([
  ['a text node added at the top', () => document.body.prepend(document.createTextNode('Live: 3 new posts'))],
  ['the cookie banner removed', () => document.getElementById('cookie-banner')!.remove()],
])("Readability's article while the page changes in its pauses (%s): the same live nodes", (_, change) => {
  load(newsPage('plain'));
  const still = runChanging(readabilitySteps(document), () => false, () => {});
  expect(still!.nodes.size).toBeGreaterThan(3);
  const changing = runChanging(readabilitySteps(document), pageCopied(), change);
  expect(same(changing, still)).toBe(true);
});

test('an ad of six paragraphs inserted at the top while a page that needs Readability is detected: the same article', () => {
  load(withUnsettledMarkup(newsPage('article')));
  const found: (ReadabilityFound | null)[] = [];
  let started = false;
  function* readability(doc: Document, leaveOut: ReadonlySet<Element>) {
    started = true;
    const result = yield* readabilitySteps(doc, leaveOut);
    found.push(result);
    return result;
  }
  const still = runChanging(detectArticleSteps(document, readability), () => false, () => {});
  expect(still!.method).toBe('readability+prune');
  for (const p of PARAGRAPHS) expect(still!.nodes.some((n) => n.data === p), p).toBe(true);

  started = false;
  const ad = document.createElement('div');
  ad.className = 'ad';
  for (let i = 1; i <= 6; i++) {
    ad.append('\n  ', Object.assign(document.createElement('p'), { textContent: `Sponsored paragraph ${i}.` }));
  }
  // In the first pause inside Readability's steps.
  const changing = runChanging(detectArticleSteps(document, readability), () => started, () => document.body.prepend(ad));
  expect(ad.isConnected).toBe(true);
  expect(same(found[1]!, found[0]!)).toBe(true);
  expect(changing!.method).toBe(still!.method);
  expect(changing!.nodes.map((n) => n.data)).toEqual(still!.nodes.map((n) => n.data));
  expect(changing!.nodes.every((n, i) => n === still!.nodes[i])).toBe(true);
  expect(changing!.headline.length === still!.headline.length && changing!.headline.every((n, i) => n === still!.headline[i])).toBe(true);
});

test('elements left out of the copy that the page has since removed are skipped: the copy keeps its page', () => {
  load('<head><title>Page</title></head><body><div id="gallery"><p>Brief one</p><p>Brief two</p></div><p>The story.</p></body>');
  const gallery = document.getElementById('gallery')!;
  const brief = gallery.firstElementChild!;
  // Found as gallery parts, then taken off the page by its scripts before Readability's copy is made.
  gallery.remove();
  const { clone, liveOf } = cloneWithTextMap(document, new Set([gallery, brief]));
  // Neither the copied document (a path of no steps) nor its <html> (a path of one) is taken for them.
  expect(clone.documentElement).not.toBeNull();
  expect(clone.body.textContent).toBe('The story.');
  expect([...liveOf.values()].map((n) => n.data)).toEqual(['Page', 'The story.']);
});
