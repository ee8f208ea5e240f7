// Chrome's build host lives in an offscreen document that the background creates for a build and closes when the
// host says its queue ran empty. Creating, commanding and closing it are asynchronous, and a reader can ask for a
// build while the last one's close is under way: a command sent to a document that is closing gets no answer, and a
// close that lands after a new build was queued loses that build. So every command and every close go through one
// queue, in order, and a close happens only if the host, asked at that moment, has nothing running or queued.
import type { BuildStatus } from './host';
import type { HostCommand } from './messages';

/** The offscreen document as the background reaches it (chrome.offscreen and runtime messages). */
export interface OffscreenDocument {
  exists(): Promise<boolean>;
  create(): Promise<void>;
  close(): Promise<void>;
  /** Sends a command to the host in the document; its answer is the host's status. */
  send(command: HostCommand): Promise<BuildStatus>;
}

export interface OffscreenBuildHost {
  request(setId: string): Promise<void>;
  cancel(setId: string): Promise<void>;
  status(): Promise<BuildStatus>;
  /** The host said its queue ran empty: closes the document, unless something was asked of it since. */
  idle(): Promise<void>;
}

const NOTHING: BuildStatus = { running: null, queued: [] };

export function offscreenBuildHost(doc: OffscreenDocument): OffscreenBuildHost {
  let queue: Promise<unknown> = Promise.resolve();
  const inTurn = <T>(op: () => Promise<T>): Promise<T> => {
    const next = queue.then(op);
    queue = next.catch(() => undefined);
    return next;
  };
  const command = (c: HostCommand) =>
    inTurn(async () => {
      if (!(await doc.exists())) await doc.create();
      return doc.send(c);
    });
  return {
    request: async (setId) => void (await command({ command: 'build', setId })),
    cancel: async (setId) => void (await command({ command: 'cancel', setId })),
    status: () => inTurn(async () => ((await doc.exists()) ? doc.send({ command: 'status' }) : NOTHING)),
    idle: () =>
      inTurn(async () => {
        if (!(await doc.exists())) return;
        const now = await doc.send({ command: 'status' }).catch(() => null);
        if (now && (now.running || now.queued.length > 0)) return; // a build was asked for since it said so
        await doc.close().catch(() => undefined);
      }),
  };
}
