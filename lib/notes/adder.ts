// Notes written where the reader reads: a small toolbar on a text selection (the adder) offers Note (an inline
// composer beside the selection) and Highlight (a note that only quotes), and the reference card's Add note
// opens the composer on its highlight, linked to its item. Plain DOM code over injected presenters (the UI lives
// in components/) and injected saves (the background files a note under the tab's own address).
//
// It answers only the reader: the toolbar opens on trusted pointer and key events (a page's scripts can move
// the selection, but cannot make Backstory act on it), never on the page's own fields or editors, and goes on
// Esc or a click elsewhere. After a save the toolbar's place says so, with Undo (the note goes to the trash) and
// then Restore.
import { ListenerCollection } from '../page/listeners';
import { Timer } from '../page/schedule';
import type { ComposerDraft } from './frame-protocol';
import type { PageSaveRequest } from './messages';
import { referenceLinkText } from './reference-link';
import type { Annotation, NoteTarget, ReferenceLink } from './types';

/** The toolbar on a selection, injected so lib/ stays free of Preact and of the on-page host. */
export interface AdderPresenter {
  /** Shows the toolbar by `anchor` (viewport coordinates); with `focus`, the keyboard moves to its first button. */
  show(anchor: DOMRect, actions: AdderActions, options: { focus: boolean }): void;
  /** A short message by `anchor` (in the toolbar's place), with an optional action (Undo, Restore). */
  status(message: string, anchor: DOMRect, action?: { label: string; run(): void }): void;
  /** Places what is shown by a new anchor (the page scrolled). */
  reposition(anchor: DOMRect): void;
  hide(): void;
  readonly visible: boolean;
  /** Whether the keyboard focus is in the toolbar. */
  readonly hasFocus: boolean;
  owns(target: EventTarget | null): boolean;
}

export interface AdderActions {
  note(): void;
  highlight(): void;
}

/** The inline composer, shown in Backstory's own frame (the reader's text never enters the page). */
export interface ComposerPresenter {
  open(draft: ComposerDraft, anchor: DOMRect, handlers: ComposerHandlers): void;
  reposition(anchor: DOMRect): void;
  close(): void;
  readonly isOpen: boolean;
  /** Whether the reader typed something not saved yet. */
  readonly dirty: boolean;
  owns(target: EventTarget | null): boolean;
}

export interface ComposerHandlers {
  /** Saves; rejects with the reason to show (the composer stays open with what was typed). */
  save(input: { text: string; tags: string[]; keepReference: boolean }): Promise<void>;
  /** Closed without saving: what was typed, kept for the next composer on the same words. */
  cancel(draft: { text: string; tags: string }): void;
}

/** The page's side of a note on a range: its selectors and the reference item it lies on. */
export interface DescribedRange {
  selection: NoteTarget | null;
  reference?: ReferenceLink;
}

export interface NoteAdderOptions {
  doc: Document;
  adder: AdderPresenter;
  composer: ComposerPresenter;
  /** Selectors and reference item for a range (the notes page controller's, in the page model's text). */
  describe(range: Range): DescribedRange;
  save(request: PageSaveRequest): Promise<Annotation>;
  remove(id: string): Promise<void>;
  restore(id: string): Promise<void>;
  /** Reads the page's notes again, so a new one is painted at once. */
  refresh(): Promise<unknown>;
  /** Nodes Backstory added (its UI hosts): a selection there is never noted. */
  isOwn(node: Node): boolean;
  /** Whether an event comes from the reader; the browser's own flag, replaceable only in tests (jsdom has none). */
  trusted?: (event: Event) => boolean;
  /** How long a "saved" message stays. */
  statusMs?: number;
}

export interface NoteAdder {
  /** The add-note command: the toolbar on the reader's selection, focused; false when nothing there can be noted. */
  openFromKeyboard(): boolean;
  /** The card's Add note: the composer on a highlight, linked to its reference item. */
  noteOn(range: Range, reference?: ReferenceLink): void;
  /** Off for the site: nothing shows, nothing listens for the selection. */
  setEnabled(on: boolean): void;
  destroy(): void;
}

// The page's own fields and editors: a selection there is the reader editing, not quoting.
const EDITABLE = 'input, textarea, select, [contenteditable]:not([contenteditable="false"])';

/** Keys that can leave a selection behind (Shift+arrows, select all): the toolbar is checked after them. */
const SELECTING_KEYS = /^(Shift|Arrow\w+|Home|End|Page(Up|Down)|a|A)$/;

/** Ms after the last selecting key before the toolbar shows (the reader may still be extending). */
const KEY_SETTLE_MS = 150;

function elementOf(node: Node | null): Element | null {
  return node ? (node.nodeType === Node.ELEMENT_NODE ? (node as Element) : node.parentElement) : null;
}

/** Where the toolbar points: the end the reader dragged to (the start for a selection made backwards). */
function selectionAnchor(selection: Selection, range: Range): DOMRect {
  const rects = [...range.getClientRects()].filter((r) => r.width > 0 || r.height > 0);
  const backwards = selection.anchorNode === range.endContainer && selection.anchorOffset === range.endOffset;
  const rect = (backwards ? rects[0] : rects.at(-1)) ?? range.getBoundingClientRect();
  return rect;
}

export function createNoteAdder(options: NoteAdderOptions): NoteAdder {
  const { doc, adder, composer } = options;
  const win = doc.defaultView!;
  const trusted = options.trusted ?? ((event: Event) => event.isTrusted);
  const listeners = new ListenerCollection();
  let enabled = false;
  /** The selection the toolbar (or a message after a save) was shown for. */
  let selected: Range | null = null;
  /** Whether a message shows in the toolbar's place (after a save) rather than the toolbar. */
  let reporting = false;
  /** The passage the composer is open on. */
  let composing: { range: Range; target: NoteTarget; reference?: ReferenceLink } | null = null;
  /** What the reader typed in a composer they closed, by the words it was on. */
  let draft: { quote: string; text: string; tags: string } | null = null;
  let frame = 0;
  const settle = new Timer(() => check());
  const statusEnds = new Timer(() => {
    if (!adder.hasFocus) adder.hide();
  });

  /** The reader's selection, when it is text Backstory may note: not in a field or editor, not in its own UI. */
  function usableSelection(): { selection: Selection; range: Range } | null {
    const selection = doc.getSelection();
    if (!selection || selection.rangeCount === 0 || selection.isCollapsed) return null;
    const range = selection.getRangeAt(0);
    if (!range.toString().trim()) return null;
    for (const node of [range.startContainer, range.endContainer, range.commonAncestorContainer]) {
      if (options.isOwn(node) || elementOf(node)?.closest(EDITABLE)) return null;
    }
    const active = doc.activeElement;
    if (active?.matches(EDITABLE) || (active && options.isOwn(active))) return null;
    return { selection, range };
  }

  function check() {
    if (!enabled || composer.isOpen) return;
    // The keyboard moved into Backstory's own UI (the card, opened beside the toolbar): the reader's selection is
    // unchanged, so the toolbar on it stays as it is.
    const active = doc.activeElement;
    if (selected && active && options.isOwn(active) && !adder.owns(active)) return;
    const usable = usableSelection();
    if (!usable) {
      if (selected && !adder.hasFocus) hideAdder();
      return;
    }
    if (selected && adder.visible && sameRange(selected, usable.range)) return;
    selected = usable.range.cloneRange();
    reporting = false;
    statusEnds.cancel();
    adder.show(selectionAnchor(usable.selection, usable.range), actions, { focus: false });
  }

  function hideAdder() {
    selected = null;
    reporting = false;
    statusEnds.cancel();
    adder.hide();
  }

  const actions: AdderActions = {
    note() {
      const range = selected;
      if (!range) return;
      const described = describe(range);
      if (!described) return;
      openComposer(range, described.target, described.reference);
    },
    highlight() {
      const range = selected;
      if (!range) return;
      const described = describe(range);
      if (!described) return;
      void saveNote({ text: '', tags: [], target: described.target, ...(described.reference ? { reference: described.reference } : {}) })
        .then((note) => {
          collapseAfter(range);
          saved(note, 'Highlight saved', range);
        })
        .catch((error: unknown) => showStatus(messageOf(error), range));
    },
  };

  /** Selectors for a range, or null (with a message in the toolbar's place) when the text cannot be quoted. */
  function describe(range: Range): { target: NoteTarget; reference?: ReferenceLink } | null {
    let described: DescribedRange;
    try {
      described = options.describe(range);
    } catch {
      described = { selection: null };
    }
    if (!described.selection) {
      showStatus('Backstory cannot quote this text.', range);
      return null;
    }
    return described.reference ? { target: described.selection, reference: described.reference } : { target: described.selection };
  }

  function saveNote(input: { text: string; tags: string[]; target: NoteTarget; reference?: ReferenceLink }): Promise<Annotation> {
    return options.save({ title: doc.title, ...input }).then(async (note) => {
      await options.refresh().catch(() => undefined);
      return note;
    });
  }

  /** "Saved" in the toolbar's place, with Undo; Undo's own message offers Restore. */
  function saved(note: Annotation, message: string, range: Range) {
    const kind = note.text ? 'Note' : 'Highlight';
    showStatus(message, range, {
      label: 'Undo',
      run: () =>
        void options.remove(note.id).then(
          () => options.refresh().then(() => showStatus(`${kind} deleted`, range, {
            label: 'Restore',
            run: () =>
              void options.restore(note.id).then(() => options.refresh()).then(
                () => showStatus(`${kind} restored`, range),
                (error: unknown) => showStatus(messageOf(error), range),
              ),
          })),
          (error: unknown) => showStatus(messageOf(error), range),
        ),
    });
  }

  function showStatus(message: string, range: Range, action?: { label: string; run(): void }) {
    selected = range;
    reporting = true;
    adder.status(message, range.getBoundingClientRect(), action);
    statusEnds.start(options.statusMs ?? 6000);
  }

  function openComposer(range: Range, target: NoteTarget, reference?: ReferenceLink) {
    hideAdder();
    composing = reference ? { range: range.cloneRange(), target, reference } : { range: range.cloneRange(), target };
    const kept = draft && draft.quote === target.quote.exact ? draft : null;
    const view: ComposerDraft = {
      quote: target.quote.exact,
      ...(reference ? { reference: referenceLinkText(reference) } : {}),
      ...(kept ? { text: kept.text, tags: kept.tags } : {}),
    };
    composer.open(view, range.getBoundingClientRect(), {
      save: async ({ text, tags, keepReference }) => {
        const on = composing;
        if (!on) return;
        const note = await saveNote({ text, tags, target: on.target, ...(keepReference && on.reference ? { reference: on.reference } : {}) });
        draft = null;
        composing = null;
        composer.close();
        collapseAfter(on.range);
        saved(note, 'Note saved', on.range);
      },
      cancel: ({ text, tags }) => {
        const on = composing;
        composing = null;
        draft = text.trim() || tags.trim() ? { quote: target.quote.exact, text, tags } : null;
        composer.close();
        if (on) reselect(on.range);
      },
    });
  }

  /** The reader is back where they were: their selection as it was (the keyboard continues from there). */
  function reselect(range: Range) {
    const selection = doc.getSelection();
    if (!selection) return;
    try {
      selection.removeAllRanges();
      selection.addRange(range);
    } catch {
      // The page took the text away meanwhile.
    }
  }

  /** After a save: the caret just after the passage, so the new highlight shows instead of the selection. */
  function collapseAfter(range: Range) {
    const selection = doc.getSelection();
    try {
      selection?.collapse(range.endContainer, range.endOffset);
    } catch {
      selection?.removeAllRanges();
    }
  }

  function closeComposerIfEmpty() {
    if (!composer.isOpen || composer.dirty) return;
    composing = null;
    composer.close();
  }

  const onPointerUp = (event: PointerEvent) => {
    if (!trusted(event) || event.button !== 0 || adder.owns(event.target) || composer.owns(event.target)) return;
    settle.start(10); // the selection is final only after the event
  };
  const onKeyUp = (event: KeyboardEvent) => {
    if (!trusted(event) || adder.owns(event.target)) return;
    if (SELECTING_KEYS.test(event.key) || event.shiftKey) settle.start(KEY_SETTLE_MS);
  };
  const onPointerDown = (event: PointerEvent) => {
    if (!trusted(event)) return;
    if (adder.visible && !adder.owns(event.target)) hideAdder();
    if (!composer.owns(event.target)) closeComposerIfEmpty();
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (!trusted(event)) return;
    if (event.key === 'Escape' && adder.visible) {
      const hadFocus = adder.hasFocus;
      const range = selected;
      const afterSave = reporting;
      hideAdder();
      // The keyboard goes back to the passage: selected again, or after it once it was saved.
      if (hadFocus && range) {
        if (afterSave) collapseAfter(range);
        else reselect(range);
      }
      return;
    }
    // The add-note key where the browser did not take it as Backstory's command (tests, a key changed back).
    if (event.altKey && event.shiftKey && !event.ctrlKey && !event.metaKey && event.code === 'KeyM') {
      const origin = (event.composedPath?.()[0] ?? event.target) as Node | null;
      if (origin && elementOf(origin)?.closest(EDITABLE)) return;
      if (openFromKeyboard()) event.preventDefault();
    }
  };
  const onScroll = () => {
    if (frame || (!adder.visible && !composer.isOpen)) return;
    frame = win.requestAnimationFrame(() => {
      frame = 0;
      if (composer.isOpen && composing) composer.reposition(composing.range.getBoundingClientRect());
      if (adder.visible && selected) adder.reposition(selected.getBoundingClientRect());
    });
  };

  function openFromKeyboard(): boolean {
    if (!enabled) return false;
    const usable = usableSelection();
    if (!usable) return false;
    if (composer.isOpen) closeComposerIfEmpty();
    selected = usable.range.cloneRange();
    reporting = false;
    statusEnds.cancel();
    adder.show(selectionAnchor(usable.selection, usable.range), actions, { focus: true });
    return true;
  }

  function setEnabled(on: boolean) {
    if (on === enabled) return;
    enabled = on;
    if (on) {
      listeners.add<PointerEvent>(win, 'pointerup', onPointerUp, { capture: true, passive: true });
      listeners.add<PointerEvent>(win, 'pointerdown', onPointerDown, { capture: true, passive: true });
      listeners.add<KeyboardEvent>(win, 'keyup', onKeyUp, { capture: true, passive: true });
      listeners.add<KeyboardEvent>(win, 'keydown', onKeyDown, { capture: true });
      listeners.add(win, 'scroll', onScroll, { capture: true, passive: true });
      listeners.add(win, 'resize', onScroll, { passive: true });
      return;
    }
    listeners.removeAll();
    settle.cancel();
    if (frame) win.cancelAnimationFrame(frame);
    frame = 0;
    hideAdder();
    composing = null;
    composer.close();
  }

  return {
    openFromKeyboard,
    noteOn(range, reference) {
      if (!enabled) return;
      const described = describe(range);
      if (!described) return;
      openComposer(range, described.target, reference ?? described.reference);
    },
    setEnabled,
    destroy() {
      setEnabled(false);
      statusEnds.cancel();
    },
  };
}

function sameRange(a: Range, b: Range): boolean {
  return a.startContainer === b.startContainer && a.startOffset === b.startOffset && a.endContainer === b.endContainer && a.endOffset === b.endOffset;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
