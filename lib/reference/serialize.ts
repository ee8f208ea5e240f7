import type { Dataset } from './types';
import type { CompiledTables } from '../match/tables';

/** The committed form of a dataset: two-space JSON with a trailing newline, so rebuilds diff cleanly. */
export function serializeDataset(dataset: Dataset): string {
  return `${JSON.stringify(dataset, null, 2)}\n`;
}

/**
 * The committed form of a dataset's compiled matcher tables (lib/match/tables.ts): compact JSON (they are long
 * number arrays, read by programs) with a trailing newline.
 */
export function serializeTables(tables: CompiledTables): string {
  return `${JSON.stringify(tables)}\n`;
}

/** Where a dataset's compiled tables live: beside it, "x.json" → "x.tables.json". */
export function tablesPathFor(datasetPath: string): string {
  return `${datasetPath.replace(/\.json$/, '')}.tables.json`;
}
