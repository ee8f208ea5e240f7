// One pass from an article to what Backstory highlights: text map → matching (lib/annotate-document.ts adds article
// detection for a whole document).
// The content script (lib/page/run.ts) and `npm run annotate` both call annotateArticle, slices and all, so they
// agree by construction: the only difference is that the content script gives the main thread back between steps
// (a `pause`) and paints each slice's matches as they come (`onMatches`), while the command line does neither.
// Both pass the page's language and date (lib/page-context.ts), read from its document, for its figures.
//
// An article is matched in slices cut between paragraphs, sized by time: the first is small (the matching code has
// not run on this page yet, and runs several times slower until the engine has compiled it), each next one as large
// as the speed measured on the last allows within SLICE_BUDGET_MS, so a slow machine or a busy one cuts smaller
// slices rather than longer tasks. What depends on the whole article is computed once for the whole article,
// whatever the slices: whether it is about the reference's subject, which names it has introduced, and the figure
// judge's article-wide checks (lib/match: a session scans every slice, settles once, then yields each slice's
// matches), so the slices change when the matches come, never what they are.
import { buildTextMap, BLOCK_SEPARATOR, type TextMap } from './text';
import type { ArticleContext, Matcher, MatchOptions, PageContext } from './match/matcher';
import type { TextMatch } from './match/types';

/** The first slice of each pass, in characters: a few milliseconds of matching while its code is still cold. */
export const FIRST_SLICE_CHARS = 2_000;
/** Milliseconds of matching a slice is sized for (the painter's chunks are as long). */
export const SLICE_BUDGET_MS = 8;
/** Slices never grow past this (a fast machine's estimate is not trusted beyond it), nor below MIN_SLICE_CHARS. */
const MAX_SLICE_CHARS = 50_000;
const MIN_SLICE_CHARS = 500;
/** A slice is at most this many times the one before (a fast slice may have been a lucky one). */
const MAX_GROWTH = 4;

export type PipelinePhase = 'setup' | 'text map' | 'match';

export interface PipelineOptions {
  /**
   * Called between steps; the content script gives the main thread back there. Resolving to false stops the run
   * (a newer one has started): annotateArticle then resolves to null.
   */
  pause?: () => Promise<boolean | void>;
  /** Each slice's matches, in order, as soon as they are known (offsets into the whole text). */
  onMatches?: (matches: TextMatch[], map: TextMap) => void | Promise<void>;
  /** When each phase of a step started (in diagnostics mode the content script publishes them as performance measures). */
  onPhase?: (phase: PipelinePhase, startedAt: number) => void;
  /** Highlight whatever the article is about (the reader's setting). */
  everyPage?: boolean;
  /** The page's language and date (lib/page-context.ts): how its figures are read and dated. */
  page?: PageContext;
  /** A fixed slice size in characters, instead of slices sized by time (tests use small ones). */
  sliceChars?: number;
  /** The clock slices are sized by (tests pass their own). */
  now?: () => number;
}

export interface ArticleAnnotation {
  map: TextMap;
  matches: TextMatch[];
  /** Relevance and the names introduced: what text the page adds later is matched with. */
  context: ArticleContext;
}

const now = () => (typeof performance === 'undefined' ? Date.now() : performance.now());

/**
 * Spans of `text` of about `size` characters, cut only at block separators (between paragraphs), as a pass with a
 * fixed slice size cuts them. Below `size`, one span.
 */
export function blockSpans(text: string, size: number): [number, number][] {
  const spans: [number, number][] = [];
  for (let start = 0; ; ) {
    const end = sliceEnd(text, start, size);
    spans.push([start, end]);
    if (end >= text.length) return spans;
    start = end + BLOCK_SEPARATOR.length;
  }
}

/**
 * Where a slice of `text` from `start` of about `size` characters ends: the first block separator at or past
 * `start + size` (blockSpans cuts the same way), or the end of the text.
 */
function sliceEnd(text: string, start: number, size: number): number {
  if (text.length - start <= size) return text.length;
  const cut = text.indexOf(BLOCK_SEPARATOR, start + size);
  return cut < 0 ? text.length : cut;
}

/**
 * Slices of a text, one pass over it, each sized by the speed of the ones before (see the file comment); or of a
 * fixed size. `measure` runs the work on one slice and reports how long it took.
 */
export class SliceSizer {
  private size: number;

  constructor(
    private readonly fixed: number | undefined,
    private readonly budgetMs = SLICE_BUDGET_MS,
  ) {
    this.size = fixed ?? FIRST_SLICE_CHARS;
  }

  /** The size the next slice is cut at. */
  get next(): number {
    return this.size;
  }

  /** A slice of `chars` characters took `ms`: the next one is sized to take the budget at that speed. */
  took(chars: number, ms: number): void {
    if (this.fixed !== undefined) return;
    const fits = Math.round((chars / Math.max(ms, 0.05)) * this.budgetMs);
    this.size = Math.max(MIN_SLICE_CHARS, Math.min(fits, this.size * MAX_GROWTH, MAX_SLICE_CHARS));
  }
}

/**
 * Matches a text slice by slice (see the file comment). Resolves to null when `pause` stopped it. Every step is
 * bounded by a slice: scanning one, deciding the article (a pass over its candidates), matching one.
 */
export async function annotateText(
  text: string,
  matcher: Matcher,
  options: Omit<PipelineOptions, 'onMatches'> & { onMatches?: (matches: TextMatch[]) => void | Promise<void> } = {},
): Promise<{ matches: TextMatch[]; context: ArticleContext } | null> {
  const pause = options.pause ?? (async () => true);
  const phase = options.onPhase ?? (() => {});
  const clock = options.now ?? now;
  const session = matcher.begin(text, { everyPage: options.everyPage === true, ...(options.page ? { page: options.page } : {}) });
  /** One pass over the text in slices sized by `sizer`; false when a pause stopped it. */
  const pass = async <T>(work: (start: number, end: number) => T, then?: (done: T) => void | Promise<void>): Promise<boolean> => {
    const sizer = new SliceSizer(options.sliceChars);
    for (let start = 0; ; ) {
      if ((await pause()) === false) return false;
      const end = sliceEnd(text, start, sizer.next);
      const t = clock();
      const done = work(start, end);
      sizer.took(end - start, clock() - t);
      await then?.(done);
      if (end >= text.length) return true;
      start = end + BLOCK_SEPARATOR.length;
    }
  };
  const scanned = await pass((start, end) => {
    const t = now();
    session.scan(start, end);
    phase('match', t);
  });
  if (!scanned) return null;
  if ((await pause()) === false) return null;
  const t = now();
  const context = session.settle();
  phase('match', t);
  // The figure reader, when this article has figures to read and the matcher loads it (the content script's does).
  const loading = session.ready();
  if (loading) await loading;
  const matches: TextMatch[] = [];
  const matched = await pass(
    (start, end) => {
      const t = now();
      const inSlice = session.matchesIn(start, end);
      phase('match', t);
      return inSlice;
    },
    async (inSlice) => {
      matches.push(...inSlice);
      await options.onMatches?.(inSlice);
    },
  );
  if (!matched) return null;
  return { matches, context };
}

/**
 * The article's text: its text nodes (document order), or a function that gives its text map (the content script
 * passes its page model's, the one its notes are anchored in, so a note and a highlight share their offsets).
 */
export type ArticleText = Text[] | (() => TextMap);

/** The article's text → its text map → its matches. Null when `pause` stopped it. */
export async function annotateArticle(article: ArticleText, matcher: Matcher, options: PipelineOptions = {}): Promise<ArticleAnnotation | null> {
  const pause = options.pause ?? (async () => true);
  const phase = options.onPhase ?? (() => {});
  // The matcher's tables are built once per page, in a step of their own rather than on top of the first match.
  let t = now();
  matcher.prepare();
  phase('setup', t);
  if ((await pause()) === false) return null;
  t = now();
  const map = typeof article === 'function' ? article() : buildTextMap(article);
  phase('text map', t);
  const { onMatches, ...rest } = options;
  const result = await annotateText(map.text, matcher, { ...rest, ...(onMatches ? { onMatches: (found: TextMatch[]) => onMatches(found, map) } : {}) });
  return result && { map, ...result };
}

export interface AnnotatedNodes {
  map: TextMap;
  matches: TextMatch[];
  /**
   * True when the article was judged off its subject but this text names reference items: the article should be
   * read again as a whole (a living page that filled in after it was first read).
   */
  rereadArticle: boolean;
}

/** `text` matched whole, as Matcher.match does, waiting for the figure reader where it is loaded on demand. */
async function matchWhole(matcher: Matcher, text: string, options: MatchOptions): Promise<TextMatch[]> {
  if (text.length === 0) return [];
  const session = matcher.begin(text, options);
  session.scan(0, text.length);
  session.settle();
  const loading = session.ready();
  if (loading) await loading;
  return session.matchesIn(0, text.length);
}

/**
 * Matches in text a living page added (with some article text around it for context), in the article's
 * context: its relevance and the names it has already introduced.
 */
export async function annotateAddition(
  nodes: Text[],
  matcher: Matcher,
  context: ArticleContext | undefined,
  options: { everyPage?: boolean; page?: PageContext } = {},
): Promise<AnnotatedNodes> {
  const map = buildTextMap(nodes);
  const everyPage = options.everyPage === true;
  const page = options.page ? { page: options.page } : {};
  if (!context) return { map, matches: await matchWhole(matcher, map.text, { everyPage, ...page }), rereadArticle: false };
  const matches = await matchWhole(matcher, map.text, { everyPage, context, ...page });
  let rereadArticle = false;
  if (!context.relevance.onSubject && !everyPage) {
    const session = matcher.begin(map.text, { everyPage: true });
    session.scan(0, map.text.length);
    rereadArticle = session.settle().relevance.evidence > 0;
  }
  return { map, matches, rereadArticle };
}
