// Long work on big pages is split into chunks, yielding to the browser between them so no task runs longer
// than ~50 ms (input stays responsive, "long task" budget). Chunks are cut by elapsed time, not item count,
// so fast machines do more per chunk.

/**
 * Gives the main thread back: scheduler.yield() where it exists (the rest of our work keeps its place in the queue,
 * ahead of tasks queued since), else a message on a MessageChannel, a macrotask without setTimeout's clamp (nested
 * timeouts wait at least 4 ms each, which a long article's dozens of steps would add up), else setTimeout.
 */
export function yieldToMain(env: YieldEnvironment = globalThis as YieldEnvironment): Promise<void> {
  if (typeof env.scheduler?.yield === 'function') return env.scheduler.yield();
  const Channel = env.MessageChannel;
  if (typeof Channel === 'function') {
    return new Promise((resolve) => {
      const { port1, port2 } = new Channel();
      port1.onmessage = () => {
        port1.close();
        resolve();
      };
      port2.postMessage(null);
    });
  }
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** What yieldToMain looks for (the page's globals; tests pass their own). */
export interface YieldEnvironment {
  scheduler?: { yield?: () => Promise<void> };
  MessageChannel?: typeof MessageChannel;
}

export interface ChunkOptions {
  /** Milliseconds of work before yielding. */
  budgetMs?: number;
  /** Stop early (a newer run started, the page was left). */
  cancelled?: () => boolean;
  now?: () => number;
  yield?: () => Promise<void>;
}

/**
 * Runs `work` over `items` in time-boxed chunks. Resolves true when all ran, false when cancelled.
 * `work` receives a slice so callers can batch (one registry update per slice).
 */
export async function forEachChunk<T>(items: readonly T[], work: (slice: readonly T[]) => void, options: ChunkOptions = {}): Promise<boolean> {
  const budget = options.budgetMs ?? 8;
  const now = options.now ?? (() => performance.now());
  const pause = options.yield ?? yieldToMain;
  let i = 0;
  let step = 64; // grows or shrinks so one slice takes a fraction of the budget
  while (i < items.length) {
    if (options.cancelled?.()) return false;
    const started = now();
    // At least one slice a task, whatever the budget: the work always moves on.
    for (let first = true; i < items.length && (first || now() - started < budget); first = false) {
      const t0 = now();
      const slice = items.slice(i, i + step);
      work(slice);
      i += slice.length;
      const took = now() - t0;
      if (took < budget / 4) step = Math.min(step * 2, 4096);
      else if (took > budget / 2) step = Math.max(Math.floor(step / 2), 1);
    }
    if (i < items.length) await pause();
  }
  return !options.cancelled?.();
}

/**
 * Runs work written as steps (lib/article/steps.ts) a few steps a task: steps run until `budgetMs` has passed, then
 * the main thread is given back (`pause`, which answers false to stop: a newer run started). At least one step a
 * task, so the work always moves on. `onTask` hears when each task's share began (in diagnostics mode the content
 * script publishes it as a performance measure). Resolves to the steps' answer, or `stopped` when the pause stopped
 * them; the steps are left where they were, for a caller that finishes them another way.
 */
export async function runSteps<T, S>(
  steps: Generator<void, T, void>,
  options: { budgetMs?: number; pause?: () => Promise<boolean | void>; now?: () => number; onTask?: (startedAt: number) => void; stopped: S },
): Promise<T | S> {
  const budget = options.budgetMs ?? 8;
  const now = options.now ?? (() => performance.now());
  const pause = options.pause ?? (async () => true);
  for (;;) {
    const started = now();
    let next = steps.next();
    while (!next.done && now() - started < budget) next = steps.next();
    options.onTask?.(started);
    if (next.done) return next.value;
    if ((await pause()) === false) return options.stopped;
  }
}

/** One pending timeout at a time: starting it again replaces the pending call. */
export class Timer {
  private id: ReturnType<typeof setTimeout> | undefined;
  constructor(private readonly fn: () => void) {}

  get pending(): boolean {
    return this.id !== undefined;
  }

  start(ms: number): void {
    this.cancel();
    this.id = setTimeout(() => {
      this.id = undefined;
      this.fn();
    }, ms);
  }

  /** Starts it unless a call is already pending (a throttle rather than a debounce). */
  startIfIdle(ms: number): void {
    if (this.id === undefined) this.start(ms);
  }

  /** Runs a pending call now; false when none was pending. */
  runNow(): boolean {
    if (this.id === undefined) return false;
    this.cancel();
    this.fn();
    return true;
  }

  cancel(): void {
    if (this.id !== undefined) clearTimeout(this.id);
    this.id = undefined;
  }
}

/**
 * Runs tasks one after another. A failing task (a hostile page) is reported and does not stop later ones;
 * `onIdle` is called whenever the last queued task has finished.
 */
export class TaskQueue {
  private tail: Promise<void> = Promise.resolve();
  private count = 0;

  constructor(private readonly onIdle: () => void = () => {}) {}

  /** Tasks queued and not finished. */
  get pending(): number {
    return this.count;
  }

  enqueue(task: () => Promise<void> | void): Promise<void> {
    this.count++;
    this.tail = this.tail
      .then(task)
      .catch((error: unknown) => console.warn('Backstory:', error))
      .finally(() => {
        if (--this.count === 0) this.onIdle();
      });
    return this.tail;
  }

  /** Resolves when every task queued so far, and any they queued meanwhile, has finished. */
  async idle(): Promise<void> {
    while (this.count > 0) await this.tail;
  }
}
