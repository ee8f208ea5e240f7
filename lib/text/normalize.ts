// Normalisation for matching, with an exact map back to the original text.
//
// A page says "Bashar al‑Assad’s", "BASHAR AL-ASSAD", "Bashar al Assad" or "Bashar al-Assad"; the reference
// says "Bashar al-Assad". Matching runs on a folded copy of the text in which all of those read the same, and
// every folded character remembers which original character it came from, so a match found in the copy becomes
// an exact range of the original (and from there a DOM Range).
//
// What folding does, per code point, in one pass:
// - case: lower case (`toLowerCase` of the code point, so the mapping is locale-independent);
// - diacritics and compatibility forms: NFKD, then combining marks dropped ("é" → "e", "ﬁ" → "fi", "Ｓ" → "s");
// - apostrophes (’ ‘ ʼ ′ ´ `) → "'"; double quotes (“ ” „ ″) → '"';
// - hyphens and dashes (‐ ‑ ‒ – — ― − -) count as spaces, so "al-Assad" = "al Assad" = "al‑Assad";
// - square brackets count as spaces too: reporters mark their own words inside a quotation with them ("the
//   [Syrian] regime", "[Bashar al-]Assad"), and the name reads through them; a footnote mark stays a word apart
//   ("Homs[2]" is "homs 2", so "Homs" is still a whole word);
// - a run of spaces, tabs, no-break spaces and dashes becomes ONE space; a run holding a single line break is
//   still one space (hard-wrapped prose and HTML source newlines are just whitespace), but a run holding two or
//   more line breaks, or U+2029, becomes U+2029 (PARAGRAPH SEPARATOR): a break no alias contains, so no match
//   crosses it (and folding folded text changes nothing);
// - invisible characters (soft hyphen, zero-width space/joiners, BOM) are dropped: "As\u00adsad" = "Assad".
//
// Cost: one loop over UTF-16 code units with table lookups; non-ASCII code points are folded once and cached,
// so no allocation happens per character. The output and its offset map live in typed arrays. Character classes
// come from ./chars.ts rather than `\p{…}` regular expressions, each of which costs a page's first run its compile.
import { classesOf, isAlnumCode, MARK, stripMarks } from './chars';

export interface NormalizeOptions {
  /** Lower-case the text (default true). Off, the rest of the folding still applies: used to check acronyms. */
  foldCase?: boolean;
}

export interface NormalizedText {
  /** The folded text (made into a string on first read: the matcher reads `units` and never needs it). */
  readonly text: string;
  /** The folded text's UTF-16 code units; `length` of them are used. */
  units: Uint16Array;
  /** Length of the folded text. */
  length: number;
  /** The text that was folded. */
  original: string;
  /**
   * `offsets[i]` is the offset in `original` of the character that produced `text[i]`;
   * `offsets[text.length]` is `original.length`. Non-decreasing.
   */
  offsets: Int32Array;
  /** Original offset where the folded character at `i` starts (`i` in [0, text.length]). */
  toOriginal(i: number): number;
  /**
   * Original offset just after the folded character at `end - 1`, with the combining marks that were folded
   * into it: the end of a match [start, end) in `text`, as an end offset in `original`.
   */
  toOriginalEnd(end: number): number;
}

/** What a code point becomes: a replacement string (possibly empty) or one of the whitespace classes. */
const SPACE = -1;
const LINE_BREAK = -2;
const PARAGRAPH_BREAK = -3;
type Fold = string | typeof SPACE | typeof LINE_BREAK | typeof PARAGRAPH_BREAK;

const APOSTROPHES = "\u2018\u2019\u201A\u201B\u02BC\u02BB\u02B9\u2032\u00B4\u0060\uFF07";
const QUOTES = '\u201C\u201D\u201E\u201F\u2033\u00AB\u00BB\uFF02';
const DASHES = '-\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u2E3A\u2E3B\uFE58\uFE63\uFF0D';
const EDITORIAL_BRACKETS = '[]';
const SPACES = ' \t\f\v\u00A0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200A\u202F\u205F\u3000';
const INVISIBLE = '\u00AD\u200B\u200C\u200D\u2060\uFEFF\u180E';

function computeFold(cp: number, foldCase: boolean): Fold {
  const ch = String.fromCodePoint(cp);
  if (ch === '\n' || ch === '\r' || ch === '\u000B' || ch === '\u0085' || ch === '\u2028') return LINE_BREAK;
  if (ch === '\u2029') return PARAGRAPH_BREAK;
  if (SPACES.includes(ch) || DASHES.includes(ch) || EDITORIAL_BRACKETS.includes(ch)) return SPACE;
  if (INVISIBLE.includes(ch)) return '';
  if (APOSTROPHES.includes(ch)) return "'";
  if (QUOTES.includes(ch)) return '"';
  if (cp < 0x80) return foldCase ? ch.toLowerCase() : ch;
  // Lower-casing can itself produce marks ("İ" → "i̇"), so strip after both steps.
  let folded = stripMarks(ch.normalize('NFKD'));
  if (foldCase) folded = stripMarks(folded.toLowerCase().normalize('NFKD'));
  if (folded === 'ß' || folded === 'ẞ') folded = foldCase ? 'ss' : folded;
  // Compatibility decompositions can yield spaces or dashes ("\u00A8" → " ̈"); fold those like the originals.
  if (folded.length > 0 && folded.trim() === '') return SPACE;
  if (folded.length === 1 && DASHES.includes(folded)) return SPACE;
  return folded;
}

/** Codes in a fold table: a folded BMP code unit is stored as itself (>= 0); the rest as these. */
const T_SPACE = -1;
const T_LINE = -2;
const T_PARAGRAPH = -3;
const T_DROP = -4;
/** Folds to several code units (or an astral one): see `multi`. */
const T_MULTI = -5;
const T_UNKNOWN = -6;
/** A high surrogate: the code point is read with its low surrogate and looked up in `astral`. */
const T_SURROGATE = -7;

/**
 * A fold table for one case mode. Per BMP code unit, one Int32 says what it folds to, so the hot loop does one
 * typed-array read per character; entries are computed on first sight of a code unit. Astral code points and
 * multi-unit folds ("ﬁ" → "fi") go through Maps.
 */
class FoldTable {
  readonly codes = new Int32Array(0x10000).fill(T_UNKNOWN);
  readonly multi = new Map<number, string>();
  private readonly astral = new Map<number, Fold>();
  constructor(private readonly foldCase: boolean) {
    for (let c = 0; c < 0x80; c++) this.resolve(c);
    for (let c = 0xd800; c <= 0xdbff; c++) this.codes[c] = T_SURROGATE;
  }
  /** Fill the entry of a BMP code unit; returns it. */
  resolve(code: number): number {
    const f = computeFold(code, this.foldCase);
    let entry: number;
    if (f === SPACE) entry = T_SPACE;
    else if (f === LINE_BREAK) entry = T_LINE;
    else if (f === PARAGRAPH_BREAK) entry = T_PARAGRAPH;
    else if (f.length === 0) entry = T_DROP;
    else if (f.length === 1) entry = f.charCodeAt(0);
    else {
      this.multi.set(code, f);
      entry = T_MULTI;
    }
    this.codes[code] = entry;
    return entry;
  }
  astralFold(cp: number): Fold {
    let f = this.astral.get(cp);
    if (f === undefined) this.astral.set(cp, (f = computeFold(cp, this.foldCase)));
    return f;
  }
}

const TABLES = { folded: new FoldTable(true), cased: new FoldTable(false) };

/**
 * Whether a UTF-16 code unit of folded text is part of a word (a letter or digit in any script). Surrogates
 * count as non-word: astral letters are folded to their BMP forms by NFKD, what remains is mostly emoji.
 */
export const isWordCode: (code: number) => boolean = isAlnumCode;

/** Whether the code unit is a combining mark (folded away, but part of the character before it). */
export function isCombiningCode(code: number): boolean {
  return (classesOf(code) & MARK) !== 0;
}

const decoder = typeof TextDecoder === 'undefined' ? undefined : new TextDecoder('utf-16le');

function unitsToString(units: Uint16Array, length: number): string {
  if (decoder) return decoder.decode(units.subarray(0, length));
  let s = '';
  for (let i = 0; i < length; i += 8192) s += String.fromCharCode(...units.subarray(i, Math.min(length, i + 8192)));
  return s;
}

/** Fold `original` for matching (see the file comment), keeping an exact offset map back to it. */
export function normalizeText(original: string, options: NormalizeOptions = {}): NormalizedText {
  const table = options.foldCase === false ? TABLES.cased : TABLES.folded;
  const codes = table.codes;
  const length = original.length;
  // Most characters fold to one code unit; expansions ("ﬁ" → "fi", "ß" → "ss") grow the buffers on demand.
  let capacity = length + 16;
  let out: Uint16Array = new Uint16Array(capacity);
  let offsets: Int32Array = new Int32Array(capacity + 1);
  let n = 0;
  // The pending whitespace run: where it started (-1: none) and how many line breaks it holds.
  let runStart = -1;
  let breaks = 0;

  for (let i = 0; i < length; i++) {
    const code = original.charCodeAt(i);
    let entry = codes[code]!;
    if (entry === T_UNKNOWN) entry = table.resolve(code);
    if (entry >= 0) {
      if (runStart >= 0) {
        out[n] = breaks >= 2 ? 0x2029 : 0x20;
        offsets[n++] = runStart;
        runStart = -1;
      }
      out[n] = entry;
      offsets[n++] = i;
      // Room for one pending space and one code unit more; expansions check for themselves.
      if (n + 2 > capacity) {
        out = growUnits(out, n + 2);
        offsets = growOffsets(offsets, n + 2);
        capacity = out.length;
      }
      continue;
    }
    if (entry === T_SPACE || entry === T_LINE || entry === T_PARAGRAPH) {
      if (runStart < 0) {
        runStart = i;
        breaks = 0;
      }
      // "\r\n" is one line break.
      if (entry === T_LINE && !(code === 0x0d && original.charCodeAt(i + 1) === 0x0a)) breaks++;
      else if (entry === T_PARAGRAPH) breaks += 2;
      continue;
    }
    if (entry === T_DROP) continue;
    let folded: Fold;
    let width = 1;
    if (entry === T_SURROGATE) {
      const low = original.charCodeAt(i + 1);
      if (low >= 0xdc00 && low <= 0xdfff) {
        folded = table.astralFold(((code - 0xd800) << 10) + (low - 0xdc00) + 0x10000);
        width = 2;
      } else {
        folded = String.fromCharCode(code); // a lone surrogate stays as it is
      }
    } else {
      folded = table.multi.get(code)!;
    }
    if (typeof folded === 'number') {
      if (runStart < 0) {
        runStart = i;
        breaks = 0;
      }
      if (folded === LINE_BREAK) breaks++;
      else if (folded === PARAGRAPH_BREAK) breaks += 2;
      i += width - 1;
      continue;
    }
    if (n + folded.length + 2 > capacity) {
      out = growUnits(out, n + folded.length + 2);
      offsets = growOffsets(offsets, n + folded.length + 2);
      capacity = out.length;
    }
    if (folded.length > 0 && runStart >= 0) {
      out[n] = breaks >= 2 ? 0x2029 : 0x20;
      offsets[n++] = runStart;
      runStart = -1;
    }
    for (let k = 0; k < folded.length; k++) {
      out[n] = folded.charCodeAt(k);
      offsets[n++] = i;
    }
    i += width - 1;
  }
  if (runStart >= 0) {
    out[n] = breaks >= 2 ? 0x2029 : 0x20;
    offsets[n++] = runStart;
  }
  offsets[n] = length;
  return foldedText(original, out.subarray(0, n), offsets.subarray(0, n + 1));
}

/**
 * The result object. Built outside normalizeText on purpose: closures there would capture its loop counters,
 * which V8 then keeps in a heap context instead of registers (a 5-10x slower loop).
 */
function foldedText(original: string, units: Uint16Array, map: Int32Array): NormalizedText {
  const n = units.length;
  const length = original.length;
  let text: string | undefined;
  return {
    get text() {
      return (text ??= unitsToString(units, n));
    },
    units,
    length: n,
    original,
    offsets: map,
    toOriginal(i) {
      return map[Math.max(0, Math.min(i, n))]!;
    },
    toOriginalEnd(end) {
      if (end <= 0) return map[0]!;
      if (end > n) return length;
      // Whitespace runs fold to one character: its end is where the next kept character starts.
      const last = units[end - 1];
      if (last === 0x20 || last === 0x2029) return map[end]!;
      let p = map[end - 1]!;
      const code = original.charCodeAt(p);
      const low = original.charCodeAt(p + 1);
      p += code >= 0xd800 && code <= 0xdbff && low >= 0xdc00 && low <= 0xdfff ? 2 : 1;
      while (p < length && isCombiningCode(original.charCodeAt(p))) p++;
      return p;
    },
  };
}

function growUnits(out: Uint16Array, need: number): Uint16Array {
  const grown = new Uint16Array(Math.max(out.length * 2, need + 16));
  grown.set(out);
  return grown;
}

function growOffsets(offsets: Int32Array, need: number): Int32Array {
  const grown = new Int32Array(Math.max(offsets.length * 2, need + 17));
  grown.set(offsets);
  return grown;
}

/** The folded form of a short string (an alias, a search query), without the offset map. */
export function foldForMatching(s: string, options: NormalizeOptions = {}): string {
  return normalizeText(s, options).text;
}

/** Negative entries of FoldReader.codes (see FoldReader.entry). */
export const FOLD_SPACE = T_SPACE;
export const FOLD_LINE = T_LINE;
export const FOLD_PARAGRAPH = T_PARAGRAPH;
export const FOLD_DROP = T_DROP;

/** What `FoldReader.read` found at a position: a folded character, a space run, a paragraph break, or the end. */
export const READ_CHAR = 0;
export const READ_SPACE = 1;
export const READ_BREAK = 2;
export const READ_END = 3;

/**
 * Streaming access to the same folding, for scanners that fold on the fly instead of materialising the folded
 * copy (the matcher: it walks a trie from word starts only, so most characters are looked at once, and writing
 * a folded copy plus its offset map would cost more than the scan). The semantics are normalizeText's exactly:
 * tests compare the two.
 */
export class FoldReader {
  /** The case-folded table's per-code-unit entries: >= 0 a folded unit; negative, see `read`. */
  readonly codes = TABLES.folded.codes;
  kind = READ_END;
  /** For READ_CHAR: the folded code units (one in `unit` when `units` is empty). */
  unit = 0;
  units = '';
  /** Original offset after what was read (after the whole whitespace run for READ_SPACE / READ_BREAK). */
  next = 0;

  /** Entry of a BMP code unit, resolving it on first sight. */
  entry(code: number): number {
    const e = this.codes[code]!;
    return e === T_UNKNOWN ? TABLES.folded.resolve(code) : e;
  }

  /** Whether the entry is whitespace (space, line break or paragraph break). */
  static isSpace(entry: number): boolean {
    return entry === T_SPACE || entry === T_LINE || entry === T_PARAGRAPH;
  }
  static isDropped(entry: number): boolean {
    return entry === T_DROP;
  }

  /** Read the folded character at original offset `p`, skipping dropped characters; sets kind/unit/units/next. */
  read(s: string, p: number): void {
    const length = s.length;
    for (;;) {
      if (p >= length) {
        this.kind = READ_END;
        this.next = length;
        return;
      }
      const code = s.charCodeAt(p);
      const e = this.entry(code);
      if (e >= 0) {
        this.kind = READ_CHAR;
        this.unit = e;
        this.units = '';
        this.next = p + 1;
        return;
      }
      if (e === T_DROP) {
        p++;
        continue;
      }
      let fold: Fold;
      let width = 1;
      if (e === T_MULTI) fold = TABLES.folded.multi.get(code)!;
      else if (e === T_SURROGATE) {
        const low = s.charCodeAt(p + 1);
        if (low >= 0xdc00 && low <= 0xdfff) {
          fold = TABLES.folded.astralFold(((code - 0xd800) << 10) + (low - 0xdc00) + 0x10000);
          width = 2;
        } else fold = String.fromCharCode(code);
      } else fold = e === T_SPACE ? SPACE : e === T_LINE ? LINE_BREAK : PARAGRAPH_BREAK;
      if (typeof fold === 'string') {
        if (fold.length === 0) {
          p += width;
          continue;
        }
        this.kind = READ_CHAR;
        this.unit = fold.charCodeAt(0);
        this.units = fold.length > 1 ? fold : '';
        this.next = p + width;
        return;
      }
      // A whitespace run: read to its end, counting line breaks as normalizeText does.
      let breaks = 0;
      let q = p;
      while (q < length) {
        const c = s.charCodeAt(q);
        let f = this.entry(c);
        let w = 1;
        if (f === T_SURROGATE) {
          const low = s.charCodeAt(q + 1);
          if (!(low >= 0xdc00 && low <= 0xdfff)) break;
          const af = TABLES.folded.astralFold(((c - 0xd800) << 10) + (low - 0xdc00) + 0x10000);
          if (af === '') {
            q += 2;
            continue;
          }
          if (typeof af === 'string') break;
          f = af === SPACE ? T_SPACE : af === LINE_BREAK ? T_LINE : T_PARAGRAPH;
          w = 2;
        } else if (f === T_MULTI) {
          break;
        }
        if (f === T_DROP) {
          q++;
          continue;
        }
        if (f === T_LINE) {
          if (!(c === 0x0d && s.charCodeAt(q + 1) === 0x0a)) breaks++;
        } else if (f === T_PARAGRAPH) breaks += 2;
        else if (f !== T_SPACE) break;
        q += w;
      }
      this.kind = breaks >= 2 ? READ_BREAK : READ_SPACE;
      this.unit = breaks >= 2 ? 0x2029 : 0x20;
      this.units = '';
      this.next = q;
      return;
    }
  }
}

// ---- transliteration-tolerant keys ---------------------------------------------------------------------------
//
// Arabic names reach English in many spellings: al-Khatib / Alkhatib / al-Khateeb, Khalouf / Khalluf, Nusra /
// Nusrah, Qaeda / Qa'ida, Deir ez-Zor / Dayr az-Zawr / Deir Ezzour, Qaboun / Qaboon, Yabrud / Yabrod. The
// transliterations differ in how they write vowels, doubled letters, the article and the ayn, not in the
// consonants. A loose key keeps the consonants and folds the rest:
// - apostrophes and ayn/hamza marks are dropped ("Qa'ida" = "Qaida");
// - y and w after a vowel are vowels ("Dayr" = "Dair", "Zawr" = "Zaur");
// - a final h after a vowel is dropped ("Nusrah" = "Nusra");
// - each run of vowels becomes one of three classes: a alone → "a"; only o and u → "u"; only e and i → "i"
//   (ee = i); a or e with i → "ai" ("Qaeda" = "Qaida", "Deir" = "Dayr"); any other mix with o or u → "u"
//   ("Zawr" = "Zour" = "Zor", "Mouaz" = "Moaz");
// - doubled letters are single ("Khalluf" = "Khaluf").
// Whole-word article particles ("al", "el", "ez"...) are not part of a name's loose key, and a word that carries a
// joined article ("Alkhatib", "Ezzour") also offers the key without it (looseWordKeys).
// Loose keys are only for names long enough to be distinctive (lib/match/loose.ts decides which); a property test
// checks that no ordinary English word folds onto one.

/** Article particles transliterations write as separate words: dropped from loose keys. */
export const ARTICLE_PARTICLES = new Set(['al', 'el', 'il', 'ul', 'an', 'ar', 'as', 'ash', 'at', 'ad', 'az', 'ed', 'er', 'es', 'et', 'ez', 'en']);

const LOOSE_MARKS = /['\u2018\u2019\u02bb\u02bc\u02be\u02bf`\u00b4]/g;

function vowelClass(run: string): string {
  if (/^a+$/.test(run)) return 'a';
  if (/^[ou]+$/.test(run)) return 'u';
  if (/^[ei]+$/.test(run)) return run.includes('e') && run.includes('i') ? 'ai' : 'i';
  if (/[ou]/.test(run)) return 'u';
  return 'ai';
}

/** The loose key of one word already folded for matching (lower case, no diacritics); see above. */
export function looseWord(folded: string): string {
  let w = folded.replace(LOOSE_MARKS, '');
  w = w.replace(/([aeiou])y/g, '$1i').replace(/([aeiou])w/g, '$1u');
  w = w.replace(/([aeiou])h$/, '$1');
  w = w.replace(/[aeiou]+/g, vowelClass);
  return w.replace(/(.)\1+/g, '$1');
}

/**
 * The loose keys a folded page word may stand for: its own, and without a joined article ("alkhatib" →
 * "khatib", "ezzour" → "zour", "assad" → "sad") when enough of the word is left to be a name.
 */
export function looseWordKeys(folded: string): string[] {
  const keys = [looseWord(folded)];
  // "al" or "el" joined before a consonant ("Alkhatib"), or "a"/"e" joined to a doubled sun letter ("Ezzour").
  const rest = /^[ae]l([^aeiouy].{2,})$/.exec(folded)?.[1] ?? /^[ae](?:(sh|th|dh|[tdrsznl])(?=\1))(.{3,})$/.exec(folded)?.slice(1).join('');
  if (rest !== undefined) {
    const key = looseWord(rest);
    if (key !== keys[0]) keys.push(key);
  }
  return keys;
}
