// One of a set's documents, read in the library, with a passage marked (a card's "open the document" link, or an
// entity's or figure's first mention): the text as the builder read it, so the marked characters are exactly
// the range its provenance gives. Plain text in elements, never markup from the document.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { SetsApi } from '@/lib/sets/api';
import type { SetDocument } from '@/lib/sets/types';
import type { DocumentPassage } from '@/lib/sets/messages';
import type { Dataset } from '@/lib/reference/types';
import { formatReferenceDate } from '@/lib/reference/summary';
import { webHref } from '@/lib/url';

export interface DocumentViewProps {
  api: SetsApi;
  setId: string;
  document: SetDocument;
  passage: DocumentPassage;
  dataset?: Dataset;
  onClose(): void;
}

/** What the marked passage is in the set (an entity's name or a figure's label), if anything. */
function passageLabel(dataset: Dataset | undefined, docId: string, start: number, end: number): string | undefined {
  if (!dataset) return undefined;
  const hit = (m: { doc: string; start: number; end: number }) => m.doc === docId && m.start === start && m.end === end;
  return dataset.entities.find((e) => e.mentions.some(hit))?.name ?? dataset.figures.find((f) => f.mentions.some(hit))?.label;
}

export function DocumentView({ api, setId, document: doc, passage, dataset, onClose }: DocumentViewProps) {
  const [text, setText] = useState<string | null | undefined>(undefined);
  const mark = useRef<HTMLElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    let alive = true;
    void api.repository.getText(setId, doc.id).then((t) => { if (alive) setText(t ?? null); });
    return () => { alive = false; };
  }, [api, setId, doc.id]);
  useEffect(() => {
    if (text === undefined) return;
    (mark.current ?? heading.current)?.scrollIntoView({ block: 'center' });
    heading.current?.focus();
  }, [text, passage.start, passage.end]);

  const href = doc.url ? webHref(doc.url) : undefined;
  const { start, end } = passage;
  const marked = text && start !== undefined && end !== undefined && end <= text.length && start < end;
  const label = marked ? passageLabel(dataset, doc.id, start, end) : undefined;
  return (
    <article class="bs-document" aria-labelledby="bs-document-title" data-testid="document-view">
      <header>
        <h3 id="bs-document-title" ref={heading} tabIndex={-1}>{doc.title || doc.id}</h3>
        <p class="bs-muted">
          {[doc.publisher, doc.date ? formatReferenceDate(doc.date) : undefined].filter(Boolean).join(', ')}
          {href ? <> · <a href={href} target="_blank" rel="noopener noreferrer">Original</a></> : null}
          {' · '}
          <button type="button" class="bs-link" onClick={onClose}>Close the document</button>
        </p>
        {marked ? <p class="bs-hint">The marked passage{label ? ` is where the set found “${label}”` : ''} (characters {start}–{end}).</p> : null}
      </header>
      {text === undefined ? <p class="bs-muted">Loading…</p> : text === null ? (
        <p class="bs-hint">This document was imported without its text: only its facts and their places in it are kept.</p>
      ) : (
        <div class="bs-document-text">
          {marked ? (
            <>
              {text.slice(0, start)}
              <mark ref={mark} data-testid="passage">{text.slice(start, end)}</mark>
              {text.slice(end)}
            </>
          ) : text}
        </div>
      )}
    </article>
  );
}
