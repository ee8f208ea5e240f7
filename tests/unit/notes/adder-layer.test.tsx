// The adder's toolbar on the page (components/AdderLayer.tsx): a named toolbar beside the selection, arrow keys
// between its buttons, the focus only when asked, buttons that answer the reader's clicks and not a script's, and
// each message after a save announced once.
import { afterEach, expect, test, vi } from 'vitest';
import { mountAdderLayer } from '@/components/AdderLayer';
import { LAYER_ATTRIBUTE } from '@/components/ShadowLayer';

const anchor = new DOMRect(40, 200, 80, 18);
const root = () => document.querySelector(`[${LAYER_ATTRIBUTE}="adder"]`)!.shadowRoot!;

afterEach(async () => {
  for (const el of Array.from(document.querySelectorAll(`[${LAYER_ATTRIBUTE}]`))) el.remove();
  // Preact runs a draw's effects on the next frame, with a timer as its fallback: waiting for that frame lets them run
  // (and clear the timer) inside the test, not after the file's window is gone, where the timer would find no
  // cancelAnimationFrame.
  await new Promise((ok) => requestAnimationFrame(() => setTimeout(ok)));
});

test('a named toolbar by the selection; the keyboard moves in only when asked, and arrows go between its buttons', async () => {
  const layer = mountAdderLayer(document, { trusted: () => true });
  const note = vi.fn();
  const highlight = vi.fn();
  layer.show(anchor, { note, highlight }, { focus: false });
  const toolbar = root().querySelector<HTMLElement>('[role="toolbar"]')!;
  expect(toolbar.getAttribute('aria-label')).toBe('Backstory: note the selected text');
  expect([...toolbar.querySelectorAll('button')].map((b) => b.textContent)).toEqual(['Note', 'Highlight']);
  expect(toolbar.style.top).toBe(`${anchor.bottom + 8}px`); // just below the selection
  expect(layer.visible).toBe(true);
  expect(layer.rect()).not.toBeNull();
  await new Promise((ok) => setTimeout(ok, 120));
  expect(layer.hasFocus).toBe(false);

  layer.show(anchor, { note, highlight }, { focus: true });
  await vi.waitFor(() => expect(root().activeElement?.textContent).toBe('Note'));
  expect(layer.hasFocus).toBe(true);
  root().activeElement!.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true }));
  expect(root().activeElement?.textContent).toBe('Highlight');
  root().activeElement!.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true }));
  expect(root().activeElement?.textContent).toBe('Note');
  (root().activeElement as HTMLButtonElement).click();
  expect(note).toHaveBeenCalledTimes(1);

  layer.hide();
  expect(layer.visible).toBe(false);
  expect(root().querySelector('[role="toolbar"]')).toBeNull();
  expect(layer.rect()).toBeNull();
  layer.destroy();
});

test('its buttons do nothing for a script\'s click (untrusted)', () => {
  const layer = mountAdderLayer(document);
  const note = vi.fn();
  const highlight = vi.fn();
  layer.show(anchor, { note, highlight }, { focus: false });
  for (const button of root().querySelectorAll('button')) button.click();
  expect(note).not.toHaveBeenCalled();
  expect(highlight).not.toHaveBeenCalled();
  layer.destroy();
});

test('after a save: the message in its place, announced once, with its action', () => {
  const layer = mountAdderLayer(document, { trusted: () => true });
  const undo = vi.fn();
  layer.status('Note saved', anchor, { label: 'Undo', run: undo });
  expect(root().querySelector('[aria-live="polite"]')!.textContent).toBe('Note saved');
  expect(root().querySelector('.status')!.textContent).toBe('Note savedUndo');
  root().querySelector<HTMLButtonElement>('.status button')!.click();
  expect(undo).toHaveBeenCalledTimes(1);
  layer.status('Backstory cannot quote this text.', anchor);
  expect(root().querySelector('.status button')).toBeNull();
  layer.hide();
  expect(root().querySelector('[aria-live="polite"]')!.textContent).toBe('');
  layer.destroy();
});
