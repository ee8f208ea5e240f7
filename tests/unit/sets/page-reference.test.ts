// The page's reference from the settings and the reader's sets (lib/sets/page-reference.ts): the sets' facts and the
// combining part are asked together, and what fails never leaves a set the reader turned off on the page.
import { expect, test, vi } from 'vitest';
import { LOAD_WAIT_MS, RETRY_DELAYS_MS, pageReference, settingsInTurn, type PageReferenceOptions } from '@/lib/sets/page-reference';
import { combineSets, type SetToCombine } from '@/lib/sets/combine';
import { defaultSettings, type Settings } from '@/lib/page/settings';
import { BUNDLED_SET_ID, type SetSummary } from '@/lib/sets/types';
import type { Dataset } from '@/lib/reference/types';
import type { CompiledTables } from '@/lib/match/tables';
import { MATCH_CATEGORIES } from '@/lib/match/types';
import type { ReferenceShortfall } from '@/lib/page/messages';
import { entity, sampleDataset } from './fixtures';

const OWN = 'set-aaaaaaaaaa';
const bundled: Dataset = { version: 1, documents: [], entities: [entity({ id: 'person:bundled', name: 'Bundled Person' })], figures: [] };
const summary: SetSummary = { id: OWN, name: 'Water', description: '', documents: 2, entities: 3, figures: 1, revision: 1, built: true };
const own: SetToCombine = { id: OWN, name: 'Water', dataset: sampleDataset() };

const settingsWith = ({ bundledOff = false, ownOff = false, siteOff = false } = {}): Settings => ({
  ...defaultSettings(),
  disabledSets: [...(bundledOff ? [BUNDLED_SET_ID] : []), ...(ownOff ? [OWN] : [])],
  disabledSites: siteOff ? ['news.example'] : [],
});

function setup(over: Partial<PageReferenceOptions> = {}) {
  const used: Dataset[] = [];
  const options: PageReferenceOptions = {
    bundled: async () => bundled,
    bundledName: 'Bundled',
    site: () => 'news.example',
    readIndex: async () => ({ sets: [summary] }),
    forPage: vi.fn(async () => ({ sets: [own] })),
    combiner: vi.fn(async () => ({ combineSets })),
    useReference: (d) => void used.push(d),
    ...over,
  };
  return { used, options, reference: pageReference(options) };
}

const ids = (d: Dataset | undefined) => (d?.entities ?? []).map((e) => e.id).sort();

test('the sets part failing leaves no set the reader turned off: nothing when the bundled set is off, it alone when on', async () => {
  const off = setup({ combiner: () => Promise.reject(new Error('gone')) });
  await off.reference.apply(settingsWith({ bundledOff: true }));
  expect(off.used).toHaveLength(1);
  expect(ids(off.used[0])).toEqual([]);

  const on = setup({ combiner: () => Promise.reject(new Error('gone')) });
  // The page shows the reader's set combined first; the part then fails on a later change.
  await on.reference.apply(settingsWith({ bundledOff: true, ownOff: true }));
  await on.reference.apply(settingsWith());
  expect(on.used.at(-1)).toBe(bundled);
});

test('a failure keeps no key: the same settings, a retry, or a page event asks again and combines', async () => {
  let fail = true;
  const { used, options, reference } = setup({
    combiner: vi.fn(() => (fail ? Promise.reject(new Error('gone')) : Promise.resolve({ combineSets }))),
  });
  await reference.apply(settingsWith({ bundledOff: true }));
  expect(ids(used.at(-1))).toEqual([]);
  fail = false;
  await reference.retry();
  expect(ids(used.at(-1))).toEqual(['organization:riverside-water-authority', 'person:ana-ortiz', 'place:millbrook'].map((id) => `${OWN}/${id}`).sort());
  expect(options.combiner).toHaveBeenCalledTimes(2);
  // Made: a retry or the same settings again asks for nothing.
  await reference.retry();
  await reference.apply(settingsWith({ bundledOff: true }));
  expect(options.combiner).toHaveBeenCalledTimes(2);
  expect(used).toHaveLength(2);
});

test("the sets' facts failing falls back the same way and is asked for again on the next change", async () => {
  let fail = true;
  const forPage = vi.fn(() => (fail ? Promise.reject(new Error('restarting')) : Promise.resolve({ sets: [own] })));
  const { used, reference } = setup({ forPage });
  await reference.apply(settingsWith());
  expect(used.at(-1)).toBe(bundled);
  fail = false;
  await reference.apply(settingsWith()); // the same settings: the failed key was not kept
  expect(forPage).toHaveBeenCalledTimes(2);
  expect(ids(used.at(-1))).toContain('person:bundled');
  expect(ids(used.at(-1))).toContain(`${OWN}/person:ana-ortiz`);
});

test('every set turned off needs no part: an empty reference', async () => {
  const { used, options, reference } = setup();
  await reference.apply(settingsWith({ bundledOff: true, ownOff: true }));
  expect(ids(used.at(-1))).toEqual([]);
  expect(options.combiner).not.toHaveBeenCalled();
  expect(options.forPage).not.toHaveBeenCalled();
  // The bundled set turned back on: it alone, still no part.
  await reference.apply(settingsWith({ ownOff: true }));
  expect(used.at(-1)).toBe(bundled);
  expect(options.combiner).not.toHaveBeenCalled();
});

test("the sets' facts and the part are asked together, not one after the other", async () => {
  const asked: string[] = [];
  let answer!: () => void;
  const gate = new Promise<void>((resolve) => (answer = resolve));
  const { used, reference } = setup({
    forPage: async () => { asked.push('for-page'); await gate; return { sets: [own] }; },
    combiner: async () => { asked.push('part'); await gate; return { combineSets }; },
  });
  const applied = reference.apply(settingsWith());
  await vi.waitFor(() => expect(asked).toHaveLength(2));
  expect(asked.sort()).toEqual(['for-page', 'part']);
  answer();
  await applied;
  expect(used).toHaveLength(1);
});

test('nothing is combined while Backstory is off for the site; turned on, the reference is made', async () => {
  const { used, options, reference } = setup();
  await reference.apply(settingsWith({ siteOff: true }));
  expect(options.forPage).not.toHaveBeenCalled();
  expect(options.combiner).not.toHaveBeenCalled();
  expect(used).toEqual([]);
  await reference.apply(settingsWith());
  expect(used).toHaveLength(1);
  expect(options.combiner).toHaveBeenCalledTimes(1);
});

test('an older change that finishes after a newer one puts nothing in use', async () => {
  const replies: (() => void)[] = [];
  const { used, reference } = setup({
    forPage: () => new Promise((resolve) => replies.push(() => resolve({ sets: [own] }))),
  });
  const older = reference.apply(settingsWith());
  await vi.waitFor(() => expect(replies).toHaveLength(1));
  await reference.apply(settingsWith({ ownOff: true })); // the reader turns their set off meanwhile
  expect(used.at(-1)).toBe(bundled);
  replies[0]!();
  await older;
  expect(used).toHaveLength(1);
});

test('the bundled set is loaded apart: nothing is in use until it comes, and a failed load is asked for again', async () => {
  let fail = true;
  const load = vi.fn(() => (fail ? Promise.reject(new Error('restarting')) : Promise.resolve(bundled)));
  const { used, reference } = setup({ bundled: load, readIndex: async () => ({ sets: [] }) });
  await reference.apply(settingsWith());
  // The bundled set could not come: no reference (no mark rather than a wrong one), and no key kept.
  expect(used).toHaveLength(1);
  expect(ids(used[0])).toEqual([]);
  fail = false;
  await reference.retry();
  expect(used.at(-1)).toBe(bundled);
  expect(load).toHaveBeenCalledTimes(2);
  // In use: a retry or the same settings asks for nothing; the bundled set turned off needs no load.
  await reference.retry();
  await reference.apply(settingsWith());
  await reference.apply(settingsWith({ bundledOff: true }));
  expect(load).toHaveBeenCalledTimes(2);
  expect(ids(used.at(-1))).toEqual([]);
});

/** A bundled load that waits until released. */
function slowBundled() {
  let release!: () => void;
  const came = new Promise<void>((resolve) => (release = resolve));
  return { load: vi.fn(() => came.then(() => bundled)), release };
}

test('settings changed while the reference loads: the newest is applied last (a site turned off stays off)', async () => {
  const slow = slowBundled();
  const { used, reference } = setup({ bundled: slow.load, readIndex: async () => ({ sets: [] }) });
  const applied: Settings[] = [];
  const apply = settingsInTurn(reference, (s) => void applied.push(s));
  const first = apply(settingsWith());
  await vi.waitFor(() => expect(slow.load).toHaveBeenCalledTimes(1));
  const off = settingsWith({ siteOff: true });
  await apply(off); // nothing to load while the site is off: applied at once
  expect(applied).toEqual([off]);
  slow.release();
  await first;
  expect(used.at(-1)).toBe(bundled);
  expect(applied).toEqual([off]); // the older value is not applied over it
});

test('a category hidden while the reference loads waits for it and is applied last, never on an empty reference', async () => {
  const slow = slowBundled();
  const { used, reference } = setup({ bundled: slow.load, readIndex: async () => ({ sets: [] }) });
  const applied: { settings: Settings; uses: number }[] = [];
  const apply = settingsInTurn(reference, (s) => void applied.push({ settings: s, uses: used.length }));
  const first = apply(settingsWith());
  await vi.waitFor(() => expect(slow.load).toHaveBeenCalledTimes(1));
  const hidden: Settings = { ...settingsWith(), categories: { ...settingsWith().categories, [MATCH_CATEGORIES[0]!]: false } };
  const second = apply(hidden);
  await Promise.resolve();
  await Promise.resolve();
  expect(applied).toEqual([]); // the same key: it waits for the load in flight
  slow.release();
  await Promise.all([first, second]);
  expect(slow.load).toHaveBeenCalledTimes(1);
  expect(applied).toEqual([{ settings: hidden, uses: 1 }]);
});

test('a failed load is reported, asked for again after each wait in turn (a few, then no more), and cleared once in use', async () => {
  vi.useFakeTimers();
  try {
    let fail = true;
    const load = vi.fn(() => (fail ? Promise.reject(new Error('restarting')) : Promise.resolve(bundled)));
    const states: (ReferenceShortfall | null)[] = [];
    const { used, reference } = setup({ bundled: load, readIndex: async () => ({ sets: [] }), retryDelaysMs: [10, 50], reportUnavailable: (u) => void states.push(u) });
    await reference.apply(settingsWith());
    const bundledFailed = { bundled: true, sets: [] };
    expect(states).toEqual([bundledFailed]);
    await vi.advanceTimersByTimeAsync(9);
    expect(load).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(load).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(50);
    expect(load).toHaveBeenCalledTimes(3);
    await vi.advanceTimersByTimeAsync(60_000); // bounded: no timed retry after the last wait
    expect(load).toHaveBeenCalledTimes(3);
    expect(states).toEqual([bundledFailed, bundledFailed, bundledFailed]);
    // A retry asked for (the popup opened) still asks; once it loads, the page is told, and the waits start over.
    fail = false;
    await reference.retry();
    expect(used.at(-1)).toBe(bundled);
    expect(states.at(-1)).toBeNull();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(load).toHaveBeenCalledTimes(4);
  } finally {
    vi.useRealTimers();
  }
});

test('stopped while the bundled set loads: the load puts nothing in use, reports nothing and sets no timed retry', async () => {
  vi.useFakeTimers();
  try {
    let settleLoad!: (ok: boolean) => void;
    const load = vi.fn(() => new Promise<Dataset>((resolve, reject) => (settleLoad = (ok) => (ok ? resolve(bundled) : reject(new Error('restarting'))))));
    const states: (ReferenceShortfall | null)[] = [];
    for (const ok of [true, false]) {
      const { used, reference } = setup({ bundled: load, readIndex: async () => ({ sets: [] }), retryDelaysMs: [10], reportUnavailable: (u) => void states.push(u) });
      const applying = reference.apply(settingsWith());
      await vi.waitFor(() => expect(load).toHaveBeenCalled());
      reference.stop();
      settleLoad(ok);
      await applying;
      await reference.apply(settingsWith({ bundledOff: true })); // a change after the stop starts nothing
      await vi.advanceTimersByTimeAsync(100);
      expect(used).toEqual([]);
      expect(load).toHaveBeenCalledTimes(1); // no retry, and the change after the stop asked for nothing
      load.mockClear();
    }
    expect(states).toEqual([]);
  } finally {
    vi.useRealTimers();
  }
});

test('stopped, no timed retry is left', async () => {
  vi.useFakeTimers();
  try {
    const load = vi.fn(() => Promise.reject(new Error('restarting')));
    const { reference } = setup({ bundled: load, readIndex: async () => ({ sets: [] }), retryDelaysMs: [10] });
    await reference.apply(settingsWith());
    reference.stop();
    await vi.advanceTimersByTimeAsync(100);
    expect(load).toHaveBeenCalledTimes(1);
  } finally {
    vi.useRealTimers();
  }
});

test('the bundled set failed with own sets on: no reference, never the own sets alone; nothing in use while it loads; a retry combines both', async () => {
  let fail = true;
  let release!: () => void;
  const came = new Promise<void>((resolve) => (release = resolve));
  const load = vi.fn(() => came.then(() => (fail ? Promise.reject(new Error('restarting')) : bundled)));
  const combine = vi.fn(combineSets);
  // No timed retry: the test asks for the one it checks.
  const { used, options, reference } = setup({ bundled: load, combiner: async () => ({ combineSets: combine }), retryDelaysMs: [] });
  const first = reference.apply(settingsWith());
  await vi.waitFor(() => expect(options.forPage).toHaveBeenCalledTimes(1));
  await new Promise((resolve) => setTimeout(resolve, 0));
  expect(used).toEqual([]); // the own sets came; the bundled set is still on its way
  release();
  await first;
  expect(used).toHaveLength(1);
  expect(ids(used[0])).toEqual([]);
  expect(combine).not.toHaveBeenCalled();
  fail = false;
  await reference.retry();
  expect(combine).toHaveBeenCalledTimes(1);
  expect(ids(used.at(-1))).toContain('person:bundled');
  expect(ids(used.at(-1))).toContain(`${OWN}/person:ana-ortiz`);
});

test('two reads of the sets index answering out of order: the newest call wins, the older answer makes nothing', async () => {
  const reads: ((index: { sets: SetSummary[] }) => void)[] = [];
  const { used, options, reference } = setup({ readIndex: () => new Promise((resolve) => reads.push(resolve)) });
  const older = reference.apply(settingsWith());
  const newer = reference.apply(settingsWith({ ownOff: true })); // the reader turns their set off meanwhile
  await vi.waitFor(() => expect(reads).toHaveLength(2));
  reads[1]!({ sets: [summary] });
  reads[0]!({ sets: [summary] }); // the older read answers last
  await Promise.all([older, newer]);
  expect(used).toEqual([bundled]);
  expect(options.forPage).not.toHaveBeenCalled();
  expect(options.combiner).not.toHaveBeenCalled();
});

test('an index change applies the newest settings again over the new index (no settings read that could answer late)', async () => {
  let index: { sets: SetSummary[] } = { sets: [] };
  const { used, reference } = setup({ readIndex: async () => index });
  await reference.refresh(); // nothing applied yet: nothing to make
  expect(used).toEqual([]);
  await reference.apply(settingsWith({ bundledOff: true }));
  expect(ids(used.at(-1))).toEqual([]);
  index = { sets: [summary] }; // the reader's set is built
  await reference.refresh();
  expect(ids(used.at(-1))).toContain(`${OWN}/person:ana-ortiz`);
  expect(ids(used.at(-1))).not.toContain('person:bundled'); // still the newest settings: the bundled set off
});

test("the reader's own set failing is reported by name (its highlights missing), retried, and cleared once combined", async () => {
  vi.useFakeTimers();
  try {
    let fail = true;
    const forPage = vi.fn(() => (fail ? Promise.reject(new Error('restarting')) : Promise.resolve({ sets: [own] })));
    const states: (ReferenceShortfall | null)[] = [];
    const { used, reference } = setup({ forPage, retryDelaysMs: [10, 50], reportUnavailable: (u) => void states.push(u) });
    await reference.apply(settingsWith());
    // The bundled set is in use alone, and the page is told which of the reader's sets is missing.
    expect(used.at(-1)).toBe(bundled);
    expect(states).toEqual([{ bundled: false, sets: ['Water'] }]);
    await vi.advanceTimersByTimeAsync(10);
    expect(forPage).toHaveBeenCalledTimes(2);
    fail = false;
    await vi.advanceTimersByTimeAsync(50);
    expect(forPage).toHaveBeenCalledTimes(3);
    expect(ids(used.at(-1))).toContain(`${OWN}/person:ana-ortiz`);
    expect(states.at(-1)).toBeNull();
  } finally {
    vi.useRealTimers();
  }
});

test("the sets part failing reports the reader's sets missing; with the bundled set off, the page says the same and has nothing", async () => {
  const states: (ReferenceShortfall | null)[] = [];
  const { used, reference } = setup({ combiner: () => Promise.reject(new Error('gone')), retryDelaysMs: [], reportUnavailable: (u) => void states.push(u) });
  await reference.apply(settingsWith({ bundledOff: true }));
  expect(ids(used.at(-1))).toEqual([]);
  expect(states).toEqual([{ bundled: false, sets: ['Water'] }]);
});

test('a set the answer lacks is missing too; the bundled set failing names every set that is then not matched', async () => {
  const other: SetSummary = { ...summary, id: 'set-bbbbbbbbbb', name: 'Fire' };
  const states: (ReferenceShortfall | null)[] = [];
  const lacking = setup({ readIndex: async () => ({ sets: [summary, other] }), retryDelaysMs: [], reportUnavailable: (u) => void states.push(u) });
  await lacking.reference.apply(settingsWith());
  expect(ids(lacking.used.at(-1))).toContain(`${OWN}/person:ana-ortiz`);
  expect(states.at(-1)).toEqual({ bundled: false, sets: ['Fire'] });

  const noBundled = setup({ bundled: () => Promise.reject(new Error('restarting')), retryDelaysMs: [], reportUnavailable: (u) => void states.push(u) });
  await noBundled.reference.apply(settingsWith());
  expect(states.at(-1)).toEqual({ bundled: true, sets: ['Water'] });
});

test('a load never answered is not waited for: the reference is said not loaded and asked again; a late answer is put in use and clears it', async () => {
  vi.useFakeTimers();
  try {
    let answer!: (dataset: Dataset) => void;
    const pending = new Promise<Dataset>((resolve) => (answer = resolve));
    const load = vi.fn(() => pending); // the background never answers (until it does, late)
    const states: (ReferenceShortfall | null)[] = [];
    const { used, reference } = setup({ bundled: load, readIndex: async () => ({ sets: [] }), loadWaitMs: 100, retryDelaysMs: [1000], reportUnavailable: (u) => void states.push(u) });
    const applied = reference.apply(settingsWith());
    await vi.advanceTimersByTimeAsync(99);
    expect(states).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    await applied; // the settings are applied over no reference, never left waiting
    expect(ids(used.at(-1))).toEqual([]);
    expect(states).toEqual([{ bundled: true, sets: [] }]);
    await vi.advanceTimersByTimeAsync(1000); // the timed retry asks again
    expect(load).toHaveBeenCalledTimes(2);
    answer(bundled); // the first answer comes, late
    await vi.advanceTimersByTimeAsync(0);
    expect(used.at(-1)).toBe(bundled);
    expect(states.at(-1)).toBeNull();
  } finally {
    vi.useRealTimers();
  }
});

test("the reader's set never answered: the bundled set is in use at the deadline with the set named missing; its late answer is combined, not asked for again", async () => {
  vi.useFakeTimers();
  try {
    let answer!: (answer: { sets: SetToCombine[] }) => void;
    const forPage = vi.fn(() => new Promise<{ sets: SetToCombine[] }>((resolve) => (answer = resolve)));
    const states: (ReferenceShortfall | null)[] = [];
    const { used, reference } = setup({ forPage, loadWaitMs: 100, retryDelaysMs: [], reportUnavailable: (u) => void states.push(u) });
    const applied = reference.apply(settingsWith());
    await vi.advanceTimersByTimeAsync(100);
    await applied;
    expect(used).toEqual([bundled]);
    expect(states).toEqual([{ bundled: false, sets: ['Water'] }]);
    answer({ sets: [own] }); // late
    await vi.advanceTimersByTimeAsync(0);
    expect(forPage).toHaveBeenCalledTimes(1);
    expect(used).toHaveLength(2);
    expect(ids(used.at(-1))).toContain(`${OWN}/person:ana-ortiz`);
    expect(states.at(-1)).toBeNull();
    await reference.retry(); // whole now: nothing is made again
    await vi.advanceTimersByTimeAsync(60_000);
    expect(forPage).toHaveBeenCalledTimes(1);
    expect(used).toHaveLength(2);
  } finally {
    vi.useRealTimers();
  }
});

test("the reader's set always answering after the deadline (a loaded machine): a few requests in ten minutes, the set combined once an answer comes, the missing set's line gone", async () => {
  vi.useFakeTimers();
  try {
    const forPage = vi.fn(() => new Promise<{ sets: SetToCombine[] }>((resolve) => setTimeout(() => resolve({ sets: [own] }), LOAD_WAIT_MS + 2000)));
    const states: (ReferenceShortfall | null)[] = [];
    const { used, reference } = setup({ forPage, reportUnavailable: (u) => void states.push(u) }); // the real waits
    void reference.apply(settingsWith());
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    // Each request is one the 1/5/30 s schedule allows; none is asked because an answer came late.
    expect(forPage.mock.calls.length).toBeLessThanOrEqual(1 + RETRY_DELAYS_MS.length);
    expect(ids(used.at(-1))).toContain(`${OWN}/person:ana-ortiz`);
    // The page is painted again only when its reference changes: the bundled set at the deadline, then the combination.
    expect(used).toHaveLength(2);
    expect(states.at(-1)).toBeNull();
    expect(vi.getTimerCount()).toBe(0);
  } finally {
    vi.useRealTimers();
  }
});

test('a set still missing: a retry (the popup opened, the tab shown) puts the same reference in use no more, and the set is still named', async () => {
  const forPage = vi.fn(async () => ({ sets: [] as SetToCombine[] })); // the index says built; the answer lacks it
  const states: (ReferenceShortfall | null)[] = [];
  const { used, reference } = setup({ forPage, retryDelaysMs: [], reportUnavailable: (u) => void states.push(u) });
  await reference.apply(settingsWith());
  expect(used).toEqual([bundled]);
  for (let i = 0; i < 3; i++) await reference.retry();
  expect(forPage).toHaveBeenCalledTimes(4);
  expect(used).toEqual([bundled]);
  expect(states).toHaveLength(4);
  expect(states.at(-1)).toEqual({ bundled: false, sets: ['Water'] });
  // Every set turned off: one empty reference, put in use once however often it is made.
  const off = setup({ readIndex: async () => ({ sets: [] }), bundled: () => Promise.reject(new Error('gone')), retryDelaysMs: [] });
  await off.reference.apply(settingsWith());
  await off.reference.retry();
  expect(off.used).toHaveLength(1);
});

test("an older make's failure finishing after a newer make's success is not reported: the page never names a set that is in use", async () => {
  let release!: () => void;
  const states: (ReferenceShortfall | null)[] = [];
  let fail = true;
  const forPage = vi.fn(() => (fail ? Promise.reject(new Error('restarting')) : Promise.resolve({ sets: [own] })));
  const { used, reference } = setup({
    forPage,
    retryDelaysMs: [],
    reportUnavailable: (u) => void states.push(u),
    // The first reference takes long to be put in use (a long first run); the next is at once.
    useReference: (d) => {
      used.push(d);
      return used.length === 1 ? new Promise<void>((resolve) => (release = resolve)) : undefined;
    },
  });
  const first = reference.apply(settingsWith());
  await vi.waitFor(() => expect(release).toBeTypeOf('function'));
  fail = false;
  await reference.apply(settingsWith());
  expect(states).toEqual([null]);
  release();
  await first;
  expect(states).toEqual([null]);
  expect(ids(used.at(-1))).toContain(`${OWN}/person:ana-ortiz`);
});

test('stopped while a load is unanswered: no timer is left (the deadline included)', async () => {
  vi.useFakeTimers();
  try {
    const { reference } = setup({ bundled: () => new Promise<Dataset>(() => undefined), readIndex: async () => ({ sets: [] }) });
    void reference.apply(settingsWith());
    await vi.advanceTimersByTimeAsync(0);
    expect(vi.getTimerCount()).toBe(1);
    reference.stop();
    expect(vi.getTimerCount()).toBe(0);
  } finally {
    vi.useRealTimers();
  }
});

test("a combination is put in use with the tables the background compiled for it, asked for with or without the bundled set; the bundled set alone has none", async () => {
  const tables = { format: 5, fingerprint: 'from the background' } as unknown as CompiledTables;
  const given: [Dataset, CompiledTables | undefined][] = [];
  const forPage = vi.fn(async () => ({ sets: [own], tables }));
  const useReference = (d: Dataset, t?: CompiledTables) => void given.push([d, t]);
  const { reference } = setup({ forPage, useReference });
  await reference.apply(settingsWith());
  expect(forPage).toHaveBeenLastCalledWith([OWN], true);
  expect(ids(given.at(-1)![0])).toContain(`${OWN}/person:ana-ortiz`);
  expect(given.at(-1)![1]).toBe(tables);
  await reference.apply(settingsWith({ bundledOff: true }));
  expect(forPage).toHaveBeenLastCalledWith([OWN], false);
  expect(given.at(-1)![1]).toBe(tables);
  await reference.apply(settingsWith({ ownOff: true }));
  expect(given.at(-1)).toEqual([bundled, undefined]);
});
