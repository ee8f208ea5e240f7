// The adder on the page (lib/notes/adder.ts) over stand-in presenters: when the toolbar shows and goes, what Note,
// Highlight and the card's Add note save, Undo and Restore, the composer's draft, the keyboard path, and off.
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { createNoteAdder, type AdderActions, type AdderPresenter, type ComposerHandlers, type ComposerPresenter, type NoteAdder } from '@/lib/notes/adder';
import type { ComposerDraft } from '@/lib/notes/frame-protocol';
import type { PageSaveRequest } from '@/lib/notes/messages';
import type { Annotation, ReferenceLink } from '@/lib/notes/types';
import { stubRangeGeometry } from '../highlight/fake-highlights';

class FakeToolbar implements AdderPresenter {
  visible = false;
  hasFocus = false;
  actions: AdderActions | null = null;
  focused: boolean[] = [];
  statuses: { message: string; action?: { label: string; run(): void } }[] = [];
  show(_anchor: DOMRect, actions: AdderActions, { focus }: { focus: boolean }) {
    this.visible = true;
    this.actions = actions;
    this.focused.push(focus);
  }
  status(message: string, _anchor: DOMRect, action?: { label: string; run(): void }) {
    this.visible = true;
    this.statuses.push(action ? { message, action } : { message });
  }
  reposition() {}
  hide() {
    this.visible = false;
    this.hasFocus = false;
  }
  owns(target: EventTarget | null) {
    return target === toolbarHost;
  }
}

class FakeComposer implements ComposerPresenter {
  isOpen = false;
  dirty = false;
  opened: ComposerDraft[] = [];
  handlers: ComposerHandlers | null = null;
  open(draft: ComposerDraft, _anchor: DOMRect, handlers: ComposerHandlers) {
    this.isOpen = true;
    this.opened.push(draft);
    this.handlers = handlers;
  }
  reposition() {}
  close() {
    this.isOpen = false;
    this.dirty = false;
  }
  owns() {
    return false;
  }
}

const REFERENCE: ReferenceLink = { id: 'org:un', kind: 'entity', label: 'United Nations' };
let toolbarHost: HTMLElement;
let toolbar: FakeToolbar;
let composer: FakeComposer;
let saves: PageSaveRequest[];
let removed: string[];
let restored: string[];
let refreshed: number;
let failSave: string | null;
let adder: NoteAdder;
let restoreGeometry: () => void;

function select(needle: string, where = 'article p'): Range {
  const node = document.querySelector(where)!.firstChild as Text;
  const at = node.data.indexOf(needle);
  const range = document.createRange();
  range.setStart(node, at);
  range.setEnd(node, at + needle.length);
  const selection = document.getSelection()!;
  selection.removeAllRanges();
  selection.addRange(range);
  return range;
}

const tick = (ms = 20) => new Promise((ok) => setTimeout(ok, ms));
const pointerUp = (target: EventTarget = document.body) => target.dispatchEvent(new MouseEvent('pointerup', { bubbles: true, button: 0 }));
const pointerDown = (target: EventTarget = document.body) => target.dispatchEvent(new MouseEvent('pointerdown', { bubbles: true, button: 0 }));
const key = (type: 'keydown' | 'keyup', init: KeyboardEventInit, target: EventTarget = document.body) =>
  target.dispatchEvent(new KeyboardEvent(type, { bubbles: true, cancelable: true, composed: true, ...init }));

function create(trusted: (event: Event) => boolean = () => true) {
  return createNoteAdder({
    doc: document,
    adder: toolbar,
    composer,
    describe: (range) => {
      const exact = range.toString();
      if (exact.includes('United Nations')) return { selection: { quote: { type: 'TextQuoteSelector', exact, prefix: '', suffix: '' } }, reference: REFERENCE };
      return { selection: exact.trim() ? { quote: { type: 'TextQuoteSelector', exact, prefix: '', suffix: '' } } : null };
    },
    async save(request) {
      if (failSave) throw new Error(failSave);
      saves.push(request);
      return { id: `n${saves.length}`, url: 'https://news.example/a', title: request.title, created: '', modified: '', text: request.text, tags: request.tags } as Annotation;
    },
    remove: async (id) => void removed.push(id),
    restore: async (id) => void restored.push(id),
    refresh: async () => refreshed++,
    isOwn: (node) => toolbarHost.contains(node) || node === toolbarHost,
    trusted,
    statusMs: 10_000,
  });
}

beforeEach(() => {
  restoreGeometry = stubRangeGeometry((range) => [new DOMRect(range.startOffset, 100, 50, 16)]);
  document.title = 'Syria death toll passes 60,000';
  document.body.innerHTML = `<article><p>The United Nations said more than 60,000 people had been killed.</p></article>
<form><input value="a field the reader types in"><div contenteditable="true"><p>An editor of the page's own</p></div></form>`;
  toolbarHost = document.createElement('div');
  document.documentElement.append(toolbarHost);
  toolbar = new FakeToolbar();
  composer = new FakeComposer();
  saves = [];
  removed = [];
  restored = [];
  refreshed = 0;
  failSave = null;
  adder = create();
  adder.setEnabled(true);
});

afterEach(() => {
  adder.destroy();
  toolbarHost.remove();
  document.getSelection()?.removeAllRanges();
  restoreGeometry();
});

describe('when the toolbar shows', () => {
  test('after the reader selects text with the pointer or the keyboard; not for a collapsed or blank selection', async () => {
    select('more than 60,000 people');
    pointerUp();
    await tick();
    expect(toolbar.visible).toBe(true);
    expect(toolbar.focused).toEqual([false]); // the pointer keeps the focus where it was

    toolbar.hide();
    select('United Nations');
    key('keyup', { key: 'ArrowRight', shiftKey: true });
    await tick(200);
    expect(toolbar.visible).toBe(true);

    document.getSelection()!.collapseToEnd();
    pointerUp();
    await tick();
    expect(toolbar.visible).toBe(false);
  });

  test('never for a page script\'s events (untrusted), nor in the page\'s own fields and editors, nor in Backstory\'s UI', async () => {
    adder.destroy();
    adder = create((event) => event.isTrusted);
    adder.setEnabled(true);
    select('United Nations');
    pointerUp();
    key('keyup', { key: 'ArrowRight', shiftKey: true });
    await tick(200);
    expect(toolbar.visible).toBe(false);
    expect(adder.openFromKeyboard()).toBe(true); // the command comes from the browser, not the page

    adder.destroy();
    adder = create();
    adder.setEnabled(true);
    toolbar.hide();
    select('An editor', '[contenteditable] p');
    pointerUp();
    await tick();
    expect(toolbar.visible).toBe(false);
    expect(adder.openFromKeyboard()).toBe(false);

    const input = document.querySelector('input')!;
    input.focus();
    select('United Nations');
    pointerUp();
    await tick();
    expect(toolbar.visible).toBe(false);
    input.blur();

    const inside = document.createElement('p');
    inside.id = 'ours';
    inside.textContent = 'Backstory card text';
    toolbarHost.append(inside);
    select('card', '#ours');
    pointerUp();
    await tick();
    expect(toolbar.visible).toBe(false);
  });

  test('it stays when the keyboard moves into Backstory\'s card beside it (the selection is unchanged)', async () => {
    select('United Nations');
    pointerUp();
    await tick();
    expect(toolbar.visible).toBe(true);
    // The card's key (Alt+Shift+J) moves the focus into Backstory's card; releasing Shift asks for a check.
    const card = document.createElement('button');
    card.textContent = 'Close the card';
    toolbarHost.append(card);
    card.focus();
    key('keyup', { key: 'Shift', altKey: true });
    await tick(200);
    expect(toolbar.visible).toBe(true);
    // Back on the page with the selection gone, it goes.
    card.blur();
    document.getSelection()!.removeAllRanges();
    key('keyup', { key: 'Shift' });
    await tick(200);
    expect(toolbar.visible).toBe(false);
    card.remove();
  });

  test('it goes on Esc and on a click elsewhere, not on a click on itself', async () => {
    select('United Nations');
    pointerUp();
    await tick();
    pointerDown(toolbarHost);
    expect(toolbar.visible).toBe(true);
    pointerDown();
    expect(toolbar.visible).toBe(false);

    pointerUp();
    await tick();
    expect(toolbar.visible).toBe(true);
    key('keydown', { key: 'Escape' });
    expect(toolbar.visible).toBe(false);
  });

  test('the add-note key opens it on the selection with the focus on it; Esc gives the selection back', async () => {
    const range = select('60,000 people');
    key('keydown', { key: 'M', code: 'KeyM', altKey: true, shiftKey: true });
    expect(toolbar.visible).toBe(true);
    expect(toolbar.focused).toEqual([true]);
    toolbar.hasFocus = true;
    document.getSelection()!.removeAllRanges();
    key('keydown', { key: 'Escape' });
    expect(toolbar.visible).toBe(false);
    expect(document.getSelection()!.toString()).toBe(range.toString());
    // Typed in a field, the same keys are the page's.
    const input = document.querySelector('input')!;
    toolbar.focused = [];
    key('keydown', { key: 'M', code: 'KeyM', altKey: true, shiftKey: true }, input);
    expect(toolbar.focused).toEqual([]);
    // Nothing selected: the command falls back to the popup's composer.
    document.getSelection()!.removeAllRanges();
    expect(adder.openFromKeyboard()).toBe(false);
  });
});

describe('what it saves', () => {
  test('Highlight saves the quote alone, linked to the reference item under it; Undo deletes it, Restore brings it back', async () => {
    select('United Nations');
    pointerUp();
    await tick();
    toolbar.actions!.highlight();
    await tick();
    expect(saves).toEqual([{
      title: 'Syria death toll passes 60,000', text: '', tags: [],
      target: { quote: { type: 'TextQuoteSelector', exact: 'United Nations', prefix: '', suffix: '' } }, reference: REFERENCE,
    }]);
    expect(refreshed).toBe(1);
    // The caret ends after the passage, so the new highlight is not hidden under the selection.
    expect(document.getSelection()!.isCollapsed).toBe(true);
    expect(toolbar.statuses.at(-1)!.message).toBe('Highlight saved');

    toolbar.statuses.at(-1)!.action!.run();
    await tick();
    expect(removed).toEqual(['n1']);
    expect(toolbar.statuses.at(-1)!.message).toBe('Highlight deleted');
    toolbar.statuses.at(-1)!.action!.run();
    await tick();
    expect(restored).toEqual(['n1']);
    expect(toolbar.statuses.at(-1)).toEqual({ message: 'Highlight restored' });
  });

  test('Note opens the composer on the words; Ctrl+Enter saves text, tags and link, and the composer closes', async () => {
    select('United Nations');
    pointerUp();
    await tick();
    toolbar.actions!.note();
    expect(toolbar.visible).toBe(false);
    expect(composer.opened).toEqual([{ quote: 'United Nations', reference: 'United Nations' }]);
    await composer.handlers!.save({ text: 'Which agency?', tags: ['un', 'sources'], keepReference: true });
    expect(saves).toEqual([expect.objectContaining({ text: 'Which agency?', tags: ['un', 'sources'], reference: REFERENCE })]);
    expect(composer.isOpen).toBe(false);
    expect(toolbar.statuses.at(-1)!.message).toBe('Note saved');
    expect(toolbar.statuses.at(-1)!.action!.label).toBe('Undo');
  });

  test('a link the reader removed is not saved; a failed save keeps the composer open and says why', async () => {
    select('United Nations');
    pointerUp();
    await tick();
    toolbar.actions!.note();
    failSave = 'Backstory could not write to the disk (it may be full).';
    await expect(composer.handlers!.save({ text: 'x', tags: [], keepReference: false })).rejects.toThrow(/disk/);
    expect(composer.isOpen).toBe(true);
    failSave = null;
    await composer.handlers!.save({ text: 'x', tags: [], keepReference: false });
    expect(saves[0]).not.toHaveProperty('reference');
  });

  test('closing the composer keeps what was typed for the same words, and gives the selection back', async () => {
    const range = select('more than 60,000 people');
    pointerUp();
    await tick();
    toolbar.actions!.note();
    document.getSelection()!.removeAllRanges();
    composer.handlers!.cancel({ text: 'half a thought', tags: 'toll' });
    expect(composer.isOpen).toBe(false);
    expect(document.getSelection()!.toString()).toBe(range.toString());
    pointerUp();
    await tick();
    toolbar.actions!.note();
    expect(composer.opened.at(-1)).toEqual({ quote: 'more than 60,000 people', text: 'half a thought', tags: 'toll' });
    composer.handlers!.cancel({ text: '', tags: '' });
    select('United Nations');
    pointerUp();
    await tick();
    toolbar.actions!.note();
    expect(composer.opened.at(-1)).toEqual({ quote: 'United Nations', reference: 'United Nations' });
  });

  test('a click elsewhere closes an empty composer and keeps one with the reader\'s words in it', async () => {
    select('United Nations');
    pointerUp();
    await tick();
    toolbar.actions!.note();
    composer.dirty = true;
    pointerDown();
    expect(composer.isOpen).toBe(true);
    composer.dirty = false;
    pointerDown();
    expect(composer.isOpen).toBe(false);
  });

  test('the card\'s Add note opens the composer on the highlight, linked to the card\'s item', () => {
    const range = document.createRange();
    const text = document.querySelector('article p')!.firstChild as Text;
    range.setStart(text, text.data.indexOf('60,000'));
    range.setEnd(text, text.data.indexOf('60,000') + 6);
    const figure: ReferenceLink = { id: 'figure:toll', kind: 'figure', label: 'more than 60,000 people killed' };
    adder.noteOn(range, figure);
    expect(composer.opened).toEqual([{ quote: '60,000', reference: 'figure more than 60,000 people killed' }]);
  });
});

test('off for the site: the toolbar never shows and the command falls back; on again, it does', async () => {
  adder.setEnabled(false);
  select('United Nations');
  pointerUp();
  await tick();
  expect(toolbar.visible).toBe(false);
  expect(adder.openFromKeyboard()).toBe(false);
  adder.noteOn(select('United Nations'), REFERENCE);
  expect(composer.isOpen).toBe(false);
  adder.setEnabled(true);
  pointerUp();
  await tick();
  expect(toolbar.visible).toBe(true);
});
