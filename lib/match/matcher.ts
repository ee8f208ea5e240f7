// The matcher: every reference entity and figure in an article's text.
//
// 1. Scan: one pass over the text, folding it on the fly (lib/text/normalize: case, diacritics, apostrophes,
//    dashes and spaces) and walking the alias trie from each word start: whole words only, longest alias first at
//    each start, case rules for acronyms and capitalised names checked on the original (lib/match/aliases), and
//    names inside longer names refused (lib/match/names: "New York" in "The New York Times"). A second, looser
//    pass finds transliterations and reordered long names (lib/match/loose). Offsets are original from the start.
// 2. Overlaps: the longest match wins ("Syrian Observatory for Human Rights", not "Human Rights"; "Hafez Assad",
//    a known other name, not "Assad"); a shorter match overlapping it is dropped.
// 3. Relevance (lib/match/relevance): the names and demonyms found decide whether the article is about the
//    reference's subject. Off the subject, nothing is highlighted (unless the reader asked for every page).
// 4. Context, in reading order: full names always count; short names ("Assad", "state TV") count on the subject
//    unless another bearer was named more recently in the paragraph ("Hafez Assad … Assad"); contextual forms
//    ("the Observatory", "Bashar") only after the full name; demonyms and other names are never highlighted.
// 5. Figures: the figure reader (lib/figures) reads the paragraphs around the entities that may hold a number (a
//    digit or a number word: lib/figures/cue.ts), only the numbers near a word a count is read from (the reader's
//    `countedOnly`: no other is judged), and each figure is judged against the reference
//    (lib/match/figures), with article-wide checks computed once for the whole article. Reader and judge come from
//    a FigureSource (./figure-engine.ts): the content script loads them only for an article that has such
//    paragraphs, after settling it (a session's `ready()`).
//
// A long article is matched in steps (a session): scan each slice, settle once (relevance, context, the figure
// judge), then the matches of each slice; lib/pipeline gives the main thread back between steps. The steps
// compute exactly what one call over the whole text computes.
//
// The trie and the lookup tables (lib/match/tables.ts) are made once per dataset and cached, so calling createMatcher
// again with the same dataset object is free: loaded from the tables the dataset build compiled when the caller
// passes them (the content script does), else built. They are made on the first match (or `prepare()`), not by
// createMatcher: the content script creates its matcher as it starts, and making them there would lengthen that task.
import { firstEndingAfter } from './spans';
import { shiftReading } from '../figures/shift';
import type { ReadOptions } from '../figures';
import { mayHoldNumber } from '../figures/cue';
import type { FigureReading } from '../figures/types';
import type { Dataset, Entity } from '../reference/types';
import { caseAllows, type AliasPattern } from './aliases';
import type { FigureEngine, FigureSource, JudgedReference } from './figure-engine';
import type { FigureJudge, PageContext } from './figures';
import { looseCandidates } from './loose';
import { insideLongerName, isHeadlineCase } from './names';
import { paragraphBreaks, paragraphOf } from './paragraphs';
import { combineRelevance, judgeRelevance, type PartRelevance, type Relevance } from './relevance';
import { buildTables, loadTables, type CompiledTables, type MatcherTables, type PartTables } from './tables';
import type { TextMatch } from './types';
import { mark } from '../timings';
export type { PageContext } from './figures';

/** What is known about a whole article once it has been read: passed on to match text it later adds. */
export interface ArticleContext {
  relevance: Relevance;
  /** Entities whose full name the article has given. */
  introduced: ReadonlySet<string>;
}

export interface MatchOptions {
  /** The language and date of the page the text is from (read from its document), for reading its figures. */
  page?: PageContext;
  /** Highlight whatever the article is about (the reader's "every page" setting). */
  everyPage?: boolean;
  /** The article this text belongs to (text a living page added): its relevance and the names it introduced. */
  context?: ArticleContext;
}

/** One article matched in steps; see the file comment. Spans are scanned in order and do not overlap. */
export interface MatchSession {
  readonly text: string;
  /** Finds the name candidates of text[start, end). */
  scan(start: number, end: number): void;
  /** After every span is scanned: decides relevance and context, prepares the figure judge. */
  settle(): ArticleContext;
  /**
   * After settle: resolves once what matchesIn needs is loaded (the figure engine, for an article with figures to
   * read, when the matcher's source loads it); undefined when nothing needs loading. Without it, matchesIn of a
   * loaded source's article with figures throws. A failed load leaves this article's figures unread (no mark rather
   * than a guess); the next article asks again.
   */
  ready(): Promise<void> | undefined;
  /** After settle: the entities and judged figures of text[start, end), sorted, offsets into the whole text. */
  matchesIn(start: number, end: number): TextMatch[];
}

export interface Matcher {
  /**
   * Every reference entity and figure in `text`, sorted by start, non-overlapping; offsets index `text`. In one
   * call, so only with a figure engine at hand (a loaded source: `begin`, `ready`, then `matchesIn`).
   */
  match(text: string, options?: MatchOptions): TextMatch[];
  /** The same, in steps. */
  begin(text: string, options?: MatchOptions): MatchSession;
  /** Builds the lookup tables now rather than in the first `match`, so a caller can give them a task of their own. */
  prepare(): void;
}

export interface MatcherOptions {
  /** The figure reader, in place of the engine's. Tests and benchmarks may pass their own. */
  readFigures?: (text: string, options?: ReadOptions) => FigureReading[];
  /**
   * The dataset's tables as the dataset build compiled them (lib/match/tables.ts): loaded rather than built. Tables
   * compiled from another dataset are ignored and the tables built.
   */
  tables?: CompiledTables;
}

const caches = new WeakMap<FigureSource, WeakMap<Dataset, Matcher>>();

/**
 * A matcher for `dataset` that takes its figure reader and judge from `figures` (./figure-engine.ts). The same
 * dataset and source give the same matcher (unless the options replace the reader).
 */
export function createMatcherWith(dataset: Dataset, figures: FigureSource, options: MatcherOptions = {}): Matcher {
  const cacheable = options.readFigures === undefined;
  let cache = caches.get(figures);
  if (cacheable) {
    const cached = cache?.get(dataset);
    if (cached) return cached;
  }
  const matcher = buildMatcher(dataset, figures, options.readFigures, options.tables);
  if (cacheable) {
    if (!cache) caches.set(figures, (cache = new WeakMap()));
    cache.set(dataset, matcher);
  }
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


/** Headlines longer than this are not looked at for title case: a paragraph of running text is not a headline. */
const HEADLINE_MAX = 300;

function buildMatcher(
  dataset: Dataset,
  source: FigureSource,
  ownReader: ((text: string, options?: ReadOptions) => FigureReading[]) | undefined,
  compiled?: CompiledTables,
): Matcher {
  let tables: MatcherTables | undefined;
  // Building is marked (a page that should have loaded tables can be caught building them).
  const built = () => (tables ??= (compiled && loadTables(dataset, compiled)) || (mark('backstory:tables-built'), buildTables(dataset)));
  let engine: FigureEngine | null = typeof source === 'function' ? null : source;
  let loading: Promise<FigureEngine | null> | null = null;
  /** The engine once loaded; null when this load failed (a later article asks again). */
  const loadEngine = (): Promise<FigureEngine | null> =>
    (loading ??= (source as () => Promise<FigureEngine>)().then(
      (loaded) => (engine = loaded),
      (error: unknown) => {
        console.warn('Backstory: figures left unread, the figure reader did not load:', error);
        loading = null;
        return null;
      },
    ));

  function begin(text: string, options: MatchOptions = {}): MatchSession {
    const tables = built();
    // Not byCounts: made when an article first needs it (lib/match/tables.ts).
    const { trie, patternsOf, loose, demonyms, weights, parts } = tables;
    const breaks = paragraphBreaks(text);
    const candidates: Candidate[] = [];
    const headline = new Map<number, boolean>();
    const isHeadline = (offset: number): boolean => {
      const p = paragraphOf(breaks, offset);
      let h = headline.get(p);
      if (h === undefined) {
        const from = p === 0 ? 0 : breaks[p - 1]!;
        const to = p < breaks.length ? breaks[p]! : text.length;
        // Running text ends its paragraph with a full stop: only other short paragraphs are read for title case.
        let last = to - 1;
        while (last > from && text.charCodeAt(last) <= 0x20) last--;
        h = to - from <= HEADLINE_MAX && text.charCodeAt(last) !== 0x2e && isHeadlineCase(text.slice(from, to));
        headline.set(p, h);
      }
      return h;
    };
    /** Whether a pattern may stand at text[start, end): case rules, then names inside names. */
    const accepts = (pattern: AliasPattern, start: number, end: number, slice: string): boolean => {
      if (!caseAllows(pattern, slice)) return false;
      if (pattern.nameKind && !isHeadline(start) && insideLongerName(text, start, end, pattern.nameKind, demonyms)) return false;
      return true;
    };
    const push = (pattern: AliasPattern, start: number, end: number) => {
      if (pattern.skipFirstWord) {
        // "the Observatory": the page's "the" was required; the highlight is the name after it.
        const after = /^\S+\s+/u.exec(text.slice(start, end));
        if (after) start += after[0].length;
      }
      candidates.push({ start, end, pattern });
    };

    /**
     * What settle decided: the entities, and for an article with figures to read, the figure judges' datasets (the
     * judges are made once the engine is there) and the paragraphs to read (`wanted`: near an entity), set only
     * when one of them may hold a number.
     */
    let settled:
      | {
          context: ArticleContext;
          entities: TextMatch[];
          judged: JudgedReference[];
          judges?: FigureJudge[];
          counted: (counts: string) => boolean;
          wanted?: Uint8Array;
          /** The engine failed to load for this article: its figures stay unread. */
          unread?: boolean;
        }
      | undefined;
    const judgesOf = (s: NonNullable<typeof settled>, figureEngine: FigureEngine): FigureJudge[] =>
      (s.judges ??= s.judged.map((j) => figureEngine.createFigureJudge(j, text, s.entities, breaks, options.page)));

    return {
      text,
      scan(from, to) {
        if (settled) throw new Error('scan after settle');
        const slice = from === 0 && to === text.length ? text : text.slice(from, to);
        const strictEnds = new Map<number, number>();
        // The strict matches in the order the scan finds them (by start), and the furthest end of each one and those
        // before it: a strict match covers [start, end) iff one starting at or before `start` reaches `end`.
        const strictStarts: number[] = [];
        const furthestEnds: number[] = [];
        const strictFound = (start: number, end: number) => {
          strictEnds.set(start, end);
          strictStarts.push(start);
          furthestEnds.push(Math.max(end, furthestEnds.length > 0 ? furthestEnds[furthestEnds.length - 1]! : end));
        };
        const strictCovers = (start: number, end: number) => {
          let lo = 0;
          let hi = strictStarts.length;
          while (lo < hi) {
            const mid = (lo + hi) >>> 1;
            if (strictStarts[mid]! <= start) lo = mid + 1;
            else hi = mid;
          }
          return lo > 0 && furthestEnds[lo - 1]! >= end;
        };
        /** Several sets: the first pattern each set accepts here (each set finds its own names). */
        const scanParts = (list: AliasPattern[], start: number, end: number): boolean => {
          let original: string | undefined;
          const found: (number | undefined)[] = [];
          for (const pattern of list) {
            if (found.includes(pattern.part)) continue;
            const plain = !pattern.wordCases && !pattern.nameKind && !pattern.skipFirstWord;
            if (!plain && !accepts(pattern, start, end, (original ??= text.slice(start, end)))) continue;
            push(pattern, start, end);
            found.push(pattern.part);
          }
          if (found.length > 0) strictFound(start, end);
          return found.length > 0;
        };
        trie.scanOriginal(slice, (key, s, e) => {
          const start = s + from;
          const end = e + from;
          const list = patternsOf(key);
          const first = list[0]!;
          if (parts) return scanParts(list, start, end);
          // Most keys are one full personal name with no case rule: accept without reading the original.
          if (!first.wordCases && !first.nameKind && !first.skipFirstWord) {
            push(first, start, end);
            strictFound(start, end);
            return true;
          }
          const original = text.slice(start, end);
          for (const pattern of list) {
            if (accepts(pattern, start, end, original)) {
              push(pattern, start, end);
              strictFound(start, end);
              return true;
            }
          }
          return false;
        });
        for (const c of looseCandidates(text, from, to, loose)) {
          // The strict scan found this name, or a longer one over it: nothing to add.
          if (strictEnds.get(c.start) === c.end || strictCovers(c.start, c.end)) continue;
          // Case rules are the alias's spelling and do not apply to another; names inside names still do.
          if (c.pattern.nameKind && !isHeadline(c.start) && insideLongerName(text, c.start, c.end, c.pattern.nameKind, demonyms)) continue;
          candidates.push(c);
        }
      },
      settle() {
        if (settled) return settled.context;
        candidates.sort((a, b) => a.start - b.start || b.end - a.end);
        const everyPage = options.everyPage === true;
        const count = (kept: readonly Candidate[]) => {
          const names = new Map<string, number>();
          const demonymCounts = new Map<string, number>();
          for (const { pattern } of kept) {
            if (!pattern.entity) continue;
            if (pattern.kind === 'full' || pattern.kind === 'short') names.set(pattern.entity.id, (names.get(pattern.entity.id) ?? 0) + 1);
            else if (pattern.kind === 'demonym') demonymCounts.set(pattern.entity.id, (demonymCounts.get(pattern.entity.id) ?? 0) + 1);
          }
          return { names, demonymCounts };
        };
        let relevance: Relevance;
        let kept: Candidate[];
        /** The sets (by part index) whose names and figures are painted on this article. */
        let painted: PartTables[] = [];
        if (!parts) {
          kept = dropOverlaps(candidates);
          if (options.context) relevance = options.context.relevance;
          else {
            const { names, demonymCounts } = count(kept);
            relevance = judgeRelevance(dataset, weights, names, demonymCounts, everyPage);
          }
        } else {
          // Each set on its own: its names (and the other names, which every set respects), its overlaps, its verdict.
          let verdicts: PartRelevance[];
          let judged: Relevance[] = [];
          if (options.context?.relevance.parts) verdicts = options.context.relevance.parts;
          else {
            judged = parts.map((p, i) => {
              const own = dropOverlaps(candidates.filter((c) => c.pattern.part === undefined || c.pattern.part === i));
              const { names, demonymCounts } = count(own);
              return judgeRelevance(p.view, p.weights, names, demonymCounts, everyPage);
            });
            verdicts = parts.map((p, i) => ({
              id: p.part.id,
              name: p.part.name,
              onSubject: judged[i]!.onSubject,
              evidence: judged[i]!.evidence,
              namesCore: judged[i]!.namesCore,
              ...(p.part.subject ? { subject: p.part.subject } : {}),
            }));
          }
          relevance = options.context && !options.context.relevance.parts ? options.context.relevance : combineRelevance(verdicts, judged);
          const on = new Set(parts.map((_, i) => i).filter((i) => everyPage || verdicts[i]?.onSubject));
          painted = parts.filter((_, i) => on.has(i));
          kept = dropOverlaps(candidates.filter((c) => c.pattern.part === undefined || on.has(c.pattern.part)));
        }
        const introduced = new Set(options.context?.introduced ?? []);
        // The entities the article names, by id: all the figure judges look up (JudgedReference.named).
        const named = new Map<string, Entity>();
        const entities = relevance.onSubject || options.everyPage ? resolveContext(kept, breaks, introduced, named) : [];
        const context: ArticleContext = { relevance, introduced };
        const judged: JudgedReference[] = [];
        if (entities.length > 0) {
          if (!parts && dataset.figures.length > 0) judged.push({ dataset, byCounts: tables.byCounts, named: (id) => named.get(id) });
          for (const p of painted) {
            // One set's judge knows only its own entities.
            if (p.view.figures.length > 0) judged.push({ dataset: p.view, byCounts: p.byCounts, named: (id) => (p.entityIds.has(id) ? named.get(id) : undefined) });
          }
        }
        const counted = parts ? (c: string) => painted.some((p) => p.byCounts.has(c)) : (c: string) => tables.byCounts.has(c);
        settled = { context, entities, judged, counted };
        if (judged.length > 0) {
          const wanted = paragraphsNearEntities(entities, breaks);
          // No paragraph near a name may hold a number: nothing to read, nothing to load.
          if (anyMayHoldNumber(text, breaks, wanted)) settled.wanted = wanted;
        }
        return context;
      },
      ready() {
        if (!settled) throw new Error('ready before settle');
        if (!settled.wanted || engine || typeof source !== 'function') return undefined;
        const waiting = settled;
        return loadEngine().then((loaded) => {
          if (!loaded) waiting.unread = true;
        });
      },
      matchesIn(from, to) {
        if (!settled) throw new Error('matchesIn before settle');
        const { entities, counted: countedByReference, wanted } = settled;
        const inSpan: TextMatch[] = [];
        for (let i = firstEndingAfter(entities, from); i < entities.length && entities[i]!.start < to; i++) {
          const m = entities[i]!;
          inSpan.push({ ...m, text: text.slice(m.start, m.end) });
        }
        if (!wanted || settled.unread) return inSpan;
        if (!engine) throw new Error('matchesIn before the figure reader is ready (await the session\'s ready())');
        const judges = judgesOf(settled, engine);
        const readFigures = ownReader ?? engine.readFigures;
        // Every counted figure bounds its neighbours' parts of a sentence; only those the reference counts are judged.
        // A sentence never crosses a paragraph break, so the slice's own readings are all a reading's neighbours.
        const counted = readFiguresIn(text, breaks, wanted, from, to, readFigures, options.page?.lang).filter((r) => r.counts !== undefined);
        const figures: TextMatch[] = [];
        for (const reading of counted) {
          if (!countedByReference(reading.counts!)) continue;
          // With several sets, the first set (in the parts' order) that judges the figure gives the verdict.
          let judgement: ReturnType<FigureJudge['judge']>;
          for (const judge of judges) if ((judgement = judge.judge(reading, counted))) break;
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
        if (figures.length === 0) return inSpan;
        return mergeFiguresAndEntities(inSpan, figures);
      },
    };
  }

  return {
    prepare() {
      built();
    },
    begin,
    match(text, options) {
      if (text.length === 0) return [];
      const session = begin(text, options);
      session.scan(0, text.length);
      session.settle();
      // A source not loaded yet and figures to read: matchesIn says so (match in steps, with `ready`).
      return session.matchesIn(0, text.length);
    },
  };
}

/**
 * The entity matches, read in order with what the article has said so far (see the file comment, step 4).
 * `introduced` gains every entity whose full name is given, `named` every entity matched.
 */
function resolveContext(kept: readonly Candidate[], breaks: readonly number[], introduced: Set<string>, named: Map<string, Entity>): TextMatch[] {
  const out: TextMatch[] = [];
  let paragraph = -1;
  // Within the current paragraph: where each word of another bearer's name was last seen, and each entity.
  let otherAt = new Map<string, number>();
  let selfAt = new Map<string, number>();
  for (const { start, end, pattern } of kept) {
    const p = paragraphOf(breaks, start);
    if (p !== paragraph) {
      paragraph = p;
      otherAt = new Map();
      selfAt = new Map();
    }
    const entity = pattern.entity;
    if (pattern.kind === 'other') {
      // It bears the words of its name, and its initials: "Lebanese Broadcasting Corporation" is an "LBC".
      for (const word of pattern.key.split(' ')) otherAt.set(word, start);
      const initials = pattern.alias.split(/[\s-]+/).filter((w) => /^\p{Lu}/u.test(w)).map((w) => w[0]!.toLowerCase()).join('');
      if (initials.length >= 2) otherAt.set(initials, start);
      continue;
    }
    if (!entity || pattern.kind === 'demonym') continue;
    if (pattern.kind === 'contextual' && !introduced.has(entity.id)) continue;
    if (pattern.kind === 'short') {
      const words = pattern.key.split(' ');
      const other = otherAt.get(words[words.length - 1]!);
      if (other !== undefined && (selfAt.get(entity.id) ?? -1) < other) continue;
    }
    if (pattern.kind === 'full') introduced.add(entity.id);
    selfAt.set(entity.id, start);
    named.set(entity.id, entity);
    out.push({ start, end, text: '', category: entity.type, referenceId: entity.id });
  }
  return out;
}

/**
 * The figure reader costs far more per character than the entity scan, and a figure can only be relevant within
 * one paragraph of an entity (see lib/match/figures: relevance). So it reads just those paragraphs: on a long
 * page that mentions the subject in a few places, a small part of the text. Which paragraphs is decided once for
 * the whole article; each slice reads its own.
 */
function paragraphsNearEntities(entities: readonly TextMatch[], breaks: readonly number[]): Uint8Array {
  const paragraphs = breaks.length + 1;
  const wanted = new Uint8Array(paragraphs);
  let p = 0;
  for (const m of entities) {
    while (p < breaks.length && breaks[p]! <= m.start) p++;
    if (p > 0) wanted[p - 1] = 1;
    wanted[p] = 1;
    if (p + 1 < paragraphs) wanted[p + 1] = 1;
  }
  return wanted;
}

/**
 * Whether any wanted paragraph may hold a number (lib/figures/cue.ts): an article without one never loads the
 * figure reader. Stops at the first.
 */
function anyMayHoldNumber(text: string, breaks: readonly number[], wanted: Uint8Array): boolean {
  for (let p = 0; p < wanted.length; p++) {
    if (wanted[p] && mayHoldNumber(text, p === 0 ? 0 : breaks[p - 1]!, p < breaks.length ? breaks[p]! : text.length)) return true;
  }
  return false;
}

/**
 * Figure readings in the wanted paragraphs within text[from, to). Each stretch of wanted paragraphs is read on its
 * own (a figure's context never crosses a paragraph break anyway) and offsets are shifted back; a stretch without
 * a digit or number word is skipped (it has no reading). Only counted readings are asked for: no other is judged or
 * bounds a judged one's part of its sentence.
 */
function readFiguresIn(
  text: string,
  breaks: readonly number[],
  wanted: Uint8Array,
  from: number,
  to: number,
  readFigures: (text: string, options?: ReadOptions) => FigureReading[],
  lang: string | undefined,
): FigureReading[] {
  const out: FigureReading[] = [];
  const paragraphs = breaks.length + 1;
  for (let first = paragraphOf(breaks, from); first < paragraphs; first++) {
    const paragraphStart = first === 0 ? 0 : breaks[first - 1]!;
    if (paragraphStart >= to) break;
    if (!wanted[first]) continue;
    let last = first;
    while (last + 1 < paragraphs && wanted[last + 1] && breaks[last]! < to) last++;
    const start = Math.max(from, paragraphStart);
    const end = Math.min(to, last < breaks.length ? breaks[last]! : text.length);
    if (!mayHoldNumber(text, start, end)) {
      first = last;
      continue;
    }
    const slice = start === 0 && end === text.length ? text : text.slice(start, end);
    for (const r of readFigures(slice, lang ? { lang, countedOnly: true } : { countedOnly: true })) out.push(shiftReading(r, start));
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
    const lo = firstEndingAfter(entities, start);
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
