// Backstory's frame on web pages (the note tooltip, the inline composer): an extension page the content script
// shows in a closed shadow root, so note text stays out of the page's document. It connects to the content
// script of its own tab with the token the content script put in its address (components/FrameLayer.tsx).
import { render } from 'preact';
import { NoteFrame, type FrameConnection } from '@/components/NoteFrame';
import { FRAME_PORT_PREFIX, type ToFrame } from '@/lib/notes/frame-protocol';
import './style.css';

async function start(): Promise<void> {
  const token = location.hash.slice(1);
  // Opened by anything but Backstory's content script (a page loading this file itself): nothing to show.
  if (!/^[0-9a-f]{32}$/.test(token)) return;
  const tab = await browser.tabs.getCurrent();
  if (tab?.id === undefined) return;
  const port = browser.tabs.connect(tab.id, { name: FRAME_PORT_PREFIX + token, frameId: 0 });
  // The content script may speak as soon as the port opens, before the view listens: those messages wait here.
  let deliver: ((message: ToFrame) => void) | null = null;
  const early: ToFrame[] = [];
  port.onMessage.addListener((message) => (deliver ? deliver(message as ToFrame) : early.push(message as ToFrame)));
  const connection: FrameConnection = {
    post: (message) => port.postMessage(message),
    listen(listener) {
      deliver = listener;
      for (const message of early.splice(0)) listener(message);
    },
  };
  render(<NoteFrame connection={connection} />, document.getElementById('app')!);
}

void start();
