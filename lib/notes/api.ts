// What the popup needs from the background and the tab, as one object over two transports. Pure: the
// popup passes runtime.sendMessage / tabs.sendMessage; tests pass routeMessage over real handlers.
import { createClient, type Transport } from '../messages';
import type { Annotation } from './types';
import type { AnchorReport, PageContext, PendingSelection, SaveNoteRequest } from './messages';
import type { AnnotationPatch } from './store';

export interface NotesApi {
  save(request: SaveNoteRequest): Promise<Annotation>;
  update(id: string, patch: AnnotationPatch, base?: AnnotationPatch): Promise<Annotation>;
  remove(id: string): Promise<Annotation | null>;
  undoRemove(note: Annotation): Promise<Annotation>;
  listForUrl(url: string): Promise<Annotation[]>;
  search(query: string): Promise<Annotation[]>;
  takePending(tabId: number): Promise<PendingSelection | null>;
  /** Null when the tab has no content script (browser pages, the store, PDFs). */
  pageContext(): Promise<PageContext | null>;
  /** Re-anchors the page's notes after a change; null when the tab cannot be reached. */
  refreshPage(): Promise<AnchorReport | null>;
  revealOnPage(id: string): Promise<boolean>;
  /** The tab's URL and title from the browser, for tabs without a content script. */
  tabInfo(): Promise<{ url: string; title: string } | null>;
}

export function createNotesApi(
  toBackground: Transport,
  toTab: Transport | null,
  tabInfo: () => Promise<{ url: string; title: string } | null> = async () => null,
): NotesApi {
  const bg = createClient(toBackground);
  const tab = toTab ? createClient(toTab) : null;
  return {
    save: (request) => bg('notes/save', request),
    update: (id, patch, base) => bg('notes/update', base ? { id, patch, base } : { id, patch }),
    remove: (id) => bg('notes/delete', { id }),
    undoRemove: (note) => bg('notes/undo-delete', { note }),
    listForUrl: (url) => bg('notes/list-for-url', { url }),
    search: (query) => bg('notes/search', { query, limit: 100 }),
    takePending: (tabId) => bg('notes/take-pending', { tabId }),
    pageContext: async () => (tab ? tab('notes/page-context', {}).catch(() => null) : null),
    refreshPage: async () => (tab ? tab('notes/page-refresh', {}).catch(() => null) : null),
    revealOnPage: async (id) => (tab ? tab('notes/page-reveal', { id }).catch(() => false) : false),
    tabInfo: () => tabInfo().catch(() => null),
  };
}
