// The one way Backstory puts UI on someone else's page (the card, the adder, and the frame that holds the note
// tooltip and the composer): the shadow root of a host element appended to <html>, which Preact renders into
// (preact-layer.ts) or a frame is put in. No Preact here: the frames' layers are in the content script every page
// loads, the Preact layers in a part it loads on first use (lib/page/parts.ts).
// - The host is a plain <div>, never a custom element name: a page can define a custom element before we create
//   it and take over its shadow root, but it cannot redefine a built-in element.
// - It is created on first use, inside try/catch: a document that refuses a shadow root (XML, SVG) gets no UI
//   and nothing breaks.
// - The shadow root's `:host` rule resets everything with `!important`, which beats the page's rules for the
//   host (important or not), so page CSS can neither hide nor restyle it; our styles stay inside.
/** Marks a host (tests look for it; it says nothing a page could use). */
export const LAYER_ATTRIBUTE = 'data-backstory-layer';

const HOST_CSS = `:host { all: initial !important; position: fixed !important; inset: 0 auto auto 0 !important;
  width: 0 !important; height: 0 !important; z-index: 2147483647 !important; display: block !important; contain: layout style; }`;

// One registry for every copy of this module in the content script's world: the content script and the part that
// draws the card and the adder are bundled apart, and each asks whether a node is any layer's host. The world is the
// content script's own (its global is not the page's), so the page can neither read nor add to it.
const HOSTS = '__backstoryLayerHosts';
const scope = globalThis as unknown as Record<typeof HOSTS, WeakSet<Node> | undefined>;
const hosts: WeakSet<Node> = (scope[HOSTS] ??= new WeakSet<Node>());

/** Whether a node is a layer's host: Backstory's, never the page's content. */
export function isLayerHost(node: Node): boolean {
  return hosts.has(node);
}

export interface ShadowLayerOptions {
  /** The LAYER_ATTRIBUTE value. */
  name: string;
  /** Styles for what is rendered inside. */
  css: string;
  /** 'closed' where the content is the reader's own (notes): the page's scripts cannot reach into it. */
  mode: ShadowRootMode;
  /** Empties the mount element before the host leaves the page (a Preact tree is unmounted, its effects ended). */
  empty?: (mount: HTMLElement) => void;
}

export interface ShadowLayer {
  /** Puts the host on the page and returns the mount element, or null where the document allows no layer. */
  attach(): HTMLElement | null;
  /** Empties the layer and takes its host off the page. */
  remove(): void;
  /** Whether the host is on the page. */
  readonly attached: boolean;
  /** Whether an event target is this layer's host (events from inside a shadow root are retargeted to it). */
  owns(target: EventTarget | null): boolean;
  destroy(): void;
}

export function mountShadowLayer(doc: Document, options: ShadowLayerOptions): ShadowLayer {
  let host: HTMLElement | null = null;
  let mount: HTMLElement | null = null;
  let failed = false;

  function create(): HTMLElement | null {
    if (mount || failed) return mount;
    try {
      const el = doc.createElement('div');
      el.setAttribute(LAYER_ATTRIBUTE, options.name);
      const shadow = el.attachShadow({ mode: options.mode });
      const style = doc.createElement('style');
      style.textContent = `${HOST_CSS}\n${options.css}`;
      const inner = doc.createElement('div');
      shadow.append(style, inner);
      hosts.add(el);
      host = el;
      mount = inner;
    } catch {
      failed = true;
    }
    return mount;
  }

  function remove() {
    if (mount) options.empty?.(mount);
    host?.remove();
  }

  return {
    attach() {
      const target = create();
      if (!target || !host) return null;
      try {
        if (!host.isConnected) doc.documentElement.append(host);
      } catch {
        return null;
      }
      return target;
    },
    remove,
    get attached() {
      return !!host?.isConnected;
    },
    owns(target) {
      return target !== null && target === host;
    },
    destroy() {
      remove();
      host = null;
      mount = null;
    },
  };
}

/** Places `el` (fixed) next to `anchor`: below it when it fits, else above; kept inside the viewport. */
export function placeNear(el: HTMLElement, anchor: DOMRect, win: Window, gap = 8): void {
  const { width, height } = el.getBoundingClientRect();
  const at = placeBox({ width, height }, anchor, win, gap)!;
  el.style.top = `${at.top}px`;
  el.style.left = `${at.left}px`;
}

export interface Box {
  width: number;
  height: number;
}

const overlaps = (a: { left: number; top: number; right: number; bottom: number }, b: DOMRect) =>
  a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

/**
 * Where a box of `size` goes next to `anchor` (viewport coordinates): below it when it fits, else above, kept
 * inside the viewport. With `avoid` (Backstory's other boxes: the card, the adder), only a place that covers
 * none of them: below or above, whichever is clear; null when neither is.
 */
export function placeBox(size: Box, anchor: DOMRect, win: Window, gap = 8, avoid: readonly (DOMRect | null)[] = []): { left: number; top: number } | null {
  const { width, height } = size;
  const left = Math.max(gap, Math.min(anchor.left, win.innerWidth - width - gap));
  const clamp = (top: number) => Math.max(gap, Math.min(top, win.innerHeight - height - gap));
  const below = clamp(anchor.bottom + gap);
  const above = clamp(anchor.top - gap - height);
  const fitsBelow = anchor.bottom + gap + height <= win.innerHeight - gap || anchor.top - gap - height < gap;
  const order = fitsBelow ? [below, above] : [above, below];
  const obstacles = avoid.filter((r): r is DOMRect => r !== null);
  for (const top of order) {
    const box = { left, top, right: left + width, bottom: top + height };
    if (!obstacles.some((o) => overlaps(box, o))) return { left, top };
  }
  return null;
}
