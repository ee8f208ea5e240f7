// Names in one document, with the evidence for what each is. A name is a run of capitalised words (with the
// particles and connectors names contain: "Bashar al-Assad", "Syrian Observatory for Human Rights"), split where
// a title stands ("Defence Minister | Dawoud Rajha"), at a country inside a run ("White House | Russia"), and
// cleaned of what is not a name (leading "The", demonyms before a person, "anti-", "-based"). Evidence comes from
// the words around a name ("the village of X", "X province", "X fighters", "X, a spokesman"), its own words
// (an organisation's head word, a country), and compromise's tags. Nothing is decided here; the votes are summed
// over every mention in the document set (entities.ts).
import nlp from 'compromise';
import { isCommonWord } from './dictionary';
import { gazetteerPlace, isDemonym } from './gazetteer';
import {
  bare,
  CALENDAR_WORDS,
  COMMON_ABBREVIATIONS,
  EVENT_HEADS,
  CONNECTORS,
  HYPHEN_PARTICLES,
  HYPHEN_PREFIXES,
  HYPHEN_SUFFIXES,
  MEDIA_NOUNS,
  MEMBER_NOUNS,
  NAME_PARTICLES,
  NEVER_NAME_START,
  ORG_DESCRIPTIONS,
  ORG_HEADS,
  ORG_WORDS,
  PLACE_DESCRIPTIONS,
  PLACE_HEADS,
  PLACE_NOUNS_AFTER,
  PLACE_NOUNS_BEFORE,
  PLACE_PREPOSITIONS,
  ROLE_NOUNS,
  SPEECH_VERBS,
  TITLE_CORES,
  TITLE_DOMAINS,
  TITLE_WORDS,
  type PlaceKindHint,
} from './lexicon';
import { endsSentence, isOpener, tokenize, type Token } from './tokens';
import type { EntityType } from '../reference/types';

export type Votes = Record<EntityType, number>;

export interface Candidate {
  doc: string;
  /** Offsets of the name in the document. */
  start: number;
  end: number;
  /** The name as written. */
  text: string;
  /** The name to show: as written, but a shouted dateline ("BEIRUT") in ordinary case. */
  name: string;
  votes: Votes;
  kinds: Partial<Record<PlaceKindHint, number>>;
  /** The title written right before the name and part of its run ("President", "Brig. Gen."), if any. */
  title?: string;
  /** A role noun or title right before the name (written or lower-case: "defence minister Dawoud Rajha"). */
  titled: boolean;
  /** Its first word starts a sentence. */
  sentenceInitial: boolean;
  /** A one-word name that is a common English word ("Shells", "Observatory"). */
  commonWord: boolean;
  /** In a headline or heading set in title case: its capitals say nothing, so it is matched, never discovered. */
  inTitleLine: boolean;
  /** Written in capitals, two to six letters, or with full stops ("UN", "U.N.", "FSA"). */
  acronym: boolean;
  /** Another name in parentheses or after ", or" right after this one: an alias of it ("... Directorate (AFAD)"). */
  alias?: { start: number; end: number; text: string };
  /** Names in one list ("Hatay, Gaziantep and Kilis") share a list id, and so part of their evidence. */
  list?: number;
}

interface Unit {
  text: string;
  start: number;
  end: number;
  /** Lower-case suffix cut off after a hyphen ("based" of "UK-based"). */
  suffix?: string;
  /** Cut from the word before it at a hyphen ("Arab" of "UN-Arab"): a name ends there. */
  cut?: boolean;
  kind: 'word' | 'punct' | 'break' | 'possessive';
}

const UPPER_START = /^\p{Lu}/u;
const PARTICLE_NAME = new RegExp(`^(?:${[...HYPHEN_PARTICLES].join('|')})-\\p{Lu}`, 'u');
const DOTTED = /^(?:\p{L}\.)+$/u;
const ALL_CAPS = /^[\p{Lu}\p{N}&]+$/u;
/** Lower-case nouns after a name that make it an organisation's ("the Baath party"). */
const GROUP_NOUNS = new Set('party movement front brigade brigades militia faction organisation organization group network'.split(' '));
/** Words that end the description after a name (", a spokesman for ...", ", a group which ..."). */
const DESCRIPTION_STOPS = new Set('of for who which that whose in at with from on by and or to since'.split(' '));
/** Function words that only a title of a work capitalises inside a run. */
const TITLE_FUNCTION_WORDS = new Set('a an the this that it its he she they we you his her their our my your of in on at to for from with by into and or but nor as if than so not no is are was were be been'.split(' '));
const BUILDING_NOUNS = new Set('hospital airport prison base compound stadium palace mosque church embassy jail'.split(' '));
const REPORTING_VERBS = new Set('reported reports announced estimated estimates'.split(' '));
const KINSHIP = new Set('brother sister son daughter wife husband father mother uncle aunt cousin nephew niece'.split(' '));

function isAcronym(text: string): boolean {
  if (DOTTED.test(text)) return true;
  const letters = text.replace(/[^\p{L}]/gu, '');
  return letters.length >= 2 && letters.length <= 7 && ALL_CAPS.test(text.replace(/\./g, ''));
}

function isCapWord(u: Unit | undefined): boolean {
  // "A350", "PM2.5", "CMCU3": codes and models, not names; "I" is a pronoun.
  return (
    u?.kind === 'word' &&
    (UPPER_START.test(u.text) || PARTICLE_NAME.test(u.text)) &&
    !/\p{N}/u.test(u.text) &&
    u.text !== 'I' &&
    !/['’](?:re|ll|ve|m|d|t)$/i.test(u.text)
  );
}

function lower(u: Unit | undefined): string {
  return u?.kind === 'word' ? u.text.toLowerCase() : '';
}

/** Joins hyphenated parts that belong together ("al-Assad", "Ki-moon") and cuts those that do not ("UN-Arab", "UK-based"). */
function units(tokens: Token[]): Unit[] {
  const out: Unit[] = [];
  for (let i = 0; i < tokens.length; ) {
    const t = tokens[i]!;
    if (t.kind !== 'word') {
      out.push({ text: t.text, start: t.start, end: t.end, kind: t.kind });
      i++;
      continue;
    }
    const group = [t];
    for (i++; i < tokens.length && tokens[i]!.hyphenBefore; i++) group.push(tokens[i]!);
    while (group.length > 1 && HYPHEN_PREFIXES.has(group[0]!.text.toLowerCase())) group.shift();
    let suffix: string | undefined;
    while (group.length > 1 && HYPHEN_SUFFIXES.has(group[group.length - 1]!.text.toLowerCase())) suffix = group.pop()!.text.toLowerCase();
    let current: Token[] = [group[0]!];
    let cut = false;
    const flush = (last: boolean): void => {
      const s = current[0]!.start;
      const e = current[current.length - 1]!.end;
      out.push({ text: textOf(current), start: s, end: e, kind: 'word', ...(last && suffix ? { suffix } : {}), ...(cut ? { cut } : {}) });
    };
    for (let k = 1; k < group.length; k++) {
      const left = group[k - 1]!.text;
      const right = group[k]!.text;
      const bothCapital = UPPER_START.test(left) && UPPER_START.test(right);
      const separate =
        bothCapital && (isAcronym(left) || isAcronym(right) || !!gazetteerPlace(left) || !!gazetteerPlace(right) || isDemonym(left) || isDemonym(right));
      if (separate) {
        flush(false);
        current = [group[k]!];
        cut = true;
      } else current.push(group[k]!);
    }
    flush(true);
  }
  return out;
}

function textOf(tokens: Token[]): string {
  let s = tokens[0]!.text;
  for (let k = 1; k < tokens.length; k++) s += `-${tokens[k]!.text}`;
  return s;
}

const FUNCTION_WORDS = new Set('a an the of in on at to for and or but by with from as is are was its it into after over vs'.split(' '));

/** A headline or heading in title case ("Manaf Tlass, Top Syrian General, Abandons Assad's Regime"). */
function isTitleCaseLine(words: Unit[], endsWithStop: boolean): boolean {
  if (words.length && /^by$/i.test(words[0]!.text)) return false; // a byline
  // A headline is short and has no full stop at its end; a sentence full of names is not a headline.
  if (endsWithStop || words.length > 20) return false;
  const content = words.filter((w) => !FUNCTION_WORDS.has(w.text.toLowerCase()) && /\p{L}/u.test(w.text));
  if (content.length < 3) return false;
  const capital = content.filter((w) => UPPER_START.test(w.text));
  const commonCapital = capital.filter((w) => isCommonWord(w.text) && !gazetteerPlace(w.text) && !isDemonym(w.text));
  return capital.length >= 0.75 * content.length && commonCapital.length >= 2;
}

interface Run {
  units: Unit[];
  sentenceInitial: boolean;
  before: Unit[];
  after: Unit[];
  titleLine: boolean;
  dateline: boolean;
}

/** One name inside a run, before its evidence is read. */
interface Segment {
  units: Unit[];
  run: Run;
  title?: string;
  /** Units of the run before this segment, after the previous segment (e.g. a title). */
  lead: Unit[];
}

/** "President", "Gen.", "Attorney-General": every part a title word. */
function isTitleWord(u: Unit): boolean {
  return TITLE_WORDS.has(bare(u.text)) || u.text.split('-').every((part) => TITLE_WORDS.has(bare(part)));
}

function isTitleCore(u: Unit): boolean {
  const parts = u.text.split('-');
  return TITLE_CORES.has(bare(u.text)) || (isTitleWord(u) && TITLE_CORES.has(bare(parts[parts.length - 1]!)));
}

function headOf(units: Unit[]): string {
  return lower(units[units.length - 1]);
}

function hasOrgHead(units: Unit[]): boolean {
  return units.some((u) => ORG_HEADS.has(lower(u)));
}

/** Splits a run at titles: "UN Secretary-General Ban Ki-moon" → "UN", title "Secretary-General", "Ban Ki-moon". */
function splitTitles(run: Run): Segment[] {
  const us = run.units;
  const segments: Segment[] = [];
  let from = 0;
  for (let i = 0; i < us.length; i++) {
    // "Office of the Inspector General": a title after "of the" is part of an organisation's name.
    if (!isTitleWord(us[i]!)) continue;
    if (i > from && !isCapWord(us[i - 1]) && CONNECTORS.has(lower(us[i - 1])) && lower(us[i - 1]) !== 'and') {
      while (i + 1 < us.length && isTitleWord(us[i + 1]!)) i++;
      continue;
    }
    // The title phrase: title words, "and" between titles, "of" + what the title governs.
    let j = i;
    let lastCore = -1;
    const places: Unit[][] = [];
    while (j < us.length) {
      const u = us[j]!;
      if (isTitleWord(u)) {
        if (isTitleCore(u)) lastCore = j;
        j++;
        continue;
      }
      if (lower(u) === 'and' && us[j + 1] && isTitleWord(us[j + 1]!)) {
        j++;
        continue;
      }
      if (lower(u) === 'of' && lastCore === j - 1) {
        let k = j + 1;
        if (lower(us[k]) === 'the') k++;
        if (us[k] && TITLE_DOMAINS.has(lower(us[k]))) {
          while (us[k] && (TITLE_DOMAINS.has(lower(us[k])) || lower(us[k]) === 'and')) k++;
          lastCore = k - 1;
          j = k;
          continue;
        }
        if (us[k] && gazetteerPlace(us[k]!.text) && us[k + 1] && isCapWord(us[k + 1])) {
          places.push([us[k]!]);
          lastCore = k;
          j = k + 1;
          continue;
        }
      }
      break;
    }
    if (lastCore < i) continue;
    const rest = us.slice(lastCore + 1);
    // A title closing a run is not part of the name before it ("House of Representatives Speaker").
    if (!rest.length) {
      if (i > from) segments.push({ units: us.slice(from, i), run, lead: [] });
      from = us.length;
      break;
    }
    // "the Chairman of Syrian National Council ...": the title governs an organisation, which follows on its own.
    if (!isCapWord(rest[0]) && CONNECTORS.has(lower(rest[0]))) {
      if (i > from) segments.push({ units: us.slice(from, i), run, lead: [] });
      let k = lastCore + 1;
      while (k < us.length && !isCapWord(us[k])) k++;
      from = k;
      i = k - 1;
      continue;
    }
    // "General Assembly", "Justice Department": a title word that starts an organisation's name.
    if (rest.length && (hasOrgHead(rest) || PLACE_HEADS.has(headOf(rest)))) continue;
    if (i > from) segments.push({ units: us.slice(from, i), run, lead: [] });
    for (const p of places) segments.push({ units: p, run, lead: [] });
    const title = us.slice(i, lastCore + 1);
    const name = [];
    let k = lastCore + 1;
    while (k < us.length && !isTitleWord(us[k]!)) name.push(us[k++]!);
    if (name.length && isCapWord(name[0])) segments.push({ units: name, run, title: titleText(title), lead: title });
    from = k;
    i = k - 1;
  }
  if (from < us.length) segments.push({ units: us.slice(from), run, lead: [] });
  return segments;
}

function titleText(units: Unit[]): string {
  return units.map((u) => u.text).join(' ');
}

/** Splits a segment at a country inside it ("White House Russia adviser" → "White House", "Russia"). */
function splitPlaces(seg: Segment, tags: TermTags): Segment[] {
  const us = seg.units;
  if (us.length < 2 || PLACE_HEADS.has(headOf(us)) || gazetteerPlace(us.map((u) => u.text).join(' '))) return [seg];
  for (let i = 0; i < us.length; i++) {
    for (let n = Math.min(3, us.length - i); n >= 1; n--) {
      if (n === us.length) continue;
      const words = us.slice(i, i + n);
      if (!words.every(isCapWord) || !gazetteerPlace(words.map((u) => u.text).join(' '))) continue;
      if (i > 0 && CONNECTORS.has(lower(us[i - 1])) && lower(us[i - 1]) !== 'and') continue;
      // "Chad Wolf", "Jordan Peterson": a country that is also a given name, before a surname.
      if (i === 0 && n === 1 && isGivenName(us[0]!, tags) && isCapWord(us[1]) && !isCommonWord(us[1]!.text)) continue;
      const rest = us.slice(i + n);
      if (rest.length && (hasOrgHead(rest) || PLACE_HEADS.has(headOf(rest)))) continue;
      const parts: Segment[] = [];
      if (i > 0) parts.push(...splitPlaces({ ...seg, units: us.slice(0, i) }, tags));
      parts.push({ ...seg, units: words, title: undefined, lead: [] });
      if (rest.length) parts.push(...splitPlaces({ ...seg, units: rest, title: undefined, lead: [] }, tags));
      return parts;
    }
  }
  return [seg];
}

function isGivenName(u: Unit, tags: TermTags): boolean {
  return (tags.get(u.start) ?? []).some((t) => t === 'FirstName' || t === 'MaleName' || t === 'FemaleName');
}

/** Splits a person's name from an organisation's written just before it ("European Union Gordon Sondland"). */
function splitAfterHeads(seg: Segment, tags: TermTags): Segment[] {
  const us = seg.units;
  for (let i = 0; i < us.length - 1; i++) {
    const head = lower(us[i]);
    // After a head word, or after common words only ("Public Prosecution Eva-Marie Persson"), a given name and a
    // surname start a person's name.
    const commonSoFar = us.slice(0, i + 1).every((u) => isCommonWord(u.text) && !isGivenName(u, tags));
    if (!(ORG_HEADS.has(head) || PLACE_HEADS.has(head) || (commonSoFar && us.length - (i + 1) >= 2))) continue;
    if (!isGivenName(us[i + 1]!, tags) || !isCapWord(us[i + 2])) continue;
    const rest = splitAfterHeads({ ...seg, units: us.slice(i + 1), title: undefined, lead: [] }, tags);
    // Common words before a person's name without a head word are the end of a title ("of Public Prosecution").
    const isHead = ORG_HEADS.has(head) || PLACE_HEADS.has(head);
    return isHead ? [{ ...seg, units: us.slice(0, i + 1) }, ...rest] : rest;
  }
  return [seg];
}

/**
 * Keeps "of", "for", "and", "the" only inside an organisation's or place's name ("Syrian Observatory for Human
 * Rights", "Disaster and Emergency Management Directorate", "League of Arab States"); elsewhere they separate
 * names ("Homs and Hama").
 */
function splitConnectors(seg: Segment, tags: TermTags): Segment[] {
  const us = seg.units;
  const isHead = (u: Unit | undefined) => ORG_HEADS.has(lower(u)) || PLACE_HEADS.has(lower(u));
  const lastIsHead = isHead(us[us.length - 1]);
  const out: Segment[] = [];
  let from = 0;
  let tail = false; // after a kept "of"/"for" that follows a head: "Coalition for Syrian Revolutionary and Opposition Forces"
  for (let i = 0; i < us.length; i++) {
    const w = lower(us[i]);
    if (!CONNECTORS.has(w) || isCapWord(us[i])) continue;
    const headBefore = us.slice(from, i).some(isHead) || us.slice(from, i).some((u) => ORG_WORDS.has(lower(u)));
    // A head word after the connector holds the words before it only if they are common words, not a name:
    // "Refugees in Towns Project", "Disaster and Emergency Management Directorate", but not "Brian Batko of the
    // Pittsburgh Post-Gazette" or "San Francisco Bay Area and Los Angeles County".
    const commonBefore = us.slice(from, i).every((u) => !isCapWord(u) || isCommonWord(u.text) || isDemonym(u.text));
    let keep: boolean;
    if (w === 'the') keep = i > from && CONNECTORS.has(lower(us[i - 1])) && lower(us[i - 1]) !== 'the';
    else if (w === 'and') keep = (tail && !(us[i + 1] && isGivenName(us[i + 1]!, tags))) || (lastIsHead && !us.slice(from, i).some(isHead) && commonBefore);
    // "in"/"on" after a head start a place or date ("Hospital in Aberdeen"); only a head after them holds them.
    else if (w === 'in' || w === 'on') keep = lastIsHead && commonBefore;
    else keep = headBefore || (lastIsHead && commonBefore);
    if (keep) {
      if (w !== 'and' && w !== 'the' && headBefore) tail = true;
      continue;
    }
    if (i > from) out.push({ ...seg, units: us.slice(from, i), ...(from > 0 ? { title: undefined, lead: [] } : {}) });
    from = i + 1;
    tail = false;
  }
  if (from < us.length) out.push({ ...seg, units: us.slice(from), ...(from > 0 ? { title: undefined, lead: [] } : {}) });
  return out;
}

/** Drops what is not part of a name from a segment's ends: "The", particles and connectors, demonyms before a person. */
function trim(seg: Segment, tags: TermTags): Segment | undefined {
  let us = seg.units;
  while (us.length && us[1]?.kind !== 'possessive' && (!isCapWord(us[0]) || NEVER_NAME_START.has(lower(us[0])) || CALENDAR_WORDS.has(bare(us[0]!.text)))) us = us.slice(1);
  while (us.length && (!isCapWord(us[us.length - 1]) || CALENDAR_WORDS.has(bare(us[us.length - 1]!.text)))) us = us.slice(0, -1);
  if (!us.length) return undefined;
  // Capitalised function words inside a run make it a title of a work ("Communique Number One From The Inside").
  if (us.slice(1).some((u) => isCapWord(u) && TITLE_FUNCTION_WORDS.has(lower(u)))) return undefined;
  // Demonyms lead organisations' names ("Syrian National Coalition") but not people's ("Swedish Ake Sellstrom").
  const named = (xs: Unit[]) => hasOrgHead(xs) || xs.some((u) => ORG_WORDS.has(lower(u))) || PLACE_HEADS.has(headOf(xs));
  if (!named(us)) while (us.length > 1 && isDemonym(us[0]!.text)) us = us.slice(1);
  if (us.every((u) => isDemonym(u.text) || !isCapWord(u))) return undefined;
  if (us.every((u) => isTitleWord(u) || CALENDAR_WORDS.has(bare(u.text)))) return undefined;
  // At the start of a sentence, common words without a head word are a phrase, not a name ("Less Money").
  if (seg.run.sentenceInitial && seg.run.units[0] === us[0] && us.every((u) => isCommonWord(u.text)) && !isGivenName(us[0]!, tags) && !hasOrgHead(us) && !PLACE_HEADS.has(headOf(us)) && !gazetteerPlace(us.map((u) => u.text).join(' '))) {
    if (us.length > 1) return undefined;
  }
  // Events and laws are not people, places or organisations ("Davis Cup", "Beijing Olympics", "Water Act").
  if (EVENT_HEADS.has(lower(us[us.length - 1]))) return undefined;
  // "Rival Lowe", "Yesterday Kofi Annan": a common word opening a sentence before a name is not part of it.
  const givenName = (u: Unit) => isGivenName(u, tags);
  if (seg.run.sentenceInitial && seg.run.units[0] === us[0] && us.length > 1 && isCommonWord(us[0]!.text) && !givenName(us[0]!) && !gazetteerPlace(us[0]!.text) && !isDemonym(us[0]!.text)) {
    const rest = us.slice(1);
    if (!rest.some((u) => ORG_HEADS.has(lower(u)) || PLACE_HEADS.has(lower(u))) && rest.some((u) => !isCommonWord(u.text))) us = rest;
  }
  if (us.length === 1 && /^\p{N}|^\p{L}\.?$/u.test(us[0]!.text)) return undefined;
  if (us.length === 1 && COMMON_ABBREVIATIONS.has(us[0]!.text.replace(/\./g, '').toLowerCase())) return undefined;
  return { ...seg, units: us };
}

type TermTags = Map<number, string[]>;

function compromiseTags(body: string): TermTags {
  const tags: TermTags = new Map();
  const sentences = nlp(body).json({ offset: true, terms: { offset: true } }) as Array<{
    terms: Array<{ tags: string[]; offset?: { start: number } }>;
  }>;
  for (const s of sentences) for (const t of s.terms) if (t.offset) tags.set(t.offset.start, t.tags);
  return tags;
}

function vote(votes: Votes, type: EntityType, weight: number): void {
  votes[type] += weight;
}

/** Reads the evidence around and inside one name. */
function evidence(seg: Segment, all: Unit[], index: Map<Unit, number>, tags: TermTags): Pick<Candidate, 'votes' | 'kinds' | 'titled'> {
  const votes: Votes = { person: 0, place: 0, organization: 0 };
  const kinds: Partial<Record<PlaceKindHint, number>> = {};
  const kind = (k: PlaceKindHint, w = 1) => (kinds[k] = (kinds[k] ?? 0) + w);
  const us = seg.units;
  const first = us[0]!;
  const last = us[us.length - 1]!;
  const text = us.map((u) => u.text).join(' ');
  const prev = (n: number) => all[index.get(first)! - n];
  const next = (n: number) => all[index.get(last)! + n];
  let titled = !!seg.title;

  const gaz = gazetteerPlace(text);
  if (gaz) {
    vote(votes, 'place', 10);
    if (gaz.kind === 'country') kind('country', 5);
  }
  if (seg.title) vote(votes, 'person', 6);
  const beforeConnector = us.findIndex((u, k) => k > 0 && !isCapWord(u) && CONNECTORS.has(lower(u)));
  const head = lower(last);
  const innerHead = beforeConnector > 0 ? lower(us[beforeConnector - 1]) : '';
  if ((ORG_HEADS.has(head) || ORG_HEADS.has(innerHead)) && us.length > 1) vote(votes, 'organization', 6);
  else if (ORG_HEADS.has(head)) vote(votes, 'organization', 2);
  if (us.some((u) => ORG_WORDS.has(lower(u)))) vote(votes, 'organization', 3);
  if (PLACE_HEADS.has(head) && us.length > 1) {
    vote(votes, 'place', 6);
    const k = PLACE_NOUNS_AFTER[head];
    if (k) kind(k, 2);
  }
  if (/\.(?:com|org|net|info|co|io)$/i.test(text)) vote(votes, 'organization', 4);
  if (isAcronym(text) && !gaz && !(seg.run.dateline && us.length === 1 && text.length >= 4)) vote(votes, 'organization', 2);

  // Words right before the name.
  const p1 = prev(1);
  const p2 = prev(2);
  if (!seg.title && p1?.kind === 'word' && !isCapWord(p1) && (ROLE_NOUNS.has(lower(p1)) || KINSHIP.has(lower(p1)))) {
    vote(votes, 'person', 4);
    titled = true;
  }
  if (p1?.kind === 'punct' && p1.text === ',' && p2 && KINSHIP.has(lower(p2))) vote(votes, 'person', 3);
  // "the fact-checking website Full Fact", "the rebel group X": a lower-case description right before the name.
  if (!seg.title && p1?.kind === 'word' && !isCapWord(p1) && ORG_DESCRIPTIONS.has(lower(p1)) && !gaz) vote(votes, 'organization', 4);
  if (p1 && lower(p1) === 'of' && p2 && PLACE_NOUNS_BEFORE[lower(p2)]) {
    vote(votes, 'place', 4);
    kind(PLACE_NOUNS_BEFORE[lower(p2)]!, 2);
  } else if (p1 && (lower(p1) === 'capital' || (p1.text === ',' && lower(p2) === 'capital'))) {
    vote(votes, 'place', 4);
    kind('city', 2);
  } else if (p1 && PLACE_NOUNS_BEFORE[lower(p1)] && /^(?:town|village|city)$/.test(lower(p1))) {
    vote(votes, 'place', 3);
    kind(PLACE_NOUNS_BEFORE[lower(p1)]!, 2);
  } else if (p1 && PLACE_PREPOSITIONS.has(lower(p1)) && !(lower(p1) === 'to' && lower(p2) === 'according')) {
    vote(votes, 'place', 1.5);
  } else if (lower(p1) === 'the' && PLACE_PREPOSITIONS.has(lower(p2)) && lower(p2) !== 'to') {
    vote(votes, 'place', 1);
  }
  // "The" written with a capital inside a sentence belongs to a title: "told The Daily Star", "By The New York Times".
  if (p1?.text === 'The' && !seg.run.sentenceInitial) vote(votes, 'organization', 2);

  // Words right after it.
  const n1 = next(1);
  const n2 = next(2);
  const suffix = last.suffix;
  if (suffix === 'based') vote(votes, 'place', 3);
  if (n1?.kind === 'word' && !isCapWord(n1)) {
    const w = lower(n1);
    const placeKind = PLACE_NOUNS_AFTER[w];
    if (placeKind && !suffix) {
      vote(votes, 'place', 4);
      // "the Damascus suburb of Douma": Damascus holds the suburb, so it is a city.
      kind(lower(n2) === 'of' ? 'city' : placeKind, 2);
    }
    // "Walter Reed hospital", "Kabul airport": a place, of whatever kind the name itself is.
    if (BUILDING_NOUNS.has(w) && !suffix) vote(votes, 'place', 3);
    if (MEDIA_NOUNS.has(w)) vote(votes, 'organization', 4);
    if (GROUP_NOUNS.has(w) && !gaz) vote(votes, 'organization', 3);
    // "Hezbollah fighters", "Taliban spokesman": a one-word group (a person's name takes a comma: "X, spokesman").
    if (MEMBER_NOUNS.has(w) && !gaz && us.length === 1) vote(votes, 'organization', 3);
    const verb = SPEECH_VERBS.has(w) ? w : n2 && SPEECH_VERBS.has(lower(n2)) && /^(?:also|has|have|had|then|later|once)$/.test(w) ? lower(n2) : undefined;
    // People say and tell; organisations and outlets report, announce and estimate.
    if (verb) vote(votes, us.length > 1 && !REPORTING_VERBS.has(verb) ? 'person' : 'organization', 1);
  }
  if (n1?.kind === 'possessive' && isCapWord(n2) && !gaz) vote(votes, 'organization', 1);
  // ", a former imam" / ", an Islamist rebel group" / ", the country's largest city".
  if (n1?.kind === 'punct' && n1.text === ',' && /^(?:a|an|the)$/.test(lower(n2))) {
    // The description's head noun, its last word before "of", "who", a comma...: ", a former army general".
    let described: string | undefined;
    for (let k = 3; k <= 8; k++) {
      const u = next(k);
      // A description is in lower case: ", a joint Military Council" names something else.
      if (!u || u.kind !== 'word' || (isCapWord(u) && !isDemonym(u.text)) || DESCRIPTION_STOPS.has(lower(u))) break;
      if (ORG_DESCRIPTIONS.has(lower(u)) || PLACE_DESCRIPTIONS.has(lower(u)) || ROLE_NOUNS.has(lower(u))) described = lower(u);
    }
    if (described && ROLE_NOUNS.has(described)) {
      vote(votes, 'person', 4);
      titled = true;
    } else if (described && ORG_DESCRIPTIONS.has(described)) vote(votes, 'organization', 4);
    else if (described && PLACE_DESCRIPTIONS.has(described)) {
      vote(votes, 'place', 4);
      const k2 = PLACE_NOUNS_BEFORE[described];
      if (k2) kind(k2, 1);
    }
  }
  // "several towns, including Rastan": the kind of a list named before "including" / "such as".
  {
    let k = 1;
    while (prev(k)?.kind === 'punct') k++;
    const intro = lower(prev(k));
    const introBy = intro === 'including' ? k : intro === 'as' && lower(prev(k + 1)) === 'such' ? k + 1 : 0;
    if (introBy) {
      for (let m = introBy + 1; m <= introBy + 3; m++) {
        const w = lower(prev(m));
        const placeKind = PLACE_NOUNS_BEFORE[w];
        if (placeKind) {
          vote(votes, 'place', 3);
          kind(placeKind, 1);
          break;
        }
      }
    }
  }

  // compromise's reading of the words.
  const firstTags = tags.get(first.start) ?? [];
  const given = firstTags.includes('FirstName') || firstTags.includes('MaleName') || firstTags.includes('FemaleName');
  if (given) vote(votes, 'person', us.length > 1 ? 2 : 0.5);
  let person = 0;
  let place = 0;
  let org = 0;
  for (const u of us) {
    const t = tags.get(u.start) ?? [];
    if (t.includes('Person') && !t.includes('Honorific')) person++;
    if (t.includes('Place') || t.includes('City') || t.includes('Country') || t.includes('Region')) place++;
    if (t.includes('City')) kind('city', 1);
    if (t.includes('Country')) kind('country', 1);
    if (t.includes('Organization')) org++;
  }
  // compromise tags a given name's word as a person too: one piece of evidence, counted once.
  if (person && !given) vote(votes, 'person', 1);
  if (place) vote(votes, 'place', 1.5);
  if (org) vote(votes, 'organization', 1.5);
  // A name of two to four words with no head word is most often a person's.
  if (us.length >= 2 && us.length <= 5 && !ORG_HEADS.has(head) && !PLACE_HEADS.has(head) && !gaz) vote(votes, 'person', 0.5);
  return { votes, kinds, titled };
}

/** Every name in text[0, end) of one document, with its evidence. */
export function findCandidates(doc: string, text: string, end = text.length): Candidate[] {
  const body = text.slice(0, end);
  const all = units(tokenize(body));
  const index = new Map(all.map((u, i) => [u, i]));
  const tags = compromiseTags(body);

  // Lines, to know headlines and datelines.
  const lineOf: number[] = [];
  const titleLines = new Set<number>();
  {
    let line = 0;
    let words: Unit[] = [];
    let lastUnit: Unit | undefined;
    const close = () => {
      if (isTitleCaseLine(words, lastUnit?.kind === 'punct' && /^[.!?]$/.test(lastUnit.text))) titleLines.add(line);
      words = [];
    };
    for (const u of all) {
      lineOf.push(line);
      if (u.kind === 'break') {
        close();
        line++;
      } else if (u.kind === 'word') words.push(u);
      if (u.kind !== 'break') lastUnit = u;
    }
    close();
  }

  // Runs of capitalised words.
  const runs: Run[] = [];
  let sentenceStart = true;
  for (let i = 0; i < all.length; i++) {
    const u = all[i]!;
    if (u.kind !== 'word') {
      if (endsSentence({ ...u, kind: u.kind })) sentenceStart = true;
      else if (!isOpener({ ...u, kind: u.kind })) sentenceStart = false;
      continue;
    }
    if (!isCapWord(u)) {
      sentenceStart = false;
      continue;
    }
    const startsSentence = sentenceStart;
    sentenceStart = false;
    let j = i + 1;
    for (;;) {
      const v = all[j];
      if (isCapWord(v) && !all[j - 1]!.suffix && !v!.cut) {
        j++;
        continue;
      }
      // "People's Liberation Army", "Today's Zaman", "Westminster Magistrate's Court": a common word's possessive
      // inside a name, at its start or right before its head word.
      const headNext = ORG_HEADS.has(lower(all[j + 1])) || PLACE_HEADS.has(lower(all[j + 1]));
      if (v?.kind === 'possessive' && (j - 1 === i || headNext) && isCapWord(all[j + 1]) && isCommonWord(all[j - 1]!.text) && !gazetteerPlace(all[j - 1]!.text)) {
        j += 2;
        continue;
      }
      // Particles and connectors only between capitalised words: "Eduardo del Buey", "League of Arab States".
      let k = j;
      while (k < all.length && k - j < 2 && all[k]!.kind === 'word' && !isCapWord(all[k]) && (NAME_PARTICLES.has(lower(all[k])) || CONNECTORS.has(lower(all[k])))) k++;
      if (k > j && isCapWord(all[k]) && !all[j - 1]!.suffix && !all[k]!.suffix && !all[k]!.cut && !CALENDAR_WORDS.has(bare(all[k]!.text))) {
        j = k + 1;
        continue;
      }
      break;
    }
    const runUnits = all.slice(i, j);
    const lineStart = i === 0 || all[i - 1]!.kind === 'break';
    const afterRun = all[j];
    const dateline =
      lineStart &&
      runUnits.every((x) => ALL_CAPS.test(x.text.replace(/[.\-']/g, ''))) &&
      afterRun?.kind === 'punct' &&
      /^(?:-+|—|–|:|,|\(|\/)$/.test(afterRun.text);
    runs.push({ units: runUnits, sentenceInitial: startsSentence, before: all.slice(Math.max(0, i - 3), i), after: all.slice(j, j + 3), titleLine: titleLines.has(lineOf[i]!), dateline });
    i = j - 1;
  }

  const candidates: Candidate[] = [];
  const segmentsOf: Segment[] = [];
  for (const run of runs) {
    for (const s1 of splitTitles(run)) {
      for (const s2 of splitPlaces(s1, tags).flatMap((x) => splitAfterHeads(x, tags))) {
        for (const s3 of splitConnectors(s2, tags)) {
          const seg = trim(s3, tags);
          if (seg) segmentsOf.push(seg);
        }
      }
    }
  }

  let listId = 0;
  let previous: Candidate | undefined;
  let pendingList: Candidate[] = [];
  for (const seg of segmentsOf) {
    const us = seg.units;
    const first = us[0]!;
    const last = us[us.length - 1]!;
    const written = body.slice(first.start, last.end);
    const shouted = us.every((u) => ALL_CAPS.test(u.text.replace(/[.\-']/g, ''))) && us.some((u) => u.text.replace(/[^\p{L}]/gu, '').length >= 4);
    // Capitals that are not an acronym: a dateline ("BEIRUT --") or a shouted word ("UPDATE").
    if (shouted && us.every((u) => isCommonWord(u.text))) continue;
    const name = shouted && seg.run.dateline ? titleCase(written) : written;
    const { votes, kinds, titled } = evidence(seg, all, index, tags);
    if (shouted && seg.run.dateline) {
      vote(votes, 'place', 3);
      kinds.city = (kinds.city ?? 0) + 1;
    }
    const firstInRun = seg.run.units[0] === first || seg.run.units.slice(0, seg.run.units.indexOf(first)).every((u) => NEVER_NAME_START.has(lower(u)));
    const sentenceInitial = seg.run.sentenceInitial && firstInRun;
    const candidate: Candidate = {
      doc,
      start: first.start,
      end: last.end,
      text: written,
      name,
      votes,
      kinds,
      ...(seg.title ? { title: seg.title } : {}),
      titled,
      sentenceInitial,
      commonWord: us.length === 1 && isCommonWord(first.text) && !gazetteerPlace(first.text),
      inTitleLine: seg.run.titleLine,
      acronym: us.length === 1 && isAcronym(first.text) && !(shouted && seg.run.dateline),
    };
    // "Name (ALIAS)" and "Name, or ALIAS": the second names the first.
    const n1 = all[index.get(last)! + 1];
    const n2 = all[index.get(last)! + 2];
    const n3 = all[index.get(last)! + 3];
    const n4 = all[index.get(last)! + 4];
    if (n1?.text === '(' && isCapWord(n2) && n3?.text === ')') candidate.alias = { start: n2!.start, end: n2!.end, text: n2!.text };
    else if (n1?.text === ',' && lower(n2) === 'or' && isCapWord(n3) && (n4?.kind !== 'word' || !isCapWord(n4))) candidate.alias = { start: n3!.start, end: n3!.end, text: n3!.text };
    // Lists: names separated only by commas and a closing "and"/"or" ("Hatay, Gaziantep and Kilis"). A comma
    // alone may be an apposition ("the governor of Homs, Ghassan Abdel Al"), so a list needs its "and".
    if (previous) {
      const between = body.slice(previous.end, candidate.start);
      if (/^\s+(?:and|or)\s+$|^\s*,\s*(?:and|or)\s+$/.test(between)) {
        candidate.list = previous.list ?? (previous.list = ++listId);
        for (const c of pendingList) c.list = candidate.list;
        pendingList = [];
      } else if (/^\s*,\s*$/.test(between)) pendingList = pendingList.length ? [...pendingList, previous] : [previous];
      else pendingList = [];
    }
    candidates.push(candidate);
    previous = candidate;
  }
  return candidates;
}

function titleCase(s: string): string {
  return s.toLowerCase().replace(/(^|[\s\-'’])(\p{L})/gu, (_, sep: string, c: string) => sep + c.toUpperCase());
}
