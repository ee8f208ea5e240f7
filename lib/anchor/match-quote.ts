// Re-anchoring a stored quote in today's article text. Pages change between visits (a corrected figure,
// an added paragraph, a rewritten headline), so we try, in order:
//   1. the exact quote: every occurrence, ranked by how well the text around it agrees with the stored
//      prefix/suffix and how close it is to the stored position (a quote like "the army" occurs many times);
//      the stored position is therefore used whenever the text there still equals the quote;
//   2. a fuzzy match of the quote (Myers' bit-parallel edit distance, via approx-string-match) with an
//      error budget proportional to its length, ranked by quote similarity, context and position;
//   3. otherwise the note is orphaned: the caller lists it as such, it is never dropped.
// The weights follow the Hypothesis client's match-quote (quote 50, prefix 20, suffix 20, position 2).
import search from 'approx-string-match';
import type { NoteTarget } from '../notes/types';

export type AnchorMethod = 'position' | 'exact' | 'fuzzy';

export interface Anchored {
  start: number;
  end: number;
  method: AnchorMethod;
  /** 0..1: how well quote, context and position agree (1 = identical). */
  score: number;
}

const QUOTE_WEIGHT = 50;
const PREFIX_WEIGHT = 20;
const SUFFIX_WEIGHT = 20;
const POSITION_WEIGHT = 2;
const MAX_SCORE = QUOTE_WEIGHT + PREFIX_WEIGHT + SUFFIX_WEIGHT + POSITION_WEIGHT;

/**
 * Edits allowed per quote character in a fuzzy match. Below 8 characters (a name, a number) one edit is
 * a different word ("Homs"/"Home", "2011"/"2012"), so short quotes anchor exactly or not at all.
 */
const ERROR_RATE = 0.25;
const MIN_FUZZY_LENGTH = 8;
/** Myers' algorithm cost grows with the budget; a long quote rewritten beyond this is a different quote. */
const MAX_ERRORS = 256;
/** A fuzzy candidate also needs some agreement overall, so a short quote does not land on a random word. */
const MIN_FUZZY_SCORE = 0.55;

export function anchorQuote(text: string, target: NoteTarget): Anchored | null {
  const { exact, prefix, suffix } = target.quote;
  if (!exact) return null;
  const hint = target.position?.start;

  // Fast path: the text has not moved, and its context agrees.
  const position = target.position;
  if (position && text.slice(position.start, position.end) === exact
    && text.slice(Math.max(0, position.start - prefix.length), position.start) === prefix
    && text.slice(position.end, position.end + suffix.length) === suffix) {
    return { start: position.start, end: position.end, method: 'position', score: 1 };
  }

  const scoreAt = (start: number, end: number, errors: number) => {
    const quoteScore = 1 - errors / exact.length;
    const prefixScore = prefix ? similarity(text.slice(Math.max(0, start - prefix.length), start), prefix) : 1;
    const suffixScore = suffix ? similarity(text.slice(end, end + suffix.length), suffix) : 1;
    const positionScore = hint === undefined || text.length === 0 ? 1 : 1 - Math.min(1, Math.abs(start - hint) / text.length);
    return (QUOTE_WEIGHT * quoteScore + PREFIX_WEIGHT * prefixScore + SUFFIX_WEIGHT * suffixScore + POSITION_WEIGHT * positionScore) / MAX_SCORE;
  };

  let best: Anchored | null = null;
  for (let at = text.indexOf(exact); at !== -1; at = text.indexOf(exact, at + 1)) {
    const score = scoreAt(at, at + exact.length, 0);
    if (!best || score > best.score) best = { start: at, end: at + exact.length, method: 'exact', score };
  }
  if (best) return best;

  if (exact.length < MIN_FUZZY_LENGTH) return null;
  const maxErrors = Math.min(MAX_ERRORS, Math.floor(exact.length * ERROR_RATE));
  for (const match of search(text, exact, maxErrors)) {
    const score = scoreAt(match.start, match.end, match.errors);
    if (score >= MIN_FUZZY_SCORE && (!best || score > best.score)) {
      best = { start: match.start, end: match.end, method: 'fuzzy', score };
    }
  }
  return best;
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
