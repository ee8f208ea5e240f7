// The popup's wiring in unit tests: a repository on a fresh fake-indexeddb, the tab's content script played
// by handlers the test controls, and the background's take-pending and open-passage answered in memory.
import { IDBFactory } from 'fake-indexeddb';
import { createClient, routeMessage, type Envelope, type Handlers } from '@/lib/messages';
import { createNotesApi, type NotesApi } from '@/lib/notes/api';
import { openRepository, type NotesChange, type NotesRepository, type RepositoryOptions } from '@/lib/notes/repository';
import type { AnchorReport, PageContext, PendingSelection } from '@/lib/notes/messages';
import type { TabReach } from '@/lib/reach';
import { reachTab } from '@/lib/reach';
import type { NoteTarget, ReferenceLink } from '@/lib/notes/types';

export interface FakeTab {
  url: string;
  title: string;
  selection: NoteTarget | null;
  reference?: ReferenceLink;
  report: AnchorReport | null;
  refreshed: number;
  pending: PendingSelection | null;
  /** Whether a content script answers in the tab (false: a page Backstory could not start on). */
  answers: boolean;
  /** Note ids the background was asked to open at their passage, and the ids the page was asked to show. */
  opened: string[];
  revealed: string[];
}

export interface PopupFixture {
  repository: NotesRepository;
  api: NotesApi;
  tab: FakeTab;
  changes: NotesChange[];
  /** What the popup's `reach` does in the browser (lib/reach.ts), over this fake tab; nothing is injected. */
  reach(): Promise<TabReach<PageContext>>;
}

export function popupFixture(url: string, options: RepositoryOptions = {}): PopupFixture {
  const changes: NotesChange[] = [];
  const repository = openRepository(new IDBFactory(), { ...options, onChange: (c) => changes.push(c) });
  const tab: FakeTab = { url, title: 'Syria toll', selection: null, report: null, refreshed: 0, pending: null, answers: true, opened: [], revealed: [] };
  const tabHandlers: Handlers = {
    'notes/page-context': async (): Promise<PageContext> => ({
      url: tab.url, title: tab.title, selection: tab.selection, anchoring: tab.report, ...(tab.reference ? { reference: tab.reference } : {}),
    }),
    'notes/page-refresh': async () => { tab.refreshed++; return tab.report ?? { anchored: [], orphaned: [] }; },
    'notes/page-reveal': async ({ id }) => { tab.revealed.push(id); return true; },
  };
  const background: Handlers = {
    'notes/take-pending': async () => { const p = tab.pending; tab.pending = null; return p; },
    'notes/open-passage': async ({ id }) => { tab.opened.push(id); return { tabId: 2, opened: true, revealed: true }; },
  };
  const toTab = async (m: Envelope) => {
    if (!tab.answers) throw new Error('Could not establish connection. Receiving end does not exist.');
    return routeMessage(tabHandlers, m, {})!;
  };
  const api = createNotesApi({
    repository,
    toBackground: (m: Envelope) => routeMessage(background, m, {})!,
    toTab,
    tabInfo: async () => ({ url: tab.url, title: tab.title }),
  });
  const reach = () =>
    reachTab<PageContext>({
      tab: async () => ({ url: tab.url, title: tab.title, status: 'complete' }),
      ask: () => createClient(toTab)('notes/page-context', {}),
      inject: async () => { throw new Error('Cannot access contents of the page'); },
      sleep: async () => undefined,
      waitMs: 0,
    });
  return { repository, api, tab, changes, reach };
}
