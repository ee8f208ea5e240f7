// The matcher: every reference entity and figure in an article's text.
//
// 1-2. One pass over the text, folding it on the fly (lib/text/normalize: case, diacritics, apostrophes, dashes
//    and spaces) and walking the alias trie from each word start: whole words only, longest alias first at each
//    start, case rules for acronyms and capitalised one-word names checked on the original (lib/match/aliases).
//    Folding on the fly means no folded copy or offset map is written: offsets are original from the start.
// 3. Overlaps: the longest match wins ("Syrian Observatory for Human Rights", not "Human Rights"); a shorter
//    match overlapping it is dropped.
// 4. Figures: only when the article names reference entities (relevance gating), the figure reader
//    (lib/figures) runs on the original text and each figure is judged against the reference (lib/match/figures).
//
// The trie and the lookup tables are built once per dataset and cached, so calling createMatcher again with the
// same dataset object is free. They are built on the first match (or `prepare()`), not by createMatcher: the
// content script creates its matcher as it starts, and building there would lengthen that first task.
import { readFigures as defaultReadFigures, shiftReading, type ReadOptions } from '../figures';
import type { FigureReading } from '../figures/types';
import type { Dataset, Figure } from '../reference/types';
import { caseAllows, compileAliases, type AliasPattern } from './aliases';
import { createFigureJudge, figuresByCounts, type PageContext } from './figures';
import { KeyTrie } from './trie';
import type { TextMatch } from './types';
export type { TextMatch, MatchCategory } from './types';
export { MATCH_CATEGORIES } from './types';
export { valuesAgree, MIN_ARTICLE_ENTITIES, SAME_DATE_DAYS, STATE_DAYS, type FigureVerdict, type PageContext } from './figures';

export interface Matcher {
  /**
   * Every reference entity and figure in `text`, sorted by start, non-overlapping; offsets index `text`. `page` is
   * the language and date of the page the text is from (read from its document), for reading its figures.
   */
  match(text: string, page?: PageContext): TextMatch[];
  /** Builds the lookup tables now rather than in the first `match`, so a caller can give them a task of their own. */
  prepare(): void;
}

export interface MatcherOptions {
  /** The figure reader; lib/figures' by default. Tests and benchmarks may pass their own. */
  readFigures?: (text: string, options?: ReadOptions) => FigureReading[];
}

const cache = new WeakMap<Dataset, Matcher>();

export function createMatcher(dataset: Dataset, options: MatcherOptions = {}): Matcher {
  const cacheable = options.readFigures === undefined;
  if (cacheable) {
    const cached = cache.get(dataset);
    if (cached) return cached;
  }
  const matcher = buildMatcher(dataset, options.readFigures ?? defaultReadFigures);
  if (cacheable) cache.set(dataset, matcher);
  return matcher;
}

interface Candidate {
  start: number;
  end: number;
  pattern: AliasPattern;
}

/**
 * Longest first among overlapping matches. Candidates arrive sorted by start; overlapping ones form small
 * clusters, each resolved greedily by length (then position), so the cost stays linear in the candidates.
 */
function dropOverlaps<T extends { start: number; end: number }>(sorted: T[]): T[] {
  const out: T[] = [];
  let i = 0;
  while (i < sorted.length) {
    let j = i + 1;
    let clusterEnd = sorted[i]!.end;
    while (j < sorted.length && sorted[j]!.start < clusterEnd) {
      clusterEnd = Math.max(clusterEnd, sorted[j]!.end);
      j++;
    }
    if (j === i + 1) {
      out.push(sorted[i]!);
    } else {
      const cluster = sorted.slice(i, j).sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
      const kept: T[] = [];
      for (const c of cluster) if (!kept.some((k) => k.start < c.end && c.start < k.end)) kept.push(c);
      out.push(...kept.sort((a, b) => a.start - b.start));
    }
    i = j;
  }
  return out;
}

interface MatcherTables {
  trie: KeyTrie;
  /** Per trie key, its patterns (case-insensitive ones first). */
  patternsByKey: AliasPattern[][];
  byCounts: Map<string, Figure[]>;
}

function buildTables(dataset: Dataset): MatcherTables {
  const patterns = compileAliases(dataset);
  // One trie key per distinct folded key; each key lists its patterns (case-insensitive ones first).
  const keys: string[] = [];
  const patternsByKey: AliasPattern[][] = [];
  const keyIndex = new Map<string, number>();
  for (const p of patterns) {
    let k = keyIndex.get(p.key);
    if (k === undefined) {
      k = keys.length;
      keyIndex.set(p.key, k);
      keys.push(p.key);
      patternsByKey.push([]);
    }
    patternsByKey[k]!.push(p);
  }
  return { trie: new KeyTrie(keys), patternsByKey, byCounts: figuresByCounts(dataset) };
}

function buildMatcher(dataset: Dataset, readFigures: (text: string, options?: ReadOptions) => FigureReading[]): Matcher {
  let tables: MatcherTables | undefined;
  const built = () => (tables ??= buildTables(dataset));

  return {
    prepare() {
      built();
    },
    match(text, page = {}) {
      if (text.length === 0) return [];
      const { trie, patternsByKey, byCounts } = built();
      const candidates: Candidate[] = [];
      // Entities whose full name has appeared so far: their contextual aliases count from then on.
      const introduced = new Set<string>();
      trie.scanOriginal(
        text,
        (key, start, end) => {
          const list = patternsByKey[key]!;
          const first = list[0]!;
          // Most keys have one case-insensitive pattern: accept without reading the original.
          if (!first.wordCases && !first.contextual) {
            candidates.push({ start, end, pattern: first });
            introduced.add(first.entity.id);
            return true;
          }
          const slice = text.slice(start, end);
          for (const pattern of list) {
            if (pattern.contextual && !introduced.has(pattern.entity.id)) continue;
            if (caseAllows(pattern, slice)) {
              candidates.push({ start, end, pattern });
              if (!pattern.contextual) introduced.add(pattern.entity.id);
              return true;
            }
          }
          return false;
        },
      );
      const entities: TextMatch[] = dropOverlaps(candidates).map(({ start, end, pattern }) => ({
        start,
        end,
        text: text.slice(start, end),
        category: pattern.entity.type,
        referenceId: pattern.entity.id,
      }));
      if (entities.length === 0 || dataset.figures.length === 0) return entities;

      const breaks = paragraphBreaks(text);
      // Only readings that count something the reference counts need the judge (and its per-page indexes).
      // Every counted figure bounds its neighbours' parts of a sentence; only those the reference counts are judged.
      const counted = readFiguresNearEntities(text, entities, breaks, readFigures, page.lang).filter((r) => r.counts !== undefined);
      const readings = counted.filter((r) => byCounts.has(r.counts!));
      if (readings.length === 0) return entities;
      const judge = createFigureJudge(dataset, byCounts, text, entities, breaks, counted, page);
      const figures: TextMatch[] = [];
      for (const reading of readings) {
        const judgement = judge.judge(reading);
        if (!judgement) continue;
        figures.push({
          start: reading.start,
          end: reading.end,
          text: text.slice(reading.start, reading.end),
          // An earlier or later estimate is no contradiction: it is painted as a figure the reference has.
          category: judgement.verdict === 'differs' ? 'figure-differs' : 'figure',
          referenceId: judgement.figure.id,
          figure: { reading, verdict: judgement.verdict, page: judgement.page },
        });
      }
      if (figures.length === 0) return entities;
      return mergeFiguresAndEntities(entities, figures);
    },
  };
}

/** A paragraph break: a whitespace run holding two or more line breaks (as the folding reads it), or U+2029. */
const PARAGRAPH_BREAK = /(?:\r\n?|[\n\u000b\u0085\u2028])[^\S\r\n\u000b\u0085\u2028\u2029]*(?:\r\n?|[\n\u000b\u0085\u2028])|\u2029/g;

/** Original offsets of the paragraph breaks of `text`, for the figure judge's neighbourhoods. */
function paragraphBreaks(text: string): number[] {
  const breaks: number[] = [];
  PARAGRAPH_BREAK.lastIndex = 0;
  for (let m = PARAGRAPH_BREAK.exec(text); m; m = PARAGRAPH_BREAK.exec(text)) breaks.push(m.index);
  return breaks;
}

/**
 * The figure reader costs far more per character than the entity scan, and a figure can only be relevant within
 * one paragraph of an entity (see lib/match/figures: relevance). So it reads just those paragraphs: on a long
 * page that mentions the subject in a few places, a small part of the text. Each stretch of paragraphs is read
 * on its own (a figure's context never crosses a paragraph break anyway) and offsets are shifted back.
 */
function readFiguresNearEntities(
  text: string,
  entities: readonly TextMatch[],
  breaks: readonly number[],
  readFigures: (text: string, options?: ReadOptions) => FigureReading[],
  lang: string | undefined,
): FigureReading[] {
  const paragraphs = breaks.length + 1;
  const wanted = new Uint8Array(paragraphs);
  let p = 0;
  for (const m of entities) {
    while (p < breaks.length && breaks[p]! <= m.start) p++;
    if (p > 0) wanted[p - 1] = 1;
    wanted[p] = 1;
    if (p + 1 < paragraphs) wanted[p + 1] = 1;
  }
  const out: FigureReading[] = [];
  for (let first = 0; first < paragraphs; first++) {
    if (!wanted[first]) continue;
    let last = first;
    while (last + 1 < paragraphs && wanted[last + 1]) last++;
    const from = first === 0 ? 0 : breaks[first - 1]!;
    const to = last < breaks.length ? breaks[last]! : text.length;
    const slice = from === 0 && to === text.length ? text : text.slice(from, to);
    for (const r of readFigures(slice, lang ? { lang } : {})) out.push(shiftReading(r, from));
    first = last;
  }
  return out;
}

/**
 * Entities and figures rarely overlap ("two more Syrian generals" is a figure, "Syrian" no entity); when they
 * do, the figure keeps just its number so both stay visible, or the longer of the two wins.
 */
function mergeFiguresAndEntities(entities: TextMatch[], figures: TextMatch[]): TextMatch[] {
  // Entities are sorted and non-overlapping, so their ends are sorted too: binary search for the first entity
  // ending after `start`, then it overlaps iff it starts before `end`.
  const overlaps = (start: number, end: number) => {
    let lo = 0;
    let hi = entities.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (entities[mid]!.end <= start) lo = mid + 1;
      else hi = mid;
    }
    return lo < entities.length && entities[lo]!.start < end;
  };
  const adjusted = figures.map((f) => {
    if (!overlaps(f.start, f.end) || !f.figure) return f;
    const { numberStart, numberEnd } = f.figure.reading;
    if (overlaps(numberStart, numberEnd)) return f;
    return { ...f, start: numberStart, end: numberEnd, text: f.text.slice(numberStart - f.start, numberEnd - f.start) };
  });
  return dropOverlaps([...entities, ...adjusted].sort((a, b) => a.start - b.start || b.end - a.end));
}
