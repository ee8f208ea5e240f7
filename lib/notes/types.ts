// The stored annotation record, shared by the notes repository, the popup, the page and export/import.

// The quote selectors belong to anchoring, which reads and writes them.
import type { AnchorTarget, TextPositionSelector, TextQuoteSelector } from '../anchor/types';

export type { TextPositionSelector, TextQuoteSelector };

/** Where a note sits on its page: a quote with its context, and its offsets into the article text. */
export type NoteTarget = AnchorTarget;

/** The reference entity or figure a note was written on. */
export interface ReferenceLink {
  id: string;
  kind: 'entity' | 'figure';
  label: string;
}

export interface Annotation {
  /** UUID. */
  id: string;
  /** Normalised page URL (lib/url.ts): no fragment, no tracking parameters. */
  url: string;
  title: string;
  /** ISO 8601 timestamps. */
  created: string;
  modified: string;
  /** The note itself; may be empty for a plain highlight of a quote. */
  text: string;
  tags: string[];
  target?: NoteTarget;
  reference?: ReferenceLink;
}

/** A deleted note, kept whole until it is restored or its grace period ends. */
export interface DeletedAnnotation {
  id: string;
  /** ISO 8601: when it was deleted. */
  deleted: string;
  note: Annotation;
}

/** IndexedDB names (lib/notes/db.ts opens them; only lib/notes/repository.ts reads and writes them). */
export const NOTES_DB_NAME = 'backstory-notes';
export const ANNOTATIONS_STORE = 'annotations';
export const TRASH_STORE = 'trash';
