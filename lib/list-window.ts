// Which rows of a long list to draw: those in and near the viewport, plus rows that must stay drawn wherever the
// reader scrolls (the one holding the keyboard focus and its neighbours, one being edited), with the space of the
// rows not drawn kept as gaps so the page is as tall as the whole list and its scroll bar tells the truth.
// Heights are measured once a row has been drawn and estimated (the mean of those measured) until then.
// Pure: the list component measures and scrolls; this only does the arithmetic.

/** Rows' heights by key: measured ones, and an estimate for the rest. */
export class RowHeights {
  private readonly measured = new Map<string, number>();
  private total = 0;

  /** `guess`: a row's height before any has been measured. */
  constructor(private readonly guess: number) {}

  /** The height of a row never measured: the mean of those measured (rows of one list are alike), else the guess. */
  get estimate(): number {
    return this.measured.size > 0 ? this.total / this.measured.size : this.guess;
  }

  get(key: string): number {
    return this.measured.get(key) ?? this.estimate;
  }

  has(key: string): boolean {
    return this.measured.has(key);
  }

  /**
   * Records a row's measured height. A height of zero or less is no measure (a row not laid out: hidden, or a page
   * without layout) and is ignored. Answers whether anything changed by more than half a pixel.
   */
  set(key: string, height: number): boolean {
    if (!(height > 0)) return false;
    const old = this.measured.get(key);
    if (old !== undefined && Math.abs(old - height) <= 0.5) return false;
    this.total += height - (old ?? 0);
    this.measured.set(key, height);
    return true;
  }

  /** Forgets every measure (the rows' width changed, so every height may have). */
  clear(): void {
    this.measured.clear();
    this.total = 0;
  }
}

/** Where each row begins, from the list's top: `count + 1` entries, the last being the whole list's height. */
export function rowOffsets(count: number, heightOf: (index: number) => number): Float64Array {
  const offsets = new Float64Array(count + 1);
  for (let i = 0; i < count; i++) offsets[i + 1] = offsets[i]! + heightOf(i);
  return offsets;
}

/** The first row whose bottom is below `y` (so a row ending exactly at `y` is not it); `count` when there is none. */
function firstEndingBelow(offsets: Float64Array, y: number): number {
  let lo = 0;
  let hi = offsets.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (offsets[mid + 1]! > y) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** The rows overlapping `[top, bottom)` (list coordinates) as `[start, end)`; empty where nothing overlaps. */
export function rowsBetween(offsets: Float64Array, top: number, bottom: number): [number, number] {
  const count = offsets.length - 1;
  if (count === 0 || bottom <= top) return [0, 0];
  const start = firstEndingBelow(offsets, top);
  let end = start;
  while (end < count && offsets[end]! < bottom) end++;
  return [start, Math.max(start, end)];
}

/** A run of consecutive rows to draw, and the space of the rows not drawn before it. */
export interface DrawnBlock {
  start: number;
  end: number;
  /** Pixels between the end of the previous block (or the list's top) and this block's first row. */
  gapBefore: number;
}

export interface DrawPlan {
  blocks: DrawnBlock[];
  /** Pixels of rows not drawn after the last block, to the list's end. */
  after: number;
}

/**
 * The rows to draw: those overlapping the view `[top, bottom)` (list coordinates, the margin already added), and
 * every pinned row (out of range ones are ignored), merged into blocks in order, with the gaps between them.
 */
export function drawPlan(offsets: Float64Array, top: number, bottom: number, pinned: readonly number[] = []): DrawPlan {
  const count = offsets.length - 1;
  const ranges: [number, number][] = [];
  const [start, end] = rowsBetween(offsets, top, bottom);
  if (end > start) ranges.push([start, end]);
  for (const p of pinned) if (Number.isInteger(p) && p >= 0 && p < count) ranges.push([p, p + 1]);
  ranges.sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const r of ranges) {
    const last = merged.at(-1);
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else merged.push([r[0], r[1]]);
  }
  const blocks: DrawnBlock[] = [];
  let at = 0;
  for (const [s, e] of merged) {
    blocks.push({ start: s, end: e, gapBefore: offsets[s]! - offsets[at]! });
    at = e;
  }
  return { blocks, after: offsets[count]! - offsets[at]! };
}

/** The rows kept drawn around one the reader is on: itself and a neighbour each side, so Tab and Shift+Tab reach the next note. */
export function withNeighbours(index: number, count: number): number[] {
  if (index < 0 || index >= count) return [];
  return [index - 1, index, index + 1].filter((i) => i >= 0 && i < count);
}

/** Whether two plans draw the same rows (the gaps may differ): a scroll that draws nothing new redraws nothing. */
export function sameRows(a: DrawPlan, b: DrawPlan): boolean {
  return a.blocks.length === b.blocks.length && a.blocks.every((x, i) => x.start === b.blocks[i]!.start && x.end === b.blocks[i]!.end);
}
