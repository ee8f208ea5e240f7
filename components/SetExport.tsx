// Sharing a set: one file, with the documents' texts or with the facts and their provenance only. The same file
// imports in Chrome and Firefox.
import { useState } from 'preact/hooks';
import type { SetsApi } from '@/lib/sets/api';
import type { ReferenceSet } from '@/lib/sets/types';
import { downloadExport } from '@/lib/export/download';
import { useTask } from './use-task';

export function SetExport({ api, set, hasTexts }: { api: SetsApi; set: ReferenceSet; hasTexts: boolean }) {
  const [texts, setTexts] = useState(false);
  const { busy, status, run } = useTask();
  return (
    <section aria-labelledby="bs-set-export-title" class="bs-set-export">
      <h3 id="bs-set-export-title">Share this set</h3>
      <fieldset class="bs-choice">
        <legend>The file holds</legend>
        <label><input type="radio" name="bs-set-texts" checked={!texts} onChange={() => setTexts(false)} /> the facts and where each was found (no text of the documents)</label>
        <label><input type="radio" name="bs-set-texts" checked={texts} disabled={!hasTexts} onChange={() => setTexts(true)} /> the facts and the documents’ texts (whoever imports it can add documents and build again)</label>
      </fieldset>
      <button type="button" disabled={busy} onClick={() => void run(async () => {
        const file = await api.exportFile(set.id, texts);
        downloadExport({ filename: file.name, content: file.content, mimeType: 'application/json', count: 1 });
        return `Saved ${file.name}.`;
      })}>Export the set</button>
      {status ? <p class={status.error ? 'bs-error' : 'bs-hint'} role={status.error ? 'alert' : 'status'}>{status.text}</p> : null}
    </section>
  );
}
