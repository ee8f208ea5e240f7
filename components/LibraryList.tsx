// The notes the library's filters show, in the chosen order. Orders that go page by page (by site, reading order)
// head each page once; the others say on each note which page it is on. The list is as tall as all its notes, but
// only those in and near the viewport are drawn (lib/list-window.ts), so 10,000 notes open, scroll and search as fast
// as fifty: a key typed in the search draws a screenful, not the whole list. What a reader relies on stays:
//  - every note is reached by keyboard: the note holding the focus and its neighbours stay drawn wherever the page
//    scrolls, so Tab and Shift+Tab always find the next note, and focus is never lost when the window moves;
//  - screen readers hear each note's place in the whole list (aria-posinset / aria-setsize), not in what is drawn;
//  - a note being edited stays drawn (its unsaved text with it) when scrolled away;
//  - a new list that begins with the same notes keeps their drawn elements (notes are keyed by id).
// The browser's own find-in-page sees only drawn notes; the library's search looks through all of them.
import type { JSX } from 'preact';
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { Annotation } from '@/lib/notes/types';
import type { AnnotationPatch } from '@/lib/notes/repository';
import { groupsByPage, type NoteOrder } from '@/lib/notes/order';
import { titleFor } from '@/lib/notes/group';
import { richText } from '@/lib/notes/rich-text';
import { siteOf, webHref } from '@/lib/url';
import { RowHeights, drawPlan, rowOffsets, sameRows, withNeighbours, type DrawPlan } from '@/lib/list-window';
import { NoteItem } from './NoteItem';
import { useStableHandlers } from './hooks/useStableHandlers';
import { RichText } from './RichText';
import { WIDE_FOLD } from './FoldedText';

export interface LibraryListProps {
  /** Already filtered and sorted. */
  notes: readonly Annotation[];
  order: NoteOrder;
  words: readonly string[];
  tagTerms: readonly string[];
  selected: ReadonlySet<string>;
  onSelect(note: Annotation, selected: boolean, extend: boolean): void;
  onUpdate(note: Annotation, patch: AnnotationPatch): Promise<void>;
  onDelete(note: Annotation): void;
  onOpen(note: Annotation): void;
}

/** How many notes the library reads and draws first, before it has read them all. */
export const LIBRARY_STEP = 50;
/** A note's height before any has been measured: a quote, a line of text and the meta line. */
const GUESS_PX = 112;
/** Drawn beyond each edge of the viewport: half a screen, and at least this. */
const MIN_MARGIN_PX = 300;

/** The view to draw, in the list's coordinates (0 is its top): the viewport and a margin each side. */
interface View {
  top: number;
  bottom: number;
}

function viewOf(list: HTMLElement): View {
  const top = -list.getBoundingClientRect().top;
  const height = window.innerHeight;
  const margin = Math.max(MIN_MARGIN_PX, height / 2);
  return { top: top - margin, bottom: top + height + margin };
}

/** For the orders that go page by page: where each note's run of notes on one page begins. */
function runsOf(notes: readonly Annotation[], grouped: boolean): { startOf: Int32Array } | null {
  if (!grouped) return null;
  const startOf = new Int32Array(notes.length);
  let start = 0;
  for (let i = 0; i < notes.length; i++) {
    if (i > 0 && notes[i]!.url !== notes[i - 1]!.url) start = i;
    startOf[i] = start;
  }
  return { startOf };
}

export function LibraryList(props: LibraryListProps) {
  const { notes, order, words, tagTerms, selected, onSelect, onUpdate, onDelete, onOpen } = props;
  const grouped = groupsByPage(order);
  const runs = useMemo(() => runsOf(notes, grouped), [notes, grouped]);
  // A note's row in the page-by-page orders holds its page's heading when it begins a run: measured apart.
  const rowKey = (i: number) => (runs && runs.startOf[i] === i ? `^${notes[i]!.id}` : notes[i]!.id);
  const flatHeights = useRef(new RowHeights(GUESS_PX));
  const groupedHeights = useRef(new RowHeights(GUESS_PX));
  const heights = grouped ? groupedHeights.current : flatHeights.current;
  const [measures, setMeasures] = useState(0);
  const offsets = useMemo(() => rowOffsets(notes.length, (i) => heights.get(rowKey(i))), [notes, runs, heights, measures]);

  const list = useRef<HTMLDivElement>(null);
  const [view, setView] = useState<View>(() => ({ top: -MIN_MARGIN_PX, bottom: (typeof window === 'undefined' ? 900 : window.innerHeight) + MIN_MARGIN_PX }));
  // The note holding the keyboard focus, and notes being edited: drawn wherever the page scrolls.
  const [focusedId, setFocusedId] = useState<string | null>(null);
  const [editing, setEditing] = useState<ReadonlySet<string>>(new Set());
  // After the width changed (a resize, the browser's zoom), the note at the top of the viewport and where its top
  // was: the rows are re-measured at the new width, which moves every note's place in list pixels, so the page is
  // scrolled back to this note rather than left at the same pixel (which could be hundreds of notes away).
  const [anchor, setAnchor] = useState<{ id: string; top: number } | null>(null);
  const lastFocusedIndex = useRef(-1);
  const pinned = useMemo(() => {
    const out: number[] = [];
    if (focusedId !== null || editing.size > 0 || anchor) {
      notes.forEach((n, i) => {
        if (n.id === focusedId) out.push(...withNeighbours(i, notes.length));
        else if (editing.has(n.id) || n.id === anchor?.id) out.push(i);
      });
    }
    return out;
  }, [notes, focusedId, editing, anchor]);
  const plan = drawPlan(offsets, view.top, view.bottom, pinned);
  // What is on the page, for measuring and for the scroll handler (which must not redraw when nothing new is needed).
  const drawn = useRef<{ plan: DrawPlan; offsets: Float64Array; pinned: readonly number[]; rowKey: (i: number) => string; heights: RowHeights }>({ plan, offsets, pinned, rowKey, heights });

  // Each drawn row is measured from the end of the row before it (so a page's heading and the space between pages
  // count in the row that follows them); a row first in its block is measured once the row above it is drawn too.
  const measure = (): boolean => {
    const el = list.current;
    if (!el) return false;
    const { plan: p, rowKey: keyOf, heights: h } = drawn.current;
    const items = el.querySelectorAll<HTMLElement>('li[data-note-id]');
    let k = 0;
    let changed = false;
    let previous = -2;
    let previousBottom = 0;
    for (const block of p.blocks) {
      for (let i = block.start; i < block.end; i++, k++) {
        const item = items[k];
        if (!item) return changed;
        const bottom = item.getBoundingClientRect().bottom;
        if (i === 0) changed = h.set(keyOf(0), bottom - el.getBoundingClientRect().top) || changed;
        else if (previous === i - 1) changed = h.set(keyOf(i), bottom - previousBottom) || changed;
        previous = i;
        previousBottom = bottom;
      }
    }
    return changed;
  };

  useLayoutEffect(() => {
    drawn.current = { plan, offsets, pinned, rowKey, heights };
    const changed = measure();
    if (changed) setMeasures((n) => n + 1);
    if (anchor) {
      // Back to the note the reader was at; held until the heights drawn stop changing (each new measure moves it).
      const li = list.current?.querySelector<HTMLElement>(`li[data-note-id="${CSS.escape(anchor.id)}"]`);
      if (li) {
        const off = li.getBoundingClientRect().top - anchor.top;
        if (Math.abs(off) >= 0.5) window.scrollBy(0, off);
      }
      // The view drawn is then the one around the note, so that it and its neighbours stay drawn once it is let go.
      const el = list.current;
      if (el) {
        const next = viewOf(el);
        setView((v) => (Math.abs(v.top - next.top) < 1 && Math.abs(v.bottom - next.bottom) < 1 ? v : next));
      }
      if (!changed || !li) setAnchor(null);
    }
  });

  // Scrolling and resizing move the view; it is redrawn only when the rows drawn no longer cover the viewport and
  // half the margin (so a slow scroll redraws every few notes, not at every frame).
  useEffect(() => {
    let frame = 0;
    let width = window.innerWidth;
    const update = () => {
      frame = 0;
      const el = list.current;
      if (!el) return;
      if (window.innerWidth !== width) {
        width = window.innerWidth;
        // The heights measured at the old width stay as estimates (a cleared table would put every row at the guess
        // and the page's height with it); the drawn rows are measured again now, the others when next drawn.
        const top = [...el.querySelectorAll<HTMLElement>('li[data-note-id]')].find((li) => li.getBoundingClientRect().bottom > 0);
        const id = top?.getAttribute('data-note-id');
        if (top && id) setAnchor({ id, top: top.getBoundingClientRect().top });
        measure();
        setMeasures((n) => n + 1);
      } else if (measure()) setMeasures((n) => n + 1);
      const next = viewOf(el);
      const { plan: p, offsets: o, pinned: pins } = drawn.current;
      const end = o[o.length - 1]!;
      const margin = (next.bottom - next.top - window.innerHeight) / 2;
      const needTop = Math.min(end, Math.max(0, next.top + margin / 2));
      const needBottom = Math.min(end, Math.max(0, next.bottom - margin / 2));
      // Scrolled past the list altogether, only what must stay drawn stays.
      const covered = needBottom <= needTop ? sameRows(p, drawPlan(o, next.top, next.bottom, pins)) : p.blocks.some((b) => o[b.start]! <= needTop && o[b.end]! >= needBottom);
      if (!covered) setView(next);
    };
    const schedule = () => {
      if (!frame) frame = requestAnimationFrame(update);
    };
    schedule();
    window.addEventListener('scroll', schedule, { passive: true });
    window.addEventListener('resize', schedule);
    return () => {
      cancelAnimationFrame(frame);
      window.removeEventListener('scroll', schedule);
      window.removeEventListener('resize', schedule);
    };
  }, []);
  // A new list (other filters or order, more notes read) may need other rows at the same place.
  // The same view is kept as the same object: a new one would draw the list (and each note drawn) a second time
  // at every key typed in the search, for nothing.
  useLayoutEffect(() => {
    const el = list.current;
    if (!el) return;
    const next = viewOf(el);
    setView((v) => (Math.abs(v.top - next.top) < 1 && Math.abs(v.bottom - next.bottom) < 1 ? v : next));
  }, [notes, grouped]);

  // The focused note gone from the list (deleted, or filtered out by a change elsewhere): the focus would fall to the
  // page's top; it goes to the note that took its place instead.
  useLayoutEffect(() => {
    if (focusedId === null) return;
    const at = notes.findIndex((n) => n.id === focusedId);
    if (at >= 0) {
      lastFocusedIndex.current = at;
      return;
    }
    const active = document.activeElement;
    const lost = !active || active === document.body || !active.isConnected;
    const next = notes[Math.min(lastFocusedIndex.current, notes.length - 1)];
    if (!lost || !next) {
      setFocusedId(null);
      return;
    }
    setFocusedId(next.id);
  }, [notes, focusedId]);
  useLayoutEffect(() => {
    if (focusedId === null) return;
    const active = document.activeElement;
    if (active && active !== document.body && active.isConnected) return;
    const item = [...(list.current?.querySelectorAll('li[data-note-id]') ?? [])].find((li) => li.getAttribute('data-note-id') === focusedId);
    // Without scrolling: the reader may have scrolled far from the note that went (deleted in another window), and
    // reads on where they are; the note that took its place is drawn (pinned) and Tab goes on from it.
    item?.querySelector<HTMLElement>('input, button, a[href]')?.focus({ preventScroll: true });
  }, [focusedId]);

  const onFocusIn = (e: FocusEvent) => {
    const id = (e.target as Element | null)?.closest?.('li[data-note-id]')?.getAttribute('data-note-id');
    if (id) setFocusedId(id);
  };
  const onFocusOut = (e: FocusEvent) => {
    const to = e.relatedTarget as Node | null;
    if (to && list.current?.contains(to)) return; // focusin of the next one says where
    // Focus left the list for elsewhere on the page: the note no longer needs pinning. Left the window (another tab
    // or application): it comes back to the same note, which stays drawn.
    if (to || document.hasFocus()) {
      queueMicrotask(() => {
        const active = document.activeElement;
        if (!active || !list.current?.contains(active)) setFocusedId((id) => (active && active !== document.body ? null : id));
      });
    }
  };
  // The quotes and texts the reader unfolded, by note: a note scrolled out of the window is unmounted, and would
  // come back folded (and shorter than measured). A set kept for the list's life rather than state: it is read when a
  // note is drawn, and nothing is to be redrawn when it changes.
  const [{ unfolded, onUnfold, onEditing }] = useState(() => {
    const open = new Set<string>();
    return {
      unfolded: (note: Annotation, kind: 'quote' | 'note') => open.has(`${kind} ${note.id}`),
      onUnfold: (note: Annotation, kind: 'quote' | 'note', on: boolean) => {
        if (on) open.add(`${kind} ${note.id}`);
        else open.delete(`${kind} ${note.id}`);
      },
      onEditing: (note: Annotation, on: boolean) =>
        setEditing((s) => {
          if (s.has(note.id) === on) return s;
          const next = new Set(s);
          if (on) next.add(note.id);
          else next.delete(note.id);
          return next;
        }),
    };
  });
  // The handlers each note is given are the same functions at every draw, calling the latest ones given to the list:
  // a note is drawn again only when what it shows changed (NoteItem compares its props), not because the library
  // made new handlers at a key typed in its search or a note selected.
  const handlers = useStableHandlers({ onSelect, onUpdate, onDelete, onOpen });
  // A page's heading, made once per note and words (kept as the same element, so the note holding it is not drawn
  // again when nothing it shows changed).
  const headings = useRef<{ words: readonly string[]; made: WeakMap<Annotation, JSX.Element> }>({ words, made: new WeakMap() });
  if (headings.current.words !== words) headings.current = { words, made: new WeakMap() };
  if (notes.length === 0) return null;
  const headingOf = (note: Annotation): JSX.Element => {
    let heading = headings.current.made.get(note);
    if (!heading) {
      const title = titleFor(note);
      const href = webHref(note.url);
      const site = siteOf(note.url) || 'not a web page';
      heading = (
        <h3 class="bs-page-title">
          {href ? <a href={href} target="_blank" rel="noopener noreferrer"><RichText segments={richText(title, words)} /></a> : <RichText segments={richText(title, words)} />}
          <span class="bs-site"> · {site}</span>
        </h3>
      );
      headings.current.made.set(note, heading);
    }
    return heading;
  };
  // One list whatever the order, so a note keeps its element (and an open editor) as the rows drawn around it change.
  const item = (i: number, spaceBefore: number) => {
    const note = notes[i]!;
    const heading = runs && runs.startOf[i] === i ? headingOf(note) : undefined;
    return (
      <NoteItem
        key={note.id}
        note={note}
        words={words}
        tagTerms={tagTerms}
        showPage={!grouped}
        selected={selected.has(note.id)}
        onSelect={handlers.onSelect}
        onUpdate={handlers.onUpdate}
        onDelete={handlers.onDelete}
        onOpen={handlers.onOpen}
        onEditing={onEditing}
        pageName={grouped ? `${titleFor(note)} · ${siteOf(note.url) || 'not a web page'}` : undefined}
        unfolded={unfolded}
        onUnfold={onUnfold}
        position={{ index: i, size: notes.length }}
        heading={heading}
        spaceBefore={spaceBefore}
        foldAt={WIDE_FOLD}
      />
    );
  };
  const rows: JSX.Element[] = [];
  plan.blocks.forEach((block, b) => {
    // Each block of drawn notes after the first follows a gap as tall as the notes not drawn between them.
    for (let i = block.start; i < block.end; i++) rows.push(item(i, b > 0 && i === block.start ? block.gapBefore : 0));
  });
  // The space of the notes not drawn above and below is kept by elements of their own, not by the list's padding: a
  // change to an ancestor's padding turns off the browser's scroll anchoring, which keeps the notes in view still
  // when a height measured above them corrects the space.
  return (
    <div class="bs-library-list" ref={list} onFocusIn={onFocusIn} onFocusOut={onFocusOut}>
      <div class="bs-list-space" aria-hidden="true" style={{ height: `${plan.blocks[0]?.gapBefore ?? 0}px` }} />
      <ul class="bs-note-list" aria-label="Notes">{rows}</ul>
      <div class="bs-list-space" aria-hidden="true" style={{ height: `${plan.after}px` }} />
    </div>
  );
}
