// "Note deleted. Undo": shown after a delete, with the focus on Undo so a keyboard reader undoes with Enter.
// Deleted notes wait in the trash, so the bar going away never makes a delete final.
import { useEffect, useRef } from 'preact/hooks';

export interface UndoBarProps {
  message: string;
  onUndo(): void;
  /** Called when the bar has been shown long enough. */
  onExpire(): void;
  timeoutMs?: number;
}

export function UndoBar({ message, onUndo, onExpire, timeoutMs = 10_000 }: UndoBarProps) {
  const button = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    button.current?.focus();
    const timer = setTimeout(onExpire, timeoutMs);
    return () => clearTimeout(timer);
    // A new message (another delete) starts the time again.
  }, [message]);
  return (
    <div class="bs-undo" role="status">
      <span>{message}</span>
      <button type="button" ref={button} onClick={onUndo}>Undo</button>
    </div>
  );
}
