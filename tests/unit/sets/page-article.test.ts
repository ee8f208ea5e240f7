// The popup's "Add this article" on the page (lib/sets/page-article.ts): the article, its text and the address are
// read at one moment, after the sets part loads, and a part that cannot load says so in the reader's words.
import { expect, test, vi } from 'vitest';
import { pageArticle } from '@/lib/sets/page-article';
import type { PageModel } from '@/lib/page/model';
import type { PageSets } from '@/lib/page/parts';

type Page = Pick<PageModel, 'detection' | 'articleText'>;

/** A page whose article the test replaces, as a single-page site's next article does. */
function fakePage(first: { node: string; text: string }) {
  let current = first;
  const page = {
    detection: () => ({ article: { nodes: [current.node] } }),
    articleText: () => ({ text: current.text, segments: [] }),
  } as unknown as Page;
  return { page, moveTo: (next: typeof first) => (current = next) };
}

test('the article, its text and the address are read together once the part is there', async () => {
  const { page, moveTo } = fakePage({ node: 'first', text: 'First article.' });
  const articleDocument = vi.fn<PageSets['articleDocument']>((_doc, article, text, url) => ({ title: String(article.nodes[0]), text: `${text} @ ${url}`, origin: 'page' }));
  let release!: () => void;
  const part = () => new Promise<Pick<PageSets, 'articleDocument'>>((resolve) => (release = () => resolve({ articleDocument })));
  try {
    const added = pageArticle(page, document, part);
    await vi.waitFor(() => expect(release).toBeTypeOf('function'));
    moveTo({ node: 'second', text: 'Second article.' }); // the site moves on while the part loads
    window.history.pushState(null, '', '/second');
    release();
    expect(await added).toEqual({ title: 'second', text: 'Second article. @ http://localhost:3000/second', origin: 'page' });
  } finally {
    window.history.replaceState(null, '', '/');
  }
});

test('no article loads no part; a part that cannot load fails the request (the popup says it in the reader\'s words)', async () => {
  const part = vi.fn(() => Promise.reject(new Error("Backstory's sets part did not load")));
  const empty = { detection: () => ({ article: { nodes: [] } }), articleText: () => ({ text: '', segments: [] }) } as unknown as Page;
  expect(await pageArticle(empty, document, part)).toBeNull();
  expect(part).not.toHaveBeenCalled();
  await expect(pageArticle(fakePage({ node: 'a', text: 'A.' }).page, document, part)).rejects.toThrow('did not load');
});
