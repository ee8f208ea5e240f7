// The card on the page: Card.tsx in an open shadow-root layer (ShadowLayer.tsx). A card opened on hover is
// announced once by a polite live region; one opened from the keyboard is a dialog that takes the focus (its
// title and content are read as it opens, Tab stays inside it, arrow keys scroll it). Open so tests and assistive
// technology can reach it: it only ever holds reference data, nothing of the reader's.
import { Card } from './Card';
import { placeNear } from './ShadowLayer';
import { mountPreactLayer } from './preact-layer';
import { announce, describeMatch, type CardModel, type CardSubject, type SourcePassage } from '@/lib/highlight/card-model';
import type { CardPresenter } from '@/lib/page/interaction';

const CSS = `
.card { position: fixed; box-sizing: border-box; width: min(360px, calc(100vw - 16px)); max-height: min(480px, calc(100vh - 16px)); overflow: auto;
  padding: 0; border-radius: 10px; border: 1px solid #8884; pointer-events: auto; color-scheme: light dark; scroll-padding: 44px 0 64px;
  font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1d1d1f; background: #fff;
  box-shadow: 0 8px 28px #0003, 0 1px 3px #0002; text-align: left; direction: ltr; }
@media (prefers-color-scheme: dark) { .card { color: #eee; background: #232326; border-color: #fff3; } .meta { color: #aaa !important; } }
.card:focus { outline: none; } .card:focus-visible { outline: 2px solid #1a5fd1; outline-offset: -2px; }
/* The title and its close button stay at the top, Add note and the keys at the bottom, however far a long card
   is scrolled (scroll-padding keeps a focused link clear of both). */
.head { display: flex; align-items: baseline; gap: 8px; margin: 0; padding: 12px 14px 6px; position: sticky; top: 0; background: inherit; }
#backstory-card-body { padding: 0 14px; }
h2 { font-size: 16px; font-weight: 650; margin: 0; flex: 1; }
h3 { font-size: 12px; text-transform: uppercase; letter-spacing: .04em; margin: 10px 0 2px; opacity: .75; }
p, ul, dl { margin: 4px 0; } ul { padding-left: 18px; }
.chip { font-size: 12px; padding: 0 6px; border-radius: 4px; border-bottom: 2px solid; white-space: nowrap; }
.chip.dotted { border-bottom-style: dotted; } .chip.dashed { border-bottom-style: dashed; } .chip.double { border-bottom-style: double; border-bottom-width: 3px; } .chip.wavy { border-bottom-style: dashed; }
.close { all: unset; cursor: pointer; font-size: 18px; line-height: 1; padding: 0 4px; border-radius: 4px; }
.close:focus-visible { outline: 2px solid #36f; }
.verdict { font-weight: 600; } .verdict.differs { color: #c62828; } .verdict.matches { color: #2e7d32; } .verdict.earlier, .verdict.later { color: #6a3fb5; }
@media (prefers-color-scheme: dark) { .verdict.differs { color: #ff8a80; } .verdict.matches { color: #81c784; } .verdict.earlier, .verdict.later { color: #c3a6ff; } }
table.compare { border-collapse: collapse; width: 100%; margin: 4px 0; font-size: 13px; }
.compare th, .compare td { text-align: left; vertical-align: top; padding: 2px 8px 2px 0; font-weight: normal; }
.compare thead th { font-size: 12px; text-transform: uppercase; letter-spacing: .04em; opacity: .75; }
.compare tbody th { opacity: .75; white-space: nowrap; } .compare tbody tr + tr > * { border-top: 1px solid #8882; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 2px 10px; } dt { opacity: .75; } dd { margin: 0; }
.k { opacity: .75; } .meta { color: #666; } cite { font-style: italic; }
.foot { display: flex; align-items: center; flex-wrap: wrap; gap: 4px 12px; margin-top: 4px; padding: 8px 14px 10px; position: sticky; bottom: 0; background: inherit; border-top: 1px solid #8882; }
.keys { margin: 0; font-size: 11px; color: #595959; display: flex; flex-wrap: wrap; gap: 0 10px; } .keys span { white-space: nowrap; }
.add-note { all: unset; cursor: pointer; font-size: 13px; font-weight: 600; padding: 4px 10px; border-radius: 6px; color: #fff; background: #a1005a; }
.add-note:focus-visible { outline: 2px solid #1a5fd1; outline-offset: 2px; }
@media (prefers-color-scheme: dark) { .keys { color: #aaa; } .add-note { color: #1c1c20; background: #ff7ab8; } .add-note:focus-visible, .close:focus-visible, .card:focus-visible { outline-color: #8ab4ff; } }
.set { margin: 2px 0 4px; }
.open { font: inherit; font-size: 13px; padding: 0 6px; border-radius: 4px; border: 1px solid #8886; background: transparent; color: inherit; cursor: pointer; }
.open:focus-visible { outline: 2px solid #36f; }
.sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
`;

export interface CardLayerOptions {
  onClose: () => void;
  /** The card's Add note. */
  onAddNote?: () => void;
  /** Called after the card opened, moved or closed (what must not cover it places itself again). */
  onMoved?: () => void;
  /** Opens a reader's document in the library at a passage (a card of a reader's set). */
  onOpenSource?: (passage: SourcePassage) => void;
}

export interface CardLayer extends CardPresenter {
  /** Where the card is while open. */
  rect(): DOMRect | null;
  destroy(): void;
}

/** The card as the page's controllers use it: asked to show a highlight's subject, which it describes here. */
export function mountCardLayer(doc: Document, options: CardLayerOptions): CardLayer {
  const layer = mountCardModelLayer(doc, options);
  // The open card's description: the page shows the same subject again on every scroll frame to move the card, and
  // describing an entity with many figures each frame is work for nothing (and the card would change mid-scroll).
  let described: { match: CardSubject['match']; model: CardModel } | null = null;
  return {
    ...layer,
    get isOpen() {
      return layer.isOpen;
    },
    get hasFocus() {
      return layer.hasFocus;
    },
    show(subject, anchor, how) {
      const model = described?.match === subject.match ? described.model : describeMatch(subject.reference, subject.match);
      if (!model) {
        // The reference changed since the page checked it (a set turned off meanwhile): nothing to say. Closed as
        // the reader would close it, so the page forgets the card too (its Add note, a keyboard card's focus).
        described = null;
        layer.hide();
        options.onClose();
        return;
      }
      described = { match: subject.match, model };
      layer.show(model, anchor, how);
    },
    hide() {
      described = null;
      layer.hide();
    },
    destroy() {
      described = null;
      layer.destroy();
    },
  };
}

/** The card layer over a card already described. */
export interface CardModelLayer extends Omit<CardLayer, 'show'> {
  show(model: CardModel, anchor: DOMRect, how: 'hover' | 'keyboard'): void;
}

export function mountCardModelLayer(doc: Document, options: CardLayerOptions): CardModelLayer {
  const layer = mountPreactLayer(doc, { name: 'card', css: CSS, mode: 'open' });
  let shown: CardModel | null = null;
  let shownKey = '';
  let keyboard = false;
  let announcement = '';

  // The live region stays once the layer exists, so the next card is announced into a region already there.
  const draw = () =>
    layer.render(
      <>
        <div class="sr-only" role="status" aria-live="polite">{announcement}</div>
        {shown ? <Card model={shown} onClose={options.onClose} onAddNote={options.onAddNote} keyboard={keyboard} {...(options.onOpenSource ? { onOpenSource: options.onOpenSource } : {})} /> : null}
      </>,
    );

  let cardElement: HTMLElement | null = null;
  let placedAt: { anchor: DOMRect; width: number; height: number } | null = null;
  const win = doc.defaultView!;

  function place(anchor: DOMRect) {
    if (!cardElement) return;
    placeNear(cardElement, anchor, win);
    const { width, height } = cardElement.getBoundingClientRect();
    placedAt = { anchor, width, height };
  }

  // The card's size can change after it was placed, with nothing of ours drawing it again: a font the page declares
  // for one of the card's families arriving, the browser's relayout when fonts change. It is then placed again, and
  // what must not cover it (the note tooltip) is told: measured once at the show, the tooltip would stay where the
  // card has grown over it.
  const Observer = (win as Window & { ResizeObserver?: typeof ResizeObserver }).ResizeObserver;
  const resized = Observer
    ? new Observer(() => {
      if (!cardElement?.isConnected || !placedAt) return;
      const { width, height } = cardElement.getBoundingClientRect();
      if (width === placedAt.width && height === placedAt.height) return;
      place(placedAt.anchor);
      options.onMoved?.();
    })
    : null;
  const watch = (next: HTMLElement | null) => {
    if (next === cardElement) return;
    if (cardElement) resized?.unobserve(cardElement);
    if (next) resized?.observe(next);
    cardElement = next;
  };

  return {
    get isOpen() {
      return shown !== null;
    },
    show(model, anchor, how) {
      const key = `${model.kind}:${model.id}:${model.kind === 'figure' ? model.pageText : ''}`;
      if (key !== shownKey || !shown || (how === 'keyboard' && !keyboard)) {
        keyboard = how === 'keyboard';
        // A card opened from the keyboard is read as it takes the focus; one opened on hover is announced.
        announcement = keyboard ? '' : announce(model);
      }
      shownKey = key;
      shown = model;
      watch(draw()?.querySelector<HTMLElement>('.card') ?? null);
      place(anchor);
      options.onMoved?.();
    },
    hide() {
      if (!shown) return;
      shown = null;
      shownKey = '';
      keyboard = false;
      announcement = '';
      watch(null);
      placedAt = null;
      draw();
      options.onMoved?.();
    },
    owns: (target) => layer.owns(target),
    get hasFocus() {
      return !!shown && layer.owns(doc.activeElement);
    },
    rect: () => (cardElement?.isConnected ? cardElement.getBoundingClientRect() : null),
    destroy() {
      shown = null;
      watch(null);
      placedAt = null;
      resized?.disconnect();
      layer.destroy();
    },
  };
}
