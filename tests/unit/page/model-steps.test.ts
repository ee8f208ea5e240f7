// The page model's detection in steps: the page controller's run detects the article a few steps a task, with the
// main thread given back between them; anything that asks for the detection meanwhile gets it at once (the steps
// are finished then), and a newer detection overtakes one still in steps.
import { afterEach, expect, test } from 'vitest';
import { createPageModel, type PageModel } from '@/lib/page/model';
import { newsPage } from '../article/pages';

let page: PageModel | null = null;
afterEach(() => {
  page?.destroy();
  page = null;
});

const macrotask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

function load() {
  document.documentElement.innerHTML = `<head><title>Page</title></head><body>${newsPage('plain')}</body>`;
  // A step a task: where the steps pause does not depend on how fast this machine runs them.
  page = createPageModel(document, { stepBudgetMs: 0 });
  return page;
}

test('the stepped detection gives the main thread back between steps and finds what detection() finds', async () => {
  const model = load();
  model.subscribe(() => {});
  let pauses = 0;
  const detected = await model.detectionInSteps(async () => {
    pauses++;
    await macrotask();
  });
  expect(pauses).toBeGreaterThan(0);
  // Kept: the same detection for every later request.
  expect(model.detection()).toBe(detected);
  expect(detected!.article.nodes.length).toBeGreaterThan(3);
  expect(detected!.article.method).toBe('paragraph-cluster');

  // Another model of the same page, detected in one call: the same article, node for node.
  const once = createPageModel(document).detection();
  expect(detected!.article.nodes).toEqual(once.article.nodes);
  expect(detected!.article.nodes.every((n, i) => n === once.article.nodes[i])).toBe(true);
});

test('a request while the steps run finishes them at once; the stepped run then answers the same detection', async () => {
  const model = load();
  model.subscribe(() => {});
  let release!: () => void;
  const paused = new Promise<void>((resolve) => (release = resolve));
  let pauses = 0;
  const running = model.detectionInSteps(async () => {
    pauses++;
    await paused;
  });
  await macrotask();
  expect(pauses).toBe(1); // stopped at its first pause
  const now = model.detection(); // e.g. a note asked for meanwhile
  expect(now.article.nodes.length).toBeGreaterThan(3);
  release();
  expect(await running).toBe(now);
  expect(model.detection()).toBe(now);
  expect(now.generation).toBe(1); // detected once
});

test('a pause that answers false stops the steps (null); the next request goes on from there', async () => {
  const model = load();
  model.subscribe(() => {});
  expect(await model.detectionInSteps(async () => false)).toBeNull();
  const later = await model.detectionInSteps(async () => true);
  expect(later!.generation).toBe(1);
  expect(later!.article.nodes.length).toBeGreaterThan(3);
});

test('the page asks to be detected again while the steps run: the newer detection is the one answered', async () => {
  const model = load();
  const events: string[] = [];
  model.subscribe((e) => events.push(e.type));
  let release!: () => void;
  const paused = new Promise<void>((resolve) => (release = resolve));
  const running = model.detectionInSteps(() => paused);
  await macrotask();
  // Single-page navigation: another article.
  document.querySelector('p')!.textContent = 'Another story, told in a first paragraph as long as the one it replaces, about the talks in Damascus and the convoy.';
  model.redetect();
  expect(events).toContain('detected');
  release();
  const answered = await running;
  expect(answered).toBe(model.detection());
  expect(answered!.generation).toBe(1); // the first, overtaken, was never kept
  expect(model.articleText().text).toContain('Another story');
});

test('text the page adds to the article while the steps run joins the article once they are done', async () => {
  const model = load();
  model.subscribe(() => {});
  const container = document.querySelector('p')!.parentElement!;
  const late: string[] = [];
  const detected = await model.detectionInSteps(async () => {
    // A live page: a paragraph appended at every pause, its change delivered at once (as the watcher would, later).
    const text = `Late paragraph ${late.length + 1}: the convoy's second day, as residents of the district queued for bread and water in the rain.`;
    const p = document.createElement('p');
    p.textContent = text;
    container.append(p);
    late.push(text);
    model.flush();
    await macrotask();
  });
  expect(detected).not.toBeNull();
  expect(late.length).toBeGreaterThan(3);
  const text = model.articleText().text;
  for (const paragraph of late) expect(text).toContain(paragraph);
});
