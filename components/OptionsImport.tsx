// The notes library's import: any file Backstory exports (JSON-LD, CSV, Markdown) or a Web Annotation file
// from another tool. Shows how many were added, updated and skipped, or exactly what is wrong.
import { useRef } from 'preact/hooks';
import type { TransferApi } from '@/lib/export/transfer';
import type { ImportCounts } from '@/lib/notes/repository';
import { useTask } from './use-task';

export interface OptionsImportProps {
  api: TransferApi;
  onImported(counts: ImportCounts): void;
}

export function describeCounts({ added, updated, skipped }: ImportCounts): string {
  const parts = [`${added} added`, `${updated} updated`, `${skipped} skipped`];
  const note = skipped > 0 ? ' (skipped: already here, same or newer)' : '';
  return `Imported: ${parts.join(', ')}${note}.`;
}

export function OptionsImport({ api, onImported }: OptionsImportProps) {
  const input = useRef<HTMLInputElement>(null);
  const { busy, status: result, run } = useTask();

  const onFile = async () => {
    const file = input.current?.files?.[0];
    if (!file) return;
    await run(async () => {
      const counts = await api.importFile(file);
      onImported(counts);
      return describeCounts(counts);
    }, (m) => `Could not import ${file.name}. ${m}`);
    // Choosing the same file again (after fixing it) must fire another change.
    if (input.current) input.current.value = '';
  };

  return (
    <section class="bs-panel" aria-labelledby="bs-import-title">
      <h3 id="bs-import-title">Import</h3>
      <p class="bs-hint" id="bs-import-hint">
        A file Backstory exported (JSON-LD, CSV or Markdown) or a Web Annotation file from another tool, up to 50 MB. Notes already here are kept unless the file's copy is newer; importing the same file twice changes nothing.
      </p>
      <label for="bs-import-file" class="bs-file-label">Choose a file to import</label>
      <input
        id="bs-import-file"
        ref={input}
        type="file"
        accept=".jsonld,.json,.csv,.md,.markdown,application/ld+json,application/json,text/csv,text/markdown"
        aria-describedby="bs-import-hint"
        disabled={busy}
        onChange={() => void onFile()}
      />
      <p
        class={result?.error ? 'bs-error bs-import-result' : 'bs-hint bs-import-result'}
        role={result?.error ? 'alert' : 'status'}
        data-testid="import-status"
      >
        {busy ? 'Importing…' : (result?.text ?? '')}
      </p>
    </section>
  );
}
