// Which annotations an export or the options page's list covers: all, one page, or a search (site, tag, text).
// Text search uses the notes' own query rules (lib/notes/search.ts), so "current search" means the same
// thing in the popup and on the options page.
import type { Annotation } from '../notes/types';
import { foldForSearch } from '../notes/fold';
import { matchesQuery, parseQuery } from '../notes/search';
import { siteOf } from '../url';

export interface AnnotationFilter {
  /** Host name as `siteOf` (lib/url.ts) gives it ("nytimes.com"), or NO_SITE; empty or absent: every site. */
  site?: string;
  /** One tag, compared ignoring case and accents; empty or absent: any tag. */
  tag?: string;
  /** Words (all must appear) and `#tag` terms, as in the popup's search. */
  text?: string;
}

/** The site filter's value for notes on addresses without a host (files, malformed addresses). */
export const NO_SITE = '(no site)';

const siteOrNone = (url: string) => siteOf(url) || NO_SITE;

export function isEmptyFilter(filter: AnnotationFilter): boolean {
  return !filter.site && !filter.tag && !(filter.text ?? '').trim();
}

/** A predicate for `filter`; the query is parsed once, not once per annotation. */
export function annotationMatcher(filter: AnnotationFilter): (a: Annotation) => boolean {
  const site = filter.site || undefined;
  const tag = filter.tag ? foldForSearch(filter.tag) : undefined;
  const query = parseQuery(filter.text ?? '');
  const hasQuery = query.words.length > 0 || query.tags.length > 0;
  return (a) =>
    (site === undefined || siteOrNone(a.url) === site) &&
    (tag === undefined || a.tags.some((t) => foldForSearch(t) === tag)) &&
    (!hasQuery || matchesQuery(a, query));
}

export function filterAnnotations(annotations: readonly Annotation[], filter: AnnotationFilter): Annotation[] {
  return annotations.filter(annotationMatcher(filter));
}

export interface Facet {
  value: string;
  count: number;
}

/** Sites with their note counts, most annotated first, for the options page's site filter. */
export function siteFacets(annotations: readonly Annotation[]): Facet[] {
  return facets(annotations.map((a) => [siteOrNone(a.url)]));
}

/** Tags with their counts (first spelling seen, counted ignoring case and accents). */
export function tagFacets(annotations: readonly Annotation[]): Facet[] {
  return facets(annotations.map((a) => a.tags), foldForSearch);
}

function facets(lists: string[][], key: (v: string) => string = (v) => v): Facet[] {
  const byKey = new Map<string, Facet>();
  for (const list of lists) {
    const counted = new Set<string>(); // a note tagged "Syria" and "syria" counts once
    for (const value of list) {
      const k = key(value);
      if (counted.has(k)) continue;
      counted.add(k);
      const facet = byKey.get(k);
      if (facet) facet.count++;
      else byKey.set(k, { value, count: 1 });
    }
  }
  return [...byKey.values()].sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
}
