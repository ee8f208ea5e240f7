// A set's documents: title, publisher, date and where it came from; each can be read here or removed (it goes to
// the trash, restorable for 30 days, and the set is built again without it).
import { useState } from 'preact/hooks';
import type { SetsApi } from '@/lib/sets/api';
import type { SetDocument } from '@/lib/sets/types';
import { formatReferenceDate } from '@/lib/reference/summary';
import { webHref } from '@/lib/url';
import { useTask } from './use-task';

/** Documents listed before "Show all": a long list is there on request, not on every change. */
const PAGE = 50;
const ORIGIN: Record<SetDocument['origin'], string> = { page: 'added from a page', paste: 'pasted', file: 'from a file', import: 'imported' };

export function SetDocuments({ api, setId, documents, onOpen, onChanged }: {
  api: SetsApi;
  setId: string;
  documents: SetDocument[];
  onOpen(docId: string): void;
  onChanged(): void;
}) {
  const { busy, status, run } = useTask();
  const [shown, setShown] = useState(PAGE);
  return (
    <section aria-labelledby="bs-set-docs-title" class="bs-set-docs">
      <h3 id="bs-set-docs-title">Documents ({documents.length})</h3>
      {documents.length === 0 ? <p class="bs-hint">None yet.</p> : null}
      <ol class="bs-set-doc-list">
        {documents.slice(0, shown).map((d) => {
          const href = d.url ? webHref(d.url) : null;
          return (
            <li key={d.id} data-doc-id={d.id}>
              <cite>{d.title || d.id}</cite>
              <span class="bs-muted">
                {' — '}
                {[d.publisher, d.date ? formatReferenceDate(d.date) : undefined, ORIGIN[d.origin]].filter(Boolean).join(', ')}
              </span>{' '}
              <span class="bs-actions">
                <button type="button" class="bs-link" onClick={() => onOpen(d.id)}>Read</button>
                {href ? <a class="bs-link" href={href} target="_blank" rel="noopener noreferrer">Original</a> : null}
                <button type="button" class="bs-link bs-danger" disabled={busy} onClick={() => void run(async () => {
                  await api.removeDocument(setId, d.id);
                  onChanged();
                  return `Removed “${d.title || d.id}”: restore it from Recently deleted on the list of sets.`;
                })}>Remove<span class="bs-visually-hidden"> “{d.title || d.id}”</span></button>
              </span>
            </li>
          );
        })}
      </ol>
      {documents.length > shown ? (
        <button type="button" class="bs-more" onClick={() => setShown(documents.length)}>Show all {documents.length} documents</button>
      ) : null}
      {status ? <p class={status.error ? 'bs-error' : 'bs-hint'} role={status.error ? 'alert' : 'status'}>{status.text}</p> : null}
    </section>
  );
}
