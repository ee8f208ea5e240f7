// The build host: runs set builds one at a time in a worker, off every page's main thread, and tells the pages
// how far each build is. It lives where a build outlives the page that asked for it (a popup closes as soon as
// the reader looks away): in Chrome an offscreen document (a service worker cannot start workers), in Firefox the
// background page; entrypoints/ wire it. Cancelling stops the worker at once (a build never half-writes: each of
// its writes is one transaction, and the documents it read are kept for next time).
import type { BuildProgress } from './build';
import type { SetsChange } from './repository';

/** What the host tells the worker, and what the worker tells the host (entrypoints/set-builder.ts). */
export type ToWorker = { type: 'build'; setId: string };
export type FromWorker =
  | { type: 'progress'; progress: BuildProgress }
  | { type: 'change'; change: SetsChange };

export interface WorkerLike {
  postMessage(message: ToWorker): void;
  terminate(): void;
  onmessage: ((event: { data: FromWorker }) => void) | null;
  onerror: ((event: { message?: string }) => void) | null;
}

export interface BuildHostDeps {
  spawn(): WorkerLike;
  /** Every extension page hears it (the library's progress bar, the popup). */
  broadcast(progress: BuildProgress): void;
  /** A build committed a change: the sets' summaries are refreshed where content scripts read them. */
  changed(change: SetsChange): void;
  /** The queue ran empty (Chrome closes its offscreen document then). */
  idle?(): void;
}

/** What is running and waiting, for a page that opens in the middle of a build. */
export interface BuildStatus {
  running: BuildProgress | null;
  queued: string[];
}

export class BuildHost {
  private worker: WorkerLike | null = null;
  private running: { setId: string; progress: BuildProgress; again: boolean } | null = null;
  private readonly queue: string[] = [];

  constructor(private readonly deps: BuildHostDeps) {}

  /**
   * Builds the set (after the builds ahead of it). A set already waiting is not queued twice; one being built is
   * built again afterwards, so documents added during a build are never left out.
   */
  request(setId: string): void {
    if (this.running?.setId === setId) {
      this.running.again = true;
      return;
    }
    if (this.queue.includes(setId)) return;
    this.queue.push(setId);
    this.deps.broadcast({ setId, phase: 'queued', done: 0, total: 0 });
    this.next();
  }

  /** Stops the set's build now (or takes it out of the queue). */
  cancel(setId: string): void {
    const waiting = this.queue.indexOf(setId);
    if (waiting >= 0) {
      this.queue.splice(waiting, 1);
      this.deps.broadcast({ setId, phase: 'cancelled', done: 0, total: 0 });
    }
    if (this.running?.setId !== setId) return;
    const { progress } = this.running;
    this.worker?.terminate();
    this.worker = null;
    this.running = null;
    this.deps.broadcast({ ...progress, phase: 'cancelled' });
    // What it read is kept (each reading was its own write): the summaries may say so already.
    this.deps.changed({ kind: 'documents', setId });
    this.next();
  }

  status(): BuildStatus {
    return { running: this.running?.progress ?? null, queued: [...this.queue] };
  }

  private next(): void {
    if (this.running) return;
    const setId = this.queue.shift();
    if (!setId) {
      this.deps.idle?.();
      return;
    }
    this.running = { setId, progress: { setId, phase: 'reading', done: 0, total: 0 }, again: false };
    const worker = this.ensureWorker();
    worker.postMessage({ type: 'build', setId });
  }

  private ensureWorker(): WorkerLike {
    if (this.worker) return this.worker;
    const worker = this.deps.spawn();
    worker.onmessage = ({ data }) => this.heard(worker, data);
    worker.onerror = (event) => {
      if (worker !== this.worker || !this.running) return;
      this.finish({ ...this.running.progress, phase: 'failed', message: `The build stopped: ${event.message ?? 'the builder failed'}.` });
      worker.terminate();
      this.worker = null;
    };
    this.worker = worker;
    return worker;
  }

  private heard(worker: WorkerLike, message: FromWorker): void {
    // A terminated worker's last messages may still arrive: they are not about the build now running.
    if (worker !== this.worker) return;
    if (message.type === 'change') {
      this.deps.changed(message.change);
      return;
    }
    const { progress } = message;
    if (!this.running || progress.setId !== this.running.setId) return;
    if (progress.phase === 'done' || progress.phase === 'failed') {
      this.finish(progress);
      return;
    }
    this.running.progress = progress;
    this.deps.broadcast(progress);
  }

  private finish(progress: BuildProgress): void {
    const again = this.running?.again && progress.phase === 'done';
    this.running = null;
    this.deps.broadcast(progress);
    if (again) this.queue.unshift(progress.setId);
    this.next();
  }
}
