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
const COUNTRY_RE = new RegExp(`(?<![\\p{L}\\p{N}.-])(?:${COUNTRY_NAMES})(?![\\p{L}\\p{N}]|\\.[\\p{L}])`, 'gu');

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
  const slice = text.slice(from, to);
  const out: Array<{ start: number; end: number; name: string }> = [];
  COUNTRY_RE.lastIndex = 0;
  for (let m = COUNTRY_RE.exec(slice); m; m = COUNTRY_RE.exec(slice)) out.push({ start: from + m.index, end: from + m.index + m[0].length, name: m[0] });
  return out;
}
