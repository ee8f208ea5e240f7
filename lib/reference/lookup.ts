// Lookups over a reference dataset, built once per page (the content script) or per run (the CLI, tests):
// maps by id, so every lookup is constant time. Plain data only, safe for the content script.
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

export function createReference(dataset: Dataset): Reference {
  const entities = new Map(dataset.entities.map((e) => [e.id, e]));
  const figures = new Map(dataset.figures.map((f) => [f.id, f]));
  const documents = new Map(dataset.documents.map((d) => [d.id, d]));
  const order = new Map(dataset.figures.map((f, i) => [f.id, i]));

  const tied = new Map<string, Set<string>>();
  const tie = (entityId: string, figureId: string) => {
    let set = tied.get(entityId);
    if (!set) tied.set(entityId, (set = new Set()));
    set.add(figureId);
  };
  for (const e of dataset.entities) for (const id of e.figureIds) tie(e.id, id);
  for (const f of dataset.figures) for (const id of f.entityIds) tie(id, f.id);
  const byEntity = new Map<string, Figure[]>();
  for (const [entityId, ids] of tied) {
    const list = [...ids].filter((id) => figures.has(id)).sort((a, b) => order.get(a)! - order.get(b)!);
    byEntity.set(entityId, list.map((id) => figures.get(id)!));
  }

  const byForm = new Map<string, Entity[]>();
  for (const e of dataset.entities) {
    for (const form of new Set([e.name, ...e.aliases, ...(e.shortNames ?? []), ...(e.contextualAliases ?? []), ...(e.variants ?? [])])) {
      byForm.set(form, [...(byForm.get(form) ?? []), e]);
    }
  }

  return {
    dataset,
    entity: (id) => entities.get(id),
    figure: (id) => figures.get(id),
    document: (id) => documents.get(id),
    figuresOf: (entityId) => byEntity.get(entityId) ?? [],
    entitiesNamed: (form) => byForm.get(form) ?? [],
    label: (id) => entities.get(id)?.name ?? figures.get(id)?.label ?? id,
  };
}
