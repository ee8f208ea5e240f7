// The inline composer on the page: InlineComposer.tsx drawn in Backstory's own frame (FrameLayer.tsx) beside the
// passage it notes. The reader types there, so neither the page's scripts nor its key listeners ever see the
// note; only whether the composer holds anything comes back (a click elsewhere then keeps it open). When the frame
// has drawn the composer, the keyboard moves into it.
import { mountFrameLayer, type FrameSource } from './FrameLayer';
import { placeBox } from './ShadowLayer';
import type { ComposerHandlers, ComposerPresenter } from '@/lib/notes/adder';
import type { ComposerDraft } from '@/lib/notes/frame-protocol';

const CSS = `iframe { border-radius: 10px; box-shadow: 0 8px 28px rgb(0 0 0 / 0.22), 0 1px 3px rgb(0 0 0 / 0.15); }
@media (prefers-color-scheme: dark) { iframe { box-shadow: 0 8px 28px rgb(0 0 0 / 0.6); } }`;

const GAP = 8;

export interface ComposerLayer extends ComposerPresenter {
  /** Where the composer is while shown. */
  rect(): DOMRect | null;
  destroy(): void;
}

export interface ComposerLayerOptions {
  source: FrameSource;
  /** Called after the composer showed, moved or went (what must not cover it places itself again). */
  onMoved?: () => void;
}

export function mountComposerLayer(doc: Document, options: ComposerLayerOptions): ComposerLayer {
  const win = doc.defaultView!;
  const frame = mountFrameLayer(doc, {
    name: 'composer', title: 'Backstory: new note', interactive: true, css: CSS, source: options.source,
    holdsWords: () => open !== null,
  });
  let seq = 0;
  let open: { seq: number; anchor: DOMRect; handlers: ComposerHandlers; size?: { width: number; height: number }; focused: boolean } | null = null;
  let dirty = false;

  function place() {
    if (!open?.size) return;
    const at = placeBox(open.size, open.anchor, win, GAP)!;
    frame.show({ ...at, ...open.size });
    options.onMoved?.();
  }

  frame.onMessage((message) => {
    const current = open;
    if (!current) return;
    switch (message.type) {
      case 'rendered':
        if (message.seq !== current.seq) return;
        current.size = { width: Math.ceil(message.width), height: Math.ceil(message.height) };
        place();
        if (!current.focused) {
          current.focused = true;
          frame.focus();
          frame.send({ type: 'focus' });
        }
        return;
      case 'dirty':
        dirty = message.dirty;
        return;
      case 'save':
        current.handlers.save({ text: message.text, tags: message.tags, keepReference: message.keepReference }).catch((error: unknown) => {
          if (open === current) frame.send({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
        });
        return;
      case 'cancel':
        current.handlers.cancel({ text: message.text, tags: message.tags });
        return;
    }
  });

  return {
    open(draft: ComposerDraft, anchor: DOMRect, handlers: ComposerHandlers) {
      open = { seq: ++seq, anchor, handlers, focused: false };
      dirty = Boolean(draft.text?.trim() || draft.tags?.trim());
      frame.show(null);
      frame.send({ type: 'compose', seq, draft, width: Math.min(360, win.innerWidth - 2 * GAP) });
    },
    reposition(anchor) {
      if (!open) return;
      open.anchor = anchor;
      place();
    },
    close() {
      if (!open) return;
      open = null;
      dirty = false;
      frame.show(null);
      frame.send({ type: 'clear' });
      options.onMoved?.();
    },
    get isOpen() {
      return open !== null;
    },
    get dirty() {
      return dirty;
    },
    owns: (target) => frame.owns(target),
    rect: () => frame.rect(),
    destroy: () => frame.destroy(),
  };
}
