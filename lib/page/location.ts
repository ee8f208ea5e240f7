// Single-page sites change their address without a load. This notices it by reading the committed URL when
// the browser says a navigation finished (the Navigation API's `navigatesuccess`, `popstate`, `hashchange`)
// and, for pushState where no event fires (browsers without the Navigation API), once a second. Every event
// only triggers a comparison with the last URL seen, so repeated or forged events cost a string compare.
//
// A change is reported once the address has stayed put for `quietMs` (the app has had a moment to render the
// new article), and at most once per `maxWaitMs` while it keeps moving: a page that rewrites its address
// thousands of times costs a handful of reports, and an address that comes back to where it was reports nothing.
import { ListenerCollection } from './listeners';
import { Timer } from './schedule';

export interface LocationWatcher {
  /** Reports a pending change now (tests, settling). */
  flush(): void;
  stop(): void;
}

export interface LocationOptions {
  /** How often the address is read when no event says it changed. */
  pollMs?: number;
  /** How long the address must stay the same before a change is reported. */
  quietMs?: number;
  /** The longest a change waits while the address keeps moving. */
  maxWaitMs?: number;
}

export function watchLocation(win: Window, onChange: (url: string, previous: string) => void, options: LocationOptions = {}): LocationWatcher {
  const listeners = new ListenerCollection();
  const quietMs = options.quietMs ?? 300;
  const maxWaitMs = options.maxWaitMs ?? 2000;
  /** The address last reported (or found at start). */
  let reported = win.location.href;
  /** The address last read. */
  let seen = reported;
  /** When the first unreported change was seen; 0 when none is pending. */
  let pendingSince = 0;

  const report = new Timer(() => {
    pendingSince = 0;
    const now = win.location.href;
    seen = now;
    if (now === reported) return;
    const previous = reported;
    reported = now;
    onChange(now, previous);
  });

  const check = () => {
    const now = win.location.href;
    if (now === seen) return;
    seen = now;
    const at = Date.now();
    if (!pendingSince) pendingSince = at;
    report.start(Math.max(0, Math.min(quietMs, pendingSince + maxWaitMs - at)));
  };

  const navigation = (win as Window & { navigation?: EventTarget }).navigation;
  if (navigation && typeof navigation.addEventListener === 'function') listeners.add(navigation, 'navigatesuccess', check);
  listeners.add(win, 'popstate', check);
  listeners.add(win, 'hashchange', check);
  const timer = setInterval(check, options.pollMs ?? 1000);
  return {
    flush() {
      check();
      report.runNow();
    },
    stop() {
      clearInterval(timer);
      report.cancel();
      listeners.removeAll();
    },
  };
}
