// Editing a saved note in place: its text and tags, Ctrl/Cmd+Enter or Save to keep the change, Esc or Cancel to
// leave it. Only what the reader changed is sent; a failed save keeps the edit open with what was typed, and
// says why.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Annotation } from '@/lib/notes/types';
import type { AnnotationPatch } from '@/lib/notes/repository';
import { noteLabel } from '@/lib/notes/describe';
import { parseTags } from './NoteTags';
import { isSaveShortcut, useTask } from './use-task';

export interface NoteEditorProps {
  note: Annotation;
  /** Only the fields the reader changed: an unchanged field is never sent (nor checked) again. */
  onSave(patch: AnnotationPatch): Promise<void>;
  /** Leaves the editor (after a save or a cancel); the caller puts the focus back. */
  onClose(): void;
}

export function NoteEditor({ note, onSave, onClose }: NoteEditorProps) {
  const [text, setText] = useState(note.text);
  const [tags, setTags] = useState(note.tags.join(', '));
  const { busy, status, run } = useTask();
  const field = useRef<HTMLTextAreaElement>(null);
  useEffect(() => field.current?.focus(), []);

  const save = async () => {
    const patch: AnnotationPatch = {};
    if (text.trim() !== note.text) patch.text = text.trim();
    // The tags field shows the stored tags; sent only when the reader changed them.
    if (tags !== note.tags.join(', ')) patch.tags = parseTags(tags);
    if (Object.keys(patch).length === 0 || (await run(() => onSave(patch)))) onClose();
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (isSaveShortcut(event)) {
      event.preventDefault();
      void save();
    } else if (event.key === 'Escape') {
      // Esc leaves the editor, not the popup or the page around it.
      event.preventDefault();
      event.stopPropagation();
      onClose();
    }
  };
  const id = `bs-edit-${note.id}`;
  return (
    <form class="bs-edit" onSubmit={(e) => { e.preventDefault(); void save(); }} onKeyDown={onKeyDown} aria-label={`Edit note: ${noteLabel(note, 40)}`}>
      <label class="bs-visually-hidden" for={id}>Note</label>
      <textarea id={id} ref={field} rows={3} value={text} onInput={(e) => setText((e.target as HTMLTextAreaElement).value)} />
      <label class="bs-visually-hidden" for={`${id}-tags`}>Tags</label>
      <input id={`${id}-tags`} type="text" placeholder="Tags, separated by commas" value={tags} onInput={(e) => setTags((e.target as HTMLInputElement).value)} />
      <div class="bs-row">
        <button type="submit" class="bs-primary" disabled={busy}>{busy ? 'Saving…' : 'Save'}</button>
        <button type="button" onClick={onClose}>Cancel</button>
      </div>
      {status?.error ? <p class="bs-error" role="alert">{status.text}</p> : null}
    </form>
  );
}
