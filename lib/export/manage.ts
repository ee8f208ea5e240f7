// Whole-database operations for the options page: read everything, delete everything.
import { ANNOTATIONS_STORE, type Annotation } from '../notes/types';
import type { NotesDb } from '../notes/db';

/** Every annotation, most recently modified first. */
export async function readAllAnnotations(db: NotesDb): Promise<Annotation[]> {
  const all = await db.getAllFromIndex(ANNOTATIONS_STORE, 'modified');
  return all.reverse();
}

/** Deletes every annotation in one transaction and says how many there were. */
export async function deleteAllAnnotations(db: NotesDb): Promise<number> {
  const tx = db.transaction(ANNOTATIONS_STORE, 'readwrite');
  const [count] = await Promise.all([tx.store.count(), tx.store.clear(), tx.done]);
  return count;
}
