import { afterEach, describe, expect, test, vi } from 'vitest';
import { createHighlighter, type HighlightItem } from '@/lib/highlight/highlighter';
import { textNodesIn } from '@/lib/highlight/registry';
import type { MatchCategory } from '@/lib/match/types';
import { installFakeHighlights, stubRangeGeometry } from './fake-highlights';

const CATEGORY_NAMES = ['backstory-person', 'backstory-place', 'backstory-organization', 'backstory-figure', 'backstory-figure-differs'];

function item(text: Text, start: number, end: number, category: MatchCategory, referenceId = `${category}:${start}`): HighlightItem {
  const range = document.createRange();
  range.setStart(text, start);
  range.setEnd(text, end);
  return { match: { start, end, text: text.data.slice(start, end), category, referenceId }, range, nodes: textNodesIn(range) };
}

function page() {
  document.head.innerHTML = '';
  document.body.innerHTML = '<article><p>Ban Ki-moon of the UN visited Aleppo; 60,000 killed, 4 million fled.</p></article>';
  return document.querySelector('p')!.firstChild as Text;
}

describe('highlighter with the Custom Highlight API', () => {
  let fake: ReturnType<typeof installFakeHighlights>;
  afterEach(() => fake.uninstall());

  test('registers one highlight per category under the contract names, and leaves the DOM alone', () => {
    fake = installFakeHighlights();
    const text = page();
    const html = document.body.innerHTML;
    const h = createHighlighter(document);
    expect(h.mode).toBe('css');
    const items = [
      item(text, 0, 11, 'person'), item(text, 19, 21, 'organization'), item(text, 30, 36, 'place'),
      item(text, 38, 44, 'figure-differs'), item(text, 53, 62, 'figure'),
    ];
    h.add(items);
    expect([...fake.registry.keys()].filter((k) => k !== 'backstory-focus').sort()).toEqual([...CATEGORY_NAMES].sort());
    expect([...fake.registry.get('backstory-place')!].map((r) => r.toString())).toEqual(['Aleppo']);
    expect([...fake.registry.get('backstory-figure-differs')!].map((r) => r.toString())).toEqual(['60,000']);
    // A figure that differs paints over an entity where they overlap.
    expect(fake.registry.get('backstory-figure-differs')!.priority).toBeGreaterThan(fake.registry.get('backstory-place')!.priority);
    expect(document.body.innerHTML).toBe(html);
    expect(h.items().map((i) => i.match.category).sort()).toEqual(['figure', 'figure-differs', 'organization', 'person', 'place']);
    expect(h.items().map((i) => i.match.text)).toEqual(['Ban Ki-moon', 'UN', 'Aleppo', '60,000', '4 million']);

    h.remove([items[2]!]);
    expect(fake.registry.has('backstory-place')).toBe(false);
    expect(h.size).toBe(4);

    h.setFocus(items[0]!);
    expect([...fake.registry.get('backstory-focus')!].map((r) => r.toString())).toEqual(['Ban Ki-moon']);
    h.setFocus(null);
    expect(fake.registry.has('backstory-focus')).toBe(false);

    // The ::highlight rules exist while highlighting and go with it.
    const styles = () => [...document.querySelectorAll('style')].map((s) => s.textContent).join('');
    expect(styles()).toContain('::highlight(backstory-figure-differs)');
    expect(styles()).toMatch(/::highlight\(backstory-place\)[^}]*dotted/);
    h.destroy();
    expect([...fake.registry.keys()]).toEqual([]);
    expect(styles()).toBe('');
    expect(document.body.innerHTML).toBe(html);
  });

  test('each category has its own underline style, not only its own colour', () => {
    fake = installFakeHighlights();
    const text = page();
    const h = createHighlighter(document);
    // No rules in the page before there is a highlight: inserting them can lay the whole page out again.
    const rules = () => [...document.querySelectorAll('style')].map((s) => s.textContent).join('');
    expect(rules()).not.toContain('::highlight');
    h.add([item(text, 0, 11, 'person')]);
    const css = rules();
    const styles = CATEGORY_NAMES.map((n) => new RegExp(`::highlight\\(${n}\\)[^}]*underline (\\w+)`).exec(css)?.[1]);
    expect(new Set(styles).size).toBe(CATEGORY_NAMES.length);
    h.destroy();
    expect(rules()).not.toContain('::highlight');
  });

  test('on a long page no box is read until our stylesheet is in: the boxes would make our script lay the whole page out again', async () => {
    fake = installFakeHighlights();
    let n = 0;
    const restore = stubRangeGeometry(() => [new DOMRect(0, 20 * (n++ % 40), 40, 16)]);
    document.body.innerHTML = Array.from({ length: 40 }, (_, i) => `<p>line ${i} Aleppo</p>`).join('');
    const items = [...document.querySelectorAll('p')].map((p, i) => item(p.firstChild as Text, 0, 4, 'place', `place:${i}`));
    let ready!: () => void;
    const acquire = vi.fn(() => () => {});
    const h = createHighlighter(document, {
      styles: { acquire, ready: () => new Promise<void>((resolve) => (ready = resolve)) },
      viewport: { allBelow: 5, cap: 10, whenIdle: () => () => {}, holdLimitMs: 60_000 }, // held however slow the machine
    });
    const rects = vi.spyOn(Range.prototype, 'getBoundingClientRect');
    try {
      h.add(items);
      expect(acquire).toHaveBeenCalledTimes(1);
      window.dispatchEvent(new Event('scroll'));
      await new Promise((resolve) => setTimeout(resolve, 300)); // a frame and the task after it, and more
      expect(rects).not.toHaveBeenCalled();
      ready();
      await vi.waitFor(() => expect(rects).toHaveBeenCalled());
    } finally {
      rects.mockRestore();
      h.destroy();
      restore();
    }
  });
});

describe('highlighter fallback (no Custom Highlight API)', () => {
  test('wraps in <backstory-mark>, keeps ranges usable, and destroy restores the exact DOM', () => {
    const text = page();
    const before = document.body.innerHTML;
    const h = createHighlighter(document);
    expect(h.mode).toBe('wrap');
    const a = item(text, 30, 36, 'place');
    const b = item(text, 0, 11, 'person');
    h.add([a]);
    h.add([b]);
    expect(Array.from(document.querySelectorAll('backstory-mark')).map((m) => m.textContent)).toEqual(['Ban Ki-moon', 'Aleppo']);
    expect(h.items().map((i) => i.range.toString())).toEqual(['Ban Ki-moon', 'Aleppo']);
    h.remove([a]);
    expect(Array.from(document.querySelectorAll('backstory-mark')).map((m) => m.textContent)).toEqual(['Ban Ki-moon']);
    h.destroy();
    expect(document.body.innerHTML).toBe(before);
    expect(document.querySelector('p')!.firstChild).toBe(text); // the page's own node is back
    expect(document.querySelector('p')!.childNodes.length).toBe(1);
  });

  test('runs its DOM changes through the mutate hook (so the living-page observer can ignore them)', () => {
    const text = page();
    let calls = 0;
    const h = createHighlighter(document, { mutate: (change) => (calls++, change()) });
    h.add([item(text, 30, 36, 'place')]);
    expect(calls).toBeGreaterThan(0);
    const after = calls;
    h.destroy();
    expect(calls).toBeGreaterThan(after);
  });
});
