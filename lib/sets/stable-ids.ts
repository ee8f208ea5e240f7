// Ids that survive a rebuild. The builder names an entity after its most written full name, so a new document can
// change "person:john-smith" to "person:john-a-smith"; a note linked to the old id, or a curation edit made on
// it, must still find it. A set's documents never change, so their mentions are fixed points: an entity of the
// new build that holds mentions of an entity of the build before takes that entity's id (the one it shares most
// mentions with; each old id goes to one new entity). Figures likewise. Everything that refers to an id follows.
import type { Dataset, Mention } from '../reference/types';

const key = (m: Mention) => `${m.doc}\u0000${m.start}\u0000${m.end}`;

/** Old id → new id, for items of `next` that hold mentions of items of `previous`. */
function carry<T extends { id: string; mentions: Mention[] }>(previous: readonly T[], next: readonly T[]): Map<string, string> {
  const owner = new Map<string, string>();
  for (const item of previous) for (const m of item.mentions) owner.set(key(m), item.id);
  const pairs: Array<{ oldId: string; newId: string; shared: number }> = [];
  for (const item of next) {
    const shared = new Map<string, number>();
    for (const m of item.mentions) {
      const old = owner.get(key(m));
      if (old) shared.set(old, (shared.get(old) ?? 0) + 1);
    }
    for (const [oldId, n] of shared) pairs.push({ oldId, newId: item.id, shared: n });
  }
  // Most shared first; ties by id so the same builds always give the same ids.
  pairs.sort((a, b) => b.shared - a.shared || (a.newId < b.newId ? -1 : a.newId > b.newId ? 1 : a.oldId < b.oldId ? -1 : 1));
  const renamed = new Map<string, string>();
  const taken = new Set<string>();
  for (const { oldId, newId } of pairs) {
    if (renamed.has(newId) || taken.has(oldId)) continue;
    renamed.set(newId, oldId);
    taken.add(oldId);
  }
  // A new item whose own id an old one now holds gets a fresh suffix.
  const used = new Set([...next.map((i) => renamed.get(i.id) ?? i.id)]);
  const result = new Map<string, string>();
  for (const item of next) {
    const target = renamed.get(item.id);
    if (target) {
      result.set(item.id, target);
      continue;
    }
    if (!taken.has(item.id)) {
      result.set(item.id, item.id);
      continue;
    }
    let n = 2;
    while (used.has(`${item.id}-${n}`)) n++;
    const fresh = `${item.id}-${n}`;
    used.add(fresh);
    result.set(item.id, fresh);
  }
  return result;
}

/** `next` with the ids of `previous` carried over (see the file comment). Pure; without `previous`, `next` itself. */
export function stabilizeIds(previous: Dataset | undefined, next: Dataset): Dataset {
  if (!previous) return next;
  const entityIds = carry(previous.entities, next.entities);
  const figureIds = carry(previous.figures, next.figures);
  const e = (id: string) => entityIds.get(id) ?? id;
  const f = (id: string) => figureIds.get(id) ?? id;
  const renameKeys = (table: Record<string, number>) => Object.fromEntries(Object.entries(table).map(([id, n]) => [e(id), n]));
  const out: Dataset = {
    ...next,
    entities: next.entities.map((x) => ({ ...x, id: e(x.id), figureIds: x.figureIds.map(f) })).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)),
    figures: next.figures.map((x) => ({
      ...x,
      id: f(x.id),
      entityIds: x.entityIds.map(e),
      ...(x.placeId ? { placeId: e(x.placeId) } : {}),
      ...(x.attributedToId ? { attributedToId: e(x.attributedToId) } : {}),
    })),
  };
  if (next.relevance) {
    const r = next.relevance;
    out.relevance = {
      ...r,
      core: r.core.map(e).sort(),
      reference: renameKeys(r.reference),
      background: renameKeys(r.background),
      demonymsInReference: renameKeys(r.demonymsInReference),
      demonymsInBackground: renameKeys(r.demonymsInBackground),
    };
  }
  return out;
}
