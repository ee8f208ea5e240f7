// Deleted notes that can still be restored: a delete is never final while the note waits in the trash, even after
// the page that deleted it was closed.
import type { DeletedAnnotation } from '@/lib/notes/types';
import { formatNoteDate, noteLabel } from '@/lib/notes/describe';
import { titleFor } from '@/lib/notes/group';

export interface RecentlyDeletedProps {
  deleted: readonly DeletedAnnotation[];
  onRestore(id: string): void;
  /** "Recently deleted on this page" in the popup, "Recently deleted" in the library (which names each page). */
  title: string;
  showPage?: boolean;
}

export function RecentlyDeleted({ deleted, onRestore, title, showPage = false }: RecentlyDeletedProps) {
  if (deleted.length === 0) return null;
  return (
    <details class="bs-deleted">
      <summary>{title} ({deleted.length})</summary>
      <ul aria-label="Recently deleted notes">
        {deleted.map(({ id, deleted: when, note }) => {
          const label = noteLabel(note, 80);
          return (
            <li key={id} class="bs-deleted-item" data-deleted-id={id}>
              <span class="bs-deleted-text">{label}</span>
              <span class="bs-muted">{showPage ? ` · ${titleFor(note)}` : ''} · deleted {formatNoteDate(when)}</span>{' '}
              <button type="button" class="bs-link" onClick={() => onRestore(id)} aria-label={`Restore note: ${noteLabel(note, 40)}`}>Restore</button>
            </li>
          );
        })}
      </ul>
    </details>
  );
}
