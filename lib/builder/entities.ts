// From the names found in every document to the entities of a reference: each written name's evidence summed over
// all its mentions decides what it is; spellings of one name are merged ("Dawoud Rajha", "Daoud Rajha"); a
// surname or given name alone, an acronym, a name in parentheses and an organisation's short name are merged into
// the full name they stand for ("Hijab", "FSA", "AFAD", "the Observatory", "Security Council"); a given name or a
// common word that stands for nothing in the documents is dropped ("Maher", "Shells").
import type { Candidate, Votes } from './candidates';
import type { PlaceKindHint } from './lexicon';
import { CONNECTORS, NAME_PARTICLES, ORG_HEADS, PLACE_HEADS } from './lexicon';
import { gazetteerPlace, isDemonym } from './gazetteer';
import { editDistance, isShorterPersonName, nameWords, sameSpelling, wordKey } from './spelling';
import type { EntityType } from '../reference/types';

export interface DiscoveredEntity {
  name: string;
  type: EntityType;
  /** Forms that name it anywhere: its full names in every spelling, its acronym, its short name. */
  aliases: string[];
  /** Forms that name it only after a full name in the same text: a surname or given name alone, "the Observatory". */
  contextualAliases: string[];
  /** Forms written in capitals in the documents ("BEIRUT"): counted as mentions, never matched on pages. */
  variants: string[];
  placeKind?: PlaceKindHint;
}

/** The written names of one group: one name in one spelling and case. */
interface Group {
  key: string;
  candidates: Candidate[];
  forms: Map<string, number>;
  votes: Votes;
  kinds: Partial<Record<PlaceKindHint, number>>;
  titled: boolean;
  words: number;
  acronym: boolean;
  commonWord: boolean;
  /** Only a short form: stands for nothing on its own ("Ban" opening a sentence). */
  onlyShort?: boolean;
  parent?: Group;
  /** How it joins its cluster's main group. */
  role?: 'spelling' | 'alias' | 'contextual';
  type?: EntityType;
  nameWords?: string[];
  wordKeys?: string[];
  /** Mentions of the whole cluster, kept on its root. */
  size?: number;
}

const TYPES: EntityType[] = ['person', 'organization', 'place'];

function groupKey(text: string): string {
  return text.toLowerCase().replace(/[’]/g, "'").replace(/\./g, '').replace(/[\s-]+/g, ' ').trim();
}

function root(g: Group): Group {
  while (g.parent) g = g.parent;
  return g;
}

function mentions(g: Group): number {
  return g.candidates.length;
}

function typeOf(votes: Votes): EntityType | undefined {
  let best: EntityType | undefined;
  for (const t of TYPES) if (votes[t] > 0 && (best === undefined || votes[t] > votes[best])) best = t;
  return best;
}

function addVotes(into: Votes, from: Votes, weight = 1): void {
  for (const t of TYPES) into[t] += from[t] * weight;
}

/** Initials of a name's significant words: "Free Syrian Army" → "FSA", "Islamic State of Iraq" → "ISI". */
function initials(name: string): string {
  return name
    .split(/[\s-]+/)
    .filter((w) => w && !CONNECTORS.has(w.toLowerCase()) && !NAME_PARTICLES.has(w.toLowerCase()))
    .map((w) => w[0]!.toUpperCase())
    .join('');
}

function acronymLetters(text: string): string {
  return text.replace(/[^\p{L}]/gu, '').toUpperCase();
}

/** Merges the names found in all documents into entities. `candidates` must not hold names in title-case lines. */
export function discoverEntities(candidates: Candidate[]): DiscoveredEntity[] {
  const groups = new Map<string, Group>();
  for (const c of candidates) {
    const key = groupKey(c.name);
    let g = groups.get(key);
    if (!g) {
      g = {
        key,
        candidates: [],
        forms: new Map(),
        votes: { person: 0, place: 0, organization: 0 },
        kinds: {},
        titled: false,
        words: c.name.split(/\s+/).length,
        acronym: c.acronym,
        commonWord: c.commonWord,
      };
      groups.set(key, g);
    }
    g.candidates.push(c);
    g.forms.set(c.text, (g.forms.get(c.text) ?? 0) + 1);
    addVotes(g.votes, c.votes);
    for (const [k, n] of Object.entries(c.kinds)) g.kinds[k as PlaceKindHint] = (g.kinds[k as PlaceKindHint] ?? 0) + n;
    if (c.titled) g.titled = true;
  }

  // A common word at the start of a sentence, never capitalised anywhere else, is not a name ("Shells", "Footage"),
  // unless it is a word of a person's or organisation's name in the documents ("Ban" of "Ban Ki-moon", "the
  // Observatory" of "Syrian Observatory for Human Rights").
  const personWords = new Set<string>();
  for (const g of groups.values()) {
    const words = nameWords(g.candidates[0]!.name);
    if (words.length >= 2 && Math.max(g.votes.person, g.votes.organization) > g.votes.place) for (const w of words) personWords.add(w);
  }
  for (const [key, g] of groups) {
    if (!g.commonWord || !g.candidates.every((c) => c.sentenceInitial)) continue;
    if (personWords.has(nameWords(g.candidates[0]!.name)[0] ?? '')) g.onlyShort = true;
    else groups.delete(key);
  }

  // Names in one list share the evidence of the list's clearest member ("villages of Rastan, Tall Kalakh and Qusair").
  const lists = new Map<number, Group[]>();
  for (const g of groups.values()) for (const c of g.candidates) if (c.list !== undefined) lists.set(c.list, [...(lists.get(c.list) ?? []), g]);
  const shared = new Map<Group, Votes>();
  for (const members of lists.values()) {
    const sum: Votes = { person: 0, place: 0, organization: 0 };
    for (const m of members) addVotes(sum, m.votes, 1 / mentions(m));
    const t = typeOf(sum);
    if (!t) continue;
    for (const m of members) {
      const v = shared.get(m) ?? { person: 0, place: 0, organization: 0 };
      v[t] += Math.min(3, sum[t] / members.length);
      shared.set(m, v);
    }
  }
  for (const [g, v] of shared) addVotes(g.votes, v);

  const all = [...groups.values()];
  for (const g of all) {
    g.type = typeOf(g.votes);
    g.nameWords = nameWords(g.candidates[0]!.name);
    g.wordKeys = g.nameWords.map(wordKey);
    g.size = mentions(g);
  }
  const clusterType = (g: Group): EntityType | undefined => root(g).type;
  const join = (child: Group, parent: Group, role: Group['role']): void => {
    const a = root(child);
    const b = root(parent);
    if (a === b) return;
    a.parent = b;
    a.role = role;
    b.size! += a.size!;
  };
  // The order names are considered in: most mentioned first, then longer, then alphabetical, so merges never flip.
  const byWeight = (a: Group, b: Group): number => mentions(b) - mentions(a) || b.words - a.words || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
  all.sort(byWeight);
  const words = (g: Group): string[] => g.nameWords!;
  const bucket = <K>(map: Map<K, Group[]>, key: K, g: Group): void => {
    const list = map.get(key);
    if (list) list.push(g);
    else map.set(key, [g]);
  };

  // 1. One name in several spellings: same transliteration key word by word (a final vowel aside, in a name of
  // several words); one word alone only for a place misspelt by a letter or two ("Montreaux").
  const bySpelling = new Map<string, Group[]>();
  const stem = (k: string) => (k.length > 2 ? k.replace(/a$/, '') : k);
  for (const g of all) {
    if (g.acronym || !g.wordKeys!.length) continue;
    bucket(bySpelling, g.wordKeys!.length > 1 ? g.wordKeys!.map(stem).join(' ') : `1:${g.wordKeys![0]}`, g);
  }
  for (const same of bySpelling.values()) {
    for (let i = 0; i < same.length; i++) {
      for (let j = i + 1; j < same.length; j++) {
        const a = same[i]!;
        const b = same[j]!;
        if (root(a) === root(b) || (a.type && b.type && a.type !== b.type)) continue;
        if (!sameSpelling(a.candidates[0]!.name, b.candidates[0]!.name)) continue;
        const places = (a.type ?? 'place') === 'place' && (b.type ?? 'place') === 'place' && (a.type ?? b.type) === 'place';
        if (a.wordKeys!.length < 2 && !(places && editDistance(a.key, b.key) <= 2)) continue;
        join(b, a, 'spelling');
      }
    }
  }

  // 2. A person's shorter name: "Mohammed Shaar" for "Mohammed Ibrahim al-Shaar" (same first and last word).
  const people = all.filter((g) => !g.parent && g.type === 'person' && words(g).length >= 2);
  const byEnds = new Map<string, Group[]>();
  for (const g of people) bucket(byEnds, `${g.wordKeys![0]} ${g.wordKeys![g.wordKeys!.length - 1]}`, g);
  for (const short of people) {
    if (short.parent) continue;
    const longer = (byEnds.get(`${short.wordKeys![0]} ${short.wordKeys![short.wordKeys!.length - 1]}`) ?? []).filter(
      (f) => f !== short && !f.parent && isShorterPersonName(short.candidates[0]!.name, f.candidates[0]!.name),
    );
    if (longer.length === 1) join(short, longer[0]!, 'spelling');
  }

  // 3. A name in parentheses or after ", or" right after an organisation's: "... Directorate (AFAD)".
  for (const g of all) {
    for (const c of g.candidates) {
      if (!c.alias || clusterType(g) !== 'organization') continue;
      const alias = groups.get(groupKey(c.alias.text));
      if (!alias || root(alias) === root(g) || mentions(alias) > 3 || gazetteerPlace(c.alias.text)) continue;
      join(alias, g, 'alias');
    }
  }

  // 4. Acronyms: the initials of exactly one organisation or place in the documents ("FSA", "UN", "EU").
  const byInitials = new Map<string, Group[]>();
  for (const g of all) if (!g.parent && !g.acronym && g.words >= 2 && (g.type === 'organization' || g.type === 'place')) bucket(byInitials, initials(g.candidates[0]!.name), g);
  for (const a of all.filter((g) => g.acronym && !g.parent)) {
    const matches = (byInitials.get(acronymLetters(a.candidates[0]!.text)) ?? []).filter((f) => !f.parent);
    if (!matches.length) continue;
    // Several ("SNC": the Syrian National Council and the Syrian National Coalition): the one written last before it.
    let pick = matches[0]!;
    if (matches.length > 1) {
      const c = a.candidates[0]!;
      const before = matches
        .flatMap((m) => m.candidates.filter((x) => x.doc === c.doc && x.end <= c.start).map((x) => ({ m, at: x.end })))
        .sort((x, y) => y.at - x.at);
      if (!before.length) continue;
      pick = before[0]!.m;
    }
    join(a, pick, 'alias');
  }

  // 5. Short forms: a surname or given name alone ("Hijab", "Bashar", "Ban"), an organisation's short name
  // ("Nusra", "the Observatory", "Security Council").
  const personByWord = new Map<string, Group[]>();
  const personByKey = new Map<string, Group[]>();
  const orgByWord = new Map<string, Group[]>();
  for (const g of all) {
    if (g.parent) continue;
    if (g.type === 'person' && words(g).length >= 2) {
      for (const w of new Set(words(g))) bucket(personByWord, w, g);
      for (const k of new Set(g.wordKeys!)) bucket(personByKey, k, g);
    }
    if (g.type === 'organization') for (const w of new Set(words(g))) bucket(orgByWord, w, g);
  }
  for (const s of [...all].filter((g) => !g.parent && !g.acronym)) {
    const sWords = words(s);
    if (!sWords.length || s.parent) continue;
    // Clear evidence in one mention ("the city of Qusair") keeps a word apart; many weak hints ("Volker said") do not.
    const strongOther = s.candidates.some((c) => c.votes.place >= 4 || c.votes.organization >= 4) || !!gazetteerPlace(s.candidates[0]!.name);
    if (sWords.length === 1 && !strongOther) {
      const w = sWords[0]!;
      const exact = (personByWord.get(w) ?? []).filter((f) => !f.parent && f !== s);
      const found = exact.length ? exact : (personByKey.get(s.wordKeys![0]!) ?? []).filter((f) => !f.parent && f !== s && words(f).some((x) => sameWordSpelling(x, w)));
      if (found.length) {
        const owner = [...found].sort((a, b) => b.size! - a.size! || byWeight(a, b))[0]!;
        join(s, owner, 'contextual');
        continue;
      }
    }
    if (clusterType(s) === 'person') continue;
    // Organisations: a shorter name made of the longer one's words ("Security Council" of "U.N. Security Council",
    // "Nusra" of "al-Nusra Front"); the head word alone ("Observatory") only names it in context.
    // A common word alone stands for an organisation only as the kind of body it is ("the Council", "the Agency"); any
    // other word of its name ("River" of "Valdora River Authority", "Emergency" of "National Emergency Agency") names
    // something else wherever it is capitalised.
    const oneCommonWord = s.commonWord && sWords.length === 1;
    if (oneCommonWord && !ORG_HEADS.has(sWords[0]!)) continue;
    const containing = (orgByWord.get(sWords[0]!) ?? []).filter((f) => !f.parent && f !== s && words(f).length > sWords.length && containsRun(words(f), sWords));
    if (containing.length === 1 && (clusterType(s) === 'organization' || clusterType(s) === undefined || oneCommonWord)) {
      const onlyHead = sWords.length === 1 && ORG_HEADS.has(sWords[0]!);
      join(s, containing[0]!, onlyHead || s.commonWord ? 'contextual' : 'alias');
    }
  }

  // 6. What stays on its own must be a name: a person by one word only with a title ("President Assad"); a common
  // word only when capitalised mid-sentence more than once or clearly a name.
  const entities: DiscoveredEntity[] = [];
  const clusters = new Map<Group, Group[]>();
  for (const g of all) {
    const r = root(g);
    clusters.set(r, [...(clusters.get(r) ?? []), g]);
  }
  for (const [main, members] of clusters) {
    // A name's spellings vote together ("visited Montreux" says nothing, "in Montreaux" says a place).
    const spellingVotes: Votes = { person: 0, place: 0, organization: 0 };
    for (const m of members) if (m === main || m.role === 'spelling') addVotes(spellingVotes, m.votes);
    const type = main.type ?? typeOf(spellingVotes);
    if (!type || main.onlyShort) continue;
    const mainWords = nameWords(main.candidates[0]!.name).length;
    const isAlone = members.length === 1;
    if (type === 'person' && mainWords < 2 && !members.some((m) => m.titled && m.words === 1 && m.candidates.some((c) => c.title))) {
      if (!members.some((m) => m.words >= 2)) continue;
    }
    // A head word alone ("the Government", "the Army", "the Centre") names nothing in particular.
    if (isAlone && main.commonWord && main.words === 1 && (ORG_HEADS.has(main.key) || PLACE_HEADS.has(main.key))) continue;
    if (main.commonWord && isAlone) {
      const midSentence = main.candidates.filter((c) => !c.sentenceInitial).length;
      if (midSentence < 2 && Math.max(main.votes.person, main.votes.place, main.votes.organization) < 3) continue;
    }
    if (members.every((m) => isDemonym(m.candidates[0]!.name))) continue;
    entities.push(toEntity(main, members, type));
  }
  return entities;
}

/** One word in two spellings ("Zelensky", "Zelenskiy"), not two words that sound alike ("Cairo", "Kerry"). */
function sameWordSpelling(a: string, b: string): boolean {
  return a[0] === b[0] && wordKey(a) === wordKey(b) && editDistance(a, b) <= 2;
}

function containsRun(words: string[], run: string[]): boolean {
  for (let i = 0; i + run.length <= words.length; i++) if (run.every((w, k) => words[i + k] === w)) return true;
  return false;
}

function toEntity(main: Group, members: Group[], type: EntityType): DiscoveredEntity {
  const fullNames = members.filter((m) => m === main || m.role === 'spelling');
  // The name most often written among the full names; more words, then alphabetical order break ties.
  const written = new Map<string, number>();
  for (const m of fullNames) for (const c of m.candidates) written.set(c.name, (written.get(c.name) ?? 0) + 1);
  const name = [...written.entries()].sort((a, b) => b[1] - a[1] || b[0].split(' ').length - a[0].split(' ').length || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))[0]![0];
  const aliases = new Set<string>([name]);
  const contextual = new Set<string>();
  const variants = new Set<string>();
  for (const m of members) {
    for (const c of m.candidates) {
      const form = c.text;
      const target = m.role === 'contextual' ? contextual : aliases;
      if (c.name !== c.text) {
        // A shouted dateline: the ordinary case is the alias, the capitals a variant.
        target.add(c.name);
        variants.add(form);
      } else target.add(form);
    }
  }
  for (const a of aliases) contextual.delete(a);
  const kinds = new Map<PlaceKindHint, number>();
  for (const m of members) for (const [k, n] of Object.entries(m.kinds)) kinds.set(k as PlaceKindHint, (kinds.get(k as PlaceKindHint) ?? 0) + n);
  const placeKind = type === 'place' ? [...kinds.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]?.[0] : undefined;
  return {
    name,
    type,
    aliases: [name, ...[...aliases].filter((a) => a !== name).sort()],
    contextualAliases: [...contextual].sort(),
    variants: [...variants].sort(),
    ...(placeKind ? { placeKind } : {}),
  };
}

