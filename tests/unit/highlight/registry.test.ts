import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { caretPointAt, createNamedHighlight, GUARD_INTERVAL_MS, RangeIndex, supportsCustomHighlights, textNodesIn, verifyHighlights } from '@/lib/highlight/registry';
import { vi } from 'vitest';
import { installFakeHighlights, stubRangeGeometry, type FakeHighlight } from './fake-highlights';

function para(html: string): HTMLElement {
  document.body.innerHTML = html;
  return document.body.firstElementChild as HTMLElement;
}
function rangeIn(node: Node, start: number, end: number, endNode: Node = node): Range {
  const r = document.createRange();
  r.setStart(node, start);
  r.setEnd(endNode, end);
  return r;
}

describe('named highlights', () => {
  let fake: ReturnType<typeof installFakeHighlights>;
  beforeEach(() => (fake = installFakeHighlights()));
  afterEach(() => fake.uninstall());

  test('are registered on first range and removed when empty, so the page never sees empty Backstory entries', () => {
    const p = para('<p>Aleppo and Homs</p>');
    const h = createNamedHighlight(window, 'backstory-place', 3)!;
    expect(fake.registry.has('backstory-place')).toBe(false);
    const a = rangeIn(p.firstChild!, 0, 6);
    const b = rangeIn(p.firstChild!, 11, 15);
    h.add(a);
    h.add(b);
    const registered = fake.registry.get('backstory-place') as FakeHighlight;
    expect([...registered]).toEqual([a, b]);
    expect(registered.priority).toBe(3);
    h.delete(a);
    expect(fake.registry.get('backstory-place')!.size).toBe(1);
    h.delete(b);
    expect(fake.registry.has('backstory-place')).toBe(false);
    h.dispose();
  });

  test('replace swaps every range at once; unregister leaves a name someone else took alone', () => {
    const p = para('<p>Aleppo and Homs</p>');
    const h = createNamedHighlight(window, 'backstory-note')!;
    h.replace([rangeIn(p.firstChild!, 0, 6), rangeIn(p.firstChild!, 11, 15)]);
    expect(h.size).toBe(2);
    h.replace([rangeIn(p.firstChild!, 0, 3)]);
    expect(fake.registry.get('backstory-note')!.size).toBe(1);
    h.unregister();
    expect(fake.registry.has('backstory-note')).toBe(false);

    const mine = createNamedHighlight(window, 'backstory-note')!;
    mine.add(rangeIn(p.firstChild!, 0, 3));
    const theirs = new (window as unknown as { Highlight: new () => FakeHighlight }).Highlight();
    fake.registry.set('backstory-note', theirs);
    mine.unregister();
    expect(fake.registry.get('backstory-note')).toBe(theirs);
    h.dispose();
    mine.dispose();
  });

  test('what a page adds, takes out or puts under our name is put back to exactly the ranges we added', () => {
    const p = para('<p>Aleppo and Homs and Idlib</p>');
    const text = p.firstChild!;
    const h = createNamedHighlight(window, 'backstory-figure-differs', 3)!;
    const ours = rangeIn(text, 0, 6);
    h.add(ours);
    const registered = fake.registry.get('backstory-figure-differs')!;
    // The page: a forged range in our object, our range taken out, the priority lowered.
    registered.add(rangeIn(text, 11, 15));
    registered.delete(ours);
    registered.priority = -1;
    expect(h.verify()).toBe(true);
    expect([...fake.registry.get('backstory-figure-differs')!]).toEqual([ours]);
    expect(fake.registry.get('backstory-figure-differs')!.priority).toBe(3);
    expect(h.verify()).toBe(false); // nothing left to put right

    // Its own object under our name, or our entry deleted.
    const theirs = new (window as unknown as { Highlight: new (...r: Range[]) => FakeHighlight }).Highlight(rangeIn(text, 20, 25));
    fake.registry.set('backstory-figure-differs', theirs);
    expect(verifyHighlights(window)).toBe(1);
    expect(fake.registry.get('backstory-figure-differs')).toBe(registered);
    fake.registry.delete('backstory-figure-differs');
    h.verify();
    expect([...fake.registry.get('backstory-figure-differs')!]).toEqual([ours]);

    // While we show nothing under a name, nothing may be shown under it (our styles would paint it).
    h.delete(ours);
    fake.registry.set('backstory-figure-differs', theirs);
    expect(h.verify()).toBe(true);
    expect(fake.registry.has('backstory-figure-differs')).toBe(false);
    h.dispose();
  });

  test('live highlights are checked on a timer while the page is shown, and no longer once disposed', () => {
    vi.useFakeTimers();
    try {
      const p = para('<p>Aleppo and Homs</p>');
      const h = createNamedHighlight(window, 'backstory-place', 1)!;
      h.add(rangeIn(p.firstChild!, 0, 6));
      fake.registry.get('backstory-place')!.clear();
      vi.advanceTimersByTime(GUARD_INTERVAL_MS);
      expect(fake.registry.get('backstory-place')!.size).toBe(1);
      h.dispose();
      expect(fake.registry.has('backstory-place')).toBe(false);
      const theirs = new (window as unknown as { Highlight: new () => FakeHighlight }).Highlight();
      fake.registry.set('backstory-place', theirs);
      vi.advanceTimersByTime(GUARD_INTERVAL_MS * 4);
      expect(fake.registry.get('backstory-place')).toBe(theirs); // not ours any more: left alone
      expect(vi.getTimerCount()).toBe(0);
    } finally {
      vi.useRealTimers();
    }
  });

  test('are unavailable (null) where the API is missing, so callers fall back', () => {
    fake.uninstall();
    expect(supportsCustomHighlights(window)).toBe(false);
    expect(createNamedHighlight(window, 'backstory-person')).toBeNull();
  });
});

describe('textNodesIn', () => {
  test('lists the text nodes a range covers, not those it only touches at a boundary', () => {
    const p = para('<p>one <b>two</b> three</p>');
    const [one, two, three] = [p.firstChild!, p.querySelector('b')!.firstChild!, p.lastChild!];
    expect(textNodesIn(rangeIn(one, 0, 3))).toEqual([one]);
    expect(textNodesIn(rangeIn(one, 2, 2, three))).toEqual([one, two, three]);
    expect(textNodesIn(rangeIn(one, 4, 0, three))).toEqual([two]);
  });
});

describe('RangeIndex hit-testing', () => {
  let restore: () => void;
  afterEach(() => {
    restore?.();
    delete (document as { caretRangeFromPoint?: unknown }).caretRangeFromPoint;
  });

  test('finds the ranges under a caret position, innermost first, and only on that node', () => {
    const p = para('<p>Syrian Observatory for Human Rights said</p><p>Human Rights</p>');
    const text = p.firstChild!;
    const index = new RangeIndex<string>();
    index.add(rangeIn(text, 0, 35), 'observatory');
    index.add(rangeIn(text, 23, 35), 'human-rights');
    index.add(rangeIn(document.body.lastChild!.firstChild!, 0, 12), 'other');
    expect(index.atCaret({ node: text, offset: 25 })).toEqual(['human-rights', 'observatory']);
    expect(index.atCaret({ node: text, offset: 3 })).toEqual(['observatory']);
    expect(index.atCaret({ node: text, offset: 38 })).toEqual([]);
    index.delete('observatory');
    expect(index.atCaret({ node: text, offset: 3 })).toEqual([]);
    expect(index.size).toBe(2);
  });

  test('at a viewport point, counts a range only if its drawn rects contain the point', () => {
    const p = para('<p>Aleppo is a city</p>');
    const text = p.firstChild!;
    // The caret API snaps to the nearest character even far to the right of a line's end.
    (document as { caretRangeFromPoint?: unknown }).caretRangeFromPoint = () => rangeIn(text, 3, 3);
    restore = stubRangeGeometry((r) => (r.startOffset === 0 ? [new DOMRect(10, 10, 50, 16)] : []));
    const index = new RangeIndex<string>();
    index.add(rangeIn(text, 0, 6), 'aleppo');
    expect(caretPointAt(document, 20, 15)).toEqual({ node: text, offset: 3 });
    expect(index.atPoint(document, 20, 15)).toEqual(['aleppo']);
    expect(index.atPoint(document, 400, 15)).toEqual([]);
  });

  test('the character just before the caret counts (pointer on the right half of the last letter)', () => {
    const p = para('<p>Homs today</p>');
    const text = p.firstChild!;
    (document as { caretRangeFromPoint?: unknown }).caretRangeFromPoint = () => rangeIn(text, 4, 4);
    restore = stubRangeGeometry(() => [new DOMRect(0, 0, 40, 16)]);
    const index = new RangeIndex<string>();
    index.add(rangeIn(text, 0, 4), 'homs');
    expect(index.atPoint(document, 39, 8)).toEqual(['homs']);
  });
});
