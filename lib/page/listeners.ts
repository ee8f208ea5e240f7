// Event listeners added as one collection and removed together, so stopping (Backstory turned off on a site,
// the content script unloaded) can never leave one behind.

interface Entry {
  target: EventTarget;
  type: string;
  listener: EventListener;
  capture: boolean;
}

export class ListenerCollection {
  private entries: Entry[] = [];

  add<E extends Event = Event>(target: EventTarget, type: string, listener: (event: E) => void, options: AddEventListenerOptions = {}): void {
    const entry: Entry = { target, type, listener: listener as EventListener, capture: options.capture ?? false };
    target.addEventListener(type, entry.listener, options);
    this.entries.push(entry);
  }

  removeAll(): void {
    for (const { target, type, listener, capture } of this.entries) target.removeEventListener(type, listener, capture);
    this.entries = [];
  }
}
