import { expect, test, vi } from 'vitest';
import { mountCardLayer, mountCardModelLayer } from '@/components/CardLayer';
import { isLayerHost, LAYER_ATTRIBUTE } from '@/components/ShadowLayer';
import type { CardModel } from '@/lib/highlight/card-model';
import { createReference } from '@/lib/reference/lookup';

const entity: CardModel = {
  kind: 'entity', id: 'place:aleppo', name: 'Aleppo', type: 'place', typeLabel: 'Place', aliases: ['Halab'], pageText: 'Aleppo',
  figures: [{ id: 'f', label: 'up to 7,000 people fled', value: 7000, qualifier: 'up to', unit: 'people', counts: 'people fled', attribution: 'activists' }],
  sources: [{ id: 'd', title: 'A story', publisher: 'A wire', date: '2012-07' }],
};
const figure: CardModel = {
  kind: 'figure', id: 'k', pageText: '60,000 people', verdict: 'differs', about: ['Syria'], sources: [],
  reference: { id: 'k', label: 'more than 70,000 people killed', value: 70000, qualifier: 'more than', unit: 'people', counts: 'people killed', attribution: 'United Nations' },
  page: { value: 60000, qualifier: 'exact', unit: 'people', text: '60,000 people', attribution: 'a government newspaper' },
};

test('the card adds one host only when first shown, in a shadow root, with dialog role and a live announcement', () => {
  document.documentElement.innerHTML = '<head></head><body><p>Aleppo</p></body>';
  const count = () => document.getElementsByTagName('*').length;
  const before = count();
  let closed = 0;
  const layer = mountCardModelLayer(document, { onClose: () => closed++ });
  expect(count()).toBe(before); // nothing added to the page until a card is needed

  layer.show(entity, new DOMRect(10, 10, 40, 16), 'hover');
  const host = document.querySelector(`[${LAYER_ATTRIBUTE}="card"]`)!;
  expect(host.parentNode).toBe(document.documentElement);
  expect(host.tagName).toBe('DIV'); // a built-in element: a page cannot define it before us
  expect(isLayerHost(host)).toBe(true);
  expect(count()).toBe(before + 1); // the host; everything else is in its shadow root
  const dialog = host.shadowRoot!.querySelector('[role="dialog"]')!;
  expect(dialog.getAttribute('data-category')).toBe('place');
  expect(dialog.textContent).toContain('Halab');
  expect(dialog.textContent).toContain('up to 7,000 people fled');
  expect(dialog.textContent).toContain('A wire, 2012-07');
  expect(host.shadowRoot!.querySelector('[aria-live="polite"]')!.textContent).toBe('Aleppo, place. 1 reference figure.');
  expect(host.shadowRoot!.querySelector('style')!.textContent).toContain('all: initial !important');
  expect(layer.owns(host)).toBe(true);
  expect(layer.owns(document.body)).toBe(false);

  (host.shadowRoot!.querySelector('button.close') as HTMLButtonElement).click();
  expect(closed).toBe(1);

  layer.show(figure, new DOMRect(10, 10, 40, 16), 'keyboard');
  const text = host.shadowRoot!.querySelector('[role="dialog"]')!.textContent!;
  expect(text).toContain('Differs from the reference');
  expect(host.shadowRoot!.querySelector('[data-field="page"]')!.textContent).toBe('60,000 people');
  expect(host.shadowRoot!.querySelector('[data-field="reference"]')!.textContent).toBe('more than 70,000 people');
  expect(host.shadowRoot!.querySelector('[data-field="reference-attribution"]')!.textContent).toBe('United Nations');
  expect(host.shadowRoot!.querySelector('[data-field="page-attribution"]')!.textContent).toBe('a government newspaper');
  expect(host.shadowRoot!.querySelectorAll('[aria-live]')).toHaveLength(1);

  layer.hide();
  expect(layer.isOpen).toBe(false);
  expect(host.shadowRoot!.querySelector('[role="dialog"]')).toBeNull();
  expect(host.shadowRoot!.querySelector('[aria-live]')!.textContent).toBe('');
  layer.destroy();
  expect(document.querySelector(`[${LAYER_ATTRIBUTE}]`)).toBeNull();
  expect(count()).toBe(before);
});

test('opened from the keyboard, the card is a dialog that takes the focus, is read whole, keeps Tab inside and has no page landmarks', async () => {
  document.documentElement.innerHTML = '<head></head><body><p>Aleppo</p><a href="#x">after</a></body>';
  let added = 0;
  let moved = 0;
  const layer = mountCardModelLayer(document, { onClose: () => undefined, onAddNote: () => added++, onMoved: () => moved++ });
  layer.show(entity, new DOMRect(10, 10, 40, 16), 'keyboard');
  expect(moved).toBe(1);
  const host = document.querySelector(`[${LAYER_ATTRIBUTE}="card"]`)!;
  const root = host.shadowRoot!;
  const dialog = root.querySelector<HTMLElement>('[role="dialog"]')!;
  // Focus moves in once the card is drawn; the dialog's name is its title, its description its whole content.
  await vi.waitFor(() => expect(root.activeElement).toBe(dialog));
  expect(layer.hasFocus).toBe(true);
  expect(dialog.getAttribute('aria-modal')).toBe('true');
  expect(root.getElementById(dialog.getAttribute('aria-labelledby')!)!.textContent).toBe('Aleppo');
  const described = root.getElementById(dialog.getAttribute('aria-describedby')!)!.textContent!;
  expect(described).toContain('Halab');
  expect(described).toContain('up to 7,000 people fled');
  expect(described).toContain('A story');
  // Announced by focus, not a second time by the live region.
  expect(root.querySelector('[aria-live]')!.textContent).toBe('');
  // No banner or contentinfo landmarks (header/footer), no region landmarks inside the card.
  expect(root.querySelectorAll('header, footer, section, [role="region"]')).toHaveLength(0);

  // Tab goes round the card's controls and never out onto the page.
  const controls = [...dialog.querySelectorAll<HTMLElement>('button')];
  expect(controls.map((b) => b.textContent?.trim())).toEqual(['×', 'Add note']);
  const tab = (shiftKey = false) => root.activeElement!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Tab', shiftKey, bubbles: true, cancelable: true }));
  tab();
  expect(root.activeElement).toBe(controls[0]);
  tab();
  expect(root.activeElement).toBe(controls[1]);
  tab();
  expect(root.activeElement).toBe(controls[0]);
  tab(true);
  expect(root.activeElement).toBe(controls[1]);

  // Following its highlight while the page scrolls neither moves the focus nor announces the card again.
  (controls[1] as HTMLElement).focus();
  layer.show(entity, new DOMRect(10, 40, 40, 16), 'keyboard');
  expect(root.activeElement).toBe(controls[1]);
  expect(layer.rect()).not.toBeNull();

  // Add note answers the reader's click only (jsdom's click is untrusted, like a page script's).
  controls[1]!.click();
  expect(added).toBe(0);

  layer.hide();
  expect(layer.rect()).toBeNull();
  expect(moved).toBe(3);
  layer.destroy();
});

test('opened on hover, the card takes no focus and is announced once', async () => {
  document.documentElement.innerHTML = '<head></head><body><p>Aleppo</p></body>';
  const layer = mountCardModelLayer(document, { onClose: () => undefined });
  layer.show(figure, new DOMRect(10, 10, 40, 16), 'hover');
  const root = document.querySelector(`[${LAYER_ATTRIBUTE}="card"]`)!.shadowRoot!;
  await new Promise((ok) => setTimeout(ok, 150));
  expect(root.activeElement).toBeNull();
  expect(layer.hasFocus).toBe(false);
  expect(root.querySelector('[role="dialog"]')!.getAttribute('aria-modal')).toBe('false');
  expect(root.querySelector('[aria-live]')!.textContent).toContain('Figure: differs from the reference');
  // Without an Add note handler there is no Add note button.
  expect(root.querySelector('.add-note')).toBeNull();
  layer.destroy();
});

test('the page hands the card a match and its reference, which the card describes; one the reference no longer has closes it', () => {
  document.documentElement.innerHTML = '<head></head><body><p>Aleppo</p></body>';
  const reference = createReference({
    version: 1,
    documents: [{ id: 'd', title: 'A story', publisher: 'A wire', sha256: 'x', length: 1 }],
    entities: [{ id: 'place:aleppo', name: 'Aleppo', type: 'place', aliases: ['Aleppo', 'Halab'], mentions: [{ doc: 'd', start: 0, end: 6 }], figureIds: [] }],
    figures: [],
  });
  const match = (referenceId: string) => ({ start: 0, end: 6, text: 'Aleppo', category: 'place' as const, referenceId });
  let closed = 0;
  const layer = mountCardLayer(document, { onClose: () => closed++ });
  layer.show({ reference, match: match('place:aleppo') }, new DOMRect(10, 10, 40, 16), 'hover');
  const root = document.querySelector(`[${LAYER_ATTRIBUTE}="card"]`)!.shadowRoot!;
  expect(layer.isOpen).toBe(true);
  expect(root.querySelector('[role="dialog"] h2')!.textContent).toBe('Aleppo');
  expect(root.querySelector('[role="dialog"]')!.textContent).toContain('Halab');
  expect(root.querySelector('[aria-live="polite"]')!.textContent).toBe('Aleppo, place.');

  layer.show({ reference, match: match('place:homs') }, new DOMRect(10, 10, 40, 16), 'hover');
  expect(layer.isOpen).toBe(false);
  expect(root.querySelector('[role="dialog"]')).toBeNull();
  expect(closed).toBe(1); // closed as the reader closes it: the page forgets the card too
  layer.destroy();
});

test('the open card is described once, not again on each frame that moves it', () => {
  document.documentElement.innerHTML = '<head></head><body><p>Aleppo</p></body>';
  const reference = createReference({
    version: 1,
    documents: [{ id: 'd', title: 'A story', publisher: 'A wire', sha256: 'x', length: 1 }],
    entities: [{ id: 'place:aleppo', name: 'Aleppo', type: 'place', aliases: ['Aleppo', 'Halab'], mentions: [{ doc: 'd', start: 0, end: 6 }], figureIds: [] }],
    figures: [],
  });
  let lookups = 0;
  const counted = new Proxy(reference, {
    get(target, key, receiver) {
      const value = Reflect.get(target, key, receiver);
      return typeof value === 'function' ? (...args: unknown[]) => (lookups++, (value as (...a: unknown[]) => unknown).apply(target, args)) : value;
    },
  });
  const match = { start: 0, end: 6, text: 'Aleppo', category: 'place' as const, referenceId: 'place:aleppo' };
  const layer = mountCardLayer(document, { onClose: () => undefined });
  layer.show({ reference: counted, match }, new DOMRect(10, 10, 40, 16), 'hover');
  const once = lookups;
  expect(once).toBeGreaterThan(0);
  for (let y = 11; y < 20; y++) layer.show({ reference: counted, match }, new DOMRect(10, y, 40, 16), 'hover'); // scroll frames
  expect(lookups).toBe(once);
  expect(layer.isOpen).toBe(true);
  // Another match is described afresh.
  layer.show({ reference: counted, match: { ...match } }, new DOMRect(10, 10, 40, 16), 'hover');
  expect(lookups).toBeGreaterThan(once);
  layer.destroy();
});

test('a card whose size changes after it was placed (a font arriving) is placed again, and what avoids it is told', () => {
  document.documentElement.innerHTML = '<head></head><body><p>Aleppo</p></body>';
  // jsdom lays nothing out and has no ResizeObserver: the card's size and the browser's report of its change are ours.
  const observed = new Set<Element>();
  let report: (() => void) | null = null;
  class FakeResizeObserver {
    constructor(callback: () => void) {
      report = callback;
    }
    observe(el: Element) { observed.add(el); }
    unobserve(el: Element) { observed.delete(el); }
    disconnect() { observed.clear(); }
  }
  vi.stubGlobal('ResizeObserver', FakeResizeObserver);
  let size = { width: 360, height: 200 };
  const rect = vi.spyOn(HTMLElement.prototype, 'getBoundingClientRect').mockImplementation(function (this: HTMLElement) {
    return this.classList.contains('card') ? new DOMRect(parseFloat(this.style.left) || 0, parseFloat(this.style.top) || 0, size.width, size.height) : new DOMRect();
  });
  try {
    let moved = 0;
    const layer = mountCardModelLayer(document, { onClose: () => undefined, onMoved: () => moved++ });
    const anchor = new DOMRect(100, 300, 60, 16);
    layer.show(entity, anchor, 'hover');
    const card = document.querySelector(`[${LAYER_ATTRIBUTE}="card"]`)!.shadowRoot!.querySelector<HTMLElement>('.card')!;
    expect(observed.has(card)).toBe(true);
    expect(card.style.top).toBe('324px'); // below the word
    expect(moved).toBe(1);

    // The browser's first report, of the size the card was placed at: nothing to do.
    report!();
    expect(moved).toBe(1);

    // The card grows where it stands (its text wraps again): it no longer fits below and is placed again, and the
    // note tooltip, placed against its old box, is told to place itself again.
    size = { width: 360, height: 500 };
    report!();
    expect(card.style.top).toBe(`${window.innerHeight - 500 - 8}px`);
    expect(moved).toBe(2);
    expect(layer.rect()!.bottom).toBe(window.innerHeight - 8);

    layer.hide();
    expect(observed.size).toBe(0);
    layer.destroy();
  } finally {
    rect.mockRestore();
    vi.unstubAllGlobals();
  }
});
