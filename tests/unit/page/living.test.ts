import { expect, test } from 'vitest';
import { articleScope, isArticleAddition, watchPage, type PageChanges } from '@/lib/page/living';

const tick = (ms = 0) => new Promise((r) => setTimeout(r, ms));

test('batches additions into one call with only the new text nodes, in document order', async () => {
  document.body.innerHTML = '<article><p>Old text</p></article>';
  const batches: PageChanges[] = [];
  const w = watchPage(document.body, (c) => batches.push(c), { quietMs: 20 });
  const article = document.querySelector('article')!;
  const p1 = document.createElement('p');
  p1.innerHTML = 'First <b>bold</b>';
  article.append(p1);
  await tick();
  const p0 = document.createElement('p');
  p0.textContent = 'Zeroth';
  article.prepend(p0);
  await tick(60);
  expect(batches).toHaveLength(1);
  expect(batches[0]!.texts.map((t) => t.data)).toEqual(['Zeroth', 'First ', 'bold']);
  expect(batches[0]!.removed).toBe(false);
  w.disconnect();
});

test('reports removals and edits; content added then removed within a batch is not reported', async () => {
  document.body.innerHTML = '<article><p id="a">Aleppo</p><p id="b">Homs</p></article>';
  const batches: PageChanges[] = [];
  const w = watchPage(document.body, (c) => batches.push(c), { quietMs: 10 });
  document.getElementById('a')!.remove();
  (document.getElementById('b')!.firstChild as Text).data = 'Damascus';
  const gone = document.createElement('p');
  gone.textContent = 'transient';
  document.body.append(gone);
  gone.remove();
  w.flush();
  expect(batches).toHaveLength(1);
  expect(batches[0]!.removed).toBe(true);
  expect([...batches[0]!.edited].map((t) => t.data)).toEqual(['Damascus']);
  expect(batches[0]!.texts.map((t) => t.data)).toEqual(['Damascus']);
  w.disconnect();
});

test('our own changes (ignoring(), own nodes) are never reported, the page’s pending ones still are', async () => {
  document.body.innerHTML = '<article><p>Text</p></article>';
  const batches: PageChanges[] = [];
  const host = document.createElement('backstory-card');
  const w = watchPage(document.body, (c) => batches.push(c), { quietMs: 10, isOwn: (n) => n === host });
  const pageP = document.createElement('p');
  pageP.textContent = 'from the page';
  document.body.append(pageP); // pending, not yet delivered
  w.ignoring(() => {
    const mark = document.createElement('span');
    mark.textContent = 'ours';
    document.querySelector('article')!.append(mark);
  });
  host.textContent = 'card';
  document.body.append(host);
  w.flush();
  expect(batches.map((b) => b.texts.map((t) => t.data))).toEqual([['from the page']]);
  w.disconnect();
});

test('a page that never stops changing is still annotated (max wait)', async () => {
  document.body.innerHTML = '<div></div>';
  const batches: PageChanges[] = [];
  const w = watchPage(document.body, (c) => batches.push(c), { quietMs: 40, maxWaitMs: 100 });
  for (let i = 0; i < 12; i++) {
    const p = document.createElement('p');
    p.textContent = `tick ${i}`;
    document.body.append(p);
    await tick(20);
  }
  expect(batches.length).toBeGreaterThan(0);
  w.disconnect();
});

test('article scope and which later additions belong to the article', () => {
  document.body.innerHTML = `<main><article><h1>Title</h1><p>Body</p><aside><p>Related</p></aside><form><p>Sign up</p></form></article></main>
    <footer><p>Footer</p></footer>`;
  const texts = (sel: string) => document.querySelector(sel)!.firstChild as Text;
  const scope = articleScope([texts('h1'), texts('article > p')]);
  expect(scope).toBe(document.querySelector('article'));
  expect(isArticleAddition(texts('article > p'), scope)).toBe(true);
  expect(isArticleAddition(texts('aside p'), scope)).toBe(false);
  expect(isArticleAddition(texts('form p'), scope)).toBe(false);
  expect(isArticleAddition(texts('footer p'), scope)).toBe(false);
  expect(isArticleAddition(texts('h1'), null)).toBe(false);
  expect(articleScope([])).toBeNull();
});

test('an article inside page furniture (a site-wide <form>) is still the article', () => {
  document.body.innerHTML = '<form id="aspnetForm"><article><p>Body</p></article></form>';
  const p = document.querySelector('p')!.firstChild as Text;
  expect(isArticleAddition(p, articleScope([p]))).toBe(true);
});
