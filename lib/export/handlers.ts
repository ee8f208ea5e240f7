// The background's answers to `transfer/…` requests, as plain functions over the notes database so they run
// (and are tested) without a browser. The entrypoint supplies the database, who is asking, and tab URLs.
import { z } from 'zod';
import type { Handlers, Protocol } from '../messages';
import type { NotesDb } from '../notes/db';
import { ANNOTATIONS_STORE, type Annotation } from '../notes/types';
import { normalizeUrl } from '../url';
import { filterAnnotations } from './filter';
import { EXPORT_FORMATS } from './formats';
import { exportAnnotations } from './export';
import { checkImportSize, importAnnotationFile } from './import';
import { deleteAllAnnotations, readAllAnnotations } from './manage';
import { DELETE_ALL_CONFIRMATION, type ExportScope } from './messages';
import { unwrap } from 'idb';

export interface TransferHandlerDeps {
  db(): Promise<NotesDb>;
  /**
   * Whether the sender is one of our extension pages. Content scripts run inside other people's pages: a
   * hostile page must never read every note, overwrite them or delete them.
   */
  isExtensionPage(sender: unknown): boolean;
  /** The URL a tab shows (tabs.get), for "this page" exports. */
  tabUrl(tabId: number): Promise<string | undefined>;
  /** Called after notes changed in bulk (import, delete-all), so open pages can re-anchor. */
  changed?(): void;
  now?(): Date;
}

type TransferType = Extract<keyof Protocol, `transfer/${string}`>;

const filterSchema = z.object({
  site: z.string().max(500).optional(),
  tag: z.string().max(500).optional(),
  text: z.string().max(1_000).optional(),
});
const scopeSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('all') }),
  z.object({ kind: z.literal('tab'), tabId: z.number().int().nonnegative() }),
  z.object({ kind: z.literal('page'), url: z.string().min(1) }),
  z.object({ kind: z.literal('search'), filter: filterSchema }),
]);
const exportSchema = z.object({ format: z.enum(EXPORT_FORMATS), scope: scopeSchema });
const importSchema = z.object({ text: z.string(), bytes: z.number().int().nonnegative() });
const deleteAllSchema = z.object({ confirm: z.literal(DELETE_ALL_CONFIRMATION) });

function parse<T>(schema: z.ZodType<T>, payload: unknown, what: string): T {
  const result = schema.safeParse(payload);
  if (!result.success) throw new Error(`Malformed ${what} request: ${result.error.issues.map((i) => `${i.path.join('.') || '(top)'}: ${i.message}`).join('; ')}`);
  return result.data;
}

async function annotationsIn(deps: TransferHandlerDeps, scope: ExportScope): Promise<Annotation[]> {
  const db = await deps.db();
  switch (scope.kind) {
    case 'all':
      return readAllAnnotations(db);
    case 'page':
      return db.getAllFromIndex(ANNOTATIONS_STORE, 'url', normalizeUrl(scope.url));
    case 'tab': {
      const url = await deps.tabUrl(scope.tabId);
      if (!url) throw new Error('Backstory cannot see which page this tab shows, so it cannot export its notes.');
      return db.getAllFromIndex(ANNOTATIONS_STORE, 'url', normalizeUrl(url));
    }
    case 'search':
      return filterAnnotations(await readAllAnnotations(db), scope.filter);
  }
}

export function createTransferHandlers(deps: TransferHandlerDeps): Handlers<TransferType> {
  const extensionOnly = (sender: unknown) => {
    if (!deps.isExtensionPage(sender)) throw new Error('Only Backstory\'s own pages may export, import or delete notes.');
  };
  return {
    'transfer/export': async (payload, sender) => {
      extensionOnly(sender);
      const { format, scope } = parse(exportSchema, payload, 'export');
      const annotations = await annotationsIn(deps, scope);
      return exportAnnotations(annotations, format, deps.now?.() ?? new Date());
    },
    'transfer/import': async (payload, sender) => {
      extensionOnly(sender);
      const { text, bytes } = parse(importSchema, payload, 'import');
      // The file's size on disk, before any parsing (the page checked it too, before reading the file).
      checkImportSize(bytes);
      const counts = await importAnnotationFile(unwrap(await deps.db()) as IDBDatabase, text);
      if (counts.added + counts.updated > 0) deps.changed?.();
      return counts;
    },
    'transfer/list': async (_payload, sender) => {
      extensionOnly(sender);
      return readAllAnnotations(await deps.db());
    },
    'transfer/deleteAll': async (payload, sender) => {
      extensionOnly(sender);
      parse(deleteAllSchema, payload, 'delete-all');
      const deleted = await deleteAllAnnotations(await deps.db());
      if (deleted > 0) deps.changed?.();
      return { deleted };
    },
  };
}
