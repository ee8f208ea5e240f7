// The reference card, the notes adder and the frames of the note tooltip and the composer are drawn by a part of
// Backstory loaded on first use (lib/page/parts.ts): Preact, the components and the frames' code would otherwise be
// parsed on every page, and most pages are read without any of them showing. Until the part is there, these stand in
// for the layers: what is asked of them is kept (the latest state only) and done as soon as the part has loaded. The
// reader's first sign of reading (the pointer moving, a key, a selection) starts the load, so by the time the pointer
// rests on a highlight the card is ready to show; a page with notes loads it to prepare the tooltip's frame.
import type { CardPresenter } from './interaction';
import type { AdderActions, AdderPresenter, ComposerHandlers, ComposerPresenter } from '../notes/adder';
import type { NoteTooltipPresenter, TooltipNote } from '../notes/page-controller';
import type { ComposerDraft } from '../notes/frame-protocol';

/** A layer as the page's controllers use it: what they present, where it is, and its end. */
interface Layer {
  rect(): DOMRect | null;
  destroy(): void;
}

export interface CardLayerLike extends CardPresenter, Layer {}
export interface AdderLayerLike extends AdderPresenter, Layer {}

export interface Deferred {
  /** Loads the layer's part now (a no-op once loaded); what was asked meanwhile is shown when it arrives. */
  preload(): void;
}

/**
 * One layer made once, on first need; a failed load is tried again on the next need. `failed` forgets what was
 * asked meanwhile: a card, adder or composer that never showed must not count as open (the adder would wait for a
 * composer that is not there).
 */
function deferred<L extends Layer>(create: () => Promise<L>, ready: (layer: L) => void, failed: () => void) {
  let made: L | null = null;
  let loading: Promise<void> | null = null;
  let destroyed = false;
  return {
    get: () => made,
    load(): void {
      if (made || loading || destroyed) return;
      loading = create().then(
        (layer) => {
          loading = null;
          if (destroyed) return layer.destroy();
          made = layer;
          ready(layer);
        },
        () => {
          // The part could not load (the extension was updated or reloaded meanwhile): nothing shows, and the
          // next use asks again.
          loading = null;
          failed();
        },
      );
    },
    destroy() {
      destroyed = true;
      made?.destroy();
    },
  };
}

export function deferredCardLayer(create: () => Promise<CardLayerLike>): CardLayerLike & Deferred {
  let wanted: Parameters<CardPresenter['show']> | null = null;
  const part = deferred(create, (card) => {
    if (wanted) card.show(...wanted);
    wanted = null;
  }, () => (wanted = null));
  return {
    show(model, anchor, how) {
      const card = part.get();
      if (card) return card.show(model, anchor, how);
      wanted = [model, anchor, how];
      part.load();
    },
    hide() {
      const card = part.get();
      if (card) card.hide();
      else wanted = null;
    },
    get isOpen() {
      return part.get()?.isOpen ?? wanted !== null;
    },
    owns: (target) => part.get()?.owns(target) ?? false,
    get hasFocus() {
      return part.get()?.hasFocus ?? false;
    },
    rect: () => part.get()?.rect() ?? null,
    preload: () => part.load(),
    destroy: () => part.destroy(),
  };
}

type AdderView =
  | { kind: 'toolbar'; anchor: DOMRect; actions: AdderActions; focus: boolean }
  | { kind: 'status'; anchor: DOMRect; message: string; action?: { label: string; run(): void } };

export function deferredAdderLayer(create: () => Promise<AdderLayerLike>): AdderLayerLike & Deferred {
  let wanted: AdderView | null = null;
  const part = deferred(create, (adder) => {
    const view = wanted;
    wanted = null;
    if (view?.kind === 'toolbar') adder.show(view.anchor, view.actions, { focus: view.focus });
    else if (view?.kind === 'status') adder.status(view.message, view.anchor, view.action);
  }, () => (wanted = null));
  return {
    show(anchor, actions, { focus }) {
      const adder = part.get();
      if (adder) return adder.show(anchor, actions, { focus });
      wanted = { kind: 'toolbar', anchor, actions, focus };
      part.load();
    },
    status(message, anchor, action) {
      const adder = part.get();
      if (adder) return adder.status(message, anchor, action);
      wanted = { kind: 'status', anchor, message, ...(action ? { action } : {}) };
      part.load();
    },
    reposition(anchor) {
      const adder = part.get();
      if (adder) adder.reposition(anchor);
      else if (wanted) wanted = { ...wanted, anchor };
    },
    hide() {
      const adder = part.get();
      if (adder) adder.hide();
      else wanted = null;
    },
    get visible() {
      return part.get()?.visible ?? wanted !== null;
    },
    get hasFocus() {
      return part.get()?.hasFocus ?? false;
    },
    owns: (target) => part.get()?.owns(target) ?? false,
    rect: () => part.get()?.rect() ?? null,
    preload: () => part.load(),
    destroy: () => part.destroy(),
  };
}

export interface ComposerLayerLike extends ComposerPresenter, Layer {}
export interface NoteTooltipLayerLike extends NoteTooltipPresenter, Layer {
  /** Places the shown tooltip again (the card opened or moved). */
  reposition(): void;
}

export function deferredComposerLayer(create: () => Promise<ComposerLayerLike>): ComposerLayerLike & Deferred {
  let wanted: { draft: ComposerDraft; anchor: DOMRect; handlers: ComposerHandlers } | null = null;
  const part = deferred(create, (composer) => {
    if (wanted) composer.open(wanted.draft, wanted.anchor, wanted.handlers);
    wanted = null;
  }, () => (wanted = null));
  return {
    open(draft, anchor, handlers) {
      const composer = part.get();
      if (composer) return composer.open(draft, anchor, handlers);
      wanted = { draft, anchor, handlers };
      part.load();
    },
    reposition(anchor) {
      const composer = part.get();
      if (composer) composer.reposition(anchor);
      else if (wanted) wanted = { ...wanted, anchor };
    },
    close() {
      const composer = part.get();
      if (composer) composer.close();
      else wanted = null;
    },
    get isOpen() {
      return part.get()?.isOpen ?? wanted !== null;
    },
    // As the composer counts a draft it opens on: words the reader typed before are not thrown away by a click.
    get dirty() {
      return part.get()?.dirty ?? Boolean(wanted?.draft.text?.trim() || wanted?.draft.tags?.trim());
    },
    owns: (target) => part.get()?.owns(target) ?? false,
    rect: () => part.get()?.rect() ?? null,
    preload: () => part.load(),
    destroy: () => part.destroy(),
  };
}

export function deferredNoteTooltipLayer(create: () => Promise<NoteTooltipLayerLike>): NoteTooltipLayerLike & Deferred {
  let wanted: { notes: TooltipNote[]; anchor: DOMRect } | null = null;
  let prepared = false;
  const part = deferred(create, (tooltip) => {
    if (prepared) tooltip.prepare?.();
    if (wanted) tooltip.show(wanted.notes, wanted.anchor);
    wanted = null;
  }, () => (wanted = null));
  return {
    show(notes, anchor) {
      const tooltip = part.get();
      if (tooltip) return tooltip.show(notes, anchor);
      wanted = { notes, anchor };
      part.load();
    },
    move(anchor) {
      const tooltip = part.get();
      if (tooltip) tooltip.move(anchor);
      else if (wanted) wanted = { ...wanted, anchor };
    },
    hide() {
      const tooltip = part.get();
      if (tooltip) tooltip.hide();
      else wanted = null;
    },
    get visible() {
      return part.get()?.visible ?? wanted !== null;
    },
    prepare() {
      const tooltip = part.get();
      if (tooltip) return tooltip.prepare?.();
      prepared = true;
      part.load();
    },
    reposition: () => part.get()?.reposition(),
    rect: () => part.get()?.rect() ?? null,
    preload: () => part.load(),
    destroy: () => part.destroy(),
  };
}

/** The reader's first signs of reading, each heard once on the document before the page's own listeners. */
const FIRST_USE = ['pointermove', 'pointerdown', 'keydown', 'selectionchange'] as const;

/** Calls `preload` once, on the first sign of a reader on the page; returns what stops waiting for it. */
export function preloadOnFirstUse(doc: Document, preload: () => void): () => void {
  const stop = () => {
    for (const type of FIRST_USE) doc.removeEventListener(type, fire, true);
  };
  const fire = () => {
    stop();
    preload();
  };
  for (const type of FIRST_USE) doc.addEventListener(type, fire, { capture: true, passive: true });
  return stop;
}
