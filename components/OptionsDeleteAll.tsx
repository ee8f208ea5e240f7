// Delete every note, behind a typed confirmation: a click alone (or a stray Enter) can never do it. The notes
// go to the trash, so the deletion can be undone at once (and by id for the grace period).
import { useCallback, useRef, useState } from 'preact/hooks';
import { DELETE_ALL_CONFIRMATION, type TransferApi } from '@/lib/export/transfer';
import { useTask } from './use-task';

export interface OptionsDeleteAllProps {
  api: TransferApi;
  total: number;
  /** After a delete-all or its undo: the list reloads. */
  onChanged(): void;
}

export function OptionsDeleteAll({ api, total, onChanged }: OptionsDeleteAllProps) {
  const [open, setOpen] = useState(false);
  const [typed, setTyped] = useState('');
  const [deletedIds, setDeletedIds] = useState<string[] | null>(null);
  const { busy, status, run } = useTask();
  const opener = useRef<HTMLButtonElement>(null);
  // Focused as it is mounted (a stable ref callback, not an effect after the next frame), so typing right
  // after opening the form always lands in the field.
  const focusOnMount = useCallback((el: HTMLInputElement | null) => el?.focus(), []);

  const close = () => {
    setOpen(false);
    setTyped('');
    requestAnimationFrame(() => opener.current?.focus());
  };
  const confirmed = typed.trim().toLowerCase() === DELETE_ALL_CONFIRMATION;
  const deleteAll = async () => {
    if (!confirmed) return;
    const ok = await run(async () => {
      const ids = await api.deleteAll();
      setDeletedIds(ids);
      onChanged();
      return `Deleted ${ids.length} note${ids.length === 1 ? '' : 's'}.`;
    }, (m) => `Nothing was deleted: ${m}`);
    if (ok) close();
  };
  const undo = async () => {
    const ids = deletedIds;
    if (!ids) return;
    await run(async () => {
      const back = await api.undoDeleteAll(ids);
      setDeletedIds(null);
      onChanged();
      return `Restored ${back} note${back === 1 ? '' : 's'}.`;
    }, (m) => `Could not restore the notes: ${m}`);
  };

  return (
    <section class="bs-panel bs-danger-zone" aria-labelledby="bs-delete-title">
      <h3 id="bs-delete-title">Delete all notes</h3>
      {!open ? (
        <button type="button" ref={opener} class="bs-danger" disabled={total === 0} onClick={() => { setDeletedIds(null); setOpen(true); }}>
          Delete all notes…
        </button>
      ) : (
        <form
          class="bs-confirm"
          onSubmit={(e) => { e.preventDefault(); void deleteAll(); }}
          onKeyDown={(e) => { if (e.key === 'Escape') { e.preventDefault(); close(); } }}
        >
          <p id="bs-delete-warning">
            This deletes all {total} note{total === 1 ? '' : 's'} on every page. Export them first if you may want them elsewhere.
          </p>
          <label for="bs-delete-confirm">Type <strong>{DELETE_ALL_CONFIRMATION}</strong> to confirm</label>
          <input
            id="bs-delete-confirm"
            ref={focusOnMount}
            type="text"
            autocomplete="off"
            aria-describedby="bs-delete-warning"
            value={typed}
            onInput={(e) => setTyped((e.currentTarget as HTMLInputElement).value)}
          />
          <div class="bs-row">
            <button type="submit" class="bs-danger-primary" disabled={!confirmed || busy}>Delete everything</button>
            <button type="button" onClick={close}>Cancel</button>
          </div>
        </form>
      )}
      <p class={status?.error ? 'bs-error' : 'bs-hint'} role={status?.error ? 'alert' : 'status'} data-testid="delete-status">
        {status?.text ?? ''}
        {deletedIds && deletedIds.length > 0 && !busy ? (
          <> <button type="button" class="bs-link" onClick={() => void undo()}>Undo</button></>
        ) : null}
      </p>
    </section>
  );
}
