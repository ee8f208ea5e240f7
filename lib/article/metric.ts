// The article-extraction-benchmark metric (scrapinghub/article-extraction-benchmark, evaluate.py),
// reimplemented so that `npm run eval` and the corpus test score exactly as the published figures do:
// - tokens are `\w+` matches. Python's `\w` in unicode mode is "alphanumeric or underscore", i.e. letters
//   and numbers of any script but NOT combining marks, and it keeps case (the IGNORECASE flag does not
//   change what `\w` matches): so no lower-casing here either;
// - shingles are 4-token windows; a text with fewer than 4 tokens is one shorter shingle;
// - per page, tp/fp/fn come from the shingle multisets and are normalised to sum to 1, so that long pages
//   do not weigh more;
// - precision is averaged over pages with tp+fp > 0 (an empty extraction does not count against
//   precision, only recall), recall over pages with tp+fn > 0, and F1 is that of the two means.

const TOKEN = /[\p{L}\p{N}_]+/gu;

export function tokenize(text: string): string[] {
  return text.match(TOKEN) ?? [];
}

function shingles(text: string, n = 4): Map<string, number> {
  const tokens = tokenize(text);
  const counts = new Map<string, number>();
  const last = Math.max(1, tokens.length - n + 1);
  for (let i = 0; i < last; i++) {
    const window = tokens.slice(i, i + n);
    if (window.length === 0) continue;
    // U+0001 cannot occur inside a \w token, so joined windows are unambiguous.
    const key = window.join('\u0001');
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

export interface PageScore {
  tp: number;
  fp: number;
  fn: number;
}

export function shingleMatch(expected: string, predicted: string): PageScore {
  const truth = shingles(expected);
  const pred = shingles(predicted);
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const [key, t] of truth) {
    const p = pred.get(key) ?? 0;
    tp += Math.min(t, p);
    fn += Math.max(0, t - p);
  }
  for (const [key, p] of pred) fp += Math.max(0, p - (truth.get(key) ?? 0));
  const sum = tp + fp + fn;
  return sum > 0 ? { tp: tp / sum, fp: fp / sum, fn: fn / sum } : { tp, fp, fn };
}

export function precisionOf({ tp, fp, fn }: PageScore): number {
  if (fp === 0 && fn === 0) return 1;
  if (tp === 0 && fp === 0) return 0;
  return tp / (tp + fp);
}

export function recallOf({ tp, fp, fn }: PageScore): number {
  if (fp === 0 && fn === 0) return 1;
  if (tp === 0 && fn === 0) return 0;
  return tp / (tp + fn);
}

export function f1Of(precision: number, recall: number): number {
  return precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
}

export interface Aggregate {
  precision: number;
  recall: number;
  f1: number;
  pages: number;
}

export function aggregate(scores: PageScore[]): Aggregate {
  const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);
  const precision = mean(scores.filter((s) => s.tp + s.fp > 0).map(precisionOf));
  const recall = mean(scores.filter((s) => s.tp + s.fn > 0).map(recallOf));
  return { precision, recall, f1: f1Of(precision, recall), pages: scores.length };
}
