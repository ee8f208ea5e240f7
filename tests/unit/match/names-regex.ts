// The rules of lib/match/names.ts as they were written with `\p{…}` regular expressions: the general form the fast
// one (character classes by code unit, lib/text/chars.ts) is checked against, on any text (names-fast.test.ts).
import type { NameKind } from '@/lib/match/names';

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

/** An article or kinship particle and a hyphen just before a name ("al-", "El-", "bin-"). */
const PARTICLE_BEFORE = /(?:^|[^\p{L}])((?:al|el|ad|an|ar|as|ash|at|az|ed|er|es|et|ez|ul|il|bin|ibn|abu|abd|abdul)[-\u2010\u2011])$/iu;

const LETTER = /\p{L}/u;
const UPPER = /\p{Lu}/u;
const LOWER = /\p{Ll}/u;


interface Word {
  start: number;
  end: number;
  text: string;
}

const isSpace = (c: string | undefined) => c === ' ' || c === '\u00a0' || c === '\t';
const isWordChar = (c: string | undefined) => c !== undefined && /[\p{L}\p{N}.'’\u2011-]/u.test(c);

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

const capitalised = (word: string) => UPPER.test(word[0] ?? '');
/** A capitalised word that can be part of a name: "Britain-based" and "pro-Assad" are adjectives, not names. */
const nameWord = (word: string) => capitalised(word) && word.split(/[-\u2011]/).every((part) => part === '' || capitalised(part) || /^(?:al|el|ad|an|ar|as|at|az|ash|bin|ibn|bint|abu|abd|ul|il)$/.test(part));
/** Without a trailing full stop or possessive, lower-cased: how the word is looked up in the lists. */
const bare = (word: string) => word.replace(/['’]s$/u, '').replace(/\.+$/, '').toLowerCase();
const isAcronym = (word: string) => {
  const letters = [...word].filter((c) => LETTER.test(c));
  return letters.length >= 2 && letters.every((c) => UPPER.test(c));
};

/** Whether a sentence (or a headline, a list item, a quote) starts at `at`: nothing but punctuation before it. */
export function startsSentence(text: string, at: number): boolean {
  let p = at;
  while (p > 0 && /[\s"“‘'(\[«]/u.test(text[p - 1]!)) {
    if (text[p - 1] === '\n') return true;
    p--;
  }
  if (p === 0) return true;
  return /[.!?:;•|—–-]/u.test(text[p - 1]!);
}

/** A word ending in a full stop that is not an abbreviation ("Syria." but not "Gen." or "U.N."): a sentence ended. */
function endsSentence(word: string): boolean {
  if (!word.endsWith('.')) return false;
  return !TITLES.has(bare(word)) && !/^(?:\p{L}\.)+$/u.test(word) && !/^(?:st|no|jr|sr|inc|co|corp|ltd|vs)\.$/i.test(word);
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
  const particle = PARTICLE_BEFORE.exec(text.slice(Math.max(0, start - 8), start));
  if (particle) start -= particle[1]!.length;
  const right = wordAfter(text, end);
  if (right && nameWord(right.text) && !/['’]s$/u.test(right.text) && !qualifies(right.text) && !/^\d/.test(right.text)) {
    // "Syria TV" is a name; "Syria I" is not worth a rule.
    if (right.text.length > 1) return true;
  }
  const left = wordBefore(text, start);
  if (!left || /['’]s$/u.test(left.text) || endsSentence(left.text)) return false;
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
    if (head && nameWord(head.text) && !qualifies(head.text) && !/['’]s$/u.test(head.text) && !startsSentence(text, head.start)) {
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
  if (/\.["”’')\]]*\s*$/u.test(block)) return false;
  const words = block.match(/\p{L}[\p{L}'’-]*/gu) ?? [];
  const long = words.filter((w) => w.length >= 4);
  if (long.length >= 3 && long.filter((w) => UPPER.test(w[0]!)).length / long.length >= 0.75) return true;
  const letters = [...block].filter((c) => LETTER.test(c));
  if (letters.length >= 8 && letters.filter((c) => LOWER.test(c)).length / letters.length < 0.2) return true;
  return false;
}
