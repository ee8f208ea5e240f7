// Other items beside the story: teasers and comments set in <article> elements of their own are not the
// story, even without a title link to recognise them by; a live blog's entries, which are <article>s
// inside the story's own <article>, are. And a wrapper named like a standfirst around the whole story is
// the body, not a standfirst.
import { describe, expect, it } from 'vitest';
import { articleText, detectArticle, type DetectOptions } from '../../../lib/article';
import { HEADLINE, PARAGRAPHS } from './pages';
import { load, PAGE_URL } from './story-pages';

const PATHS: [string, DetectOptions][] = [
  ['fast path', {}],
  ['Readability', { fastPath: false }],
];

const EXCERPTS = [
  'A reflection on patience: the harvest comes to those who tend the field through the dry months and do not give up when the rain is late …',
  'On friendship: a friend is the one who stays when the room empties, who listens to the same story twice and still asks how it ended …',
  'On gratitude: counting what we have, rather than what we lack, changes the weight of every morning and the length of every evening …',
  'On courage: fear is not the absence of strength but its first test, and every step taken while afraid is a step that counts double …',
  'On home: a house is walls and a roof, but a home is the people who wait for you and the lamp left burning in the window at night …',
  'On time: the days are long and the years are short, and the hours we spend with those we love are the only ones we never regret …',
];

function page(storyParagraphs: readonly string[], teasersInArticles: boolean): string {
  // Each teaser is an excerpt with share buttons and no title link: only <article> says it is an item.
  const teaser = (text: string, i: number) =>
    `<article class="post postbox post-${i}"><div class="share"><a href="https://www.facebook.com/sharer/sharer.php?u=${PAGE_URL}">Facebook</a></div><p>${text}</p></article>`;
  const teasers = teasersInArticles
    ? `<article class="post postbox"><h3 class="relatedposts">You may also like...</h3>${EXCERPTS.map(teaser).join('')}</article>`
    : '';
  return `<!doctype html><html><head><title>${HEADLINE}</title></head><body><div id="primary">
    <article class="post articlebox"><h1 class="entry-title">${HEADLINE}</h1>${storyParagraphs.map((p) => `<p>${p}</p>`).join('')}</article>
    ${teasers}
  </div></body></html>`;
}

describe.each(PATHS)('teasers in <article> elements of their own (%s)', (_, options) => {
  it('returns the story with the headline and none of the teasers, though the teasers hold more text', () => {
    const story = PARAGRAPHS.slice(0, 3);
    expect(EXCERPTS.join('').length).toBeGreaterThan(story.join('').length);
    const text = articleText(detectArticle(load(page(story, true)), options).nodes);
    for (const p of story) expect(text).toContain(p);
    expect(text).toContain(HEADLINE);
    for (const e of EXCERPTS) expect(text).not.toContain(e.slice(0, 40));
    expect(text).not.toContain('You may also like');
  });
});

describe.each(PATHS)('a live blog whose entries are <article>s inside the story (%s)', (_, options) => {
  it('keeps every entry', () => {
    const entries = PARAGRAPHS.map((p, i) => `<article class="entry"><h2>${10 + i}:00</h2><p>${p}</p></article>`).join('');
    const html = `<!doctype html><html><head><title>${HEADLINE}</title></head><body><main><article class="liveblog"><h1>${HEADLINE}</h1>${entries}</article></main></body></html>`;
    const text = articleText(detectArticle(load(html), options).nodes);
    for (const p of PARAGRAPHS) expect(text).toContain(p);
  });
});

describe('a wrapper named like a standfirst', () => {
  it.each(PATHS)('around the whole story is the body (%s)', (_, options) => {
    const html = `<!doctype html><html><head><title>${HEADLINE}</title></head><body><article><header><h1>${HEADLINE}</h1></header>
      <div class="article-text text-description">${PARAGRAPHS.map((p) => `<p>${p}</p>`).join('')}</div></article></body></html>`;
    const result = detectArticle(load(html), options);
    const standfirst = new Set(result.standfirst);
    const body = articleText(result.nodes.filter((n) => !standfirst.has(n) && !result.headline.includes(n)));
    for (const p of PARAGRAPHS) expect(body).toContain(p);
    expect(result.standfirst).toEqual([]);
  });

  it('around one short paragraph under the headline is the standfirst', () => {
    const dek = 'Forty trucks crossed two front lines after three weeks of talks.';
    const html = `<!doctype html><html><head><title>${HEADLINE}</title></head><body><article><h1>${HEADLINE}</h1>
      <div class="text-description"><p>${dek}</p></div>${PARAGRAPHS.map((p) => `<p>${p}</p>`).join('')}</article></body></html>`;
    const result = detectArticle(load(html));
    expect(result.standfirst.map((n) => n.data).join('')).toBe(dek);
  });
});
