// Whole-database operations for the options page: read everything, delete everything.
import { ANNOTATIONS_STORE, type Annotation } from '../notes/types';
import type { NotesDb } from '../notes/db';

/** Every annotation, most recently modified first. */
export async function readAllAnnotations(db: NotesDb): Promise<Annotation[]> {
  // One getAll and a sort on instants: faster than walking the `modified` index, and right for imported
  // dates written with other time-zone offsets, which the index orders as strings.
  const all = await db.getAll(ANNOTATIONS_STORE);
  const time = new Map(all.map((a) => [a, Date.parse(a.modified) || 0]));
  return all.sort((a, b) => time.get(b)! - time.get(a)! || (a.id < b.id ? -1 : 1));
}

/** Deletes every annotation in one transaction and says how many there were. */
export async function deleteAllAnnotations(db: NotesDb): Promise<number> {
  const tx = db.transaction(ANNOTATIONS_STORE, 'readwrite');
  const [count] = await Promise.all([tx.store.count(), tx.store.clear(), tx.done]);
  return count;
}
