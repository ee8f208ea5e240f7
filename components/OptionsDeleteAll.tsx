// Delete every note, behind a typed confirmation: a click alone (or a stray Enter) can never do it.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { TransferApi } from '@/lib/export/client';
import { DELETE_ALL_CONFIRMATION } from '@/lib/export/messages';

export interface OptionsDeleteAllProps {
  api: TransferApi;
  total: number;
  onDeleted(count: number): void;
}

export function OptionsDeleteAll({ api, total, onDeleted }: OptionsDeleteAllProps) {
  const [open, setOpen] = useState(false);
  const [typed, setTyped] = useState('');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ error: boolean; text: string } | null>(null);
  const field = useRef<HTMLInputElement>(null);
  const opener = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (open) field.current?.focus();
  }, [open]);

  const close = () => {
    setOpen(false);
    setTyped('');
    requestAnimationFrame(() => opener.current?.focus());
  };
  const confirmed = typed.trim().toLowerCase() === DELETE_ALL_CONFIRMATION;
  const run = async () => {
    if (!confirmed || busy) return;
    setBusy(true);
    try {
      const deleted = await api.deleteAll();
      setMessage({ error: false, text: `Deleted ${deleted} annotation${deleted === 1 ? '' : 's'}.` });
      onDeleted(deleted);
      close();
    } catch (e) {
      setMessage({ error: true, text: `Nothing was deleted: ${e instanceof Error ? e.message : String(e)}` });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="bs-panel bs-danger-zone" aria-labelledby="bs-delete-title">
      <h2 id="bs-delete-title">Delete all annotations</h2>
      {!open ? (
        <button type="button" ref={opener} class="bs-danger" disabled={total === 0} onClick={() => { setMessage(null); setOpen(true); }}>
          Delete all annotations…
        </button>
      ) : (
        <form
          class="bs-confirm"
          onSubmit={(e) => { e.preventDefault(); void run(); }}
          onKeyDown={(e) => { if (e.key === 'Escape') { e.preventDefault(); close(); } }}
        >
          <p id="bs-delete-warning">
            This deletes all {total} annotation{total === 1 ? '' : 's'} on every page, and cannot be undone. Export them first if you may want them back.
          </p>
          <label for="bs-delete-confirm">Type <strong>{DELETE_ALL_CONFIRMATION}</strong> to confirm</label>
          <input
            id="bs-delete-confirm"
            ref={field}
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
      <p class={message?.error ? 'bs-error' : 'bs-hint'} role={message?.error ? 'alert' : 'status'}>{message?.text ?? ''}</p>
    </section>
  );
}
