// A note's text or quote, rendered as text and elements, never as HTML: web addresses as links (http and https
// only, opened in a new tab without access to Backstory), searched words marked.
import { Fragment } from 'preact';
import type { TextPart, TextSegment } from '@/lib/notes/rich-text';

function Parts({ parts }: { parts: readonly TextPart[] }) {
  return <>{parts.map((p, i) => (p.mark ? <mark key={i}>{p.text}</mark> : <Fragment key={i}>{p.text}</Fragment>))}</>;
}

export function RichText({ segments }: { segments: readonly TextSegment[] }) {
  return (
    <>
      {segments.map((s, i) =>
        s.href ? (
          <a key={i} href={s.href} target="_blank" rel="noopener noreferrer">
            <Parts parts={s.parts} />
          </a>
        ) : (
          <Parts key={i} parts={s.parts} />
        ),
      )}
    </>
  );
}
