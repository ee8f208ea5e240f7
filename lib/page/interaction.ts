// The reader and the highlights: the card opens on hover (after a short pause, closing again when the pointer
// leaves, with time to reach the card) and on keyboard focus (Alt+Shift+J / K, the popup's list), follows its
// highlight on scroll and resize, and Esc closes it. A card opened from the keyboard takes the focus (the
// presenter moves it into the card); closing it puts the reader's caret back at its highlight, so the keyboard
// carries on from where the card was opened.
import type { Highlighter, HighlightItem } from '../highlight/highlighter';
import { hasCard, type CardSubject } from '../highlight/card-model';
import type { Reference } from '../reference/lookup';
import { ListenerCollection } from './listeners';
import { Timer } from './schedule';

/** The card UI, injected so lib/ stays free of Preact and of the on-page host. */
export interface CardPresenter {
  /** Opens (or moves) the card on `subject`, which the card describes itself (lib/highlight/card-model.ts). */
  show(subject: CardSubject, anchor: DOMRect, how: 'hover' | 'keyboard'): void;
  hide(): void;
  readonly isOpen: boolean;
  /** Whether an event target is the card itself (moving the pointer onto the card keeps it open). */
  owns(target: EventTarget | null): boolean;
  /** Whether the keyboard focus is in the card. */
  readonly hasFocus: boolean;
}

export interface InteractionOptions {
  win: Window;
  reference: Reference;
  card?: CardPresenter;
  /** Pause before hit-testing the pointer (hit-testing on every mousemove would cost frames on long pages). */
  hoverDelayMs?: number;
}

export interface Interaction {
  /** Starts listening to the reader, over what `highlighter` paints. */
  start(highlighter: Highlighter): void;
  stop(): void;
  close(): void;
  /** Items taken down: the card closes if it was showing one. */
  forget(items: readonly HighlightItem[]): void;
  step(direction: 1 | -1): boolean;
  reveal(referenceId: string): boolean;
  /** The highlight whose card is open. */
  openItem(): HighlightItem | null;
}

// Never take keys from what the reader is typing in.
const EDITABLE = 'input, textarea, select, [contenteditable]:not([contenteditable="false"])';

// What takes the keyboard focus on its own: where a highlight lies inside one, the focus goes back to it.
const FOCUSABLE = 'a[href], button, input, select, textarea, summary, [tabindex], [contenteditable]:not([contenteditable="false"])';

/**
 * A shadow root, closed ones included where the extension runtime can open them (`chrome.dom` in Chromium,
 * `openOrClosedShadowRoot` on the element in Firefox); only open ones elsewhere.
 */
function shadowRootOf(el: Element): ShadowRoot | null {
  const firefox = (el as Element & { openOrClosedShadowRoot?: () => ShadowRoot | null }).openOrClosedShadowRoot;
  if (typeof firefox === 'function') return firefox.call(el);
  const chromium = (globalThis as { chrome?: { dom?: { openOrClosedShadowRoot?: (e: Element) => ShadowRoot | null } } }).chrome?.dom;
  if (typeof chromium?.openOrClosedShadowRoot === 'function') return chromium.openOrClosedShadowRoot(el);
  return el.shadowRoot;
}

/**
 * Whether a key goes to something the reader is typing in. `e.target` is retargeted to the host of a page's
 * web component, so the check starts from the innermost target (`composedPath()[0]`) and, where that is a host
 * (a closed shadow root hides what is inside it from the path), follows the focus into its shadow roots.
 */
function isTyping(e: KeyboardEvent): boolean {
  let el = (e.composedPath?.()[0] ?? e.target) as Element | null;
  for (let depth = 0; el && depth < 32; depth++) {
    if (el.closest?.(EDITABLE) || (el as HTMLElement).isContentEditable) return true;
    const inner = el.nodeType === 1 ? shadowRootOf(el)?.activeElement ?? null : null;
    if (!inner || inner === el) break;
    el = inner;
  }
  return el?.ownerDocument?.designMode === 'on';
}

/** How long a hover card stays after the pointer leaves its highlight, so the pointer can reach the card. */
const HIDE_GRACE_MS = 300;

export function createInteraction(options: InteractionOptions): Interaction {
  const { win, reference, card } = options;
  const listeners = new ListenerCollection();
  let highlighter: Highlighter | null = null;
  // The open card: its highlight, how it was opened, and what it is about (kept so the card can follow on scroll).
  let current: { item: HighlightItem; how: 'hover' | 'keyboard'; subject: CardSubject } | null = null;
  /** The highlight whose keyboard card was closed last: the next step goes on from there. */
  let resumeAt: HighlightItem | null = null;
  let pointer = { x: 0, y: 0, target: null as EventTarget | null };
  let scrollFrame = 0;
  const hover = new Timer(hoverCheck);
  const hideLater = new Timer(() => {
    if (current?.how === 'hover') close();
  });

  function show(item: HighlightItem, how: 'hover' | 'keyboard') {
    if (!card || !hasCard(reference, item.match)) return;
    const subject = { reference, match: item.match };
    current = { item, how, subject };
    card.show(subject, item.range.getBoundingClientRect(), how);
  }

  function close() {
    if (current?.how === 'keyboard') {
      highlighter?.setFocus(null);
      resumeAt = current.item;
    }
    const returnTo = card?.hasFocus ? current?.item.range : undefined;
    current = null;
    hideLater.cancel();
    card?.hide();
    if (returnTo) focusAt(returnTo);
  }

  /**
   * The keyboard back on the page at a highlight, as a dialog gives the focus back to what opened it: the
   * focusable element around the highlight, or else its element made focusable for the moment it takes to focus
   * it (the attribute goes at once, so the page is left as it was), which is where Tab goes on from; and the
   * caret at the highlight's start, for caret browsing.
   */
  function focusAt(range: Range) {
    const doc = win.document;
    const start = range.startContainer;
    const element = start.nodeType === Node.ELEMENT_NODE ? (start as Element) : start.parentElement;
    const focusable = element?.closest<HTMLElement>(FOCUSABLE);
    try {
      if (focusable) {
        focusable.focus({ preventScroll: true });
      } else if (element) {
        element.setAttribute('tabindex', '-1');
        (element as HTMLElement).focus({ preventScroll: true });
        element.removeAttribute('tabindex');
      }
      doc.getSelection()?.collapse(range.startContainer, range.startOffset);
    } catch {
      // The page took the text away meanwhile.
    }
  }

  function focus(item: HighlightItem) {
    highlighter?.setFocus(item);
    const rect = item.range.getBoundingClientRect();
    if (rect.top < 0 || rect.bottom > win.innerHeight || rect.left < 0 || rect.right > win.innerWidth) {
      const el = item.range.startContainer.parentElement;
      el?.scrollIntoView({ block: 'center', inline: 'nearest', behavior: 'instant' as ScrollBehavior });
    }
    show(item, 'keyboard');
  }

  function step(direction: 1 | -1): boolean {
    const list = highlighter?.items() ?? [];
    if (!list.length) return false;
    let index = current ? list.indexOf(current.item) : resumeAt ? list.indexOf(resumeAt) : -1;
    if (index < 0) {
      // Start where the reader is: the first highlight in view (or after it), not the top of the page.
      const firstVisible = list.findIndex((i) => i.range.getBoundingClientRect().bottom >= 0);
      index = direction === 1 ? (firstVisible < 0 ? 0 : firstVisible) - 1 : firstVisible < 0 ? list.length : firstVisible;
    }
    focus(list[(index + direction + list.length) % list.length]!);
    return true;
  }

  function reveal(referenceId: string): boolean {
    const list = (highlighter?.items() ?? []).filter((i) => i.match.referenceId === referenceId);
    if (!list.length) return false;
    const at = current ? list.indexOf(current.item) : -1;
    focus(list[(at + 1) % list.length]!);
    return true;
  }

  function hoverCheck() {
    if (!highlighter) return;
    if (card?.owns(pointer.target)) return hideLater.cancel();
    const item = highlighter.itemAt(pointer.x, pointer.y);
    if (item) {
      hideLater.cancel();
      if (current?.item !== item) {
        if (current?.how === 'keyboard') highlighter.setFocus(null);
        show(item, 'hover');
      }
    } else if (current?.how === 'hover') {
      hideLater.startIfIdle(HIDE_GRACE_MS);
    }
  }

  const onMouseMove = (e: MouseEvent) => {
    pointer = { x: e.clientX, y: e.clientY, target: e.target };
    hover.startIfIdle(options.hoverDelayMs ?? 60);
  };

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape' && current) {
      close();
      return;
    }
    if (!e.altKey || !e.shiftKey || e.ctrlKey || e.metaKey) return;
    if (e.code !== 'KeyJ' && e.code !== 'KeyK') return;
    if (isTyping(e)) return;
    if (step(e.code === 'KeyJ' ? 1 : -1)) e.preventDefault();
  };

  // Scrolling and reflow move the highlight: the card follows, once a frame.
  const onScroll = () => {
    if (!current || scrollFrame) return;
    scrollFrame = win.requestAnimationFrame(() => {
      scrollFrame = 0;
      if (current) card?.show(current.subject, current.item.range.getBoundingClientRect(), current.how);
    });
  };

  return {
    start(h) {
      highlighter = h;
      listeners.add(win, 'mousemove', onMouseMove, { capture: true, passive: true });
      listeners.add(win, 'keydown', onKeyDown, { capture: true });
      listeners.add(win, 'scroll', onScroll, { capture: true, passive: true });
      listeners.add(win, 'resize', onScroll, { passive: true });
    },
    stop() {
      close();
      listeners.removeAll();
      hover.cancel();
      if (scrollFrame) win.cancelAnimationFrame(scrollFrame);
      scrollFrame = 0;
      highlighter = null;
      resumeAt = null;
    },
    close,
    forget(items) {
      if (resumeAt && items.includes(resumeAt)) resumeAt = null;
      if (current && items.includes(current.item)) close();
    },
    step,
    reveal,
    openItem: () => current?.item ?? null,
  };
}
