// The options page's import: a Web Annotation JSON-LD file (Backstory's own export or another tool's).
// Shows how many were added, updated and skipped, or exactly what is wrong with the file (nothing imported).
import { useRef, useState } from 'preact/hooks';
import type { TransferApi } from '@/lib/export/client';
import type { ImportCounts } from '@/lib/export/errors';

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
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ error: boolean; text: string } | null>(null);

  const onFile = async () => {
    const file = input.current?.files?.[0];
    if (!file) return;
    setBusy(true);
    setResult(null);
    try {
      const counts = await api.importFile(file);
      setResult({ error: false, text: describeCounts(counts) });
      onImported(counts);
    } catch (e) {
      setResult({ error: true, text: `Could not import ${file.name}. ${e instanceof Error ? e.message : String(e)}` });
    } finally {
      setBusy(false);
      // Choosing the same file again (after fixing it) must fire another change.
      if (input.current) input.current.value = '';
    }
  };

  return (
    <section class="bs-panel" aria-labelledby="bs-import-title">
      <h2 id="bs-import-title">Import</h2>
      <p class="bs-hint" id="bs-import-hint">
        A Web Annotation JSON-LD file (up to 50 MB). Notes already here are kept unless the file's copy is newer; importing the same file twice changes nothing.
      </p>
      <label for="bs-import-file" class="bs-file-label">Choose a file to import</label>
      <input
        id="bs-import-file"
        ref={input}
        type="file"
        accept=".jsonld,.json,application/ld+json,application/json"
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
