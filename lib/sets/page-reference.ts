// The page's reference: the bundled set and the reader's enabled sets, matched together (lib/sets/combine.ts). Only
// when the reader has sets of their own does this ask the background for their facts and load the sets part (the
// combining code, lib/page/parts.ts); the two are asked at once, since the first paint waits for both, and not at
// all while Backstory is off for the site (nothing paints there). What can fail (the background restarting, the part
// refused, the extension updated meanwhile) never leaves a set the reader turned off on the page: the reference falls
// back to what adds no wrong mark (the bundled set alone if it is on, else nothing), and the next change, or `retry`,
// asks again. The bundled set's dataset itself is loaded apart from the content script (lib/page/parts.ts): until it
// comes, nothing is matched; if it cannot come, the page has no reference (no mark rather than a wrong one), says so,
// and asks again on the next change, `retry`, or a few timed retries. What does not come in time (LOAD_WAIT_MS) counts
// as not come, and is put in use when it does. The page is told what its reference lacks: the bundled set, or which
// of the reader's sets (the popup names them).
import type { Dataset } from '../reference/types';
import type { CompiledTables } from '../match/tables';
import { isSetEnabled, isSiteEnabled, type Settings } from '../page/settings';
import type { SetsIndex } from './index-mirror';
import type { SetToCombine } from './combine';
import { BUNDLED_SET_ID } from './types';
import { latestRequest } from '../notes/latest-request';
import type { ReferenceShortfall } from '../page/messages';

export interface PageReferenceOptions {
  /** The bundled set's dataset (the page's reference unless the reader turned it off or has sets of their own). */
  bundled: () => Promise<Dataset>;
  bundledName: string;
  /** The page's host: while Backstory is off for its site, nothing is combined (nothing paints). */
  site: () => string;
  /** The sets' summaries (storage.local). */
  readIndex: () => Promise<SetsIndex>;
  /**
   * The enabled sets' datasets and the tables compiled for their combination, the bundled set first when `bundled`
   * (the background: 'sets/for-page').
   */
  forPage: (ids: string[], bundled: boolean) => Promise<{ sets: SetToCombine[]; tables?: CompiledTables }>;
  /** The sets part's combining (lib/page/parts.ts). */
  combiner: () => Promise<{ combineSets: (sets: readonly SetToCombine[]) => Dataset }>;
  /**
   * Puts a dataset in use as the page's reference; with a combination, the tables the background compiled for it (the
   * page loads them rather than building its own; lib/match refuses tables of another dataset and builds).
   */
  useReference: (dataset: Dataset, tables?: CompiledTables) => Promise<void> | void;
  /**
   * Told after each reference put in use what it is short of (a load failed: the bundled set, or which of the reader's
   * sets), or null: the page then says so, rather than that the reference has nothing here.
   */
  reportUnavailable?: (shortfall: ReferenceShortfall | null) => void;
  /** After a failure, asks again once after each of these waits in turn (a success starts them over). */
  retryDelaysMs?: readonly number[];
  /** How long the loads may go unanswered before what has not come counts as failed (LOAD_WAIT_MS). */
  loadWaitMs?: number;
}

export interface PageReference {
  /** Makes the reference the settings and the sets call for, unless it already is. */
  apply(settings: Settings): Promise<void>;
  /** Asks again after a failure (a page event, the tab shown again, the popup asking); nothing otherwise. */
  retry(): Promise<void>;
  /**
   * The sets' summaries changed: the newest settings applied are applied again over them (settings read again here
   * could answer after a newer change and undo it).
   */
  refresh(): Promise<void>;
  /** Stops the timed retries (the content script is going away). */
  stop(): void;
}

/** The timed retries after a failure: a few, further apart each time, so a lasting failure costs little. */
export const RETRY_DELAYS_MS: readonly number[] = [1000, 5000, 30000];

/**
 * A load not answered by then (a message the background never answers, a worker stopped mid-answer) is not waited
 * for: the page says the reference could not be loaded; an answer that comes later is put in use then, never asked for
 * again (only the timed retries ask again, a few).
 * Long enough for a part's load on a loaded machine, short enough that the reader is not left at "Reading the page…".
 */
export const LOAD_WAIT_MS = 10_000;

/** A reference with nothing in it: every set turned off (one object, so that it is never put in use twice running). */
export const EMPTY_DATASET: Dataset = { version: 1, documents: [], entities: [], figures: [], parts: [] };

/**
 * A combination's identity: the bundled set on or off, and each set by id, revision and name (a build, an edit or its
 * undo bumps the revision). The page makes its reference anew, and the background compiles its tables anew, exactly
 * when it changes.
 */
export const combinationKey = (bundledOn: boolean, sets: readonly { id: string; revision: number; name: string }[]): string =>
  JSON.stringify([bundledOn, sets.map((s) => [s.id, s.revision, s.name])]);

/** The sets a combination key names (combinationKey read back), or null for a string that is not one. */
export function combinationSets(key: string): { id: string; revision: number; name: string }[] | null {
  try {
    const [bundledOn, sets] = JSON.parse(key) as [unknown, unknown];
    if (typeof bundledOn !== 'boolean' || !Array.isArray(sets)) return null;
    const out = sets.map((s: unknown) => (Array.isArray(s) ? { id: s[0] as unknown, revision: s[1] as unknown, name: s[2] as unknown } : null));
    return out.every((s) => s && typeof s.id === 'string' && typeof s.revision === 'number' && typeof s.name === 'string')
      ? (out as { id: string; revision: number; name: string }[])
      : null;
  } catch {
    return null;
  }
}

type Combiner = Awaited<ReturnType<PageReferenceOptions['combiner']>>;

export function pageReference(options: PageReferenceOptions): PageReference {
  /**
   * What the newest call makes the reference from (none before the first); empty after a failure, so that the same
   * settings and sets are made again. An older call that finishes later puts nothing in use.
   */
  let wanted: string | null = null;
  /** The making of `wanted`: a newer call with the same key waits for it rather than for nothing. */
  let making: Promise<void> = Promise.resolve();
  let last: Settings | null = null;
  const delays = options.retryDelaysMs ?? RETRY_DELAYS_MS;
  let failures = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  /** The newest make's deadline (LOAD_WAIT_MS), cleared once its loads have come, or by `stop`. */
  let deadline: ReturnType<typeof setTimeout> | undefined;
  /** How many makes have started: a make that is no longer the newest puts nothing in use and reports nothing. */
  let makes = 0;
  /** The dataset last put in use (none before the first). */
  let inUse: Dataset | null = null;
  /** Set by `stop`: a load still on its way (the part can take hundreds of ms) then puts nothing in use. */
  let stopped = false;
  const retry = () => (wanted === '' && last ? apply(last) : Promise.resolve());
  /** The index read for the newest call: an older read answering later makes nothing (it would undo the newer). */
  const indexReads = latestRequest<void>();
  function reportFailure(shortfall: ReferenceShortfall | null) {
    clearTimeout(timer);
    timer = undefined;
    if (stopped) return;
    if (!shortfall) failures = 0;
    else if (failures < delays.length) timer = setTimeout(() => void retry().catch(() => undefined), delays[failures++]);
    options.reportUnavailable?.(shortfall);
  }

  async function apply(settings: Settings): Promise<void> {
    if (stopped) return;
    last = settings;
    if (!isSiteEnabled(settings, options.site())) return;
    return indexReads.run(options.readIndex, (index) => {
      const enabled = index.sets.filter((s) => s.built && isSetEnabled(settings, s.id));
      const bundledOn = isSetEnabled(settings, BUNDLED_SET_ID);
      const key = combinationKey(bundledOn, enabled);
      if (key === wanted) return making;
      wanted = key;
      making = make(key, enabled, bundledOn);
      return making;
    });
  }

  async function make(key: string, enabled: SetsIndex['sets'], bundledOn: boolean): Promise<void> {
    // Checked again after each wait: an older make finishing later (an answer, a failure) puts nothing in use and
    // reports nothing, so the page never names a set missing that a newer make put in use.
    const mine = ++makes;
    const newest = () => mine === makes && !stopped;
    // What has come of each load (null: not asked, failed, or not yet). The part is needed unless the sets' facts come
    // back empty: asked with them and the bundled set, not after them.
    const got: [Dataset | null, Awaited<ReturnType<PageReferenceOptions['forPage']>> | null, Combiner | null] = [null, null, null];
    const settled = Promise.all(
      [bundledOn ? options.bundled() : null, enabled.length ? options.forPage(enabled.map((s) => s.id), bundledOn) : null, enabled.length ? options.combiner() : null].map(
        async (load, i) => {
          try {
            got[i] = (await load) as never;
          } catch {
            // failed: stays null
          }
        },
      ),
    );
    const use = async () => {
      const [bundled, answer, part] = got;
      const own = answer?.sets;
      // Anything failed: no set the reader turned off stays (the bundled set failing leaves nothing), and the next
      // change or retry asks again. A set the answer lacks (its build gone meanwhile) is as missing as one whose load
      // failed; without the part, every set is.
      const bundledFailed = bundledOn && !bundled;
      const missing = bundledFailed || !part ? enabled : enabled.filter((s) => !own?.some((o) => o.id === s.id));
      const parts = [...(bundled ? [{ id: BUNDLED_SET_ID, name: options.bundledName, dataset: bundled }] : []), ...((part && own) || [])];
      const dataset = bundledFailed || !parts.length ? EMPTY_DATASET : parts.length === 1 && bundled ? bundled : part!.combineSets(parts);
      const shortfall = bundledFailed || missing.length ? { bundled: bundledFailed, sets: missing.map((s) => s.name) } : null;
      if (!newest()) return; // a newer change is on its way, or the page's Backstory is gone
      wanted = shortfall ? '' : key;
      // The same reference again (a retry while a set is still missing) is not put in use again: the page would be
      // cleared and painted again, its badge and the popup's line flickering, for nothing.
      if (dataset !== inUse) {
        inUse = dataset;
        // The answer's tables were compiled for the combination: the bundled set is in it exactly when it was asked for
        // (it failing leaves nothing), and every set answered is. Given with the bundled set alone or with nothing,
        // they are refused (another dataset) or not asked for (the bundled set's own matcher is made).
        await options.useReference(dataset, answer?.tables);
        if (!newest()) return;
      }
      reportFailure(shortfall);
    };
    // What has not come by the deadline counts as failed; what comes later is put in use when it has all come, unless
    // a newer make started meanwhile (a timed retry, spent from the same few, has then asked again).
    const late = await Promise.race([settled.then(() => false), new Promise<true>((resolve) => (deadline = setTimeout(resolve, options.loadWaitMs ?? LOAD_WAIT_MS, true)))]);
    if (mine === makes) clearTimeout(deadline);
    await use();
    if (late) void settled.then(use).catch(() => undefined);
  }

  return {
    apply,
    retry,
    refresh: () => (last ? apply(last) : Promise.resolve()),
    stop: () => {
      stopped = true;
      clearTimeout(timer);
      clearTimeout(deadline);
    },
  };
}

/**
 * The content script's settings, applied in turn: each waits for its reference (which may take the part's load) before
 * the rest (`applyRest`) applies it, and one a newer call overtook meanwhile applies nothing, since the newer one
 * applies its own (an older value applied last would paint a site just turned off or a category just hidden).
 */
export function settingsInTurn(reference: PageReference, applyRest: (settings: Settings) => Promise<void> | void): (settings: Settings) => Promise<void> {
  const turns = latestRequest<void>();
  return (settings) =>
    turns.run(
      () => reference.apply(settings).catch(() => undefined),
      () => applyRest(settings),
    );
}
