import { describe, expect, test } from 'vitest';
import { BuildHost, type FromWorker, type ToWorker, type WorkerLike } from '@/lib/sets/host';
import type { BuildProgress } from '@/lib/sets/build';
import type { SetsChange } from '@/lib/sets/repository';

class FakeWorker implements WorkerLike {
  onmessage: ((event: { data: FromWorker }) => void) | null = null;
  onerror: ((event: { message?: string }) => void) | null = null;
  readonly received: ToWorker[] = [];
  terminated = false;
  postMessage(message: ToWorker) {
    this.received.push(message);
  }
  terminate() {
    this.terminated = true;
  }
  say(data: FromWorker) {
    this.onmessage?.({ data });
  }
  progress(setId: string, phase: BuildProgress['phase'], done = 0, total = 2) {
    this.say({ type: 'progress', progress: { setId, phase, done, total } });
  }
}

function host() {
  const workers: FakeWorker[] = [];
  const heard: string[] = [];
  const changes: SetsChange[] = [];
  let idle = 0;
  const h = new BuildHost({
    spawn: () => {
      const w = new FakeWorker();
      workers.push(w);
      return w;
    },
    broadcast: (p) => heard.push(`${p.setId} ${p.phase}${p.total ? ` ${p.done}/${p.total}` : ''}`),
    changed: (c) => changes.push(c),
    idle: () => void idle++,
  });
  return { h, workers, heard, changes, idle: () => idle };
}

describe('the build host', () => {
  test('builds one set at a time, in order, telling every page how far each is; idle at the end', () => {
    const { h, workers, heard, idle } = host();
    h.request('set-a');
    h.request('set-b');
    h.request('set-b');
    expect(workers).toHaveLength(1);
    expect(workers[0]!.received).toEqual([{ type: 'build', setId: 'set-a' }]);
    expect(h.status()).toEqual({ running: { setId: 'set-a', phase: 'reading', done: 0, total: 0 }, queued: ['set-b'] });
    workers[0]!.progress('set-a', 'reading', 1);
    workers[0]!.progress('set-a', 'done', 2);
    expect(workers[0]!.received.at(-1)).toEqual({ type: 'build', setId: 'set-b' });
    workers[0]!.progress('set-b', 'done', 2);
    expect(heard).toEqual(['set-a queued', 'set-b queued', 'set-a reading 1/2', 'set-a done 2/2', 'set-b done 2/2']);
    expect(idle()).toBe(1);
    expect(h.status()).toEqual({ running: null, queued: [] });
  });

  test('a set asked for during its own build is built again afterwards (documents added meanwhile are read)', () => {
    const { h, workers } = host();
    h.request('set-a');
    h.request('set-a');
    workers[0]!.progress('set-a', 'done', 2);
    expect(workers[0]!.received).toEqual([{ type: 'build', setId: 'set-a' }, { type: 'build', setId: 'set-a' }]);
  });

  test('cancel stops the worker at once, says so, and goes on with the next; late messages of the stopped worker are ignored', () => {
    const { h, workers, heard, changes } = host();
    h.request('set-a');
    h.request('set-b');
    workers[0]!.progress('set-a', 'reading', 1);
    h.cancel('set-a');
    expect(workers[0]!.terminated).toBe(true);
    expect(heard.at(-1)).toBe('set-a cancelled 1/2');
    expect(changes).toEqual([{ kind: 'documents', setId: 'set-a' }]);
    expect(workers).toHaveLength(2);
    expect(workers[1]!.received).toEqual([{ type: 'build', setId: 'set-b' }]);
    workers[0]!.progress('set-a', 'done', 2);
    expect(heard.at(-1)).toBe('set-a cancelled 1/2');
    // A queued one just leaves the queue.
    h.request('set-c');
    h.cancel('set-c');
    expect(h.status().queued).toEqual([]);
    expect(heard.at(-1)).toBe('set-c cancelled');
  });

  test('a failure is reported and the queue goes on; a crashed worker is replaced', () => {
    const { h, workers, heard } = host();
    h.request('set-a');
    h.request('set-b');
    workers[0]!.say({ type: 'progress', progress: { setId: 'set-a', phase: 'failed', done: 0, total: 0, message: 'no text' } });
    expect(heard).toContain('set-a failed');
    workers[0]!.onerror!({ message: 'out of memory' });
    expect(workers[0]!.terminated).toBe(true);
    expect(heard.at(-1)).toBe('set-b failed');
    h.request('set-c');
    expect(workers).toHaveLength(2);
  });

  test('what the worker commits is passed on, for the summaries pages and tabs read', () => {
    const { h, workers, changes } = host();
    h.request('set-a');
    workers[0]!.say({ type: 'change', change: { kind: 'built', setId: 'set-a' } });
    expect(changes).toEqual([{ kind: 'built', setId: 'set-a' }]);
  });
});
