// Page figures against reference figures: does "60,000 killed in Syria" agree with what the reference knows?
//
// A page figure is compared only with reference figures that count the same thing (`counts`, from the closed
// vocabulary both sides are read with) in a compatible unit. Then:
//
// - it MATCHES a reference figure when the values agree: equal when both are stated exactly in the same unit;
//   otherwise within VALUE_TOLERANCE (5 %) of each other. Qualifiers are not compared: "some 70,000",
//   "more than 70,000", "nearly 70,000" and "70,000" all report the same count in different hedges, which is
//   what a reader means by "the same figure"; 68,000 "about" matches 70,000, 60,000 does not. Durations are
//   compared in days, so "two years" matches "24 months".
// - it DIFFERS when no reference figure agrees, but one counts the same thing in a compatible scope and is
//   within a factor of 2 (COMPARABLE_RATIO): "60,000 killed in Syria" against the reference's 70,000. The factor
//   keeps a day's toll ("50 killed on Tuesday") from being reported as contradicting a war's total (70,000):
//   they count the same kind of thing but not the same thing.
// - scope: a reference figure tied to a place is compatible when its place is named in the page figure's
//   sentence, or when the sentence names no place and its neighbourhood (the paragraph and the ones either side)
//   names that place or no place at all, or the place is a country the article names (its default scope).
//   "50 killed in Homs" is never compared with a figure about Damascus.
// - among several candidates, the one whose place, attribution, related entities, period and qualifier the
//   neighbourhood and the page share wins; then the closest value.
//
// Relevance: figures count only where the article is about the reference's subject. A figure is considered
// when its sentence names a reference entity, or when the article names at least MIN_ARTICLE_ENTITIES distinct
// reference entities and one of them is named in the figure's paragraph or the one before or after it. A
// sports score, or "50 killed" on a page with no reference entity, is never highlighted.
import type { FigureReading } from '../figures/types';
import type { Dataset, Entity, Figure } from '../reference/types';
import { foldForMatching } from '../text/normalize';
import type { TextMatch } from './types';

export const VALUE_TOLERANCE = 0.05;
export const COMPARABLE_RATIO = 2;
export const MIN_ARTICLE_ENTITIES = 2;
/** How far (in characters) a sentence is looked for around a figure, each way. */
const SENTENCE_REACH = 400;

const DAYS: Record<string, number> = { hours: 1 / 24, days: 1, weeks: 7, months: 30.4375, years: 365.25 };

export type FigureVerdict = 'matches' | 'differs';

export interface FigureJudgement {
  figure: Figure;
  verdict: FigureVerdict;
}

/** The value in a unit both sides can share: days for durations, the value itself otherwise. */
function comparable(value: number, unit: string): { value: number; unit: string } {
  const days = DAYS[unit];
  return days === undefined ? { value, unit } : { value: value * days, unit: 'duration' };
}

/** Whether a page reading and a reference figure state the same value (see the file comment). */
export function valuesAgree(reading: Pick<FigureReading, 'value' | 'qualifier' | 'unit'>, figure: Pick<Figure, 'value' | 'qualifier' | 'unit'>): boolean {
  const a = comparable(reading.value, reading.unit);
  const b = comparable(figure.value, figure.unit);
  if (a.unit !== b.unit) return false;
  const bothExact = reading.qualifier === 'exact' && figure.qualifier === 'exact';
  if (bothExact && reading.unit === figure.unit) return a.value === b.value;
  // Converted durations are never exactly equal (a month is not a whole number of days): allow rounding.
  const tolerance = bothExact ? 0.02 : VALUE_TOLERANCE;
  return Math.abs(a.value - b.value) <= tolerance * Math.max(Math.abs(a.value), Math.abs(b.value));
}

function comparableMagnitude(reading: FigureReading, figure: Figure): boolean {
  const a = comparable(reading.value, reading.unit);
  const b = comparable(figure.value, figure.unit);
  if (a.unit !== b.unit || a.value <= 0 || b.value <= 0) return false;
  const ratio = a.value / b.value;
  return ratio <= COMPARABLE_RATIO && ratio >= 1 / COMPARABLE_RATIO;
}

const ABBREVIATIONS = new Set(['mr', 'mrs', 'ms', 'dr', 'st', 'gen', 'col', 'lt', 'sgt', 'capt', 'maj', 'prof', 'rev', 'sen', 'rep', 'gov', 'no', 'vs', 'jr', 'sr', 'inc', 'co', 'corp', 'ltd']);

const isAsciiLetter = (c: number) => (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);

/** Whether the full stop at `dot` ends a sentence (not "U.N.", "Mr.", "3.5"). */
function endsSentence(text: string, dot: number): boolean {
  const next = text.charCodeAt(dot + 1);
  if (!(next === 0x20 || next === 0x0a || next === 0xa0 || Number.isNaN(next))) return false;
  if (text.charCodeAt(dot) !== 0x2e) return true;
  // The word before the dot, letters and dots only, looked at in a short window.
  let a = dot;
  while (a > 0 && dot - a < 8 && (isAsciiLetter(text.charCodeAt(a - 1)) || text.charCodeAt(a - 1) === 0x2e)) a--;
  const word = text.slice(a, dot);
  // "U.N." / "U.S." / "E.U.": single capitals between dots.
  if (/^(?:[A-Z]\.)+[A-Z]$/.test(word) || /^[A-Z]$/.test(word)) return false;
  return !ABBREVIATIONS.has(word.toLowerCase());
}

const isStop = (c: number) => c === 0x2e || c === 0x21 || c === 0x3f; // . ! ?
const isGap = (c: number) => c === 0x20 || c === 0x0a || c === 0xa0;

/** The sentence around [start, end) of `text`: bounded by sentence ends, paragraph breaks and SENTENCE_REACH. */
export function sentenceAround(text: string, start: number, end: number): { start: number; end: number } {
  let s = start;
  const minS = Math.max(0, start - SENTENCE_REACH);
  while (s > minS) {
    const c = text.charCodeAt(s - 1);
    if (c === 0x0a && text.charCodeAt(s - 2) === 0x0a) break;
    if (isGap(c) && isStop(text.charCodeAt(s - 2)) && endsSentence(text, s - 2)) break;
    s--;
  }
  let e = end;
  const maxE = Math.min(text.length, end + SENTENCE_REACH);
  while (e < maxE) {
    const c = text.charCodeAt(e);
    if (c === 0x0a && text.charCodeAt(e + 1) === 0x0a) break;
    e++;
    if (isStop(c) && endsSentence(text, e - 1)) break;
  }
  return { start: s, end: e };
}

/** Matches overlapping [start, end), from a list sorted by start. */
function within<T extends { start: number; end: number }>(sorted: readonly T[], start: number, end: number): T[] {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]!.end <= start) lo = mid + 1;
    else hi = mid;
  }
  const out: T[] = [];
  for (let i = lo; i < sorted.length && sorted[i]!.start < end; i++) out.push(sorted[i]!);
  return out;
}

/** Index of the paragraph holding `offset`, given the sorted offsets of paragraph breaks. */
function paragraphOf(breaks: readonly number[], offset: number): number {
  let lo = 0;
  let hi = breaks.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (breaks[mid]! <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const PERIOD_STOP = new Set(['the', 'past', 'last', 'since', 'over', 'during', 'from', 'this', 'that', 'for', 'with']);

function periodWords(period: string): string[] {
  return foldForMatching(period)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 2 && !PERIOD_STOP.has(w));
}

export interface FigureJudge {
  /** The reference figure a page reading is compared with and the verdict, or undefined when it is not one. */
  judge(reading: FigureReading): FigureJudgement | undefined;
}

/**
 * A judge for one page: `text` is the page text, `entities` its entity matches (sorted by start), `breaks` the
 * offsets of its paragraph breaks (sorted).
 */
export function createFigureJudge(
  dataset: Dataset,
  byCounts: ReadonlyMap<string, Figure[]>,
  text: string,
  entities: readonly TextMatch[],
  breaks: readonly number[],
): FigureJudge {
  const entityById = new Map<string, Entity>(dataset.entities.map((e) => [e.id, e]));
  const isPlace = (id: string) => entityById.get(id)?.type === 'place';
  const named = new Set(entities.map((m) => m.referenceId));
  const distinct = named.size;
  // Paragraph index → entity ids named in it.
  const byParagraph = new Map<number, Set<string>>();
  for (const m of entities) {
    const p = paragraphOf(breaks, m.start);
    let set = byParagraph.get(p);
    if (!set) byParagraph.set(p, (set = new Set()));
    set.add(m.referenceId);
  }
  const periodCache = new Map<string, string[]>();

  return {
    judge(reading) {
      if (!reading.counts) return undefined;
      const candidates = byCounts.get(reading.counts);
      if (!candidates || candidates.length === 0) return undefined;

      const sentence = sentenceAround(text, reading.start, reading.end);
      const inSentence = new Set(within(entities, sentence.start, sentence.end).map((m) => m.referenceId));
      const paragraph = paragraphOf(breaks, reading.start);
      const nearby = new Set<string>();
      for (let p = paragraph - 1; p <= paragraph + 1; p++) for (const id of byParagraph.get(p) ?? []) nearby.add(id);

      const relevant = inSentence.size > 0 || (distinct >= MIN_ARTICLE_ENTITIES && nearby.size > 0);
      if (!relevant) return undefined;

      const sentencePlaces = [...inSentence].filter(isPlace);
      const nearbyPlaces = [...nearby].filter(isPlace);
      const placeFits = (f: Figure): boolean => {
        if (!f.placeId) return true;
        if (sentencePlaces.length > 0) return sentencePlaces.includes(f.placeId);
        if (nearbyPlaces.length === 0 || nearbyPlaces.includes(f.placeId)) return true;
        // A country the article names is its default scope: a city named nearby does not narrow a sentence that
        // names no place ("dropped 156 cluster bombs across the country").
        return articleCountry(f);
      };
      const articleCountry = (f: Figure) => !!f.placeId && entityById.get(f.placeId)?.placeKind === 'country' && named.has(f.placeId);
      let sentenceText: string | undefined; // read only if a candidate has a period to look for
      const score = (f: Figure): number => {
        let s = 0;
        if (f.placeId && inSentence.has(f.placeId)) s += 4;
        else if (f.placeId && nearby.has(f.placeId)) s += 2;
        if (f.attributedToId && inSentence.has(f.attributedToId)) s += 3;
        else if (f.attributedToId && nearby.has(f.attributedToId)) s += 1;
        for (const id of f.entityIds) if (id !== f.placeId && id !== f.attributedToId && nearby.has(id)) s += 1;
        // Two reference figures with one value ("some 70,000", "more than 70,000"): the page's own hedge decides.
        if (f.qualifier === reading.qualifier) s += 1;
        if (f.period) {
          let words = periodCache.get(f.period);
          if (!words) periodCache.set(f.period, (words = periodWords(f.period)));
          // Lower-casing is enough here (period words are plain words) and far cheaper than folding.
          sentenceText ??= text.slice(sentence.start, sentence.end).toLowerCase();
          const folded = sentenceText;
          if (words.length > 0 && words.every((w) => folded.includes(w))) s += 2;
        }
        return s;
      };
      const best = (list: Figure[]): Figure | undefined => {
        let pick: Figure | undefined;
        let pickScore = -Infinity;
        let pickDistance = Infinity;
        for (const f of list) {
          const s = score(f);
          const distance = Math.abs(Math.log(comparable(reading.value, reading.unit).value / comparable(f.value, f.unit).value));
          if (s > pickScore || (s === pickScore && distance < pickDistance)) {
            pick = f;
            pickScore = s;
            pickDistance = distance;
          }
        }
        return pick;
      };

      // Agreement needs less evidence of scope than disagreement: the same value counting the same thing, in an
      // article about the figure's country, is that figure even when the sentence names another place ("the New
      // York-based Human Rights Watch said ... 156 cluster bombs"); calling a figure wrong needs its place.
      const agreeing = best(candidates.filter((f) => (placeFits(f) || articleCountry(f)) && valuesAgree(reading, f)));
      if (agreeing) return { figure: agreeing, verdict: 'matches' };
      const differing = best(candidates.filter((f) => placeFits(f) && comparableMagnitude(reading, f)));
      if (differing) return { figure: differing, verdict: 'differs' };
      return undefined;
    },
  };
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
