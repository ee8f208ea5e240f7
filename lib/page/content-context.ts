// Backstory's stand-in for WXT's ContentScriptContext: wxt.config.ts resolves `wxt/utils/content-script-context`
// to this file, so the content script WXT wraps gets this context instead of WXT's.
//
// WXT's context talks to other copies of itself through the page: it dispatches a
// `<extension id>:content:wxt:content-script-started` event on the document and posts the same name with
// window.postMessage, and it invalidates itself when it hears that event. A page therefore learns the extension's
// id from its own `message` listener and can switch Backstory off by dispatching the event. This context has the
// same methods (the ones a content script calls) and no page-visible channel at all: its lifetime is
// lib/page/lifetime.ts (an earlier copy found in the isolated world, the extension runtime asked whether it is
// still there).
import { beginLifetime, type Lifetime } from './lifetime';

type RuntimeHolder = { runtime?: { id?: string } } | undefined;

/** Whether this copy of the content script is still connected to its extension (an orphan's runtime has no id). */
function extensionAlive(): boolean {
  try {
    const g = globalThis as unknown as { chrome?: RuntimeHolder; browser?: RuntimeHolder };
    return Boolean(g.chrome?.runtime?.id ?? g.browser?.runtime?.id);
  } catch {
    return false;
  }
}

export interface ContextLifetimeOptions {
  isAlive?: () => boolean;
  /** The content script's global; `globalThis` by default. */
  scope?: object;
  pollMs?: number;
}

export class ContentScriptContext {
  private readonly controller = new AbortController();
  private lifetime: Lifetime | null = null;
  private readonly isAlive: () => boolean;
  private readonly lifetimeOptions: ContextLifetimeOptions;

  /** WXT calls this with the entrypoint's name and options; the third argument is for tests. */
  constructor(
    readonly contentScriptName: string,
    readonly options?: unknown,
    lifetime: ContextLifetimeOptions = {},
  ) {
    this.isAlive = lifetime.isAlive ?? extensionAlive;
    this.lifetimeOptions = lifetime;
  }

  /**
   * The lifetime begins with the first thing that must end with it: a frame where the script returns at once
   * (Backstory runs in the top frame only) keeps no timer and ends no earlier copy.
   */
  private begin(): Lifetime {
    this.lifetime ??= beginLifetime({
      scope: this.lifetimeOptions.scope ?? globalThis,
      isAlive: this.isAlive,
      doc: typeof document === 'undefined' ? undefined : document,
      pollMs: this.lifetimeOptions.pollMs,
      onEnd: () => this.controller.abort('Content script context invalidated'),
    });
    return this.lifetime;
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  get isInvalid(): boolean {
    if (!this.signal.aborted && !this.isAlive()) this.begin().end();
    return this.signal.aborted;
  }

  get isValid(): boolean {
    return !this.isInvalid;
  }

  abort(_reason?: unknown): void {
    this.begin().end();
  }

  notifyInvalidated(): void {
    this.begin().end();
  }

  /** Calls `cb` when this copy ends; returns what removes it. */
  onInvalidated(cb: () => void): () => void {
    this.begin();
    this.signal.addEventListener('abort', cb);
    return () => this.signal.removeEventListener('abort', cb);
  }

  /** A promise that never settles, for work that must not go on after the end. */
  block<T>(): Promise<T> {
    return new Promise(() => {});
  }

  // The timer helpers: cancelled when this copy ends. A one-off's end listener goes when it has run, so a
  // page that navigates often does not collect one listener per timer (WXT's helpers keep each until the end).
  setTimeout(handler: () => void, timeout?: number): number {
    this.begin();
    const cancel = () => clearTimeout(id);
    const id = setTimeout(() => {
      this.signal.removeEventListener('abort', cancel);
      if (this.isValid) handler();
    }, timeout) as unknown as number;
    this.signal.addEventListener('abort', cancel, { once: true });
    return id;
  }

  setInterval(handler: () => void, timeout?: number): number {
    this.begin();
    const id = setInterval(() => {
      if (this.isValid) handler();
    }, timeout) as unknown as number;
    this.signal.addEventListener('abort', () => clearInterval(id), { once: true });
    return id;
  }

  requestAnimationFrame(callback: FrameRequestCallback): number {
    this.begin();
    const cancel = () => cancelAnimationFrame(id);
    const id = requestAnimationFrame((time) => {
      this.signal.removeEventListener('abort', cancel);
      if (this.isValid) callback(time);
    });
    this.signal.addEventListener('abort', cancel, { once: true });
    return id;
  }

  requestIdleCallback(callback: IdleRequestCallback, options?: IdleRequestOptions): number {
    this.begin();
    const cancel = () => cancelIdleCallback(id);
    const id = requestIdleCallback((deadline) => {
      this.signal.removeEventListener('abort', cancel);
      if (!this.signal.aborted) callback(deadline);
    }, options);
    this.signal.addEventListener('abort', cancel, { once: true });
    return id;
  }

  /** A listener removed when this copy ends. WXT's own `wxt:` events travel through the page: refused. */
  addEventListener(target: EventTarget, type: string, handler: EventListenerOrEventListenerObject, options?: AddEventListenerOptions): void {
    if (type.startsWith('wxt:')) throw new Error(`Backstory's content-script context has no "${type}" event: it would be visible to the page.`);
    this.begin();
    target.addEventListener(type, handler, { ...options, signal: this.signal });
  }
}
