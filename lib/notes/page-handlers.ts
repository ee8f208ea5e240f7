// The background's answers to a content script writing notes on its own page (the adder, the inline composer,
// the card's Add note): save, delete to the trash, restore. A content script runs inside someone else's page,
// so it never says which page it is on: the address comes from the browser (the sender's tab as it shows now),
// and a note can be deleted or restored only from the page it is filed under. Pure over the repository and
// that lookup, so it runs (and is tested) without a browser.
import { z } from 'zod';
import type { Handlers } from '../messages';
import { normalizeUrl, webHref } from '../url';
import { parseOrThrow } from '../validation';
import type { NotesRepository } from './repository';
import { noteTargetSchema, referenceLinkSchema } from './schema';

export interface PageNotesHandlerDeps {
  repository: NotesRepository;
  /**
   * The address of the page the sender is: the committed address of its tab, for a content script in a tab's
   * top frame; undefined for anything else (another frame, an extension page, a message from nowhere).
   */
  pageUrl(sender: unknown): Promise<string | undefined>;
}

type PageNotesType = 'notes/save-for-page' | 'notes/delete-for-page' | 'notes/restore-for-page';

// A note on the page always quotes it; the repository checks the rest against the one schema of a note.
const saveSchema = z.object({
  title: z.string(),
  text: z.string(),
  tags: z.array(z.string()),
  target: noteTargetSchema,
  reference: referenceLinkSchema.optional(),
});
const idSchema = z.object({ id: z.string().min(1) });

export function createPageNotesHandlers(deps: PageNotesHandlerDeps): Handlers<PageNotesType> {
  /** The sender's page as the notes' key; refuses a sender that is no web page's content script. */
  async function ownPage(sender: unknown): Promise<string> {
    const url = await deps.pageUrl(sender);
    if (!url || !webHref(url)) throw new Error('Notes can be written here only from a web page.');
    return normalizeUrl(url);
  }

  return {
    'notes/save-for-page': async (payload, sender) => {
      const request = parseOrThrow(saveSchema, payload, 'request');
      const url = await ownPage(sender);
      return deps.repository.create({
        url,
        title: request.title,
        text: request.text,
        tags: request.tags,
        target: request.target,
        ...(request.reference ? { reference: request.reference } : {}),
      });
    },
    'notes/delete-for-page': async (payload, sender) => {
      const { id } = parseOrThrow(idSchema, payload, 'request');
      const url = await ownPage(sender);
      const note = await deps.repository.get(id);
      if (!note || note.url !== url) throw new Error('A page may only delete its own notes.');
      await deps.repository.remove(id);
      return null;
    },
    'notes/restore-for-page': async (payload, sender) => {
      const { id } = parseOrThrow(idSchema, payload, 'request');
      const url = await ownPage(sender);
      const deleted = await deps.repository.listDeleted(url);
      // Not in the page's trash: an import (or another window's restore) may have brought it back already. A note
      // live on this page is the page's own, and restoring it returns it as it is (the existing note wins).
      if (!deleted.some((d) => d.id === id) && (await deps.repository.get(id))?.url !== url) {
        throw new Error('A page may only restore its own notes.');
      }
      return deps.repository.restore(id);
    },
  };
}
