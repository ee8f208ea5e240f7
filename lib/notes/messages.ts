// The notes part of the typed protocol (lib/messages.ts merges it). Requests named `notes/…` go to the
// background, which owns the database; `notes/page…` requests go to the content script of a tab
// (tabs.sendMessage), which knows the page's URL, its selection and which notes it could anchor.
import type { Annotation, NoteTarget, ReferenceLink } from './types';
import type { AnnotationPatch, NewAnnotation } from './store';

/** A new note as the store takes it, except that `url` is the page's URL as the tab shows it: the background
 * normalises it (lib/url.ts) before the store sees it. */
export type SaveNoteRequest = NewAnnotation;

/** What the reader had selected when they asked for a note, kept by the background for the popup. */
export interface PendingSelection {
  tabId: number;
  /** Normalised URL of the page it was taken on, so a stale selection never lands on another page. */
  url: string;
  target: NoteTarget;
  /** The reference entity or figure the selection lies on (a highlight it overlaps), if any. */
  reference?: ReferenceLink;
  /** Epoch ms. */
  at: number;
}

/** Which of a page's notes the content script could anchor in today's text. */
export interface AnchorReport {
  anchored: string[];
  orphaned: string[];
}

export interface PageContext {
  /** Normalised URL (the notes' key) and the page's own title. */
  url: string;
  title: string;
  /** The current selection inside the article, as selectors; null when nothing usable is selected. */
  selection: NoteTarget | null;
  /** The reference entity or figure the selection lies on (the first highlight it overlaps); absent otherwise. */
  reference?: ReferenceLink;
  /** Null until the page's notes were anchored once. */
  anchoring: AnchorReport | null;
}

export interface NotesProtocol {
  'notes/save': { request: SaveNoteRequest; response: Annotation };
  /** `base`: the values the editor started from; a field someone else changed meanwhile is a conflict. */
  'notes/update': { request: { id: string; patch: AnnotationPatch; base?: AnnotationPatch }; response: Annotation };
  /** Returns the deleted record (null if it was already gone) so the UI can offer undo. */
  'notes/delete': { request: { id: string }; response: Annotation | null };
  'notes/undo-delete': { request: { note: Annotation }; response: Annotation };
  'notes/list-for-url': { request: { url: string }; response: Annotation[] };
  'notes/search': { request: { query: string; limit?: number }; response: Annotation[] };
  'notes/get-all': { request: Record<string, never>; response: Annotation[] };
  'notes/count': { request: Record<string, never>; response: number };
  /** Takes (and forgets) the selection saved by the context menu or the add-note command for this tab. */
  'notes/take-pending': { request: { tabId: number }; response: PendingSelection | null };

  // Answered by the content script of a tab.
  'notes/page-context': { request: Record<string, never>; response: PageContext };
  /** Re-reads this page's notes and re-anchors them (after a save, edit or delete). */
  'notes/page-refresh': { request: Record<string, never>; response: AnchorReport };
  /** Scrolls to a note's highlight and shows its text. */
  'notes/page-reveal': { request: { id: string }; response: boolean };
}
