// A note's text on the page, shown on its highlight: the notes lying there, each with its tags. Text only
// (Preact sets text, never markup): a note that contains HTML is shown as that text.
import type { TooltipNote } from '@/lib/notes/page-controller';

export function NoteTooltip({ notes }: { notes: TooltipNote[] }) {
  return (
    <div class="tip" role="tooltip">
      <div class="label">{notes.length > 1 ? `Backstory · ${notes.length} notes` : 'Backstory note'}</div>
      {notes.map((note, i) => (
        <div class="note" key={i}>
          {note.text.trim() ? <div>{note.text}</div> : <div class="empty">(highlight without a note)</div>}
          {note.tags.length ? <div class="tags">{note.tags.map((t) => `#${t}`).join(' ')}</div> : null}
        </div>
      ))}
    </div>
  );
}
