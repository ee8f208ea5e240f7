// Plain-text helpers for the dataset builder: where a document's article ends, its title, its sentences, and
// whole-word search. Kept apart from build.ts so each rule is small and tested on its own.

/**
 * Lines that start the trailing furniture of a blog or news page rather than the article: the comment form, tag
 * and permalink lines, share prompts. Recognised by what such lines say on any CMS, not by one document's wording.
 */
const BOILERPLATE_LINE =
  /^(?:leave a (?:reply|comment)|post a comment|add a comment|your email address will not be published|required fields are marked|you may use these html tags|this entry was posted in|bookmark the permalink|share this(?: article| story)?:?\s*$|click to share|related (?:posts|articles|stories)\b|\d+ (?:comments?|responses?)\s*$|comments? \(\d+\)|posted in\b|filed under\b|tags?:|you must be logged in to post)/i;
const HTML_TAG = /<\/?[a-z][a-z0-9]*(?:\s[^<>]*)?>/gi;

/** Offset where the article ends: before the first boilerplate line in the latter part of the text. */
export function articleEnd(text: string): number {
  // Boilerplate trails the article; a line like "Posted in ..." near the top is more likely a dateline.
  const earliest = Math.floor(text.length * 0.4);
  let offset = 0;
  for (const line of text.split('\n')) {
    const start = offset;
    offset += line.length + 1;
    if (start < earliest) continue;
    const trimmed = line.trim();
    if (BOILERPLATE_LINE.test(trimmed) || (trimmed.match(HTML_TAG)?.length ?? 0) >= 3) {
      let end = start;
      while (end > 0 && /\s/.test(text[end - 1]!)) end--;
      return end;
    }
  }
  return text.length;
}

/** The headline: the first non-empty line. */
export function firstLine(text: string): string {
  return text.split('\n').map((l) => l.trim()).find((l) => l.length > 0) ?? '';
}

export interface Span {
  start: number;
  end: number;
}

const ABBREVIATION = /(?:^|[\s(])(?:(?:[A-Z]\.)+|Mr|Mrs|Ms|Dr|Gen|Maj|Col|Lt|Brig|Sgt|Capt|Cpl|St|Sen|Rep|Gov|Prof|Jr|Sr|No|Mt|Ft|Jan|Feb|Mar|Apr|Aug|Sept?|Oct|Nov|Dec|vs|etc|approx)\.$/;

/** Sentences of text[0, end): split at line breaks and at . ! ? followed by a capital, except after abbreviations. */
export function sentences(text: string, end = text.length): Span[] {
  const spans: Span[] = [];
  const push = (s: number, e: number): void => {
    while (s < e && /\s/.test(text[s]!)) s++;
    while (e > s && /\s/.test(text[e - 1]!)) e--;
    if (e > s) spans.push({ start: s, end: e });
  };
  const boundary = /[.!?]+["”’)]*(?=\s+["“‘(]?[A-Z0-9])|\n+/g;
  let start = 0;
  const body = text.slice(0, end);
  for (let m = boundary.exec(body); m; m = boundary.exec(body)) {
    const stop = m.index + m[0].length;
    if (m[0][0] !== '\n' && ABBREVIATION.test(body.slice(Math.max(0, stop - 12), stop))) continue;
    push(start, stop);
    start = stop;
  }
  push(start, end);
  return spans;
}

const WORD_CHAR = /[\p{L}\p{N}]/u;

export function isWordChar(ch: string | undefined): boolean {
  return ch !== undefined && WORD_CHAR.test(ch);
}

/** Every whole-word, case-sensitive occurrence of `form` in text[0, end). */
export function occurrences(text: string, form: string, end = text.length): number[] {
  const found: number[] = [];
  if (!form) return found;
  for (let i = text.indexOf(form); i >= 0 && i + form.length <= end; i = text.indexOf(form, i + 1)) {
    // A form that ends in a full stop ("U.N.") may be followed by anything; otherwise the next character must
    // not continue the word ("Assads" is not "Assad").
    const before = text[i - 1];
    const after = text[i + form.length];
    const startsWord = !isWordChar(form[0]) || !isWordChar(before);
    const endsWord = !isWordChar(form[form.length - 1]) || !isWordChar(after);
    if (startsWord && endsWord) found.push(i);
  }
  return found;
}

export function slug(value: string): string {
  return value
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/['’]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}
