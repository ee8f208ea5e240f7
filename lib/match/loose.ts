// The second, looser way a name is found: spellings the aliases do not list.
//
// 1. Transliterations (lib/text/normalize: looseWord). A name long enough to be distinctive, whose words fold
//    together with no other English word (chosen when the dataset is built: looseEligible), also gets a loose key
//    per word, without article particles; on the page, runs of capitalised words (with particles between them)
//    are compared word by word, so "Dayr az-Zawr" finds "Deir ez-Zor", "Alkhatib" finds "al-Khatib" and
//    "Khalluf" finds "Khalouf". Only capitalised page words take part: names are capitalised in running text,
//    and ordinary lower-case words never reach the comparison.
// 2. Long formal names by their words. Outlets reorder and re-join the words of a long formal name ("The
//    National Coalition of the Syrian Revolutionary Forces and the Opposition" for the National Coalition for
//    Syrian Revolutionary and Opposition Forces): a run of capitalised words (with "of", "the", "for", "and"
//    between them) whose content words are the name's, in any order, with at most one word different, is that
//    name. Only names of five content words or more: shorter ones are too easily assembled by chance.
//
// The strict trie always runs first; a loose match adds a candidate only where the strict one found nothing of
// the same extent, and the longest match still wins.
import { ARTICLE_PARTICLES, looseWord, looseWordKeys } from '../text/normalize';
import type { AliasPattern } from './aliases';
import { classesOfPoint, isAlnumCode, LETTER, MARK, stripMarks, UPPER } from '../text/chars';

/** A name's loose key needs this many letters (all words) to be distinctive. */
export const LOOSE_MIN_LETTERS = 5;
/** A long formal name has at least this many content words. */
const BAG_MIN_WORDS = 5;
const BAG_FUNCTION_WORDS = new Set(['of', 'the', 'for', 'and', 'in', 'de', '&']);

export interface LooseCandidate {
  start: number;
  end: number;
  pattern: AliasPattern;
}

interface LooseName {
  words: string[];
  pattern: AliasPattern;
}

interface BagName {
  words: Set<string>;
  pattern: AliasPattern;
}

export interface LooseTables {
  /** First loose word → names starting with it (longest first). */
  byFirst: Map<string, LooseName[]>;
  bags: BagName[];
  /** Every word of every long name, folded: a run of capitalised words can only start with one of them. */
  bagWords: Set<string>;
}

/** Simple folding for one word: NFKD without marks, lower case. (The page's words are short: no offset map needed.) */
function foldWord(word: string): string {
  // Most words are plain ASCII letters: lower-casing is all they need.
  return /^[\x00-\x7f]*$/.test(word) ? word.toLowerCase() : stripMarks(word.normalize('NFKD')).toLowerCase();
}

/** The loose words of a name: folded, particles dropped. */
export function looseNameWords(name: string): string[] {
  return nameWords(name).map(looseWord);
}

/** The folded words of a name, particles and punctuation ("Mr.") dropped. */
function nameWords(name: string): string[] {
  return name
    .split(/[\s\u00a0\u2010-\u2015-]+/u)
    .map((w) => foldWord(w).replace(/[^\p{L}\p{N}'’ʼʻʾʿ]/gu, ''))
    .filter((w) => w.length > 0 && !ARTICLE_PARTICLES.has(w));
}

/** Whether the word's first code point is an upper-case letter. */
const isCapitalised = (w: string) => w.length > 0 && (classesOfPoint(w.codePointAt(0)!) & UPPER) !== 0;

/**
 * Whether a name is worth a loose key (decided when the dataset is built): a capitalised name, not an acronym, whose
 * words that are not English (the transliterated ones, by `english`: loose key → the English words with that key)
 * have LOOSE_MIN_LETTERS or more between them, one of which folds together with no English word at all. Every word
 * of a name must match for a loose match, so that one distinctive word keeps ordinary words from ever matching it.
 * "Mouaz al-Khatib", "Deir el-Zour" and "Qaboun" are in; "Mr Assad" (too little that is not English: "Asaad" is
 * another man), "Syrian army" (all English) and "Aleppo" (known to the lexicon as it is) are out.
 */
export function looseEligible(name: string, english: ReadonlyMap<string, ReadonlySet<string>>): boolean {
  if (!isCapitalised(name) || /\p{Lu}{2}/u.test(name)) return false;
  const folded = nameWords(name);
  const words = folded.map(looseWord);
  if (words.length === 0) return false;
  const isEnglish = (i: number) => english.get(words[i]!)?.has(folded[i]!) === true;
  const transliterated = words.filter((_, i) => !isEnglish(i));
  if (transliterated.join('').length < LOOSE_MIN_LETTERS) return false;
  return transliterated.some((key) => !english.has(key));
}

/** Loose key → English words with that key, for looseEligible. */
export function englishLooseKeys(words: Iterable<string>): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const word of words) {
    const folded = foldWord(word);
    if (!/^\p{L}+$/u.test(folded)) continue;
    for (const key of looseWordKeys(folded)) {
      let set = out.get(key);
      if (!set) out.set(key, (set = new Set()));
      set.add(folded);
    }
  }
  return out;
}

export function buildLooseTables(patterns: readonly AliasPattern[]): LooseTables {
  const byFirst = new Map<string, LooseName[]>();
  const bags: BagName[] = [];
  const seen = new Set<string>();
  for (const pattern of patterns) {
    if (!pattern.entity || (pattern.kind !== 'full' && pattern.kind !== 'short')) continue;
    const words = looseNameWords(pattern.alias);
    const id = `${pattern.entity.id} ${words.join(' ')}`;
    if (pattern.entity.looseNames?.includes(pattern.alias) && !seen.has(id)) {
      seen.add(id);
      const list = byFirst.get(words[0]!) ?? [];
      list.push({ words, pattern });
      list.sort((a, b) => b.words.length - a.words.length);
      byFirst.set(words[0]!, list);
    }
    if (pattern.entity.type === 'organization' && pattern.kind === 'full') {
      const content = pattern.alias.split(/[\s\u00a0-]+/u).map(foldWord).filter((w) => w && !BAG_FUNCTION_WORDS.has(w));
      if (content.length >= BAG_MIN_WORDS) bags.push({ words: new Set(content), pattern });
    }
  }
  return { byFirst, bags, bagWords: new Set(bags.flatMap((b) => [...b.words])) };
}

/** The loose keys of page words, by the word as written: news text repeats its names, and folding costs. */
const keyCache = new Map<string, string[]>();
function keysOf(word: string): string[] {
  let keys = keyCache.get(word);
  if (!keys) {
    if (keyCache.size > 50_000) keyCache.clear();
    keyCache.set(word, (keys = looseWordKeys(foldWord(word))));
  }
  return keys;
}

/** The article particles a hyphen joins to a name ("al-Assad", "Deir ez-Zor"), and those a space may ("Al Jazeera"). */
const HYPHENED_PARTICLES = new Set(['al', 'el', 'an', 'ar', 'as', 'ash', 'at', 'ad', 'az', 'ed', 'er', 'es', 'et', 'ez', 'en']);
const SPACED_PARTICLES = new Set(['al', 'el']);

/**
 * The length of an article particle just before a name at `start`, read within text[from, start): one of
 * HYPHENED_PARTICLES and a hyphen, or one of SPACED_PARTICLES and a space (in any case), with no letter or digit
 * before it; 0 when there is none. What
 * `/(?<![\p{L}\p{N}])(?:(?:al|el|an|ar|as|ash|at|ad|az|ed|er|es|et|ez|en)[-\u2010\u2011]|(?:Al|El) )$/iu` finds in
 * text.slice(max(from, start - 4), start), without the cost of compiling it on a page's first run.
 */
export function particleBefore(text: string, from: number, start: number): number {
  const lo = Math.max(from, start - 4);
  // Lower case as case-blind Unicode matching reads these letters (the long s "ſ" is an "s"), every hyphen as "-".
  let s = '';
  for (let i = lo; i < start; i++) {
    const c = text.charCodeAt(i);
    s += c === 0x17f ? 's' : c === 0x2010 || c === 0x2011 ? '-' : String.fromCharCode(c >= 65 && c <= 90 ? c + 32 : c);
  }
  const end = s[s.length - 1];
  const particles = end === '-' ? HYPHENED_PARTICLES : end === ' ' ? SPACED_PARTICLES : undefined;
  if (!particles) return 0;
  // The longest first, as the expression's leftmost match. A letter or digit just before (U+0345 too, a case-blind
  // match's iota) makes it the end of another word. A particle is two letters or more, so what is before it is
  // the first unit looked at or nothing: a surrogate pair there would reach past the four units.
  for (let p = 0; p + 3 <= s.length; p++) {
    if (!particles.has(s.slice(p, -1))) continue;
    const before = p > 0 ? text.charCodeAt(lo + p - 1) : -1;
    if (before !== 0x345 && !isAlnumCode(before)) return s.length - p;
  }
  return 0;
}

/** The apostrophes and ayn/hamza marks a name's word may hold: ' ’ ʼ ʻ ʾ ʿ. */
const isNameMark = (c: number) => c === 0x27 || c === 0x2019 || c === 0x2bc || c === 0x2bb || c === 0x2be || c === 0x2bf;

/** Where the run of letters, marks and name marks from `i` ends (code points: an astral letter is one). */
function nameRunEnd(text: string, i: number): number {
  const length = text.length;
  while (i < length) {
    const c = text.charCodeAt(i);
    if (c < 0x80) {
      if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 0x27) {
        i++;
        continue;
      }
      return i;
    }
    const point = text.codePointAt(i)!;
    if ((classesOfPoint(point) & (LETTER | MARK)) === 0 && !isNameMark(point)) return i;
    i += point > 0xffff ? 2 : 1;
  }
  return i;
}

/**
 * The first capitalised word starting at or after `from` and before `to`: an upper-case letter, then letters, marks
 * and name marks (`\p{Lu}[\p{L}\p{M}'’ʼʻʾʿ]*`). Its start, or -1; its end in `wordEnd`.
 */
let wordEnd = 0;
function nextCapitalised(text: string, from: number, to: number): number {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) {
      if (c >= 65 && c <= 90) {
        wordEnd = nameRunEnd(text, i + 1);
        return i;
      }
      continue;
    }
    const point = text.codePointAt(i)!;
    const width = point > 0xffff ? 2 : 1;
    if ((classesOfPoint(point) & UPPER) !== 0) {
      wordEnd = nameRunEnd(text, i + width);
      return i;
    }
    i += width - 1;
  }
  return -1;
}

/** Separators between a name's words: spaces, no-break spaces, hyphens and dashes (`[ \u00a0\u2010-\u2015-]`). */
const isNameSeparator = (c: number) => c === 0x20 || c === 0xa0 || c === 0x2d || (c >= 0x2010 && c <= 0x2015);

const isLeadSurrogate = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isTrailSurrogate = (c: number) => c >= 0xdc00 && c <= 0xdfff;

/** Loose candidates in text[from, to). */
export function looseCandidates(text: string, from: number, to: number, tables: LooseTables): LooseCandidate[] {
  const out: LooseCandidate[] = [];
  if (tables.byFirst.size === 0 && tables.bags.length === 0) return out;
  // The current run of capitalised words (for long formal names): each word folded, with its offsets.
  let run: { word: string; start: number; end: number }[] = [];
  const closeRun = () => {
    if (run.length >= BAG_MIN_WORDS - 1) {
      for (const bag of tables.bags) {
        const found = bagMatch(bag, run);
        if (found) out.push({ start: found.start, end: found.end, pattern: bag.pattern });
      }
    }
    run = [];
  };
  // A span that begins inside a surrogate pair begins at the pair, as a Unicode expression's search does.
  const first = from > 0 && isTrailSurrogate(text.charCodeAt(from)) && isLeadSurrogate(text.charCodeAt(from - 1)) ? from - 1 : from;
  for (let start = nextCapitalised(text, first, to); start >= 0; start = nextCapitalised(text, wordEnd, to)) {
    const end = wordEnd;
    const written = text.slice(start, end);
    if (isAlnumCode(text.charCodeAt(start - 1))) continue; // inside a word ("McDonald")
    // Long formal names: a run starts at a word of one and goes on over spaces and lower-case function words.
    if (tables.bags.length > 0) {
      const last = run[run.length - 1];
      if (last && !/^[ \u00a0]+(?:(?:of|the|for|and|in|de|&)[ \u00a0]+)*$/u.test(text.slice(last.end, start))) closeRun();
      const word = written.toLowerCase();
      if (run.length > 0 || tables.bagWords.has(word)) run.push({ word: foldWord(word), start, end });
    }
    if (tables.byFirst.size === 0) continue;
    const firstKeys = keysOf(written);
    for (const key of firstKeys) {
      const names = tables.byFirst.get(key);
      if (!names) continue;
      const found = matchFrom(text, end, to, names);
      if (found) {
        // A particle just before belongs to the name ("Al-Qa'ida").
        out.push({ start: start - particleBefore(text, from, start), end: found.end, pattern: found.pattern });
        break;
      }
    }
  }
  if (tables.bags.length > 0) closeRun();
  return out;
}

/** The longest name of `names` whose later words follow `end` on the page; its end offset. */
function matchFrom(text: string, end: number, to: number, names: LooseName[]): { end: number; pattern: AliasPattern } | undefined {
  const longest = names[0]!.words.length;
  // The page words after the first, particles skipped: their loose keys and where each ends.
  const following: { keys: string[]; end: number }[] = [];
  let p = end;
  while (following.length < longest - 1) {
    // Separators, then a word of letters, marks and name marks (a particle in lower case, or a capitalised word).
    let q = p;
    while (q < text.length && isNameSeparator(text.charCodeAt(q))) q++;
    if (q === p) break;
    const wordStart = q;
    q = nameRunEnd(text, q);
    if (q === wordStart || q > to) break;
    p = q;
    const word = text.slice(wordStart, q);
    const folded = foldWord(word);
    if (ARTICLE_PARTICLES.has(folded)) continue;
    if (!isCapitalised(word)) break;
    following.push({ keys: keysOf(word), end: p });
  }
  for (const name of names) {
    const rest = name.words.length - 1;
    if (rest > following.length) continue;
    let ok = true;
    for (let i = 0; i < rest && ok; i++) ok = following[i]!.keys.includes(name.words[i + 1]!);
    if (ok) return { end: rest === 0 ? end : following[rest - 1]!.end, pattern: name.pattern };
  }
  return undefined;
}

/**
 * The leftmost, longest stretch of a run whose content words are a long name's, in any order, with at most one
 * word different ("Chairman of Syrian National Council for …" holds the name without "Chairman").
 */
function bagMatch(bag: BagName, run: readonly { word: string; start: number; end: number }[]): { start: number; end: number } | undefined {
  const n = bag.words.size;
  const content = run.filter((w) => !BAG_FUNCTION_WORDS.has(w.word));
  for (let i = 0; i < content.length; i++) {
    for (let size = Math.min(n + 1, content.length - i); size >= n - 1; size--) {
      const words = new Set(content.slice(i, i + size).map((w) => w.word));
      let shared = 0;
      for (const w of words) if (bag.words.has(w)) shared++;
      if (shared >= n - 1 && words.size - shared <= 1 && bag.words.has(content[i]!.word)) {
        return { start: content[i]!.start, end: content[i + size - 1]!.end };
      }
    }
  }
  return undefined;
}
