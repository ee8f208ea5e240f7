// The background's answers to `notes/…` requests, as plain functions so they run (and are tested) without a
// browser. The entrypoint supplies the repository and who is asking.
import { z } from 'zod';
import type { Handlers } from '../messages';
import { normalizeUrl } from '../url';
import { parseOrThrow } from '../validation';
import type { PendingSelection } from './messages';
import type { NotesChange, NotesRepository } from './repository';
import type { OpenPassageResult } from './open-passage';

export interface NotesHandlerDeps {
  repository: NotesRepository;
  /**
   * Whether the sender is one of our extension pages (popup, options). Content scripts run inside other
   * people's pages, so they may only read the notes of the page they are on.
   */
  isExtensionPage(sender: unknown): boolean;
  /**
   * Whether the sender is a content script whose tab shows `url` now (the browser's committed address, which
   * follows a single-page site's pushState; the sender's own `url` does not).
   */
  tabShows(sender: unknown, url: string): Promise<boolean>;
  takePending(tabId: number): Promise<PendingSelection | null>;
  /** Tells the open pages a change concerns (the background's relay). */
  relay(change: NotesChange): void;
  /** Opens a note's page at its passage and shows it there (lib/notes/open-passage.ts over the tabs API). */
  openPassage(id: string): Promise<OpenPassageResult>;
}

type NotesType = 'notes/list-for-url' | 'notes/take-pending' | 'notes/changed' | 'notes/open-passage';

const urlSchema = z.object({ url: z.string().min(1) });
const tabSchema = z.object({ tabId: z.number().int().nonnegative() });
const idSchema = z.object({ id: z.string().min(1) });
const changeSchema = z.object({
  kind: z.enum(['saved', 'deleted', 'restored', 'imported', 'cleared', 'recovered', 'purged']),
  urls: z.union([z.literal('all'), z.array(z.string()).max(100_000)]),
});

export function createNotesHandlers(deps: NotesHandlerDeps): Handlers<NotesType> {
  const extensionOnly = (sender: unknown) => {
    if (!deps.isExtensionPage(sender)) throw new Error('Only Backstory\'s own pages may do this.');
  };
  return {
    'notes/list-for-url': async (payload, sender) => {
      const url = normalizeUrl(parseOrThrow(urlSchema, payload, 'request').url);
      if (!deps.isExtensionPage(sender) && !(await deps.tabShows(sender, url))) throw new Error('A page may only read its own notes.');
      return deps.repository.listByUrl(url);
    },
    'notes/take-pending': async (payload, sender) => {
      extensionOnly(sender);
      return deps.takePending(parseOrThrow(tabSchema, payload, 'request').tabId);
    },
    'notes/changed': async (payload, sender) => {
      extensionOnly(sender);
      deps.relay(parseOrThrow(changeSchema, payload, 'change'));
      return null;
    },
    'notes/open-passage': async (payload, sender) => {
      extensionOnly(sender);
      return deps.openPassage(parseOrThrow(idSchema, payload, 'request').id);
    },
  };
}
