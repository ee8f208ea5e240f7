// Export and import requests, answered by the background (entrypoints/background/transfer.ts).
import type { Annotation } from '../notes/types';
import type { AnnotationFilter } from './filter';
import type { ExportFile, ExportFormat } from './formats';
import type { ImportCounts } from './errors';

/** Which annotations to export. */
export type ExportScope =
  | { kind: 'all' }
  /** The page a tab shows (its URL normalised as notes are keyed). */
  | { kind: 'tab'; tabId: number }
  /** One page by its stored (normalised) URL. */
  | { kind: 'page'; url: string }
  /** The options page's filters or the popup's search text. */
  | { kind: 'search'; filter: AnnotationFilter };

/** What the delete-all request must carry: the UI sends it only after the reader typed the confirmation. */
export const DELETE_ALL_CONFIRMATION = 'delete all';

export interface TransferProtocol {
  'transfer/export': { request: { format: ExportFormat; scope: ExportScope }; response: ExportFile };
  /** `text` is the file's content; `bytes` its size on disk, checked before anything is parsed. */
  'transfer/import': { request: { text: string; bytes: number }; response: ImportCounts };
  /** Every annotation, most recently modified first (the options page's list). */
  'transfer/list': { request: Record<string, never>; response: Annotation[] };
  'transfer/deleteAll': { request: { confirm: typeof DELETE_ALL_CONFIRMATION }; response: { deleted: number } };
}
