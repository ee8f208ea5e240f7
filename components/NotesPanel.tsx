// The popup's notes: a composer for this page (quoting the selection, if any), this page's notes newest
// first with a tag filter, in-place edit, delete with undo (and this page's recently deleted notes, which
// can be restored after the popup was closed), orphaned quotes marked; and search across all.
import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { NotesApi } from '@/lib/notes/api';
import type { AnchorReport } from '@/lib/notes/messages';
import type { Annotation, DeletedAnnotation, NoteTarget, ReferenceLink } from '@/lib/notes/types';
import type { AnnotationPatch } from '@/lib/notes/repository';
import { normalizeUrl } from '@/lib/url';
import { foldForSearch } from '@/lib/notes/fold';
import { byCreatedDesc } from '@/lib/notes/search';
import { NoteComposer } from './NoteComposer';
import { NoteItem } from './NoteItem';
import { NoteSearch } from './NoteSearch';
import { RecentlyDeleted } from './RecentlyDeleted';
import { errorText } from './use-task';

export interface NotesPanelProps {
  tabId: number | undefined;
  /** The background and the tab (entrypoints/popup/main.tsx wires it to the browser; tests to handlers). */
  api: NotesApi;
  /** Told of the search box's query (the popup offers "Search results" in its export menu). */
  onSearchQueryChange?(query: string): void;
}

/** Enough to fill the popup several times; the rest on demand, so 1,000 notes on a page open fast. */
const PAGE_SIZE = 50;
const UNDO_MS = 10_000;

interface PageState {
  url: string;
  title: string;
}

export function NotesPanel({ tabId, api, onSearchQueryChange }: NotesPanelProps) {
  const [page, setPage] = useState<PageState | null>(null);
  const [unavailable, setUnavailable] = useState(false);
  const [quote, setQuote] = useState<NoteTarget | null>(null);
  const [reference, setReference] = useState<ReferenceLink | null>(null);
  const [fromPending, setFromPending] = useState(false);
  const [notes, setNotes] = useState<Annotation[] | null>(null);
  const [anchoring, setAnchoring] = useState<AnchorReport | null>(null);
  const [tagFilter, setTagFilter] = useState<string | null>(null);
  const [limit, setLimit] = useState(PAGE_SIZE);
  const [undo, setUndo] = useState<Annotation | null>(null);
  const [deleted, setDeleted] = useState<DeletedAnnotation[]>([]);
  const [error, setError] = useState<string | null>(null);
  const undoButton = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    let alive = true;
    void (async () => {
      const contextP = api.pageContext();
      const pendingP = tabId === undefined ? Promise.resolve(null) : api.takePending(tabId).catch(() => null);
      // The browser knows the tab's URL at once; the content script may still be anchoring a long article.
      // So the notes are listed from the tab's URL, and the selection and anchoring arrive when ready.
      const info = (await api.tabInfo()) ?? (await contextP);
      if (!alive) return;
      if (!info) {
        setUnavailable(true);
        return;
      }
      const url = normalizeUrl(info.url);
      setPage({ url, title: info.title });
      const listed = api.listForUrl(url).then(
        (list) => { if (alive) setNotes(list); },
        (e: unknown) => { if (alive) setError(errorText(e)); },
      );
      void api.listDeleted(url).then((list) => { if (alive) setDeleted(list); }, () => undefined);
      const [context, pending] = await Promise.all([contextP, pendingP]);
      if (!alive) return;
      if (context?.title && context.url === url) setPage({ url, title: context.title });
      // The context menu / command selection wins; it is only used on the page it was taken on.
      if (pending && pending.url === url) {
        setQuote(pending.target);
        setReference(pending.reference ?? null);
        setFromPending(true);
      } else if (context?.url === url) {
        setQuote(context.selection);
        setReference(context.selection ? context.reference ?? null : null);
      }
      setAnchoring(context?.anchoring ?? null);
      await listed;
    })();
    return () => { alive = false; };
  }, [api, tabId]);

  useEffect(() => {
    if (!undo) return;
    const timer = setTimeout(() => setUndo(null), UNDO_MS);
    undoButton.current?.focus();
    return () => clearTimeout(timer);
  }, [undo]);

  // A mark for the time-to-notes figure (tests/e2e/notes.test.ts reports it with first-contentful-paint).
  const listedOnce = useRef(false);
  useEffect(() => {
    if (!notes || listedOnce.current) return;
    listedOnce.current = true;
    requestAnimationFrame(() => performance.mark('notes-listed'));
  }, [notes]);

  const reanchor = useCallback(() => {
    void api.refreshPage().then((report) => { if (report) setAnchoring(report); });
  }, [api]);

  const save = async (input: { text: string; tags: string[]; target?: NoteTarget; reference?: ReferenceLink }) => {
    if (!page) throw new Error('This page cannot be annotated.');
    const note = await api.save({ url: page.url, title: page.title, ...input });
    setNotes((list) => [note, ...(list ?? [])]);
    setQuote(null);
    setReference(null);
    setFromPending(false);
    reanchor();
  };

  const update = async (note: Annotation, patch: AnnotationPatch) => {
    const base: AnnotationPatch = {};
    if (patch.text !== undefined) base.text = note.text;
    if (patch.tags !== undefined) base.tags = note.tags;
    const next = await api.update(note.id, patch, base);
    setNotes((list) => list?.map((n) => (n.id === next.id ? next : n)) ?? null);
    reanchor();
  };

  const refreshDeleted = () => {
    if (page) void api.listDeleted(page.url).then(setDeleted, () => undefined);
  };

  const remove = (note: Annotation) => {
    setError(null);
    api.remove(note.id).then(
      (removed) => {
        setNotes((list) => list?.filter((n) => n.id !== note.id) ?? null);
        setUndo(removed);
        refreshDeleted();
        reanchor();
      },
      (e: unknown) => setError(errorText(e)),
    );
  };

  /** Restores a deleted note by id (the undo button, or the list of recently deleted notes). */
  const restore = (id: string) => {
    setError(null);
    if (undo?.id === id) setUndo(null);
    api.restore(id).then(
      (restored) => {
        setNotes((list) => [...(list ?? []).filter((n) => n.id !== restored.id), restored].sort(byCreatedDesc));
        refreshDeleted();
        reanchor();
        // Focus returns to the restored note, so keyboard readers continue where they were.
        requestAnimationFrame(() => {
          const item = [...document.querySelectorAll<HTMLElement>('[data-note-id]')].find((el) => el.dataset.noteId === restored.id);
          item?.querySelector<HTMLElement>('button')?.focus();
        });
      },
      (e: unknown) => setError(errorText(e)),
    );
  };

  const tags = useMemo(() => {
    const seen = new Map<string, string>();
    for (const n of notes ?? []) for (const t of n.tags) if (!seen.has(foldForSearch(t))) seen.set(foldForSearch(t), t);
    return [...seen.values()].sort((a, b) => a.localeCompare(b));
  }, [notes]);
  const shown = useMemo(() => {
    if (!notes) return [];
    if (!tagFilter) return notes;
    const key = foldForSearch(tagFilter);
    return notes.filter((n) => n.tags.some((t) => foldForSearch(t) === key));
  }, [notes, tagFilter]);
  const orphaned = new Set(anchoring?.orphaned ?? []);
  const anchored = new Set(anchoring?.anchored ?? []);
  const orphanCount = (notes ?? []).filter((n) => orphaned.has(n.id)).length;
  const search = useCallback((q: string) => api.search(q), [api]);

  return (
    <section class="bs-notes" aria-labelledby="bs-notes-title">
      <h2 id="bs-notes-title">Notes</h2>
      {unavailable ? (
        <p class="bs-muted">Notes can be written on web pages; this tab is not one Backstory can reach.</p>
      ) : page ? (
        <NoteComposer
          key={page.url}
          url={page.url}
          quote={quote}
          autoFocus={fromPending}
          onDropQuote={() => setQuote(null)}
          reference={reference}
          onDropReference={() => setReference(null)}
          onSave={save}
        />
      ) : null}
      {error ? <p class="bs-error" role="alert">{error}</p> : null}
      {undo ? (
        <div class="bs-undo" role="status">
          <span>Note deleted.</span>
          <button type="button" ref={undoButton} onClick={() => restore(undo.id)}>Undo</button>
        </div>
      ) : null}
      {notes && notes.length > 0 ? (
        <>
          <h3 class="bs-subtitle">On this page <span class="bs-muted">({notes.length})</span></h3>
          {orphanCount > 0 ? (
            <p class="bs-orphan-summary">{orphanCount === 1 ? '1 quote' : `${orphanCount} quotes`} not found on the page (the article may have changed).</p>
          ) : null}
          {tags.length > 0 ? (
            <div class="bs-filter" role="group" aria-label="Filter by tag">
              <button type="button" aria-pressed={tagFilter === null} onClick={() => setTagFilter(null)}>All</button>
              {tags.map((t) => (
                <button type="button" key={t} aria-pressed={tagFilter === t} onClick={() => setTagFilter(tagFilter === t ? null : t)}>#{t}</button>
              ))}
            </div>
          ) : null}
          <ul class="bs-note-list" aria-label="Notes on this page">
            {shown.slice(0, limit).map((note) => (
              <NoteItem
                key={note.id}
                note={note}
                anchoring={note.target ? (orphaned.has(note.id) ? 'orphaned' : anchored.has(note.id) ? 'anchored' : undefined) : undefined}
                onUpdate={update}
                onDelete={remove}
                onReveal={(n) => void api.revealOnPage(n.id)}
              />
            ))}
          </ul>
          {shown.length > limit ? (
            <button type="button" class="bs-more" onClick={() => setLimit(shown.length)}>Show all {shown.length} notes</button>
          ) : null}
        </>
      ) : notes ? (
        <p class="bs-muted">No notes on this page yet.</p>
      ) : null}
      <RecentlyDeleted deleted={deleted.filter((d) => d.id !== undo?.id)} onRestore={restore} />
      <NoteSearch search={search} onQueryChange={onSearchQueryChange} />
    </section>
  );
}
