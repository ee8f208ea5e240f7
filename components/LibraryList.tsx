// The notes the library's filters show, in the chosen order, a page of the list at a time so 10,000 notes open
// fast. Orders that go page by page (by site, reading order) head each page once; the others say on each note
// which page it is on.
import { useEffect, useMemo, useState } from 'preact/hooks';
import type { Annotation } from '@/lib/notes/types';
import type { AnnotationPatch } from '@/lib/notes/repository';
import { groupsByPage, type NoteOrder } from '@/lib/notes/order';
import { titleFor } from '@/lib/notes/group';
import { richText } from '@/lib/notes/rich-text';
import { siteOf, webHref } from '@/lib/url';
import { NoteItem } from './NoteItem';
import { RichText } from './RichText';
import { WIDE_FOLD } from './FoldedText';

export interface LibraryListProps {
  /** Already filtered and sorted. */
  notes: readonly Annotation[];
  order: NoteOrder;
  /** Changes when the reader asks for another list (new filters or order): the list starts again at its top. */
  listKey: string;
  words: readonly string[];
  tagTerms: readonly string[];
  selected: ReadonlySet<string>;
  onSelect(note: Annotation, selected: boolean, extend: boolean): void;
  onUpdate(note: Annotation, patch: AnnotationPatch): Promise<void>;
  onDelete(note: Annotation): void;
  onOpen(note: Annotation): void;
}

export const LIBRARY_STEP = 50;
/**
 * Notes drawn in the first frame of a new list (more than a tall window shows); the rest of the step follows a few
 * at a time, a task each, so a key typed in the search paints its results without waiting for notes below the
 * fold, and the next key never waits for more than a few of them.
 */
export const FIRST_FRAME = 15;
const LATER_BATCH = 10;

interface Run {
  url: string;
  notes: Annotation[];
}

export function LibraryList(props: LibraryListProps) {
  const { notes, order, listKey, words, tagTerms, selected, onSelect, onUpdate, onDelete, onOpen } = props;
  const [limit, setLimit] = useState(LIBRARY_STEP);
  useEffect(() => setLimit(LIBRARY_STEP), [listKey]);
  // How much of which list (filters and order) has been drawn: a new one is drawn FIRST_FRAME notes first, then
  // LATER_BATCH at a time. The same list with a note edited or deleted keeps what was drawn, so a note being edited
  // further down is never taken out of the page.
  const [drawn, setDrawn] = useState<{ listKey: string; count: number }>({ listKey: '', count: 0 });
  const count = drawn.listKey === listKey ? drawn.count : FIRST_FRAME;
  const wanted = Math.min(limit, notes.length);
  const whole = count >= wanted;
  useEffect(() => {
    if (whole) return;
    const later = setTimeout(() => setDrawn({ listKey, count: count + LATER_BATCH }), 0);
    return () => clearTimeout(later);
  }, [listKey, count, whole]);
  const grouped = groupsByPage(order);
  const shown = notes.slice(0, Math.min(limit, count));
  // Consecutive notes on one page, for the orders that go page by page.
  const runs = useMemo(() => {
    const out: Run[] = [];
    for (const note of shown) {
      const last = out.at(-1);
      if (grouped && last?.url === note.url) last.notes.push(note);
      else out.push({ url: note.url, notes: [note] });
    }
    return out;
  }, [shown, grouped]);

  if (notes.length === 0) return null;
  const item = (note: Annotation) => (
    <NoteItem
      key={note.id}
      note={note}
      words={words}
      tagTerms={tagTerms}
      showPage={!grouped}
      selected={selected.has(note.id)}
      onSelect={onSelect}
      onUpdate={onUpdate}
      onDelete={onDelete}
      onOpen={onOpen}
      foldAt={WIDE_FOLD}
    />
  );
  return (
    <div class="bs-library-list">
      {grouped ? (
        runs.map((run, i) => {
          const first = run.notes[0]!;
          const href = webHref(run.url);
          const title = titleFor(first);
          return (
            <section class="bs-page" key={`${run.url} ${i}`} aria-label={`Notes on ${title}`}>
              <h3 class="bs-page-title">
                {href ? <a href={href} target="_blank" rel="noopener noreferrer"><RichText segments={richText(title, words)} /></a> : <RichText segments={richText(title, words)} />}
                <span class="bs-site"> · {siteOf(run.url) || 'not a web page'}</span>
              </h3>
              <ul class="bs-note-list">{run.notes.map(item)}</ul>
            </section>
          );
        })
      ) : (
        <ul class="bs-note-list" aria-label="Notes">{shown.map(item)}</ul>
      )}
      {notes.length > limit && whole ? (
        <button
          type="button"
          class="bs-more"
          onClick={() => {
            // Asked for: drawn at once.
            setLimit(limit + LIBRARY_STEP);
            setDrawn({ listKey, count: limit + LIBRARY_STEP });
          }}
        >
          Show {Math.min(LIBRARY_STEP, notes.length - limit)} more ({(notes.length - limit).toLocaleString()} not shown yet)
        </button>
      ) : null}
    </div>
  );
}
