// Names inside names: whether a match is the whole name the page uses, or a part of a longer one.
//
// "New York" in "The New York Times", "Security Council" in "National Security Council", "Iraq" in "Al Qaeda in
// Iraq" and "Assad" in "Hafez Assad" are parts of other names. Read on the original text around a match:
// - right: the match is followed, after one space, by a capitalised word ("New York University");
// - left: it is preceded, after one space, by a capitalised word that is not where a sentence starts
//   ("National Security Council", "Hafez Assad"), or by "<Capitalised> of|for …" ("Federal Reserve Bank of New
//   York"); names built with "in" ("Al Qaeda in Iraq") are listed in the curation as other names;
// unless that word is a title or role ("UN Secretary-General Ban", "President of Syria", "Gen Asaad"), a weekday
// or month ("in Damascus Sunday"), or, on the left of a place or organisation, a demonym ("Syrian Army").
// Hyphens and possessives end a name ("UN-Arab League envoy", "Britain-based", "Syria's Assad").
//
// Descriptions (a short name written in lower case, "state TV") take their referent from what qualifies them:
// any capitalised word just before one, possessive or not ("Iranian state TV", "Iran's state TV"), makes it
// another entity's.
//
// Capitals carry no information in a headline written in title case or in capitals: there, none of this applies.

import { classesOfPoint, isAlnumCode, isLetterCode, isSpaceCode, isUpperCode, LETTER, LOWER, UPPER } from '../text/chars';

/** Titles, ranks and roles: a capitalised word that qualifies a name without being part of it. */
const TITLES = new Set(
  (
    'president vice prime minister ministers secretary secretary-general general gen lt lieutenant col colonel maj major brig ' +
    'brigadier capt captain sgt sergeant cpl corporal adm admiral marshal field mr mrs ms miss dr prof professor sen senator ' +
    'rep representative gov governor mayor king queen prince princess crown emir sheikh sheik imam cleric envoy ambassador ' +
    'consul spokesman spokeswoman spokesperson chief head leader director chairman chairwoman chair commander commissioner ' +
    'coordinator official officials deputy special foreign defence defense interior former acting chancellor pope ayatollah ' +
    'mufti judge justice high under assistant executive general-secretary monitor monitors observer observers mission ' +
    'the a an and or of in for on at by to from with as'
  ).split(' '),
);

const CALENDAR = new Set(
  'monday tuesday wednesday thursday friday saturday sunday january february march april may june july august september october november december jan feb mar apr jun jul aug sep sept oct nov dec'.split(
    ' ',
  ),
);

/**
 * Words that join a longer name to the name after them: "Bank of New York", "Campaign for Syria". Not "in": "X in
 * Y" is nearly always a person or a group somewhere; the few names built that way ("Al Qaeda in Iraq") are
 * listed in the curation as other names.
 */
const CONNECTORS = new Set(['of', 'for', 'de', 'del', 'della', 'du', 'des', 'di']);

/** Words that start sentences: a capitalised one before a bare family name is not a first name ("But Assad"). */
const SENTENCE_STARTERS = new Set(
  (
    'but and or so yet then when while if as after before since because although though once until unless where whether ' +
    'meanwhile however still now today yesterday also even only in on at by for from with to of the a an this that these ' +
    'those his her its their our my your we they he she it i there here why how what who which not no yes instead later ' +
    'earlier last next first both all many some most several few'
  ).split(' '),
);

/** "Syrian", "Turkish", "Iraqi", "Lebanese", "American": qualify a place or organisation without renaming it. */
const DEMONYM_ENDING = /(?:an|ese|ish|i)$/;

/** Article and kinship particles joined to a name by a hyphen ("al-", "El-", "bin-"). */
const PARTICLES = new Set(['al', 'el', 'ad', 'an', 'ar', 'as', 'ash', 'at', 'az', 'ed', 'er', 'es', 'et', 'ez', 'ul', 'il', 'bin', 'ibn', 'abu', 'abd', 'abdul']);
/** Particles a capitalised name's hyphenated parts may be. */
const NAME_PARTICLES = new Set(['al', 'el', 'ad', 'an', 'ar', 'as', 'at', 'az', 'ash', 'bin', 'ibn', 'bint', 'abu', 'abd', 'ul', 'il']);

/**
 * The length of a particle and its hyphen ending just before `at` ("al-", "El-", "bin-") and not inside a longer
 * word, or 0. Any case, as Unicode case folding reads it (so "ſ", a long s, is an "s").
 */
function particleBefore(text: string, at: number): number {
  const hyphen = text.charCodeAt(at - 1);
  if (hyphen !== 0x2d && hyphen !== 0x2010 && hyphen !== 0x2011) return 0;
  let s = at - 1;
  while (s > 0 && at - 1 - s < 5 && isParticleLetter(text.charCodeAt(s - 1))) s--;
  // The longest particle that fits: "abdul" before "abd"; a letter before it makes it part of a word.
  for (let from = s; from < at - 1; from++) {
    if (from > 0 && letterEndsAt(text, from)) continue;
    if (PARTICLES.has(text.slice(from, at - 1).toLowerCase().replaceAll('ſ', 's'))) return at - from;
  }
  return 0;
}

/** Whether a letter (a whole code point) ends just before `at`. */
function letterEndsAt(text: string, at: number): boolean {
  const code = text.charCodeAt(at - 1);
  if (code >= 0xdc00 && code <= 0xdfff && at >= 2) {
    const high = text.charCodeAt(at - 2);
    if (high >= 0xd800 && high <= 0xdbff) return (classesOfPoint(((high - 0xd800) << 10) + (code - 0xdc00) + 0x10000) & LETTER) !== 0;
  }
  return isLetterCode(code);
}

const isParticleLetter = (c: number) => isAsciiLetter(c) || c === 0x17f;
const isAsciiLetter = (c: number) => (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);

const isDigit = (code: number) => code >= 0x30 && code <= 0x39;

export type NameKind = 'place' | 'organization' | 'surname' | 'description';

interface Word {
  start: number;
  end: number;
  text: string;
}

const isSpace = (c: string | undefined) => c === ' ' || c === '\u00a0' || c === '\t';
/** A letter, a number, or . ' ’ ‑ - (a character of a word as these rules read words). */
const isWordChar = (c: string | undefined) => {
  if (c === undefined) return false;
  const code = c.charCodeAt(0);
  return isAlnumCode(code) || code === 0x2e || code === 0x27 || code === 0x2019 || code === 0x2011 || code === 0x2d;
};

/** The word ending just before `at` across exactly one run of spaces (no line break), or undefined. */
function wordBefore(text: string, at: number): Word | undefined {
  let e = at;
  if (!isSpace(text[e - 1])) return undefined;
  while (e > 0 && isSpace(text[e - 1])) e--;
  let s = e;
  while (s > 0 && isWordChar(text[s - 1])) s--;
  if (s === e) return undefined;
  return { start: s, end: e, text: text.slice(s, e) };
}

/** The word starting just after `at` across exactly one run of spaces (no line break), or undefined. */
function wordAfter(text: string, at: number): Word | undefined {
  let s = at;
  if (!isSpace(text[s])) return undefined;
  while (s < text.length && isSpace(text[s])) s++;
  let e = s;
  while (e < text.length && isWordChar(text[e])) e++;
  if (s === e) return undefined;
  return { start: s, end: e, text: text.slice(s, e) };
}

/** Whether the word's first code unit is an upper-case letter. */
const capitalised = (word: string) => word.length > 0 && isUpperCode(word.charCodeAt(0));
/** A capitalised word that can be part of a name: "Britain-based" and "pro-Assad" are adjectives, not names. */
const nameWord = (word: string) => capitalised(word) && word.split(/[-\u2011]/).every((part) => part === '' || capitalised(part) || NAME_PARTICLES.has(part));
/** Whether the word ends in a possessive ('s or ’s). */
const possessive = (word: string) => {
  const n = word.length;
  if (n < 2 || word.charCodeAt(n - 1) !== 0x73) return false;
  const q = word.charCodeAt(n - 2);
  return q === 0x27 || q === 0x2019;
};
/** Without a trailing full stop or possessive, lower-cased: how the word is looked up in the lists. */
const bare = (word: string) => {
  let end = possessive(word) ? word.length - 2 : word.length;
  while (end > 0 && word.charCodeAt(end - 1) === 0x2e) end--;
  return word.slice(0, end).toLowerCase();
};
const isAcronym = (word: string) => {
  let letters = 0;
  for (const c of word) {
    const k = classesOfPoint(c.codePointAt(0)!);
    if ((k & LETTER) === 0) continue;
    if ((k & UPPER) === 0) return false;
    letters++;
  }
  return letters >= 2;
};
/** `[\s"“‘'(\[«]`: what may stand between a sentence's start and its first word. */
const isOpening = (code: number) => isSpaceCode(code) || code === 0x22 || code === 0x201c || code === 0x2018 || code === 0x27 || code === 0x28 || code === 0x5b || code === 0xab;
/** `[.!?:;•|—–-]`: what ends the sentence before. */
const isSentenceEnd = (code: number) =>
  code === 0x2e || code === 0x21 || code === 0x3f || code === 0x3a || code === 0x3b || code === 0x2022 || code === 0x7c || code === 0x2014 || code === 0x2013 || code === 0x2d;

/** Whether a sentence (or a headline, a list item, a quote) starts at `at`: nothing but punctuation before it. */
export function startsSentence(text: string, at: number): boolean {
  let p = at;
  while (p > 0 && isOpening(text.charCodeAt(p - 1))) {
    if (text.charCodeAt(p - 1) === 0x0a) return true;
    p--;
  }
  if (p === 0) return true;
  return isSentenceEnd(text.charCodeAt(p - 1));
}

/** Abbreviations that end in a full stop without ending a sentence (besides titles and initials). */
const ABBREVIATIONS = new Set(['st.', 'no.', 'jr.', 'sr.', 'inc.', 'co.', 'corp.', 'ltd.', 'vs.']);

/** Whether the word is letters each followed by a full stop ("U.N.", "U.S."). */
function isInitials(word: string): boolean {
  if (word.length === 0) return false;
  let expectLetter = true;
  for (const c of word) {
    if (expectLetter) {
      if ((classesOfPoint(c.codePointAt(0)!) & LETTER) === 0) return false;
    } else if (c !== '.') return false;
    expectLetter = !expectLetter;
  }
  return expectLetter;
}

/** ASCII only: the lower case of anything else never gives these abbreviations (as the ASCII-only /i did). */
const isAbbreviation = (word: string) => word.length <= 5 && /^[\x00-\x7f]*$/.test(word) && ABBREVIATIONS.has(word.toLowerCase());

/** A word ending in a full stop that is not an abbreviation ("Syria." but not "Gen." or "U.N."): a sentence ended. */
function endsSentence(word: string): boolean {
  if (!word.endsWith('.')) return false;
  return !TITLES.has(bare(word)) && !isInitials(word) && !isAbbreviation(word);
}

/** Whether the word is a person's title or role, a weekday or month, or a function word. */
function qualifies(word: string): boolean {
  const b = bare(word);
  return TITLES.has(b) || CALENDAR.has(b);
}

/**
 * Whether the match [start, end) of `text` is part of a longer capitalised name (see the file comment). `demonyms`
 * are the reference's own ("Syrian"), beside the usual endings.
 */
export function insideLongerName(text: string, start: number, end: number, kind: NameKind, demonyms: ReadonlySet<string>): boolean {
  if (kind === 'description') return describedByCapital(text, start);
  // A particle joined by a hyphen belongs to the name after it: "Maher al-Assad" has "Maher" before "Assad".
  start -= particleBefore(text, start);
  const right = wordAfter(text, end);
  if (right && nameWord(right.text) && !possessive(right.text) && !qualifies(right.text) && !isDigit(right.text.charCodeAt(0))) {
    // "Syria TV" is a name; "Syria I" is not worth a rule.
    if (right.text.length > 1) return true;
  }
  const left = wordBefore(text, start);
  if (!left || possessive(left.text) || endsSentence(left.text)) return false;
  if (nameWord(left.text)) {
    if (qualifies(left.text) || isAcronym(left.text)) return false;
    // At a sentence start any word is capitalised: before a family name, only a word that does not start sentences
    // is read as a first name ("Riad Assad said"); before a place or organisation, nothing can be told.
    if (startsSentence(text, left.start) && (kind !== 'surname' || SENTENCE_STARTERS.has(bare(left.text)))) return false;
    if (kind !== 'surname') {
      const b = bare(left.text);
      if (demonyms.has(b) || DEMONYM_ENDING.test(b)) return false;
    }
    return true;
  }
  if (kind !== 'surname' && CONNECTORS.has(left.text)) {
    let head = wordBefore(text, left.start);
    if (head && (head.text === 'the' || head.text === 'The')) head = wordBefore(text, head.start);
    // A word that starts a sentence is capitalised whatever it is ("Elsewhere in Syria"): it proves nothing.
    if (head && nameWord(head.text) && !qualifies(head.text) && !possessive(head.text) && !startsSentence(text, head.start)) {
      return true;
    }
  }
  return false;
}

/** A description ("state TV") qualified by a capitalised word just before it ("Iranian state TV", "Iran's state TV"). */
function describedByCapital(text: string, start: number): boolean {
  const left = wordBefore(text, start);
  if (!left || !nameWord(left.text)) return false;
  return !startsSentence(text, left.start) && !qualifies(left.text);
}

/**
 * Whether the block (paragraph) around `at` is a headline in title case or capitals, where capitals say nothing
 * about names. Cached per block start by the caller.
 */
export function isHeadlineCase(block: string): boolean {
  // Headlines do not end with a full stop; a short sentence full of names does.
  let end = block.length;
  while (end > 0 && isSpaceCode(block.charCodeAt(end - 1))) end--;
  while (end > 0 && isClosing(block.charCodeAt(end - 1))) end--;
  if (end > 0 && block.charCodeAt(end - 1) === 0x2e) return false;
  // Words: a letter, then letters, apostrophes and hyphens (code points: an astral letter is one).
  let long = 0;
  let longCapitalised = 0;
  let letters = 0;
  let lower = 0;
  let wordStart = -1;
  let wordUnits = 0;
  const endWord = () => {
    if (wordStart >= 0 && wordUnits >= 4) {
      long++;
      if (isUpperCode(block.charCodeAt(wordStart))) longCapitalised++;
    }
    wordStart = -1;
  };
  for (let i = 0; i < block.length; ) {
    const point = block.codePointAt(i)!;
    const width = point > 0xffff ? 2 : 1;
    const k = classesOfPoint(point);
    if ((k & LETTER) !== 0) {
      letters++;
      if ((k & LOWER) !== 0) lower++;
      if (wordStart < 0) {
        wordStart = i;
        wordUnits = 0;
      }
      wordUnits += width;
    } else if (wordStart >= 0 && (point === 0x27 || point === 0x2019 || point === 0x2d)) wordUnits += 1;
    else endWord();
    i += width;
  }
  endWord();
  if (long >= 3 && longCapitalised / long >= 0.75) return true;
  if (letters >= 8 && lower / letters < 0.2) return true;
  return false;
}

/** `["”’')\]]`: what may close a sentence after its full stop. */
const isClosing = (code: number) => code === 0x22 || code === 0x201d || code === 0x2019 || code === 0x27 || code === 0x29 || code === 0x5d;
