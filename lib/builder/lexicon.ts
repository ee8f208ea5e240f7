// The words that tell a name's kind in English news copy, for any subject: titles and roles ("Defence Minister",
// "Brig. Gen."), the head words of organisations ("... Council", "... Directorate") and places ("... Province"),
// the lower-case nouns that introduce a place ("the village of", "Hama province"), the particles inside names
// ("al-", "bin", "del") and the connectors inside organisation names ("of", "for", "and").

const words = (list: string): Set<string> => new Set(list.split(/\s+/).filter(Boolean).map((w) => w.toLowerCase()));

/** Words that make a title before a person's name; matched without case and without a final full stop. */
export const TITLE_WORDS = words(`
president vice prime minister ministers premier secretary secretary-general undersecretary general gen lieutenant lt
colonel col brigadier brig major maj captain capt sergeant sgt corporal cpl private commander cmdr admiral adm marshal
governor gov senator sen representative rep congressman congresswoman mayor chairman chairwoman chair envoy ambassador
spokesman spokeswoman spokesperson king queen prince princess sheikh shaikh emir sultan pope cardinal bishop archbishop
rabbi imam ayatollah grand mufti mr mrs ms miss dr prof professor sir dame lord lady judge justice deputy foreign defence
defense interior special acting former interim chancellor director director-general commissioner high fm pm attorney
speaker president-elect crown first lt.-col lt-gen maj-gen executive chief administrator hon ceo leader founder inspector adviser advisor superintendent ambassador-at-large press
`);

/** The last word of a title phrase: after it comes the name ("Foreign Minister", "Special Envoy"). */
export const TITLE_CORES = words(`
president premier minister secretary secretary-general undersecretary general gen colonel col brigadier brig major maj
captain capt sergeant sgt corporal cpl commander cmdr admiral adm marshal governor gov senator sen representative rep
congressman congresswoman mayor chairman chairwoman envoy ambassador spokesman spokeswoman spokesperson king queen prince
princess sheikh shaikh emir sultan pope cardinal bishop archbishop rabbi imam ayatollah mufti mr mrs ms miss dr prof
professor sir dame lord lady judge justice chancellor director director-general commissioner fm pm speaker president-elect
lieutenant lt executive administrator attorney hon ceo leader adviser advisor superintendent
`);

/** What a title governs after "of": "Secretary of State", "Minister of the Interior". */
export const TITLE_DOMAINS = words(`
state defence defense foreign affairs interior justice health finance energy education agriculture commerce trade labor
labour treasury information culture tourism transport homeland security staff the economy industry environment
`);

/** Lower-case words right before a name that make it a person's ("defence minister Dawoud Rajha", "activist X"). */
export const ROLE_NOUNS = words(`
president minister premier secretary general colonel brigadier commander chief leader spokesman spokeswoman spokesperson
envoy ambassador governor official officer activist analyst expert diplomat correspondent reporter editor businessman
businesswoman imam sheikh cleric journalist photographer lawyer judge director chairman chairwoman deputy head mayor
senator lawmaker adviser advisor aide counselor counsellor witness resident survivor doctor surgeon professor researcher
student teacher founder activist dissident defector militant fighter soldier lieutenant captain major commissioner
coordinator negotiator mediator monitor inspector investigator administrator representative
`);

/** The last word of an organisation's name. */
export const ORG_HEADS = words(`
army council committee committees league union nations party front division guard guards group agency office ministry
directorate coalition crescent cross brigade brigades battalion battalions association organisation organization
organizations press news times post herald journal gazette tribune television tv radio channel network bank fund
institute institution university college school center centre project forces watch observatory commission court
assembly parliament senate congress department service services authority bureau corporation company inc ltd co
foundation society movement alliance federation programme program desk staff house corps command police ministry
government administration agency mission initiative board council secretariat caucus bloc cabinet club trust federation
monitor monitors telegraph guardian independent mirror observer chronicle standard express star sun review magazine
weekly daily exchange airline airlines airways studios entertainment media holdings capital ventures technologies
systems robotics laboratories labs institutes academy centers centres councils departments ministries agencies
unions leagues parties groups
`);

/** Words that make a capitalised run an organisation wherever they stand ("Islamic State", "Liwa al-Islam"). */
export const ORG_WORDS = words(`islamic revolutionary liberation human rights`);

/** Nouns after ", a/an/the ..." that describe what a name is ("Liwa al-Islam, an Islamist rebel group"). */
export const ORG_DESCRIPTIONS = words(`
group organisation organization agency network movement party militia coalition brigade faction body company firm
newspaper channel broadcaster station outlet council committee alliance front force army monitor watchdog charity
website site magazine publisher union
`);
export const PLACE_DESCRIPTIONS = words(`city town village district province region country neighbourhood neighborhood suburb camp`);

/** Capitalised last words of place names ("Tahrir Square", "Golan Heights"). */
export const PLACE_HEADS = words(`
province city district square street road avenue river mountains mountain valley island islands sea ocean county region
camp airport bridge crossing highway plain plains desert peninsula strait lake heights governorate oasis canal port
coast hills border republic kingdom emirate emirates caliphate area stadium field park arena hospital museum church
mosque cathedral palace tower hotel prison
`);

/** Lower-case nouns after a name that say it is a place, and which kind ("Hama province", "Baba Amr neighborhood"). */
export const PLACE_NOUNS_AFTER: Record<string, PlaceKindHint> = {
  province: 'province',
  governorate: 'province',
  region: 'province',
  state: 'province',
  county: 'province',
  city: 'city',
  town: 'town',
  village: 'town',
  district: 'district',
  neighborhood: 'district',
  neighbourhood: 'district',
  suburb: 'district',
  quarter: 'district',
  area: 'district',
  camp: 'district',
  building: 'building',
  border: 'country',
};

/** Lower-case nouns before "of Name" (or "Name" after "capital") that say it is a place ("the village of Taldaou"). */
export const PLACE_NOUNS_BEFORE: Record<string, PlaceKindHint> = {
  province: 'province',
  provinces: 'province',
  governorate: 'province',
  region: 'province',
  state: 'province',
  city: 'city',
  cities: 'city',
  capital: 'city',
  town: 'town',
  towns: 'town',
  village: 'town',
  villages: 'town',
  district: 'district',
  districts: 'district',
  neighborhood: 'district',
  neighbourhood: 'district',
  neighborhoods: 'district',
  neighbourhoods: 'district',
  suburb: 'district',
  suburbs: 'district',
  quarter: 'district',
  country: 'country',
};

export type PlaceKindHint = 'country' | 'province' | 'city' | 'town' | 'district' | 'building';

/** Prepositions after which a capitalised name is most often a place. */
export const PLACE_PREPOSITIONS = words(`in at near from into across outside inside around towards toward throughout to via`);

/** Lower-case nouns after a single name that make it a group's ("Hezbollah fighters", "Taliban spokesman"). */
export const MEMBER_NOUNS = words(`
fighters militants members ranks supporters spokesman spokeswoman spokesperson militiamen gunmen leadership loyalists
statement militia commanders operatives recruits affiliates soldiers troops
`);

/** Lower-case nouns after a name that make it a news outlet ("Al Arabiya television"). */
export const MEDIA_NOUNS = words(`television tv channel newspaper agency radio daily website broadcaster network`);

/** Verbs of saying. */
export const SPEECH_VERBS = words(`said says told added stressed reported reports announced claimed noted confirmed warned wrote`);

/** Lower-case particles inside personal and place names ("Bashar al-Assad", "Eduardo del Buey"). */
export const NAME_PARTICLES = words(`al el bin ibn bint abu de del della da di du van von der den la le dos das ter ten y ul`);

/** Prefixes joined to a name by a hyphen that belong to it ("al-Assad", "ash-Shaar", "Deir ez-Zor"). */
export const HYPHEN_PARTICLES = words(`al el ad ag an ar as ash at az ez es ed ul bin ibn abu abd abdel abdul`);

/** Lower-case words joined to a name by a hyphen that are not part of it ("anti-Assad", "UK-based"). */
export const HYPHEN_PREFIXES = words(`anti pro ex non post pre mid neo pan`);
export const HYPHEN_SUFFIXES = words(`
based backed led run controlled dominated born style owned made funded brokered allied linked affiliated sponsored held
influenced supported bound wide era type speaking aligned leaning friendly listed registered headquartered flagged
`);

/** Last words of names of events and laws, which are not people, places or organisations. */
export const EVENT_HEADS = words(`
olympics games cup championship championships summit conference conferences war wars festival awards award show
finals final tournament league's act bill law laws treaty accord accords agreement convention resolution doctrine
marathon expo fair election elections referendum amendment amendments constitution charter
`);

/** Connectors allowed inside an organisation's name. */
export const CONNECTORS = words(`of for and the in on de des du la le`);

export const CALENDAR_WORDS = words(`
january february march april may june july august september october november december jan feb mar apr jun jul aug sep
sept oct nov dec monday tuesday wednesday thursday friday saturday sunday today yesterday tomorrow tonight christmas easter
ramadan eid
`);

/** Capitalised words that are never a name or part of one at the start of a run. */
export const NEVER_NAME_START = words(`
a an the this that these those it its he she they we i you his her their our my your there here what which who whom whose
when where why how if but and or nor so yet as at by for from in into of on to with without about after before since
until while during over under between among some many most all both each every no not one two three four five six seven
eight nine ten dozens hundreds thousands millions update updated breaking exclusive watch read more photo video image
meanwhile however also still just even only again already now then though although despite according
`);

/** Abbreviations of common nouns, units and time zones: written in capitals, never a name. */
export const COMMON_ABBREVIATIONS = words(`
tv gmt utc hkt est edt pst bst cet am pm ceo cfo coo id dna gdp hiv aids phd mp mps ok km kg mph pdf html url faq
rpg rpgs ied ieds suv suvs atm vip vips q&a diy ngo ngos
`);

/** `s` without a final full stop, lower-cased: "Gen." → "gen". */
export function bare(word: string): string {
  return word.replace(/\.$/, '').toLowerCase();
}
