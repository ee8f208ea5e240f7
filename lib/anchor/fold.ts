// Whitespace-insensitive views of text, for comparing a stored quote with today's text.
//
// The same words reach anchoring with different whitespace: a quote described by another tool from the
// page's textContent ("Level 2\n\n\n  Lorem"), the same stretch in our text map with block separators
// ("Level 2\n\n\nLorem"), a page whose source was re-indented. None of that is an edit a reader would see,
// so it must not spend the error budget that a changed word needs. Quote, context and text are compared
// with every run of whitespace read as one space; offsets map back to the original text exactly.

/** A text with each run of whitespace folded to one space, and where each folded character came from. */
export interface Folded {
  /** The original text. */
  raw: string;
  /** The folded text. */
  text: string;
  /** `starts[i]` is the offset in `raw` of folded character `i` (the first character of a folded run). */
  starts: Int32Array;
}

const isSpace = (code: number): boolean =>
  code === 32 || (code >= 9 && code <= 13) || code === 0xa0 || code === 0x1680 || (code >= 0x2000 && code <= 0x200a)
  || code === 0x2028 || code === 0x2029 || code === 0x202f || code === 0x205f || code === 0x3000 || code === 0xfeff;

/** Whether a character is whitespace as JavaScript's `\s` defines it. */
export function isSpaceChar(ch: string | undefined): boolean {
  return ch !== undefined && isSpace(ch.charCodeAt(0));
}

export function foldSpaces(raw: string): Folded {
  const starts = new Int32Array(raw.length);
  const out: string[] = [];
  let n = 0;
  let runStart = 0;
  for (let i = 0; i < raw.length; i++) {
    if (isSpace(raw.charCodeAt(i))) {
      if (i > 0 && isSpace(raw.charCodeAt(i - 1))) continue;
      starts[n++] = i;
      if (i > runStart) out.push(raw.slice(runStart, i));
      out.push(' ');
      runStart = i + 1;
      while (runStart < raw.length && isSpace(raw.charCodeAt(runStart))) runStart++;
    } else {
      starts[n++] = i;
    }
  }
  if (runStart < raw.length) out.push(raw.slice(runStart));
  return { raw, text: out.join(''), starts: starts.subarray(0, n) };
}

/**
 * Where the last `count` folded characters before `end` of `raw` begin: context measured in characters a
 * reader sees, so a prefix is not spent on indentation. `maxRaw` bounds the raw window (a page can hold a
 * very long run of whitespace).
 */
export function startOfFoldedTail(raw: string, end: number, count: number, maxRaw = count * 8): number {
  const floor = Math.max(0, end - maxRaw);
  let i = end;
  for (let seen = 0; i > floor && seen < count; seen++) {
    if (isSpace(raw.charCodeAt(i - 1))) {
      while (i > floor && isSpace(raw.charCodeAt(i - 1))) i--;
    } else {
      i--;
    }
  }
  return i;
}

/** Where the first `count` folded characters from `start` of `raw` end. */
export function endOfFoldedHead(raw: string, start: number, count: number, maxRaw = count * 8): number {
  const ceiling = Math.min(raw.length, start + maxRaw);
  let i = start;
  for (let seen = 0; i < ceiling && seen < count; seen++) {
    if (isSpace(raw.charCodeAt(i))) {
      while (i < ceiling && isSpace(raw.charCodeAt(i))) i++;
    } else {
      i++;
    }
  }
  return i;
}
