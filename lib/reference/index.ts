// The bundled reference dataset and lookups over it. Safe for the content script: plain data, no NLP library.
import data from './dataset.json';
import type { Dataset, Entity, Figure, SourceDocument } from './types';

export type { Dataset, Entity, EntityType, Figure, Mention, Qualifier, SourceDocument } from './types';

/** The dataset built by `npm run dataset` from the source documents. */
export const dataset = data as unknown as Dataset;

export interface Reference {
  readonly dataset: Dataset;
  entity(id: string): Entity | undefined;
  figure(id: string): Figure | undefined;
  document(id: string): SourceDocument | undefined;
  /** Figures tied to an entity (by place, attribution or subject), in dataset order; empty for unknown ids. */
  figuresOf(entityId: string): Figure[];
  /** Entities whose name, alias, contextual alias or variant is exactly `form`. */
  entitiesNamed(form: string): Entity[];
}

/** Lookups by id, built once (maps), constant time per call. */
export function createReference(source: Dataset = dataset): Reference {
  const entities = new Map(source.entities.map((e) => [e.id, e]));
  const figures = new Map(source.figures.map((f) => [f.id, f]));
  const documents = new Map(source.documents.map((d) => [d.id, d]));
  const byEntity = new Map<string, Figure[]>();
  for (const f of source.figures) {
    for (const id of f.entityIds) byEntity.set(id, [...(byEntity.get(id) ?? []), f]);
  }
  const byForm = new Map<string, Entity[]>();
  for (const e of source.entities) {
    for (const form of new Set([e.name, ...e.aliases, ...(e.contextualAliases ?? []), ...(e.variants ?? [])])) {
      byForm.set(form, [...(byForm.get(form) ?? []), e]);
    }
  }
  return {
    dataset: source,
    entity: (id) => entities.get(id),
    figure: (id) => figures.get(id),
    document: (id) => documents.get(id),
    figuresOf: (entityId) => byEntity.get(entityId) ?? [],
    entitiesNamed: (form) => byForm.get(form) ?? [],
  };
}
