// Notes grouped by page, as the options page lists them and the Markdown export writes them.
import type { Annotation } from './types';

export interface PageGroup {
  url: string;
  title: string;
  latest: number;
  annotations: Annotation[];
}

/** A page's heading: its title, or its address when it has none. */
export function titleFor(group: { url: string; title: string }): string {
  return group.title.trim() !== '' ? group.title : group.url;
}

/** Pages with the most recently touched first; within a page, notes in reading order, then page notes. */
export function groupByPage(annotations: readonly Annotation[]): PageGroup[] {
  const groups = new Map<string, PageGroup>();
  for (const a of annotations) {
    let group = groups.get(a.url);
    if (!group) {
      group = { url: a.url, title: a.title, latest: -Infinity, annotations: [] };
      groups.set(a.url, group);
    }
    // The most recent note carries the freshest title (pages retitle their articles).
    const modified = Date.parse(a.modified);
    if (modified > group.latest || group.latest === -Infinity) {
      group.latest = Number.isNaN(modified) ? group.latest : modified;
      if (a.title.trim() !== '') group.title = a.title;
    }
    group.annotations.push(a);
  }
  const readingOrder = (a: Annotation) => a.target?.position?.start ?? (a.target ? Number.MAX_SAFE_INTEGER - 1 : Number.MAX_SAFE_INTEGER);
  for (const group of groups.values()) {
    // Plain comparison, not localeCompare: ISO strings, and ICU collation is slow over 10,000 notes.
    group.annotations.sort((a, b) => readingOrder(a) - readingOrder(b) || (a.created < b.created ? -1 : a.created > b.created ? 1 : 0));
  }
  return [...groups.values()].sort((a, b) => b.latest - a.latest);
}
