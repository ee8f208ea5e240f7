// Writing a note: on the page, or on the quoted selection (shown above the note), linked to the reference
// entity or figure the selection lies on (shown, and removable, before saving). Ctrl/Cmd+Enter saves.
// A failed save keeps everything the reader typed and says why; the draft also survives the popup closing.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { NoteTarget, ReferenceLink } from '@/lib/notes/types';
import { referenceLinkText } from '@/lib/notes/reference-link';
import { parseTags } from './NoteTags';
import { FoldedText, NARROW_FOLD } from './FoldedText';
import { isSaveShortcut, useTask } from './use-task';

export interface NoteComposerProps {
  /** The page key; drafts are kept per page. */
  url: string;
  quote: NoteTarget | null;
  onDropQuote(): void;
  /** The reference entity or figure the note will be linked to (the highlight the selection lies on). */
  reference?: ReferenceLink | null;
  onDropReference?(): void;
  onSave(input: { text: string; tags: string[]; target?: NoteTarget; reference?: ReferenceLink }): Promise<void>;
  /** Focus the note field on open (when the composer was opened for a selection). */
  autoFocus?: boolean;
}

const draftKey = (url: string) => `backstory.draft:${url}`;

function readDraft(url: string): { text: string; tags: string } {
  try {
    const raw = localStorage.getItem(draftKey(url));
    const parsed = raw ? (JSON.parse(raw) as { text?: unknown; tags?: unknown }) : {};
    return { text: typeof parsed.text === 'string' ? parsed.text : '', tags: typeof parsed.tags === 'string' ? parsed.tags : '' };
  } catch {
    return { text: '', tags: '' };
  }
}

export function NoteComposer({ url, quote, onDropQuote, reference, onDropReference, onSave, autoFocus }: NoteComposerProps) {
  const [text, setText] = useState(() => readDraft(url).text);
  const [tags, setTags] = useState(() => readDraft(url).tags);
  const { busy: saving, status, run } = useTask();
  const error = status?.error ? status.text : null;
  const [saved, setSaved] = useState(false);
  const textRef = useRef<HTMLTextAreaElement>(null);

  useEffect(() => {
    if (autoFocus) textRef.current?.focus();
  }, [autoFocus]);

  useEffect(() => {
    try {
      if (text || tags) localStorage.setItem(draftKey(url), JSON.stringify({ text, tags }));
      else localStorage.removeItem(draftKey(url));
    } catch {
      // No local storage: drafts just do not outlive the popup.
    }
  }, [url, text, tags]);

  const canSave = !saving && (text.trim() !== '' || quote !== null);

  const save = async () => {
    if (!canSave) return;
    // A failed save keeps what the reader typed and says why.
    const ok = await run(() => onSave({ text: text.trim(), tags: parseTags(tags), ...(quote ? { target: quote } : {}), ...(reference ? { reference } : {}) }));
    if (!ok) return;
    setText('');
    setTags('');
    setSaved(true);
    textRef.current?.focus();
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (isSaveShortcut(event)) {
      event.preventDefault();
      void save();
    }
  };

  return (
    <form class="bs-composer" aria-label="New note" onSubmit={(e) => { e.preventDefault(); void save(); }} onKeyDown={onKeyDown}>
      {quote ? (
        <div class="bs-composer-quote">
          <FoldedText kind="quote" text={quote.quote.exact} testId="composer-quote" foldAt={NARROW_FOLD} />
          <button type="button" class="bs-link" onClick={onDropQuote}>
            Note on the whole page instead
          </button>
        </div>
      ) : null}
      {reference ? (
        <div class="bs-composer-reference">
          <p class="bs-reference" data-testid="composer-reference">Linked to {referenceLinkText(reference)}</p>
          {onDropReference ? (
            <button
              type="button"
              class="bs-link"
              onClick={() => { onDropReference(); textRef.current?.focus(); }}
              aria-label={`Remove link to ${reference.label}`}
            >
              Remove link
            </button>
          ) : null}
        </div>
      ) : null}
      <label class="bs-visually-hidden" for="bs-new-note">Note</label>
      <textarea
        id="bs-new-note"
        ref={textRef}
        rows={3}
        placeholder={quote ? 'Your note on the quote…' : 'A note on this page (select text on the page to quote it)'}
        value={text}
        onInput={(e) => { setText((e.target as HTMLTextAreaElement).value); setSaved(false); }}
      />
      <div class="bs-row">
        <label class="bs-visually-hidden" for="bs-new-tags">Tags</label>
        <input
          id="bs-new-tags"
          type="text"
          placeholder="Tags, separated by commas"
          value={tags}
          onInput={(e) => setTags((e.target as HTMLInputElement).value)}
        />
        <button type="submit" class="bs-primary" disabled={!canSave} title="Save (Ctrl+Enter / ⌘+Enter)">
          {saving ? 'Saving…' : 'Save note'}
        </button>
      </div>
      {error ? <p class="bs-error" role="alert">{error}</p> : null}
      <p class="bs-visually-hidden" role="status">{saved ? 'Note saved.' : ''}</p>
    </form>
  );
}
