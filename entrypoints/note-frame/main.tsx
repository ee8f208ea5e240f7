// Backstory's frame on web pages (the note tooltip, the inline composer): an extension page the content script
// shows in a closed shadow root, so note text stays out of the page's document. It opens a port named with the
// token the content script put in its address; the background joins it to the content script of the frame's own
// tab (entrypoints/background/frames.ts), which answers only the token of a frame it opened.
import { render } from 'preact';
import { NoteFrame, type FrameConnection } from '@/components/NoteFrame';
import { FRAME_PORT_PREFIX, type ToFrame } from '@/lib/notes/frame-protocol';
import './style.css';

type Port = ReturnType<typeof browser.runtime.connect>;

const token = location.hash.slice(1);

// Opened by anything but Backstory's content script (a page loading this file itself): no token, nothing to do.
if (/^[0-9a-f]{32}$/.test(token)) {
  // The content script may speak as soon as the port opens, before the view listens: those messages wait here.
  let deliver: ((message: ToFrame) => void) | null = null;
  const early: ToFrame[] = [];
  const receive = (message: unknown) => (deliver ? deliver(message as ToFrame) : early.push(message as ToFrame));
  let holding = false;
  let port: Port | null = null;

  /** Opens the port; Chrome closes it when it stops an idle background, and a frame holding the reader's words opens it again. */
  const open = (): Port | null => {
    let opened: Port;
    try {
      opened = browser.runtime.connect({ name: FRAME_PORT_PREFIX + token });
    } catch {
      return null; // the extension was updated or removed: this frame is done
    }
    opened.onMessage.addListener(receive);
    opened.onDisconnect.addListener(() => {
      if (port !== opened) return;
      port = holding ? open() : null;
    });
    return opened;
  };
  port = open();

  const connection: FrameConnection = {
    post(message) {
      port ??= holding ? open() : null;
      port?.postMessage(message);
    },
    listen(listener) {
      deliver = listener;
      for (const message of early.splice(0)) listener(message);
    },
    hold(on) {
      holding = on;
    },
  };
  render(<NoteFrame connection={connection} />, document.getElementById('app')!);
}
