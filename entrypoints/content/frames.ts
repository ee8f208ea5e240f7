// Where the content script's frames come from (components/FrameLayer.tsx): Backstory's frame page, at the
// address the browser gives it for this session, and the ports frames open back to this content script.
import type { FramePort, FrameSource } from '@/components/FrameLayer';
import { browser } from './extension';

export function extensionFrames(): FrameSource {
  return {
    url: browser.runtime.getURL('/note-frame.html'),
    extensionId: browser.runtime.id,
    onConnect(listener) {
      const onConnect = (port: FramePort) => listener(port);
      browser.runtime.onConnect.addListener(onConnect as never);
      return () => browser.runtime.onConnect.removeListener(onConnect as never);
    },
  };
}
