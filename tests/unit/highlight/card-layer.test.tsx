import { expect, test } from 'vitest';
import { mountCardLayer } from '@/components/CardLayer';
import { isLayerHost, LAYER_ATTRIBUTE } from '@/components/ShadowLayer';
import type { CardModel } from '@/lib/highlight/card-model';

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
  const layer = mountCardLayer(document, () => closed++);
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
