// Deleting a set: asked first, in a dialog that says what goes; afterwards the set waits in Recently deleted for
// 30 days. Notes linked to its items keep their text and say the item is gone.
import { useRef } from 'preact/hooks';
import type { SetsApi } from '@/lib/sets/api';
import type { ReferenceSet } from '@/lib/sets/types';
import { useTask } from './use-task';

export function SetDelete({ api, set, onDeleted }: { api: SetsApi; set: ReferenceSet; onDeleted(): void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const { busy, status, run } = useTask();
  return (
    <section aria-labelledby="bs-set-delete-title" class="bs-set-delete">
      <h3 id="bs-set-delete-title" class="bs-visually-hidden">Delete this set</h3>
      <button type="button" class="bs-danger" onClick={() => dialog.current?.showModal()}>Delete this set…</button>
      <dialog ref={dialog} aria-labelledby="bs-set-delete-q" class="bs-dialog">
        <form method="dialog" onSubmit={(e) => {
          e.preventDefault();
          void run(async () => {
            await api.repository.removeSet(set.id);
            dialog.current?.close();
            onDeleted();
          });
        }}>
          <p id="bs-set-delete-q"><strong>Delete “{set.name}”?</strong></p>
          <p>Its documents, what was built from them and your corrections go to Recently deleted, where you can restore them for 30 days. Notes you linked to its items keep their text.</p>
          <div class="bs-row">
            <button type="submit" class="bs-danger-primary" disabled={busy}>Delete the set</button>
            <button type="button" autoFocus onClick={() => dialog.current?.close()}>Keep it</button>
          </div>
          {status?.error ? <p class="bs-error" role="alert">{status.text}</p> : null}
        </form>
      </dialog>
    </section>
  );
}
