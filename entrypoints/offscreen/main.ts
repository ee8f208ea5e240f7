// Chrome's build host (lib/sets/host.ts): an offscreen document, because a Manifest V3 service worker cannot start
// a worker. The background creates it for the first build and closes it when it says its queue is empty. It only
// has the runtime API: it answers the background's `sets/host` commands, tells every page how builds go, and
// tells the background what a build changed (the background keeps the sets' summaries).
import { createClient, routeMessage, type Envelope, type Handlers } from '@/lib/messages';
import { BuildHost, type WorkerLike } from '@/lib/sets/host';

const send = createClient((message: Envelope) => browser.runtime.sendMessage(message));
const host = new BuildHost({
  spawn: () => new Worker(browser.runtime.getURL('/set-builder.js')) as unknown as WorkerLike,
  broadcast: (progress) => void send('sets/progress', progress).catch(() => undefined),
  changed: (change) => void send('sets/changed', change).catch(() => undefined),
  idle: () => void send('sets/host-idle', {}).catch(() => undefined),
});

const handlers: Handlers = {
  'sets/host': (command) => {
    if (command.command === 'build') host.request(command.setId);
    else if (command.command === 'cancel') host.cancel(command.setId);
    return host.status();
  },
};
browser.runtime.onMessage.addListener((message: unknown, sender: unknown) => routeMessage(handlers, message, sender));
