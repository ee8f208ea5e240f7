// The page model: one detection of the article per page while anyone watches, kept current as the page
// changes, and the same text for every reader of the page.
import { afterEach, expect, test } from 'vitest';
import { createPageModel, type PageEvent, type PageModel } from '@/lib/page/model';
import { articleElement, element } from './helpers';

const PAGE = '<nav>Home World</nav><article><h1>Title</h1><p>First paragraph.</p><aside>Related</aside></article><footer>Footer</footer><script>var x = 1;</script>';

let page: PageModel | null = null;
afterEach(() => {
  page?.destroy();
  page = null;
});

/** A model of PAGE, watched: the events it sends, and the unsubscribe. */
function watched(options: { isOwn?: (node: Node) => boolean } = {}) {
  document.body.innerHTML = PAGE;
  page = createPageModel(document, { detect: articleElement, quietMs: 5, ...options });
  const events: PageEvent[] = [];
  const unsubscribe = page.subscribe((e) => events.push(e));
  return { page, events, unsubscribe };
}

function counting() {
  const calls = { n: 0 };
  return { calls, detect: (doc: Document) => (calls.n++, articleElement(doc)) };
}

test('while watched, the article is detected once and every reader gets the same text', () => {
  document.body.innerHTML = PAGE;
  const { calls, detect } = counting();
  page = createPageModel(document, { detect });
  const unsubscribe = page.subscribe(() => {});
  const first = page.detection();
  expect(page.detection()).toBe(first);
  expect(page.articleText()).toBe(page.articleText());
  expect(page.articleText().text).toBe('Title\n\nFirst paragraph.\n\nRelated');
  expect(page.isArticleText(document.querySelector('h1')!.firstChild as Text)).toBe(true);
  expect(page.isArticleText(document.querySelector('nav')!.firstChild as Text)).toBe(false);
  expect(calls.n).toBe(1);
  unsubscribe();
});

test('while nobody watches, a request after the page changed reads it afresh', () => {
  document.body.innerHTML = PAGE;
  const { calls, detect } = counting();
  page = createPageModel(document, { detect });
  expect(page.articleText().text).toContain('First paragraph.');
  expect(page.articleText().text).toContain('First paragraph.');
  expect(calls.n).toBe(1); // unchanged: the same detection
  document.querySelector('article p')!.textContent = 'Rewritten.';
  expect(page.articleText().text).toContain('Rewritten.');
  expect(calls.n).toBe(2);
});

test('a detection asked for before anyone watches is taken over by the first listener, if the page did not change', () => {
  document.body.innerHTML = PAGE;
  const { calls, detect } = counting();
  page = createPageModel(document, { detect, isOwn: (n) => n instanceof Element && n.hasAttribute('data-own') });
  const early = page.detection();
  // Backstory's own UI arriving is not a change of the page's.
  const own = element('div', 'card');
  own.setAttribute('data-own', '');
  document.body.append(own);
  const unsubscribe = page.subscribe(() => {});
  expect(page.detection()).toBe(early);
  expect(calls.n).toBe(1);
  unsubscribe();

  // Changed in between: the listener gets a fresh one.
  const again = page.detection();
  expect(calls.n).toBe(2);
  document.querySelector('footer')!.append(' and more');
  const unsubscribeAgain = page.subscribe(() => {});
  expect(page.detection()).not.toBe(again);
  expect(calls.n).toBe(3);
  unsubscribeAgain();
});

test('a living page: text added inside the article joins it, furniture does not, removed and rewritten text leaves it', () => {
  const { page, events } = watched();
  const before = page.articleText();
  document.querySelector('article')!.append(element('p', 'Added later.'), element('aside', 'More related'));
  document.querySelector('footer')!.append(' and more');
  page.flush();
  const added = events.at(-1)!;
  expect(added.type === 'changed' && added.added.map((t) => t.data)).toEqual(['Added later.']);
  expect(page.articleText()).not.toBe(before);
  expect(page.articleText().text).toBe('Title\n\nFirst paragraph.\n\nRelated\n\nAdded later.');

  document.querySelector('h1')!.remove();
  (document.querySelector('article p')!.firstChild as Text).data = 'Changed.';
  page.flush();
  expect(page.articleText().text).toBe('Changed.\n\nRelated\n\nAdded later.');
  expect(page.detection().generation).toBe(1); // all of it without detecting again
});

test('an article the app replaces is detected again, and every listener hears of it', () => {
  const { page, events } = watched();
  const first = page.detection();
  const fresh = document.createElement('article');
  fresh.innerHTML = '<h1>Elsewhere</h1><p>Another story.</p>';
  document.querySelector('article')!.replaceWith(fresh);
  page.flush();
  expect(events.some((e) => e.type === 'detected')).toBe(true);
  expect(page.detection().generation).toBe(first.generation + 1);
  expect(page.articleText().text).toBe('Elsewhere\n\nAnother story.');
});

test('the body text has what a reader can select (menus, footers), not scripts or Backstory\'s own hosts', () => {
  document.body.innerHTML = PAGE;
  const host = document.createElement('div');
  host.textContent = 'ours';
  document.body.append(host);
  page = createPageModel(document, { detect: articleElement, isOwn: (n) => n === host });
  const body = page.bodyText().text;
  expect(body).toContain('Home World');
  expect(body).toContain('Footer');
  expect(body).not.toContain('var x');
  expect(body).not.toContain('ours');
});

test('our own hosts coming and going are no change of the page\'s; the page is watched only while someone listens', async () => {
  const host = document.createElement('div');
  const { page, events, unsubscribe } = watched({ isOwn: (n) => n === host });
  page.detection();
  document.documentElement.append(host);
  host.remove();
  page.flush();
  expect(events).toEqual([]);

  unsubscribe();
  document.querySelector('article')!.append(element('p', 'Unwatched change.'));
  await new Promise((r) => setTimeout(r, 30));
  page.flush();
  expect(events).toEqual([]);
});

test('a change of ours that splits text nodes (fallback marks) keeps the pieces in the article, and its map stays right', () => {
  const { page } = watched();
  expect(page.articleText().text).toContain('First paragraph.');
  page.ignoring(() => {
    const text = document.querySelector('article p')!.firstChild as Text;
    const mark = document.createElement('mark');
    mark.append(text.splitText(6)); // "First " + <mark>"paragraph."</mark>
    document.querySelector('article p')!.append(mark);
  });
  const map = page.articleText();
  expect(map.text).toBe('Title\n\nFirst paragraph.\n\nRelated');
  expect(map.segments.map((s) => s.node.data)).toEqual(['Title', 'First ', 'paragraph.', 'Related']);
});
