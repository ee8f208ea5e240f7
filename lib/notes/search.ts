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

/** A note's searchable text and tags, folded. */
interface Folded {
  haystack: string;
  tags: string[];
}

// Folded once per note object and kept while the note is: a stored note is never changed in place (an edit makes a
// new object), so a search typed a key at a time over 10,000 notes compares strings rather than folding them anew.
const foldedNotes = new WeakMap<Annotation, Folded>();
// The same notes read again (a list reloaded after a change elsewhere) are new objects with the same words: found
// here by id, and folded again only when their words changed.
const foldedById = new Map<string, Folded & { source: string }>();

function folded(note: Annotation): Folded {
  let entry: Folded | undefined = foldedNotes.get(note);
  if (!entry) {
    const fields = [note.text, note.target?.quote.exact ?? '', note.title, note.tags, note.reference?.label ?? ''] as const;
    const source = JSON.stringify(fields);
    const known = foldedById.get(note.id);
    if (known?.source === source) entry = known;
    else {
      const made = { source, haystack: foldForSearch(fields.map((f) => (typeof f === 'string' ? f : f.join(' '))).join('\n')), tags: note.tags.map(foldForSearch) };
      foldedById.set(note.id, made);
      entry = made;
    }
    foldedNotes.set(note, entry);
  }
  return entry;
}

/**
 * Folds the notes' searchable text ahead of a search, `slice` notes per call of `next` (an idle callback, say), so
 * that the first key typed finds them ready. Resolves when all are done; `cancelled` stops it early.
 */
export async function prepareSearch(notes: readonly Annotation[], next: () => Promise<void>, cancelled: () => boolean = () => false, slice = 500): Promise<void> {
  for (let at = 0; at < notes.length; at += slice) {
    await next();
    if (cancelled()) return;
    for (const note of notes.slice(at, at + slice)) folded(note);
  }
}

/**
 * Whether every note `next` finds is one `previous` found too (each of its words is inside one of next's words, each
 * of its tags is one of next's), so a search typed a key at a time can look only among the last key's results.
 */
export function narrows(previous: ParsedQuery, next: ParsedQuery): boolean {
  return previous.words.every((w) => next.words.some((n) => n.includes(w))) && previous.tags.every((t) => next.tags.includes(t));
}

/** Text, quote, page title, tags and the linked reference item's label, ignoring case and accents. */
export function matchesQuery(note: Annotation, { words, tags }: ParsedQuery): boolean {
  if (words.length === 0 && tags.length === 0) return true;
  const { haystack, tags: noteTags } = folded(note);
  if (!tags.every((t) => noteTags.includes(t))) return false;
  return words.every((w) => haystack.includes(w));
}
