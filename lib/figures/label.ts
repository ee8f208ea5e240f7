// How a figure reads in the project's words ("more than 70,000 people killed"): the builder labels the figures
// it finds with it, and a reader's fix of a figure (lib/sets/curation.ts) is labelled the same way. Kept apart
// from the builder so that a page can label a figure without loading the NLP library.
import { LABEL_TEMPLATES, isCounts } from './vocabulary';
import type { Qualifier } from '../reference/types';

/** "70,000", "4 million", "1.5 million". */
export function formatValue(value: number): string {
  if (value >= 1e6 && Number.isInteger(value / 1e5)) return `${value / 1e6} million`;
  return value.toLocaleString('en-US', { maximumFractionDigits: 2 });
}

/** The label of a figure counting `counts`; a term outside the vocabulary reads "{n} {unit} ({counts})". */
export function labelFor(counts: string, value: number, qualifier: Qualifier, unit: string): string {
  const n = qualifier === 'exact' ? formatValue(value) : `${qualifier} ${formatValue(value)}`;
  if (!isCounts(counts)) return `${n} ${unit}`.trim() + (counts && counts !== unit ? ` (${counts})` : '');
  return LABEL_TEMPLATES[counts].replace('{n}', n).replace('{unit}', unit);
}
