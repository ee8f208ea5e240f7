// The popup's notes for the tab's page, first thing under the header: a composer (quoting the selection, if any),
// then this page's notes — newest first or in reading order, filtered by tag, a page of them at a time, edited in
// place, deleted with Undo (and this page's recently deleted notes, restorable after the popup was closed),
// orphaned quotes marked.
import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { NotesApi } from '@/lib/notes/api';
import type { AnchorReport, PageContext } from '@/lib/notes/messages';
import type { Annotation, DeletedAnnotation, NoteTarget, ReferenceLink } from '@/lib/notes/types';
import type { AnnotationPatch } from '@/lib/notes/repository';
import { foldForSearch } from '@/lib/notes/fold';
import { NOTE_ORDER_LABELS, sortNotes } from '@/lib/notes/order';
import { NoteComposer } from './NoteComposer';
import { NoteItem } from './NoteItem';
import { RecentlyDeleted } from './RecentlyDeleted';
import { UndoBar } from './UndoBar';
import { NARROW_FOLD } from './FoldedText';
import { tagText } from './NoteTags';
import { errorText } from './use-task';

export interface PopupPage {
  /** Normalised (lib/url.ts): the notes' key. */
  url: string;
  title: string;
}

export interface NotesPanelProps {
  tabId: number | undefined;
  /** The repository, the background and the tab (entrypoints/popup/main.tsx wires it to the browser). */
  api: NotesApi;
  /** The web page the tab shows (the browser knows it at once). */
  page: PopupPage;
  /** The content script's side (the selection, which notes it anchored), once it answered; null until then. */
  context: PageContext | null;
  /** False where Backstory could not start on the page (the popup says why): no composer then. */
  canWrite: boolean;
}

/** Enough to fill the popup twice; the rest a page at a time, so 1,000 notes on a page open fast. */
export const PAGE_SIZE = 20;
type PageOrder = 'newest' | 'reading';
const ORDER_KEY = 'backstory.pageOrder';

function rememberedOrder(): PageOrder {
  try {
    return localStorage.getItem(ORDER_KEY) === 'reading' ? 'reading' : 'newest';
  } catch {
    return 'newest';
  }
}

export function NotesPanel({ tabId, api, page, context, canWrite }: NotesPanelProps) {
  const [quote, setQuote] = useState<NoteTarget | null>(null);
  const [reference, setReference] = useState<ReferenceLink | null>(null);
  const [fromPending, setFromPending] = useState(false);
  const [notes, setNotes] = useState<Annotation[] | null>(null);
  const [anchoring, setAnchoring] = useState<AnchorReport | null>(null);
  const [tagFilter, setTagFilter] = useState('');
  const [order, setOrder] = useState<PageOrder>(rememberedOrder);
  const [limit, setLimit] = useState(PAGE_SIZE);
  const [undo, setUndo] = useState<Annotation | null>(null);
  const [deleted, setDeleted] = useState<DeletedAnnotation[]>([]);
  const [error, setError] = useState<string | null>(null);
  const pendingTaken = useRef(false);

  // The notes are listed from the tab's address at once; the selection and anchoring arrive when the page answers.
  useEffect(() => {
    let alive = true;
    api.listForUrl(page.url).then(
      (list) => { if (alive) setNotes(list); },
      (e: unknown) => { if (alive) setError(errorText(e)); },
    );
    void api.listDeleted(page.url).then((list) => { if (alive) setDeleted(list); }, () => undefined);
    return () => { alive = false; };
  }, [api, page.url]);

  useEffect(() => {
    if (!context) return;
    let alive = true;
    void (async () => {
      // The context-menu or add-note selection wins; it is only used on the page it was taken on.
      const pending = tabId === undefined || pendingTaken.current ? null : await api.takePending(tabId).catch(() => null);
      pendingTaken.current = true;
      if (!alive) return;
      if (pending && pending.url === page.url) {
        setQuote(pending.target);
        setReference(pending.reference ?? null);
        setFromPending(true);
      } else if (context.url === page.url) {
        setQuote(context.selection);
        setReference(context.selection ? context.reference ?? null : null);
      }
      setAnchoring(context.anchoring);
    })();
    return () => { alive = false; };
  }, [api, tabId, context, page.url]);

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
    const note = await api.save({ url: page.url, title: context?.title || page.title, ...input });
    setNotes((list) => [note, ...(list ?? [])]);
    setQuote(null);
    setReference(null);
    setFromPending(false);
    reanchor();
  };

  const update = async (note: Annotation, patch: AnnotationPatch) => {
    const next = await api.edit(note, patch);
    setNotes((list) => list?.map((n) => (n.id === next.id ? next : n)) ?? null);
    reanchor();
  };

  const refreshDeleted = () => void api.listDeleted(page.url).then(setDeleted, () => undefined);

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

  /** Restores a deleted note by id (Undo, or the list of recently deleted notes). */
  const restore = (id: string) => {
    setError(null);
    if (undo?.id === id) setUndo(null);
    api.restore(id).then(
      (restored) => {
        setNotes((list) => [...(list ?? []).filter((n) => n.id !== restored.id), restored]);
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
    const key = foldForSearch(tagFilter);
    const kept = !tagFilter ? notes ?? [] : (notes ?? []).filter((n) => n.tags.some((t) => foldForSearch(t) === key));
    return sortNotes(kept, order);
  }, [notes, tagFilter, order]);
  const orphaned = new Set(anchoring?.orphaned ?? []);
  const anchored = new Set(anchoring?.anchored ?? []);
  const orphanCount = (notes ?? []).filter((n) => orphaned.has(n.id)).length;
  const count = notes?.length ?? 0;

  return (
    <section class="bs-notes" aria-labelledby="bs-notes-title">
      {canWrite ? (
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
      {undo ? <UndoBar message="Note deleted." onUndo={() => restore(undo.id)} onExpire={() => setUndo(null)} /> : null}
      <div class="bs-notes-head">
        <h2 id="bs-notes-title">
          Notes on this page{notes ? <span class="bs-muted" data-testid="page-count"> ({count})</span> : null}
        </h2>
        {count > 1 ? (
          <span class="bs-list-controls">
            {tags.length > 0 ? (
              <>
                <label class="bs-visually-hidden" for="bs-tag-filter">Show notes tagged</label>
                <select id="bs-tag-filter" value={tagFilter} onChange={(e) => { setTagFilter(e.currentTarget.value); setLimit(PAGE_SIZE); }}>
                  <option value="">All tags</option>
                  {tags.map((t) => <option key={t} value={t}>{tagText(t)}</option>)}
                </select>
              </>
            ) : null}
            <label class="bs-visually-hidden" for="bs-page-order">Order</label>
            <select
              id="bs-page-order"
              value={order}
              onChange={(e) => {
                const next = e.currentTarget.value === 'reading' ? 'reading' : 'newest';
                setOrder(next);
                try { localStorage.setItem(ORDER_KEY, next); } catch { /* not remembered: harmless */ }
              }}
            >
              <option value="newest">{NOTE_ORDER_LABELS.newest}</option>
              <option value="reading">{NOTE_ORDER_LABELS.reading}</option>
            </select>
          </span>
        ) : null}
      </div>
      {orphanCount > 0 ? (
        <p class="bs-orphan-summary">{orphanCount === 1 ? '1 quote' : `${orphanCount} quotes`} not found on the page (the article may have changed).</p>
      ) : null}
      {notes && count === 0 ? <p class="bs-muted bs-empty">None yet.</p> : null}
      {shown.length > 0 ? (
        <ul class="bs-note-list" aria-labelledby="bs-notes-title">
          {shown.slice(0, limit).map((note) => (
            <NoteItem
              key={note.id}
              note={note}
              anchoring={note.target ? (orphaned.has(note.id) ? 'orphaned' : anchored.has(note.id) ? 'anchored' : undefined) : undefined}
              onUpdate={update}
              onDelete={remove}
              onReveal={(n) => void api.revealOnPage(n.id)}
              foldAt={NARROW_FOLD}
            />
          ))}
        </ul>
      ) : null}
      {shown.length > limit ? (
        <button type="button" class="bs-more" onClick={() => setLimit(limit + PAGE_SIZE)}>
          Show {Math.min(PAGE_SIZE, shown.length - limit)} more ({shown.length - limit} not shown yet)
        </button>
      ) : null}
      <RecentlyDeleted deleted={deleted.filter((d) => d.id !== undo?.id)} onRestore={restore} title="Recently deleted on this page" />
    </section>
  );
}
