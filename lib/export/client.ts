// What the popup and the options page call: typed transfer requests over any transport (the browser's
// runtime messaging in the extension, a test double in unit tests).
import { createClient, type Transport } from '../messages';
import type { Annotation } from '../notes/types';
import type { ExportFile, ExportFormat } from './formats';
import { checkImportSize, type ImportCounts } from './errors';
import { DELETE_ALL_CONFIRMATION, type ExportScope } from './messages';

export interface TransferApi {
  exportFile(format: ExportFormat, scope: ExportScope): Promise<ExportFile>;
  /** Refuses an oversized file by its size before reading a byte of it. */
  importFile(file: Blob): Promise<ImportCounts>;
  list(): Promise<Annotation[]>;
  deleteAll(): Promise<number>;
}

export function createTransferApi(transport: Transport): TransferApi {
  const send = createClient(transport);
  return {
    exportFile: (format, scope) => send('transfer/export', { format, scope }),
    async importFile(file) {
      checkImportSize(file.size);
      return send('transfer/import', { text: await file.text(), bytes: file.size });
    },
    list: () => send('transfer/list', {}),
    deleteAll: async () => (await send('transfer/deleteAll', { confirm: DELETE_ALL_CONFIRMATION })).deleted,
  };
}
