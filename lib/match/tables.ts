// The matcher's lookup tables, and their compiled form. Building them from a dataset (folding every alias, its case
// rules, the loose keys of transliterated names, the trie) is most of what a page paid before it could match, and it
// grows with the reference. So the dataset build compiles them once into plain JSON (CompiledTables:
// lib/reference/dataset.tables.json for the bundled reference; any dataset, one of several sets too, compiles to the
// same format), and a page only loads them: arrays read into typed arrays and pattern records, nothing folded or
// searched while loading (a pattern's case-rule words are folded when its key is found and a rule first checked).
// A unit test checks that the committed tables are exactly what compiling the committed dataset gives.
import type { Dataset, DatasetPart, Entity, Figure } from '../reference/types';
import { casedWordsOf, compileAliases, type AliasKind, type AliasPattern, type WordCase } from './aliases';
import { figuresByCounts, type FiguresByCounts } from './figure-engine';
import { buildLooseTables, type LooseTables } from './loose';
import type { NameKind } from './names';
import { relevanceWeights, type RelevanceWeights } from './relevance';
import { KeyTrie, type TrieArrays } from './trie';

/** Everything the matcher looks things up in. */
export interface MatcherTables {
  trie: KeyTrie;
  /**
   * A trie key's patterns (full names first; case-insensitive ones first within a kind). Loaded tables make a key's
   * pattern records the first time the key is found on a page: a page finds a few hundred keys of a reference's
   * tens of thousands.
   */
  patternsOf(key: number): AliasPattern[];
  loose: LooseTables;
  /** The reference figures by what they count: grouped when the tables are compiled, each group's figures looked up when first asked. */
  byCounts: FiguresByCounts;
  /** The reference's demonyms, lower case: a demonym before a place or organisation does not rename it. */
  demonyms: Set<string>;
  /** Undefined when the dataset has no relevance statistics: every article is then on the subject. */
  weights?: RelevanceWeights;
  /** A dataset of several reference sets (Dataset.parts): each set's own tables, in the parts' order. */
  parts?: PartTables[];
}

/** One reference set of a dataset of several: judged on its own (relevance, figures). */
export interface PartTables {
  part: DatasetPart;
  /** The set's entities and figures as a dataset of their own, for its figure judge. */
  view: Dataset;
  /** The ids of the set's entities (its view's): the judge of one set looks up only its own. */
  entityIds: ReadonlySet<string>;
  byCounts: Map<string, Figure[]>;
  weights?: RelevanceWeights;
}

function partTables(dataset: Dataset): { parts: PartTables[]; partOf: Map<string, number> } | undefined {
  if (!dataset.parts) return undefined;
  const partOf = new Map<string, number>();
  const parts = dataset.parts.map((part, i): PartTables => {
    for (const id of part.entityIds) partOf.set(id, i);
    const entityIds = new Set(part.entityIds);
    const figureIds = new Set(part.figureIds);
    const view: Dataset = {
      version: 1,
      ...(part.subject ? { subject: part.subject } : {}),
      documents: dataset.documents,
      entities: dataset.entities.filter((e) => entityIds.has(e.id)),
      figures: dataset.figures.filter((f) => figureIds.has(f.id)),
      ...(part.relevance ? { relevance: part.relevance } : {}),
    };
    return { part, view, entityIds, byCounts: figuresByCounts(view), ...(part.relevance ? { weights: relevanceWeights(part.relevance) } : {}) };
  });
  return { parts, partOf };
}

/** A pattern's rules beyond its alias and kind, when it has any. */
export interface CompiledRules {
  /** One letter a word, the initial of its WordCase ("ea": exact, any). */
  wordCases?: string;
  /** Only where they are not what folding the alias gives (`casedWordsOf`), which a page works out when it needs them. */
  casedWords?: string[];
  skipFirstWord?: true;
  nameKind?: NameKind;
  /** The pattern's reference set (AliasPattern.part), in a dataset of several. */
  part?: number;
}

/**
 * One alias pattern as a tuple (no field names repeated thousands of times): its key's index in the trie, the alias,
 * its kind, its entity by index into `dataset.entities` (-1: an other name), and its rules when it has any. The alias
 * is its position in the dataset's own list of that kind's forms (see `formsOf`) when it is one of them, which nearly
 * every alias is: the content script carries the dataset anyway, and its text repeated here, beyond gzip's window,
 * was a kilobyte of the script. A derived form (an acronym's variant, "U.N." of "UN") is written out.
 */
export type CompiledPattern = [key: number, alias: string | number, kind: AliasKind, entity: number, rules?: CompiledRules];

/** The dataset's own forms of one kind of an entity (of the dataset's other names for none), which a compiled alias indexes. */
function formsOf(dataset: Dataset, entity: Entity | undefined, kind: AliasKind): readonly string[] {
  if (!entity) return dataset.otherNames ?? [];
  switch (kind) {
    case 'full':
      return [entity.name, ...entity.aliases];
    case 'short':
      return entity.shortNames ?? [];
    case 'contextual':
      return entity.contextualAliases ?? [];
    case 'demonym':
      return entity.demonyms ?? [];
    default:
      return [];
  }
}

/** A WordCase by its initial (CompiledRules.wordCases). */
const WORD_CASES: Record<string, WordCase> = { a: 'any', e: 'exact', i: 'initial' };

/** What the tables' format is: tables of another one (an older build's) are not loaded, and the page builds its own. */
export const TABLES_FORMAT = 5;

export interface CompiledTables {
  format: typeof TABLES_FORMAT;
  /** What the tables were compiled from (see `fingerprint`): loading them with another dataset builds afresh. */
  fingerprint: string;
  /** Every pattern, grouped by key in key order (each key's list in its matching order). The keys themselves are read back from the trie. */
  patterns: CompiledPattern[];
  trie: TrieArrays;
  /** Loose names by first loose word: [word, [words, pattern index][]]; bags: [words, pattern index]. */
  loose: { byFirst: [string, [string[], number][]][]; bags: [string[], number][] };
  /** The reference's demonyms, lower case (MatcherTables.demonyms): a few, gathered here from every entity. */
  demonyms: string[];
  /**
   * The reference figures grouped by what they count (MatcherTables.byCounts), as indexes into `dataset.figures`:
   * in dataset order within a group, groups in the order of their first figure. The thing counted is read from a
   * group's first figure, so a page reads a few figures per thing counted rather than every figure.
   */
  figureGroups: number[][];
}

/**
 * A cheap identity of the dataset's matching side: entity, figure and other-name counts, the first and last entity
 * ids, and the alias counts of at most 64 entities evenly spread over the list (the first among them). It catches
 * tables shipped with the wrong reference, or kept after the dataset was edited; whether the bundled tables are
 * exactly the bundled dataset's is the unit test's job (a full hash of the dataset would cost what loading saves). It
 * reads a bounded number of entities: a pass over every entity's aliases was most of a large reference's load (1–4 ms
 * of a page's first visit for 10,000, spent reaching entities the page never names), and no identity stored with the
 * dataset could replace it, since an edit leaves a stored identity as it was.
 */
export function fingerprint(dataset: Dataset): string {
  // An indexed loop: it runs on every page, before any of this code is optimised (a for…of costs several times more).
  const { entities } = dataset;
  const step = (entities.length >> 6) + 1;
  let aliases = 0;
  for (let i = 0; i < entities.length; i += step) {
    const e = entities[i]!;
    aliases += e.aliases.length;
    if (e.shortNames) aliases += e.shortNames.length;
    if (e.contextualAliases) aliases += e.contextualAliases.length;
    if (e.demonyms) aliases += e.demonyms.length;
  }
  const ids = entities.length ? `${entities[0]!.id}…${entities[entities.length - 1]!.id}` : '';
  // A combined dataset's parts decide which set each pattern belongs to: tables compiled for another split are stale.
  const parts = dataset.parts ? ` ${dataset.parts.map((p) => `${p.id}:${p.entityIds.length}`).join(',')}` : '';
  return `${entities.length}e ${aliases}a ${dataset.figures.length}f ${dataset.otherNames?.length ?? 0}o ${ids}${parts}`;
}

/** The tables, built from the dataset (what the dataset build compiles, and what a page falls back to). */
export function buildTables(dataset: Dataset): MatcherTables {
  const split = partTables(dataset);
  const patterns = compileAliases(dataset, split ? (e) => split.partOf.get(e.id) ?? 0 : undefined);
  // One trie key per distinct folded key; each key lists its patterns.
  const keys: string[] = [];
  const patternsByKey: AliasPattern[][] = [];
  const keyIndex = new Map<string, number>();
  for (const p of patterns) {
    let k = keyIndex.get(p.key);
    if (k === undefined) {
      k = keys.length;
      keyIndex.set(p.key, k);
      keys.push(p.key);
      patternsByKey.push([]);
    }
    patternsByKey[k]!.push(p);
  }
  // Keys numbered in the order of their trie nodes: see KeyTrie.inNodeOrder.
  const { trie, order } = KeyTrie.inNodeOrder(keys);
  const byKey = order.map((i) => patternsByKey[i]!);
  return withDerived(dataset, {
    trie,
    patternsOf: (key) => byKey[key]!,
    loose: buildLooseTables(patterns),
    demonyms: demonymsOf(dataset),
    ...(split ? { parts: split.parts } : {}),
  });
}

function demonymsOf(dataset: Dataset): Set<string> {
  const out = new Set<string>();
  for (const e of dataset.entities) if (e.demonyms) for (const d of e.demonyms) out.add(d.toLowerCase());
  return out;
}

/**
 * The tables with what is computed from the dataset on the page when first needed (not shipped twice): the figures
 * by what they count (only an article on the subject with names found asks), the relevance weights.
 */
function withDerived(dataset: Dataset, tables: Omit<MatcherTables, 'byCounts' | 'weights'>, groups?: readonly (readonly number[])[]): MatcherTables {
  let byCounts: FiguresByCounts | undefined;
  return Object.defineProperties(tables as MatcherTables, {
    byCounts: { get: () => (byCounts ??= groups ? groupedFigures(dataset, groups) : figuresByCounts(dataset)), enumerable: true },
    ...(dataset.relevance ? { weights: { value: relevanceWeights(dataset.relevance), enumerable: true } } : {}),
  });
}

/**
 * The compiled groups of figures (CompiledTables.figureGroups) as a lookup: a group's figures are looked up when its
 * thing counted is first asked for. Stale groups (what a figure counts edited without a rebuild: the fingerprint
 * counts the figures, as it counts the aliases without reading them) are the unit test's to catch, as stale alias
 * text is: the committed tables must be what compiling the committed dataset gives.
 */
function groupedFigures({ figures }: Dataset, groups: readonly (readonly number[])[]): FiguresByCounts {
  // Each thing counted to its group's list, made once (the judge's prepared figures are kept by list).
  const byCounts = new Map<string, () => Figure[]>();
  for (const group of groups) {
    let list: Figure[] | undefined;
    byCounts.set(figures[group[0]!]!.counts, () => (list ??= group.map((i) => figures[i]!)));
  }
  return { get: (counts) => byCounts.get(counts)?.(), has: (counts) => byCounts.has(counts) };
}

/** The dataset's tables in their stored form (`npm run dataset` writes them beside the dataset). */
export function compileTables(dataset: Dataset): CompiledTables {
  const tables = buildTables(dataset);
  const entityIndex = new Map<Entity, number>(dataset.entities.map((e, i) => [e, i]));
  const figureIndex = new Map<Figure, number>(dataset.figures.map((f, i) => [f, i]));
  const patternIndex = new Map<AliasPattern, number>();
  const patterns: CompiledPattern[] = [];
  tables.trie.keys.forEach((_, k) => {
    for (const p of tables.patternsOf(k)) {
      patternIndex.set(p, patterns.length);
      const rules: CompiledRules = {
        ...(p.wordCases ? { wordCases: p.wordCases.map((c) => c[0]).join('') } : {}),
        ...(p.casedWords && p.casedWords.join(' ') !== casedWordsOf(p.alias).join(' ') ? { casedWords: p.casedWords } : {}),
        ...(p.skipFirstWord ? { skipFirstWord: true as const } : {}),
        ...(p.nameKind ? { nameKind: p.nameKind } : {}),
        ...(p.part !== undefined ? { part: p.part } : {}),
      };
      const entity = p.entity ? entityIndex.get(p.entity)! : -1;
      const own = formsOf(dataset, p.entity, p.kind).indexOf(p.alias);
      const alias = own >= 0 ? own : p.alias;
      patterns.push(Object.keys(rules).length > 0 ? [k, alias, p.kind, entity, rules] : [k, alias, p.kind, entity]);
    }
  });
  return {
    format: TABLES_FORMAT,
    fingerprint: fingerprint(dataset),
    patterns,
    trie: tables.trie.arrays(),
    loose: {
      byFirst: [...tables.loose.byFirst].map(([word, names]) => [word, names.map((n): [string[], number] => [n.words, patternIndex.get(n.pattern)!])]),
      bags: tables.loose.bags.map((b): [string[], number] => [[...b.words], patternIndex.get(b.pattern)!]),
    },
    demonyms: [...tables.demonyms],
    figureGroups: [...figuresByCounts(dataset).values()].map((list) => list.map((f) => figureIndex.get(f)!)),
  };
}

/**
 * The tables from their compiled form: no folding, no trie building. Undefined when `compiled` was not compiled
 * from this dataset (another format, another fingerprint): the caller then builds them.
 */
export function loadTables(dataset: Dataset, compiled: CompiledTables): MatcherTables | undefined {
  if (compiled.format !== TABLES_FORMAT || compiled.fingerprint !== fingerprint(dataset)) return undefined;
  const { entities } = dataset;
  const records = compiled.patterns;
  const trie = new KeyTrie(null, compiled.trie);
  // Sparse, not one slot per pattern: a page makes the patterns of the few hundred keys it finds.
  const made: AliasPattern[] = [];
  const patternAt = (i: number): AliasPattern => {
    let p = made[i];
    if (!p) {
      const [k, alias, kind, entity, rules] = records[i]!;
      const owner = entity >= 0 ? entities[entity]! : undefined;
      // The same properties as compileAliases makes (patternFor), the key a getter: it is read back from the trie
      // only when asked for (the context rules ask it of a few kinds), and the loose tables make their patterns here.
      p = { alias: typeof alias === 'number' ? formsOf(dataset, owner, kind)[alias]! : alias, kind } as AliasPattern;
      let key: string | undefined;
      Object.defineProperty(p, 'key', { get: () => (key ??= trie.key(k)), enumerable: true });
      if (owner) p.entity = owner;
      // The rest of the rules (skipFirstWord, nameKind, part) are stored as the pattern holds them.
      const { wordCases, casedWords, ...rest } = rules ?? {};
      Object.assign(p, rest);
      if (wordCases) {
        p.wordCases = Array.from(wordCases, (c) => WORD_CASES[c]!);
        // Worked out when a case rule is first checked (folding is code a page may not have run yet): the loose
        // tables make their patterns while loading.
        let cased = casedWords;
        const alias = p.alias;
        Object.defineProperty(p, 'casedWords', { get: () => (cased ??= casedWordsOf(alias)), enumerable: true });
      }
      made[i] = p;
    }
    return p;
  };
  const byKey: AliasPattern[][] = [];
  const patternsOf = (key: number): AliasPattern[] => {
    let list = byKey[key];
    if (!list) {
      // Records are grouped by key, in key order: the key's run starts at the first record not before it.
      let lo = 0;
      let hi = records.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (records[mid]![0] < key) lo = mid + 1;
        else hi = mid;
      }
      for (list = byKey[key] = []; lo < records.length && records[lo]![0] === key; lo++) list.push(patternAt(lo));
    }
    return list;
  };
  const bags = compiled.loose.bags.map(([words, i]) => ({ words: new Set(words), pattern: patternAt(i) }));
  return withDerived(dataset, {
    trie,
    patternsOf,
    loose: {
      byFirst: new Map(compiled.loose.byFirst.map(([word, names]) => [word, names.map(([words, i]) => ({ words, pattern: patternAt(i) }))])),
      bags,
      bagWords: new Set(bags.flatMap((b) => [...b.words])),
    },
    demonyms: new Set(compiled.demonyms),
    ...(dataset.parts ? { parts: partTables(dataset)!.parts } : {}),
  }, compiled.figureGroups);
}
