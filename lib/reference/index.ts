// The bundled reference dataset and lookups over it. Safe for the content script: plain data, no NLP library.
import data from './dataset.json';
import type { Dataset } from './types';

export type { Dataset, Entity, EntityType, Figure, Mention, Qualifier, SourceDocument } from './types';
export { createReference, type Reference } from './lookup';

/** The dataset built by `npm run dataset` from the source documents. */
export const dataset = data as unknown as Dataset;
