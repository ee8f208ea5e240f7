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

/** One query's results over a list: the notes' places in the list, and where each word first occurs in each. */
interface Found {
  query: ParsedQuery;
  /** Places in the list of the notes found, in list order. */
  at: Int32Array;
  /** For each of the query's words, its first index in the folded text of each note found (parallel to `at`). */
  firstIndex: Map<string, Int32Array>;
  /** The notes found, made once. */
  notes: Annotation[];
}

/** How many queries' results a search keeps: a reader deleting a few characters is given back what was found. */
const KEPT_QUERIES = 32;

// Joined with any separator, the words could be confused: a spacing accent ("O´Brien") folds to a space inside
// one word, so "o brien" as one word and as two would share a key.
const queryKey = ({ words, tags }: ParsedQuery) => JSON.stringify([words, tags]);

/** Whether two queries find the same notes and mark the same words and tags (the same words and tags, in order). */
export function sameQuery(a: ParsedQuery, b: ParsedQuery): boolean {
  return a === b || queryKey(a) === queryKey(b);
}

/**
 * A search typed a key at a time over one list of notes (`search` gives the notes matching each query, in the list's
 * order, as `matchesQuery` would find them). Each key looks only where it must:
 *  - a query that can only find fewer notes than one already run (narrows) looks among that one's results only, and
 *    of each note checks only the words it did not hold already: a word the earlier query had is known to be there;
 *    a word that extends an earlier one ("sto" → "stor") is looked for from where that one first occurred (the longer
 *    cannot occur earlier), not from the start of the note's text;
 *  - a query run lately (a character deleted, then typed again) is answered from what it found then.
 * When every note of the list or of the earlier results is found again, the same array is given back, so what depends
 * on the notes shown (the list's rows, counts) need not be worked out again.
 */
export class IncrementalSearch {
  private readonly found = new Map<string, Found>();
  /** Each note's fold, by its place in the list: looked up once per note, not at every key. */
  private readonly folds: (Folded | undefined)[];

  constructor(readonly notes: readonly Annotation[]) {
    this.folds = new Array<Folded | undefined>(notes.length);
  }

  private fold(i: number): Folded {
    return (this.folds[i] ??= folded(this.notes[i]!));
  }

  search(query: ParsedQuery): readonly Annotation[] {
    if (query.words.length === 0 && query.tags.length === 0) return this.notes;
    const key = queryKey(query);
    const kept = this.found.get(key);
    if (kept) {
      // Most recent last: the oldest is the one forgotten.
      this.found.delete(key);
      this.found.set(key, kept);
      return kept.notes;
    }
    let from: Found | null = null;
    for (const f of this.found.values()) if (narrows(f.query, query) && (!from || f.at.length < from.at.length)) from = f;
    const result = from ? this.narrow(from, query) : this.scan(query);
    this.found.set(key, result);
    if (this.found.size > KEPT_QUERIES) this.found.delete(this.found.keys().next().value!);
    return result.notes;
  }

  /** Every note of the list, each word looked for from the start. */
  private scan(query: ParsedQuery): Found {
    const n = this.notes.length;
    const at = new Int32Array(n);
    const firstIndex = query.words.map(() => new Int32Array(n));
    let count = 0;
    next: for (let i = 0; i < n; i++) {
      const { haystack, tags } = this.fold(i);
      for (const t of query.tags) if (!tags.includes(t)) continue next;
      for (let w = 0; w < query.words.length; w++) {
        const index = haystack.indexOf(query.words[w]!);
        if (index < 0) continue next;
        firstIndex[w]![count] = index;
      }
      at[count++] = i;
    }
    return this.made(query, at, firstIndex, count, null);
  }

  /** Among `from`'s results only (its query narrows `query`), checking only what `from` did not. */
  private narrow(from: Found, query: ParsedQuery): Found {
    const n = from.at.length;
    const at = new Int32Array(n);
    // Each word: the earlier word it holds (known to occur in every note found), and where in it that word sits.
    const plan = query.words.map((word) => {
      let known: string | undefined;
      for (const w of from.query.words) if (word.includes(w) && (known === undefined || w.length > known.length)) known = w;
      return { word, known, first: known === undefined ? undefined : from.firstIndex.get(known)!, offset: known === undefined ? 0 : word.indexOf(known) };
    });
    const newTags = query.tags.filter((t) => !from.query.tags.includes(t));
    const firstIndex = plan.map(() => new Int32Array(n));
    let count = 0;
    next: for (let k = 0; k < n; k++) {
      const i = from.at[k]!;
      const entry = this.fold(i);
      for (const t of newTags) if (!entry.tags.includes(t)) continue next;
      for (let w = 0; w < plan.length; w++) {
        const p = plan[w]!;
        if (p.word === p.known) {
          firstIndex[w]![count] = p.first![k]!;
          continue;
        }
        // If `word` occurs at x, the word it holds occurs at x + offset, so no earlier than its first index.
        const start = p.first ? Math.max(0, p.first[k]! - p.offset) : 0;
        const index = entry.haystack.indexOf(p.word, start);
        if (index < 0) continue next;
        firstIndex[w]![count] = index;
      }
      at[count++] = i;
    }
    return this.made(query, at, firstIndex, count, count === n ? from : null);
  }

  private made(query: ParsedQuery, at: Int32Array, firstIndex: Int32Array[], count: number, same: Found | null): Found {
    const everyNote = count === this.notes.length;
    const notes = same ? same.notes : everyNote ? (this.notes as Annotation[]) : Array.from(at.subarray(0, count), (i) => this.notes[i]!);
    const kept = new Map<string, Int32Array>();
    query.words.forEach((w, i) => kept.set(w, count === at.length ? firstIndex[i]! : firstIndex[i]!.slice(0, count)));
    return { query, at: count === at.length ? at : at.slice(0, count), firstIndex: kept, notes };
  }
}
