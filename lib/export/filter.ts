// Which notes an export or the notes library's list covers: all, one page, or a search (site, tag, linked
// reference item, the days they were written, text). Text search uses the notes' own query rules
// (lib/notes/search.ts), so "current search" means the same thing in the popup and in the library.
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
  /** The id of the reference item notes are linked to; empty or absent: linked to anything or nothing. */
  reference?: string;
  /** First and last day (YYYY-MM-DD, the reader's calendar) a note was written on; either may be absent. */
  from?: string;
  to?: string;
}

/** The site filter's value for notes on addresses without a host (files, malformed addresses). */
export const NO_SITE = '(no site)';

const siteOrNone = (url: string) => siteOf(url) || NO_SITE;

export function isEmptyFilter(filter: AnnotationFilter): boolean {
  return !filter.site && !filter.tag && !(filter.text ?? '').trim() && !filter.reference && localDay(filter.from) === undefined && localDay(filter.to) === undefined;
}

/** Midnight, local time, of a YYYY-MM-DD day; undefined for anything else (an empty or half-typed date field). */
export function localDay(day: string | undefined): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day ?? '');
  if (!m) return undefined;
  const t = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3])).getTime();
  return Number.isNaN(t) ? undefined : t;
}

/** The instants a day range covers: from the first day's midnight to the end of the last day (local time). */
function dayRange(filter: AnnotationFilter): [number, number] {
  const from = localDay(filter.from) ?? -Infinity;
  const last = localDay(filter.to);
  if (last === undefined) return [from, Infinity];
  // Up to the next day's midnight, by the calendar: a day is not always 24 hours long across a clock change.
  const next = new Date(last);
  next.setDate(next.getDate() + 1);
  return [from, next.getTime()];
}

/** A predicate for `filter`; the query is parsed once, not once per annotation. */
export function annotationMatcher(filter: AnnotationFilter): (a: Annotation) => boolean {
  const site = filter.site || undefined;
  const tag = filter.tag ? foldForSearch(filter.tag) : undefined;
  const query = parseQuery(filter.text ?? '');
  const hasQuery = query.words.length > 0 || query.tags.length > 0;
  const reference = filter.reference || undefined;
  const [from, to] = dayRange(filter);
  const dated = from > -Infinity || to < Infinity;
  return (a) =>
    (site === undefined || siteOrNone(a.url) === site) &&
    (tag === undefined || a.tags.some((t) => foldForSearch(t) === tag)) &&
    (reference === undefined || a.reference?.id === reference) &&
    (!dated || inRange(Date.parse(a.created), from, to)) &&
    (!hasQuery || matchesQuery(a, query));
}

const inRange = (t: number, from: number, to: number) => !Number.isNaN(t) && t >= from && t < to;

export function filterAnnotations(annotations: readonly Annotation[], filter: AnnotationFilter): Annotation[] {
  return annotations.filter(annotationMatcher(filter));
}

export interface Facet {
  value: string;
  count: number;
}

/** A reference item notes are linked to: its id as `value`, and its label as stored on the notes. */
export interface ReferenceFacet extends Facet {
  label: string;
}

/** Sites with their note counts, most annotated first, for the options page's site filter. */
export function siteFacets(annotations: readonly Annotation[]): Facet[] {
  return facets(annotations.map((a) => [siteOrNone(a.url)]));
}

/** Tags with their counts (first spelling seen, counted ignoring case and accents). */
export function tagFacets(annotations: readonly Annotation[]): Facet[] {
  return facets(annotations.map((a) => a.tags), foldForSearch);
}

/** The reference items notes are linked to (id, the label as stored on the notes, count), most noted first. */
export function referenceFacets(annotations: readonly Annotation[]): ReferenceFacet[] {
  const byId = new Map<string, ReferenceFacet>();
  for (const a of annotations) {
    if (!a.reference) continue;
    const facet = byId.get(a.reference.id);
    if (facet) facet.count++;
    else byId.set(a.reference.id, { value: a.reference.id, label: a.reference.label || a.reference.id, count: 1 });
  }
  return [...byId.values()].sort((a, b) => b.count - a.count || a.label.localeCompare(b.label));
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

// What each of the library's filter lists offers. A list whose chosen value is missing from its options shows an empty
// box while the filter still applies, so the reader cannot see what hides their notes: the value chosen stays listed,
// with no notes (count 0, last, below every value that has notes), until the reader chooses another. Each returns
// `facets` itself when the chosen value is among them, so options made from it are not made again.

/** The site filter's options: its facets, and the chosen site even once no note is on it. */
export function siteChoices(facets: readonly Facet[], chosen: string | undefined): readonly Facet[] {
  return withChosen(facets, chosen, (v) => v, (site) => ({ value: site, count: 0 }));
}

/**
 * The tag filter's options: its facets, and the chosen tag even once no note has it. The filter compares tags ignoring
 * case and accents, so the chosen tag still matches a note whose tag now has another spelling ("UN" edited to "un"):
 * that option then takes the chosen spelling, the value the list must show, with the notes it counts.
 */
export function tagChoices(facets: readonly Facet[], chosen: string | undefined): readonly Facet[] {
  return withChosen(facets, chosen, foldForSearch, (tag) => ({ value: tag, count: 0 }));
}

/**
 * The "linked to" filter's options: its facets, and the chosen item even once no note is linked to it. Its label is
 * stored on the notes only, so once the last of them has gone it is taken from the options shown before (`shown`): the
 * reader chose the item there (every way to set this filter is that list), and it has stayed listed since, so the
 * label is the one the reader chose by. An item never shown (none in this page's life) is named by its id, which is
 * what a note with no label is listed by too.
 */
export function referenceChoices(facets: readonly ReferenceFacet[], chosen: string | undefined, shown: readonly ReferenceFacet[] = []): readonly ReferenceFacet[] {
  return withChosen(facets, chosen, (v) => v, (id) => ({ value: id, label: shown.find((r) => r.value === id)?.label ?? id, count: 0 }));
}

function withChosen<F extends Facet>(facets: readonly F[], chosen: string | undefined, key: (value: string) => string, none: (value: string) => F): readonly F[] {
  if (!chosen) return facets;
  const wanted = key(chosen);
  const same = facets.find((f) => key(f.value) === wanted);
  if (!same) return [...facets, none(chosen)];
  if (same.value === chosen) return facets;
  return facets.map((f) => (f === same ? { ...f, value: chosen } : f));
}
