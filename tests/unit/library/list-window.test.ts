// The windowed list's arithmetic: which rows are drawn for a scroll position, the gaps that keep the list's height,
// measured and estimated heights, and rows pinned where the reader is.
import { describe, expect, test } from 'vitest';
import { RowHeights, drawPlan, rowOffsets, rowsBetween, sameRows, withNeighbours } from '@/lib/list-window';

const even = (count: number, height: number) => rowOffsets(count, () => height);
const drawn = (plan: ReturnType<typeof drawPlan>) => plan.blocks.map((b) => [b.start, b.end]);
/** The list's height as the plan lays it out: gaps, drawn rows and what follows. */
const laidOut = (plan: ReturnType<typeof drawPlan>, offsets: Float64Array) =>
  plan.blocks.reduce((sum, b) => sum + b.gapBefore + (offsets[b.end]! - offsets[b.start]!), 0) + plan.after;

describe('rows to draw for a scroll position', () => {
  test('only the rows overlapping the view, whatever the list\'s length', () => {
    const offsets = even(10_000, 100);
    expect(rowsBetween(offsets, 0, 950)).toEqual([0, 10]);
    // A row ending exactly at the view's top is above it; one starting exactly at its bottom is below it.
    expect(rowsBetween(offsets, 500, 1000)).toEqual([5, 10]);
    expect(rowsBetween(offsets, 499, 1001)).toEqual([4, 11]);
    expect(rowsBetween(offsets, 999_000, 1_001_000)).toEqual([9990, 10_000]);
    expect(rowsBetween(offsets, -300, 50)).toEqual([0, 1]);
    expect(rowsBetween(offsets, 2_000_000, 2_000_100)).toEqual([10_000, 10_000]);
    expect(rowsBetween(even(0, 100), 0, 900)).toEqual([0, 0]);
  });

  test('rows of different heights: the row found is the one under the view\'s top', () => {
    const heights = [10, 200, 30, 30, 500, 20];
    const offsets = rowOffsets(heights.length, (i) => heights[i]!);
    expect([...offsets]).toEqual([0, 10, 210, 240, 270, 770, 790]);
    expect(rowsBetween(offsets, 220, 260)).toEqual([2, 4]);
    expect(rowsBetween(offsets, 300, 400)).toEqual([4, 5]);
  });

  test('the gaps keep the whole list\'s height wherever the view is', () => {
    const heights = Array.from({ length: 500 }, (_, i) => 40 + ((i * 37) % 90));
    const offsets = rowOffsets(heights.length, (i) => heights[i]!);
    for (const top of [0, 1234, 20_000, offsets[500]! - 300]) {
      const plan = drawPlan(offsets, top, top + 900);
      expect(laidOut(plan, offsets)).toBeCloseTo(offsets[500]!, 6);
      const [block] = plan.blocks;
      // The first row drawn begins at or above the view's top and the last ends at or below its bottom.
      expect(offsets[block!.start]!).toBeLessThanOrEqual(top);
      expect(offsets[block!.end]!).toBeGreaterThanOrEqual(Math.min(top + 900, offsets[500]!));
      expect(block!.gapBefore).toBe(offsets[block!.start]!);
    }
  });
});

describe('pinned rows', () => {
  test('a focused row far from the view stays drawn in a block of its own, the space between kept', () => {
    const offsets = even(1000, 100);
    const plan = drawPlan(offsets, 50_000, 51_000, withNeighbours(3, 1000));
    expect(drawn(plan)).toEqual([[2, 5], [500, 510]]);
    expect(plan.blocks.map((b) => b.gapBefore)).toEqual([200, 49_500]);
    expect(plan.after).toBe(49_000);
    expect(laidOut(plan, offsets)).toBe(100_000);
  });

  test('pinned rows beside or inside the view join its block; out-of-range pins are ignored', () => {
    const offsets = even(100, 100);
    expect(drawn(drawPlan(offsets, 1000, 2000, [10, 20, 19, 250, -1, 2.5]))).toEqual([[10, 21]]);
    expect(drawn(drawPlan(offsets, 1000, 2000, [22]))).toEqual([[10, 20], [22, 23]]);
    // Nothing in view (the list scrolled away above), the focused row still drawn.
    expect(drawn(drawPlan(offsets, 20_000, 21_000, [99]))).toEqual([[99, 100]]);
    expect(drawPlan(offsets, 20_000, 21_000, [99]).after).toBe(0);
  });

  test('neighbours: the row before and after, within the list', () => {
    expect(withNeighbours(0, 10)).toEqual([0, 1]);
    expect(withNeighbours(5, 10)).toEqual([4, 5, 6]);
    expect(withNeighbours(9, 10)).toEqual([8, 9]);
    expect(withNeighbours(-1, 10)).toEqual([]);
    expect(withNeighbours(10, 10)).toEqual([]);
  });

  test('a scroll that keeps the same rows is the same plan', () => {
    const offsets = even(100, 100);
    expect(sameRows(drawPlan(offsets, 1000, 2000), drawPlan(offsets, 1010, 1990))).toBe(true);
    expect(sameRows(drawPlan(offsets, 1000, 2000), drawPlan(offsets, 1100, 2000))).toBe(false);
    expect(sameRows(drawPlan(offsets, 1000, 2000), drawPlan(offsets, 1000, 2000, [50]))).toBe(false);
  });
});

describe('measured and estimated heights', () => {
  test('rows not yet measured take the mean of those measured, else the guess', () => {
    const heights = new RowHeights(120);
    expect(heights.get('a')).toBe(120);
    expect(heights.set('a', 80)).toBe(true);
    expect(heights.set('b', 100)).toBe(true);
    expect(heights.get('a')).toBe(80);
    expect(heights.get('z')).toBe(90);
    // The same height again (to half a pixel) is no change; a new one replaces the old in the mean.
    expect(heights.set('a', 80.4)).toBe(false);
    expect(heights.set('a', 60)).toBe(true);
    expect(heights.get('z')).toBe(80);
  });

  test('a row not laid out (height 0) is no measure', () => {
    const heights = new RowHeights(120);
    expect(heights.set('a', 0)).toBe(false);
    expect(heights.set('a', Number.NaN)).toBe(false);
    expect(heights.has('a')).toBe(false);
    expect(heights.estimate).toBe(120);
  });

  test('clearing forgets every measure', () => {
    const heights = new RowHeights(120);
    heights.set('a', 50);
    heights.clear();
    expect(heights.has('a')).toBe(false);
    expect(heights.get('a')).toBe(120);
  });

  test('a measure changes the offsets of the rows after it, not before', () => {
    const heights = new RowHeights(100);
    const keys = ['a', 'b', 'c', 'd'];
    const before = rowOffsets(4, (i) => heights.get(keys[i]!));
    heights.set('b', 100);
    heights.set('c', 300);
    const after = rowOffsets(4, (i) => heights.get(keys[i]!));
    expect([...before]).toEqual([0, 100, 200, 300, 400]);
    // a and d are estimated at the mean (200) now.
    expect([...after]).toEqual([0, 200, 300, 600, 800]);
  });
});
