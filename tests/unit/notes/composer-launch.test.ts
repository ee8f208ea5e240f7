import { describe, expect, test, vi } from 'vitest';
import { createComposerLauncher, PENDING_TTL_MS, type LaunchDeps } from '@/lib/notes/composer-launch';
import type { PageContext, PendingSelection } from '@/lib/notes/messages';

const SELECTION = { quote: { type: 'TextQuoteSelector' as const, exact: 'Navi Pillay', prefix: 'Syria. ', suffix: ', the UN' }, position: { type: 'TextPositionSelector' as const, start: 10, end: 21 } };

function harness(over: Partial<LaunchDeps> = {}) {
  const stored = new Map<number, PendingSelection>();
  const calls: string[] = [];
  let clock = 1_000_000;
  const deps: LaunchDeps = {
    pageContext: async (): Promise<PageContext> => ({ url: 'https://n.example/a', title: 'A', selection: SELECTION, anchoring: null }),
    openPopup: async (w) => { calls.push(`popup:${w}`); },
    openPopupWindow: async (t) => { calls.push(`window:${t}`); },
    storePending: async (p) => { stored.set(p.tabId, p); },
    loadPending: async (t) => stored.get(t) ?? null,
    clearPending: async (t) => { stored.delete(t); },
    now: () => clock,
    ...over,
  };
  return { launcher: createComposerLauncher(deps), calls, stored, tick: (ms: number) => { clock += ms; } };
}

describe('composer launch (context menu and add-note command)', () => {
  test('opens the popup and hands it the selection as selectors, once', async () => {
    const { launcher, calls } = harness();
    await launcher.launch({ id: 7, url: 'https://n.example/a?utm_source=x', windowId: 2 }, 'Navi Pillay');
    expect(calls).toEqual(['popup:2']);
    const taken = await launcher.take(7);
    expect(taken).toMatchObject({ tabId: 7, url: 'https://n.example/a', target: SELECTION });
    expect(await launcher.take(7)).toBeNull();
  });

  test('the popup asking before the selection was captured still gets it', async () => {
    let release!: () => void;
    const slow = new Promise<void>((ok) => { release = ok; });
    const { launcher } = harness({
      pageContext: async () => { await slow; return { url: 'https://n.example/a', title: 'A', selection: SELECTION, anchoring: null }; },
    });
    await launcher.launch({ id: 3, url: 'https://n.example/a' });
    const asked = launcher.take(3);
    release();
    expect((await asked)?.target).toEqual(SELECTION);
  });

  test('without a content script, the menu\'s selection text becomes a plain quote on the normalised URL', async () => {
    const { launcher } = harness({ pageContext: () => Promise.reject(new Error('Could not establish connection')) });
    await launcher.launch({ id: 4, url: 'https://N.example/a#frag' }, '  60,000 people ');
    expect(await launcher.take(4)).toMatchObject({
      url: 'https://n.example/a',
      target: { quote: { type: 'TextQuoteSelector', exact: '60,000 people', prefix: '', suffix: '' } },
    });
  });

  test('falls back to a popup window aimed at the tab where action.openPopup fails', async () => {
    const { launcher, calls } = harness({ openPopup: () => Promise.reject(new Error('no focused window')) });
    await launcher.launch({ id: 9, url: 'https://n.example/' });
    expect(calls).toEqual(['window:9']);
  });

  test('a stale selection is not offered, and tabs without an id are ignored', async () => {
    const { launcher, tick, calls } = harness();
    await launcher.launch({ id: 5, url: 'https://n.example/a' });
    tick(PENDING_TTL_MS + 1);
    expect(await launcher.take(5)).toBeNull();
    await launcher.launch(undefined);
    await launcher.launch({ url: 'https://n.example/' });
    expect(calls).toEqual(['popup:undefined']);
  });

  test('the selection\'s link to the reference item it lies on is kept for the popup; a malformed one is dropped, the selection kept', async () => {
    const reference = { id: 'person:bashar-al-assad', kind: 'entity' as const, label: 'Bashar al-Assad' };
    const linked = harness({ pageContext: async () => ({ url: 'https://n.example/a', title: 'A', selection: SELECTION, reference, anchoring: null }) });
    await linked.launcher.launch({ id: 11, url: 'https://n.example/a' });
    expect(await linked.launcher.take(11)).toMatchObject({ tabId: 11, target: SELECTION, reference });

    const malformed = harness({
      pageContext: async () => ({ url: 'https://n.example/a', title: 'A', selection: SELECTION, anchoring: null,
        reference: { id: '', kind: 'person', label: 'x' } as unknown as PageContext['reference'] }),
    });
    await malformed.launcher.launch({ id: 12, url: 'https://n.example/a' });
    const taken = await malformed.launcher.take(12);
    expect(taken?.target).toEqual(SELECTION);
    expect(taken).not.toHaveProperty('reference');

    // Without a selection there is nothing to link: a link alone is never kept.
    const bare = harness({ pageContext: async () => ({ url: 'https://n.example/a', title: 'A', selection: null, reference, anchoring: null }) });
    await bare.launcher.launch({ id: 13, url: 'https://n.example/a' });
    expect(await bare.launcher.take(13)).toBeNull();
  });

  test('no selection anywhere opens the composer without a quote', async () => {
    const storePending = vi.fn(async () => undefined);
    const { launcher, calls } = harness({
      pageContext: async () => ({ url: 'https://n.example/', title: 'A', selection: null, anchoring: null }),
      storePending,
    });
    await launcher.launch({ id: 6, url: 'https://n.example/' });
    expect(await launcher.take(6)).toBeNull();
    expect(storePending).not.toHaveBeenCalled();
    expect(calls).toEqual(['popup:undefined']);
  });
});
