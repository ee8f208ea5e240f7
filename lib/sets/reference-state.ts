// Whether the reference item a note is linked to still exists. The bundled set's items always do; a reader's set's
// item goes when the set is deleted, or when an edit or a rebuild takes it out. The note keeps its text either
// way: it only says the item is gone.
import type { SetsRepository } from './repository';
import { BUNDLED_SET_ID, splitReferenceId } from './types';

/** Why a linked item is gone, in the reader's words; null while it exists. */
export type ReferenceCheck = (referenceId: string) => Promise<string | null>;

export function createReferenceCheck(repository: SetsRepository): ReferenceCheck {
  // Each set's ids, kept while its revision stands: a list of notes asks about many items of few sets.
  const known = new Map<string, { revision: number; ids: Promise<Set<string>> }>();
  return async (referenceId) => {
    const { setId, localId } = splitReferenceId(referenceId);
    if (setId === BUNDLED_SET_ID) return null;
    const set = await repository.getSet(setId);
    if (!set) return 'its reference set was deleted';
    let entry = known.get(setId);
    if (!entry || entry.revision !== set.revision) {
      const ids = repository.effective(setId).then((d) => new Set([...(d?.entities ?? []).map((e) => e.id), ...(d?.figures ?? []).map((f) => f.id)]));
      entry = { revision: set.revision, ids };
      known.set(setId, entry);
    }
    return (await entry.ids).has(localId) ? null : `it is no longer in the set “${set.name}”`;
  };
}
