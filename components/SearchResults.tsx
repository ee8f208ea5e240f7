// The popup's search across every note (text, quote, tags, page title, the linked reference item), ignoring case
// and accents. Each result says on which site and page and when it was written, marks the words that matched, and
// can be edited, deleted (with Undo) or opened at its passage.
import { useEffect, useMemo, useState } from 'preact/hooks';
import type { NotesApi } from '@/lib/notes/api';
import type { Annotation } from '@/lib/notes/types';
import type { AnnotationPatch } from '@/lib/notes/repository';
import { parseQuery } from '@/lib/notes/search';
import { NoteItem } from './NoteItem';
import { NARROW_FOLD } from './FoldedText';
import { UndoBar } from './UndoBar';
import { errorText } from './use-task';

export interface SearchResultsProps {
  query: string;
  api: NotesApi;
}

/** The search lists at most this many (the library lists them all). */
const MAX = 100;

export function SearchResults({ query, api }: SearchResultsProps) {
  const [results, setResults] = useState<Annotation[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [undo, setUndo] = useState<Annotation | null>(null);
  const [again, setAgain] = useState(0);
  const terms = useMemo(() => parseQuery(query), [query]);

  useEffect(() => {
    let current = true;
    // Debounced: a search reads every note, so it waits for a pause in typing.
    const timer = setTimeout(() => {
      api.search(query).then(
        (r) => { if (current) { setResults(r); setError(null); } },
        (e: unknown) => { if (current) setError(errorText(e)); },
      );
    }, 150);
    return () => { current = false; clearTimeout(timer); };
  }, [query, api, again]);

  const update = async (note: Annotation, patch: AnnotationPatch) => {
    const next = await api.edit(note, patch);
    setResults((list) => list?.map((n) => (n.id === next.id ? next : n)) ?? null);
  };
  const remove = (note: Annotation) => {
    api.remove(note.id).then(
      (removed) => {
        setResults((list) => list?.filter((n) => n.id !== note.id) ?? null);
        setUndo(removed);
      },
      (e: unknown) => setError(errorText(e)),
    );
  };
  const restore = (id: string) => {
    setUndo(null);
    api.restore(id).then(() => setAgain((n) => n + 1), (e: unknown) => setError(errorText(e)));
  };
  const open = (note: Annotation) => void api.openPassage(note.id).catch((e: unknown) => setError(errorText(e)));

  const n = results?.length ?? 0;
  return (
    <section class="bs-search-results" aria-labelledby="bs-results-title">
      <h2 id="bs-results-title" class="bs-visually-hidden">Search results</h2>
      <p class="bs-muted" role="status" data-testid="result-count">
        {results === null
          ? 'Searching…'
          : n === 0
            ? 'No note matches.'
            : n >= MAX
              ? `The ${MAX} most recent matches (All notes lists every one).`
              : `${n} note${n === 1 ? ' matches' : 's match'}.`}
      </p>
      {error ? <p class="bs-error" role="alert">{error}</p> : null}
      {undo ? <UndoBar message="Note deleted." onUndo={() => restore(undo.id)} onExpire={() => setUndo(null)} /> : null}
      {results && n > 0 ? (
        <ul class="bs-note-list bs-results" aria-labelledby="bs-results-title">
          {results.map((note) => (
            <NoteItem key={note.id} note={note} words={terms.words} tagTerms={terms.tags} showPage onUpdate={update} onDelete={remove} onOpen={open} foldAt={NARROW_FOLD} />
          ))}
        </ul>
      ) : null}
    </section>
  );
}
