import type { Dataset } from './types';

/** The committed form of a dataset: two-space JSON with a trailing newline, so rebuilds diff cleanly. */
export function serializeDataset(dataset: Dataset): string {
  return `${JSON.stringify(dataset, null, 2)}\n`;
}
