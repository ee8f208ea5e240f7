// Lookups over a reference dataset, made once per page (the content script) or per run (the CLI, tests): maps by
// id, so every lookup is constant time, each made when first used. Plain data only, safe for the content script.
import type { Dataset, Entity, Figure, SourceDocument } from './types';

export interface Reference {
  readonly dataset: Dataset;
  entity(id: string): Entity | undefined;
  figure(id: string): Figure | undefined;
  document(id: string): SourceDocument | undefined;
  /**
   * Figures tied to an entity, whichever side records the link (the entity's `figureIds` or the figure's
   * `entityIds`), in dataset order; ids that name no figure are skipped, unknown entities have none.
   */
  figuresOf(entityId: string): Figure[];
  /** Entities whose name, alias, short name, contextual alias or variant is exactly `form`. */
  entitiesNamed(form: string): Entity[];
  /** A short human label for a reference id: an entity's name or a figure's label (the id itself when unknown). */
  label(id: string): string;
}

/** The dataset must not change once its reference is made: each index reads it when first asked for, not now. */
export function createReference(dataset: Dataset): Reference {
  // Each index is made the first time it is asked for, not when the reference is: the content script makes one on
  // every page, most pages ask nothing of it (only a card does), and a reader's reference may hold many thousands
  // of entities.
  let entities: Map<string, Entity> | undefined;
  let figures: Map<string, Figure> | undefined;
  let documents: Map<string, SourceDocument> | undefined;
  let byEntity: Map<string, Figure[]> | undefined;
  let byForm: Map<string, Entity[]> | undefined;
  const entityMap = () => (entities ??= new Map(dataset.entities.map((e) => [e.id, e])));
  const figureMap = () => (figures ??= new Map(dataset.figures.map((f) => [f.id, f])));

  // Each figure in dataset order under every entity tied to it, once: the entities listing it, then those it lists.
  const figuresByEntity = (): Map<string, Figure[]> => {
    const listedBy = new Map<string, string[]>();
    for (const e of dataset.entities) for (const id of e.figureIds) add(listedBy, id, e.id);
    const out = new Map<string, Figure[]>();
    for (const f of dataset.figures) for (const id of new Set([...f.entityIds, ...(listedBy.get(f.id) ?? [])])) add(out, id, f);
    return out;
  };

  const entitiesByForm = (): Map<string, Entity[]> => {
    const out = new Map<string, Entity[]>();
    for (const e of dataset.entities) {
      for (const form of new Set([e.name, ...e.aliases, ...(e.shortNames ?? []), ...(e.contextualAliases ?? []), ...(e.variants ?? [])])) add(out, form, e);
    }
    return out;
  };

  return {
    dataset,
    entity: (id) => entityMap().get(id),
    figure: (id) => figureMap().get(id),
    document: (id) => (documents ??= new Map(dataset.documents.map((d) => [d.id, d]))).get(id),
    figuresOf: (entityId) => (byEntity ??= figuresByEntity()).get(entityId) ?? [],
    entitiesNamed: (form) => (byForm ??= entitiesByForm()).get(form) ?? [],
    label: (id) => entityMap().get(id)?.name ?? figureMap().get(id)?.label ?? id,
  };
}

function add<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
