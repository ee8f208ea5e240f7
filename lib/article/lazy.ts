// Readability as a separate script, loaded into a page only when its markup does not settle the article: most news
// pages never need it, and it is a large part of the detector. The background injects the script (entrypoints/
// readability.ts, built as /readability.js) into the content script's own world, where it leaves its runner under
// one global name; the content script picks it up from there (lib/page/model.ts calls the loader once per page).
import type { RunReadability } from './detect';

/** The built script the background injects. */
export const READABILITY_SCRIPT = '/readability.js';

const GLOBAL_NAME = '__backstoryReadability';

/** Called by the injected script: leaves the runner where `readabilityLoaded` finds it. */
export function provideReadability(run: RunReadability, scope: object = globalThis): void {
  Object.defineProperty(scope, GLOBAL_NAME, { value: run, configurable: true });
}

/** The runner the injected script left, or null when it has not run in this world. */
export function readabilityLoaded(scope: object = globalThis): RunReadability | null {
  const run = (scope as Record<string, unknown>)[GLOBAL_NAME];
  return typeof run === 'function' ? (run as RunReadability) : null;
}

/**
 * A loader for the page model: asks for the script (`inject`, a message to the background) unless it already ran
 * in this world (a content script started again after an update), then takes its runner.
 */
export function readabilityLoader(inject: () => Promise<unknown>, scope: object = globalThis): () => Promise<RunReadability> {
  return async () => {
    const ready = readabilityLoaded(scope);
    if (ready) return ready;
    await inject();
    const run = readabilityLoaded(scope);
    if (!run) throw new Error('Readability did not load');
    return run;
  };
}
