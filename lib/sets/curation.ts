// The reader's corrections to a built set: rename an entity, merge two, remove one, add or remove an alias,
// change its category, fix or drop a figure. They are kept apart from what the builder made (lib/sets/types.ts
// StoredEdit) and applied, in order, over every build, so adding a document or rebuilding never loses them; each
// is undone by deleting it.
//
// An edit names its target three ways, tried in order against the dataset it is applied to: the item's id (ids
// carry over from one build to the next, lib/sets/stable-ids.ts), a mention of it (a character range in one
// document: a document never changes, so its mentions keep naming the same thing), and, for entities, its
// name. An edit whose target is nowhere (its only document was deleted) does nothing and says so.
import { z } from 'zod';
import type { Dataset, Entity, EntityType, Figure, Mention, Qualifier, RelevanceStats } from '../reference/types';
import { labelFor } from '../figures/label';

export interface ItemTarget {
  id: string;
  /** The entity's name or the figure's label when the edit was made: how the edit list names it. */
  name: string;
  mention?: Mention;
}

export type CurationEdit =
  | { kind: 'rename'; entity: ItemTarget; name: string }
  | { kind: 'merge'; entity: ItemTarget; into: ItemTarget }
  | { kind: 'remove'; entity: ItemTarget }
  | { kind: 'add-alias'; entity: ItemTarget; alias: string }
  | { kind: 'remove-alias'; entity: ItemTarget; alias: string }
  | { kind: 'set-type'; entity: ItemTarget; type: EntityType }
  | { kind: 'fix-figure'; figure: ItemTarget; value: number; qualifier: Qualifier; unit: string }
  | { kind: 'drop-figure'; figure: ItemTarget };

export type EditKind = CurationEdit['kind'];

export const QUALIFIERS: readonly Qualifier[] = ['exact', 'more than', 'at least', 'up to', 'at most', 'fewer than', 'some', 'about'];
export const ENTITY_TYPES: readonly EntityType[] = ['person', 'place', 'organization'];
const TYPE_WORDS: Record<EntityType, string> = { person: 'person', place: 'place', organization: 'organisation' };

/** Longest name or alias a reader may type. */
export const MAX_NAME = 300;

const name = z.string().trim().min(1, 'the name is empty').max(MAX_NAME, `a name is at most ${MAX_NAME} characters`);
const mention = z.object({ doc: z.string().min(1).max(100), start: z.number().int().nonnegative(), end: z.number().int().nonnegative() }).strict()
  .refine((m) => m.end > m.start, { message: 'a mention ends after it starts' });
const target = z.object({ id: z.string().min(1).max(400), name: z.string().max(2000), mention: mention.optional() }).strict();

export const curationEditSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('rename'), entity: target, name }).strict(),
  z.object({ kind: z.literal('merge'), entity: target, into: target }).strict(),
  z.object({ kind: z.literal('remove'), entity: target }).strict(),
  z.object({ kind: z.literal('add-alias'), entity: target, alias: name }).strict(),
  z.object({ kind: z.literal('remove-alias'), entity: target, alias: name }).strict(),
  z.object({ kind: z.literal('set-type'), entity: target, type: z.enum(['person', 'place', 'organization']) }).strict(),
  z.object({
    kind: z.literal('fix-figure'),
    figure: target,
    value: z.number().finite().nonnegative(),
    qualifier: z.enum(['exact', 'more than', 'at least', 'up to', 'at most', 'fewer than', 'some', 'about']),
    unit: z.string().trim().max(100),
  }).strict(),
  z.object({ kind: z.literal('drop-figure'), figure: target }).strict(),
]);

/** What became of one edit when it was applied. */
export interface EditOutcome {
  applied: boolean;
  /** Why not, in the reader's words. */
  reason?: string;
}

export interface Curated {
  dataset: Dataset;
  /** One per edit, in the order given. */
  outcomes: EditOutcome[];
}

/** A target for an entity: its id, name and first mention. */
export function entityTarget(e: Entity): ItemTarget {
  return { id: e.id, name: e.name, ...(e.mentions[0] ? { mention: { ...e.mentions[0] } } : {}) };
}

export function figureTarget(f: Figure): ItemTarget {
  return { id: f.id, name: f.label, ...(f.mentions[0] ? { mention: { ...f.mentions[0] } } : {}) };
}

/** One line for the edit list: "Renamed “Gulf Cooperation” to “Gulf Cooperation Council”". */
export function describeEdit(edit: CurationEdit): string {
  switch (edit.kind) {
    case 'rename': return `Renamed “${edit.entity.name}” to “${edit.name}”`;
    case 'merge': return `Merged “${edit.entity.name}” into “${edit.into.name}”`;
    case 'remove': return `Removed “${edit.entity.name}”`;
    case 'add-alias': return `Added the alias “${edit.alias}” to “${edit.entity.name}”`;
    case 'remove-alias': return `Removed the alias “${edit.alias}” from “${edit.entity.name}”`;
    case 'set-type': return `Made “${edit.entity.name}” ${edit.type === 'organization' ? 'an' : 'a'} ${TYPE_WORDS[edit.type]}`;
    case 'fix-figure': return `Fixed the figure “${edit.figure.name}”`;
    case 'drop-figure': return `Dropped the figure “${edit.figure.name}”`;
  }
}

const fold = (s: string) => s.normalize('NFKC').toLocaleLowerCase('en').replace(/\s+/g, ' ').trim();
const overlaps = (a: Mention, b: Mention) => a.doc === b.doc && a.start < b.end && b.start < a.end;

/** Working copies: edits never change the dataset they are given. */
interface Draft {
  dataset: Dataset;
  entities: Map<string, Entity>;
  figures: Map<string, Figure>;
  /** Ids of entities merged into another, to the id they went to: a later edit of the old id follows. */
  mergedInto: Map<string, string>;
}

function draftOf(dataset: Dataset): Draft {
  const copy = structuredClone(dataset);
  return {
    dataset: copy,
    entities: new Map(copy.entities.map((e) => [e.id, e])),
    figures: new Map(copy.figures.map((f) => [f.id, f])),
    mergedInto: new Map(),
  };
}

function findEntity(draft: Draft, target: ItemTarget): Entity | undefined {
  let id: string | undefined = target.id;
  for (let hops = 0; id && !draft.entities.has(id) && hops < 100; hops++) id = draft.mergedInto.get(id);
  if (id && draft.entities.has(id)) return draft.entities.get(id);
  if (target.mention) {
    const m = target.mention;
    for (const e of draft.entities.values()) if (e.mentions.some((x) => overlaps(x, m))) return e;
  }
  const wanted = fold(target.name);
  for (const e of draft.entities.values()) if (fold(e.name) === wanted) return e;
  for (const e of draft.entities.values()) if (e.aliases.some((a) => fold(a) === wanted)) return e;
  return undefined;
}

function findFigure(draft: Draft, target: ItemTarget): Figure | undefined {
  const byId = draft.figures.get(target.id);
  if (byId) return byId;
  if (target.mention) {
    const m = target.mention;
    for (const f of draft.figures.values()) if (f.mentions.some((x) => overlaps(x, m))) return f;
  }
  return undefined;
}

const unique = <T>(items: Iterable<T>): T[] => [...new Set(items)];
const without = (list: string[] | undefined, form: string) => (list ?? []).filter((x) => fold(x) !== fold(form));
const sortMentions = (mentions: Mention[]) =>
  mentions.sort((a, b) => (a.doc < b.doc ? -1 : a.doc > b.doc ? 1 : a.start - b.start || a.end - b.end));

function setOptional<K extends keyof Entity>(e: Entity, key: K, list: string[]): void {
  if (list.length) (e as unknown as Record<string, unknown>)[key] = list;
  else delete e[key];
}

function dropEntityFromFigures(draft: Draft, id: string, replacement?: string): void {
  for (const f of draft.figures.values()) {
    f.entityIds = unique(f.entityIds.map((x) => (x === id ? replacement : x)).filter((x): x is string => !!x));
    if (f.placeId === id) {
      if (replacement) f.placeId = replacement;
      else delete f.placeId;
    }
    if (f.attributedToId === id) {
      if (replacement) f.attributedToId = replacement;
      else delete f.attributedToId;
    }
  }
}

function moveCounts(stats: RelevanceStats | undefined, from: string, into?: string): void {
  if (!stats) return;
  for (const table of [stats.reference, stats.background, stats.demonymsInReference, stats.demonymsInBackground]) {
    const n = table[from];
    if (n === undefined) continue;
    delete table[from];
    if (into) table[into] = (table[into] ?? 0) + n;
  }
  if (stats.core.includes(from)) stats.core = unique(stats.core.map((x) => (x === from ? into : x)).filter((x): x is string => !!x)).sort();
}

function apply(draft: Draft, edit: CurationEdit): EditOutcome {
  const gone = (what: string): EditOutcome => ({ applied: false, reason: `${what} is no longer in the set` });
  switch (edit.kind) {
    case 'rename': {
      const e = findEntity(draft, edit.entity);
      if (!e) return gone(`“${edit.entity.name}”`);
      e.name = edit.name.trim();
      e.aliases = unique([e.name, ...e.aliases]);
      return { applied: true };
    }
    case 'merge': {
      const e = findEntity(draft, edit.entity);
      const into = findEntity(draft, edit.into);
      if (!e) return gone(`“${edit.entity.name}”`);
      if (!into) return gone(`“${edit.into.name}”`);
      if (e === into) return { applied: false, reason: 'they are already one entity' };
      into.aliases = unique([...into.aliases, e.name, ...e.aliases]);
      const contextual = unique([...(into.contextualAliases ?? []), ...(e.contextualAliases ?? [])]).filter((a) => !into.aliases.includes(a));
      setOptional(into, 'contextualAliases', contextual);
      setOptional(into, 'shortNames', unique([...(into.shortNames ?? []), ...(e.shortNames ?? [])]).filter((a) => !into.aliases.includes(a)));
      setOptional(into, 'looseNames', unique([...(into.looseNames ?? []), ...(e.looseNames ?? [])]));
      setOptional(into, 'variants', unique([...(into.variants ?? []), ...(e.variants ?? [])]));
      setOptional(into, 'demonyms', unique([...(into.demonyms ?? []), ...(e.demonyms ?? [])]));
      into.mentions = sortMentions([...into.mentions, ...e.mentions]);
      into.figureIds = unique([...into.figureIds, ...e.figureIds]);
      if (!into.description && e.description) into.description = e.description;
      draft.entities.delete(e.id);
      draft.mergedInto.set(e.id, into.id);
      dropEntityFromFigures(draft, e.id, into.id);
      moveCounts(draft.dataset.relevance, e.id, into.id);
      return { applied: true };
    }
    case 'remove': {
      const e = findEntity(draft, edit.entity);
      if (!e) return gone(`“${edit.entity.name}”`);
      draft.entities.delete(e.id);
      dropEntityFromFigures(draft, e.id);
      moveCounts(draft.dataset.relevance, e.id);
      return { applied: true };
    }
    case 'add-alias': {
      const e = findEntity(draft, edit.entity);
      if (!e) return gone(`“${edit.entity.name}”`);
      const alias = edit.alias.trim();
      if (e.aliases.some((a) => a === alias)) return { applied: false, reason: `“${alias}” is already one of its names` };
      const owner = [...draft.entities.values()].find((o) => o !== e && o.aliases.some((a) => fold(a) === fold(alias)));
      if (owner) return { applied: false, reason: `“${alias}” is a name of “${owner.name}”: merge the two instead` };
      e.aliases = [...e.aliases, alias];
      setOptional(e, 'contextualAliases', without(e.contextualAliases, alias));
      setOptional(e, 'shortNames', without(e.shortNames, alias));
      return { applied: true };
    }
    case 'remove-alias': {
      const e = findEntity(draft, edit.entity);
      if (!e) return gone(`“${edit.entity.name}”`);
      if (fold(e.name) === fold(edit.alias)) return { applied: false, reason: 'it is the entity’s name: rename it first' };
      const forms = [...e.aliases, ...(e.contextualAliases ?? []), ...(e.shortNames ?? [])];
      if (!forms.some((a) => fold(a) === fold(edit.alias))) return { applied: false, reason: `“${edit.alias}” is not one of its names` };
      e.aliases = without(e.aliases, edit.alias);
      setOptional(e, 'contextualAliases', without(e.contextualAliases, edit.alias));
      setOptional(e, 'shortNames', without(e.shortNames, edit.alias));
      setOptional(e, 'looseNames', without(e.looseNames, edit.alias));
      return { applied: true };
    }
    case 'set-type': {
      const e = findEntity(draft, edit.entity);
      if (!e) return gone(`“${edit.entity.name}”`);
      e.type = edit.type;
      if (edit.type !== 'place') delete e.placeKind;
      return { applied: true };
    }
    case 'fix-figure': {
      const f = findFigure(draft, edit.figure);
      if (!f) return gone(`The figure “${edit.figure.name}”`);
      f.value = edit.value;
      f.qualifier = edit.qualifier;
      f.unit = edit.unit.trim() || f.unit;
      f.label = labelFor(f.counts, f.value, f.qualifier, f.unit);
      return { applied: true };
    }
    case 'drop-figure': {
      const f = findFigure(draft, edit.figure);
      if (!f) return gone(`The figure “${edit.figure.name}”`);
      draft.figures.delete(f.id);
      for (const e of draft.entities.values()) e.figureIds = e.figureIds.filter((id) => id !== f.id);
      return { applied: true };
    }
  }
}

/**
 * The dataset with the edits applied in order, and what became of each. Pure: the input is not changed (without
 * edits it is given back as it is), and the same dataset and edits always give the same result.
 */
export function applyEdits(dataset: Dataset, edits: readonly CurationEdit[]): Curated {
  // Nothing to apply: the dataset as it is (copying a set of hundreds of documents would block a page for nothing).
  if (edits.length === 0) return { dataset, outcomes: [] };
  const draft = draftOf(dataset);
  const outcomes = edits.map((edit) => apply(draft, edit));
  const entityOrder = new Map(dataset.entities.map((e, i) => [e.id, i]));
  draft.dataset.entities = [...draft.entities.values()].sort((a, b) => entityOrder.get(a.id)! - entityOrder.get(b.id)!);
  draft.dataset.figures = draft.dataset.figures.filter((f) => draft.figures.has(f.id));
  // Figures are tied to entities from both sides; keep the two in step after merges and removals.
  const figureIdsOf = new Map<string, Set<string>>();
  for (const f of draft.dataset.figures) for (const id of f.entityIds) figureIdsOf.set(id, (figureIdsOf.get(id) ?? new Set()).add(f.id));
  for (const e of draft.dataset.entities) {
    const tied = figureIdsOf.get(e.id) ?? new Set();
    e.figureIds = unique([...e.figureIds.filter((id) => draft.figures.has(id)), ...tied]);
  }
  return { dataset: draft.dataset, outcomes };
}
