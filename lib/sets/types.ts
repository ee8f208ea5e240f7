// Reference sets: the reader's own references, built from their own documents beside the bundled one. The
// records the sets repository keeps (lib/sets/repository.ts), the ids that tie a highlight to a set's item, and
// the shapes every context shares (library page, popup, build host, content script).
import type { Candidate } from '../builder/candidates';
import type { Dataset } from '../reference/types';
import type { CurationEdit } from './curation';

// The bundled set ("Syrian civil war, 2012–2013") is read-only and keeps unqualified ids: lib/reference/ids.ts.
export { BUNDLED_SET_ID, qualifiedId, splitReferenceId } from '../reference/ids';

/** A reader's set. */
export interface ReferenceSet {
  /** "set-" and 10 lower-case letters or digits. */
  id: string;
  name: string;
  description: string;
  /** ISO 8601. */
  created: string;
  modified: string;
  /** The next document's number in this set (document ids are never reused, so provenance never points elsewhere). */
  nextDocument: number;
  /** Increases with every committed change a page would paint differently for (a build, an edit, documents). */
  revision: number;
}

/** Where a document came from. */
export type DocumentOrigin = 'page' | 'paste' | 'file' | 'import';

/** One of a set's documents, as the reader gave it. Its text is what provenance offsets index. */
export interface SetDocument {
  setId: string;
  /** "d0001": the set's counter when it was added. */
  id: string;
  title: string;
  publisher?: string;
  /** YYYY-MM-DD or YYYY-MM. */
  date?: string;
  url?: string;
  /** Absent for a document of a set imported with its facts only. */
  text?: string;
  /** SHA-256 of the text (hex), and its length in UTF-16 code units: checks that offsets index this exact text. */
  sha256: string;
  length: number;
  /** ISO 8601. */
  added: string;
  origin: DocumentOrigin;
}

/** A curation edit as stored: applied in `at` order over every build (lib/sets/curation.ts). */
export interface StoredEdit {
  setId: string;
  id: string;
  /** ISO 8601; strictly increasing within a set. */
  at: string;
  edit: CurationEdit;
}

/** The builder's reading of one document (its name candidates): the costly part of a build, kept per document. */
export interface DocumentAnalysis {
  setId: string;
  docId: string;
  /** The document text's hash and the analysis format it was made with: either differing means analyse again. */
  sha256: string;
  version: string;
  candidates: Candidate[];
}

/** What a build made of a set's documents. */
export interface SetBuild {
  setId: string;
  /** ISO 8601. */
  built: string;
  /**
   * The builder's output with its relevance counts, ids carried over from the build before: what curation edits
   * apply to (lib/sets/curation.ts applyEdits gives what pages are matched against).
   */
  dataset: Dataset;
  /** Things a person should look at (the builder's warnings). */
  warnings: string[];
}

/** A deleted set, kept whole until it is restored or its grace period ends. */
export interface DeletedSet {
  id: string;
  /** ISO 8601: when it was deleted. */
  deleted: string;
  set: ReferenceSet;
  documents: SetDocument[];
  edits: StoredEdit[];
  build?: SetBuild;
}

/** One line per set for pages and content scripts: kept in storage.local by the repository (lib/sets/index-mirror.ts). */
export interface SetSummary {
  id: string;
  name: string;
  description: string;
  documents: number;
  entities: number;
  figures: number;
  revision: number;
  /** Whether the set has a build at all (a new set has none until its first document is read). */
  built: boolean;
}

export const SET_ID = /^set-[a-z0-9]{10}$/;
export const DOCUMENT_ID = /^d\d{4,}$/;

export function documentId(n: number): string {
  return `d${String(n).padStart(4, '0')}`;
}
