// One saved note: its quote (or a mark that the quote is no longer on the page), its text and tags, and
// in-place editing. Text is rendered as text (JSX escapes it), so a note containing HTML shows as written.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Annotation } from '@/lib/notes/types';
import type { AnnotationPatch } from '@/lib/notes/repository';
import { referenceLinkText } from '@/lib/notes/reference-link';
import { NoteTags, parseTags } from './NoteTags';
import { isSaveShortcut, useTask } from './use-task';

export interface NoteItemProps {
  note: Annotation;
  /** 'anchored' / 'orphaned' for notes with a quote, once the page reported; undefined otherwise. */
  anchoring?: 'anchored' | 'orphaned';
  /** Only the fields the reader changed: an unchanged field is never sent (nor checked) again. */
  onUpdate(note: Annotation, patch: AnnotationPatch): Promise<void>;
  onDelete(note: Annotation): void;
  onReveal?(note: Annotation): void;
}

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

export function NoteItem({ note, anchoring, onUpdate, onDelete, onReveal }: NoteItemProps) {
  const [editing, setEditing] = useState(false);
  const [text, setText] = useState(note.text);
  const [tags, setTags] = useState(note.tags.join(', '));
  const { busy: saving, status, setStatus, run } = useTask();
  const error = status?.error ? status.text : null;
  const editRef = useRef<HTMLTextAreaElement>(null);
  const editButton = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (editing) editRef.current?.focus();
  }, [editing]);

  const startEdit = () => {
    setText(note.text);
    setTags(note.tags.join(', '));
    setStatus(null);
    setEditing(true);
  };
  const close = () => {
    setEditing(false);
    setStatus(null);
    requestAnimationFrame(() => editButton.current?.focus());
  };
  const save = async () => {
    const patch: AnnotationPatch = {};
    if (text.trim() !== note.text) patch.text = text.trim();
    // The tags field shows the stored tags; sent only when the reader changed them.
    if (tags !== note.tags.join(', ')) patch.tags = parseTags(tags);
    if (Object.keys(patch).length === 0) {
      close();
      return;
    }
    // On failure the edit stays open with what was typed, and says why.
    if (await run(() => onUpdate(note, patch))) close();
  };
  const cancel = close;
  const onKeyDown = (event: KeyboardEvent) => {
    if (isSaveShortcut(event)) {
      event.preventDefault();
      void save();
    } else if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      cancel();
    }
  };

  const quote = note.target?.quote.exact;
  const when = new Date(note.modified);
  return (
    <li class={`bs-note${anchoring === 'orphaned' ? ' bs-orphaned' : ''}`} data-note-id={note.id}>
      {quote ? (
        <>
          <blockquote class="bs-quote">{quote}</blockquote>
          {anchoring === 'orphaned' ? <p class="bs-orphan-mark" role="note">⚠ Quote not found on the page</p> : null}
        </>
      ) : null}
      {editing ? (
        <form class="bs-edit" onSubmit={(e) => { e.preventDefault(); void save(); }} onKeyDown={onKeyDown} aria-label="Edit note">
          <label class="bs-visually-hidden" for={`bs-edit-${note.id}`}>Note</label>
          <textarea id={`bs-edit-${note.id}`} ref={editRef} rows={3} value={text} onInput={(e) => setText((e.target as HTMLTextAreaElement).value)} />
          <label class="bs-visually-hidden" for={`bs-edit-tags-${note.id}`}>Tags</label>
          <input id={`bs-edit-tags-${note.id}`} type="text" placeholder="Tags, separated by commas" value={tags} onInput={(e) => setTags((e.target as HTMLInputElement).value)} />
          <div class="bs-row">
            <button type="submit" class="bs-primary" disabled={saving}>{saving ? 'Saving…' : 'Save'}</button>
            <button type="button" onClick={cancel}>Cancel</button>
          </div>
          {error ? <p class="bs-error" role="alert">{error}</p> : null}
        </form>
      ) : (
        <>
          {note.text ? <p class="bs-note-text">{note.text}</p> : <p class="bs-note-text bs-muted">(no note text)</p>}
          {note.reference ? <p class="bs-muted bs-note-reference">On {referenceLinkText(note.reference)}</p> : null}
          <NoteTags tags={note.tags} />
          <div class="bs-note-meta">
            <time dateTime={note.modified} class="bs-muted">{Number.isNaN(when.getTime()) ? '' : dateFormat.format(when)}</time>
            <span class="bs-actions">
              {onReveal && anchoring === 'anchored' ? (
                <button type="button" class="bs-link" onClick={() => onReveal(note)}>Show on page</button>
              ) : null}
              <button type="button" class="bs-link" ref={editButton} onClick={startEdit} aria-label={`Edit note: ${note.text.slice(0, 40)}`}>Edit</button>
              <button type="button" class="bs-link bs-danger" onClick={() => onDelete(note)} aria-label={`Delete note: ${note.text.slice(0, 40)}`}>Delete</button>
            </span>
          </div>
        </>
      )}
    </li>
  );
}
