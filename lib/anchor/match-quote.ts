// Finding a stored quote again in today's text, in one or several texts at once (the article, the whole page),
// and ranking every candidate by one score so the texts compete on the same terms.
//
// Pages change between visits (a corrected figure, an added paragraph, a rewritten headline), and the same
// words often occur more than once ("the army"; a headline repeated in the first paragraph), so candidates
// come from three searches and are ranked together:
//   1. the exact quote: every occurrence in every text;
//   2. when no text holds it exactly, the closest fuzzy matches of the quote in each text (Myers'
//      bit-parallel edit distance, via approx-string-match) within an error budget proportional to its length;
//   3. when no candidate so far agrees with the stored context, the quote searched *with* its context (prefix,
//      quote and suffix as one pattern), then the quote located inside each place found. This finds a slightly
//      edited quote in its own place even when an exact copy of the original words sits elsewhere with other
//      words around it, which searches 1 and 2 never reach: approx-string-match reports only the matches
//      with the fewest errors, so an exact copy hides every edited original.
// Each candidate is scored by how well the quote, the text before and after it, and the stored position
// agree, with the weights of the Hypothesis client's match-quote (quote 50, prefix 20, suffix 20, position 2);
// the best one wins whichever text it is in. Whitespace is compared folded (fold.ts). Nothing good enough
// means the note is orphaned: the caller lists it as such, it is never dropped.
import search from 'approx-string-match';
import { foldSpaces, type Folded } from './fold';
import type { TextQuoteSelector } from './types';

export type AnchorMethod = 'position' | 'exact' | 'fuzzy';

/** A place a quote was found: offsets into the original (unfolded) text `texts[scope]`. */
export interface QuoteCandidate {
  scope: number;
  start: number;
  end: number;
  method: 'exact' | 'fuzzy';
  /** 0..1: how well quote, context and position agree (1 = identical). */
  score: number;
}

export interface RankOptions {
  /**
   * 0..1: how well a candidate starting at `start` of `texts[scope]` agrees with the stored position. Without
   * it, position does not count (every candidate gets 1).
   */
  positionScore?: (scope: number, start: number) => number;
}

const QUOTE_WEIGHT = 50;
const PREFIX_WEIGHT = 20;
const SUFFIX_WEIGHT = 20;
const POSITION_WEIGHT = 2;
const MAX_SCORE = QUOTE_WEIGHT + PREFIX_WEIGHT + SUFFIX_WEIGHT + POSITION_WEIGHT;

/** Edits allowed per quote character in a fuzzy match (whitespace folded). */
const ERROR_RATE = 0.25;
/** Myers' algorithm cost grows with the budget; a long quote rewritten beyond this is a different quote. */
const MAX_ERRORS = 256;
/**
 * Below this length one edit makes a different word ("Homs"/"Home", "2011"/"2012"), so a short quote is never
 * searched fuzzily on its own: only with its context (search 3), and it must then score SHORT_MIN_SCORE,
 * which takes context that agrees almost entirely.
 */
const MIN_FUZZY_LENGTH = 8;
const SHORT_MIN_SCORE = 0.8;
/** A fuzzy candidate needs some agreement overall, so a quote does not land on a random stretch of words. */
const MIN_FUZZY_SCORE = 0.55;
/** A best candidate below this disagrees with its context enough to look for the quote in its context too. */
const CONFIDENT_SCORE = 0.9;

/** A stored quote folded like the text it is compared with; whitespace at the quote's ends moves to its context. */
interface FoldedQuote {
  exact: string;
  prefix: string;
  suffix: string;
}

function foldQuote({ exact, prefix, suffix }: TextQuoteSelector): FoldedQuote {
  const lead = /^\s*/.exec(exact)![0];
  const trail = /\s*$/.exec(exact.slice(lead.length))![0];
  return {
    exact: foldSpaces(exact.slice(lead.length, exact.length - trail.length)).text,
    prefix: foldSpaces(prefix + lead).text,
    suffix: foldSpaces(trail + suffix).text,
  };
}

/**
 * Every candidate for `quote` in `texts`, best first (ties: earlier text, then earlier offset). Empty when the
 * quote is empty or nothing is good enough. Pass texts already folded (`foldSpaces`) to reuse them across notes.
 */
export function rankQuoteCandidates(
  texts: readonly Folded[],
  quote: TextQuoteSelector,
  options: RankOptions = {},
): QuoteCandidate[] {
  const q = foldQuote(quote);
  if (!q.exact) return [];
  const found = new Map<string, QuoteCandidate>();
  let best = -1;

  const consider = (scope: number, start: number, end: number, errors: number): void => {
    const folded = texts[scope]!;
    const t = folded.text;
    // A fuzzy match can take in a space at either end; the quote itself has none there.
    while (start < end && t[start] === ' ') start++;
    while (end > start && t[end - 1] === ' ') end--;
    if (end <= start) return;
    const rawStart = folded.starts[start]!;
    const rawEnd = folded.starts[end - 1]! + 1;
    const key = `${scope}:${rawStart}:${rawEnd}`;
    if (found.has(key)) return;
    const quoteScore = Math.max(0, 1 - errors / q.exact.length);
    const prefixScore = q.prefix ? similarity(t.slice(Math.max(0, start - q.prefix.length), start), q.prefix) : 1;
    const suffixScore = q.suffix ? similarity(t.slice(end, end + q.suffix.length), q.suffix) : 1;
    const positionScore = options.positionScore ? options.positionScore(scope, rawStart) : 1;
    const score = (QUOTE_WEIGHT * quoteScore + PREFIX_WEIGHT * prefixScore + SUFFIX_WEIGHT * suffixScore
      + POSITION_WEIGHT * positionScore) / MAX_SCORE;
    if (errors > 0 && score < (q.exact.length < MIN_FUZZY_LENGTH ? SHORT_MIN_SCORE : MIN_FUZZY_SCORE)) return;
    found.set(key, { scope, start: rawStart, end: rawEnd, method: errors === 0 ? 'exact' : 'fuzzy', score });
    best = Math.max(best, score);
  };

  // 1. Exact occurrences.
  texts.forEach((folded, scope) => {
    for (let at = folded.text.indexOf(q.exact); at !== -1; at = folded.text.indexOf(q.exact, at + 1)) {
      consider(scope, at, at + q.exact.length, 0);
    }
  });

  // 2. The closest fuzzy matches of the quote alone, when no text holds it exactly.
  const quoteBudget = Math.min(MAX_ERRORS, Math.floor(q.exact.length * ERROR_RATE));
  if (found.size === 0 && q.exact.length >= MIN_FUZZY_LENGTH) {
    texts.forEach((folded, scope) => {
      for (const m of search(folded.text, q.exact, quoteBudget)) consider(scope, m.start, m.end, m.errors);
    });
  }

  // 3. The quote in its context, when nothing found so far agrees with that context.
  if (best < CONFIDENT_SCORE && (q.prefix.trim() || q.suffix.trim())) {
    const pattern = q.prefix + q.exact + q.suffix;
    const contextBudget = Math.min(MAX_ERRORS, Math.floor(pattern.length * ERROR_RATE));
    // Inside a place found, a short quote may differ by one character (its context vouches for it).
    const localBudget = Math.max(1, quoteBudget);
    texts.forEach((folded, scope) => {
      for (const place of search(folded.text, pattern, contextBudget)) {
        const from = Math.max(0, place.start - localBudget);
        const window = folded.text.slice(from, place.end + localBudget);
        for (const m of search(window, q.exact, Math.min(localBudget, q.exact.length - 1))) {
          consider(scope, from + m.start, from + m.end, m.errors);
        }
      }
    });
  }

  return [...found.values()].sort((a, b) => b.score - a.score || a.scope - b.scope || a.start - b.start);
}

/**
 * 0..1 similarity of the text found beside a candidate to the stored context, as edit distance over the
 * stored context's length (context cut short by the start or end of the text counts as errors).
 */
function similarity(found: string, stored: string): number {
  if (!stored) return 1;
  if (!found) return 0;
  if (found === stored) return 1;
  const [match] = search(found, stored, stored.length);
  const errors = match ? match.errors : stored.length;
  return Math.max(0, 1 - errors / stored.length);
}
