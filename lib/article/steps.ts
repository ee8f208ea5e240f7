// Work written as steps: a generator that yields (nothing) wherever it may be paused. Run to the end in one call it
// is an ordinary function (`npm run annotate`, eval, tests); the content script runs the same generator a few steps a
// task, giving the main thread back in between (lib/page/schedule.ts runSteps). One body of code either way, so the
// stepped run gives exactly what one call gives.

/** Work in steps, resolving to T. Each `yield` marks a place where the caller may give the main thread back. */
export type Steps<T> = Generator<void, T, void>;

/** Runs every step now: the answer one call gives. */
export function runToEnd<T>(steps: Steps<T>): T {
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}

/** Steps that only run `work` (a step of its own), for a caller that takes steps where the work has none. */
export function* oneStep<T>(work: () => T): Steps<T> {
  return work();
}
