// Character classes (letter, upper or lower case letter, number, combining mark) by code unit, without a
// `\p{…}` regular expression on the way. Such an expression costs the browser a fraction of a millisecond to
// compile on first use, each one; the name rules used a dozen, on every page, mostly to learn that an ASCII
// character is a letter. Here ASCII and the general punctuation block (’ “ ” — …) are known from the start, and
// any other code unit is classified once, on first sight, by one expression that says all its classes at once.
// Exactly what the `\p{…}` classes say (a unit test compares every code unit and astral letters).

export const LETTER = 1;
export const UPPER = 2;
export const LOWER = 4;
export const NUMBER = 8;
export const MARK = 16;
const KNOWN = 128;

/** Per BMP code unit: its classes | KNOWN, or 0 when not worked out yet. */
const classes = new Uint8Array(0x10000);
for (let c = 0; c < 0x80; c++) {
  classes[c] = KNOWN | (c >= 0x41 && c <= 0x5a ? LETTER | UPPER : c >= 0x61 && c <= 0x7a ? LETTER | LOWER : c >= 0x30 && c <= 0x39 ? NUMBER : 0);
}
// No letter, number or mark in general punctuation (spaces, dashes, quotes, the ellipsis) nor in a no-break space.
for (let c = 0x2000; c <= 0x206f; c++) classes[c] = KNOWN;
classes[0xa0] = KNOWN;
// A lone surrogate is none of them (an astral character is classified whole: classesOfPoint).
for (let c = 0xd800; c <= 0xdfff; c++) classes[c] = KNOWN;

let classifier: RegExp | undefined;

function classify(text: string): number {
  // One expression for all five classes: which group matched says which (an upper-case letter is a letter too).
  const m = (classifier ??= /^(?:(\p{Lu})|(\p{Ll})|(\p{L})|(\p{N})|(\p{M}))$/u).exec(text);
  if (!m) return 0;
  return m[1] ? LETTER | UPPER : m[2] ? LETTER | LOWER : m[3] ? LETTER : m[4] ? NUMBER : MARK;
}

/** The classes of a UTF-16 code unit (NaN, past a string's end: none). */
export function classesOf(code: number): number {
  if (!(code >= 0 && code < 0x10000)) return 0;
  const known = classes[code]!;
  if (known !== 0) return known & ~KNOWN;
  const found = classify(String.fromCharCode(code));
  classes[code] = found | KNOWN;
  return found;
}

/** The classes of a code point (an astral one is classified each time: rare in news text). */
export function classesOfPoint(point: number): number {
  return point < 0x10000 ? classesOf(point) : classify(String.fromCodePoint(point));
}

export const isLetterCode = (code: number): boolean => (classesOf(code) & LETTER) !== 0;
export const isUpperCode = (code: number): boolean => (classesOf(code) & UPPER) !== 0;
/** A letter or a number (`[\p{L}\p{N}]`). */
export const isAlnumCode = (code: number): boolean => (classesOf(code) & (LETTER | NUMBER)) !== 0;

/** `\s` of a Unicode regular expression. */
export function isSpaceCode(code: number): boolean {
  if (code < 0x80) return code === 0x20 || (code >= 0x09 && code <= 0x0d);
  return code === 0xa0 || code === 0x1680 || (code >= 0x2000 && code <= 0x200a) || code === 0x2028 || code === 0x2029 || code === 0x202f || code === 0x205f || code === 0x3000 || code === 0xfeff;
}

/**
 * `text` without its combining marks (`text.replace(/\p{M}/gu, '')`), with no regular expression to compile on a
 * page's first run. Only for short text (a character's or a word's fold, each made once).
 */
export function stripMarks(text: string): string {
  let out = '';
  for (const ch of text) if ((classesOfPoint(ch.codePointAt(0)!) & MARK) === 0) out += ch;
  return out;
}
