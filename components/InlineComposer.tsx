// The composer on the page, inside Backstory's own frame: the quoted words, the reference item they lie on
// (with a button to drop the link), the note and its tags. Ctrl/Cmd+Enter saves, Esc closes (what was typed is
// kept for the next composer on the same words). Text only: the quote is shown as the words, never as markup.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { ComposerDraft } from '@/lib/notes/frame-protocol';
import { parseTags } from './NoteTags';
import { isSaveShortcut } from './use-task';

export interface InlineComposerProps {
  draft: ComposerDraft;
  /** Bumped to move the keyboard focus to the note field. */
  focusRequest: number;
  error: string | null;
  saving: boolean;
  onSave(input: { text: string; tags: string[]; keepReference: boolean }): void;
  onCancel(input: { text: string; tags: string }): void;
  /** Whether anything is typed (the page keeps an unsaved composer open on a click elsewhere). */
  onDirty(dirty: boolean): void;
}

export function InlineComposer({ draft, focusRequest, error, saving, onSave, onCancel, onDirty }: InlineComposerProps) {
  const [text, setText] = useState(draft.text ?? '');
  const [tags, setTags] = useState(draft.tags ?? '');
  const [linked, setLinked] = useState(Boolean(draft.reference));
  const field = useRef<HTMLTextAreaElement>(null);

  useEffect(() => {
    if (focusRequest > 0) field.current?.focus();
  }, [focusRequest]);
  useEffect(() => onDirty(Boolean(text.trim() || tags.trim())), [text, tags]);

  const save = () => {
    if (!saving) onSave({ text: text.trim(), tags: parseTags(tags), keepReference: linked });
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (isSaveShortcut(event)) {
      event.preventDefault();
      save();
    } else if (event.key === 'Escape') {
      event.preventDefault();
      onCancel({ text, tags });
    }
  };

  return (
    <form class="composer" aria-labelledby="composer-title" onSubmit={(e) => { e.preventDefault(); save(); }} onKeyDown={onKeyDown}>
      <h1 id="composer-title">New note</h1>
      <blockquote class="quote" data-testid="composer-quote">{draft.quote}</blockquote>
      {draft.reference && linked ? (
        <p class="reference">
          <span data-testid="composer-reference">On {draft.reference}</span>
          <button type="button" class="link" onClick={() => { setLinked(false); field.current?.focus(); }} aria-label={`Remove link to ${draft.reference}`}>
            Remove link
          </button>
        </p>
      ) : null}
      <label for="note">Note</label>
      <textarea id="note" ref={field} rows={4} placeholder="Your note on the quote…" value={text} onInput={(e) => setText((e.target as HTMLTextAreaElement).value)} />
      <label for="tags">Tags</label>
      <input id="tags" type="text" placeholder="Separated by commas" value={tags} onInput={(e) => setTags((e.target as HTMLInputElement).value)} />
      {error ? <p class="error" role="alert">{error}</p> : null}
      <div class="actions">
        <button type="submit" class="primary" disabled={saving} aria-keyshortcuts="Control+Enter Meta+Enter">
          {saving ? 'Saving…' : 'Save'}
        </button>
        <button type="button" onClick={() => onCancel({ text, tags })} aria-keyshortcuts="Escape">
          Cancel
        </button>
        <span class="hint" aria-hidden="true">Ctrl+Enter saves · Esc closes</span>
      </div>
    </form>
  );
}
