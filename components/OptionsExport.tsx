// The notes library's export: everything, or what the filters show, in the chosen format.
import { useState } from 'preact/hooks';
import type { TransferApi } from '@/lib/export/transfer';
import { downloadExport } from '@/lib/export/download';
import { isEmptyFilter, type AnnotationFilter } from '@/lib/export/filter';
import type { ExportFormat } from '@/lib/export/formats';
import { ExportFormatSelect, rememberedFormat } from './ExportFormatSelect';
import { useTask } from './use-task';

export interface OptionsExportProps {
  api: TransferApi;
  filter: AnnotationFilter;
  total: number;
  shown: number;
}

export function OptionsExport({ api, filter, total, shown }: OptionsExportProps) {
  const [format, setFormat] = useState<ExportFormat>(rememberedFormat);
  const [which, setWhich] = useState<'all' | 'shown'>('all');
  const { busy, status, run: runTask } = useTask();
  const filtered = !isEmptyFilter(filter);
  const scopeShown = filtered && which === 'shown';
  const count = scopeShown ? shown : total;

  const run = () =>
    runTask(async () => {
      const file = await api.exportFile(format, scopeShown ? { kind: 'search', filter } : { kind: 'all' });
      downloadExport(file);
      return `Saved ${file.count} note${file.count === 1 ? '' : 's'} to ${file.filename}.`;
    }, (m) => `Export failed: ${m}`);

  return (
    <section class="bs-panel" aria-labelledby="bs-export-title">
      <h3 id="bs-export-title">Export</h3>
      <p class="bs-hint">
        All three import back into Backstory. Web Annotation JSON-LD also imports into other annotation tools; Markdown pastes into notes apps; CSV opens in spreadsheets.
      </p>
      <div class="bs-field">
        <label for="bs-options-format">Format</label>
        <ExportFormatSelect id="bs-options-format" value={format} onChange={setFormat} />
      </div>
      <fieldset class="bs-choice">
        <legend>Notes</legend>
        <label>
          <input type="radio" name="bs-export-which" checked={!scopeShown} onChange={() => setWhich('all')} /> All ({total})
        </label>
        <label>
          <input type="radio" name="bs-export-which" checked={scopeShown} disabled={!filtered} onChange={() => setWhich('shown')} /> Only those shown by the filters ({filtered ? shown : total})
        </label>
      </fieldset>
      <button type="button" class="bs-primary" disabled={busy || count === 0} onClick={() => void run()}>
        {busy ? 'Exporting…' : `Export ${count} note${count === 1 ? '' : 's'}`}
      </button>
      <p class={status?.error ? 'bs-error' : 'bs-hint'} role={status?.error ? 'alert' : 'status'} data-testid="export-status">
        {status?.text ?? ''}
      </p>
    </section>
  );
}
