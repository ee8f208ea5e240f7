// What the popup needs for notes, as one object: the repository (the popup opens the database itself, like
// every Backstory page), the background (the pending selection) and the tab's content script (the page's
// selection and anchoring). Pure: the popup passes the browser's transports; tests pass their own.
import { createClient, type Transport } from '../messages';
import { normalizeUrl } from '../url';
import { unreachableReason } from '../reach';
import type { Annotation, DeletedAnnotation } from './types';
import type { AnchorReport, PageContext, PendingSelection, SaveNoteRequest } from './messages';
import type { AnnotationPatch, NotesRepository } from './repository';
import type { OpenPassageResult } from './open-passage';

export interface NotesApi {
  readonly repository: NotesRepository;
  save(request: SaveNoteRequest): Promise<Annotation>;
  /** The reader's edit of a note as they saw it (repository.edit): a field changed meanwhile is a conflict. */
  edit(note: Annotation, patch: AnnotationPatch): Promise<Annotation>;
  /** Moves the note to the trash; null if it was already gone. */
  remove(id: string): Promise<Annotation | null>;
  /** Puts a deleted note back, by id, from any page, until its grace period ends. */
  restore(id: string): Promise<Annotation>;
  listForUrl(url: string): Promise<Annotation[]>;
  /** This page's deleted notes that can still be restored, most recent first. */
  listDeleted(url: string): Promise<DeletedAnnotation[]>;
  search(query: string): Promise<Annotation[]>;
  takePending(tabId: number): Promise<PendingSelection | null>;
  /** Null when the tab has no content script (browser pages, the store, PDFs). */
  pageContext(): Promise<PageContext | null>;
  /** Re-anchors the page's notes and reports which it found; null when the tab cannot be reached. */
  refreshPage(): Promise<AnchorReport | null>;
  revealOnPage(id: string): Promise<boolean>;
  /** Opens a note's page at its passage (the background does it, as the popup closes when a tab opens). */
  openPassage(id: string): Promise<OpenPassageResult>;
  /** The tab's URL and title from the browser, for tabs without a content script. */
  tabInfo(): Promise<{ url: string; title: string } | null>;
}

export interface NotesApiDeps {
  repository: NotesRepository;
  toBackground: Transport;
  toTab: Transport | null;
  tabInfo?(): Promise<{ url: string; title: string } | null>;
}

export function createNotesApi({ repository, toBackground, toTab, tabInfo = async () => null }: NotesApiDeps): NotesApi {
  const bg = createClient(toBackground);
  const tab = toTab ? createClient(toTab) : null;
  return {
    repository,
    async save(request) {
      // A note belongs to a web page: never to a blank tab or a browser page, which every such tab would share.
      const refused = unreachableReason(request.url);
      if (refused) throw new Error(`This note cannot be saved here. ${refused}`);
      return repository.create({ ...request, url: normalizeUrl(request.url) });
    },
    edit: (note, patch) => repository.edit(note, patch),
    remove: (id) => repository.remove(id),
    restore: (id) => repository.restore(id),
    listForUrl: (url) => repository.listByUrl(normalizeUrl(url)),
    listDeleted: (url) => repository.listDeleted(normalizeUrl(url)),
    search: (query) => repository.search(query, 100),
    takePending: (tabId) => bg('notes/take-pending', { tabId }),
    pageContext: async () => (tab ? tab('notes/page-context', {}).catch(() => null) : null),
    refreshPage: async () => (tab ? tab('notes/page-refresh', {}).catch(() => null) : null),
    revealOnPage: async (id) => (tab ? tab('notes/page-reveal', { id }).catch(() => false) : false),
    openPassage: (id) => bg('notes/open-passage', { id }),
    tabInfo: () => tabInfo().catch(() => null),
  };
}
