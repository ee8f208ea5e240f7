// The sets' summaries in storage.local (one key): how content scripts and pages hear that a set was made,
// changed, built or deleted, without waking the background on every page load. The repository is the truth; this
// is a mirror, written by the background after each committed change (`sets/changed`) and when it starts.
import type { SetSummary } from './types';

export const SETS_INDEX_KEY = 'backstory:sets';

export interface SetsIndex {
  sets: SetSummary[];
}

interface Area {
  get(key: string): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
}

type ChangeListener = (changes: Record<string, { newValue?: unknown }>, areaName: string) => void;
interface ChangeEvent {
  addListener(cb: ChangeListener): void;
  removeListener(cb: ChangeListener): void;
}

function normalize(value: unknown): SetsIndex {
  const sets = (value as { sets?: unknown } | undefined)?.sets;
  if (!Array.isArray(sets)) return { sets: [] };
  return {
    sets: sets.filter((s): s is SetSummary => typeof s === 'object' && s !== null && typeof (s as SetSummary).id === 'string' && typeof (s as SetSummary).revision === 'number'),
  };
}

export async function readSetsIndex(area: Pick<Area, 'get'>): Promise<SetsIndex> {
  try {
    return normalize((await area.get(SETS_INDEX_KEY))[SETS_INDEX_KEY]);
  } catch {
    return { sets: [] };
  }
}

export async function writeSetsIndex(area: Area, sets: SetSummary[]): Promise<void> {
  await area.set({ [SETS_INDEX_KEY]: { sets } satisfies SetsIndex });
}

/** Calls `onChange` whenever the index changes; returns the unsubscribe. */
export function watchSetsIndex(event: ChangeEvent, onChange: (index: SetsIndex) => void): () => void {
  const listener: ChangeListener = (changes, areaName) => {
    if (areaName !== 'local' || !(SETS_INDEX_KEY in changes)) return;
    onChange(normalize(changes[SETS_INDEX_KEY]?.newValue));
  };
  event.addListener(listener);
  return () => event.removeListener(listener);
}
