// The figure reader: numbers in running text, with their hedge ("more than"), unit ("people") and what they count
// ("people killed"). It runs in the content script on every news page and in the dataset builder on the source
// documents, so a page figure and a reference figure are read by the very same rules and compare field by field.
//
// Budget: no dependencies, a few KB, linear in the text. One global regex finds number-ish tokens; each hit then
// looks at a bounded window (about 160 characters) around it, so a 200,000-word page costs one regex pass plus a
// constant per number.
//
// Numbers are found by ./numbers.ts, in the page's language: "4m", "70k", "2.5bn", "two and a half", "2½", and
// "70.000" or "60 000" as thousands on a European page. What a figure covers in time, where, and whom the text
// credits are read from its sentence by ./time.ts, ./place.ts and ./attribution.ts, on demand.
//
// Deliberate decisions (tests in tests/unit/figures pin each of them):
// - Vague quantities ("hundreds of", "thousands of", "dozens of", "tens of thousands") are NOT figures: they carry
//   no value a reader could check against the reference, and reading them as 100 or 1,000 would make the matcher
//   report a disagreement that the text never states. "a dozen" / "two dozen" are figures (12, 24).
// - Years (2011), dates ("March 15", "15 March"), times ("10:30", "3 p.m."), ordinals ("15th", "third"),
//   identifiers ("G20", "COVID-19") and phone-like digit runs ("020 7946 0000", "555-1234") are skipped.
// - A number written in words ("two", "one") is only returned when it has a unit or a counted thing: "one of them"
//   is not a figure. Numbers in digits are always returned, with `counts` undefined when the context does not say.
// - "nearly" / "almost" / "as many as" read as 'up to' (the value is an upper bound); "over" as 'more than';
//   "no fewer than" as 'at least'; "less than" as 'fewer than'; "some" keeps its own qualifier; "about", "around",
//   "roughly", "approximately", "an estimated", "a dozen" read as 'about'.
import type { Qualifier } from '../reference/types';
import type { FigureReading } from './types';
import type { Counts } from './vocabulary';
import { numberPattern, numberStyle, readNumberMatch } from './numbers';
import { MONTH_BEFORE_RE, monthFollows, SPACE, SPACE_CHARS } from './months';
import { holdsWord, wordTrie } from './word-cues';

export type { FigureReading } from './types';
export { shiftReading } from './shift';

const QUALIFIER_RE = new RegExp(
  `(?:^|[^\\w])(more than|over|in excess of|upwards of|at least|no fewer than|no less than|a minimum of|up to|as many as|` +
    `nearly|almost|close to|just under|at most|no more than|a maximum of|fewer than|less than|some|about|around|roughly|` +
    `approximately|an estimated|estimated)${SPACE}$`,
  'i',
);
/** The last words of QUALIFIER_RE's phrases: a number after any other word has no hedge, and the expression is not run. */
const QUALIFIER_LAST = ['than', 'over', 'of', 'least', 'to', 'as', 'nearly', 'almost', 'under', 'most', 'some', 'about', 'around', 'roughly', 'approximately', 'estimated'];

/**
 * Whether text[from, to) ends with spaces after ASCII letters that end with one of QUALIFIER_LAST: what every match
 * of QUALIFIER_RE in it ends with (without the u flag, its case-insensitive letters match only ASCII letters).
 */
function mayEndWithQualifier(text: string, from: number, to: number): boolean {
  let i = to;
  while (i > from && SPACE_CHARS.includes(text[i - 1]!)) i--;
  if (i === to) return false;
  let j = i;
  while (j > from && startsWithAsciiLetter(text[j - 1]!)) j--;
  if (j === i) return false;
  const word = text.slice(j, i).toLowerCase();
  return QUALIFIER_LAST.some((w) => word.endsWith(w));
}

const QUALIFIERS: Record<string, Qualifier> = {
  'more than': 'more than', over: 'more than', 'in excess of': 'more than', 'upwards of': 'more than',
  'at least': 'at least', 'no fewer than': 'at least', 'no less than': 'at least', 'a minimum of': 'at least',
  'up to': 'up to', 'as many as': 'up to', nearly: 'up to', almost: 'up to', 'close to': 'up to', 'just under': 'up to',
  'at most': 'at most', 'no more than': 'at most', 'a maximum of': 'at most',
  'fewer than': 'fewer than', 'less than': 'fewer than',
  some: 'some',
  about: 'about', around: 'about', roughly: 'about', approximately: 'about', 'an estimated': 'about', estimated: 'about',
};

/** Unit words (singular and plural) → canonical unit. */
const UNITS: Record<string, string> = {};
function unit(canonical: string, ...forms: string[]): void {
  for (const form of [canonical, ...forms]) UNITS[form] = canonical;
}
unit('people', 'person', 'persons', 'syrians', 'individuals', 'individual');
unit('civilians', 'civilian');
unit('children', 'child', 'kids');
unit('women', 'woman');
unit('men', 'man');
unit('fighters', 'fighter', 'rebels', 'rebel', 'militants', 'militant', 'insurgents', 'jihadists');
unit('soldiers', 'soldier', 'troops', 'policemen', 'officers', 'officer');
unit('members', 'member');
unit('officials', 'official', 'ministers', 'minister', 'aides', 'lieutenants');
unit('generals', 'general');
unit('leaders', 'leader');
unit('observers', 'observer', 'monitors', 'monitor');
unit('refugees', 'refugee');
unit('defectors', 'defector');
unit('families', 'family');
unit('protesters', 'protester', 'demonstrators', 'demonstrator');
unit('journalists', 'journalist');
unit('residents', 'resident', 'inhabitants');
unit('bombs', 'bomb', 'bomblets', 'munitions', 'shells', 'shell', 'rockets', 'rocket', 'missiles', 'missile');
unit('strikes', 'strike', 'airstrikes', 'airstrike', 'raids', 'raid', 'attacks', 'attack');
unit('locations', 'location', 'sites', 'site', 'places');
unit('videos', 'video', 'clips');
unit('tons', 'ton', 'tonnes', 'tonne');
unit('kilograms', 'kilogram', 'kg', 'kilos', 'kilo');
unit('pounds', 'pound', 'lbs');
unit('kilometers', 'kilometer', 'kilometres', 'kilometre', 'km', 'miles', 'mile');
unit('hours', 'hour');
unit('days', 'day');
unit('weeks', 'week');
unit('months', 'month');
unit('years', 'year');
unit('points', 'point');
unit('percent', 'per cent');
unit('dollars', 'dollar');

const TIME_UNITS = new Set(['hours', 'days', 'weeks', 'months', 'years']);
const TIME_AFTER_RE = /^[ \u00a0]*(?:[ap]\.?m\.?(?![a-z])|gmt\b|utc\b|o['’]clock\b)/i;

/** Words that end the search for a unit: the number is then the subject or object of what follows. */
const STOP = new Set([
  'of', 'in', 'at', 'on', 'to', 'from', 'by', 'for', 'with', 'into', 'across', 'near', 'since', 'during', 'after', 'before',
  'the', 'a', 'an', 'and', 'or', 'but', 'as', 'than', 'that', 'this', 'these', 'those', 'who', 'which', 'whom', 'were', 'was',
  'are', 'is', 'be', 'been', 'have', 'has', 'had', 'will', 'would', 'could', 'may', 'might', 'said', 'says', 'per', 'its', 'their',
  'his', 'her', 'our', 'them', 'they', 'it', 'he', 'she', 'we', 'you', 'i', 'not', 'no', 'so', 'if', 'when', 'where', 'while',
]);

type Action = 'killed' | 'wounded' | 'displaced' | 'fled' | 'detained' | 'defected' | 'dropped';
const ACTIONS: Record<string, Action> = {};
function action(kind: Action, ...words: string[]): void {
  for (const w of words) ACTIONS[w] = kind;
}
action('killed', 'killed', 'kill', 'kills', 'killing', 'dead', 'died', 'die', 'dying', 'deaths', 'death', 'slain', 'massacred', 'perished', 'toll', 'lives');
action('wounded', 'wounded', 'injured', 'injuring', 'wounding', 'hurt');
action('displaced', 'displaced', 'displacing', 'displacement', 'uprooted', 'homeless');
action('fled', 'fled', 'flee', 'flees', 'fleeing', 'escaped', 'evacuated');
action('detained', 'detained', 'arrested', 'imprisoned', 'jailed', 'abducted', 'kidnapped');
action('defected', 'defected', 'defect', 'defecting', 'defections', 'deserted');
action('dropped', 'dropped', 'dropping', 'drop', 'fired', 'launched');
/** "left the city", "crossed into Lebanon", "crossed the border": leaving, read as fleeing. */
const LEAVING = new Set(['left', 'leave', 'leaving', 'crossed', 'crossing']);
const LEAVING_OBJECT_RE = /^(?:the|their|his|her|its|into|over)$/;

/** "including two women", "among them five children", "and five children": the count continues the last one. */
const CONTINUATION = new Set(['including', 'includes', 'included', 'among', 'and', 'plus']);
const CONFLICT_WORD_LIST = ['conflict', 'war', 'uprising', 'revolt', 'revolution', 'crisis', 'fighting', 'rebellion', 'insurgency', 'civil', 'unrest', 'siege', 'bloodshed', 'violence'];
const MISSION_WORD_LIST = ['mission', 'ceasefire', 'truce', 'deployment', 'mandate'];
const CONFLICT_WORDS = new RegExp(`^(?:${CONFLICT_WORD_LIST.join('|')})$`);
const MISSION_WORDS = new RegExp(`^(?:${MISSION_WORD_LIST.join('|')})$`);
const PLAN_WORD_LIST = ['plan', 'peace', 'initiative', 'proposal'];
const PLAN_WORDS = new RegExp(`^(?:${PLAN_WORD_LIST.join('|')})$`);
const EXPLOSIVE_WORDS = /^(?:explosives?|tnt)$/;

const PEOPLE_KILLED: Record<string, Counts> = {
  people: 'people killed', civilians: 'civilians killed', fighters: 'fighters killed', soldiers: 'soldiers killed',
  children: 'children killed', women: 'women killed', men: 'people killed', members: 'officials killed',
  officials: 'officials killed', generals: 'officials killed', refugees: 'people killed', residents: 'people killed',
  protesters: 'people killed', journalists: 'people killed',
  families: 'people killed', '': 'people killed',
};
const UNIT_WORDS = new Set(Object.values(UNITS));
const PEOPLE_UNITS = new Set(Object.keys(PEOPLE_KILLED).filter(Boolean).concat('defectors', 'observers', 'leaders'));

interface Token {
  /** Lower-cased word, or the punctuation character itself. */
  word: string;
  raw: string;
  start: number;
  end: number;
}

// Dotted abbreviations ("U.N.") are one token, so their full stops do not end a clause.
const TOKEN_RE = /(?:[A-Za-z]\.){2,}|[A-Za-z][A-Za-z'’]*(?:-[A-Za-z]+)*|\d[\d,.]*|[.,;:!?()"“”\u2013\u2014]/g;
const CLAUSE_END = new Set(['.', ';', ':', '!', '?', '(', ')', '"', '“', '”', '\u2013', '\u2014']);

/** Tokens in text[from, to), absolute offsets; only the first `limit` when given (a prefix of the full list). */
function tokens(text: string, from: number, to: number, limit = Infinity): Token[] {
  const slice = text.slice(from, to);
  const out: Token[] = [];
  TOKEN_RE.lastIndex = 0;
  for (let m = TOKEN_RE.exec(slice); m; m = out.length < limit ? TOKEN_RE.exec(slice) : null) {
    out.push({ word: m[0].toLowerCase(), raw: m[0], start: from + m.index, end: from + m.index + m[0].length });
  }
  return out;
}

/**
 * The last `count` tokens of text[from, to) that end by `phraseStart` (all of them when there are fewer).
 *
 * Tokenising the whole window before every number was most of the reader's cost, and only the last few tokens
 * are read. No token contains a space, so tokenising from a space inside the window yields exactly the window's
 * tokens that start after it: try from a space shortly before the phrase, and widen to the whole window only
 * when that does not hold `count` tokens.
 */
function lastTokensBefore(text: string, from: number, to: number, phraseStart: number, count: number): Token[] {
  const space = text.lastIndexOf(' ', Math.max(from, phraseStart - NEAR_BEFORE));
  if (space >= from) {
    const near = tokens(text, space, to).filter((t) => t.end <= phraseStart);
    if (near.length >= count) return near.slice(-count);
  }
  return tokens(text, from, to).filter((t) => t.end <= phraseStart).slice(-count);
}

function isLetter(ch: string | undefined): boolean {
  if (ch === undefined) return false;
  const c = ch.charCodeAt(0);
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 0xc0 && c <= 0x24f);
}
function isDigit(ch: string | undefined): boolean {
  return ch !== undefined && ch >= '0' && ch <= '9';
}

// Character tests for the per-token checks below: the reader runs them on every token around every number, where
// a RegExp call each cost more than the rest of the work.

/** Whether text[from, to) is one or more spaces (ordinary or no-break): /^[ \u00a0]+$/. */
function onlySpaces(text: string, from: number, to: number): boolean {
  if (from >= to) return false;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c !== 0x20 && c !== 0xa0) return false;
  }
  return true;
}

/** Whether `word` ends in a possessive "'s" or "’s". */
function hasPossessive(word: string): boolean {
  const n = word.length;
  if (n < 2 || word.charCodeAt(n - 1) !== 0x73) return false;
  const apostrophe = word.charCodeAt(n - 2);
  return apostrophe === 0x27 || apostrophe === 0x2019;
}

/** `word` without a possessive ending: "country's" → "country". */
const withoutPossessive = (word: string) => (hasPossessive(word) ? word.slice(0, -2) : word);

const startsWithAsciiLetter = (word: string) => {
  const c = word.charCodeAt(0);
  return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
};

/** Why a digit token is not a figure (year, date, time, identifier, phone number), or undefined when it may be one. */
function digitTokenIsNotAFigure(text: string, start: number, end: number, digits: string, hasScale: boolean): boolean {
  const before = text[start - 1];
  const before2 = text[start - 2];
  if (isLetter(before) || isDigit(before) || before === '_' || before === '#' || before === '+') return true; // G20, #3, +44
  if ((before === '-' || before === '/' || before === ':' || before === '.') && (isDigit(before2) || isLetter(before2))) return true; // COVID-19, 555-1234, 3/15
  const after = text[end];
  if (!hasScale) {
    if (isLetter(after)) return true; // 15th, 4m, 10am
    if ((after === '-' || after === '/' || after === ':' || after === '.') && isDigit(text[end + 1])) return true; // 10:30, 1-2, 3/15
    if (/^[ \u00a0]\d{3}/.test(text.slice(end, end + 4))) return true; // 020 7946 0000
    if (digits.length > 1 && digits.startsWith('0') && !/^0[.,]/.test(digits)) return true; // 020, 007
    if (TIME_AFTER_RE.test(text.slice(end, end + 8))) return true; // 3 p.m.
    if (/^(?:[1-9]|[12]\d|3[01])$/.test(digits)) {
      if (MONTH_BEFORE_RE.test(text.slice(Math.max(0, start - 12), start))) return true; // March 15
      const after14 = text.slice(end, end + 14);
      if (monthFollows(after14)) return true; // 15 March
    }
  }
  return false;
}

interface UnitFound {
  unit: string;
  end: number;
  /** Words between the number and the unit ("cluster", "amateur", "national", "rebel"). */
  modifiers: string[];
  /** Index in `after` of the first token after the unit. */
  next: number;
}

/** Whether spaces and then "p" or "P" follow `at` (a cheap test before looking for "per cent"). */
function followedByP(text: string, at: number): boolean {
  let i = at;
  while (i < text.length && (text.charCodeAt(i) === 0x20 || text.charCodeAt(i) === 0xa0)) i++;
  return i > at && (text.charCodeAt(i) | 0x20) === 0x70;
}

/** The unit after a number: "-month", "%", or the first unit word within three words ("300 unarmed observers"). */
function findUnit(text: string, numberEnd: number, after: Token[], allowUnknown: boolean): UnitFound | undefined {
  const hyphen = text.charCodeAt(numberEnd) === 0x2d ? /^-([A-Za-z]+)(-old)?/.exec(text.slice(numberEnd, numberEnd + 24)) : null;
  if (hyphen) {
    const u = UNITS[hyphen[1]!.toLowerCase()];
    const end = numberEnd + hyphen[0].length;
    if (u) return { unit: u, end, modifiers: [], next: after.findIndex((t) => t.start >= end) };
  }
  if (text[numberEnd] === '%') return { unit: 'percent', end: numberEnd + 1, modifiers: [], next: after.findIndex((t) => t.start > numberEnd) };
  if (followedByP(text, numberEnd) && /^[ \u00a0]+per[ \u00a0]?cent\b/i.test(text.slice(numberEnd, numberEnd + 12))) {
    const m = /^[ \u00a0]+per[ \u00a0]?cent/i.exec(text.slice(numberEnd))!;
    const end = numberEnd + m[0].length;
    return { unit: 'percent', end, modifiers: [], next: after.findIndex((t) => t.start >= end) };
  }
  const modifiers: string[] = [];
  for (let i = 0; i < after.length && i < 4; i++) {
    const t = after[i]!;
    // Only spaces may separate the number from its unit words: a comma or full stop ends the phrase.
    if (!onlySpaces(text, i === 0 ? numberEnd : after[i - 1]!.end, t.start)) break;
    const word = withoutPossessive(t.word);
    const u = UNITS[word];
    if (u) {
      // English puts the head noun last: "rebel fighters", "shell attacks". Prefer a unit word that follows.
      const next = after[i + 1];
      const nextUnit = next && onlySpaces(text, t.end, next.start) ? UNITS[withoutPossessive(next.word)] : undefined;
      if (next && nextUnit) return { unit: nextUnit, end: next.end, modifiers: [...modifiers, word], next: i + 2 };
      return { unit: u, end: t.end, modifiers, next: i + 1 };
    }
    if (STOP.has(word) || ACTIONS[word] || !startsWithAsciiLetter(word)) break;
    modifiers.push(word);
  }
  // An unknown plural noun right after a number in digits ("3 hostages", "40 tanks") is still a unit. Not after a
  // number in words: "the two sides" is an idiom far more often than a count.
  const first = after[0];
  if (allowUnknown && first && onlySpaces(text, numberEnd, first.start) && /^[a-z]{3,}s$/.test(first.raw) && !STOP.has(first.word) && !ACTIONS[first.word]) {
    return { unit: first.word, end: first.end, modifiers: [], next: 1 };
  }
  return undefined;
}

/** The first action word in `words`, reading "left the city" / "crossed into" as fleeing. */
function actionIn(words: Token[]): Action | undefined {
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!.word;
    if (CLAUSE_END.has(w) || w === ',' || isDigit(w[0])) return undefined;
    // "destroyed 80 homes and killed 12": a verb after "and" belongs to the sentence's subject, not to this number.
    if ((w === 'and' || w === 'but') && ACTIONS[words[i + 1]?.word ?? '']) return undefined;
    const a = ACTIONS[w];
    if (a) return a;
    if (LEAVING.has(w) && LEAVING_OBJECT_RE.test(words[i + 1]?.word ?? '')) return 'fled';
    // "forced from their homes", "driven out": made to leave, which is displacement.
    if ((w === 'forced' || w === 'driven') && /^(?:from|out)$/.test(words[i + 1]?.word ?? '')) return 'displaced';
  }
  return undefined;
}

function countsFor(
  unitName: string,
  act: Action | undefined,
  modifiers: string[],
  following: string[],
  possessivePlace: boolean,
  preceding: readonly Token[],
): Counts | undefined {
  const near = (re: RegExp, n = 4): boolean => following.slice(0, n).some((w) => re.test(w));
  // "the country's 22 million people", "Aleppo's 2 million residents", "a population of 22 million": everyone
  // living there, unless a verb says something happened to them ("Aleppo's 300 people killed").
  if (possessivePlace && !act && (unitName === 'people' || unitName === '' || unitName === 'residents')) return 'population';
  if ((unitName === 'people' || unitName === 'residents' || unitName === '') && near(/^(?:population|inhabitants)$/, 2)) return 'population';
  switch (unitName) {
    case 'bombs':
      if (modifiers.includes('cluster')) return 'cluster bombs dropped';
      return act === 'dropped' ? 'bombs dropped' : undefined;
    case 'locations':
      return 'locations';
    case 'videos':
      return modifiers.some((m) => m === 'amateur' || m === 'activist') ? 'amateur videos' : 'videos';
    case 'observers':
      return 'observers';
    case 'strikes':
      return 'strikes';
    case 'tons':
    case 'kilograms':
    case 'pounds':
      return near(EXPLOSIVE_WORDS) ? 'explosives' : undefined;
    case 'points':
      return near(PLAN_WORDS, 3) ? 'peace plan points' : undefined;
    case 'leaders':
      return modifiers.some((m) => /^(?:national|world|eu|e\.u\.|european|arab)$/.test(m)) ? 'national leaders' : undefined;
    case 'defectors':
      return 'defectors';
  }
  if (TIME_UNITS.has(unitName)) {
    const before = preceding.map((t) => t.word);
    // "the first two years of the conflict", "the past six months of war": a stretch of it, not its age.
    if (/^(?:first|last|past|next|previous|initial|opening|final|early|later)$/.test(before[before.length - 1] ?? '')) return undefined;
    // A conflict is months or years old; "three days of fighting" is an episode of it.
    const ofConflict = unitName === 'months' || unitName === 'years';
    if (ofConflict && near(CONFLICT_WORDS, 3)) return 'conflict duration';
    // "since the violence began 16 months ago".
    if (ofConflict && following[0] === 'ago' && before.some((w) => CONFLICT_WORDS.test(w)) && before.some((w) => /^(?:began|started|erupted|broke)$/.test(w))) return 'conflict duration';
    if (near(MISSION_WORDS, 3)) return 'mission duration';
    return undefined;
  }
  // A unit the lexicon does not know ("3 hostages") takes its meaning from the verb: people die, are wounded, flee.
  if (unitName !== '' && !PEOPLE_UNITS.has(unitName) && (act === undefined || act === 'dropped' || act === 'defected' || UNIT_WORDS.has(unitName))) return undefined;
  switch (act) {
    case 'killed':
      return PEOPLE_KILLED[unitName] ?? 'people killed';
    case 'wounded':
      return 'people wounded';
    case 'detained':
      return 'people detained';
    case 'displaced':
      return 'people displaced';
    case 'fled':
      if (unitName === 'generals') return 'generals defected';
      return unitName === 'refugees' ? 'refugees' : 'people fled';
    case 'defected':
      if (unitName === 'generals') return 'generals defected';
      return unitName === 'soldiers' ? 'soldiers defected' : 'defectors';
    default:
      return unitName === 'refugees' ? 'refugees' : undefined;
  }
}

// Windows around a number: enough for eight words before it ("the death toll in the country's two-year conflict
// has passed") and seven after its unit, small enough to keep the cost per number constant.
const BEFORE = 90;
const AFTER = 120;
// What the phrase rules read of those windows, in tokens: the last eight before the phrase (the verb before it,
// "death toll" a few words back), and seven after its unit (the verb after it, "population", "conflict").
const BEFORE_TOKENS = 8;
const AFTER_UNIT_TOKENS = 7;
/** Tokens read after a number at first: the unit search plus AFTER_UNIT_TOKENS, for a unit within three tokens. */
const AFTER_TOKENS = 10;
/** Where the search for BEFORE_TOKENS tokens starts, in characters before the phrase (see lastTokensBefore). */
const NEAR_BEFORE = 60;

/** How far after the count before it (its end) a number's phrase may start and still continue its action. */
const CONTINUATION_REACH = 120;

/** Whether `text` holds a sentence or clause stop (. ! ? ;) between `from` and `to`: what a continuation may not cross. */
function stopBetween(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x2e || c === 0x21 || c === 0x3f || c === 0x3b) return true;
  }
  return false;
}

/**
 * Whether a number at `numberStart` may continue the action of the count before it, which ends at `previousEnd`: its
 * phrase (which starts at most BEFORE before the number: a hedge, a currency sign) may start within
 * CONTINUATION_REACH of it with no stop between. When it cannot, a number near no count cue is skipped unread even
 * after a count with an action: it would have no action of its own, no count, and would only clear the action for the
 * next number, which is further still and cannot continue it either.
 */
function mayContinue(text: string, previousEnd: number, numberStart: number): boolean {
  const phraseFrom = numberStart - BEFORE;
  return phraseFrom - previousEnd < CONTINUATION_REACH && !stopBetween(text, previousEnd, phraseFrom);
}

/** "$3.5 billion": a sign before the number is the unit. */
const CURRENCIES: Record<string, string> = { $: 'dollars', '€': 'euros', '£': 'pounds sterling' };

const IMPLIED_UNIT: Partial<Record<Counts, string>> = {
  'people killed': 'people', 'people wounded': 'people', 'people detained': 'people', 'people displaced': 'people',
  'people fled': 'people', population: 'people', defectors: 'defectors',
};

export interface ReadOptions {
  /** The page's language (BCP 47, from the document): how it writes thousands and decimals (./numbers.ts). */
  lang?: string;
  /**
   * Only the figures that say what they count (`counts`): what the matcher compares. The reader then skips, before
   * reading it, a number near none of the words a count is read from (COUNT_CUES); the result is exactly the full
   * reading's figures that have `counts`.
   */
  countedOnly?: boolean;
}

/**
 * Every word a count can be read from (countsFor): what happened (ACTIONS, leaving, "forced from"), the units that
 * are counts by themselves or with one fixed word, the words that make a population, and those that make a stretch
 * of time a conflict's or a mission's age. A number whose windows (BEFORE, AFTER) hold none of them, nor a
 * possessive ("Aleppo's"), has no action and no count, and sets no action for the next number to continue: skipping
 * it changes nothing that has a count (tests/unit/figures/read-counted.test.ts reads every text both ways).
 */
const COUNT_CUES = [
  ...Object.keys(ACTIONS),
  ...LEAVING,
  'forced',
  'driven',
  ...Object.keys(UNITS).filter((form) => /^(?:locations|videos|observers|strikes|defectors|refugees|leaders)$/.test(UNITS[form]!)),
  // Points count only as a plan's, with one of these words after them.
  ...PLAN_WORD_LIST,
  'cluster',
  'explosive',
  'explosives',
  'tnt',
  'population',
  'populace',
  'inhabitants',
  ...CONFLICT_WORD_LIST,
  ...MISSION_WORD_LIST,
];
const COUNT_CUE_TRIE = wordTrie(COUNT_CUES);

/** Every numeric figure in `text`, in document order, with offsets into `text`. */
export function readFigures(text: string, options: ReadOptions = {}): FigureReading[] {
  const readings: FigureReading[] = [];
  let previous: { end: number; action: Action | undefined } | undefined;
  const style = numberStyle(options.lang);
  const numbers = numberPattern(style);
  const countedOnly = options.countedOnly === true;
  numbers.lastIndex = 0;
  for (let m = numbers.exec(text); m; m = numbers.exec(text)) {
    const numberStart = m.index;
    const numberEnd = m.index + m[0].length;
    // No count can be read here, and the number before has no action this one could continue (see COUNT_CUES).
    if (
      countedOnly &&
      !(previous?.action && mayContinue(text, previous.end, numberStart)) &&
      !holdsWord(COUNT_CUE_TRIE, text, Math.max(0, numberStart - BEFORE), numberStart) &&
      !holdsWord(COUNT_CUE_TRIE, text, numberEnd, Math.min(text.length, numberEnd + AFTER))
    ) {
      continue;
    }
    const number = readNumberMatch(m, text, style);
    if (!number) continue;
    const { value, inWords, digits } = number;
    if (digits) {
      if (digitTokenIsNotAFigure(text, numberStart, digits.end, digits.text, number.scaled || digits.end < numberEnd)) continue;
    } else if (m.groups!.w !== undefined) {
      // A number word hyphenated onto the word before it ("no-one") is part of that word; one run straight into
      // letters after it is not a number either.
      if (isLetter(text[numberEnd]) || text[numberStart - 1] === '-') continue;
    }
    if (!Number.isFinite(value)) continue;

    const afterEnd = Math.min(text.length, numberEnd + AFTER);
    // Most numbers need only the first few tokens after them (see AFTER_TOKENS); the rest are read on demand.
    let after = tokens(text, numberEnd, afterEnd, AFTER_TOKENS);

    // Qualifier: a hedge phrase that ends right before the number. "a dozen" is itself approximate.
    let qualifier: Qualifier = number.dozen ? 'about' : 'exact';
    // A currency sign is part of the phrase and is its unit: "more than $3.5 billion".
    const currency = inWords ? undefined : CURRENCIES[text[numberStart - 1] ?? ''];
    const signStart = currency ? numberStart - 1 : numberStart;
    let start = signStart;
    const q = mayEndWithQualifier(text, Math.max(0, signStart - 24), signStart) ? QUALIFIER_RE.exec(text.slice(Math.max(0, signStart - 24), signStart)) : null;
    if (q) {
      qualifier = QUALIFIERS[q[1]!.toLowerCase()]!;
      // q[0] may begin with the one non-word character that bounds the hedge ("(more than"); skip it.
      start = signStart - q[0].length + (/^[^\w]/.test(q[0]) ? 1 : 0);
    }

    let found = currency ? undefined : findUnit(text, numberEnd, after, !inWords);
    if (after.length === AFTER_TOKENS && found && (found.next < 0 || found.next + AFTER_UNIT_TOKENS > AFTER_TOKENS)) {
      // The unit ends beyond the tokens read: read the whole window, as the rest of the phrase needs it.
      after = tokens(text, numberEnd, afterEnd);
      found = findUnit(text, numberEnd, after, !inWords);
    }
    // Years: a bare four-digit number in the range of years, unless a unit says otherwise ("2000 people").
    if (digits && !currency && !number.scaled && digits.end === numberEnd && /^\d{4}$/.test(digits.text) && value >= 1000 && value <= 2100 && !found) continue;

    const unitName = currency ?? found?.unit ?? '';
    const end = found?.end ?? numberEnd;
    const afterUnit = found ? after.slice(Math.max(found.next, 0)) : after;
    const beforeInPhrase = lastTokensBefore(text, Math.max(0, numberStart - BEFORE), numberStart, start, BEFORE_TOKENS);
    const justBefore = beforeInPhrase[beforeInPhrase.length - 1];
    const beforeOf = beforeInPhrase[beforeInPhrase.length - 2];
    const possessivePlace =
      (hasPossessive(justBefore?.raw ?? '') && /^(?:[A-Z][\w-]*|country|nation|city|town|region|province|capital)['’]s$/.test(justBefore!.raw)) ||
      (justBefore?.word === 'of' && (beforeOf?.word === 'population' || beforeOf?.word === 'populace'));

    // What happened to them: the verb right before the phrase ("killed some 70,000 people"), else the first verb of
    // the clause after it ("50 people were killed"), else the count continues the previous one in the same sentence
    // ("killed 11 civilians, including two women and five children").
    let act: Action | undefined;
    if (justBefore) {
      act = ACTIONS[justBefore.word];
      // "the death toll rose to 60,000", "death toll tops 60,000": the count is of the dead, a few words back.
      if (!act) {
        // Back from the phrase to the last clause end: no array made for a check that runs for most numbers.
        for (let i = beforeInPhrase.length - 1; i >= Math.max(0, beforeInPhrase.length - BEFORE_TOKENS); i--) {
          const word = beforeInPhrase[i]!.word;
          if (CLAUSE_END.has(word) || word === ',') break;
          if (word === 'toll') {
            act = 'killed';
            break;
          }
        }
      }
    }
    if (!act) act = actionIn(afterUnit.slice(0, AFTER_UNIT_TOKENS));
    if (
      !act &&
      previous?.action &&
      justBefore &&
      // "including two women", "among them", and a comparison with the count before: "100,000, up from 93,000".
      (CONTINUATION.has(justBefore.word) || justBefore.word === 'them' || (justBefore.word === 'from' && /^(?:up|down)$/.test(beforeOf?.word ?? ''))) &&
      start - previous.end < CONTINUATION_REACH &&
      !stopBetween(text, previous.end, start)
    ) {
      act = previous.action;
    }

    const following = afterUnit.slice(0, 5).filter((t) => startsWithAsciiLetter(t.word)).map((t) => t.word);
    const counts = countsFor(unitName, act, found?.modifiers ?? [], following, possessivePlace, beforeInPhrase);
    previous = { end, action: act };

    // Words are too common as pronouns and idioms ("one of them", "the two sides") to stand alone.
    if (inWords && !found && !counts) continue;

    const reading: FigureReading = {
      start,
      end,
      numberStart,
      numberEnd,
      value,
      qualifier,
      ...(number.step !== undefined ? { step: number.step } : {}),
      // "60,000 killed": the count is of people even though the text leaves the noun out.
      unit: unitName || (counts ? IMPLIED_UNIT[counts] ?? '' : ''),
      ...(counts ? { counts } : {}),
    };
    if (countedOnly && !counts) continue;
    readings.push(reading);
  }
  return readings;
}
