// The reader's notes on one page, as plain DOM code (the content script only wires it to the extension): the
// page's notes, fetched by URL, anchored in the page model's text (the same detection the highlights use),
// painted as `backstory-note` in CSS.highlights (no change to the page's DOM), their text shown on hover or
// when the reader moves the caret into them, and kept anchored while the page changes. The tooltip opens only on
// the reader's own (trusted) pointer and key events: a page's scripts moving the selection open nothing. It also
// gives the page's side of a new note: its URL and title, the selection as selectors, the reference item the
// selection lies on.
//
// Two switches, one path (`update`): Backstory off for the site means off (`setEnabled(false)`: nothing painted,
// shown, watched or listened to); note highlights off for the site (`showHighlights(false)`) keeps the notes
// anchored for the popup's report but paints nothing and shows no tooltip. The highlight's ranges are in the page's
// CSS.highlights, so a page's script can read which passages carry a note (never their text): only notes near the
// viewport are registered. Anchoring runs in time-boxed chunks, and notes the page no longer shows are looked for
// again only when the page changes where they could be, with a back-off (lib/notes/retry.ts).
import type { PageEvent, PageModel } from '../page/model';
import { ListenerCollection } from '../page/listeners';
import { forEachChunk, Timer } from '../page/schedule';
import { measure } from '../timings';
import { createNamedHighlight, RangeIndex, rectAt } from '../highlight/registry';
import { highlightStyles, NOTE_HIGHLIGHT, NOTE_PRIORITY, type HighlightStyles } from '../highlight/styles';
import { NearViewport } from '../highlight/viewport';
import type { AnchorInPage } from './page-anchoring';
import { describeForNote, noteScopes, pageContext } from './note-context';
import { RetryWithBackoff, type RetryOptions } from './retry';
import { latestRequest } from './latest-request';
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
  /** Places the shown tooltip beside `anchor` again (its note moved on screen), without drawing it anew. */
  move(anchor: DOMRect): void;
  readonly visible: boolean;
  /** Gets ready to show (the page has notes on it), so the first tooltip does not wait. */
  prepare?(): void;
}

export interface NotesPageOptions {
  page: PageModel;
  tooltip: NoteTooltipPresenter;
  /** The notes saved for a page address (the background owns the database). */
  load: (url: string) => Promise<Annotation[]>;
  /**
   * What finds a stored note in the page (page-anchoring.ts), asked for only when the page has notes with a quote:
   * the content script loads it as a part of its own (lib/page/parts.ts), since most pages have no notes.
   */
  anchoring: () => Promise<AnchorInPage>;
  /** The reference entity or figure highlighted where a range lies (the page controller's highlights). */
  referenceAt?: (range: Range) => ReferenceLink | undefined;
  /** Where our ::highlight rules come from (shared with the reference highlights); an adopted sheet by default. */
  styles?: HighlightStyles;
  /** When notes the page no longer shows are looked for again (a back-off that doubles). */
  retry?: RetryOptions;
  /** Milliseconds of anchoring before giving the main thread back. */
  budgetMs?: number;
  /** Whether notes show at first (the content script turns them on once the reader's settings say so). */
  enabled?: boolean;
  /** Whether note highlights show at first, while enabled (the reader's choice per site). */
  showHighlights?: boolean;
  /**
   * After `reveal`, the tooltip shows when the smooth scroll ends (`scrollend`), or once the page has not scrolled
   * for this long where the browser has no such event.
   */
  revealQuietMs?: number;
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
  /**
   * Whether this page shows the notes' highlights (the reader's choice per site). Off, nothing of the notes is
   * registered in CSS.highlights and no tooltip shows; they are still anchored, for the popup's report.
   */
  showHighlights(on: boolean): void;
  /** Resolves when the anchoring begun so far (and any it started) has finished. */
  settle(): Promise<void>;
  /** Null until the page's notes were anchored once. */
  readonly anchoring: AnchorReport | null;
  /** Where each anchored note lies. */
  ranges(): ReadonlyMap<string, Range>;
  /** Selectors for a range (the adder's selection, a highlight), and the reference item it lies on. */
  describe(range: Range): Pick<PageContext, 'selection' | 'reference'>;
  /** Off for the site: the notes' highlights and tooltip go, and nothing watches or listens; on again: they come back. */
  setEnabled(on: boolean): void;
  destroy(): void;
}

export function createNotesPageController(options: NotesPageOptions): NotesPageController {
  const { page, tooltip } = options;
  const doc = page.doc;
  const win = doc.defaultView!;
  const revealQuietMs = options.revealQuietMs ?? 150;
  const budgetMs = options.budgetMs ?? 8;
  const trusted = options.trusted ?? ((event: Event) => event.isTrusted);
  // Browsers without the Custom Highlight API get no note highlights (the popup still lists the notes):
  // wrapping text in elements would change the page's DOM for a feature that is only a reminder.
  const highlight = createNamedHighlight(win, NOTE_HIGHLIGHT, NOTE_PRIORITY);
  // Registered only near the viewport, however few: a page's script sees the notes on screen, not all of them.
  const near = new NearViewport(win, { allBelow: 0 });
  const styles = options.styles ?? highlightStyles(doc);
  const index = new RangeIndex<string>();
  const listeners = new ListenerCollection();
  let releaseStyles: (() => void) | null = null;
  let enabled = options.enabled ?? true;
  let shown = options.showHighlights ?? true;
  /** Painted, with a tooltip and the listeners that open it: only with both switches on. */
  const painting = () => enabled && shown;
  let listening = false;
  let notes: Annotation[] = [];
  let ranges = new Map<string, Range>();
  let report: AnchorReport | null = null;
  let loading: Promise<AnchorReport> | null = null;
  /** Counts refreshes and detections: anchoring begun under an older one is dropped. */
  let generation = 0;
  /** The page's notes as read: a list that arrives after a newer request was made is dropped. */
  const loads = latestRequest<AnchorReport>();
  let anchoring: Promise<AnchorReport | null> = Promise.resolve(null);
  let work: Promise<unknown> = Promise.resolve();
  let unsubscribe: (() => void) | null = null;
  /** The ids whose text the tooltip shows. */
  let shownFor = '';
  let frame = 0;
  let pointer = { x: 0, y: 0 };
  /**
   * The note `reveal` scrolled to, until the reader's own input (a wheel, touch, key, click or pointer move) ends the
   * reveal. Until then every scroll is taken as the reveal's own: on a loaded machine a smooth scroll's frames can
   * come further apart than `revealQuietMs`, and hiding the tooltip on the next frame would lose it for good.
   */
  let revealing: string | null = null;
  const revealedRange = () => (revealing === null ? undefined : ranges.get(revealing));
  const showRevealed = new Timer(() => {
    const range = revealedRange();
    if (range && revealing !== null) show([revealing], range.getBoundingClientRect());
  });
  function endReveal() {
    revealing = null;
    showRevealed.cancel();
  }
  const retry = new RetryWithBackoff(() => track(lookAgain()), options.retry);

  /** Runs `task` after the anchoring queued before it; `settle` waits for all of it. */
  function track<T>(task: Promise<T>): Promise<T> {
    work = Promise.all([work, task]).catch(() => undefined);
    return task;
  }

  /**
   * Anchors `list` in the page's texts as they are now, in time-boxed chunks (a long article with many notes
   * never holds the main thread). Null when a newer refresh or detection made it stale.
   */
  async function anchorList(list: readonly Annotation[]): Promise<{ found: Map<string, Range>; orphaned: string[] } | null> {
    const gen = generation;
    const quoted = list.filter((n) => n.target);
    const found = new Map<string, Range>();
    const orphaned: string[] = [];
    if (!quoted.length) return { found, orphaned };
    // A part that cannot load (the extension was updated meanwhile) anchors nothing now; the next refresh asks again.
    const anchorInPage = await options.anchoring().catch(() => null);
    if (!anchorInPage || gen !== generation) return null;
    const started = performance.now();
    // One reading of the page's texts for the whole list (the model keeps them while it watches the page).
    const scopes = noteScopes(page);
    const complete = await forEachChunk(quoted, (slice) => {
      for (const note of slice) {
        const range = anchorInPage(note.target!, scopes);
        if (range) found.set(note.id, range);
        else orphaned.push(note.id);
      }
    }, { budgetMs, cancelled: () => gen !== generation });
    // One `backstory:anchor` measure per attempt, from its start to its end (slices and the pauses between).
    measure('backstory:anchor', started);
    return complete ? { found, orphaned } : null;
  }

  /** The report for `ranges`, in the notes' order. */
  function reportOf(orphaned: ReadonlySet<string>): AnchorReport {
    const out: AnchorReport = { anchored: [], orphaned: [] };
    for (const n of notes) {
      if (!n.target) continue;
      if (ranges.has(n.id)) out.anchored.push(n.id);
      else if (orphaned.has(n.id)) out.orphaned.push(n.id);
    }
    return out;
  }

  /** Shows `ranges` (while on, and the reader wants note highlights here) and indexes them for hover and caret. */
  function paint() {
    index.clear();
    near.clear();
    // Our rules first, and no window read until they are in and laid out (as the reference highlights do,
    // lib/highlight/css-highlighter.ts): read before, the boxes would make our script lay the page out for them.
    const wanted = painting() && highlight !== null && ranges.size > 0;
    if (wanted && !releaseStyles) {
      releaseStyles = styles.acquire();
      const ready = styles.ready?.();
      if (ready) near.holdUntil(ready);
    } else if (!wanted && releaseStyles) {
      releaseStyles();
      releaseStyles = null;
    }
    if (painting() && highlight) {
      for (const [id, range] of ranges) {
        index.add(range, id);
        near.add(range, highlight);
      }
      near.update();
    }
    if (painting() && ranges.size > 0) tooltip.prepare?.();
    // A tooltip on a note that is gone (deleted, no longer on the page, highlights or notes turned off) goes too.
    if (shownFor && (!painting() || shownFor.split(',').some((id) => !ranges.has(id)))) hide();
  }

  /** Anchors every note afresh (a refresh, a new detection); a newer call makes this one stale (null). */
  function reanchor(): Promise<AnchorReport | null> {
    generation++;
    retry.reset();
    anchoring = track(anchorList(notes).then((result) => {
      if (!result) return null;
      ranges = result.found;
      report = reportOf(new Set(result.orphaned));
      paint();
      return report;
    }));
    return anchoring;
  }

  /** The report of the latest full anchoring, once it has finished. */
  async function anchored(): Promise<AnchorReport> {
    for (;;) {
      const latest = anchoring;
      const result = await latest;
      if (latest === anchoring) return result ?? report ?? { anchored: [], orphaned: [] };
    }
  }

  /** Whether a note's range still covers text on the page. */
  const holds = (range: Range) => range.startContainer.isConnected && range.endContainer.isConnected && !range.collapsed;

  /** Takes down notes whose text the page removed: they are orphaned until found again. */
  function dropLost(): boolean {
    let lost = false;
    for (const [id, range] of ranges) {
      if (holds(range)) continue;
      ranges.delete(id);
      lost = true;
    }
    if (lost) {
      report = reportOf(new Set(notes.filter((n) => n.target && !ranges.has(n.id)).map((n) => n.id)));
      paint();
    }
    return lost;
  }

  /** One attempt to find the orphaned notes again; true when none is left. */
  async function lookAgain(): Promise<boolean> {
    const missing = notes.filter((n) => n.target && !ranges.has(n.id));
    if (!missing.length) return true;
    const result = await anchorList(missing);
    if (!result) return true; // a newer refresh or detection anchors everything anyway
    if (result.found.size) {
      for (const [id, range] of result.found) ranges.set(id, range);
      report = reportOf(new Set(result.orphaned));
      paint();
    }
    return result.orphaned.length === 0;
  }

  /** The page is watched only while notes are on and some have a quote to keep anchored. */
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
      void reanchor();
      return;
    }
    const { changes, added } = event;
    const lost = (changes.removed || changes.edited.size > 0) && dropLost();
    const missing = notes.filter((n) => n.target && !ranges.has(n.id));
    if (!missing.length) return;
    // Where a missing note could come back: in the article (its position counts characters of it), or, for a
    // note quoted outside the article (no position), anywhere on the page. A clock ticking in the header
    // re-anchors nothing.
    const inArticle = added.length > 0;
    const elsewhere = changes.texts.length > 0 && missing.some((n) => !n.target!.position);
    if (lost || inArticle || elsewhere) retry.changed();
  }

  function refresh(): Promise<AnchorReport> {
    const loaded = loads.run(() => options.load(win.location.href), (list) => {
      notes = list;
      watchWhileQuoted();
      void reanchor();
      return anchored();
    });
    loading = track(loaded);
    return loaded;
  }

  function show(ids: string[], rect: DOMRect) {
    const key = ids.join(',');
    if (tooltip.visible && key === shownFor) return;
    shownFor = key;
    tooltip.show(notes.filter((n) => ids.includes(n.id)).map((n) => ({ text: n.text, tags: n.tags })), rect);
  }

  function hide() {
    endReveal();
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
      // The browser's own mousemove after a scroll (the pointer did not move) is not the reader leaving a reveal.
      if (revealing !== null) {
        if (!event.movementX && !event.movementY) return;
        endReveal();
      }
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
    for (const type of ['wheel', 'touchstart', 'pointerdown', 'keydown'] as const) {
      listeners.add(win, type, (event) => {
        if (trusted(event)) endReveal();
      }, { passive: true, capture: true });
    }
    listeners.add(win, 'scroll', () => {
      if (revealing === null) {
        if (tooltip.visible) hide();
      } else {
        if (showRevealed.pending) showRevealed.start(revealQuietMs); // still scrolling to the revealed note
        const range = revealedRange();
        if (range && tooltip.visible) tooltip.move(range.getBoundingClientRect());
      }
    }, { passive: true, capture: true });
    listeners.add(win, 'scrollend', () => {
      if (revealing !== null) showRevealed.runNow();
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

  /**
   * Puts the page in the state both switches ask for: the one path they share. Listening (for the tooltip) only
   * while painting, watching the page only while on; back on, the notes are anchored in the page as it is now.
   */
  function update(wasEnabled: boolean) {
    if (painting() && !listening) listen();
    else if (!painting() && listening) {
      listeners.removeAll();
      endReveal();
      if (frame) win.cancelAnimationFrame(frame);
      frame = 0;
    }
    listening = painting();
    if (!enabled) {
      generation++; // anchoring under way is dropped
      retry.cancel();
    }
    watchWhileQuoted();
    if (enabled && !wasEnabled && notes.length) void reanchor();
    else paint();
  }

  update(enabled);

  const describe = (range: Range) => describeForNote(page, range, options.referenceAt);

  return {
    refresh,
    async context() {
      await loading?.catch(() => undefined);
      return pageContext(doc, describe, report);
    },
    reveal(id) {
      const range = ranges.get(id);
      if (!range || !enabled) return false;
      range.startContainer.parentElement?.scrollIntoView({ block: 'center', behavior: 'smooth' });
      // Highlights turned off on this site: scrolled to, nothing shown on the page.
      if (!shown) return true;
      if (shownFor !== id) hide();
      revealing = id;
      showRevealed.start(revealQuietMs);
      return true;
    },
    showHighlights(on) {
      if (on === shown) return;
      shown = on;
      update(enabled);
    },
    setEnabled(on) {
      if (on === enabled) return;
      const was = enabled;
      enabled = on;
      update(was);
    },
    async settle() {
      page.flush();
      for (;;) {
        const before = work;
        retry.runIfDue();
        await work;
        if (before === work) return;
      }
    },
    get anchoring() {
      return report;
    },
    ranges: () => ranges,
    describe,
    destroy() {
      generation++;
      listeners.removeAll();
      endReveal();
      retry.cancel();
      if (frame) win.cancelAnimationFrame(frame);
      unsubscribe?.();
      unsubscribe = null;
      hide();
      near.destroy();
      highlight?.dispose();
      releaseStyles?.();
      releaseStyles = null;
    },
  };
}
