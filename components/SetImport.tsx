// Import a reference set: a file Backstory exported (with or without the documents' texts) or a dataset made by
// `npm run dataset`. Everything in it is checked first; a bad file gets a message and nothing is imported.
import { useRef } from 'preact/hooks';
import type { SetsApi } from '@/lib/sets/api';
import { useTask } from './use-task';

export function SetImport({ api, onImported }: { api: SetsApi; onImported(setId: string): void }) {
  const input = useRef<HTMLInputElement>(null);
  const { busy, status, run } = useTask();
  const onFile = async () => {
    const file = input.current?.files?.[0];
    if (!file) return;
    await run(async () => {
      const imported = await api.importFile(file);
      onImported(imported.contents.set.id);
      const { set, documents } = imported.contents;
      return `Imported “${set.name}” (${documents.length} document${documents.length === 1 ? '' : 's'}).`;
    }, (m) => `Could not import ${file.name}. ${m}`);
    if (input.current) input.current.value = '';
  };
  return (
    <div class="bs-set-import" role="group" aria-labelledby="bs-set-import-title">
      <h3 id="bs-set-import-title">Import a set</h3>
      <p class="bs-hint" id="bs-set-import-hint">
        A set file from Backstory (“….backstory-set.json”), or a dataset made with <code>npm run dataset</code>. It becomes a new set.
      </p>
      <label for="bs-set-import-file" class="bs-file-label">Choose a set file</label>
      <input id="bs-set-import-file" ref={input} type="file" accept=".json,application/json" aria-describedby="bs-set-import-hint" disabled={busy} onChange={() => void onFile()} />
      <p class={status?.error ? 'bs-error' : 'bs-hint'} role={status?.error ? 'alert' : 'status'} data-testid="set-import-status">
        {busy ? 'Checking the file…' : (status?.text ?? '')}
      </p>
    </div>
  );
}
