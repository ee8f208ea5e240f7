// The note tooltip on the page: NoteTooltip.tsx drawn inside Backstory's own frame (FrameLayer.tsx), so the
// reader's note text is never in the page's document. The frame lets the pointer through and is never focused:
// the tooltip is read, not worked in. It is placed beside its note without covering the reference card or the
// adder; where there is no such place, it waits until they close.
import { mountFrameLayer, type FrameSource } from './FrameLayer';
import { placeBox } from './ShadowLayer';
import type { NoteTooltipPresenter, TooltipNote } from '@/lib/notes/page-controller';

const CSS = `iframe { border-radius: 6px; box-shadow: 0 4px 16px rgb(0 0 0 / 0.25); }
@media (prefers-color-scheme: dark) { iframe { box-shadow: 0 4px 16px rgb(0 0 0 / 0.6); } }`;

const GAP = 6;

export interface NoteTooltipLayerOptions {
  source: FrameSource;
  /** What the tooltip must not cover: the open reference card, the adder, the composer. */
  obstacles?: () => (DOMRect | null)[];
}

export interface NoteTooltipLayer extends NoteTooltipPresenter {
  /** Places the shown tooltip again (the card opened or moved). */
  reposition(): void;
  /** Where the tooltip is while shown. */
  rect(): DOMRect | null;
  destroy(): void;
}

export function mountNoteTooltipLayer(doc: Document, options: NoteTooltipLayerOptions): NoteTooltipLayer {
  const win = doc.defaultView!;
  const frame = mountFrameLayer(doc, { name: 'note-tip', title: 'Backstory note', interactive: false, css: CSS, source: options.source });
  let seq = 0;
  /** The tooltip asked for: its anchor, and its size once the frame has drawn it. */
  let wanted: { seq: number; anchor: DOMRect; size?: { width: number; height: number } } | null = null;

  function place() {
    if (!wanted?.size) return;
    const at = placeBox(wanted.size, wanted.anchor, win, GAP, options.obstacles?.());
    frame.show(at ? { ...at, ...wanted.size } : null);
  }

  frame.onMessage((message) => {
    if (message.type !== 'rendered' || message.seq !== wanted?.seq) return;
    wanted.size = { width: Math.ceil(message.width), height: Math.ceil(message.height) };
    place();
  });

  return {
    get visible() {
      return wanted !== null;
    },
    show(notes: TooltipNote[], anchor: DOMRect) {
      wanted = { seq: ++seq, anchor };
      // The frame draws at its own size; until then the previous tooltip must not show on the new note.
      frame.show(null);
      frame.send({ type: 'tooltip', seq, notes, maxWidth: Math.min(360, win.innerWidth - 2 * GAP), maxHeight: Math.round(win.innerHeight / 2) });
    },
    move(anchor: DOMRect) {
      if (!wanted) return;
      wanted.anchor = anchor;
      place();
    },
    hide() {
      if (!wanted) return;
      wanted = null;
      frame.show(null);
      frame.send({ type: 'clear' });
    },
    prepare: () => frame.prepare(),
    reposition: place,
    rect: () => frame.rect(),
    destroy: () => frame.destroy(),
  };
}
