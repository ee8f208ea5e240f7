// The toolbar on a text selection: Note (a composer beside the words) and Highlight (a note that only quotes
// them). A toolbar for assistive technology: one name, arrow keys move between its buttons. It acts only on the
// reader's own clicks and key presses (`trusted`): a page's scripts cannot press its buttons.
import { useEffect, useRef } from 'preact/hooks';
import type { AdderActions } from '@/lib/notes/adder';

export interface AdderProps {
  actions: AdderActions;
  /** Move the keyboard focus to the first button when shown (the add-note command). */
  focus: boolean;
  trusted: (event: Event) => boolean;
}

function NoteIcon() {
  return (
    <svg aria-hidden="true" viewBox="0 0 16 16" width="16" height="16">
      <path d="M2 13.5V11l8.2-8.2a1 1 0 0 1 1.4 0l1.6 1.6a1 1 0 0 1 0 1.4L5 14H2.5a.5.5 0 0 1-.5-.5Z" fill="none" stroke="currentColor" stroke-width="1.5" stroke-linejoin="round" />
      <path d="M9 4l3 3" stroke="currentColor" stroke-width="1.5" />
    </svg>
  );
}

function HighlightIcon() {
  return (
    <svg aria-hidden="true" viewBox="0 0 16 16" width="16" height="16">
      <rect x="1.5" y="11.5" width="13" height="3" rx="1" fill="currentColor" opacity=".35" />
      <path d="M4 10l5.5-7.5 3 2.2L7 12.2H4.2Z" fill="none" stroke="currentColor" stroke-width="1.5" stroke-linejoin="round" />
    </svg>
  );
}

export function Adder({ actions, focus, trusted }: AdderProps) {
  const first = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (focus) first.current?.focus();
  }, [focus]);

  const act = (run: () => void) => (event: Event) => {
    if (trusted(event)) run();
  };

  function onKeyDown(event: KeyboardEvent) {
    const buttons = [...(event.currentTarget as HTMLElement).querySelectorAll('button')];
    const at = buttons.indexOf(event.target as HTMLButtonElement);
    const next = { ArrowRight: at + 1, ArrowLeft: at - 1, Home: 0, End: buttons.length - 1 }[event.key];
    if (next === undefined || at < 0) return;
    event.preventDefault();
    buttons[(next + buttons.length) % buttons.length]!.focus();
  }

  return (
    <div class="adder" role="toolbar" aria-label="Backstory: note the selected text" onKeyDown={onKeyDown}>
      <button type="button" ref={first} title="Write a note on the selected text" onClick={act(actions.note)}>
        <NoteIcon />
        Note
      </button>
      <button type="button" title="Highlight the selected text (a note without text)" onClick={act(actions.highlight)}>
        <HighlightIcon />
        Highlight
      </button>
    </div>
  );
}
