// Where a figure's count happened, from the places named in its sentence: the same rule for the reference's
// documents and for pages. The most specific place named after the figure in its own part of the sentence
// ("killed in the Damascus neighbourhood of Qaboun" → Qaboun), else the most specific in the sentence. A place
// that only describes someone ("the New York-based Human Rights Watch", "a UK-based group") is not where a
// count happened.

export interface PlaceMention {
  start: number;
  end: number;
  /** A reference entity id, or "country:<Name>" for a country the reference does not know. */
  id: string;
  /** Higher is more specific: building 5, district 4, town 3, city 2, province 1, country 0. */
  specificity: number;
}

export const SPECIFICITY = { building: 5, district: 4, town: 3, city: 2, province: 1, country: 0 } as const;

/** Whether the place at [start, end) only describes someone ("New York-based", "Britain-born"). */
export function isDescriptive(text: string, end: number): boolean {
  return /^-(?:based|born|headquartered|registered|educated|trained)\b/.test(text.slice(end, end + 16));
}

function mostSpecific(list: PlaceMention[]): PlaceMention | undefined {
  return list.reduce<PlaceMention | undefined>((best, m) => (!best || m.specificity > best.specificity ? m : best), undefined);
}

/**
 * The place a figure at [figure.start, figure.end) counts for, given the places named in its sentence and where
 * its own part of the sentence ends (`clauseEnd`: the next figure, or the sentence's end).
 */
export function placeOfFigure(
  text: string,
  figure: { start: number; end: number },
  sentence: { start: number; end: number },
  clauseEnd: number,
  places: readonly PlaceMention[],
): PlaceMention | undefined {
  const usable = places.filter((m) => m.start >= sentence.start && m.end <= sentence.end && !isDescriptive(text, m.end));
  // Before the figure, only a place that says where ("In Syria, ...", "Syria's conflict"): a country acting as
  // the sentence's subject ("Russia cancelled a meeting on the 19-month conflict") is not where it happened.
  // And only in the figure's own clause, or opening the sentence ("In Syria, ..."): "relief workers in Aleppo say
  // ..., while the U.N. puts the toll at 70,000" is not a toll for Aleppo.
  const clauseStart = figureClause(text, figure, sentence).start;
  const opensSentence = (m: PlaceMention) => /^\s*\S+(?:\s+the)?\s*$/.test(text.slice(sentence.start, m.start)) && /^[\s,]/.test(text.slice(m.end, m.end + 1));
  const locates = (m: PlaceMention) =>
    m.start >= figure.end ||
    ((m.start >= clauseStart || opensSentence(m)) &&
      (LOCATIVE_BEFORE.test(text.slice(Math.max(sentence.start, m.start - 40), m.start)) || /^['’]s\b/.test(text.slice(m.end, m.end + 3))));
  return mostSpecific(usable.filter((m) => m.start >= figure.end && m.end <= clauseEnd)) ?? mostSpecific(usable.filter(locates));
}

const LOCATIVE_BEFORE = /\b(?:in|at|across|throughout|inside|near|from|around|outside|within|of)\s+(?:the\s+)?(?:[\w-]+\s+){0,3}$/i;

/**
 * "the city", "the town" in a figure's sentence: the last city or town named before the figure, when the sentence
 * says so (`places` are the places named in the text, in order).
 */
export function cityReferredTo(
  text: string,
  figure: { start: number; end: number },
  sentence: { start: number; end: number },
  places: readonly PlaceMention[],
): PlaceMention | undefined {
  if (!/\bthe (?:city|town)\b/i.test(text.slice(sentence.start, sentence.end))) return undefined;
  const before = places.filter((m) => m.end <= figure.start && (m.specificity === SPECIFICITY.city || m.specificity === SPECIFICITY.town));
  return before[before.length - 1];
}

/**
 * The part of a sentence that is about one figure: from the clause it starts in ("..., and that five people") to
 * the next figure (`around.end`), so what is named for the figure before is not taken for this one.
 */
export function figureClause(text: string, figure: { start: number }, around: { start: number; end: number }): { start: number; end: number } {
  const opener = /(?:[,;]|\b(?:and|but|while|when|whereas)\b)\s+/g;
  const lead = text.slice(around.start, figure.start);
  let start = around.start;
  for (let m = opener.exec(lead); m; m = opener.exec(lead)) start = around.start + m.index + m[0].length;
  return { start, end: around.end };
}

// Countries by their usual English names, so a figure about another country is recognised as such even when the
// reference does not know that country. Case-sensitive: "US" and "Chad" are names only when written as names.
const COUNTRY_NAMES =
  'Afghanistan|Albania|Algeria|Angola|Argentina|Armenia|Australia|Austria|Azerbaijan|Bahrain|Bangladesh|Belarus|Belgium|Benin|Bolivia|Bosnia|Botswana|Brazil|' +
  'Britain|Bulgaria|Burkina Faso|Burma|Burundi|Cambodia|Cameroon|Canada|Central African Republic|Chad|Chechnya|Chile|China|Colombia|Congo|Croatia|Cuba|Cyprus|' +
  'Czech Republic|Darfur|Denmark|Djibouti|Ecuador|Egypt|El Salvador|Eritrea|Estonia|Ethiopia|Finland|France|Gaza|Georgia|Germany|Ghana|Greece|Guatemala|Guinea|' +
  'Haiti|Honduras|Hungary|Iceland|India|Indonesia|Iran|Iraq|Ireland|Israel|Italy|Ivory Coast|Japan|Jordan|Kashmir|Kazakhstan|Kenya|Kosovo|Kuwait|Kyrgyzstan|' +
  'Laos|Latvia|Lebanon|Liberia|Libya|Lithuania|Macedonia|Madagascar|Malawi|Malaysia|Mali|Mauritania|Mexico|Moldova|Mongolia|Montenegro|Morocco|Mozambique|' +
  'Myanmar|Namibia|Nepal|Netherlands|New Zealand|Nicaragua|Niger|Nigeria|North Korea|Norway|Oman|Pakistan|Palestine|Panama|Paraguay|Peru|Philippines|' +
  'Poland|Portugal|Qatar|Romania|Russia|Rwanda|Saudi Arabia|Senegal|Serbia|Sierra Leone|Singapore|Slovakia|Slovenia|Somalia|South Africa|South Korea|' +
  'South Sudan|Spain|Sri Lanka|Sudan|Sweden|Switzerland|Syria|Taiwan|Tajikistan|Tanzania|Thailand|Tibet|Togo|Tunisia|Turkey|Turkmenistan|Uganda|Ukraine|' +
  'United Arab Emirates|United Kingdom|United States|Uruguay|Uzbekistan|Venezuela|Vietnam|Western Sahara|Yemen|Zambia|Zimbabwe|UAE|UK|U\\.K\\.|US|U\\.S\\.|USA';

// Read by code unit, not by one Unicode regular expression of some two hundred names (which cost the browser more to
// compile on a page's first figure than to run on all of them): each name tried in the list's order where a capital
// starts one, bounded as `(?<![\p{L}\p{N}.-])(?:names)(?![\p{L}\p{N}]|\.\p{L})` bounds it
// (tests/unit/figures/place-fast.test.ts compares the two on any text).
/** The names by their first character's code, in the list's order (the first that fits wins, as in an alternation). */
let countriesByFirst: Map<number, string[]> | undefined;

function namesStartingWith(code: number): string[] | undefined {
  if (!countriesByFirst) {
    countriesByFirst = new Map();
    for (const name of COUNTRY_NAMES.split('|').map((n) => n.replace(/\\\./g, '.'))) {
      const first = name.charCodeAt(0);
      const list = countriesByFirst.get(first) ?? [];
      list.push(name);
      countriesByFirst.set(first, list);
    }
  }
  return countriesByFirst.get(code);
}

/** The code point of text at `i` within [from, to) (a surrogate pair whole), or -1 outside it. */
function pointAt(text: string, i: number, from: number, to: number): number {
  if (i < from || i >= to) return -1;
  const c = text.charCodeAt(i);
  if (c >= 0xd800 && c <= 0xdbff && i + 1 < to) {
    const d = text.charCodeAt(i + 1);
    if (d >= 0xdc00 && d <= 0xdfff) return (c - 0xd800) * 0x400 + (d - 0xdc00) + 0x10000;
  }
  return c;
}

/** The code point of text ending just before `i` within [from, to) (a surrogate pair whole), or -1. */
function pointBefore(text: string, i: number, from: number): number {
  if (i <= from) return -1;
  const d = text.charCodeAt(i - 1);
  if (d >= 0xdc00 && d <= 0xdfff && i - 2 >= from) {
    const c = text.charCodeAt(i - 2);
    if (c >= 0xd800 && c <= 0xdbff) return (c - 0xd800) * 0x400 + (d - 0xdc00) + 0x10000;
  }
  return d;
}

/**
 * Whether a code point (-1: none) is a letter or, with `numbers`, a number: ASCII, spaces and general punctuation
 * (’ “ ” —) by code, anything else by a small Unicode expression made the first time a name touches such a character.
 */
function isLetterPoint(point: number, numbers: boolean): boolean {
  if (point < 0) return false;
  if (point < 0x80) return ((point | 0x20) >= 0x61 && (point | 0x20) <= 0x7a) || (numbers && point >= 0x30 && point <= 0x39);
  if (point === 0xa0 || (point >= 0x2000 && point <= 0x206f) || (point >= 0xd800 && point <= 0xdfff)) return false;
  return (numbers ? (letterOrNumberRe ??= /^[\p{L}\p{N}]$/u) : (letterRe ??= /^\p{L}$/u)).test(String.fromCodePoint(point));
}
let letterOrNumberRe: RegExp | undefined;
let letterRe: RegExp | undefined;
const isLetterOrNumber = (point: number) => isLetterPoint(point, true);

/** Whether `name` is a country's usual English name. */
export function isCountryName(name: string): boolean {
  const found = countriesIn(name, 0, name.length);
  return found.length === 1 && found[0]!.start === 0 && found[0]!.end === name.length;
}

/** Whether a place is smaller than a country (its kind, or failing that its name, says so). */
export function isLocal(place: { name: string; placeKind?: string }): boolean {
  return place.placeKind ? place.placeKind !== 'country' : !isCountryName(place.name);
}

/** Countries named in text[from, to), by their usual English names. */
export function countriesIn(text: string, from: number, to: number): Array<{ start: number; end: number; name: string }> {
  const out: Array<{ start: number; end: number; name: string }> = [];
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x41 || c > 0x5a) continue;
    const names = namesStartingWith(c);
    if (!names) continue;
    const before = pointBefore(text, i, from);
    if (before === 0x2e || before === 0x2d || isLetterOrNumber(before)) continue;
    for (const name of names) {
      const end = i + name.length;
      if (end > to || !text.startsWith(name, i)) continue;
      const after = pointAt(text, end, from, to);
      if (isLetterOrNumber(after)) continue;
      if (after === 0x2e && isLetterPoint(pointAt(text, end + 1, from, to), false)) continue;
      out.push({ start: i, end, name });
      i = end - 1;
      break;
    }
  }
  return out;
}
