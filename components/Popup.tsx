// The popup, notes first: a one-line header with a search across all notes; a one-line summary of what Backstory
// found on the tab (opening on the list and this site's controls); the composer and this page's notes; the
// reference sets, folded (a switch per set, Add this article); export.
// Typing a search shows its results in place of the page's notes. On a tab Backstory cannot run on it says why,
// and offers no composer; a tab open since before Backstory was installed gets the content script first.
import { useEffect, useState } from 'preact/hooks';
import { normalizeUrl } from '@/lib/url';
import { unreachableReason, type TabReach } from '@/lib/reach';
import type { NotesApi } from '@/lib/notes/api';
import type { PageContext } from '@/lib/notes/messages';
import type { TransferApi } from '@/lib/export/transfer';
import { FoundSummary } from './FoundSummary';
import { NotesPanel, type PopupPage } from './NotesPanel';
import { SearchResults } from './SearchResults';
import { ExportMenu } from './ExportMenu';
import { PopupHeader } from './PopupHeader';
import { StorageFault } from './StorageFault';
import type { SetsApi } from '@/lib/sets/api';
import type { NewDocument } from '@/lib/sets/limits';
import { PopupSets } from './PopupSets';
import { ReferenceCheckContext } from './hooks/useReferenceGone';
import type { ReferenceCheck } from '@/lib/sets/reference-state';

export interface PopupProps {
  /** The tab the popup acts on (`?tab=<id>` or the active tab). */
  tabId: number | undefined;
  /** The notes repository, the background and the tab (built by entrypoints/popup/main.tsx). */
  notesApi: NotesApi;
  /** Exports over the same repository. */
  transferApi: TransferApi;
  /** Reaches the tab's content script, injecting it where it is missing (lib/reach.ts). */
  reach(): Promise<TabReach<PageContext>>;
  iconUrl: string;
  guideUrl: string;
  /** Opens the notes library (the options page), at its settings when asked. */
  openLibrary(section?: 'settings'): void;
  /** Reference sets: the reader's sets, this tab's article as a document, and the library at a set. */
  sets?: { api: SetsApi; article(): Promise<NewDocument | null>; openSet(setId: string): void; bundledDocuments: number; check: ReferenceCheck };
}

export function Popup({ tabId, notesApi, transferApi, reach, iconUrl, guideUrl, openLibrary, sets }: PopupProps) {
  const [query, setQuery] = useState('');
  // undefined while the browser is asked for the tab's address; null when it has none.
  const [page, setPage] = useState<PopupPage | null | undefined>(undefined);
  const [refused, setRefused] = useState<string | null>(null);
  const [reached, setReached] = useState<TabReach<PageContext> | null>(null);

  useEffect(() => {
    let alive = true;
    // The browser knows the tab's address at once; the content script may still be loading, or be missing.
    void notesApi.tabInfo().then((info) => {
      if (!alive) return;
      const reason = unreachableReason(info?.url);
      setRefused(reason);
      setPage(reason || !info ? null : { url: normalizeUrl(info.url), title: info.title });
    });
    void reach().then((r) => { if (alive) setReached(r); });
    return () => { alive = false; };
  }, [notesApi, reach]);

  const unreachable = refused ?? (reached?.state === 'unreachable' ? reached.reason : null);
  const searching = query.trim() !== '';
  return (
    <ReferenceCheckContext.Provider value={sets?.check ?? null}>
      <div class="bs-popup">
        <PopupHeader iconUrl={iconUrl} guideUrl={guideUrl} query={query} onQuery={setQuery} openLibrary={() => openLibrary()} />
        <main>
          <StorageFault repository={notesApi.repository} api={transferApi} />
          {searching ? <SearchResults query={query} api={notesApi} /> : null}
          <div hidden={searching}>
            {unreachable ? (
              <p class="bs-unreachable" role="status" data-testid="unreachable">{unreachable}</p>
            ) : tabId !== undefined && reached?.state === 'ready' ? (
              <FoundSummary tabId={tabId} openSettings={() => openLibrary('settings')} />
            ) : (
              <p class="bs-found-pending" role="status">Reading the page…</p>
            )}
            {page ? (
              <NotesPanel
                tabId={tabId}
                api={notesApi}
                page={page}
                context={reached?.state === 'ready' ? reached.context : null}
                canWrite={!unreachable}
              />
            ) : null}
            {sets ? <PopupSets api={sets.api} article={sets.article} openSet={sets.openSet} bundledDocuments={sets.bundledDocuments} canAdd={tabId !== undefined && !unreachable && reached?.state === 'ready'} /> : null}
          </div>
          <ExportMenu tabId={page ? tabId : undefined} query={query} api={transferApi} />
        </main>
      </div>
    </ReferenceCheckContext.Provider>
  );
}
