// This page's deleted notes that can still be restored: a delete is never final while the note waits in
// the trash, even after the popup that deleted it was closed.
import type { DeletedAnnotation } from '@/lib/notes/types';

export interface RecentlyDeletedProps {
  deleted: readonly DeletedAnnotation[];
  onRestore(id: string): void;
}

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

export function RecentlyDeleted({ deleted, onRestore }: RecentlyDeletedProps) {
  if (deleted.length === 0) return null;
  return (
    <details class="bs-deleted">
      <summary>Recently deleted on this page ({deleted.length})</summary>
      <ul aria-label="Recently deleted notes">
        {deleted.map(({ id, deleted: when, note }) => {
          const label = note.text || note.target?.quote.exact || '(no note text)';
          return (
            <li key={id} class="bs-deleted-item" data-deleted-id={id}>
              <span class="bs-deleted-text">{label.length > 80 ? `${label.slice(0, 79)}…` : label}</span>
              <span class="bs-muted"> · deleted {dateFormat.format(new Date(when))}</span>
              <button type="button" class="bs-link" onClick={() => onRestore(id)} aria-label={`Restore note: ${label.slice(0, 40)}`}>Restore</button>
            </li>
          );
        })}
      </ul>
    </details>
  );
}
