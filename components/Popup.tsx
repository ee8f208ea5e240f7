// The popup: what Backstory found on this tab, its controls, the reader's notes, export.
// Owned by the notes work; the sections come from their own components.
import { FoundOnPage } from './FoundOnPage';
import { SiteControls } from './SiteControls';
import { NotesPanel } from './NotesPanel';
import { ExportMenu } from './ExportMenu';
import { PopupHeader } from './PopupHeader';
import iconUrl from '@/assets/icon.svg';
import { useMemo, useState } from 'preact/hooks';
import { browserTransferApi } from './transfer-api';
import type { NotesApi } from '@/lib/notes/api';

export interface PopupProps {
  /** The tab the popup acts on (`?tab=<id>` or the active tab). */
  tabId: number | undefined;
  /** How the notes reach the background and the tab (built by entrypoints/popup/main.tsx). */
  notesApi: NotesApi;
}

export function Popup({ tabId, notesApi }: PopupProps) {
  // The search box lives in the notes panel; the export menu needs its query for "Search results".
  const [searchQuery, setSearchQuery] = useState('');
  const transferApi = useMemo(browserTransferApi, []);
  return (
    <main>
      <PopupHeader iconUrl={iconUrl} guideUrl={browser.runtime.getURL('/welcome.html')} />
      <FoundOnPage tabId={tabId} />
      <SiteControls tabId={tabId} />
      <NotesPanel tabId={tabId} api={notesApi} onSearchQueryChange={setSearchQuery} />
      <ExportMenu tabId={tabId} query={searchQuery} api={transferApi} openOptions={() => void browser.runtime.openOptionsPage()} />
    </main>
  );
}
