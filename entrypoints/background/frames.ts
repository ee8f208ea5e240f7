// Joins Backstory's frame on a page (the note tooltip, the inline composer) to the content script of its tab. The
// frame cannot reach the content script itself (Firefox gives an extension page framed in a web page no `tabs` API),
// so it opens a port here, and this opens one with the same name to the top frame of the frame's own tab. Only
// Backstory's own pages framed in a tab are joined; the content script then answers only a token it made.
import { FRAME_PORT_PREFIX } from '@/lib/notes/frame-protocol';
import { isExtensionPage } from './sender';

export function startFrameRelay(): void {
  browser.runtime.onConnect.addListener((frame) => {
    if (!frame.name.startsWith(FRAME_PORT_PREFIX)) return;
    const tabId = frame.sender?.tab?.id;
    if (tabId === undefined || tabId < 0 || !frame.sender?.frameId || !isExtensionPage(frame.sender)) {
      frame.disconnect();
      return;
    }
    const page = browser.tabs.connect(tabId, { name: frame.name, frameId: 0 });
    frame.onMessage.addListener((message) => page.postMessage(message));
    page.onMessage.addListener((message) => frame.postMessage(message));
    // Either side gone (the frame unloaded, the page left): the other is told, and loads a new one when needed.
    frame.onDisconnect.addListener(() => page.disconnect());
    page.onDisconnect.addListener(() => frame.disconnect());
  });
}
