// Backstory's frame on a page (entrypoints/note-frame): the note tooltip or the inline composer, as the content
// script of its tab asks over their private port. After each view is drawn it reports its size, so the content
// script can size and place the frame; nothing else about the note leaves the frame.
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { FromFrame, ToFrame } from '@/lib/notes/frame-protocol';
import type { TooltipNote } from '@/lib/notes/page-controller';
import { InlineComposer } from './InlineComposer';
import { NoteTooltip } from './NoteTooltip';

/** The port to the content script, as the frame uses it. */
export interface FrameConnection {
  post(message: FromFrame): void;
  listen(listener: (message: ToFrame) => void): void;
  /** Whether the frame holds the reader's words (an open composer): its port is then kept open. */
  hold(on: boolean): void;
}

type View =
  | { kind: 'tooltip'; seq: number; notes: TooltipNote[]; maxWidth: number; maxHeight: number }
  | { kind: 'compose'; seq: number; draft: Extract<ToFrame, { type: 'compose' }>['draft']; width: number };

export function NoteFrame({ connection }: { connection: FrameConnection }) {
  const [view, setView] = useState<View | null>(null);
  const [focusRequest, setFocusRequest] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const box = useRef<HTMLDivElement>(null);

  useLayoutEffect(() => {
    connection.listen((message) => {
      switch (message.type) {
        case 'tooltip':
          setView({ kind: 'tooltip', seq: message.seq, notes: message.notes, maxWidth: message.maxWidth, maxHeight: message.maxHeight });
          return;
        case 'compose':
          setError(null);
          setSaving(false);
          setView({ kind: 'compose', seq: message.seq, draft: message.draft, width: message.width });
          return;
        case 'focus':
          setFocusRequest((n) => n + 1);
          return;
        case 'failed':
          setSaving(false);
          setError(message.message);
          return;
        case 'clear':
          setView(null);
          return;
      }
    });
  }, []);

  useLayoutEffect(() => connection.hold(view?.kind === 'compose'), [view]);

  // The size goes back once the view is laid out (measured at once: a hidden frame may get no animation frames).
  const report = () => {
    const el = box.current?.firstElementChild as HTMLElement | null | undefined;
    if (!el || !view) return;
    const { width, height } = el.getBoundingClientRect();
    connection.post({ type: 'rendered', seq: view.seq, width, height });
  };
  useLayoutEffect(report, [view, error, saving]);
  // Later changes of size while shown (a long word wrapping once fonts load, the reader resizing the field).
  useEffect(() => {
    const el = box.current?.firstElementChild;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(() => report());
    observer.observe(el);
    return () => observer.disconnect();
  });

  return (
    <div ref={box} class="frame">
      {view?.kind === 'tooltip' ? (
        <div style={{ maxWidth: `${view.maxWidth}px`, maxHeight: `${view.maxHeight}px` }} class="tip-box">
          <NoteTooltip notes={view.notes} />
        </div>
      ) : null}
      {view?.kind === 'compose' ? (
        <div style={{ width: `${view.width}px` }} class="composer-box">
          <InlineComposer
            key={view.seq}
            draft={view.draft}
            focusRequest={focusRequest}
            error={error}
            saving={saving}
            onSave={(input) => {
              setSaving(true);
              setError(null);
              connection.post({ type: 'save', ...input });
            }}
            onCancel={(input) => connection.post({ type: 'cancel', ...input })}
            onDirty={(dirty) => connection.post({ type: 'dirty', dirty })}
          />
        </div>
      ) : null}
    </div>
  );
}
