// Countries in text as lib/figures/place.ts found them before it read them by code unit: one Unicode regular
// expression. Kept as the oracle the code-unit form is compared with (./place-fast.test.ts).
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

/** Countries named in text[from, to), by their usual English names. */
export function countriesIn(text: string, from: number, to: number): Array<{ start: number; end: number; name: string }> {
  const slice = text.slice(from, to);
  const out: Array<{ start: number; end: number; name: string }> = [];
  COUNTRY_RE.lastIndex = 0;
  for (let m = COUNTRY_RE.exec(slice); m; m = COUNTRY_RE.exec(slice)) out.push({ start: from + m.index, end: from + m.index + m[0].length, name: m[0] });
  return out;
}
