// Search across every saved note (text, quote, tags, page title, the reference item it is linked to),
// ignoring case and accents; each result opens its page and says what matched (its link included).
import { useEffect, useState } from 'preact/hooks';
import type { Annotation } from '@/lib/notes/types';
import { referenceLinkText } from '@/lib/notes/reference-link';
import { NoteTags } from './NoteTags';
import { webHref } from '@/lib/url';

export interface NoteSearchProps {
  search(query: string): Promise<Annotation[]>;
  /** Told of every change to the query, so the popup can offer to export the search's results. */
  onQueryChange?(query: string): void;
}

export function NoteSearch({ search, onQueryChange }: NoteSearchProps) {
  const [query, setQuery] = useState('');
  const [results, setResults] = useState<Annotation[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!query.trim()) {
      setResults(null);
      return;
    }
    let current = true;
    // Debounced: a search scans every note, so wait for a pause in typing.
    const timer = setTimeout(() => {
      search(query).then(
        (r) => { if (current) { setResults(r); setError(null); } },
        (e: unknown) => { if (current) setError(e instanceof Error ? e.message : String(e)); },
      );
    }, 150);
    return () => { current = false; clearTimeout(timer); };
  }, [query, search]);

  return (
    <section class="bs-search" aria-labelledby="bs-search-title">
      <h2 id="bs-search-title">Search all notes</h2>
      <input
        type="search"
        aria-label="Search all notes"
        placeholder="Words, #tag, page title…"
        value={query}
        onInput={(e) => {
          const value = (e.target as HTMLInputElement).value;
          setQuery(value);
          onQueryChange?.(value);
        }}
      />
      {error ? <p class="bs-error" role="alert">{error}</p> : null}
      {results ? (
        <>
          <p class="bs-muted" role="status">{results.length === 0 ? 'No note matches.' : `${results.length}${results.length >= 100 ? '+' : ''} note${results.length === 1 ? '' : 's'} found.`}</p>
          <ul class="bs-results">
            {results.map((note) => {
              // Only web pages become links: an imported record must not smuggle a javascript: URL in.
              const href = webHref(note.url);
              const title = note.title || note.url;
              return (
                <li key={note.id} class="bs-result">
                  {href ? <a href={href} target="_blank" rel="noreferrer">{title}</a> : <span>{title}</span>}
                  {note.target ? <blockquote class="bs-quote">{note.target.quote.exact}</blockquote> : null}
                  {note.text ? <p class="bs-note-text">{note.text}</p> : null}
                  {note.reference ? <p class="bs-muted bs-note-reference">On {referenceLinkText(note.reference)}</p> : null}
                  <NoteTags tags={note.tags} />
                </li>
              );
            })}
          </ul>
        </>
      ) : null}
    </section>
  );
}
