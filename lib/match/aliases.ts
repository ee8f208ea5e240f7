// Aliases → patterns: the folded key the trie looks for, what kind of name it is, and the case rules checked on the
// original text.
//
// Kinds (see lib/reference/types.ts): a *full* name links wherever the article is on the reference's subject; a
// *short* name ("Assad", "Security Council", "state TV") after the full name or anywhere on such an article,
// unless another bearer was just named; a *contextual* form ("the Observatory", "Bashar") only after the full
// name; a *demonym* ("Syrian") is evidence of the subject and never highlighted; an *other* name ("Hafez
// al-Assad", "The New York Times") wins on longest match and is never highlighted.
//
// Folding makes "assad", "ASSAD" and "Assad" one key, which is right for names but wrong for acronyms: "UN" must
// not match the French word "un", "EU" not "eu", "US" not "us". So each word of an alias keeps a case rule:
// - a word written in capitals (two or more letters: "UN", "U.N.", "FSA", "BBC") must appear in capitals;
// - a one-word alias written with an initial capital ("Homs", "Nice", "Hope") must start with a capital on the page,
//   so common words that happen to be names are not matched in running lower-case text; all-caps headlines
//   still match;
// - in a short or contextual form, every word written with an initial capital must have one on the page: "the
//   Observatory" is not "the observatory", "Security Council" is not "security council" (which curation may list
//   separately, as a contextual form);
// - every other word is case-insensitive ("Bashar al-Assad" matches "BASHAR AL-ASSAD" and "Bashar Al-Assad").
import type { Dataset, Entity } from '../reference/types';
import { classesOfPoint, LETTER, LOWER, UPPER } from '../text/chars';
import { foldForMatching } from '../text/normalize';
import type { NameKind } from './names';

/** How each word of an alias must be cased on the page: any case, the alias's capitals (acronyms), or a capital first letter. */
export type WordCase = 'any' | 'exact' | 'initial';

export type AliasKind = 'full' | 'short' | 'contextual' | 'demonym' | 'other';

export interface AliasPattern {
  /** The folded form searched for. */
  key: string;
  /** The alias as written in the dataset (or the variant derived from it). */
  alias: string;
  kind: AliasKind;
  /** The reference entity it names; undefined for an `other` name. */
  entity?: Entity;
  /** Case rule per space-separated word of `cased`; undefined when every word is case-insensitive. */
  wordCases?: WordCase[];
  /** The alias folded without lower-casing, split into words like the key. */
  casedWords?: string[];
  /** A contextual form written "the X": the page must say "the" too, but only "X" is highlighted. */
  skipFirstWord?: boolean;
  /** Which names-inside-names rule applies on the page (lib/match/names.ts); none for full personal names. */
  nameKind?: NameKind;
  /** The reference set it belongs to (an index into Dataset.parts), in a dataset of several sets. */
  part?: number;
}

/**
 * Whether a character (one code point) has the class (./chars.ts: exactly `\p{L}`, `\p{Lu}`…): the case rules are
 * checked on the page, where each `\p{…}` expression would cost its compile on the first run.
 */
const isOf = (c: string, cls: number) => c !== '' && (classesOfPoint(c.codePointAt(0)!) & cls) !== 0;
const isUpperChar = (c: string) => isOf(c, UPPER);

const KIND_ORDER: Record<AliasKind, number> = { full: 0, short: 1, contextual: 2, demonym: 3, other: 4 };

function isCapitalsWord(word: string): boolean {
  const letters = [...word].filter((c) => isOf(c, LETTER));
  return letters.length >= 2 && letters.every(isUpperChar);
}

/** "UN" ↔ "U.N.": newsrooms write acronyms both ways, a reader expects either to be recognised. */
function acronymVariants(alias: string): string[] {
  if (/^\p{Lu}{2,4}$/u.test(alias)) return [[...alias].join('.') + '.'];
  if (/^(?:\p{Lu}\.){2,4}$/u.test(alias)) return [alias.replace(/\./g, '')];
  return [];
}

function nameKindFor(entity: Entity | undefined, kind: AliasKind, casedWords: string[], skipFirstWord: boolean): NameKind | undefined {
  if (!entity || kind === 'demonym' || kind === 'other' || skipFirstWord) return undefined;
  // A short form written in lower case is a description: "state TV", "security council".
  if (kind !== 'full' && isOf([...casedWords[0]!][0] ?? '', LOWER)) return 'description';
  if (entity.type === 'place') return 'place';
  if (entity.type === 'organization') return 'organization';
  // A person's full name is read as a whole ("UN Secretary-General Ban Ki-moon" is his name with titles); a bare
  // family name is checked for another first name before it ("Hafez Assad").
  return kind === 'full' ? undefined : 'surname';
}

/** An alias folded without lower-casing, split into words like its key (AliasPattern.casedWords). */
export function casedWordsOf(alias: string): string[] {
  return foldForMatching(alias, { foldCase: false }).trim().split(' ');
}

export function patternFor(alias: string, entity: Entity | undefined, kind: AliasKind): AliasPattern | undefined {
  const key = foldForMatching(alias).trim();
  // The matcher starts walks at word starts only: an alias must begin with a letter or digit.
  if (!/^[\p{L}\p{N}]/u.test(key)) return undefined;
  const casedWords = casedWordsOf(alias);
  const skipFirstWord = kind === 'contextual' && casedWords.length > 1 && casedWords[0]!.toLowerCase() === 'the';
  const wordCases = casedWords.map((w): WordCase => {
    if (isCapitalsWord(w)) return 'exact';
    if ((kind === 'short' || kind === 'contextual') && isUpperChar([...w][0] ?? '')) return 'initial';
    return 'any';
  });
  if (casedWords.length === 1 && wordCases[0] === 'any' && isUpperChar([...casedWords[0]!][0] ?? '') && [...casedWords[0]!].some((c) => isOf(c, LOWER))) {
    wordCases[0] = 'initial';
  }
  const strict = wordCases.some((c) => c !== 'any');
  const nameKind = nameKindFor(entity, kind, casedWords, skipFirstWord);
  return {
    key,
    alias,
    kind,
    ...(entity ? { entity } : {}),
    ...(strict ? { wordCases, casedWords } : {}),
    ...(skipFirstWord ? { skipFirstWord } : {}),
    ...(nameKind ? { nameKind } : {}),
  };
}

/** How much the reference documents say about an entity: it keeps a key another entity also claims. */
const weight = (e: Entity) => e.mentions.length * 1000 + e.figureIds.length;

/**
 * Every pattern of the dataset, one per (key, kind, case rule). When two entities share a key, the one the source
 * documents mention most keeps it: a highlight names one entity. Full names claim keys first; short, contextual
 * and demonym forms take only keys no full name claimed; other names only keys no reference form claimed.
 */
export function compileAliases(dataset: Dataset, partOf?: (entity: Entity) => number): AliasPattern[] {
  // With several reference sets (Dataset.parts) each set keeps its own keys: two sets that both know "Syria" both
  // find it, and each judges on its own whether an article is about its subject.
  const byKey = new Map<string, AliasPattern[]>();
  const owner = new Map<string, Entity>();
  const claimed = new Set<string>();
  const passes: [Entity | undefined, string[], AliasKind][] = [
    // A name the curation lists among the short names ("LBC", shared with a Lebanese broadcaster) is matched as one.
    ...dataset.entities.map((e): [Entity, string[], AliasKind] => [e, [e.name, ...e.aliases].filter((a) => !e.shortNames?.includes(a)), 'full']),
    ...dataset.entities.map((e): [Entity, string[], AliasKind] => [e, e.shortNames ?? [], 'short']),
    ...dataset.entities.map((e): [Entity, string[], AliasKind] => [e, e.contextualAliases ?? [], 'contextual']),
    ...dataset.entities.map((e): [Entity, string[], AliasKind] => [e, e.demonyms ?? [], 'demonym']),
    [undefined, dataset.otherNames ?? [], 'other'],
  ];
  for (const [entity, aliases, kind] of passes) {
    const forms = new Set<string>();
    for (const alias of aliases) {
      forms.add(alias);
      if (kind === 'full' || kind === 'other') for (const v of acronymVariants(alias)) forms.add(v);
    }
    for (const alias of forms) {
      const p = patternFor(alias, entity, kind);
      if (!p) continue;
      const part = entity && partOf ? partOf(entity) : undefined;
      if (part !== undefined) p.part = part;
      const slot = part === undefined ? p.key : `${part}\u0000${p.key}`;
      const list = byKey.get(slot) ?? [];
      if (kind === 'other') {
        if (list.length > 0 || claimed.has(p.key)) continue;
      } else if (entity) {
        const current = owner.get(slot);
        if (current && current !== entity) {
          // Only a full name displaces another entity's form, and only when the documents say more about it.
          if (kind !== 'full' || list.some((q) => q.entity === current && q.kind === 'full' && weight(current) >= weight(entity))) continue;
          list.length = 0;
        }
        owner.set(slot, entity);
        claimed.add(p.key);
      }
      // The same key, kind and case rule twice (e.g. "Assad" as name and alias): keep one.
      const same = (q: AliasPattern) => q.kind === p.kind && JSON.stringify(q.wordCases) === JSON.stringify(p.wordCases) && JSON.stringify(q.casedWords) === JSON.stringify(p.casedWords);
      if (!list.some(same)) list.push(p);
      // Full names before short forms before contextual ones; within a kind, a case-insensitive form accepts
      // everything a stricter one does, so it is tried first.
      list.sort((a, b) => KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || Number(!!a.wordCases) - Number(!!b.wordCases));
      byKey.set(slot, list);
    }
  }
  return [...byKey.values()].flat();
}

/**
 * Whether `originalSlice` (the page text a key matched) satisfies the pattern's case rules. Folding kept the
 * word structure, so the slice folded without lower-casing splits into the same words as the alias.
 */
export function caseAllows(pattern: AliasPattern, originalSlice: string): boolean {
  if (!pattern.wordCases || !pattern.casedWords) return true;
  // Fast paths for the common cases, without folding: the page wrote the alias exactly, or a one-word name's
  // initial is a plain ASCII letter.
  if (originalSlice === pattern.alias) return true;
  if (pattern.wordCases.length === 1 && pattern.wordCases[0] === 'initial') {
    const c = originalSlice.charCodeAt(0);
    if (c >= 0x41 && c <= 0x5a) return true;
    if (c >= 0x61 && c <= 0x7a) return false;
  }
  const words = foldForMatching(originalSlice, { foldCase: false }).trim().split(' ');
  if (words.length !== pattern.casedWords.length) return false;
  for (let i = 0; i < words.length; i++) {
    const rule = pattern.wordCases[i];
    const word = words[i]!;
    if (rule === 'exact' && word !== pattern.casedWords[i]) return false;
    if (rule === 'initial') {
      const first = [...word][0] ?? '';
      if (!isUpperChar(first)) return false;
    }
  }
  return true;
}
