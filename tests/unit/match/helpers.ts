import type { Dataset, Entity, EntityType, Figure } from '../../../lib/reference/types';

export function entity(id: string, type: EntityType, name: string, ...aliases: string[]): Entity {
  return { id, name, type, aliases: [name, ...aliases], mentions: [], figureIds: [] };
}

export function figure(id: string, fields: Partial<Figure> & Pick<Figure, 'value' | 'unit' | 'counts'>): Figure {
  return { id, qualifier: 'exact', label: id, entityIds: [], mentions: [], ...fields };
}

export function dataset(entities: Entity[], figures: Figure[] = []): Dataset {
  return { version: 1, documents: [], entities, figures };
}

/** [matched text, referenceId] pairs, in order: what a reader would see highlighted. */
export function seen(matches: { text: string; referenceId: string }[]): [string, string][] {
  return matches.map((m) => [m.text, m.referenceId]);
}
