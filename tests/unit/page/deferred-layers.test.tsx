// The card and the adder stand in for their layers until the part that draws them has loaded
// (lib/page/deferred-layers.ts): what the page asked meanwhile shows once the part is there, in its latest state
// only; a failed load is asked again on the next use; a first sign of reading starts the load.
import { afterEach, expect, test, vi } from 'vitest';
import { mountCardLayer } from '@/components/CardLayer';
import { mountAdderLayer } from '@/components/AdderLayer';
import { isLayerHost, LAYER_ATTRIBUTE } from '@/components/ShadowLayer';
import { deferredAdderLayer, deferredCardLayer, deferredComposerLayer, deferredNoteTooltipLayer, preloadOnFirstUse, type ComposerLayerLike, type NoteTooltipLayerLike } from '@/lib/page/deferred-layers';
import type { CardSubject } from '@/lib/highlight/card-model';
import { createReference } from '@/lib/reference/lookup';

const places = ['Aleppo', 'Homs', 'Idlib'];
const reference = createReference({
  version: 1,
  documents: [],
  entities: places.map((name) => ({ id: `place:${name.toLowerCase()}`, name, type: 'place' as const, aliases: [name], mentions: [], figureIds: [] })),
  figures: [],
});
/** The card's subject for one of `places`, as the page's interaction hands it over. */
const model = (name: string): CardSubject => ({
  reference,
  match: { start: 0, end: name.length, text: name, referenceId: `place:${name.toLowerCase()}`, category: 'place' },
});
const at = new DOMRect(10, 10, 40, 16);
const host = (name: string) => document.querySelector(`[${LAYER_ATTRIBUTE}="${name}"]`);

/** A part that loads when the test says so, or fails to. */
function gate<T>(make: () => T) {
  const waiting: { resolve(): void; reject(): void }[] = [];
  const create = vi.fn(() => new Promise<T>((resolve, reject) => waiting.push({ resolve: () => resolve(make()), reject: () => reject(new Error('gone')) })));
  return { create, load: () => waiting.shift()!.resolve(), fail: () => waiting.shift()!.reject() };
}
const settle = () => new Promise((done) => setTimeout(done, 0));

afterEach(() => {
  for (const el of Array.from(document.querySelectorAll(`[${LAYER_ATTRIBUTE}]`))) el.remove();
});

test('a card asked for before its part loaded shows, in its latest state, once the part is there', async () => {
  const part = gate(() => mountCardLayer(document, { onClose: () => undefined }));
  const card = deferredCardLayer(part.create);
  card.show(model('Aleppo'), at, 'hover');
  card.show(model('Homs'), at, 'keyboard');
  expect(part.create).toHaveBeenCalledTimes(1); // one load, however often the card is asked for
  expect(card.isOpen).toBe(true); // on its way: the page's controller treats it as open
  expect(card.hasFocus).toBe(false);
  expect(card.rect()).toBeNull();
  expect(host('card')).toBeNull();
  part.load();
  await settle();
  const shown = host('card')!;
  expect(isLayerHost(shown)).toBe(true); // the page model knows the part's host as Backstory's own
  expect(shown.shadowRoot!.querySelector('[role="dialog"] h2')!.textContent).toBe('Homs');
  await vi.waitFor(() => expect(card.hasFocus).toBe(true)); // a keyboard card takes the focus, late or not
  expect(card.owns(shown)).toBe(true);
  card.hide();
  expect(card.isOpen).toBe(false);
  card.destroy();
  expect(host('card')).toBeNull();
});

test('a card closed before its part loaded never shows; a failed load is asked again on the next use', async () => {
  const part = gate(() => mountCardLayer(document, { onClose: () => undefined }));
  const card = deferredCardLayer(part.create);
  card.show(model('Aleppo'), at, 'hover');
  card.hide();
  expect(card.isOpen).toBe(false);
  part.fail();
  await settle();
  expect(host('card')).toBeNull();
  card.show(model('Idlib'), at, 'hover');
  expect(part.create).toHaveBeenCalledTimes(2);
  part.load();
  await settle();
  expect(host('card')!.shadowRoot!.querySelector('[role="dialog"] h2')!.textContent).toBe('Idlib');
  card.destroy();
});

test('a layer destroyed while its part loads is never drawn', async () => {
  const part = gate(() => mountCardLayer(document, { onClose: () => undefined }));
  const card = deferredCardLayer(part.create);
  card.show(model('Aleppo'), at, 'hover');
  card.destroy();
  part.load();
  await settle();
  expect(host('card')).toBeNull();
});

test('the adder asked for before its part loaded shows where the selection is now, or its last message', async () => {
  const part = gate(() => mountAdderLayer(document, { trusted: () => true }));
  const adder = deferredAdderLayer(part.create);
  const actions = { note: vi.fn(), highlight: vi.fn() };
  adder.preload();
  adder.show(at, actions, { focus: false });
  adder.reposition(new DOMRect(30, 200, 40, 16));
  expect(adder.visible).toBe(true);
  expect(part.create).toHaveBeenCalledTimes(1);
  part.load();
  await settle();
  const toolbar = host('adder')!.shadowRoot!.querySelector<HTMLElement>('.adder')!;
  expect(toolbar.style.top).toBe('224px'); // below the selection's latest place (8 px gap)
  (toolbar.querySelector('button') as HTMLButtonElement).click();
  expect(actions.note).toHaveBeenCalledTimes(1);
  adder.destroy();

  const later = gate(() => mountAdderLayer(document, { trusted: () => true }));
  const status = deferredAdderLayer(later.create);
  const undo = vi.fn();
  status.show(at, actions, { focus: false });
  status.status('Highlight saved.', at, { label: 'Undo', run: undo });
  later.load();
  await settle();
  const root = host('adder')!.shadowRoot!;
  expect(root.querySelector('.adder.status')!.textContent).toContain('Highlight saved.');
  expect(root.querySelector('[aria-live]')!.textContent).toBe('Highlight saved.');
  status.hide();
  expect(status.visible).toBe(false);
  status.destroy();
});

/** A frame layer that records what it was asked (its drawing is the frame's, tested with the frames). */
function recorder<L extends object>(state: Partial<L>): { layer: L; calls: string[] } {
  const calls: string[] = [];
  const layer = new Proxy(state, {
    get(target, key: string) {
      if (key in target) return (target as Record<string, unknown>)[key];
      if (key === 'then') return undefined; // not a promise
      return (...args: unknown[]) => {
        calls.push(`${key}${args.length ? ` ${JSON.stringify(args[0])}` : ''}`);
        return key === 'rect' ? null : undefined;
      };
    },
  }) as L;
  return { layer, calls };
}

test('the composer asked for before its part loaded opens on its draft where the passage is now; a draft with words counts as typed', async () => {
  let opened: DOMRect | null = null;
  const made = recorder<ComposerLayerLike>({ isOpen: true, dirty: false });
  const record = made.layer.open;
  Object.assign(made.layer, { open: (...args: Parameters<ComposerLayerLike['open']>) => ((opened = args[1]), record(...args)) });
  const part = gate(() => made.layer);
  const composer = deferredComposerLayer(part.create);
  const handlers = { save: vi.fn(async () => undefined), cancel: vi.fn() };
  composer.open({ quote: 'long queues', text: 'seen before' }, at, handlers);
  expect(composer.isOpen).toBe(true);
  expect(composer.dirty).toBe(true); // the reader's words from a closed composer: a click elsewhere keeps them
  composer.reposition(new DOMRect(0, 300, 10, 10));
  part.load();
  await settle();
  expect(made.calls).toEqual([`open ${JSON.stringify({ quote: 'long queues', text: 'seen before' })}`]);
  expect(opened).toMatchObject({ top: 300 }); // where the passage had moved meanwhile
  expect(composer.dirty).toBe(false); // from here on, the frame says
  composer.destroy();
  expect(made.calls.at(-1)).toBe('destroy');

  const empty = deferredComposerLayer(gate(() => made.layer).create);
  empty.open({ quote: 'words' }, at, handlers);
  expect(empty.dirty).toBe(false);
  empty.close();
  expect(empty.isOpen).toBe(false);
});

test('the note tooltip prepared and asked for before its part loaded: its frame is prepared, then the latest notes show', async () => {
  const made = recorder<NoteTooltipLayerLike>({ visible: true });
  const part = gate(() => made.layer);
  const tooltip = deferredNoteTooltipLayer(part.create);
  tooltip.prepare!();
  tooltip.show([{ text: 'first', tags: [] }], at);
  tooltip.show([{ text: 'second', tags: [] }], at);
  expect(tooltip.visible).toBe(true);
  expect(tooltip.rect()).toBeNull();
  tooltip.reposition(); // nothing shown yet: nothing to place
  expect(part.create).toHaveBeenCalledTimes(1);
  part.load();
  await settle();
  expect(made.calls).toEqual(['prepare', `show ${JSON.stringify([{ text: 'second', tags: [] }])}`]);
  tooltip.hide();
  expect(made.calls.at(-1)).toBe('hide');

  const hidden = recorder<NoteTooltipLayerLike>({ visible: false });
  const later = gate(() => hidden.layer);
  const gone = deferredNoteTooltipLayer(later.create);
  gone.show([{ text: 'n', tags: [] }], at);
  gone.hide();
  expect(gone.visible).toBe(false);
  later.load();
  await settle();
  expect(hidden.calls).toEqual([]);
});

test('the first sign of a reader starts the load, once; nothing before it', () => {
  const preload = vi.fn();
  const stop = preloadOnFirstUse(document, preload);
  expect(preload).not.toHaveBeenCalled();
  document.body.dispatchEvent(new Event('pointermove', { bubbles: true }));
  document.body.dispatchEvent(new KeyboardEvent('keydown', { bubbles: true }));
  expect(preload).toHaveBeenCalledTimes(1);
  stop();

  const onSelection = vi.fn();
  preloadOnFirstUse(document, onSelection);
  document.dispatchEvent(new Event('selectionchange'));
  expect(onSelection).toHaveBeenCalledTimes(1);

  const stopped = vi.fn();
  preloadOnFirstUse(document, stopped)();
  document.body.dispatchEvent(new KeyboardEvent('keydown', { bubbles: true }));
  expect(stopped).not.toHaveBeenCalled();
});

test('the note tooltip moved with its note before and after its part loaded: shown where the note is now, then placed again', async () => {
  const made = recorder<NoteTooltipLayerLike>({ visible: true });
  let shownAt: DOMRect | null = null;
  const record = made.layer.show;
  Object.assign(made.layer, { show: (...args: Parameters<NoteTooltipLayerLike['show']>) => ((shownAt = args[1]), record(...args)) });
  const part = gate(() => made.layer);
  const tooltip = deferredNoteTooltipLayer(part.create);
  tooltip.show([{ text: 'revealed', tags: [] }], at);
  tooltip.move(new DOMRect(0, 400, 40, 16)); // a reveal's scroll moved the note while the part loaded
  part.load();
  await settle();
  expect(shownAt).toMatchObject({ top: 400 });
  tooltip.move(new DOMRect(0, 250, 40, 16));
  expect(made.calls.at(-1)).toMatch(/^move/);
});

test('a failed load forgets what was asked meanwhile: nothing counts as open that never showed', async () => {
  const cardPart = gate(() => mountCardLayer(document, { onClose: () => undefined }));
  const card = deferredCardLayer(cardPart.create);
  const adderPart = gate(() => mountAdderLayer(document, { trusted: () => true }));
  const adder = deferredAdderLayer(adderPart.create);
  const composerPart = gate(() => recorder<ComposerLayerLike>({ isOpen: true, dirty: false }).layer);
  const composer = deferredComposerLayer(composerPart.create);
  const tooltipPart = gate(() => recorder<NoteTooltipLayerLike>({ visible: true }).layer);
  const tooltip = deferredNoteTooltipLayer(tooltipPart.create);
  card.show(model('Aleppo'), at, 'hover');
  adder.show(at, { note: vi.fn(), highlight: vi.fn() }, { focus: false });
  composer.open({ quote: 'long queues', text: 'words' }, at, { save: vi.fn(async () => undefined), cancel: vi.fn() });
  tooltip.show([{ text: 'n', tags: [] }], at);
  expect([card.isOpen, adder.visible, composer.isOpen, tooltip.visible]).toEqual([true, true, true, true]);
  for (const part of [cardPart, adderPart, composerPart, tooltipPart]) part.fail();
  await settle();
  expect([card.isOpen, adder.visible, composer.isOpen, tooltip.visible]).toEqual([false, false, false, false]);
  expect(composer.dirty).toBe(false);
  for (const layer of [card, adder, composer, tooltip]) layer.destroy();
});
