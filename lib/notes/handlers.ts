// The background's answers to `notes/…` requests, as plain functions over a NotesStore so they run
// (and are tested) without a browser. The entrypoint supplies who is asking.
import type { Handlers } from '../messages';
import { normalizeUrl } from '../url';
import type { PendingSelection } from './messages';
import { annotationSchema, newAnnotationSchema, parseOrThrow, patchSchema } from './schema';
import type { NotesStore } from './store';
import { z } from 'zod';

export interface NotesHandlerDeps {
  store: NotesStore;
  /**
   * Whether the sender is one of our extension pages (popup, options). Content scripts run inside other
   * people's pages, so they may only read the notes of the page they are on.
   */
  isExtensionPage(sender: unknown): boolean;
  /** The URL of the page a content script runs in, if the sender is one. */
  contentScriptUrl(sender: unknown): string | undefined;
  takePending(tabId: number): Promise<PendingSelection | null>;
}

type NotesType = Extract<keyof import('../messages').Protocol, `notes/${string}`>;

const idSchema = z.object({ id: z.string().min(1) });
const urlSchema = z.object({ url: z.string().min(1) });
const searchSchema = z.object({ query: z.string().max(1_000), limit: z.number().int().positive().max(10_000).optional() });
const updateSchema = z.object({ id: z.string().min(1), patch: patchSchema, base: patchSchema.optional() });
const tabSchema = z.object({ tabId: z.number().int().nonnegative() });

export function createNotesHandlers(deps: NotesHandlerDeps): Handlers<NotesType> {
  const { store } = deps;
  const extensionOnly = (sender: unknown) => {
    if (!deps.isExtensionPage(sender)) throw new Error('Only Backstory\'s own pages may change or search notes.');
  };
  return {
    'notes/save': async (payload, sender) => {
      extensionOnly(sender);
      const input = parseOrThrow(newAnnotationSchema, payload, 'note');
      return store.create({ ...input, url: normalizeUrl(input.url) });
    },
    'notes/update': async (payload, sender) => {
      extensionOnly(sender);
      const { id, patch, base } = parseOrThrow(updateSchema, payload, 'edit');
      return store.update(id, patch, base);
    },
    'notes/delete': async (payload, sender) => {
      extensionOnly(sender);
      const { id } = parseOrThrow(idSchema, payload, 'request');
      return (await store.delete(id)) ?? null;
    },
    'notes/undo-delete': async (payload, sender) => {
      extensionOnly(sender);
      const note = parseOrThrow(annotationSchema, (payload as { note?: unknown } | undefined)?.note, 'note to restore');
      return store.restore(note);
    },
    'notes/list-for-url': async (payload, sender) => {
      const url = normalizeUrl(parseOrThrow(urlSchema, payload, 'request').url);
      if (!deps.isExtensionPage(sender)) {
        const own = deps.contentScriptUrl(sender);
        if (!own || normalizeUrl(own) !== url) throw new Error('A page may only read its own notes.');
      }
      return store.listByUrl(url);
    },
    'notes/search': async (payload, sender) => {
      extensionOnly(sender);
      const { query, limit } = parseOrThrow(searchSchema, payload, 'search');
      return store.search(query, limit);
    },
    'notes/get-all': async (_payload, sender) => {
      extensionOnly(sender);
      return store.listAll();
    },
    'notes/count': async (_payload, sender) => {
      extensionOnly(sender);
      return store.count();
    },
    'notes/take-pending': async (payload, sender) => {
      extensionOnly(sender);
      return deps.takePending(parseOrThrow(tabSchema, payload, 'request').tabId);
    },
  };
}
