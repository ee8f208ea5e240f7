// Everything Backstory does on one page, as plain DOM code (the content script only wires it to the
// extension): run the pipeline, paint the highlights in time-boxed chunks, follow a living page, apply the
// reader's settings, open the card on hover or keyboard focus, and answer the popup.
import type { Matcher } from '../match';
import { MATCH_CATEGORIES, type MatchCategory } from '../match/types';
import { detectArticle } from '../article';
import { annotateNodes, blockSpans, matchSpan } from '../pipeline';
import { readPageContext } from '../page-context';
import type { PageContext } from '../match/figures';
import { buildTextMap } from '../text';
import { createHighlighter, isStale, type Highlighter, type HighlightItem } from '../highlight/highlighter';
import { supportsCustomHighlights, textNodesIn } from '../highlight/registry';
import { rangesForMatches, type MatchRange } from '../highlight/ranges';
import { describeMatch, type CardModel, type ReferenceIndex } from '../highlight/card-model';
import { forEachChunk, yieldToMain } from './schedule';
import { articleScope, isArticleAddition, watchPage, type LivingWatcher, type PageChanges } from './living';
import { defaultSettings, isSiteEnabled, siteKey, type Settings } from './settings';
import type { FoundItem, PageSummary } from './messages';

/** The card UI, injected so lib/ stays free of Preact and the shadow-root host. */
export interface CardPresenter {
  show(model: CardModel, anchor: DOMRect, how: 'hover' | 'keyboard'): void;
  hide(): void;
  readonly isOpen: boolean;
  /** Whether an event target is the card itself (moving the pointer onto the card keeps it open). */
  owns(target: EventTarget | null): boolean;
}

export interface PageControllerOptions {
  doc: Document;
  matcher: Matcher;
  reference: ReferenceIndex;
  /** Article text nodes; defaults to lib/article's detector. */
  detect?: (doc: Document) => Text[];
  card?: CardPresenter;
  /** Nodes Backstory added (the card host): never annotated, their mutations ignored. */
  isOwn?: (node: Node) => boolean;
  /** Called (debounced) whenever what is painted changes: the content script reports it for the badge. */
  onChange?: (summary: PageSummary) => void;
  forceWrap?: boolean;
  chunkBudgetMs?: number;
  livingQuietMs?: number;
  hoverDelayMs?: number;
}

export interface PageController {
  /** Applies settings: starts, stops, or shows/hides categories. Resolves when painting is done. */
  apply(settings: Settings): Promise<void>;
  /** Forgets everything and runs the pipeline again (single-page navigation). */
  rerun(): Promise<void>;
  summary(): PageSummary;
  reveal(referenceId: string): boolean;
  step(direction: 1 | -1): boolean;
  closeCard(): void;
  /** Handles pending page mutations now and waits for the resulting work (tests). */
  settle(): Promise<void>;
  destroy(): void;
  /**
   * The first painted highlight (document order) that `range` overlaps by at least one character, and its
   * reference item's label: what a note on that selection is about. Null where none is shown there.
   */
  referenceAt(range: Range): { match: HighlightItem['match']; label: string } | null;
}

const now = () => performance.now();

/** Above this many characters (~3,000 words), an article is matched in slices of about this size. */
export const MATCH_SPAN_CHARS = 20_000;

/** Article text read around later additions, so figures in them are judged in context. */
const CONTEXT_CHARS = 1_500;

/** Publishes a phase as a `backstory:*` performance measure (read by `npm run bench`); returns the time now. */
function measure(name: string, start: number): number {
  const end = now();
  try {
    performance.measure(name, { start, end });
  } catch {
    // Older engines without measure options: the timing is only diagnostics.
  }
  return end;
}

const EDITABLE = 'input, textarea, select, [contenteditable]:not([contenteditable="false"])';

export function createPageController(options: PageControllerOptions): PageController {
  const { doc, matcher, reference } = options;
  const win = doc.defaultView!;
  const detect = options.detect ?? ((d: Document) => detectArticle(d).nodes);
  const isOwn = options.isOwn ?? (() => false);
  const budget = options.chunkBudgetMs ?? 8;

  let settings = defaultSettings();
  let running = false;
  let generation = 0;
  let highlighter: Highlighter | null = null;
  let watcher: LivingWatcher | null = null;
  let scope: Element | null = null;
  /** The page's language and date, read on each full run: how its figures are read and dated. */
  let page: PageContext = {};
  /** Every matched item, including those of categories turned off (so turning one on is instant). */
  let known = new Set<HighlightItem>();
  let seen = new WeakSet<Text>();
  let work: Promise<void> = Promise.resolve();
  // The open card: its highlight, how it was opened, and its model (kept so the card can follow on scroll).
  let current: { item: HighlightItem; how: 'hover' | 'keyboard'; model: CardModel } | null = null;
  let lastFullRun = 0;
  let destroyed = false;

  /** Queued runs not yet finished: the summary says "settled" when there are none. */
  let pending = 0;
  /** Queues work after what is running; one failure (a hostile page) must not stop later runs. */
  function enqueue(task: () => Promise<void>): Promise<void> {
    pending++;
    work = work
      .then(task)
      .catch((error: unknown) => console.warn('Backstory:', error))
      .finally(() => {
        pending--;
        changed();
      });
    return work;
  }

  const shown = (category: MatchCategory) => settings.categories[category] !== false;

  // ---- reporting -------------------------------------------------------------------------------------
  let reportTimer: ReturnType<typeof setTimeout> | undefined;
  function changed() {
    if (!options.onChange) return;
    if (reportTimer !== undefined) clearTimeout(reportTimer);
    reportTimer = setTimeout(() => {
      if (!destroyed) options.onChange?.(summary());
    }, 30);
  }

  function summary(): PageSummary {
    const byCategory = Object.fromEntries(MATCH_CATEGORIES.map((c) => [c, 0])) as Record<MatchCategory, number>;
    const items = new Map<string, FoundItem>();
    for (const item of highlighter?.items() ?? []) {
      const { category, referenceId } = item.match;
      byCategory[category]++;
      const key = `${category} ${referenceId}`;
      const found = items.get(key);
      if (found) found.count++;
      else items.set(key, { referenceId, category, label: reference.label(referenceId), count: 1 });
    }
    return {
      url: win.location.href,
      site: siteKey(win.location.hostname),
      active: running,
      settled: pending === 0,
      mode: highlighter?.mode ?? expectedMode(),
      total: highlighter?.size ?? 0,
      byCategory,
      items: [...items.values()],
    };
  }

  /** The mode a highlighter would use here, for the summary while Backstory is off on this site. */
  function expectedMode(): 'css' | 'wrap' {
    return !options.forceWrap && supportsCustomHighlights(win) ? 'css' : 'wrap';
  }

  // ---- painting --------------------------------------------------------------------------------------
  function paint(found: MatchRange[]) {
    const items: HighlightItem[] = found.map(({ match, range }) => ({ match, range, nodes: textNodesIn(range) }));
    for (const item of items) known.add(item);
    highlighter?.add(items.filter((item) => shown(item.match.category)));
  }

  async function paintChunked(found: MatchRange[], gen: number) {
    // Wrapping re-wraps everything on each add, so it paints in one go; CSS highlights paint in time-boxed chunks.
    if (highlighter?.mode === 'wrap') paint(found);
    else await forEachChunk(found, (slice) => paint(slice as MatchRange[]), { budgetMs: budget, cancelled: () => gen !== generation });
    changed();
  }

  function ensureRunning() {
    if (running) return;
    running = true;
    watcher = watchPage(doc.documentElement, onPageChanges, { quietMs: options.livingQuietMs ?? 150, isOwn: (n) => isOwn(n) || isInsideOwn(n) });
    highlighter = createHighlighter(doc, { forceWrap: options.forceWrap ?? false, mutate: (change) => (watcher ? watcher.ignoring(change) : change()) });
    addListeners();
  }

  function isInsideOwn(node: Node): boolean {
    for (let n: Node | null = node; n; n = n.parentNode) if (isOwn(n)) return true;
    return false;
  }

  function stop() {
    generation++;
    if (fullRunTimer !== undefined) clearTimeout(fullRunTimer);
    fullRunTimer = undefined;
    running = false;
    closeCard();
    removeListeners();
    // Highlighter first: in wrap mode its undo runs through the watcher, which must still be there to ignore it.
    highlighter?.destroy();
    highlighter = null;
    watcher?.disconnect();
    watcher = null;
    known = new Set();
    seen = new WeakSet();
    scope = null;
    changed();
  }

  async function fullRun(): Promise<void> {
    const gen = ++generation;
    closeCard();
    highlighter?.remove([...known]);
    known = new Set();
    seen = new WeakSet();
    lastFullRun = Date.now();
    watcher?.flush(); // page changes so far are part of this run
    let t = now();
    const nodes = detect(doc).filter((n) => !isInsideOwn(n));
    scope = articleScope(nodes);
    page = readPageContext(doc);
    t = measure('backstory:detect', t);
    await yieldToMain();
    if (gen !== generation) return;
    // A page without article text (an app, a search page) costs detection and nothing more.
    if (nodes.length === 0) return;
    // The matcher's tables are built once per page, in a task of their own rather than on top of the first match.
    t = now();
    matcher.prepare();
    measure('backstory:setup', t);
    await yieldToMain();
    if (gen !== generation) return;
    t = now();
    const map = buildTextMap(nodes);
    for (const n of nodes) seen.add(n);
    measure('backstory:text map', t);
    // An ordinary article is matched in one pass (the matcher sees all of it, for figure relevance); a very
    // long page is matched a few paragraphs at a time, yielding in between, so no task runs long.
    // Wrapping re-wraps everything on each paint, so in that mode the spans are painted together at the end.
    const wrapping = highlighter?.mode === 'wrap';
    const held: MatchRange[] = [];
    for (const span of blockSpans(map.text, MATCH_SPAN_CHARS)) {
      await yieldToMain();
      if (gen !== generation) return;
      t = now();
      const found = rangesForMatches(map, matchSpan(map, matcher, span, page));
      t = measure('backstory:match', t);
      if (wrapping) held.push(...found);
      else await paintChunked(found, gen);
      measure('backstory:highlight', t);
    }
    if (wrapping && gen === generation) await paintChunked(held, gen);
  }

  let fullRunTimer: ReturnType<typeof setTimeout> | undefined;
  /** A full re-run, at most once a second (a page still rendering mutates constantly), never dropped. */
  function scheduleFullRun() {
    if (fullRunTimer !== undefined) return;
    fullRunTimer = setTimeout(() => {
      fullRunTimer = undefined;
      if (running) void enqueue(fullRun);
    }, Math.max(0, lastFullRun + 1000 - Date.now()));
  }

  function onPageChanges(changes: PageChanges) {
    if (!running || !highlighter) return;
    // Stale highlights first: text the page removed or rewrote.
    if (changes.removed || changes.edited.size) {
      const stale = [...known].filter((item) => isStale(item) || item.nodes.some((n) => changes.edited.has(n)));
      for (const item of stale) known.delete(item);
      highlighter.remove(stale);
      if (current && stale.includes(current.item)) closeCard();
      for (const t of changes.edited) seen.delete(t);
      if (stale.length) changed();
    }
    const fresh = changes.texts.filter((t) => !seen.has(t));
    if (!fresh.length) return;
    if (!scope || !scope.isConnected) {
      // No article at first (an app still rendering), or the app replaced the whole article (client-side
      // navigation): look for it again, at most once a second.
      scheduleFullRun();
      return;
    }
    const texts = fresh.filter((t) => isArticleAddition(t, scope));
    if (!texts.length) return;
    for (const t of texts) seen.add(t);
    const gen = generation;
    void enqueue(async () => {
      if (gen !== generation) return;
      // The matcher judges a figure by the entities around it (its sentence, the paragraphs beside it), so
      // the added text is matched with the article text just before and after it as context; matches that
      // fall in that context are already painted and are dropped.
      const added = new Set(texts.filter((t) => t.isConnected));
      if (!added.size) return;
      const nodes = [...contextBefore(texts[0]!), ...added, ...contextAfter(texts[texts.length - 1]!)];
      const { map, matches } = annotateNodes(nodes, matcher, page);
      const found = rangesForMatches(map, matches).filter(({ range }) => textNodesIn(range).every((n) => added.has(n)));
      await paintChunked(found, gen);
    });
  }

  /** Up to CONTEXT_CHARS of article text already read, just before `node` (document order). */
  function contextBefore(node: Text): Text[] {
    return contextWalk(node, (w) => w.previousNode()).reverse();
  }
  function contextAfter(node: Text): Text[] {
    return contextWalk(node, (w) => w.nextNode());
  }
  function contextWalk(node: Text, step: (w: TreeWalker) => Node | null): Text[] {
    if (!scope) return [];
    const walker = doc.createTreeWalker(scope, NodeFilter.SHOW_TEXT);
    walker.currentNode = node;
    const out: Text[] = [];
    let chars = 0;
    for (let n = step(walker) as Text | null; n && chars < CONTEXT_CHARS; n = step(walker) as Text | null) {
      if (!seen.has(n)) continue; // only article text (what detection or an earlier batch accepted)
      out.push(n);
      chars += n.data.length;
    }
    return out;
  }

  // ---- card, hover and keyboard ---------------------------------------------------------------------
  function showCard(item: HighlightItem, how: 'hover' | 'keyboard') {
    const model = describeMatch(reference, item.match);
    if (!model || !options.card) return;
    current = { item, how, model };
    options.card.show(model, item.range.getBoundingClientRect(), how);
  }

  function closeCard() {
    if (current?.how === 'keyboard') highlighter?.setFocus(null);
    current = null;
    cancelHide();
    options.card?.hide();
  }

  function focusItem(item: HighlightItem) {
    highlighter?.setFocus(item);
    const rect = item.range.getBoundingClientRect();
    if (rect.top < 0 || rect.bottom > win.innerHeight || rect.left < 0 || rect.right > win.innerWidth) {
      const el = item.range.startContainer.parentElement;
      el?.scrollIntoView({ block: 'center', inline: 'nearest', behavior: 'instant' as ScrollBehavior });
    }
    showCard(item, 'keyboard');
  }

  function step(direction: 1 | -1): boolean {
    const list = highlighter?.items() ?? [];
    if (!list.length) return false;
    let index = current ? list.indexOf(current.item) : -1;
    if (index < 0) {
      // Start where the reader is: the first highlight in view (or after it), not the top of the page.
      const firstVisible = list.findIndex((i) => i.range.getBoundingClientRect().bottom >= 0);
      index = direction === 1 ? (firstVisible < 0 ? 0 : firstVisible) - 1 : (firstVisible < 0 ? list.length : firstVisible);
    }
    const next = list[(index + direction + list.length) % list.length]!;
    focusItem(next);
    return true;
  }

  function reveal(referenceId: string): boolean {
    const list = (highlighter?.items() ?? []).filter((i) => i.match.referenceId === referenceId);
    if (!list.length) return false;
    const at = current ? list.indexOf(current.item) : -1;
    focusItem(list[(at + 1) % list.length]!);
    return true;
  }

  let hoverTimer: ReturnType<typeof setTimeout> | undefined;
  let hideTimer: ReturnType<typeof setTimeout> | undefined;
  let pointer = { x: 0, y: 0, target: null as EventTarget | null };
  const cancelHide = () => {
    if (hideTimer !== undefined) clearTimeout(hideTimer);
    hideTimer = undefined;
  };

  function hoverCheck() {
    hoverTimer = undefined;
    if (!highlighter) return;
    if (options.card?.owns(pointer.target)) return cancelHide();
    const item = highlighter.itemAt(pointer.x, pointer.y);
    if (item) {
      cancelHide();
      if (current?.item !== item) {
        if (current?.how === 'keyboard') highlighter.setFocus(null);
        showCard(item, 'hover');
      }
    } else if (current?.how === 'hover' && hideTimer === undefined) {
      // A short grace period lets the pointer travel from the highlight onto the card.
      hideTimer = setTimeout(() => {
        hideTimer = undefined;
        if (current?.how === 'hover') closeCard();
      }, 300);
    }
  }

  const onMouseMove = (e: MouseEvent) => {
    pointer = { x: e.clientX, y: e.clientY, target: e.target };
    // Debounced: hit-testing on every mousemove would cost frames on long pages.
    if (hoverTimer === undefined) hoverTimer = setTimeout(hoverCheck, options.hoverDelayMs ?? 60);
  };

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape' && current) {
      closeCard();
      return;
    }
    if (!e.altKey || !e.shiftKey || e.ctrlKey || e.metaKey) return;
    if (e.code !== 'KeyJ' && e.code !== 'KeyK') return;
    const target = e.target as Element | null;
    if (target?.closest?.(EDITABLE)) return; // never steal keys from what the reader is typing in
    if (step(e.code === 'KeyJ' ? 1 : -1)) e.preventDefault();
  };

  let scrollFrame = 0;
  const onScroll = () => {
    if (!current || scrollFrame) return;
    scrollFrame = win.requestAnimationFrame(() => {
      scrollFrame = 0;
      if (current) options.card?.show(current.model, current.item.range.getBoundingClientRect(), current.how);
    });
  };

  function addListeners() {
    win.addEventListener('mousemove', onMouseMove, { capture: true, passive: true });
    win.addEventListener('keydown', onKeyDown, { capture: true });
    win.addEventListener('scroll', onScroll, { capture: true, passive: true });
    win.addEventListener('resize', onScroll, { passive: true }); // reflow moves the highlight too
  }
  function removeListeners() {
    win.removeEventListener('mousemove', onMouseMove, { capture: true });
    win.removeEventListener('keydown', onKeyDown, { capture: true });
    win.removeEventListener('scroll', onScroll, { capture: true });
    win.removeEventListener('resize', onScroll);
    if (hoverTimer !== undefined) clearTimeout(hoverTimer);
    hoverTimer = undefined;
  }

  // ---- settings ----------------------------------------------------------------------------------------
  async function apply(next: Settings): Promise<void> {
    const before = settings;
    settings = next;
    const enabled = isSiteEnabled(next, win.location.hostname);
    if (!enabled) {
      if (running) stop();
      else changed();
      return;
    }
    if (!running) {
      ensureRunning();
      return enqueue(fullRun);
    }
    const hide: HighlightItem[] = [];
    const show: HighlightItem[] = [];
    for (const item of known) {
      const c = item.match.category;
      if (before.categories[c] !== false && !shown(c)) hide.push(item);
      else if (before.categories[c] === false && shown(c)) show.push(item);
    }
    if (current && hide.includes(current.item)) closeCard();
    highlighter!.remove(hide);
    highlighter!.add(show.filter((i) => !isStale(i)));
    changed();
  }

  return {
    apply,
    rerun() {
      if (!running) return Promise.resolve();
      return enqueue(fullRun);
    },
    summary,
    reveal,
    step,
    closeCard,
    async settle() {
      watcher?.flush();
      await work;
    },
    destroy() {
      stop();
      destroyed = true;
      if (reportTimer !== undefined) clearTimeout(reportTimer);
    },
    referenceAt(range) {
      for (const item of highlighter?.items() ?? []) {
        if (isStale(item)) continue;
        try {
          // Overlap: the item ends after the range starts (START_TO_END compares the item's end with the
          // range's start) and starts before the range ends (END_TO_START: its start with the range's end).
          if (item.range.compareBoundaryPoints(item.range.START_TO_END, range) <= 0) continue;
          if (item.range.compareBoundaryPoints(item.range.END_TO_START, range) >= 0) continue;
        } catch {
          continue; // a range in another document or shadow root overlaps nothing here
        }
        return { match: item.match, label: reference.label(item.match.referenceId) };
      }
      return null;
    },
  };
}
