// The notes library ("Backstory — notes & settings", the extension's options page): every note across sites, to
// search, filter, sort, edit, delete (with Undo: deleted notes wait in the trash), select many and act on them,
// and open at their passage; the reader's settings; import, export and delete-all. It reads and writes through its
// own notes repository and reloads when another of Backstory's pages changes notes.
import type { ComponentChildren } from 'preact';
import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { TransferApi } from '@/lib/export/transfer';
import type { AnnotationPatch, NotesRepository } from '@/lib/notes/repository';
import { filterAnnotations, isEmptyFilter, type AnnotationFilter } from '@/lib/export/filter';
import { downloadExport } from '@/lib/export/download';
import type { ExportFormat } from '@/lib/export/formats';
import { groupsByPage, isNoteOrder, sortNotes, type NoteOrder } from '@/lib/notes/order';
import { IncrementalSearch, parseQuery, prepareSearch, sameQuery, type ParsedQuery } from '@/lib/notes/search';
import { noteLabel } from '@/lib/notes/describe';
import { siteOf } from '@/lib/url';
import { yieldToMain } from '@/lib/page/schedule';
import type { Annotation, DeletedAnnotation } from '@/lib/notes/types';
import type { SettingsArea, SettingsChangeEvent } from '@/lib/page/settings';
import type { OpenPassageResult } from '@/lib/notes/open-passage';
import { LibraryFilters } from './LibraryFilters';
import { LibraryActions } from './LibraryActions';
import { LIBRARY_STEP, LibraryList } from './LibraryList';
import { LibrarySettings } from './LibrarySettings';
import { OptionsExport } from './OptionsExport';
import { OptionsImport } from './OptionsImport';
import { OptionsDeleteAll } from './OptionsDeleteAll';
import { RecentlyDeleted } from './RecentlyDeleted';
import { StorageFault } from './StorageFault';
import { UndoBar } from './UndoBar';
import { errorText, useTask } from './use-task';
import { useStableHandlers } from './hooks/useStableHandlers';

export interface LibraryProps {
  repository: NotesRepository;
  api: TransferApi;
  /** Opens a note's page at its passage and shows the note (the background does it: `notes/open-passage`). */
  openPassage(id: string): Promise<OpenPassageResult>;
  /** The reader's settings: browser.storage.local and its change event. */
  settingsArea: SettingsArea;
  settingsChanges: SettingsChangeEvent;
  /** What the bundled reference covers, for the setting on which pages are highlighted. */
  subject?: string;
  /** Subscribes to changes made in other contexts; returns the unsubscribe. */
  watchChanges?(listener: () => void): () => void;
  /** The reference sets' section (a `<section id="sets">`), last on the page and linked from its navigation. */
  referenceSets?: ComponentChildren;
}

const ORDER_KEY = 'backstory.libraryOrder';

function rememberedOrder(): NoteOrder {
  try {
    const saved = localStorage.getItem(ORDER_KEY);
    return isNoteOrder(saved) ? saved : 'newest';
  } catch {
    return 'newest';
  }
}

const count = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString()} ${n === 1 ? one : many}`;

interface Undo {
  message: string;
  ids: string[];
}

/**
 * How many notes the library draws before it has read them all (the first step of its list): in the newest- and
 * oldest-first orders they are read on their own, so a library of 10,000 notes opens as fast as one of 50.
 */
const FIRST_WINDOW = LIBRARY_STEP;
/** The filters' notes until every note is read: their counts would otherwise count only the first ones. */
const NO_NOTES: readonly Annotation[] = [];
/** The query of an empty search, the one the library starts from. */
const NO_QUERY: ParsedQuery = parseQuery('');

/** Resolves after the next frame has been painted: what was just drawn is on screen before more work starts. */
const afterPaint = () => new Promise<void>((done) => requestAnimationFrame(() => setTimeout(done, 0)));

export function Library({ repository, api, openPassage, settingsArea, settingsChanges, subject, watchChanges, referenceSets }: LibraryProps) {
  // Every note, once read; until then, the first notes of the list (`first`).
  const [notes, setNotes] = useState<Annotation[] | null>(null);
  const [first, setFirst] = useState<Annotation[] | null>(null);
  const [deleted, setDeleted] = useState<DeletedAnnotation[]>([]);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [filter, setFilter] = useState<AnnotationFilter>({});
  const [order, setOrderState] = useState<NoteOrder>(rememberedOrder);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [undo, setUndo] = useState<Undo | null>(null);
  const bulk = useTask();
  const opening = useTask();
  const lastClicked = useRef<string | null>(null);

  const reads = useRef(0);
  const reload = useCallback(async () => {
    const read = ++reads.current;
    try {
      const [all, trash] = await Promise.all([repository.listAll(), repository.listDeleted()]);
      // The search's folded text is made before the notes are shown, a slice at a time between which the page paints
      // and takes keys: a key typed in the search then never waits for thousands of notes to be folded. Notes read
      // again after a change elsewhere are mostly folded already.
      await prepareSearch(all, yieldToMain, () => read !== reads.current, 250);
      if (read !== reads.current) return; // a later read is under way: it shows the newer notes
      setNotes(all);
      setDeleted(trash);
      setLoadError(null);
      // A note deleted elsewhere is no longer selected.
      setSelected((s) => {
        const live = new Set(all.map((n) => n.id));
        const kept = [...s].filter((id) => live.has(id));
        return kept.length === s.size ? s : new Set(kept);
      });
    } catch (e) {
      setLoadError(`Could not read your notes: ${errorText(e)}`);
    }
  }, [repository]);
  useEffect(() => {
    // Opened again (a reload, back to the page), the library starts at its top or the section its address names: a
    // scroll position kept from before would be restored while the list is still being read and drawn, the page
    // shorter than it will be, and land somewhere else (the notes' heights are only estimated until drawn).
    if ('scrollRestoration' in history) history.scrollRestoration = 'manual';
    let alive = true;
    const startOrder = rememberedOrder();
    void (async () => {
      if (startOrder === 'newest' || startOrder === 'oldest') {
        // The first notes, read through the created index, drawn before the rest are read for search and grouping.
        const firstNotes = await repository.listFirst(startOrder, FIRST_WINDOW).catch(() => null);
        if (!alive) return;
        if (firstNotes) {
          setFirst(firstNotes);
          await afterPaint();
          if (!alive) return;
        }
      }
      await reload();
    })();
    return () => { alive = false; };
  }, [reload]);
  useEffect(() => watchChanges?.(() => void reload()), [watchChanges, reload]);
  // Opened at a section ("More settings" in the popup opens #settings): the browser looked for it before it was
  // drawn, so it is brought into view once the notes and the settings are both drawn (either one arriving later
  // would move it or leave the page too short to scroll to it).
  const [settingsDrawn, setSettingsDrawn] = useState(false);
  const loaded = notes !== null && settingsDrawn;
  useEffect(() => {
    // A route inside a section (#sets?set=…, a reference set's page) names the section before its `?`.
    const id = loaded ? decodeURIComponent(location.hash.slice(1)).split('?')[0] : '';
    if (id) document.getElementById(id)?.scrollIntoView();
  }, [loaded]);

  const setOrder = (next: NoteOrder) => {
    setOrderState(next);
    try {
      localStorage.setItem(ORDER_KEY, next);
    } catch {
      // Not remembering the order is harmless.
    }
  };

  const complete = notes !== null;
  const all = notes ?? first ?? [];
  // Sorted once per list and order, then filtered: filtering keeps the order. Orders that go page by page rank pages
  // by the notes shown, so those sort what the filters keep.
  const sorted = useMemo(() => (groupsByPage(order) ? all : sortNotes(all, order)), [all, order]);
  // The filters other than the search's words apply once per list and filter; the words at each key typed, through a
  // search that answers each key from the keys before it (lib/notes/search.ts). A key that keeps every note of the
  // list, or of the results of the query it narrows, gives back that same array, and what is worked out from it (the
  // list's rows, the counts) is not worked out again; any other key gives a new array, even of the same notes.
  // The other filters are the filter the export is given less its text, so a field the filter gains applies to both;
  // compared by value, as the filter is a new object at every key.
  const { text: searchText, ...others } = filter;
  const othersKey = JSON.stringify(others);
  const unsearched = useMemo(() => (isEmptyFilter(others) ? sorted : filterAnnotations(sorted, others)), [sorted, othersKey]);
  const search = useMemo(() => new IncrementalSearch(unsearched), [unsearched]);
  // A key that leaves the words and tags as they were (a space typed after a word) keeps the same query, so nothing
  // drawn from it (the notes' marks) is drawn again.
  const lastQuery = useRef<ParsedQuery>(NO_QUERY);
  const query = useMemo(() => {
    const next = parseQuery(searchText ?? '');
    return (lastQuery.current = sameQuery(next, lastQuery.current) ? lastQuery.current : next);
  }, [searchText]);
  const found = search.search(query);
  const shown = useMemo(() => (groupsByPage(order) ? sortNotes(found, order) : found), [found, order]);
  const pages = useMemo(() => new Set(all.map((a) => a.url)).size, [all]);
  const sites = useMemo(() => new Set(all.map((a) => siteOf(a.url))).size, [all]);
  // Nothing selected (as while a reader types in the search) needs no pass over the notes shown.
  const selectedShown = useMemo(() => (selected.size === 0 ? 0 : shown.filter((n) => selected.has(n.id)).length), [shown, selected]);
  const filtered = !isEmptyFilter(filter);

  const select = (note: Annotation, on: boolean, extend: boolean) => {
    const next = new Set(selected);
    // Shift+click selects (or clears) every note from the last one clicked to this one, as file lists do.
    const from = extend && lastClicked.current ? shown.findIndex((n) => n.id === lastClicked.current) : -1;
    const to = shown.findIndex((n) => n.id === note.id);
    const range = from >= 0 && to >= 0 ? shown.slice(Math.min(from, to), Math.max(from, to) + 1) : [note];
    for (const n of range) (on ? next.add(n.id) : next.delete(n.id));
    lastClicked.current = note.id;
    setSelected(next);
  };
  const selectShown = (on: boolean) => {
    const next = new Set(selected);
    for (const n of shown) (on ? next.add(n.id) : next.delete(n.id));
    setSelected(next);
  };

  const update = async (note: Annotation, patch: AnnotationPatch) => {
    const next = await repository.edit(note, patch);
    const patched = (list: Annotation[] | null) => list?.map((n) => (n.id === next.id ? next : n)) ?? null;
    setNotes(patched);
    setFirst(patched);
    // Made while only the first notes are shown: the read of every note under way may have read this one before the
    // edit, and would show it as it was (and the next edit would then seem to conflict with another window). A read
    // begun now supersedes it (see reload).
    if (notes === null) void reload();
  };

  // One note's delete never waits for a bulk action to finish; its failure shows where the bulk actions report.
  const removeOne = (note: Annotation) => {
    repository.remove(note.id).then(
      async (gone) => {
        if (gone) setUndo({ message: `Note deleted: ${noteLabel(gone, 50)}.`, ids: [gone.id] });
        await reload();
      },
      (e: unknown) => bulk.setStatus({ error: true, text: errorText(e) }),
    );
  };
  const removeSelected = () => {
    const ids = [...selected];
    void bulk.run(async () => {
      const gone = await repository.removeMany(ids);
      setSelected(new Set());
      setUndo({ message: `${count(gone.length, 'note')} deleted.`, ids: gone });
      await reload();
    }, (m) => m);
  };
  const undoDelete = (ids: readonly string[]) => {
    setUndo(null);
    void bulk.run(async () => {
      const back = ids.length === 1 ? [await repository.restore(ids[0]!)].length : await repository.restoreMany(ids);
      await reload();
      return `${count(back, 'note')} restored.`;
    }, (m) => m);
  };
  const exportSelected = (format: ExportFormat) =>
    void bulk.run(async () => {
      const file = await api.exportFile(format, { kind: 'ids', ids: [...selected] });
      downloadExport(file);
      return `Saved ${count(file.count, 'note')} to ${file.filename}.`;
    }, (m) => `Export failed: ${m}`);
  const tagSelected = (tag: string, action: 'add' | 'remove') =>
    void bulk.run(async () => {
      const { changed, full } = await repository.tagMany([...selected], tag, action);
      await reload();
      const done = action === 'add' ? `Tagged ${count(changed, 'note')} #${tag}` : `Removed #${tag} from ${count(changed, 'note')}`;
      return `${done}.${full > 0 ? ` ${count(full, 'note')} already had as many tags as a note can hold and ${full === 1 ? 'was' : 'were'} left as ${full === 1 ? 'it was' : 'they were'}.` : ''}`;
    }, (m) => m);
  const open = (note: Annotation) =>
    void opening.run(async () => {
      const result = await openPassage(note.id);
      if (note.target && !result.revealed) return `The page is open, but the passage “${noteLabel({ ...note, text: '' }, 50).replace(/^“|”$/g, '')}” was not found on it (the article may have changed).`;
      return undefined;
    }, (m) => `Could not open the page: ${m}`);

  // What does not depend on the search is made again only when its own inputs change (an element kept from the last
  // draw is not drawn again): a key typed in the search draws again this component's own markup (the counts), the
  // filters, the list, the export (it exports what the filters show) and an undo bar if one shows; the bulk actions
  // only when their counts change; never the settings, the import, the trash, delete-all or the storage fault. The
  // kept sections' handlers are the same functions at every draw, calling the latest of those above. Each kept
  // element's dependencies must list every prop it is given.
  const stable = useStableHandlers({
    restore: (id: string) => undoDelete([id]),
    selectShown,
    clearSelection: () => setSelected(new Set()),
    removeSelected,
    exportSelected,
    tagSelected,
    settingsLoaded: () => setSettingsDrawn(true),
  });
  const total = notes?.length ?? 0;
  const storageFault = useMemo(() => <StorageFault repository={repository} api={api} />, [repository, api]);
  const trash = useMemo(() => <RecentlyDeleted deleted={deleted} onRestore={stable.restore} title="Recently deleted" showPage />, [deleted, stable]);
  const settingsSection = useMemo(
    () => (
      <section id="settings" aria-labelledby="bs-settings-title">
        <h2 id="bs-settings-title">Settings</h2>
        <LibrarySettings area={settingsArea} changes={settingsChanges} subject={subject} onLoaded={stable.settingsLoaded} />
      </section>
    ),
    [settingsArea, settingsChanges, subject, stable],
  );
  const importer = useMemo(() => <OptionsImport api={api} onImported={(counts) => { if (counts.added + counts.updated > 0) void reload(); }} />, [api, reload]);
  const deleteAll = useMemo(() => <OptionsDeleteAll api={api} total={total} onChanged={() => void reload()} />, [api, total, reload]);
  const actions = useMemo(
    () => (
      <LibraryActions
        shown={shown.length}
        selected={selected.size}
        selectedShown={selectedShown}
        ready={complete}
        busy={bulk.busy}
        status={bulk.status}
        onSelectShown={stable.selectShown}
        onClear={stable.clearSelection}
        onDelete={stable.removeSelected}
        onExport={stable.exportSelected}
        onTag={stable.tagSelected}
      />
    ),
    [shown.length, selected.size, selectedShown, complete, bulk.busy, bulk.status, stable],
  );

  const recovered = repository.recovered;
  return (
    <main class="bs-library">
      <header class="bs-library-header">
        <h1>Backstory — notes &amp; settings</h1>
        <nav aria-label="On this page">
          <a href="#notes">Notes</a>
          <a href="#settings">Settings</a>
          <a href="#transfer">Import and export</a>
          {referenceSets ? <a href="#sets">Reference sets</a> : null}
        </nav>
        <p class="bs-muted" role="status" data-testid="summary">
          {notes === null
            ? loadError ? '' : first?.length ? 'Reading your notes…' : 'Loading…'
            : `${count(all.length, 'note')} on ${count(pages, 'page')}${all.length > 0 ? ` across ${count(sites, 'site')}` : ''}.`}
        </p>
        {loadError ? <p class="bs-error" role="alert">{loadError}</p> : null}
        {recovered > 0 && notes !== null ? (
          <p class="bs-hint" data-testid="recovered">
            The browser had lost Backstory's notes database; {recovered} note{recovered === 1 ? ' was' : 's were'} restored from Backstory's backup.
          </p>
        ) : null}
      </header>

      {storageFault}

      <section id="notes" class="bs-library-notes" aria-labelledby="bs-notes-title">
        <h2 id="bs-notes-title">Notes</h2>
        <LibraryFilters notes={notes ?? NO_NOTES} filter={filter} onChange={setFilter} order={order} onOrder={setOrder} />
        <div class="bs-shown">
          <p class="bs-muted" aria-live="polite" data-testid="shown-count">
            {notes === null
              ? first?.length
                ? filtered
                  ? 'Searching… (your notes are still being read)'
                  : `The ${count(first.length, 'note')} shown first; reading the rest…`
                : ''
              : all.length === 0
                ? 'No notes yet. Write one from the popup on a news page, or import a file below.'
                : filtered
                  ? `${count(shown.length, 'note')} of ${all.length.toLocaleString()} shown.`
                  : `All ${count(all.length, 'note')}.`}
          </p>
          {filtered ? <button type="button" onClick={() => setFilter({})}>Clear filters</button> : null}
        </div>
        <p class={opening.status?.error ? 'bs-error' : 'bs-hint'} role={opening.status?.error ? 'alert' : 'status'} data-testid="open-status">
          {opening.busy ? 'Opening the page…' : (opening.status?.text ?? '')}
        </p>
        {undo ? <UndoBar message={undo.message} onUndo={() => undoDelete(undo.ids)} onExpire={() => setUndo(null)} timeoutMs={15_000} /> : null}
        {all.length > 0 ? actions : null}
        <LibraryList
          notes={shown}
          order={order}
          words={query.words}
          tagTerms={query.tags}
          selected={selected}
          onSelect={select}
          onUpdate={update}
          onDelete={removeOne}
          onOpen={open}
        />
        {trash}
      </section>

      {settingsSection}

      <section id="transfer" aria-labelledby="bs-transfer-title">
        <h2 id="bs-transfer-title">Import and export</h2>
        <div class="bs-tools">
          <OptionsExport api={api} filter={filter} total={notes?.length ?? 0} shown={complete ? shown.length : 0} />
          {importer}
        </div>
        {deleteAll}
      </section>
      {referenceSets}
    </main>
  );
}
