// "Renamed “X” to “Y” — Undo": the last change, undoable at once (every edit stays undoable in the edits list).
import { useTask } from './use-task';

export function UndoLine({ text, onUndo, onDismiss }: { text: string; onUndo(): Promise<void>; onDismiss(): void }) {
  const { busy, status, run } = useTask();
  return (
    <div class="bs-undo" role="status" data-testid="set-undo">
      <span>{text}.</span>
      <span>
        <button type="button" disabled={busy} onClick={() => void run(onUndo)}>Undo</button>{' '}
        <button type="button" aria-label="Dismiss" onClick={onDismiss}>×</button>
      </span>
      {status?.error ? <span class="bs-error" role="alert">{status.text}</span> : null}
    </div>
  );
}
