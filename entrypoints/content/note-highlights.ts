// The reader's notes on the page: fetched from the background for this URL, re-anchored in today's text,
// painted as `backstory-note` in CSS.highlights (no change to the page's DOM text), their text shown on
// hover or when the caret/selection enters them, in a closed shadow-root tooltip. Also answers the popup:
// the page's URL/title, the current selection as selectors (and the reference item it lies on), and which
// notes are orphaned.
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { createClient, routeMessage, type Envelope, type Handlers } from '@/lib/messages';
import type { AnchorReport, PageContext } from '@/lib/notes/messages';
import { anchorNotes, PageText } from '@/lib/notes/page-anchoring';
import { createNoteTooltip } from '@/lib/notes/tooltip';
import type { Annotation, ReferenceLink } from '@/lib/notes/types';
import { normalizeUrl } from '@/lib/url';
import { createNamedHighlight, RangeIndex, rectAt } from '@/lib/highlight/registry';
import { installHighlightStyles } from '@/lib/highlight/styles';

export const NOTE_HIGHLIGHT = 'backstory-note';

// A marker-pen tint with a solid magenta underline: distinct from the reference highlights' colours and
// underline styles, and readable on light and dark pages (translucent tint, saturated line).
const NOTE_CSS = `::highlight(${NOTE_HIGHLIGHT}) { background-color: rgb(255 80 170 / 0.22); text-decoration: underline solid rgb(205 0 110); text-decoration-thickness: 2px; text-underline-offset: 2px; }`;

export interface NoteHighlightOptions {
  /** The reference entity or figure highlighted where `range` lies (the page controller's highlights). */
  referenceAt?: (range: Range) => ReferenceLink | undefined;
}

export function startNoteHighlights(ctx: ContentScriptContext, options: NoteHighlightOptions = {}): void {
  const doc = document;
  const send = createClient((message: Envelope) => browser.runtime.sendMessage(message));
  // Priority over the reference highlights (1–3): where both cover a word, the reader's own mark shows.
  // Browsers without the Custom Highlight API get no note highlights (the popup still lists the notes):
  // wrapping text in elements would change the page's DOM for a feature that is only a reminder.
  const highlight = createNamedHighlight(window, NOTE_HIGHLIGHT, 10);
  const index = new RangeIndex<string>();
  let removeStyle: (() => void) | null = null;

  let notes: Annotation[] = [];
  let ranges = new Map<string, Range>();
  let report: AnchorReport | null = null;
  const tooltip = createNoteTooltip(doc);
  let shownFor = '';

  const paint = () => {
    index.clear();
    for (const [id, range] of ranges) index.add(range, id);
    if (!highlight) return;
    if (ranges.size > 0) removeStyle ??= installHighlightStyles(doc, NOTE_CSS);
    highlight.replace(ranges.values());
  };

  const anchor = () => {
    const result = anchorNotes(doc, notes);
    ranges = result.ranges;
    report = result.report;
    paint();
    return result.report;
  };

  let loading: Promise<AnchorReport> | null = null;
  const refresh = (): Promise<AnchorReport> => {
    loading = send('notes/list-for-url', { url: location.href }).then((list) => {
      notes = list;
      watchWhileQuoted();
      return anchor();
    });
    return loading;
  };

  // Pages that render their article late (or replace it) get a few more tries while notes are orphaned
  // or their ranges were detached; debounced so a busy page is not re-scanned on every mutation.
  let retries = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const observer = new MutationObserver(() => {
    const stale = (report?.orphaned.length ?? 0) > 0 || [...ranges.values()].some((r) => !r.startContainer.isConnected || !r.endContainer.isConnected);
    if (!stale || retries >= 20) return;
    clearTimeout(timer);
    timer = setTimeout(() => { retries++; anchor(); }, 600);
  });
  /** The page is watched only while it has notes with a quote to keep anchored. */
  function watchWhileQuoted() {
    if (notes.some((n) => n.target)) observer.observe(doc.body ?? doc.documentElement, { childList: true, subtree: true, characterData: true });
    else observer.disconnect();
  }

  const notesAt = (x: number, y: number): { ids: string[]; rect: DOMRect } | null => {
    const ids = index.atPoint(doc, x, y);
    const first = ids[0] !== undefined ? ranges.get(ids[0]) : undefined;
    const rect = first ? rectAt(first, x, y) ?? first.getBoundingClientRect() : null;
    return rect ? { ids, rect } : null;
  };

  const show = (ids: string[], rect: DOMRect) => {
    const key = ids.join(',');
    if (tooltip.visible && key === shownFor) return;
    shownFor = key;
    tooltip.show(notes.filter((n) => ids.includes(n.id)).map((n) => ({ text: n.text, tags: n.tags })), rect);
  };
  const hide = () => { shownFor = ''; tooltip.hide(); };

  let frame = 0;
  let pointer = { x: 0, y: 0 };
  ctx.addEventListener(doc, 'mousemove', (event) => {
    pointer = { x: event.clientX, y: event.clientY };
    if (frame || ranges.size === 0) return;
    frame = requestAnimationFrame(() => {
      frame = 0;
      const hit = notesAt(pointer.x, pointer.y);
      if (hit) show(hit.ids, hit.rect);
      else if (tooltip.visible) hide();
    });
  }, { passive: true });

  // Keyboard readers (caret browsing, shift+arrows) reach a note by moving the caret into it.
  ctx.addEventListener(doc, 'selectionchange', () => {
    const sel = doc.getSelection();
    if (!sel || sel.rangeCount === 0 || ranges.size === 0) return;
    const caret = sel.getRangeAt(0);
    const ids = [...ranges].filter(([, r]) => {
      try { return r.isPointInRange(caret.startContainer, caret.startOffset); } catch { return false; }
    }).map(([id]) => id);
    if (ids.length) show(ids, ranges.get(ids[0]!)!.getBoundingClientRect());
  });
  ctx.addEventListener(doc, 'keydown', (event) => { if (event.key === 'Escape' && tooltip.visible) hide(); });
  ctx.addEventListener(window, 'scroll', () => { if (tooltip.visible) hide(); }, { passive: true, capture: true });

  /** The selection as selectors, and the reference item it lies on (only for a selection the note can quote). */
  const selectionContext = (): Pick<PageContext, 'selection' | 'reference'> => {
    const sel = doc.getSelection();
    if (!sel || sel.rangeCount === 0 || sel.isCollapsed) return { selection: null };
    const range = sel.getRangeAt(0);
    const selection = new PageText(doc).describeSelection(range);
    if (!selection) return { selection: null };
    let reference: ReferenceLink | undefined;
    try {
      reference = options.referenceAt?.(range);
    } catch {
      // A link is a convenience: never lose the selection over it.
    }
    return reference ? { selection, reference } : { selection };
  };

  const handlers: Handlers<'notes/page-context' | 'notes/page-refresh' | 'notes/page-reveal'> = {
    'notes/page-context': async (): Promise<PageContext> => {
      await loading?.catch(() => undefined);
      return { url: normalizeUrl(location.href), title: doc.title, ...selectionContext(), anchoring: report };
    },
    'notes/page-refresh': () => refresh(),
    'notes/page-reveal': ({ id }) => {
      const range = ranges.get(id);
      if (!range) return false;
      const el = range.startContainer.parentElement;
      el?.scrollIntoView({ block: 'center', behavior: 'smooth' });
      // After the scroll settles, show the note where it now is.
      setTimeout(() => show([id], range.getBoundingClientRect()), 400);
      return true;
    },
  };
  const listener = (message: unknown, sender: unknown) => routeMessage(handlers as Handlers, message, sender);
  browser.runtime.onMessage.addListener(listener);

  // Single-page sites change the URL without a load: their notes are another page's.
  ctx.addEventListener(window, 'wxt:locationchange', () => { retries = 0; hide(); void refresh().catch(() => undefined); });

  ctx.onInvalidated(() => {
    browser.runtime.onMessage.removeListener(listener);
    observer.disconnect();
    clearTimeout(timer);
    tooltip.destroy();
    highlight?.unregister();
    removeStyle?.();
  });

  // A page without notes costs one message and nothing else.
  void refresh().catch(() => undefined);
}
