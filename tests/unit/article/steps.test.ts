// Detection in steps (lib/article/steps.ts): the content script runs detectArticleSteps a few steps a task, giving the
// main thread back between them; `npm run annotate` and eval run it in one call (detectArticle). On every page of the
// shared corpus the two give the same article, node for node, and the stepped run pauses between its passes.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { JSDOM, VirtualConsole } from 'jsdom';
import { describe, expect, test } from 'vitest';
import { detectArticle } from '@/lib/article';
import { detectArticleSteps } from '@/lib/article/detect';
import { readabilitySteps } from '@/lib/article/readability';
import { runSteps } from '@/lib/page/schedule';
import { CORPUS_DIR, listCorpus } from '../../../scripts/eval/article';
import { newsPage } from './pages';

const macrotask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** The stepped detection, a step a task, and how many times it gave the main thread back. */
async function stepped(doc: Document) {
  let pauses = 0;
  const result = await runSteps(detectArticleSteps(doc, readabilitySteps), {
    budgetMs: 0,
    pause: async () => {
      pauses++;
      await macrotask();
    },
    stopped: null,
  });
  return { result, pauses };
}

test('a news page: the stepped detection pauses between its passes and finds what one call finds', async () => {
  document.documentElement.innerHTML = `<head><title>Page</title></head><body>${newsPage('plain')}</body>`;
  const whole = detectArticle(document);
  const { result, pauses } = await stepped(document);
  expect(result).toEqual(whole);
  expect(result!.nodes.length).toBeGreaterThan(3);
  expect(pauses).toBeGreaterThanOrEqual(5);
});

describe.skipIf(!existsSync(CORPUS_DIR))('every corpus page', () => {
  test('detected in steps, a step a task: the same article, headline and standfirst, node for node', async () => {
    let pages = 0;
    let readability = 0;
    for (const page of listCorpus()) {
      const html = readFileSync(join(CORPUS_DIR, page, 'page.html'), 'utf8');
      const meta = JSON.parse(readFileSync(join(CORPUS_DIR, page, 'meta.json'), 'utf8')) as { url?: string | null };
      const dom = new JSDOM(html, { url: meta.url ?? 'https://example.com/', virtualConsole: new VirtualConsole() });
      const doc = dom.window.document;
      const whole = detectArticle(doc);
      const { result, pauses } = await stepped(doc);
      // The same Text nodes (identity, not only text) in the same order.
      expect(result!.nodes.length, page).toBe(whole.nodes.length);
      expect(result!.nodes.every((n, i) => n === whole.nodes[i]), page).toBe(true);
      expect(result!.headline.every((n, i) => n === whole.headline[i]) && result!.headline.length === whole.headline.length, page).toBe(true);
      expect(result!.standfirst.every((n, i) => n === whole.standfirst[i]) && result!.standfirst.length === whole.standfirst.length, page).toBe(true);
      expect([result!.method, result!.title], page).toEqual([whole.method, whole.title]);
      expect(pauses, page).toBeGreaterThanOrEqual(3);
      if (whole.method.startsWith('readability')) readability++;
      dom.window.close();
      pages++;
    }
    expect(pages).toBe(73);
    // Both paths were exercised: the publisher's markup and Readability's.
    expect(readability).toBeGreaterThan(5);
    expect(pages - readability).toBeGreaterThan(20);
  }, 600_000);
});
