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

/** The words a fold was made from (the note's own strings, shared rather than copied), to tell whether they changed. */
interface Known extends Folded {
  text: string;
  quote: string;
  title: string;
  noteTags: readonly string[];
  label: string;
}

// Folded once per note object and kept while the note is: a stored note is never changed in place (an edit makes a
// new object), so a search typed a key at a time over 10,000 notes compares strings rather than folding them anew.
const foldedNotes = new WeakMap<Annotation, Known>();
// The same notes read again (a list reloaded after a change elsewhere) are new objects with the same words: found
// here by id, and folded again only when their words changed. Only the notes of the last list read are kept
// (retainFolds), so a deleted note's text does not stay in memory for as long as the page is open.
let foldedById = new Map<string, Known>();

function sameWords(known: Known, note: Annotation): boolean {
  // Compared field by field: cheaper than the JSON text of each note, and nothing more to keep beside the fold.
  return known.text === note.text && known.quote === (note.target?.quote.exact ?? '') && known.title === note.title &&
    known.label === (note.reference?.label ?? '') && known.noteTags.length === note.tags.length && known.noteTags.every((t, i) => t === note.tags[i]);
}

function folded(note: Annotation): Folded {
  let entry = foldedNotes.get(note);
  if (!entry) {
    const known = foldedById.get(note.id);
    if (known && sameWords(known, note)) entry = known;
    else {
      const quote = note.target?.quote.exact ?? '';
      const label = note.reference?.label ?? '';
      entry = {
        haystack: foldForSearch([note.text, quote, note.title, note.tags.join(' '), label].join('\n')),
        tags: note.tags.map(foldForSearch),
        text: note.text, quote, title: note.title, noteTags: note.tags, label,
      };
      foldedById.set(note.id, entry);
    }
    foldedNotes.set(note, entry);
  }
  return entry;
}

/**
 * Forgets the folds of notes not in `notes` (the whole list, just read): deleted notes' folds go, and what is kept
 * never outgrows the list. Called at each read of every note, before it is searched.
 */
export function retainFolds(notes: readonly Annotation[]): void {
  const kept = new Map<string, Known>();
  for (const note of notes) {
    const known = foldedById.get(note.id);
    if (known) kept.set(note.id, known);
  }
  foldedById = kept;
}

/** How many notes' folds are kept by id (for tests). */
export function foldsKept(): number {
  return foldedById.size;
}

/**
 * Folds the notes' searchable text ahead of a search, `slice` notes per call of `next` (an idle callback, say), so
 * that the first key typed finds them ready; the folds of notes not in `notes` are forgotten first (retainFolds).
 * Resolves when all are done; `cancelled` stops it early.
 */
export async function prepareSearch(notes: readonly Annotation[], next: () => Promise<void>, cancelled: () => boolean = () => false, slice = 500): Promise<void> {
  retainFolds(notes);
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
