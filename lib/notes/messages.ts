// The notes part of the typed protocol (lib/messages.ts merges it). Requests named `notes/…` go to the
// background, which hosts the notes repository for content scripts and relays changes; `notes/page…`
// requests go to the content script of a tab (tabs.sendMessage), which knows the page's URL, its selection
// and which notes it could anchor. Backstory's own pages read and write the database through their own
// repository (lib/notes/repository.ts), not through messages.
import type { Annotation, NoteTarget, ReferenceLink } from './types';
import type { NewAnnotation, NotesChange } from './repository';
import type { OpenPassageResult } from './open-passage';

/** A new note as the popup saves it, except that `url` is the page's URL as the tab shows it: it is
 * normalised (lib/url.ts) before the repository sees it. */
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

/**
 * A note written on the page itself (the adder's Highlight, the inline composer, the card's Add note). It names
 * no address: the background files it under the address the sender's tab shows now, so a page can only ever
 * add notes to itself.
 */
export interface PageSaveRequest {
  title: string;
  text: string;
  tags: string[];
  target: NoteTarget;
  reference?: ReferenceLink;
}

export interface NotesProtocol {
  /** A page's notes, newest first: a content script may ask for its own page's only. */
  'notes/list-for-url': { request: { url: string }; response: Annotation[] };
  /** Takes (and forgets) the selection saved by the context menu or the add-note command for this tab. */
  'notes/take-pending': { request: { tabId: number }; response: PendingSelection | null };
  /**
   * A repository in one of Backstory's pages committed a change. The background relays it once to the open
   * pages it concerns (`notes/page-refresh`); other extension pages hear the same message and reload.
   */
  'notes/changed': { request: NotesChange; response: null };
  /**
   * Backstory's pages → background: open a note's page at its passage (a tab that shows it already, or a new one
   * at a text-fragment address) and show the note there. The background does it, as a popup closes when a tab
   * opens.
   */
  'notes/open-passage': { request: { id: string }; response: OpenPassageResult };

  /** A content script saves a note on its own page (see PageSaveRequest). */
  'notes/save-for-page': { request: PageSaveRequest; response: Annotation };
  /** A content script deletes one of its own page's notes (to the trash: it can be restored). */
  'notes/delete-for-page': { request: { id: string }; response: null };
  /** A content script puts back one of its own page's deleted notes. */
  'notes/restore-for-page': { request: { id: string }; response: Annotation };

  // Answered by the content script of a tab.
  /** The add-note command: opens the in-page adder on the reader's selection; false when there is none to note. */
  'notes/page-adder': { request: Record<string, never>; response: boolean };
  'notes/page-context': { request: Record<string, never>; response: PageContext };
  /** Re-reads this page's notes and re-anchors them (after a save, edit or delete). */
  'notes/page-refresh': { request: Record<string, never>; response: AnchorReport };
  /** Scrolls to a note's highlight and shows its text. */
  'notes/page-reveal': { request: { id: string }; response: boolean };
}
