// Page figures against reference figures: does "60,000 killed in Syria" agree with what the reference knows?
//
// A page figure is compared only with reference figures that count the same thing (`counts`, from the closed
// vocabulary both sides are read with), measured alike (lib/figures/units.ts), over a compatible period and place.
// Period, place and attribution are read from the page figure's sentence by the same rules the dataset builder
// used on the reference's documents (lib/figures/time.ts, place.ts, attribution.ts), with the page's date (from its
// metadata) where the builder used the document's.
//
// Verdicts, by what the reference figure covers in time (its scope):
// - 'total' (a running total such as a death toll): compared only with a page total for the same place. Within
//   SAME_DATE_DAYS of the reference's date it MATCHES or DIFFERS; from another date it is an EARLIER or LATER
//   estimate (the card shows both dates), unless it runs backwards (a later count below the reference's), which
//   means it counts something narrower and gets no verdict.
// - 'age' (how long the conflict has lasted): compared through the start date each side implies, so "the
//   nine-month uprising" in December 2011 matches "the 16-month conflict" in July 2012.
// - 'event' (one incident) and 'span' (a stated stretch of time): only the same incident or the same span, at the
//   same place, are compared; another day's toll, another defection, another period gets no verdict. When neither
//   side states the day, only the same number in the same week is reported (a match): two reports of one week may
//   be of two incidents.
// - 'state' (a population, a membership): compared within STATE_DAYS of the reference's date.
// - 'fixed' (a plan's number of points): compared when the page names what it belongs to (the plan's author):
//   anywhere in the article to agree, in the figure's sentence to differ.
// Whether two numbers agree is the one tolerance rule of lib/figures/tolerance.ts (hedge direction included).
// A page figure stated per day or month (a rate) is never compared. When either side's date is unknown (an undated
// page, a reference built from undated documents), only agreement is reported: a different number may simply be
// from another date, so it is neither called different nor placed before or after.
//
// Place: the most specific place named in the page figure's part of its sentence (a reference place or any
// country); with none, the places of the paragraph and the ones beside it, or a country the article names.
// "50 killed in Homs" is never compared with a figure about Damascus, nor a toll in Iraq with one in Syria.
//
// Relevance: figures count only where the article is about the reference's subject. A figure is considered
// when its sentence names a reference entity, or when the article names at least MIN_ARTICLE_ENTITIES distinct
// reference entities and one of them is named in the figure's paragraph or the one before or after it. A
// sports score, or "50 killed" on a page with no reference entity, is never highlighted.
import { firstEndingAfter } from './spans';
import { attributionOf } from '../figures/attribution';
import { gapBetween, isoRange, overlapDays, parseDate, parseRange, type DayRange } from '../figures/dates';
import { cityReferredTo, countriesIn, figureClause, isLocal, placeOfFigure, SPECIFICITY, type PlaceMention } from '../figures/place';
import { defaultScope, eventKindIn, eventKindsCompatible, figureTime, REPORT_WINDOW_DAYS, type FigureTime } from '../figures/time';
import { measuredRange, rangesOverlap, sameFigure } from '../figures/tolerance';
import type { FigureReading } from '../figures/types';
import type { Dataset, Figure, FigureScope } from '../reference/types';
import type { FigureVerdict, PageFigure, TextMatch } from './types';
import { paragraphOf } from './paragraphs';
import type { FiguresByCounts, JudgedReference } from './figure-engine';

export type { FigureVerdict } from './types';

export const MIN_ARTICLE_ENTITIES = 2;
/** Two running totals stated this close together are of the same date. */
export const SAME_DATE_DAYS = 7;
/** A slowly changing state (a population, a membership) is compared within this many days of its date. */
export const STATE_DAYS = 90;
/** How far (in characters) a sentence is looked for around a figure, each way. */
const SENTENCE_REACH = 400;

/** The page a text comes from, as far as the figures need it. */
export interface PageContext {
  /** Its language (BCP 47), for how it writes numbers. */
  lang?: string;
  /** Its publication date (ISO), against which "on Friday" or "last year" is read. */
  date?: string;
}

export interface FigureJudgement {
  figure: Figure;
  verdict: FigureVerdict;
  /** What the page says about its figure beyond the number: its date or period, who it credits. */
  page: PageFigure;
}

/** Whether a page reading and a reference figure state the same value (lib/figures/tolerance.ts). */
export function valuesAgree(reading: Pick<FigureReading, 'value' | 'qualifier' | 'unit' | 'step'>, figure: Pick<Figure, 'value' | 'qualifier' | 'unit'>): boolean {
  return sameFigure(reading, figure);
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
  const out: T[] = [];
  for (let i = firstEndingAfter(sorted, start); i < sorted.length && sorted[i]!.start < end; i++) out.push(sorted[i]!);
  return out;
}

export interface FigureJudge {
  /**
   * The reference figure a page reading is compared with and the verdict, or undefined when it is not one.
   * `counted` is every counted figure read in the reading's paragraph or more (sorted, the reading among them): the
   * figures before and after it in its sentence bound its part of the sentence.
   */
  judge(reading: FigureReading, counted: readonly FigureReading[]): FigureJudgement | undefined;
}

/** What a reference figure covers in time, as days. */
interface ReferenceTime {
  scope: FigureScope;
  when?: DayRange;
  /** The period is stated by its text (a day, a span), not only the date of its document. */
  stated: boolean;
  weekday?: number;
}

/**
 * The days of a reference figure's date, read once per date: a reference's figures carry their documents' dates, so
 * thousands of figures share a few dozen (a page compares its figures with every reference figure counting the same
 * thing, and reading each one's date was most of preparing them). Shared, so frozen: a change to one would move
 * every figure of that date.
 */
const referenceDays = new Map<string, DayRange | undefined>();
function referenceDate(text: string | undefined): DayRange | undefined {
  if (!text) return undefined;
  if (referenceDays.has(text)) return referenceDays.get(text);
  const days = parseDate(text);
  referenceDays.set(text, days && Object.freeze(days));
  return days;
}

function referenceTime(f: Figure): ReferenceTime {
  const scope = f.scope ?? defaultScope(f.counts);
  const asOf = referenceDate(f.asOf);
  const period = f.period?.from && f.period.to ? parseRange(`${f.period.from}/${f.period.to}`) : undefined;
  const weekday = f.period?.weekday;
  if (scope === 'event' || scope === 'span') {
    if (period) return { scope, when: period, stated: weekday === undefined, ...(weekday !== undefined ? { weekday } : {}) };
    return { scope, ...(asOf ? { when: { from: asOf.from - REPORT_WINDOW_DAYS, to: asOf.to } } : {}), stated: false };
  }
  const when = period ?? asOf;
  return { scope, ...(when ? { when } : {}), stated: !!period };
}

/** The days a duration ending within `asOf` could have started on. */
function impliedStart(x: Pick<Figure, 'value' | 'qualifier' | 'unit'> & { step?: number }, asOf: DayRange): DayRange | undefined {
  return impliedStartOf(measuredRange(x), asOf);
}

/** impliedStart of a duration already measured (lib/figures/tolerance.ts measuredRange). */
function impliedStartOf({ dimension, range }: ReturnType<typeof measuredRange>, asOf: DayRange): DayRange | undefined {
  if (dimension !== 'time') return undefined;
  return { from: asOf.from - range.hi, to: asOf.to - range.lo };
}

const conflictStarts = new WeakMap<Dataset, DayRange | null>();

/** What the judge reads of a reference figure on every comparison, worked out once. */
interface PreparedFigure {
  figure: Figure;
  time: ReferenceTime;
  measure: ReturnType<typeof measuredRange>;
}

/**
 * The reference figures that count one thing, prepared for comparison (keyed by their byCounts list): made the first
 * time a page figure counting that thing is judged, so a reference of thousands of figures costs a page only the
 * things its figures count.
 */
const preparedLists = new WeakMap<readonly Figure[], PreparedFigure[]>();

function prepared(candidates: readonly Figure[]): PreparedFigure[] {
  let list = preparedLists.get(candidates);
  if (!list) {
    list = candidates.map((figure) => ({ figure, time: referenceTime(figure), measure: measuredRange(figure) }));
    preparedLists.set(candidates, list);
  }
  return list;
}

/**
 * When the conflict began, as the reference's dated ages of it imply: the days they all allow, or (when they
 * disagree) the days any of them allows; null when the reference dates no age of it.
 */
function conflictStart(dataset: Dataset, byCounts: FiguresByCounts): DayRange | null {
  const cached = conflictStarts.get(dataset);
  if (cached !== undefined) return cached;
  const starts: DayRange[] = [];
  // Only the ages of the conflict: the judge's figures grouped by what they count, not all of the reference's.
  for (const f of byCounts.get('conflict duration') ?? []) {
    const asOf = referenceDate(f.asOf);
    const s = asOf && impliedStart(f, asOf);
    if (s) starts.push({ from: Math.floor(s.from), to: Math.ceil(s.to) });
  }
  let start: DayRange | null = null;
  if (starts.length) {
    const all = { from: Math.max(...starts.map((x) => x.from)), to: Math.min(...starts.map((x) => x.to)) };
    start = all.from <= all.to ? all : { from: Math.min(...starts.map((x) => x.from)), to: Math.max(...starts.map((x) => x.to)) };
  }
  conflictStarts.set(dataset, start);
  return start;
}

/**
 * A judge for one page, created once for the whole article whatever slices it is matched in: `reference` the figures
 * it compares with and the entities the page names (lib/match/figure-engine.ts), `text` the page text, `entities`
 * all its entity matches (sorted by start), `breaks` the offsets of its paragraph breaks (sorted),
 * `page` its language and date.
 */
export function createFigureJudge(
  reference: JudgedReference,
  text: string,
  entities: readonly TextMatch[],
  breaks: readonly number[],
  page: PageContext = {},
): FigureJudge {
  const { dataset, byCounts } = reference;
  const named = new Set(entities.map((m) => m.referenceId));
  // Every entity the judge looks up is one the page names (its matches, the places among them, a figure's place
  // when the article names it): the matcher hands those over (JudgedReference.named), so a page never passes over
  // the reference's entities.
  const entityById = { get: reference.named };
  const isPlace = (id: string) => entityById.get(id)?.type === 'place';
  const distinct = named.size;
  // Paragraph index → entity ids named in it.
  const byParagraph = new Map<number, Set<string>>();
  for (const m of entities) {
    const p = paragraphOf(breaks, m.start);
    let set = byParagraph.get(p);
    if (!set) byParagraph.set(p, (set = new Set()));
    set.add(m.referenceId);
  }
  const pageDate = parseDate(page.date);
  const start = conflictStart(dataset, byCounts);

  return {
    judge(reading, readings) {
      if (!reading.counts) return undefined;
      const candidates = byCounts.get(reading.counts);
      if (!candidates || candidates.length === 0) return undefined;

      const sentence = sentenceAround(text, reading.start, reading.end);
      const sentenceMatches = within(entities, sentence.start, sentence.end);
      const inSentence = new Set(sentenceMatches.map((m) => m.referenceId));
      const paragraph = paragraphOf(breaks, reading.start);
      const nearby = new Set<string>();
      for (let p = paragraph - 1; p <= paragraph + 1; p++) for (const id of byParagraph.get(p) ?? []) nearby.add(id);

      const relevant = inSentence.size > 0 || (distinct >= MIN_ARTICLE_ENTITIES && nearby.size > 0);
      if (!relevant) return undefined;

      // This figure's part of the sentence: from the figure before it to the one after it.
      const index = readings.indexOf(reading);
      const previous = index > 0 ? readings[index - 1] : undefined;
      const next = index >= 0 ? readings[index + 1] : undefined;
      const segment = {
        start: previous && previous.end > sentence.start ? previous.end : sentence.start,
        end: next && next.start < sentence.end ? next.start : sentence.end,
      };

      // Where: reference places and any country named in the sentence, by the builder's rule.
      // A conflict's age is the country's: a city where fighting is named does not scope it.
      const ageOnly = reading.counts === 'conflict duration';
      const placeMentions: PlaceMention[] = sentenceMatches
        .filter((m) => isPlace(m.referenceId) && (!ageOnly || entityById.get(m.referenceId)?.placeKind === 'country'))
        .map((m) => ({ start: m.start, end: m.end, id: m.referenceId, specificity: SPECIFICITY[entityById.get(m.referenceId)?.placeKind ?? 'city'] }));
      for (const c of countriesIn(text, sentence.start, sentence.end)) {
        if (!sentenceMatches.some((m) => m.start < c.end && c.start < m.end)) placeMentions.push({ start: c.start, end: c.end, id: `country:${c.name}`, specificity: 0 });
      }
      const pagePlace =
        placeOfFigure(text, reading, sentence, segment.end, placeMentions)?.id ??
        cityReferredTo(
          text,
          reading,
          sentence,
          within(entities, Math.max(0, sentence.start - SENTENCE_REACH * 4), reading.start)
            .filter((m) => isPlace(m.referenceId))
            .map((m) => ({ start: m.start, end: m.end, id: m.referenceId, specificity: SPECIFICITY[entityById.get(m.referenceId)?.placeKind ?? 'city'] })),
        )?.id;
      const placeEntity = pagePlace ? entityById.get(pagePlace) : undefined;
      const local = !!placeEntity && isLocal(placeEntity);

      const time = figureTime(text, reading, sentence, { ...(pageDate ? { date: pageDate } : {}), local, segment });
      if (time.scope === 'rate') return undefined;
      // "since March 2011" is the whole conflict: a running total.
      const pageTime: FigureTime =
        time.scope === 'span' && time.since && time.when && start && time.when.from <= start.to + 31 ? { ...time, scope: 'total', when: { from: time.when.to, to: time.when.to } } : time;
      const clause = figureClause(text, reading, segment);
      const pageEvent = eventKindIn(text, clause.start, clause.end, reading);

      const nearbyPlaces = [...nearby].filter(isPlace);
      const articleCountry = (f: Figure) => !!f.placeId && entityById.get(f.placeId)?.placeKind === 'country' && named.has(f.placeId);
      const placeFits = (f: Figure, scope: FigureScope): boolean => {
        if (pagePlace) return !f.placeId ? true : pagePlace === f.placeId;
        if (!f.placeId) return true;
        // One incident, dated and counted alike: the article naming its place anywhere is enough.
        if ((scope === 'event' || scope === 'span') && named.has(f.placeId)) return true;
        // A conflict's age belongs to a country: cities named around it do not make it another conflict's.
        if (scope === 'age') return !nearbyPlaces.some((id) => id !== f.placeId && entityById.get(id)?.placeKind === 'country');
        if (nearbyPlaces.length === 0 || nearbyPlaces.includes(f.placeId)) return true;
        // A country the article names is its default scope: a city named nearby does not narrow a sentence that
        // names no place ("dropped 156 cluster bombs across the country").
        return articleCountry(f);
      };

      // The reading's measure, once: sameMeasure and valuesAgree (lib/figures/tolerance.ts) against each candidate.
      const readingMeasure = measuredRange(reading);
      const verdictFor = (p: PreparedFigure): FigureVerdict | undefined => {
        const { figure: f, time: ref } = p;
        if (readingMeasure.dimension !== p.measure.dimension || !placeFits(f, ref.scope)) return undefined;
        const agree = rangesOverlap(readingMeasure.range, p.measure.range);
        const pageWhen = pageTime.when;
        const compare = (): FigureVerdict => (agree ? 'matches' : 'differs');
        switch (ref.scope) {
          case 'fixed': {
            const owners = f.entityIds.filter((id) => id !== f.placeId && id !== f.attributedToId);
            if (owners.length === 0) return agree ? 'matches' : undefined;
            if (agree) return owners.some((id) => named.has(id)) ? 'matches' : undefined;
            return owners.some((id) => inSentence.has(id)) ? 'differs' : undefined;
          }
          case 'age': {
            if (pageTime.scope !== 'age') return undefined;
            if (!pageWhen || !ref.when) return agree ? 'matches' : undefined;
            const a = impliedStartOf(readingMeasure, pageWhen);
            const b = impliedStartOf(p.measure, ref.when);
            if (!a || !b) return undefined;
            return rangesOverlap({ lo: a.from, hi: a.to }, { lo: b.from, hi: b.to }) ? 'matches' : 'differs';
          }
          case 'total': {
            if (pageTime.scope !== 'total') return undefined;
            if (!pageWhen || !ref.when) return agree ? 'matches' : undefined;
            if (gapBetween(pageWhen, ref.when) <= SAME_DATE_DAYS) return compare();
            const later = pageWhen.from > ref.when.to;
            const q = readingMeasure.range;
            const r = p.measure.range;
            // Totals only grow: a later count below the reference's (or an earlier one above it) counts something
            // narrower, such as deaths a report could not document.
            if (later ? q.hi <= r.lo : q.lo >= r.hi) return undefined;
            return later ? 'later' : 'earlier';
          }
          case 'state': {
            if (pageTime.scope !== 'state') return undefined;
            if (!pageWhen || !ref.when) return agree ? 'matches' : undefined;
            return gapBetween(pageWhen, ref.when) <= STATE_DAYS ? compare() : undefined;
          }
          case 'span':
          case 'event': {
            if (!eventKindsCompatible(pageEvent, f.event)) return undefined;
            if (pageTime.scope !== 'event' && pageTime.scope !== 'span') return undefined;
            if (!pageWhen || !ref.when) return agree ? 'matches' : undefined;
            // Neither side states when it happened, only when it was reported: two reports of the same week may
            // be of two incidents (two defections, two attacks), so a different number is no contradiction.
            if (!pageTime.stated && !ref.stated) return agree && overlapDays(pageWhen, ref.when) ? 'matches' : undefined;
            if (ref.weekday !== undefined && pageTime.weekday !== undefined && ref.weekday !== pageTime.weekday) return undefined;
            if (pageTime.stated && ref.stated) {
              // Two stated periods: the same day, or the same span (each end within a week or a tenth of its length).
              const slack = Math.max(SAME_DATE_DAYS, Math.round((ref.when.to - ref.when.from) / 10));
              const same = ref.scope === 'span' || pageTime.scope === 'span'
                ? Math.abs(pageWhen.from - ref.when.from) <= slack && Math.abs(pageWhen.to - ref.when.to) <= slack
                : overlapDays(pageWhen, ref.when);
              return same ? compare() : undefined;
            }
            // One side only says when it was reported: the same incident if the days can meet. A span the page
            // states is never the days around a reference report.
            if (pageTime.scope === 'span' && !ref.stated) return undefined;
            const refDays = ref.scope === 'span' ? { from: ref.when.to - REPORT_WINDOW_DAYS, to: ref.when.to + REPORT_WINDOW_DAYS } : ref.when;
            return overlapDays(pageWhen, refDays) ? compare() : undefined;
          }
        }
      };

      const score = (f: Figure): number => {
        let s = 0;
        if (f.placeId && inSentence.has(f.placeId)) s += 4;
        else if (f.placeId && nearby.has(f.placeId)) s += 2;
        if (f.attributedToId && inSentence.has(f.attributedToId)) s += 3;
        else if (f.attributedToId && nearby.has(f.attributedToId)) s += 1;
        for (const id of f.entityIds) if (id !== f.placeId && id !== f.attributedToId && nearby.has(id)) s += 1;
        // Two reference figures with one value ("some 70,000", "more than 70,000"): the page's own hedge decides.
        if (f.qualifier === reading.qualifier) s += 1;
        return s;
      };
      const dateDistance = (p: PreparedFigure): number => {
        const when = p.time.when;
        return when && pageTime.when ? gapBetween(when, pageTime.when) : 0;
      };
      const valueDistance = (p: PreparedFigure): number => {
        const a = readingMeasure.range;
        const b = p.measure.range;
        return Math.abs(Math.log(((a.lo + a.hi) / 2 || 1) / ((b.lo + b.hi) / 2 || 1)));
      };
      let best: { f: Figure; verdict: FigureVerdict; key: number[] } | undefined;
      for (const p of prepared(candidates)) {
        const verdict = verdictFor(p);
        if (!verdict) continue;
        // Agreement first; then the nearest date; then the figure the page's sentence points at; then the nearest value.
        const key = [verdict === 'matches' ? 0 : 1, dateDistance(p), -score(p.figure), valueDistance(p)];
        if (!best || before(key, best.key)) best = { f: p.figure, verdict, key };
      }
      if (!best) return undefined;
      const attribution = attributionOf(text, reading, sentence);
      const placeName = pagePlace ? (pagePlace.startsWith('country:') ? pagePlace.slice('country:'.length) : entityById.get(pagePlace)?.name) : undefined;
      const asOf = pageTime.when && (pageTime.stated || pageTime.scope !== 'event') ? isoRange(pageTime.when) : page.date ? isoRange(pageDate!) : undefined;
      return {
        figure: best.f,
        verdict: best.verdict,
        page: {
          ...(asOf ? { asOf } : {}),
          ...(pageTime.label ? { period: pageTime.label } : {}),
          ...(attribution ? { attribution } : {}),
          ...(placeName ? { place: placeName } : {}),
        },
      };
    },
  };
}

/** Whether sort key `a` comes before `b` (lexicographic, smaller first). */
function before(a: readonly number[], b: readonly number[]): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! < b[i]!;
  return false;
}
