// Sets and documents deleted in the last 30 days, each with Restore: a deleted set is never gone at once.
import type { SetsApi } from '@/lib/sets/api';
import type { TrashEntry } from '@/lib/sets/db';
import { useTask } from './use-task';

function label(entry: TrashEntry): string {
  if (entry.kind === 'set' && entry.set) return `Set “${entry.set.set.name}” (${entry.set.documents.length} document${entry.set.documents.length === 1 ? '' : 's'})`;
  return `Document “${entry.document?.document.title ?? entry.id}”`;
}

export function SetTrash({ api, trash, onRestored }: { api: SetsApi; trash: TrashEntry[]; onRestored(): void }) {
  const { busy, status, run } = useTask();
  if (trash.length === 0 && !status) return null;
  return (
    <details class="bs-deleted bs-set-trash" data-testid="set-trash">
      <summary>Recently deleted ({trash.length})</summary>
      <p class="bs-hint">Kept for 30 days, then deleted for good.</p>
      <ul>
        {trash.map((entry) => (
          <li key={entry.id} class="bs-deleted-item">
            {label(entry)}{' '}
            <span class="bs-muted">— deleted {new Date(entry.deleted).toLocaleString()}</span>{' '}
            <button type="button" disabled={busy} onClick={() => void run(async () => {
              await api.restore(entry.id);
              onRestored();
              return `Restored ${label(entry)}.`;
            })}>Restore</button>
          </li>
        ))}
      </ul>
      {status ? <p class={status.error ? 'bs-error' : 'bs-hint'} role={status.error ? 'alert' : 'status'}>{status.text}</p> : null}
    </details>
  );
}
