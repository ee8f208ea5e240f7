// Our ::highlight rules: every declaration important, all in one anonymous cascade layer (a page cannot join
// it or outrank it, see lib/highlight/styles.ts), on the page only while something of ours is painted, and
// adopted by the content script itself only where the browser will not insert them.
import { expect, test, vi } from 'vitest';
import { CATEGORY_STYLES, FOCUS_HIGHLIGHT, highlightCss, highlightStyles, NOTE_HIGHLIGHT } from '@/lib/highlight/styles';

/** Rules the content script put on the page itself (an adopted sheet; a <style> where jsdom has none). */
const ownSheets = () => document.querySelectorAll('style[data-backstory="highlight-styles"]').length + (document.adoptedStyleSheets?.length ?? 0);

test('one anonymous layer of important rules for every name Backstory paints', () => {
  const css = highlightCss();
  expect(css.startsWith('@layer {')).toBe(true);
  for (const name of [...Object.values(CATEGORY_STYLES).map((s) => s.name), FOCUS_HIGHLIGHT, NOTE_HIGHLIGHT]) expect(css).toContain(`::highlight(${name})`);
  const declarations = css.replace(/^@layer \{|\}\s*$/g, '').match(/[a-z-]+:[^;{}]+;/g)!;
  expect(declarations.length).toBeGreaterThan(20);
  expect(declarations.filter((d) => !d.includes('!important'))).toEqual([]);
});

test('the browser is asked to insert the rules while anything holds them, and to take them out after the last', async () => {
  const calls: boolean[] = [];
  const styles = highlightStyles(document, async (on) => void calls.push(on));
  const releaseHighlights = styles.acquire();
  const releaseNotes = styles.acquire();
  releaseHighlights();
  releaseHighlights(); // twice is once
  await vi.waitFor(() => expect(calls).toEqual([true]));
  releaseNotes();
  await vi.waitFor(() => expect(calls).toEqual([true, false]));
  expect(ownSheets()).toBe(0);
});

test('where the browser cannot insert them (no scripting API, background gone) the page adopts them, and drops them after', async () => {
  const styles = highlightStyles(document, () => Promise.reject(new Error('no scripting')));
  const release = styles.acquire();
  await vi.waitFor(() => expect(ownSheets()).toBe(1));
  release();
  await vi.waitFor(() => expect(ownSheets()).toBe(0));
});

test('ready settles once the rules asked for are in, or could not be put in', async () => {
  let inserted!: () => void;
  const insert = vi.fn((on: boolean) => (on ? new Promise<void>((resolve) => (inserted = resolve)) : Promise.resolve()));
  const styles = highlightStyles(document, insert);
  const release = styles.acquire();
  let ready = false;
  void styles.ready!().then(() => (ready = true));
  await vi.waitFor(() => expect(insert).toHaveBeenCalledWith(true));
  await new Promise((resolve) => setTimeout(resolve, 20));
  expect(ready).toBe(false);
  inserted();
  await vi.waitFor(() => expect(ready).toBe(true));
  release();
  // A background that does not answer: ready still settles (the fallback is in then).
  const failing = highlightStyles(document, () => Promise.reject(new Error('no background')));
  const releaseFailing = failing.acquire();
  await failing.ready!();
  expect(ownSheets()).toBe(1);
  releaseFailing();
  await failing.ready!();
  expect(ownSheets()).toBe(0);
});
