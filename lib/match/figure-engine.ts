// The matcher's figure work as one replaceable part: the figure reader (lib/figures) and the figure judge
// (./figures.ts). Together they are the largest part of the matcher's code, and most pages never need them: a page
// off the reference's subject, or one whose paragraphs near the reference's names hold no number. So the matcher
// takes them from a FigureSource: Node and the tests pass the engine itself (./index.ts does by default), the
// content script a loader that has the background inject them (entrypoints/figures.ts, lib/page/parts.ts) the
// first time an article needs them. Only types are imported here, so this module costs the content script nothing.
import type { ReadOptions } from '../figures';
import type { FigureReading } from '../figures/types';
import type { Dataset, Entity, Figure } from '../reference/types';
import type { FigureJudge, PageContext } from './figures';
import type { TextMatch } from './types';

export interface FigureEngine {
  readFigures(text: string, options?: ReadOptions): FigureReading[];
  createFigureJudge(
    reference: JudgedReference,
    text: string,
    entities: readonly TextMatch[],
    breaks: readonly number[],
    page?: PageContext,
  ): FigureJudge;
}

/** The engine itself, or what loads it (once; a failed load is asked again by the next article). */
export type FigureSource = FigureEngine | (() => Promise<FigureEngine>);

/** The reference figures that count one thing, by that thing (a Map, or the compiled tables' groups: lib/match/tables.ts). */
export interface FiguresByCounts {
  get(counts: string): readonly Figure[] | undefined;
  has(counts: string): boolean;
}

/**
 * What a figure judge compares a page's figures with: one reference (or one set of several), its figures grouped by
 * what they count, and the reference entities the page names. The judge looks up no entity the page does not name,
 * and the matcher already holds those: so nothing on a page passes over every entity of the reference.
 */
export interface JudgedReference {
  dataset: Dataset;
  byCounts: FiguresByCounts;
  /** A reference entity the page names, by id; undefined for any other id. */
  named(id: string): Entity | undefined;
}

/** Reference figures grouped by what they count. */
export function figuresByCounts(dataset: Dataset): Map<string, Figure[]> {
  const map = new Map<string, Figure[]>();
  for (const f of dataset.figures) {
    const list = map.get(f.counts) ?? [];
    list.push(f);
    map.set(f.counts, list);
  }
  return map;
}
