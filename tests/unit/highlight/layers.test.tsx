// On-page UI layers (components/ShadowLayer.tsx) and the note tooltip built on one: a plain <div> host created
// only when needed, Preact inside a shadow root, no markup from data, and no UI (rather than an error) where the
// document refuses a shadow root.
import { afterEach, expect, test } from 'vitest';
import { isLayerHost, LAYER_ATTRIBUTE, mountShadowLayer } from '@/components/ShadowLayer';
import { mountNoteTooltipLayer } from '@/components/NoteTooltipLayer';

const rect = new DOMRect(10, 10, 90, 20);
const tipHost = () => document.querySelector(`[${LAYER_ATTRIBUTE}="note-tip"]`);

afterEach(() => {
  document.body.replaceChildren();
  for (const el of Array.from(document.querySelectorAll(`[${LAYER_ATTRIBUTE}]`))) el.remove();
});

test('the tooltip shows note text and tags as text, never as markup, and its host leaves the page when hidden', () => {
  const tip = mountNoteTooltipLayer(document, { mode: 'open' });
  expect(tipHost()).toBeNull();
  tip.show([{ text: '<img src=x onerror="window.__pwned=1"><b>bold</b>', tags: ['<i>t</i>'] }], rect);
  const host = tipHost()!;
  expect(host.tagName).toBe('DIV');
  expect(isLayerHost(host)).toBe(true);
  const root = host.shadowRoot!;
  expect(root.querySelector('img, b, i')).toBeNull();
  expect(root.textContent).toContain('<img src=x onerror="window.__pwned=1"><b>bold</b>');
  expect(root.textContent).toContain('#<i>t</i>');
  expect(root.querySelector('[role=tooltip]')).not.toBeNull();
  expect(tip.visible).toBe(true);
  tip.hide();
  expect(tipHost()).toBeNull();
  expect(tip.visible).toBe(false);
  tip.destroy();
});

test('the default (closed) root keeps the notes out of the page\'s reach; several notes are listed, an empty one says so', () => {
  const tip = mountNoteTooltipLayer(document);
  tip.show([{ text: 'one', tags: [] }, { text: ' ', tags: ['x'] }], rect);
  const host = tipHost()!;
  expect(host.shadowRoot).toBeNull();
  expect(host.textContent).toBe('');
  expect(tip.visible).toBe(true);
  tip.destroy();
  expect(tipHost()).toBeNull();

  const open = mountNoteTooltipLayer(document, { mode: 'open' });
  open.show([{ text: 'one', tags: [] }, { text: ' ', tags: ['x'] }], rect);
  const text = tipHost()!.shadowRoot!.textContent!;
  expect(text).toContain('2 notes');
  expect(text).toContain('(highlight without a note)');
  expect(text).toContain('#x');
  open.destroy();
});

test('a page that defines custom elements of every name Backstory might use cannot take over a layer', () => {
  const taken: string[] = [];
  for (const name of ['backstory-card', 'backstory-note-tip', 'backstory-layer']) {
    customElements.define(name, class extends HTMLElement {
      constructor() {
        super();
        taken.push(name);
      }
    });
  }
  const layer = mountShadowLayer(document, { name: 'probe', css: '', mode: 'closed' });
  expect(layer.render(<p>hello</p>)).not.toBeNull();
  expect(taken).toEqual([]);
  expect(document.querySelector(`[${LAYER_ATTRIBUTE}="probe"]`)!.tagName).toBe('DIV');
  layer.destroy();
});

test('a document that refuses a shadow root gets no layer, and no error', () => {
  const xml = document.implementation.createDocument('http://www.w3.org/2000/svg', 'svg', null);
  const layer = mountShadowLayer(xml, { name: 'card', css: '', mode: 'open' });
  expect(layer.render(<p>hello</p>)).toBeNull();
  expect(layer.attached).toBe(false);
  layer.remove();
  layer.destroy();
  expect(xml.documentElement.childNodes).toHaveLength(0);
});
