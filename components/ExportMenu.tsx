// The popup's export, folded at the bottom: this page's notes, all notes, or the current search's, in the chosen
// format, saved as a dated file. Import lives in the notes library (a file picker closes the popup in Chrome).
import { useState } from 'preact/hooks';
import type { ExportScope, TransferApi } from '@/lib/export/transfer';
import { downloadExport } from '@/lib/export/download';
import type { ExportFormat } from '@/lib/export/formats';
import { ExportFormatSelect, rememberedFormat } from './ExportFormatSelect';
import { useTask } from './use-task';

export interface ExportMenuProps {
  /** The tab the popup acts on; "This page" exports its notes. */
  tabId: number | undefined;
  /** The popup's current search text, if any: offers "Search results". */
  query?: string;
  /** Export requests (the popup passes the browser's; tests their own), so this component needs no browser API. */
  api: TransferApi;
}

const EMPTY: Record<ExportScope['kind'], string> = {
  tab: 'No notes on this page to export yet.',
  page: 'No notes on this page to export yet.',
  all: 'You have no notes to export yet.',
  search: 'No notes match this search.',
  ids: 'No notes are selected.',
};

export function ExportMenu({ tabId, query, api }: ExportMenuProps) {
  const [format, setFormat] = useState<ExportFormat>(rememberedFormat);
  const task = useTask();
  const { busy, status } = task;

  const run = (scope: ExportScope) =>
    task.run(async () => {
      const file = await api.exportFile(format, scope);
      if (file.count === 0) return EMPTY[scope.kind];
      downloadExport(file);
      return `Saved ${file.count} note${file.count === 1 ? '' : 's'} to ${file.filename}.`;
    }, (m) => `Export failed: ${m}`);

  const search = query?.trim();
  return (
    <details class="bs-export">
      <summary>Export notes</summary>
      <div class="bs-row">
        <label for="bs-export-format">Format</label>
        <ExportFormatSelect id="bs-export-format" value={format} onChange={setFormat} />
      </div>
      <div class="bs-row" role="group" aria-label="Export">
        <button type="button" disabled={busy || tabId === undefined} onClick={() => tabId !== undefined && void run({ kind: 'tab', tabId })}>
          This page
        </button>
        <button type="button" disabled={busy} onClick={() => void run({ kind: 'all' })}>
          All notes
        </button>
        {search ? (
          <button type="button" disabled={busy} onClick={() => void run({ kind: 'search', filter: { text: search } })}>
            Search results
          </button>
        ) : null}
      </div>
      <p class={status?.error ? 'bs-error' : 'bs-hint'} role={status?.error ? 'alert' : 'status'}>
        {status?.text ?? ''}
      </p>
    </details>
  );
}
