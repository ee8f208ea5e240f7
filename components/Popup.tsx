// The popup: what Backstory found on this tab, its controls, the reader's notes, export; and, when the disk
// refused a write, what happened and an export at once.
import { useState } from 'preact/hooks';
import { FoundOnPage } from './FoundOnPage';
import { SiteControls } from './SiteControls';
import { NotesPanel } from './NotesPanel';
import { ExportMenu } from './ExportMenu';
import { PopupHeader } from './PopupHeader';
import iconUrl from '@/assets/icon.svg';
import { StorageFault } from './StorageFault';
import type { NotesApi } from '@/lib/notes/api';
import type { TransferApi } from '@/lib/export/transfer';

export interface PopupProps {
  /** The tab the popup acts on (`?tab=<id>` or the active tab). */
  tabId: number | undefined;
  /** The notes repository, the background and the tab (built by entrypoints/popup/main.tsx). */
  notesApi: NotesApi;
  /** Exports over the same repository. */
  transferApi: TransferApi;
  /** Opens the options page, where import and bulk management live. */
  openOptions(): void;
}

export function Popup({ tabId, notesApi, transferApi, openOptions }: PopupProps) {
  // The search box lives in the notes panel; the export menu needs its query for "Search results".
  const [searchQuery, setSearchQuery] = useState('');
  return (
    <main>
      <PopupHeader iconUrl={iconUrl} guideUrl={browser.runtime.getURL('/welcome.html')} />
      <StorageFault repository={notesApi.repository} api={transferApi} />
      <FoundOnPage tabId={tabId} />
      <SiteControls tabId={tabId} />
      <NotesPanel tabId={tabId} api={notesApi} onSearchQueryChange={setSearchQuery} />
      <ExportMenu tabId={tabId} query={searchQuery} api={transferApi} openOptions={openOptions} />
    </main>
  );
}
