// What happened after a note was saved from the page, in the adder's place: "Note saved" with Undo, then
// "Note deleted" with Restore. The words are announced by the layer's live region; this is what is seen.
import { useEffect, useRef } from 'preact/hooks';

export interface AdderStatusProps {
  message: string;
  action?: { label: string; run(): void };
  /** Keep the keyboard here (the toolbar had it). */
  focus: boolean;
  trusted: (event: Event) => boolean;
}

export function AdderStatus({ message, action, focus, trusted }: AdderStatusProps) {
  const button = useRef<HTMLButtonElement>(null);
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!focus) return;
    if (button.current) button.current.focus();
    else box.current?.focus();
  }, [focus, message]);
  return (
    <div class="adder status" ref={box} tabIndex={-1}>
      <span>{message}</span>
      {action ? (
        <button type="button" ref={button} onClick={(e) => trusted(e) && action.run()}>
          {action.label}
        </button>
      ) : null}
    </div>
  );
}
