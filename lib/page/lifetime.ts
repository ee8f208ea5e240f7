// How long Backstory runs in a page, decided only by what the page cannot reach.
//
// WXT's own content-script context announces each start to the page (a DOM event on the document and a
// window.postMessage, both named after the extension's id) and stops an earlier copy when it hears that event:
// any page script could read the id from the message and send the same event to switch Backstory off. Here an
// earlier copy is found through a symbol on the content script's own global (the isolated world: pages never
// see it), and a copy the browser cut off (the extension updated, reloaded or removed) notices it through the
// extension runtime, which no page can change.

/** Where the stop of the copy now running is kept: the content script's global object. */
export const RUNNING = Symbol.for('backstory.content-script.stop');

export interface LifetimeOptions {
  /** The content script's global (its isolated world), where the copy now running leaves its stop. */
  scope: object;
  /** Whether the extension is still there: false once the browser cut this copy off (`runtime.id` is gone). */
  isAlive: () => boolean;
  /** Called once when this copy ends, whatever ended it. */
  onEnd: () => void;
  /** How often to ask `isAlive` while the page is shown; an orphaned copy stops within this long. */
  pollMs?: number;
  /** For the visibility check (a tab brought back is asked at once); the scope's own window by default. */
  doc?: Document;
}

export interface Lifetime {
  /** Ends this copy now (idempotent). */
  end(): void;
  readonly ended: boolean;
}

/**
 * Starts the lifetime of this copy of the content script: an earlier copy in the same world is ended first
 * (one Backstory per page), and this one ends when the extension is gone or `end` is called.
 */
export function beginLifetime(options: LifetimeOptions): Lifetime {
  const scope = options.scope as Record<symbol, unknown>;
  const earlier = scope[RUNNING];
  if (typeof earlier === 'function') {
    try {
      (earlier as () => void)();
    } catch {
      // An earlier copy that cannot stop cleanly must not keep this one from starting.
    }
  }

  let ended = false;
  const doc = options.doc;
  const check = () => {
    if (!alive()) end();
  };
  const alive = () => {
    try {
      return options.isAlive();
    } catch {
      return false; // the runtime object itself is gone
    }
  };
  const timer = setInterval(check, options.pollMs ?? 1000);
  const onVisible = () => {
    if (doc?.visibilityState === 'visible') check();
  };
  doc?.addEventListener('visibilitychange', onVisible);

  function end() {
    if (ended) return;
    ended = true;
    clearInterval(timer);
    doc?.removeEventListener('visibilitychange', onVisible);
    if (scope[RUNNING] === end) delete scope[RUNNING];
    options.onEnd();
  }
  scope[RUNNING] = end;

  return {
    end,
    get ended() {
      return ended;
    },
  };
}
