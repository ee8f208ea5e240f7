// The reader's notes on the page, wired to the extension: the notes page controller (lib/notes/page-controller.ts,
// made for a page with notes that quote it: lib/notes/deferred-controller.ts) with its tooltip, and the adder
// (lib/notes/adder.ts) with its toolbar and inline composer. The tooltip and the composer show note text, so they
// are drawn in Backstory's own frame (components/FrameLayer.tsx); the toolbar holds none. Notes are written through
// the background, which files them under the tab's own address.
import type { PageController } from '@/lib/page/controller';
import { isSiteEnabled, noteHighlightsShown, type Settings } from '@/lib/page/settings';
import type { HighlightStyles } from '@/lib/highlight/styles';
import type { NotesPageController } from '@/lib/notes/page-controller';
import { deferredNotesPageController, type NotesPart } from '@/lib/notes/deferred-controller';
import { createNoteAdder, type NoteAdder } from '@/lib/notes/adder';
import { referenceLinkFor } from '@/lib/notes/reference-link';
import type { Handlers, MessageType, RequestOf, ResponseOf } from '@/lib/messages';
import { deferredAdderLayer, deferredComposerLayer, deferredNoteTooltipLayer } from '@/lib/page/deferred-layers';
import type { PageLayers } from '@/lib/page/parts';
import { extensionFrames } from './frames';

type Send = <K extends MessageType>(type: K, payload: RequestOf<K>) => Promise<ResponseOf<K>>;

export interface NotesOnPage {
  notes: NotesPageController;
  adder: NoteAdder;
  /** Loads the toolbar, the composer and the tooltip ahead of their first use. */
  preload(): void;
  /** The tooltip makes way for the card (and the adder): called whenever the card opens, moves or closes. */
  cardMoved(): void;
  /** The card's Add note: the composer on the card's highlight, linked to its item. */
  noteOnCard(): void;
  handlers: Handlers;
  /**
   * The reader's settings: notes show where Backstory is on for the site, and nowhere else; their highlights (and
   * tooltip) also only where the reader has not turned note highlights off for the site.
   */
  apply(settings: Settings): void;
  destroy(): void;
}

/** The parts of Backstory the notes load on first need (lib/page/parts.ts). */
export interface NotesParts {
  layers: () => Promise<PageLayers>;
  /** The anchoring and the notes page controller, for a page with notes that quote it. */
  anchoring: () => Promise<NotesPart>;
}

export function startNotesOnPage(highlights: PageController, send: Send, card: { rect(): DOMRect | null }, styles: HighlightStyles, parts: NotesParts): NotesOnPage {
  const { layers } = parts;
  const frames = extensionFrames();
  // All three are drawn by the layers part, loaded on first use (lib/page/deferred-layers.ts).
  const composer = deferredComposerLayer(() => layers().then((part) => part.mountComposerLayer(document, { source: frames, onMoved: () => tooltip.reposition() })));
  const toolbar = deferredAdderLayer(() => layers().then((part) => part.mountAdderLayer(document, { onMoved: () => tooltip.reposition() })));
  const tooltip = deferredNoteTooltipLayer(() =>
    layers().then((part) => part.mountNoteTooltipLayer(document, { source: frames, obstacles: () => [card.rect(), toolbar.rect(), composer.rect()] })),
  );
  // The controller itself is in the anchoring part, made for a page with a quoted note (lib/notes/deferred-controller.ts).
  const notes = deferredNotesPageController({
    page: highlights.page,
    tooltip,
    load: (url) => send('notes/list-for-url', { url }),
    part: parts.anchoring,
    // A note on selected text is linked to the reference entity or figure highlighted there.
    referenceAt: (range) => referenceLinkFor(highlights.referenceAt(range)),
    styles,
    // Nothing painted or listened to before the reader's settings are read.
    enabled: false,
  });
  const adder = createNoteAdder({
    doc: document,
    adder: toolbar,
    composer,
    describe: (range) => notes.describe(range),
    save: (request) => send('notes/save-for-page', request),
    remove: (id) => send('notes/delete-for-page', { id }).then(() => undefined),
    restore: (id) => send('notes/restore-for-page', { id }).then(() => undefined),
    refresh: () => notes.refresh(),
    isOwn: (node) => highlights.page.isOwn(node),
  });

  return {
    notes,
    adder,
    preload() {
      toolbar.preload();
      composer.preload();
      tooltip.preload();
    },
    cardMoved: () => tooltip.reposition(),
    noteOnCard() {
      const item = highlights.cardItem();
      if (!item) return;
      highlights.closeCard();
      adder.noteOn(item.range, referenceLinkFor(item));
    },
    handlers: {
      'notes/page-context': () => notes.context(),
      'notes/page-refresh': () => notes.refresh(),
      'notes/page-reveal': ({ id }) => notes.reveal(id),
      'notes/page-adder': () => adder.openFromKeyboard(),
    },
    apply(settings) {
      const on = isSiteEnabled(settings, location.hostname);
      notes.setEnabled(on);
      notes.showHighlights(noteHighlightsShown(settings, location.hostname));
      adder.setEnabled(on);
    },
    destroy() {
      adder.destroy();
      notes.destroy();
      tooltip.destroy();
      composer.destroy();
      toolbar.destroy();
    },
  };
}
