// The notes' search and list orders, shared by the repository, the popup and the options page's filters.
import type { Annotation } from './types';
import { foldForSearch } from './fold';

/** Newest first by creation (a page's notes: an edit does not move a note). Ties by id, so the order is total. */
export function byCreatedDesc(a: Annotation, b: Annotation): number {
  return a.created < b.created ? 1 : a.created > b.created ? -1 : a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}

/**
 * Most recently modified first, compared as instants (imported dates may carry any time-zone offset, which
 * string order gets wrong); a date that does not parse sorts last. Ties by id.
 */
export function sortByModifiedDesc(notes: Annotation[]): Annotation[] {
  const time = new Map(notes.map((a) => [a, Date.parse(a.modified) || 0]));
  return notes.sort((a, b) => time.get(b)! - time.get(a)! || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

export interface ParsedQuery {
  words: string[];
  tags: string[];
}

/** Words (every one must appear) and `#tag` terms (must match a tag exactly), folded for comparison. */
export function parseQuery(query: string): ParsedQuery {
  const words: string[] = [];
  const tags: string[] = [];
  for (const raw of query.split(/\s+/)) {
    if (!raw) continue;
    if (raw.startsWith('#') && raw.length > 1) tags.push(foldForSearch(raw.slice(1)));
    else words.push(foldForSearch(raw));
  }
  return { words: words.filter(Boolean), tags: tags.filter(Boolean) };
}

/** Text, quote, page title, tags and the linked reference item's label, ignoring case and accents. */
export function matchesQuery(note: Annotation, { words, tags }: ParsedQuery): boolean {
  const noteTags = note.tags.map(foldForSearch);
  if (!tags.every((t) => noteTags.includes(t))) return false;
  if (words.length === 0) return true;
  const haystack = foldForSearch([note.text, note.target?.quote.exact ?? '', note.title, note.tags.join(' '), note.reference?.label ?? ''].join('\n'));
  return words.every((w) => haystack.includes(w));
}
