// A note's text or quote, rendered as text and elements, never as HTML: web addresses as links (http and https
// only, opened in a new tab without access to Backstory), searched words marked.
import type { ComponentChildren } from 'preact';
import type { TextPart, TextSegment } from '@/lib/notes/rich-text';

// Plain runs are drawn as bare strings and marks as elements, with no component or fragment around each part: a
// one-letter search marks hundreds of places in the notes drawn, and every layer per part is work at each key.
const parts = (list: readonly TextPart[]): ComponentChildren =>
  list.length === 1 && !list[0]!.mark ? list[0]!.text : list.map((p) => (p.mark ? <mark>{p.text}</mark> : p.text));

export function RichText({ segments }: { segments: readonly TextSegment[] }) {
  if (segments.length === 1 && !segments[0]!.href) return <>{parts(segments[0]!.parts)}</>;
  return (
    <>
      {segments.map((s) =>
        s.href ? (
          <a href={s.href} target="_blank" rel="noopener noreferrer">
            {parts(s.parts)}
          </a>
        ) : (
          parts(s.parts)
        ),
      )}
    </>
  );
}
