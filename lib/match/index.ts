// PLACEHOLDER (owned by the matching work): exact, case-sensitive alias matching, whole words, longest first.
import type { Dataset } from '../reference/types';
import type { TextMatch } from './types';
export type { TextMatch, MatchCategory } from './types';

export interface Matcher {
  /** Every reference entity and figure in `text`, sorted by start, non-overlapping. */
  match(text: string): TextMatch[];
}

export function createMatcher(dataset: Dataset): Matcher {
  const aliases = dataset.entities
    .flatMap((e) => e.aliases.map((alias) => ({ alias, entity: e })))
    .sort((a, b) => b.alias.length - a.alias.length);
  return {
    match(text) {
      const found: TextMatch[] = [];
      const taken = new Uint8Array(text.length);
      for (const { alias, entity } of aliases) {
        for (let i = text.indexOf(alias); i >= 0; i = text.indexOf(alias, i + 1)) {
          const end = i + alias.length;
          if (/\w/.test(text[i - 1] ?? '') || /\w/.test(text[end] ?? '') || taken.subarray(i, end).some(Boolean)) continue;
          taken.fill(1, i, end);
          found.push({ start: i, end, text: alias, category: entity.type, referenceId: entity.id });
        }
      }
      return found.sort((a, b) => a.start - b.start);
    },
  };
}
