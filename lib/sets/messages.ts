// The sets part of the typed protocol (lib/messages.ts merges it). Backstory's own pages read and write the sets
// database through their own repository; these messages are for what they cannot do themselves: builds run in
// the build host (the background's in Firefox, an offscreen document's in Chrome), content scripts (in the page's
// origin) get the enabled sets' data from the background, and every committed change is told to the background,
// which keeps the sets' summaries where content scripts and pages read them (lib/sets/index-mirror.ts).
import type { Dataset } from '../reference/types';
import type { CompiledTables } from '../match/tables';
import type { BuildProgress } from './build';
import type { BuildStatus } from './host';
import type { NewDocument } from './limits';
import type { SetsChange } from './repository';

/** What a page matches with the bundled set: the reader's sets, and their combination's compiled tables (lib/match/tables.ts). */
export interface PageSets {
  sets: PageSet[];
  /**
   * Compiled from lib/sets/combine.ts' dataset of the bundled set (when asked for) and `sets`, in that order; absent when
   * the compile failed or the combination is too large to send them (the page then builds its own).
   */
  tables?: CompiledTables;
}

/** A reader's set as a content script matches it: its name and what it knows (edits applied). */
export interface PageSet {
  id: string;
  name: string;
  revision: number;
  dataset: Dataset;
}

/** What the background asks of the build host (Chrome: the offscreen document). */
export type HostCommand = { command: 'build'; setId: string } | { command: 'cancel'; setId: string } | { command: 'status' };

/** Where a set's document opens in the library, with a passage marked. */
export interface DocumentPassage {
  setId: string;
  docId: string;
  start?: number;
  end?: number;
}

export interface SetsProtocol {
  /** A repository committed a change (any context): the background refreshes the summaries; pages reload. */
  'sets/changed': { request: SetsChange; response: null };
  /** A page asks for a set to be built (after documents were added or edits made). */
  'sets/build': { request: { setId: string }; response: null };
  'sets/cancel': { request: { setId: string }; response: null };
  /** What is being built and what waits. */
  'sets/status': { request: Record<string, never>; response: BuildStatus };
  /** The build host → every extension page: how far a build is. */
  'sets/progress': { request: BuildProgress; response: null };
  /** Background → build host (Chrome's offscreen document). */
  'sets/host': { request: HostCommand; response: BuildStatus };
  /** Build host (Chrome's offscreen document) → background: nothing left to build, the document may close. */
  'sets/host-idle': { request: Record<string, never>; response: null };
  /**
   * Content script → background: the data of these enabled sets (unknown or unbuilt ids are left out), and the matcher's
   * tables compiled for their combination (with the bundled set first when `bundled`), so that the page loads them.
   */
  'sets/for-page': { request: { ids: string[]; bundled?: boolean }; response: PageSets };
  /** Content script (the card's link) → background: open a set's document in the library at a passage. */
  'sets/open-document': { request: DocumentPassage; response: null };
  /** Popup → content script: this page's article as a document for a reference set (null: no article here). */
  'page/article': { request: Record<string, never>; response: NewDocument | null };
}
