// The popup's wiring in unit tests: a repository on a fresh fake-indexeddb, the tab's content script played
// by handlers the test controls, and the background's take-pending answered in memory.
import { IDBFactory } from 'fake-indexeddb';
import { routeMessage, type Envelope, type Handlers } from '@/lib/messages';
import { createNotesApi, type NotesApi } from '@/lib/notes/api';
import { openRepository, type NotesChange, type NotesRepository, type RepositoryOptions } from '@/lib/notes/repository';
import type { AnchorReport, PageContext, PendingSelection } from '@/lib/notes/messages';
import type { NoteTarget, ReferenceLink } from '@/lib/notes/types';

export interface FakeTab {
  url: string;
  title: string;
  selection: NoteTarget | null;
  reference?: ReferenceLink;
  report: AnchorReport | null;
  refreshed: number;
  pending: PendingSelection | null;
}

export function popupFixture(url: string, options: RepositoryOptions = {}): { repository: NotesRepository; api: NotesApi; tab: FakeTab; changes: NotesChange[] } {
  const changes: NotesChange[] = [];
  const repository = openRepository(new IDBFactory(), { ...options, onChange: (c) => changes.push(c) });
  const tab: FakeTab = { url, title: 'Syria toll', selection: null, report: null, refreshed: 0, pending: null };
  const tabHandlers: Handlers = {
    'notes/page-context': async (): Promise<PageContext> => ({
      url: tab.url, title: tab.title, selection: tab.selection, anchoring: tab.report, ...(tab.reference ? { reference: tab.reference } : {}),
    }),
    'notes/page-refresh': async () => { tab.refreshed++; return tab.report ?? { anchored: [], orphaned: [] }; },
  };
  const background: Handlers = {
    'notes/take-pending': async () => { const p = tab.pending; tab.pending = null; return p; },
  };
  const api = createNotesApi({
    repository,
    toBackground: (m: Envelope) => routeMessage(background, m, {})!,
    toTab: (m: Envelope) => routeMessage(tabHandlers, m, {})!,
  });
  return { repository, api, tab, changes };
}
