// Aliases → patterns: the folded key the trie looks for, plus the case rules checked on the original text.
//
// Folding makes "assad", "ASSAD" and "Assad" one key, which is right for names but wrong for acronyms: "UN" must
// not match the French word "un", "EU" not "eu", "US" not "us". So each word of an alias keeps a case rule:
// - a word written in capitals (two or more letters: "UN", "U.N.", "FSA", "BBC") must appear in capitals;
// - a one-word alias written with an initial capital ("Homs", "Nice", "Hope") must start with a capital on the page,
//   so common words that happen to be names are not matched in running lower-case text; all-caps headlines
//   still match;
// - every other word is case-insensitive ("Bashar al-Assad" matches "BASHAR AL-ASSAD" and "Bashar Al-Assad").
import type { Dataset, Entity } from '../reference/types';
import { foldForMatching } from '../text/normalize';

/** How each word of an alias must be cased on the page: any case, the alias's capitals (acronyms), or a capital first letter. */
export type WordCase = 'any' | 'exact' | 'initial';

export interface AliasPattern {
  /** The folded form searched for. */
  key: string;
  /** The alias as written in the dataset (or the variant derived from it). */
  alias: string;
  entity: Entity;
  /** Case rule per space-separated word of `cased`; undefined when every word is case-insensitive. */
  wordCases?: WordCase[];
  /** The alias folded without lower-casing, split into words like the key. */
  casedWords?: string[];
  /**
   * A contextual alias ("the Observatory"): it names the entity only after its full name has appeared earlier in
   * the same text, so the matcher accepts it only then.
   */
  contextual?: boolean;
}

const LETTER = /\p{L}/u;
const UPPER = /\p{Lu}/u;
const LOWER = /\p{Ll}/u;

function isCapitalsWord(word: string): boolean {
  const letters = [...word].filter((c) => LETTER.test(c));
  return letters.length >= 2 && letters.every((c) => UPPER.test(c));
}

/** "UN" ↔ "U.N.": newsrooms write acronyms both ways, a reader expects either to be recognised. */
function acronymVariants(alias: string): string[] {
  if (/^\p{Lu}{2,4}$/u.test(alias)) return [[...alias].join('.') + '.'];
  if (/^(?:\p{Lu}\.){2,4}$/u.test(alias)) return [alias.replace(/\./g, '')];
  return [];
}

function patternFor(alias: string, entity: Entity, contextual: boolean): AliasPattern | undefined {
  const key = foldForMatching(alias).trim();
  // The matcher starts walks at word starts only: an alias must begin with a letter or digit.
  if (!/^[\p{L}\p{N}]/u.test(key)) return undefined;
  const casedWords = foldForMatching(alias, { foldCase: false }).trim().split(' ');
  const wordCases = casedWords.map((w): WordCase => (isCapitalsWord(w) ? 'exact' : 'any'));
  if (casedWords.length === 1 && wordCases[0] === 'any' && UPPER.test([...casedWords[0]!][0] ?? '') && LOWER.test(casedWords[0]!)) {
    wordCases[0] = 'initial';
  }
  const strict = wordCases.some((c) => c !== 'any');
  return { key, alias, entity, ...(strict ? { wordCases, casedWords } : {}), ...(contextual ? { contextual } : {}) };
}

/**
 * Every pattern of the dataset, one per (entity, key, case rule). When two entities share a key ("Assad" for
 * Bashar and Hafez al-Assad), the one the source documents mention most keeps it: a highlight names one entity.
 */
export function compileAliases(dataset: Dataset): AliasPattern[] {
  const byKey = new Map<string, AliasPattern[]>();
  const owner = new Map<string, Entity>();
  const weight = (e: Entity) => e.mentions.length * 1000 + e.figureIds.length;
  // Full aliases first, for every entity; contextual ones after, only for keys no full alias claimed.
  const passes: [Entity, string[], boolean][] = [
    ...dataset.entities.map((e): [Entity, string[], boolean] => [e, [e.name, ...e.aliases], false]),
    ...dataset.entities.map((e): [Entity, string[], boolean] => [e, e.contextualAliases ?? [], true]),
  ];
  for (const [entity, aliases, contextual] of passes) {
    const forms = new Set<string>();
    for (const alias of aliases) {
      forms.add(alias);
      for (const v of acronymVariants(alias)) forms.add(v);
    }
    for (const alias of forms) {
      const p = patternFor(alias, entity, contextual);
      if (!p) continue;
      if (contextual && byKey.has(p.key)) continue;
      const current = owner.get(p.key);
      if (current && current !== entity) {
        if (weight(current) >= weight(entity)) continue;
        byKey.set(p.key, []);
      }
      owner.set(p.key, entity);
      const list = byKey.get(p.key) ?? [];
      // Same key and same case rule twice (e.g. "Assad" as name and alias): keep one.
      if (!list.some((q) => JSON.stringify(q.wordCases) === JSON.stringify(p.wordCases) && JSON.stringify(q.casedWords) === JSON.stringify(p.casedWords))) {
        // A case-insensitive form accepts everything a stricter one does: try it first.
        if (p.wordCases) list.push(p);
        else list.unshift(p);
      }
      byKey.set(p.key, list);
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
      if (!UPPER.test(first)) return false;
    }
  }
  return true;
}
