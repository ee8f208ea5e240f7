// Backstory's timings on a page: performance marks and measures named `backstory:*`, which `npm run bench` and the
// browser tests read to see each step of the pipeline. On a reader's page they would sit on the page's own
// performance timeline, where any of the page's scripts reads them (`performance.getEntries()`, a
// PerformanceObserver): that Backstory is installed, when the reference came, and that the reader has notes on this
// page (a `backstory:anchor` measure). So they are published only in diagnostics mode, which the bench and the tests
// turn on in the extension's storage; a reader's browser records nothing.
//
// The mode is read from storage when the content script starts, and a page's first steps come before the answer:
// what they time waits here (a few entries, bounded) and is published with its own times once the mode is known to be
// on, or dropped once it is known to be off.

export const DIAGNOSTICS_KEY = 'backstory:diagnostics';

/** The most entries kept while the mode is unknown: the few of a page's first milliseconds, never a growing list. */
const MAX_WAITING = 256;

interface TimingsState {
  /** Undefined until the mode is known. */
  on?: boolean;
  /** What was timed before then, each ready to be published with its own times. */
  waiting: (() => void)[];
}

// One state for the content script and its parts: each part is a script of its own (lib/page/parts.ts) with its own
// copy of this module, run in the same isolated world, so they meet on that world's global object, which the page's
// scripts (in the page's own world) cannot reach. The key names the state's shape: parts from an older build still
// loaded in a tab (after an update) get a state of their own rather than one they misread.
const STATE_KEY = Symbol.for('backstory.timings/1');
const state: TimingsState = ((globalThis as unknown as Record<symbol, TimingsState | undefined>)[STATE_KEY] ??= { waiting: [] });

function publish(entry: () => void): void {
  try {
    entry();
  } catch {
    // Engines without mark or measure options: the timing is only diagnostics.
  }
}

function record(entry: () => void): void {
  if (state.on) publish(entry);
  else if (state.on === undefined && state.waiting.length < MAX_WAITING) state.waiting.push(entry);
}

/** A moment (what happened once, where `measure` times each piece of it), published in diagnostics mode only. */
export function mark(name: string): void {
  const startTime = performance.now();
  record(() => performance.mark(name, { startTime }));
}

/** A step from `start` to now, published in diagnostics mode only; returns the time now. */
export function measure(name: string, start: number): number {
  const end = performance.now();
  record(() => performance.measure(name, { start, end }));
  return end;
}

/** Sets the mode once it is known: on publishes what waited, off drops it and records nothing more. */
export function publishTimings(on: boolean): void {
  state.on = on;
  const entries = state.waiting;
  state.waiting = [];
  if (on) entries.forEach(publish);
}

/** The part of `browser.storage.local` the mode is read from. */
export interface DiagnosticsArea {
  get(key: string): Promise<Record<string, unknown>>;
}

/** Whether diagnostics mode is on (only `true` itself turns it on); storage that fails reads as off. */
export async function readDiagnostics(area: DiagnosticsArea): Promise<boolean> {
  try {
    return (await area.get(DIAGNOSTICS_KEY))[DIAGNOSTICS_KEY] === true;
  } catch {
    return false;
  }
}

/** Back to the unknown mode with nothing waiting (tests start each case from a page's first moment). */
export function resetTimingsForTests(): void {
  state.on = undefined;
  state.waiting = [];
}
