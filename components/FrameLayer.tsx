// Backstory's own page (entrypoints/note-frame) in a frame on someone else's page: where the note tooltip and the
// inline composer show a note's text, so it is never in the page's document. The frame is an extension page
// (chrome-extension:// or moz-extension://), so the page can neither read into it nor hear the keys typed there;
// its element sits in a closed shadow root (ShadowLayer.tsx), so the page cannot reach the element either.
//
// The frame carries a random token in its address (the fragment, never sent anywhere). Once loaded it opens a port
// named with that token, which the background joins to this tab's content script (entrypoints/background/
// frames.ts); only a port from this extension with the token of a frame opened here is answered. Messages go over
// that port, never through postMessage, which the page hears.
import type { FromFrame, ToFrame } from '@/lib/notes/frame-protocol';
import { FRAME_PORT_PREFIX, newFrameToken, parseFromFrame } from '@/lib/notes/frame-protocol';
import { mountShadowLayer } from './ShadowLayer';
import { Timer } from '@/lib/page/schedule';

/** The part of a runtime.Port a frame layer uses. */
export interface FramePort {
  name: string;
  sender?: { id?: string };
  postMessage(message: unknown): void;
  onMessage: { addListener(listener: (message: unknown) => void): void };
  onDisconnect: { addListener(listener: () => void): void };
  disconnect(): void;
}

/** Where frames come from: the extension's frame page, and the ports frames open to this content script. */
export interface FrameSource {
  /** The frame page's address (Chrome's per-session dynamic address where there is one). */
  url: string;
  /** Calls `listener` for every port opened to this content script; returns what stops listening. */
  onConnect(listener: (port: FramePort) => void): () => void;
  /** This extension's id: a port from anything else is never answered. */
  extensionId: string;
}

export interface FrameBox {
  left: number;
  top: number;
  width: number;
  height: number;
}

export interface FrameLayerOptions {
  /** The layer's name (LAYER_ATTRIBUTE). */
  name: string;
  /** The frame's accessible name. */
  title: string;
  /** Whether the reader works in it (the composer); a tooltip lets the pointer through and is never tabbed to. */
  interactive: boolean;
  /** Styles for the frame element (its shadow and corners: the frame's own page cannot draw outside itself). */
  css: string;
  /** Whether the frame now holds words the reader typed (it then reconnects rather than being loaded again). */
  holdsWords?: () => boolean;
  source: FrameSource;
}

export interface FrameLayer {
  /** Sends to the frame, loading it first if needed; messages wait until it has connected. */
  send(message: ToFrame): void;
  onMessage(listener: (message: FromFrame) => void): void;
  /** Shows the frame at `box` (viewport coordinates), or hides it with null. */
  show(box: FrameBox | null): void;
  /** Moves the keyboard focus into the frame (the frame then focuses its field, on a `focus` message). */
  focus(): void;
  readonly visible: boolean;
  /** Where the frame is on the screen while shown. */
  rect(): DOMRect | null;
  /** Whether an event target is this layer's host (events from inside the shadow root are retargeted to it). */
  owns(target: EventTarget | null): boolean;
  /** Loads the frame ahead of its first use, so the first tooltip shows without waiting for it. */
  prepare(): void;
  destroy(): void;
}

const RECONNECT_MS = 5000;

const LAYER_CSS = `iframe { position: fixed; margin: 0; padding: 0; border: 0; background: transparent; color-scheme: normal;
  visibility: hidden; left: 0; top: 0; width: 0; height: 0; display: block; }
iframe.shown { visibility: visible; }`;

export function mountFrameLayer(doc: Document, options: FrameLayerOptions): FrameLayer {
  const { source } = options;
  const layer = mountShadowLayer(doc, { name: options.name, css: `${LAYER_CSS}\n${options.css}`, mode: 'closed' });
  const listeners: ((message: FromFrame) => void)[] = [];
  let frame: HTMLIFrameElement | null = null;
  let token = '';
  let port: FramePort | null = null;
  let queue: ToFrame[] = [];
  let box: FrameBox | null = null;
  let stopListening: (() => void) | null = null;
  /** A frame that does not come back within this long is gone (the extension was updated): a new one loads next. */
  const reconnect = new Timer(() => unload());

  function onConnect(candidate: FramePort) {
    if (!token || candidate.name !== FRAME_PORT_PREFIX + token || candidate.sender?.id !== source.extensionId) return;
    // One port per frame: a second one with the same token is not the frame we opened.
    if (port) {
      candidate.disconnect();
      return;
    }
    port = candidate;
    candidate.onMessage.addListener((raw) => {
      const message = parseFromFrame(raw);
      if (message && port === candidate) for (const l of listeners) l(message);
    });
    candidate.onDisconnect.addListener(() => {
      if (port !== candidate) return;
      port = null;
      // Chrome stops an idle background, and the port through it closes. A frame holding the reader's words (an
      // open composer) opens a new one at once, under the same token; any other is loaded afresh when next needed.
      if (options.holdsWords?.()) reconnect.start(RECONNECT_MS);
      else unload();
    });
    reconnect.cancel();
    const waiting = queue;
    queue = [];
    for (const m of waiting) candidate.postMessage(m);
  }

  function load(): boolean {
    if (frame) return true;
    const mount = layer.attach();
    if (!mount) return false;
    stopListening ??= source.onConnect(onConnect);
    token = newFrameToken();
    const el = doc.createElement('iframe');
    el.title = options.title;
    if (!options.interactive) {
      el.tabIndex = -1;
      el.style.pointerEvents = 'none';
    }
    el.src = `${source.url}#${token}`;
    mount.replaceChildren(el);
    frame = el;
    return true;
  }

  /** The frame went away (reloaded, the extension updated): the next use loads a new one under a new token. */
  function unload() {
    reconnect.cancel();
    port = null;
    queue = [];
    token = '';
    frame?.remove();
    frame = null;
    box = null;
  }

  return {
    send(message) {
      if (!load()) return;
      if (port) port.postMessage(message);
      else queue.push(message);
    },
    onMessage(listener) {
      listeners.push(listener);
    },
    show(next) {
      box = next;
      if (!frame) return;
      if (!next) {
        frame.classList.remove('shown');
        return;
      }
      Object.assign(frame.style, { left: `${next.left}px`, top: `${next.top}px`, width: `${next.width}px`, height: `${next.height}px` });
      frame.classList.add('shown');
    },
    focus() {
      frame?.focus();
    },
    get visible() {
      return !!frame && box !== null;
    },
    rect() {
      return frame && box ? new DOMRect(box.left, box.top, box.width, box.height) : null;
    },
    owns: (target) => layer.owns(target),
    prepare() {
      load();
    },
    destroy() {
      port?.disconnect();
      unload();
      stopListening?.();
      stopListening = null;
      layer.destroy();
    },
  };
}
