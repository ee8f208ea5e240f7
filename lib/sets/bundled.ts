// The bundled reference as a set among the reader's: its name and that it cannot be changed. Its data is the
// bundled dataset (lib/reference/dataset.json), matched with the reader's enabled sets in one pass.
import type { Dataset } from '../reference/types';
import { BUNDLED_SET_ID } from './types';

export const BUNDLED_SET_NAME = 'Syrian civil war, 2012–2013';

export interface BundledSet {
  id: typeof BUNDLED_SET_ID;
  name: string;
  documents: number;
}

export function bundledSet(dataset: Pick<Dataset, 'documents'>): BundledSet {
  return { id: BUNDLED_SET_ID, name: BUNDLED_SET_NAME, documents: dataset.documents.length };
}

/** "Syrian civil war, 2012–2013 — 2 documents" */
export function setTitle(name: string, documents: number): string {
  return `${name} — ${documents.toLocaleString('en')} document${documents === 1 ? '' : 's'}`;
}
