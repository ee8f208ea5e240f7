// The reader's notes on one page, as plain DOM code (the content script only wires it to the extension): the
// page's notes, fetched by URL, anchored in the page model's text (the same detection the highlights use),
// painted as `backstory-note` in CSS.highlights (no change to the page's DOM), their text shown on hover or
// when the reader moves the caret into them, and kept anchored while the page changes. The tooltip opens only on
// the reader's own (trusted) pointer and key events: a page's scripts moving the selection open nothing. It also
// gives the page's side of a new note: its URL and title, the selection as selectors, the reference item the
// selection lies on. Off for the site means off: nothing painted, nothing shown, nothing listened to.
import type { PageEvent, PageModel } from '../page/model';
import { ListenerCollection } from '../page/listeners';
import { Timer } from '../page/schedule';
import { createNamedHighlight, RangeIndex, rectAt } from '../highlight/registry';
import { installHighlightStyles, NOTE_CSS, NOTE_HIGHLIGHT, NOTE_PRIORITY } from '../highlight/styles';
import { normalizeUrl } from '../url';
import { anchorNotes, describeSelection, type NoteScopes } from './page-anchoring';
import type { AnchorReport, PageContext } from './messages';
import type { Annotation, ReferenceLink } from './types';

export interface TooltipNote {
  text: string;
  tags: string[];
}

/** The tooltip UI, injected so lib/ stays free of Preact and of the on-page host. */
export interface NoteTooltipPresenter {
  /** Shows `notes` next to `anchor` (viewport coordinates). */
  show(notes: TooltipNote[], anchor: DOMRect): void;
  hide(): void;
  readonly visible: boolean;
  /** Gets ready to show (the page has notes on it), so the first tooltip does not wait. */
  prepare?(): void;
}

export interface NotesPageOptions {
  page: PageModel;
  tooltip: NoteTooltipPresenter;
  /** The notes saved for a page address (the background owns the database). */
  load: (url: string) => Promise<Annotation[]>;
  /** The reference entity or figure highlighted where a range lies (the page controller's highlights). */
  referenceAt?: (range: Range) => ReferenceLink | undefined;
  /** How many times a changing page may re-anchor notes that are orphaned or lost their text, per refresh. */
  maxRetries?: number;
  /** After `reveal`, the tooltip shows once the page has not scrolled for this long (the smooth scroll ended). */
  revealQuietMs?: number;
  /** Whether notes show at first (the content script turns them on once the reader's settings say so). */
  enabled?: boolean;
  /** Whether an event comes from the reader; the browser's own flag, replaceable only in tests (jsdom has none). */
  trusted?: (event: Event) => boolean;
}

export interface NotesPageController {
  /** Reads this page's notes again and anchors them (after a save, an edit, a delete, a navigation). */
  refresh(): Promise<AnchorReport>;
  /** The page's side of a new note; waits for the notes being read, so `anchoring` is current. */
  context(): Promise<PageContext>;
  /** Scrolls to a note's highlight and shows its text; false when it is not on the page. */
  reveal(id: string): boolean;
  /** Null until the page's notes were anchored once. */
  readonly anchoring: AnchorReport | null;
  /** Where each anchored note lies. */
  ranges(): ReadonlyMap<string, Range>;
  /** Selectors for a range (the adder's selection, a highlight), and the reference item it lies on. */
  describe(range: Range): Pick<PageContext, 'selection' | 'reference'>;
  /** Off for the site: the notes' highlights and tooltip go, and nothing listens; on again: they come back. */
  setEnabled(on: boolean): void;
  destroy(): void;
}

/** The page model's texts for anchoring. */
export function noteScopes(page: PageModel): NoteScopes {
  return { article: page.articleText(), body: page.bodyText() };
}

export function createNotesPageController(options: NotesPageOptions): NotesPageController {
  const { page, tooltip } = options;
  const doc = page.doc;
  const win = doc.defaultView!;
  const maxRetries = options.maxRetries ?? 20;
  const revealQuietMs = options.revealQuietMs ?? 150;
  const trusted = options.trusted ?? ((event: Event) => event.isTrusted);
  let enabled = options.enabled ?? true;
  // Browsers without the Custom Highlight API get no note highlights (the popup still lists the notes):
  // wrapping text in elements would change the page's DOM for a feature that is only a reminder.
  const highlight = createNamedHighlight(win, NOTE_HIGHLIGHT, NOTE_PRIORITY);
  const index = new RangeIndex<string>();
  const listeners = new ListenerCollection();
  let removeStyle: (() => void) | null = null;
  let notes: Annotation[] = [];
  let ranges = new Map<string, Range>();
  let report: AnchorReport | null = null;
  let loading: Promise<AnchorReport> | null = null;
  let retries = 0;
  let unsubscribe: (() => void) | null = null;
  /** The ids whose text the tooltip shows. */
  let shownFor = '';
  let frame = 0;
  let pointer = { x: 0, y: 0 };
  let revealing: string | null = null;
  const showRevealed = new Timer(() => {
    const range = revealing === null ? undefined : ranges.get(revealing);
    if (range && revealing !== null) show([revealing], range.getBoundingClientRect());
  });

  function anchor(): AnchorReport {
    const result = anchorNotes(notes, noteScopes(page));
    ranges = result.ranges;
    report = result.report;
    index.clear();
    for (const [id, range] of ranges) index.add(range, id);
    paint();
    if (enabled && ranges.size > 0) tooltip.prepare?.();
    // A tooltip on a note that is gone (deleted, no longer on the page) goes too.
    if (shownFor && shownFor.split(',').some((id) => !ranges.has(id))) hide();
    return result.report;
  }

  /** The note highlights as they should be: the anchored notes while on, none while off. */
  function paint() {
    if (!highlight) return;
    const shown = enabled ? [...ranges.values()] : [];
    if (shown.length > 0) removeStyle ??= installHighlightStyles(doc, NOTE_CSS);
    highlight.replace(shown);
  }

  /** The page is watched only while notes show and some have a quote to keep anchored. */
  function watchWhileQuoted() {
    const quoted = enabled && notes.some((n) => n.target);
    if (quoted && !unsubscribe) unsubscribe = page.subscribe(onPageEvent);
    else if (!quoted && unsubscribe) {
      unsubscribe();
      unsubscribe = null;
    }
  }

  function onPageEvent(event: PageEvent) {
    if (event.type === 'detected') {
      anchor();
      return;
    }
    // A page that renders its article late, or replaces it, gets a few more tries while notes are orphaned or
    // their text was taken away; a page that never stops changing is not re-scanned for ever.
    const lost = (report?.orphaned.length ?? 0) > 0 || [...ranges.values()].some((r) => !r.startContainer.isConnected || !r.endContainer.isConnected);
    if (!lost || retries >= maxRetries) return;
    retries++;
    anchor();
  }

  function refresh(): Promise<AnchorReport> {
    loading = options.load(win.location.href).then((list) => {
      notes = list;
      retries = 0;
      watchWhileQuoted();
      return anchor();
    });
    return loading;
  }

  function show(ids: string[], rect: DOMRect) {
    const key = ids.join(',');
    if (tooltip.visible && key === shownFor) return;
    shownFor = key;
    tooltip.show(notes.filter((n) => ids.includes(n.id)).map((n) => ({ text: n.text, tags: n.tags })), rect);
  }

  function hide() {
    shownFor = '';
    tooltip.hide();
  }

  function notesAt(x: number, y: number): { ids: string[]; rect: DOMRect } | null {
    const ids = index.atPoint(doc, x, y);
    const first = ids[0] !== undefined ? ranges.get(ids[0]) : undefined;
    const rect = first ? (rectAt(first, x, y) ?? first.getBoundingClientRect()) : null;
    return rect ? { ids, rect } : null;
  }

  function listen() {
    listeners.add<MouseEvent>(doc, 'mousemove', (event) => {
      if (!trusted(event)) return;
      // A reader dragging a selection over a note is choosing words, not reading the note.
      if (event.buttons & 1) {
        if (tooltip.visible) hide();
        return;
      }
      pointer = { x: event.clientX, y: event.clientY };
      if (frame || ranges.size === 0) return;
      // Once a frame at most: hit-testing on every mousemove would cost frames on long pages.
      frame = win.requestAnimationFrame(() => {
        frame = 0;
        const hit = notesAt(pointer.x, pointer.y);
        if (hit) show(hit.ids, hit.rect);
        else if (tooltip.visible) hide();
      });
    }, { passive: true });

    // Keyboard readers (caret browsing, Shift+arrows) reach a note by moving the caret into it: looked at after
    // the reader's own key presses, never on a selection change a page's script could make.
    listeners.add<KeyboardEvent>(doc, 'keyup', (event) => {
      if (trusted(event) && event.key !== 'Escape') caretCheck();
    }, { passive: true });
    listeners.add<KeyboardEvent>(doc, 'keydown', (event) => {
      if (event.key === 'Escape' && tooltip.visible) hide();
    });
    listeners.add(win, 'scroll', () => {
      if (showRevealed.pending) showRevealed.start(revealQuietMs); // still scrolling to a revealed note
      else if (tooltip.visible) hide();
    }, { passive: true, capture: true });
  }

  function caretCheck() {
    const selection = doc.getSelection();
    if (!selection || selection.rangeCount === 0 || ranges.size === 0) return;
    const caret = selection.getRangeAt(0);
    const ids = [...ranges].filter(([, r]) => {
      try {
        return r.isPointInRange(caret.startContainer, caret.startOffset);
      } catch {
        return false;
      }
    }).map(([id]) => id);
    if (ids.length) show(ids, ranges.get(ids[0]!)!.getBoundingClientRect());
  }

  if (enabled) listen();

  /** The selection as selectors, and the reference item it lies on (only for a selection a note can quote). */
  function selectionContext(): Pick<PageContext, 'selection' | 'reference'> {
    const selection = doc.getSelection();
    if (!selection || selection.rangeCount === 0 || selection.isCollapsed) return { selection: null };
    return describe(selection.getRangeAt(0));
  }

  function describe(range: Range): Pick<PageContext, 'selection' | 'reference'> {
    const target = describeSelection(range, noteScopes(page));
    if (!target) return { selection: null };
    let reference: ReferenceLink | undefined;
    try {
      reference = options.referenceAt?.(range);
    } catch {
      // A link is a convenience: never lose the selection over it.
    }
    return reference ? { selection: target, reference } : { selection: target };
  }

  return {
    refresh,
    async context() {
      await loading?.catch(() => undefined);
      return { url: normalizeUrl(win.location.href), title: doc.title, ...selectionContext(), anchoring: report };
    },
    reveal(id) {
      const range = ranges.get(id);
      if (!range || !enabled) return false;
      range.startContainer.parentElement?.scrollIntoView({ block: 'center', behavior: 'smooth' });
      revealing = id;
      showRevealed.start(revealQuietMs);
      return true;
    },
    get anchoring() {
      return report;
    },
    ranges: () => ranges,
    describe,
    setEnabled(on) {
      if (on === enabled) return;
      enabled = on;
      if (on) {
        listen();
        paint();
        if (ranges.size > 0) tooltip.prepare?.();
      } else {
        listeners.removeAll();
        showRevealed.cancel();
        if (frame) win.cancelAnimationFrame(frame);
        frame = 0;
        hide();
        paint();
      }
      watchWhileQuoted();
      // The page may have changed while notes were off: anchor them in the page as it is now.
      if (on && notes.length) anchor();
    },
    destroy() {
      listeners.removeAll();
      showRevealed.cancel();
      if (frame) win.cancelAnimationFrame(frame);
      unsubscribe?.();
      unsubscribe = null;
      hide();
      highlight?.unregister();
      removeStyle?.();
    },
  };
}
