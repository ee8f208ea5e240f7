// Shown when writing stopped for a storage fault (a full disk): what happened in plain words, and an export
// of every note at once, so the reader can keep a copy before doing anything else.
import { useEffect, useState } from 'preact/hooks';
import type { NotesRepository } from '@/lib/notes/repository';
import type { TransferApi } from '@/lib/export/transfer';
import { downloadExport } from '@/lib/export/download';
import { useTask } from './use-task';

export interface StorageFaultProps {
  repository: NotesRepository;
  api: TransferApi;
}

export function StorageFault({ repository, api }: StorageFaultProps) {
  const [fault, setFault] = useState(repository.fault);
  const { busy, status, run } = useTask();
  useEffect(() => repository.onFault(setFault), [repository]);
  if (!fault) return null;
  const exportAll = () =>
    run(async () => {
      const file = await api.exportFile('jsonld', { kind: 'all' });
      downloadExport(file);
      return `Saved ${file.count} note${file.count === 1 ? '' : 's'} to ${file.filename}.`;
    }, (m) => `Export failed: ${m}`);
  return (
    <section class="bs-fault" role="alert" aria-labelledby="bs-fault-title">
      <h2 id="bs-fault-title">Backstory cannot save right now</h2>
      <p>
        The browser could not write to the disk (it may be full), so Backstory has stopped saving. The notes you saved
        before are safe. Export them now to keep a copy, then free some disk space and try again.
      </p>
      <div class="bs-row">
        <button type="button" class="bs-primary" disabled={busy} onClick={() => void exportAll()}>Export all notes now</button>
        <button type="button" onClick={() => repository.retry()}>Try saving again</button>
      </div>
      {status ? <p class={status.error ? 'bs-error' : 'bs-hint'}>{status.text}</p> : null}
    </section>
  );
}
