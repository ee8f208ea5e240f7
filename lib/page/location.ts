// Single-page sites change their address without a load. This notices it by reading the committed URL when
// the browser says a navigation finished (the Navigation API's `navigatesuccess`, `popstate`, `hashchange`)
// and, for pushState where no event fires (browsers without the Navigation API), once a second. Every event
// only triggers a comparison with the last URL seen, so repeated or forged events cost a string compare.
import { ListenerCollection } from './listeners';

export interface LocationWatcher {
  stop(): void;
}

export function watchLocation(win: Window, onChange: (url: string, previous: string) => void, options: { pollMs?: number } = {}): LocationWatcher {
  const listeners = new ListenerCollection();
  let last = win.location.href;
  const check = () => {
    const now = win.location.href;
    if (now === last) return;
    const previous = last;
    last = now;
    onChange(now, previous);
  };
  const navigation = (win as Window & { navigation?: EventTarget }).navigation;
  if (navigation && typeof navigation.addEventListener === 'function') listeners.add(navigation, 'navigatesuccess', check);
  listeners.add(win, 'popstate', check);
  listeners.add(win, 'hashchange', check);
  const timer = setInterval(check, options.pollMs ?? 1000);
  return {
    stop() {
      clearInterval(timer);
      listeners.removeAll();
    },
  };
}
