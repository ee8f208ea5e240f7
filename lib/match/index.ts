// The matcher (./matcher.ts) with its figure engine built in, for Node (`npm run annotate`, the dataset build, the
// eval, the bench) and the tests. The content script imports ./matcher.ts and passes a loader instead, so the
// figure reader and judge are not part of it (./figure-engine.ts).
import type { Dataset } from '../reference/types';
import { figureEngine } from './figure-part';
import { createMatcherWith, type Matcher, type MatcherOptions } from './matcher';
export { createMatcherWith, type ArticleContext, type Matcher, type MatcherOptions, type MatchOptions, type MatchSession } from './matcher';
export type { TextMatch, MatchCategory } from './types';
export { MATCH_CATEGORIES } from './types';
export { valuesAgree, MIN_ARTICLE_ENTITIES, SAME_DATE_DAYS, STATE_DAYS, type FigureVerdict, type PageContext } from './figures';
export { SUBJECT_EVIDENCE, type Relevance } from './relevance';

/** A matcher for `dataset` with lib/figures' reader and ./figures.ts' judge at hand (see ./matcher.ts). */
export function createMatcher(dataset: Dataset, options: MatcherOptions = {}): Matcher {
  return createMatcherWith(dataset, figureEngine, options);
}
