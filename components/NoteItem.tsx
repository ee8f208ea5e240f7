// One saved note, as every list shows it (this page's notes in the popup, search results, the notes library): the
// passage it quotes (or a mark that the passage is no longer on the page), its text with links, the reference item
// it is linked to, its tags, when it was written, and what can be done with it — edit in place, delete, show it
// on the page or open its page at the passage. Text is rendered as text (JSX escapes it), so a note containing
// HTML shows as written.
import { Component, h, type ComponentChildren } from 'preact';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { Annotation } from '@/lib/notes/types';
import type { AnnotationPatch } from '@/lib/notes/repository';
import { referenceLinkText } from '@/lib/notes/reference-link';
import { formatNoteDate, noteLabel } from '@/lib/notes/describe';
import { passageLink } from '@/lib/export/passage';
import { siteOf, webHref } from '@/lib/url';
import { titleFor } from '@/lib/notes/group';
import { FoldedText } from './FoldedText';
import { NoteEditor } from './NoteEditor';
import { NoteTags } from './NoteTags';
import { RichText } from './RichText';
import { richText } from '@/lib/notes/rich-text';
import { ReferenceGone } from './ReferenceGone';

export interface NoteItemProps {
  note: Annotation;
  /** The words of a search, folded: marked in the quote, the text and the page title. */
  words?: readonly string[];
  /** The `#tag` terms of a search, folded: those tags are marked. */
  tagTerms?: readonly string[];
  /** 'anchored' / 'orphaned' for notes with a quote, once the page reported; undefined otherwise. */
  anchoring?: 'anchored' | 'orphaned';
  /** Say which page the note is on (search results and the library; not the popup's list of this page's notes). */
  showPage?: boolean;
  /** With `onSelect`: a checkbox for the library's actions on many notes. */
  selected?: boolean;
  onSelect?(note: Annotation, selected: boolean, extend: boolean): void;
  /** Only the fields the reader changed: an unchanged field is never sent (nor checked) again. */
  onUpdate(note: Annotation, patch: AnnotationPatch): Promise<void>;
  onDelete(note: Annotation): void;
  /** Scrolls the open page to the note (the popup, on the note's own page). */
  onReveal?(note: Annotation): void;
  /** Opens the note's page at its passage and shows the note there. */
  onOpen?(note: Annotation): void;
  /** About how many characters of a long note or quote show before it folds. */
  foldAt?: number;
  /** In a list drawn in part (the library's): the note's place in the whole list, said to screen readers. */
  position?: { index: number; size: number };
  /** Hears when the note's editor opens and closes (the library keeps a note being edited drawn). */
  onEditing?(note: Annotation, editing: boolean): void;
  /** Shown above the note, across its width: the heading of the page whose notes it begins (the library). */
  heading?: ComponentChildren;
  /** Pixels of space above the note: the notes not drawn before it (the library's list drawn in part). */
  spaceBefore?: number;
  /**
   * Whether the reader unfolded the note's quote or text, and hears them do it: kept by the list, so a note drawn
   * again after it was scrolled away comes back as the reader left it (as tall as measured, too).
   */
  /**
   * The page the note is on, said to screen readers with its checkbox, where the page is not shown on the note (the
   * library's page-by-page orders head each page once, above its first note, which may not even be drawn).
   */
  pageName?: string;
  unfolded?(note: Annotation, kind: 'quote' | 'note'): boolean;
  onUnfold?(note: Annotation, kind: 'quote' | 'note', open: boolean): void;
}

/** An edit made more than a minute after writing is worth saying. */
const EDITED_AFTER_MS = 60_000;

/**
 * Whether a note drawn with `a` would be drawn the same with `b`: every prop the same (callbacks the same functions),
 * its place in the list compared by value. The library's list draws again at every key typed in its search and at
 * each re-measure of its rows; a note whose props did not change is then not drawn again.
 */
function sameNoteItemProps(a: NoteItemProps, b: NoteItemProps): boolean {
  for (const key in a) {
    if (key !== 'position' && !(key in b)) return false;
  }
  for (const key in b) {
    const k = key as keyof NoteItemProps;
    if (k === 'position') continue;
    if (a[k] !== b[k]) return false;
  }
  return a.position?.index === b.position?.index && a.position?.size === b.position?.size;
}

/**
 * One saved note (see NoteItemView), drawn again only when its props change (sameNoteItemProps). A class for its
 * public shouldComponentUpdate; preact/compat's memo would do the same, but compat patches Preact's options for the
 * whole page and is not worth importing for this alone.
 */
export class NoteItem extends Component<NoteItemProps> {
  override shouldComponentUpdate(next: NoteItemProps): boolean {
    return !sameNoteItemProps(this.props, next);
  }

  override render(props: NoteItemProps) {
    return h(NoteItemView, props);
  }
}

function NoteItemView(props: NoteItemProps) {
  const { note, words, tagTerms, anchoring, showPage, selected, onSelect, onUpdate, onDelete, onReveal, onOpen, foldAt, position, onEditing, heading, spaceBefore, pageName, unfolded, onUnfold } = props;
  const [editing, setEditingState] = useState(false);
  const setEditing = (on: boolean) => {
    setEditingState(on);
    onEditing?.(note, on);
  };
  // An editor closed by the note going (a search hiding it, a deletion elsewhere) is closed for the list too, which
  // would otherwise keep the note drawn, and in the Tab order, for good.
  const closing = useRef({ editing, note, onEditing });
  closing.current = { editing, note, onEditing };
  useEffect(
    () => () => {
      const { editing: open, note: last, onEditing: tell } = closing.current;
      if (open) tell?.(last, false);
    },
    [],
  );
  const editButton = useRef<HTMLButtonElement>(null);
  // What depends on the note alone is worked out once per note, not at each key typed in a search (which redraws
  // every note shown to mark the words).
  const opens = onOpen !== undefined;
  const { label, edited, page, passage, created, modified } = useMemo(
    () => ({
      label: noteLabel(note, 40),
      edited: Date.parse(note.modified) - Date.parse(note.created) > EDITED_AFTER_MS,
      page: webHref(note.url),
      passage: opens ? passageLink(note) : undefined,
      created: formatNoteDate(note.created),
      modified: formatNoteDate(note.modified),
    }),
    [note, opens],
  );
  const close = () => {
    setEditing(false);
    requestAnimationFrame(() => editButton.current?.focus());
  };

  // What does not depend on the search's words is made once per note and its state, not at each key typed (which
  // draws every note shown again to mark the words): kept elements are not compared again. The dependencies must
  // list every prop and value used inside it, or the note would show a stale part.
  const after = useMemo(
    () => (
      <>
        {note.reference ? (
          <p class="bs-muted bs-note-reference">
            Linked to {referenceLinkText(note.reference)}
            <ReferenceGone referenceId={note.reference.id} />
          </p>
        ) : null}
        <NoteTags tags={note.tags} marked={tagTerms} />
        <div class="bs-note-meta">
          <span class="bs-muted">
            <time dateTime={note.created}>{created}</time>
            {edited ? <span title={`Edited ${modified}`}> · edited</span> : null}
          </span>
          <span class="bs-actions">
            {onReveal && anchoring === 'anchored' ? (
              <button type="button" class="bs-link" onClick={() => onReveal(note)} aria-label={`Show on page: ${label}`}>Show on page</button>
            ) : null}
            {passage ? (
              <a
                class="bs-link"
                href={passage}
                target="_blank"
                rel="noopener noreferrer"
                aria-label={`${note.target ? 'Open at passage' : 'Open page'}: ${label}`}
                onClick={(e) => {
                  // The background opens it (a tab already showing the page is reused) and shows the note there.
                  e.preventDefault();
                  onOpen!(note);
                }}
              >
                {note.target ? 'Open at passage' : 'Open page'}
              </a>
            ) : null}
            <button type="button" class="bs-link" ref={editButton} onClick={() => setEditing(true)} aria-label={`Edit note: ${label}`}>Edit</button>
            <button type="button" class="bs-link bs-danger" onClick={() => onDelete(note)} aria-label={`Delete note: ${label}`}>Delete</button>
          </span>
        </div>
      </>
    ),
    [note, tagTerms, created, modified, edited, label, passage, onReveal, anchoring, onOpen, onDelete, onEditing],
  );

  const quote = note.target?.quote.exact;
  return (
    <li
      class={`bs-note${anchoring === 'orphaned' ? ' bs-orphaned' : ''}${selected ? ' bs-selected' : ''}${heading ? ' bs-page-start' : ''}`}
      data-note-id={note.id}
      aria-posinset={position ? position.index + 1 : undefined}
      aria-setsize={position?.size}
      // A custom property, not the margin itself: the library's style adds it to the space a page's first note
      // keeps above it in the page-by-page orders, which an inline margin would replace.
      style={spaceBefore ? `--bs-space-before: ${spaceBefore}px` : undefined}
    >
      {heading}
      {onSelect ? (
        <input
          type="checkbox"
          class="bs-select"
          checked={selected}
          aria-label={`Select note: ${label}`}
          aria-describedby={pageName ? `bs-page-of-${note.id}` : undefined}
          onClick={(e) => onSelect(note, e.currentTarget.checked, e.shiftKey)}
        />
      ) : null}
      {onSelect && pageName ? (
        <span id={`bs-page-of-${note.id}`} hidden>
          On the page {pageName}
        </span>
      ) : null}
      <div class="bs-note-body">
        {showPage ? (
          <p class="bs-note-page">
            {page ? (
              <a href={page} target="_blank" rel="noopener noreferrer"><RichText segments={richText(titleFor(note), words)} /></a>
            ) : (
              <span><RichText segments={richText(titleFor(note), words)} /></span>
            )}
            <span class="bs-muted"> · {siteOf(note.url) || 'not a web page'}</span>
          </p>
        ) : null}
        {quote ? (
          <FoldedText kind="quote" text={quote} words={words} foldAt={foldAt} unfolded={unfolded?.(note, 'quote')} onToggle={onUnfold && ((open) => onUnfold(note, 'quote', open))} />
        ) : null}
        {quote && anchoring === 'orphaned' ? <p class="bs-orphan-mark" role="note">⚠ Quote not found on the page</p> : null}
        {editing ? (
          <NoteEditor note={note} onSave={(patch) => onUpdate(note, patch)} onClose={close} />
        ) : (
          <>
            {note.text ? (
              <FoldedText kind="note" text={note.text} words={words} foldAt={foldAt} unfolded={unfolded?.(note, 'note')} onToggle={onUnfold && ((open) => onUnfold(note, 'note', open))} />
            ) : null}
            {after}
          </>
        )}
      </div>
    </li>
  );
}
