// Export, import and delete-all, for Backstory's own pages, over the notes repository they open themselves
// (a 15 MB file is never copied through messaging). Pure: the page passes the repository, how to find a
// tab's address and how much disk is free.
import type { Annotation } from '../notes/types';
import type { ImportCounts, NotesRepository } from '../notes/repository';
import { normalizeUrl } from '../url';
import { filterAnnotations, type AnnotationFilter } from './filter';
import type { ExportFile, ExportFormat } from './formats';
import { exportAnnotations } from './export';
import { ImportError, checkImportSize } from './errors';

/** Which annotations to export. */
export type ExportScope =
  | { kind: 'all' }
  /** The page a tab shows (its URL normalised as notes are keyed). */
  | { kind: 'tab'; tabId: number }
  /** One page by its stored (normalised) URL. */
  | { kind: 'page'; url: string }
  /** The notes library's filters or the popup's search text. */
  | { kind: 'search'; filter: AnnotationFilter }
  /** The notes the reader selected in the library. */
  | { kind: 'ids'; ids: readonly string[] };

/** What the reader types before everything is deleted: a click alone (or a stray Enter) can never do it. */
export const DELETE_ALL_CONFIRMATION = 'delete all';

export interface TransferApi {
  exportFile(format: ExportFormat, scope: ExportScope): Promise<ExportFile>;
  /** Refuses an oversized file by its size before reading a byte of it, and a file the disk has no room for. */
  importFile(file: Blob): Promise<ImportCounts>;
  /** Moves every note to the trash; returns their ids, for `undoDeleteAll`. */
  deleteAll(): Promise<string[]>;
  /** Puts back what `deleteAll` removed (notes saved meanwhile stay); says how many came back. */
  undoDeleteAll(ids: readonly string[]): Promise<number>;
}

export interface TransferDeps {
  repository: NotesRepository;
  /** The URL a tab shows (tabs.get), for "this page" exports. */
  tabUrl(tabId: number): Promise<string | undefined>;
  /** navigator.storage.estimate where there is one. */
  estimate?(): Promise<{ quota?: number; usage?: number }>;
  now?(): Date;
}

/**
 * IndexedDB keeps a record in a few times its JSON size (values, the url/modified/tags indexes, the log it
 * writes before compacting); an import that needs more than this much free space is refused up front.
 */
const IMPORT_SPACE_FACTOR = 4;

const megabytes = (bytes: number) => `${(bytes / (1024 * 1024)).toFixed(1)} MB`;

export function createTransferApi(deps: TransferDeps): TransferApi {
  const { repository } = deps;
  const annotationsIn = async (scope: ExportScope): Promise<Annotation[]> => {
    switch (scope.kind) {
      case 'all':
        return repository.listAll();
      case 'page':
        return repository.listByUrl(normalizeUrl(scope.url));
      case 'tab': {
        const url = await deps.tabUrl(scope.tabId);
        if (!url) throw new Error('Backstory cannot see which page this tab shows, so it cannot export its notes.');
        return repository.listByUrl(normalizeUrl(url));
      }
      case 'search':
        return filterAnnotations(await repository.listAll(), scope.filter);
      case 'ids': {
        const wanted = new Set(scope.ids);
        return (await repository.listAll()).filter((a) => wanted.has(a.id));
      }
    }
  };
  return {
    async exportFile(format, scope) {
      const started = performance.now();
      const annotations = await annotationsIn(scope);
      const read = published('backstory:export-read', started);
      const file = exportAnnotations(annotations, format, deps.now?.() ?? new Date());
      published('backstory:export-write', read);
      return file;
    },
    async importFile(file) {
      checkImportSize(file.size);
      const started = performance.now();
      // Nothing here writes, so the file is read, and the parsers loaded (only when a file is imported: the popup and
      // options page open without them), while the free space is asked for.
      const reading = file.text();
      const parsers = import('./import');
      reading.catch(() => undefined);
      parsers.catch(() => undefined);
      const { quota, usage } = (await deps.estimate?.().catch(() => undefined)) ?? {};
      if (quota !== undefined && usage !== undefined && quota - usage < file.size * IMPORT_SPACE_FACTOR) {
        throw new ImportError(
          `There is not enough free disk space to import this file: it needs about ${megabytes(file.size * IMPORT_SPACE_FACTOR)} and ` +
            `about ${megabytes(Math.max(0, quota - usage))} is free. Nothing was imported; the notes you saved before are safe. Free some disk space, then try again.`,
        );
      }
      let checked = started;
      const records = (async () => {
        const { parseImportFile } = await parsers;
        const parsed = await parseImportFile(await reading);
        checked = published('backstory:import-check', started);
        return parsed;
      })();
      // Handed over while still being checked: the repository prepares its write meanwhile, and writes nothing unless
      // every record passed.
      const counts = await repository.importRecords(records);
      published('backstory:import-write', checked);
      void repository.backedUp().then(() => published('backstory:import-backup', checked));
      return counts;
    },
    deleteAll: () => repository.removeAll(),
    undoDeleteAll: (ids) => repository.restoreMany(ids),
  };
}

/** Publishes a phase of an import or export as a `backstory:*` performance measure (`npm run bench` reads them); returns now. */
function published(name: string, start: number): number {
  const end = performance.now();
  try {
    performance.measure(name, { start, end });
  } catch {
    // An engine without measure options: the figure is only diagnostics.
  }
  return end;
}
