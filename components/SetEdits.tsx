// The reader's corrections to a set, oldest first: what each did, whether it still applies (its entity may have
// left with a removed document), and Undo for each, whichever it is.
import { describeEdit, type EditOutcome } from '@/lib/sets/curation';
import type { StoredEdit } from '@/lib/sets/types';
import { useTask } from './use-task';

export function SetEdits({ edits, outcomes, onUndo }: { edits: StoredEdit[]; outcomes: EditOutcome[]; onUndo(editId: string): Promise<void> }) {
  const { busy, status, run } = useTask();
  if (edits.length === 0) return null;
  return (
    <section aria-labelledby="bs-edits-title" class="bs-set-edits">
      <h3 id="bs-edits-title">Your corrections ({edits.length})</h3>
      <p class="bs-hint">Kept apart from what Backstory built, and made again after every build: adding documents never loses them.</p>
      <ol>
        {edits.map((e, i) => {
          const outcome = outcomes[i];
          return (
            <li key={e.id} data-edit-id={e.id}>
              {describeEdit(e.edit)}
              {outcome && !outcome.applied ? <span class="bs-warn"> — no longer applies: {outcome.reason}</span> : null}{' '}
              <button type="button" class="bs-link" disabled={busy} onClick={() => void run(() => onUndo(e.id))}>
                Undo<span class="bs-visually-hidden"> “{describeEdit(e.edit)}”</span>
              </button>
            </li>
          );
        })}
      </ol>
      {status?.error ? <p class="bs-error" role="alert">{status.text}</p> : null}
    </section>
  );
}
