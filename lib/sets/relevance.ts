// Relevance statistics for a reader's set, counted the way `npm run dataset` counts the bundled set's
// (lib/builder/build.ts relevanceFrom): the set's names in its own documents by the page matcher itself, and in
// a background of ordinary news — here the table of name counts made from the same background pages and shipped
// with the extension (lib/sets/background.ts), since the pages themselves are not. An entity's background count
// is the sum of its names' (the forms the matcher counts as names: full and short names, acronyms either way).
import { createMatcher } from '../match/index';
import { relevanceFrom } from '../builder/build';
import type { Dataset, RelevanceStats } from '../reference/types';
import { backgroundCounter, type BackgroundCounter, type BackgroundTable } from './background';
import table from './background.json';

let shipped: BackgroundCounter | undefined;

/** "UN" ↔ "U.N.": the matcher finds an acronym either way, so its background count is both. */
function acronymForms(name: string): string[] {
  if (/^\p{Lu}{2,4}$/u.test(name)) return [name, [...name].join('.') + '.'];
  if (/^(?:\p{Lu}\.){2,4}$/u.test(name)) return [name, name.replace(/\./g, '')];
  return [name];
}

export function setRelevance(dataset: Dataset, articles: string[], counter: BackgroundCounter = (shipped ??= backgroundCounter(table as BackgroundTable))): RelevanceStats {
  const names = new Map<string, number>();
  const demonyms = new Map<string, number>();
  for (const e of dataset.entities) {
    const forms = new Set([e.name, ...e.aliases, ...(e.shortNames ?? [])].flatMap(acronymForms));
    let n = 0;
    for (const form of forms) n += counter.count(form);
    if (n > 0) names.set(e.id, n);
    let d = 0;
    for (const form of e.demonyms ?? []) d += counter.count(form);
    if (d > 0) demonyms.set(e.id, d);
  }
  const matcher = createMatcher(dataset, { readFigures: () => [] });
  return relevanceFrom(matcher, articles, { names, demonyms, characters: counter.characters }, counter.source);
}
