// Relevance for a reader's set: placeholder until the matcher's relevance statistics are wired in.
import type { Dataset } from '../reference/types';

export function setRelevance(_dataset: Dataset, _articles: string[]): Dataset['relevance'] {
  return undefined;
}
