// Chrome's build host in an offscreen document (lib/sets/offscreen-host.ts): a build asked for while the last one's
// document is being closed is never sent to a closing document, and a close never lands on a newly queued build.
import { describe, expect, test } from 'vitest';
import { offscreenBuildHost, type OffscreenDocument } from '@/lib/sets/offscreen-host';
import type { BuildStatus } from '@/lib/sets/host';
import type { HostCommand } from '@/lib/sets/messages';

/** A document whose creation and closing take a while, as Chrome's do; a command to a closed one gets no answer. */
function fakeDocument() {
  let open = false;
  let closing = false;
  let queued: string[] = [];
  const log: string[] = [];
  const later = () => new Promise((done) => setTimeout(done, 5));
  const doc: OffscreenDocument = {
    exists: async () => open,
    async create() {
      await later();
      open = true;
      closing = false;
      queued = [];
      log.push('create');
    },
    async close() {
      closing = true;
      await later();
      open = false;
      log.push(`close with ${queued.length} queued`);
    },
    async send(command: HostCommand): Promise<BuildStatus> {
      if (!open || closing) throw new Error('No answer to sets/host');
      await later();
      if (command.command === 'build') queued.push(command.setId);
      else if (command.command === 'cancel') queued = queued.filter((id) => id !== command.setId);
      log.push(command.command);
      return { running: null, queued: [...queued] };
    },
  };
  return { doc, log, finish: () => (queued = []) };
}

describe('the offscreen build host', () => {
  test('a build asked for while the idle document closes waits for the close, then makes a new document', async () => {
    const { doc, log, finish } = fakeDocument();
    const host = offscreenBuildHost(doc);
    await host.request('set-1');
    finish(); // the build ran, the queue is empty: the host says so
    const idle = host.idle();
    const again = host.request('set-2'); // the reader adds documents at that moment
    await Promise.all([idle, again]);
    expect(log).toEqual(['create', 'build', 'status', 'close with 0 queued', 'create', 'build']);
    expect(await host.status()).toEqual({ running: null, queued: ['set-2'] });
  });

  test('an idle message that arrives after a new build was queued does not close the document', async () => {
    const { doc, log } = fakeDocument();
    const host = offscreenBuildHost(doc);
    await host.request('set-1');
    await host.request('set-2');
    await host.idle(); // sent by the host before it received set-2
    expect(log).not.toContain('close with 2 queued');
    expect(log.some((l) => l.startsWith('close'))).toBe(false);
    expect(await host.status()).toEqual({ running: null, queued: ['set-1', 'set-2'] });
  });

  test('with no document, the status is nothing running and nothing is created to say so', async () => {
    const { doc, log } = fakeDocument();
    const host = offscreenBuildHost(doc);
    expect(await host.status()).toEqual({ running: null, queued: [] });
    await host.idle();
    expect(log).toEqual([]);
  });
});
