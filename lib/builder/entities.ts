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
  for (const g of all) g.type = typeOf(g.votes);
  const clusterType = (g: Group): EntityType | undefined => root(g).type;
  const join = (child: Group, parent: Group, role: Group['role']): void => {
    const a = root(child);
    const b = root(parent);
    if (a === b) return;
    a.parent = b;
    a.role = role;
  };
  // The order names are considered in: most mentioned first, then longer, then alphabetical, so merges never flip.
  const byWeight = (a: Group, b: Group): number => mentions(b) - mentions(a) || b.words - a.words || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
  all.sort(byWeight);

  // 1. One name in several spellings.
  for (let i = 0; i < all.length; i++) {
    for (let j = i + 1; j < all.length; j++) {
      const a = all[i]!;
      const b = all[j]!;
      if (a.acronym || b.acronym || root(a) === root(b)) continue;
      if (a.type && b.type && a.type !== b.type) continue;
      const an = a.candidates[0]!.name;
      const bn = b.candidates[0]!.name;
      if (!sameSpelling(an, bn)) continue;
      const words = Math.max(nameWords(an).length, nameWords(bn).length);
      // One word alone is a different name unless it is a place misspelt by a letter or two ("Montreaux").
      const places = (a.type ?? 'place') === 'place' && (b.type ?? 'place') === 'place' && (a.type ?? b.type) === 'place';
      if (words < 2 && !(places && editDistance(a.key, b.key) <= 2)) continue;
      join(b, a, 'spelling');
    }
  }

  // 2. A person's shorter name: "Mohammed Shaar" for "Mohammed Ibrahim al-Shaar".
  const people = () => all.filter((g) => !g.parent && g.type === 'person' && nameWords(g.candidates[0]!.name).length >= 2);
  for (const short of people()) {
    const longer = people().filter((f) => f !== short && isShorterPersonName(short.candidates[0]!.name, f.candidates[0]!.name));
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
  const full = () => all.filter((g) => !g.parent && !g.acronym && g.words >= 2 && (g.type === 'organization' || g.type === 'place'));
  for (const a of all.filter((g) => g.acronym && !g.parent)) {
    const letters = acronymLetters(a.candidates[0]!.text);
    const matches = full().filter((f) => initials(f.candidates[0]!.name) === letters);
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
  for (const s of [...all].filter((g) => !g.parent && !g.acronym)) {
    const sWords = nameWords(s.candidates[0]!.name);
    if (!sWords.length) continue;
    // Clear evidence in one mention ("the city of Qusair") keeps a word apart; many weak hints ("Volker said") do not.
    const strongOther = s.candidates.some((c) => c.votes.place >= 4 || c.votes.organization >= 4) || !!gazetteerPlace(s.candidates[0]!.name);
    if (sWords.length === 1 && !strongOther) {
      const w = sWords[0]!;
      const owners = (exact: boolean) =>
        all.filter((f) => !f.parent && f !== s && f.type === 'person' && nameWords(f.candidates[0]!.name).length >= 2 && nameWords(f.candidates[0]!.name).some((x) => (exact ? x === w : sameWordSpelling(x, w))));
      const found = owners(true).length ? owners(true) : owners(false);
      if (found.length) {
        const owner = found.sort((a, b) => clusterMentions(b, all) - clusterMentions(a, all) || byWeight(a, b))[0]!;
        join(s, owner, 'contextual');
        continue;
      }
    }
    if (clusterType(s) === 'person') continue;
    // Organisations: a shorter name made of the longer one's words ("Security Council" of "U.N. Security Council",
    // "Nusra" of "al-Nusra Front"); the head word alone ("Observatory") only names it in context.
    const orgs = all.filter((f) => !f.parent && f !== s && f.type === 'organization' && nameWords(f.candidates[0]!.name).length > sWords.length);
    const containing = orgs.filter((f) => containsRun(nameWords(f.candidates[0]!.name), sWords));
    if (containing.length === 1 && (clusterType(s) === 'organization' || clusterType(s) === undefined || (s.commonWord && sWords.length === 1))) {
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

function clusterMentions(g: Group, all: Group[]): number {
  return all.filter((x) => root(x) === root(g)).reduce((n, x) => n + mentions(x), 0);
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

