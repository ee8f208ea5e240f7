// Parts of Backstory loaded on demand (lib/page/parts.ts): a part is asked for once per loader, taken from where its
// script leaves it, and a script that did not provide it is an error rather than a silent nothing.
import { describe, expect, it, vi } from 'vitest';
import { isPartName, partLoaded, partLoader, PART_SCRIPTS, providePart } from '../../../lib/page/parts';
import { figureEngine } from '../../../lib/match/figure-part';

describe('parts loaded on demand', () => {
  it('asks the background for the part, then takes what its script left, and asks no more', async () => {
    const world = {};
    const inject = vi.fn(async (part: 'figures') => providePart(part, figureEngine, world));
    const load = partLoader('figures', inject, world);
    expect(partLoaded('figures', world)).toBeNull();
    expect(await load()).toBe(figureEngine);
    expect(await load()).toBe(figureEngine);
    expect(inject).toHaveBeenCalledTimes(1);
    expect(inject).toHaveBeenCalledWith('figures');
    // Each part under its own name: Readability is still not there.
    expect(partLoaded('readability', world)).toBeNull();
  });

  it('takes only what a part left on the global itself, never a page element named like it (the window\'s named access)', async () => {
    const element = document.createElement('div');
    const world = Object.create({ __backstoryPart_figures: element }) as object;
    expect(partLoaded('figures', world)).toBeNull();
    await expect(partLoader('figures', async () => undefined, world)()).rejects.toThrow('did not load');
    providePart('figures', figureEngine, world);
    expect(partLoaded('figures', world)).toBe(figureEngine);
  });

  it('callers asking while the part loads share one request; after a failure the next call asks again', async () => {
    const world = {};
    let fail = true;
    let release!: () => void;
    const inject = vi.fn(async (part: 'figures') => {
      await new Promise<void>((done) => (release = done));
      if (fail) throw new Error('the background is restarting');
      providePart(part, figureEngine, world);
    });
    const load = partLoader('figures', inject, world);
    const first = load();
    const second = load();
    expect(second).toBe(first);
    release();
    await expect(first).rejects.toThrow(/restarting/);
    expect(inject).toHaveBeenCalledTimes(1);
    fail = false;
    const again = load();
    await vi.waitFor(() => expect(inject).toHaveBeenCalledTimes(2));
    release();
    expect(await again).toBe(figureEngine);
  });

  it('a world holding the part from an earlier start (an update) asks once more and takes the new export', async () => {
    const world = {};
    const stale = { ...figureEngine };
    providePart('figures', stale, world); // the old version's script ran here
    const inject = vi.fn(async (part: 'figures') => providePart(part, figureEngine, world));
    const load = partLoader('figures', inject, world);
    expect(await load()).toBe(figureEngine);
    expect(await load()).toBe(figureEngine);
    expect(inject).toHaveBeenCalledTimes(1);
  });

  it('a script that ran without providing the part is an error', async () => {
    const load = partLoader('readability', async () => undefined, {});
    await expect(load()).rejects.toThrow(/readability part did not load/);
  });

  it('only Backstory\'s own parts have files to inject', () => {
    expect(Object.keys(PART_SCRIPTS).sort()).toEqual(['anchoring', 'figures', 'layers', 'readability', 'reference', 'sets']);
    expect(isPartName('figures')).toBe(true);
    expect(isPartName('toString')).toBe(false);
    expect(isPartName('../background.js')).toBe(false);
    expect(isPartName(undefined)).toBe(false);
  });
});
