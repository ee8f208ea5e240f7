// The stored annotation record, shared by the notes store, the popup, the page and export/import.

/** W3C Web Annotation TextQuoteSelector: the quoted text with up to 32 characters of context each side. */
export interface TextQuoteSelector {
  type: 'TextQuoteSelector';
  exact: string;
  prefix: string;
  suffix: string;
}

/** W3C Web Annotation TextPositionSelector: offsets into the article text (lib/text's TextMap.text). */
export interface TextPositionSelector {
  type: 'TextPositionSelector';
  start: number;
  end: number;
}

export interface NoteTarget {
  quote: TextQuoteSelector;
  position?: TextPositionSelector;
}

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

/** IndexedDB names, shared by the store (lib/notes) and the one-transaction import (lib/export). */
export const NOTES_DB_NAME = 'backstory-notes';
export const ANNOTATIONS_STORE = 'annotations';
