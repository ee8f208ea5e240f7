// The bundled set and the reader's enabled sets as one dataset, matched in one pass (lib/match builds its tables
// from it: the one place a dataset becomes a matcher's tables). A reader's set's ids are qualified by the set
// ("set-…/person:jane-doe", its documents "set-…/d0001") so sets never collide and a highlight, a card or a note
// names its set; the bundled set keeps its own ids. Each set is a part (Dataset.parts) with its own relevance: an
// article is painted for a set only when it is about that set's subject.
import type { Dataset, DatasetPart, Mention, RelevanceStats } from '../reference/types';
import { BUNDLED_SET_ID, qualifiedId } from './types';

export interface SetToCombine {
  id: string;
  name: string;
  dataset: Dataset;
}

function qualifyStats(stats: RelevanceStats, q: (id: string) => string): RelevanceStats {
  const table = (t: Record<string, number>) => Object.fromEntries(Object.entries(t).map(([id, n]) => [q(id), n]));
  return {
    ...stats,
    core: stats.core.map(q),
    reference: table(stats.reference),
    background: table(stats.background),
    demonymsInReference: table(stats.demonymsInReference),
    demonymsInBackground: table(stats.demonymsInBackground),
  };
}

/** One dataset of several sets, in the order given (the first wins a name two sets both know, on a tie). */
export function combineSets(sets: readonly SetToCombine[]): Dataset {
  const out: Dataset = { version: 1, documents: [], entities: [], figures: [], parts: [] };
  const otherNames = new Set<string>();
  for (const { id: setId, name, dataset } of sets) {
    const q = (local: string) => qualifiedId(setId, local);
    const mention = (m: Mention): Mention => ({ ...m, doc: q(m.doc) });
    const part: DatasetPart = {
      id: setId,
      name,
      ...(dataset.subject || setId !== BUNDLED_SET_ID ? { subject: dataset.subject ?? name } : {}),
      ...(dataset.relevance ? { relevance: qualifyStats(dataset.relevance, q) } : {}),
      entityIds: dataset.entities.map((e) => q(e.id)),
      figureIds: dataset.figures.map((f) => q(f.id)),
    };
    out.parts!.push(part);
    out.documents.push(...dataset.documents.map((d) => ({ ...d, id: q(d.id) })));
    out.entities.push(...dataset.entities.map((e) => ({ ...e, id: q(e.id), mentions: e.mentions.map(mention), figureIds: e.figureIds.map(q) })));
    out.figures.push(...dataset.figures.map((f) => ({
      ...f,
      id: q(f.id),
      entityIds: f.entityIds.map(q),
      mentions: f.mentions.map(mention),
      ...(f.placeId ? { placeId: q(f.placeId) } : {}),
      ...(f.attributedToId ? { attributedToId: q(f.attributedToId) } : {}),
    })));
    for (const n of dataset.otherNames ?? []) otherNames.add(n);
  }
  if (otherNames.size) out.otherNames = [...otherNames];
  return out;
}
