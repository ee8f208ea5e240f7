// A note's text or quote, folded when it is long (a few lines with "Show more"), so one long note does not push
// the others out of sight. It unfolds by itself when a searched word lies in the folded part.
import { useEffect, useMemo, useState } from 'preact/hooks';
import { clipSegments, foldPoint, richText, type TextSegment } from '@/lib/notes/rich-text';
import { RichText } from './RichText';

export interface FoldedTextProps {
  text: string;
  /** Searched words, folded (lib/notes/search.ts parseQuery), to mark. */
  words?: readonly string[];
  /** A quote from the page (a blockquote, no links made) or the reader's note (a paragraph, links made). */
  kind: 'quote' | 'note';
  /** About how many characters show before it folds (the popup is narrow; the library is not). */
  foldAt?: number;
  class?: string;
  testId?: string;
  /** Shown whole from the start: the reader unfolded it before (a list that unmounts notes scrolled away). */
  unfolded?: boolean;
  /** Hears the reader unfold or fold it. */
  onToggle?(open: boolean): void;
}

const NONE: readonly string[] = [];

/** Where long texts fold: after about three lines of the popup, or four of the notes library. */
export const NARROW_FOLD = 180;
export const WIDE_FOLD = 400;

/** Whether a marked part of the segments (which run through the whole text in order) ends after character `cut`. */
function markedAfter(segments: readonly TextSegment[], cut: number): boolean {
  let at = 0;
  for (const segment of segments) {
    for (const part of segment.parts) {
      at += part.text.length;
      if (part.mark && at > cut) return true;
    }
  }
  return false;
}

export function FoldedText({ text, words = NONE, kind, foldAt, class: className, testId, unfolded, onToggle }: FoldedTextProps) {
  const segments = useMemo(() => (kind === 'note' ? richText(text, words) : [{ parts: richText(text, words).flatMap((s) => s.parts) }]), [text, words, kind]);
  const cut = useMemo(() => foldPoint(text, foldAt), [text, foldAt]);
  const matchHidden = useMemo(() => cut !== null && markedAfter(segments, cut), [segments, cut]);
  const [open, setOpen] = useState(matchHidden || unfolded === true);
  useEffect(() => {
    if (matchHidden) setOpen(true);
  }, [matchHidden]);

  const folded = cut !== null && !open;
  const shown = folded ? clipSegments(segments, cut) : segments;
  const body = (
    <>
      <RichText segments={shown} />
      {folded ? '…' : null}
    </>
  );
  return (
    <div class={`bs-folded${className ? ` ${className}` : ''}`}>
      {kind === 'quote' ? <blockquote class="bs-quote" data-testid={testId}>{body}</blockquote> : <p class="bs-note-text" data-testid={testId}>{body}</p>}
      {cut !== null ? (
        <button
          type="button"
          class="bs-link bs-fold"
          aria-expanded={open}
          onClick={() => {
            setOpen(!open);
            onToggle?.(!open);
          }}
        >
          {open ? 'Show less' : kind === 'quote' ? 'Show the whole quote' : 'Show the whole note'}
        </button>
      ) : null}
    </div>
  );
}
