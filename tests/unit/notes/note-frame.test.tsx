// Backstory's frame on a page (components/NoteFrame.tsx) over a stand-in port: the tooltip and the inline composer
// it draws when the content script asks, the size it reports back, and what the composer sends (Ctrl+Enter saves
// text, tags and whether the link stays; Esc closes with what was typed; a failed save says why).
import { afterEach, beforeEach, expect, test } from 'vitest';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { NoteFrame, type FrameConnection } from '@/components/NoteFrame';
import type { FromFrame, ToFrame } from '@/lib/notes/frame-protocol';

let root: HTMLElement;
let sent: FromFrame[];
let holds: boolean[];
let deliver: (message: ToFrame) => void;

beforeEach(() => {
  root = document.createElement('main');
  document.body.append(root);
  sent = [];
  holds = [];
  const connection: FrameConnection = {
    post: (message) => sent.push(message),
    listen: (listener) => {
      deliver = listener;
    },
    hold: (on) => holds.push(on),
  };
  act(() => render(<NoteFrame connection={connection} />, root));
});
afterEach(() => {
  act(() => render(null, root));
  root.remove();
});

const to = (message: ToFrame) => act(() => deliver(message));
const field = (id: string) => root.querySelector<HTMLTextAreaElement | HTMLInputElement>(`#${id}`)!;
function type(id: string, value: string) {
  act(() => {
    field(id).value = value;
    field(id).dispatchEvent(new Event('input', { bubbles: true }));
  });
}
const key = (id: string, init: KeyboardEventInit) => act(() => void field(id).dispatchEvent(new KeyboardEvent('keydown', { bubbles: true, cancelable: true, ...init })));

test('the tooltip: the notes as text, and its size reported for the view it was asked for', () => {
  to({ type: 'tooltip', seq: 7, notes: [{ text: '<b>not markup</b>', tags: ['a'] }], maxWidth: 300, maxHeight: 200 });
  expect(root.querySelector('b')).toBeNull();
  expect(root.querySelector('[role=tooltip]')!.textContent).toContain('<b>not markup</b>');
  expect(sent.at(-1)).toMatchObject({ type: 'rendered', seq: 7 });
  expect(holds.at(-1)).toBe(false); // nothing of the reader's to keep
  to({ type: 'clear' });
  expect(root.querySelector('[role=tooltip]')).toBeNull();
});

test('the composer: the quote and its link; Ctrl+Enter sends the note, its tags and the link; the port is held while it is open', () => {
  to({ type: 'compose', seq: 3, draft: { quote: 'Navi Pillay', reference: 'United Nations' }, width: 340 });
  expect(holds.at(-1)).toBe(true);
  expect(root.querySelector('[data-testid="composer-quote"]')!.textContent).toBe('Navi Pillay');
  expect(root.querySelector('[data-testid="composer-reference"]')!.textContent).toBe('On United Nations');
  expect(sent.find((m) => m.type === 'rendered')).toMatchObject({ seq: 3 });
  // Labelled fields, and the frame moves the keyboard to the note when the page has given it the focus.
  expect(root.querySelector('label[for="note"]')!.textContent).toBe('Note');
  expect(root.querySelector('label[for="tags"]')!.textContent).toBe('Tags');
  to({ type: 'focus' });
  expect(document.activeElement).toBe(field('note'));

  type('note', '  Check her words  ');
  expect(sent.filter((m) => m.type === 'dirty').at(-1)).toEqual({ type: 'dirty', dirty: true });
  type('tags', 'quotes, #UN');
  key('tags', { key: 'Enter', ctrlKey: true });
  const saves = () => sent.filter((m) => m.type === 'save');
  expect(saves()).toEqual([{ type: 'save', text: 'Check her words', tags: ['quotes', 'UN'], keepReference: true }]);
  expect(root.querySelector('button.primary')!.textContent).toBe('Saving…');

  // A failed save says why, and the composer keeps what was typed.
  to({ type: 'failed', message: 'Backstory could not write to the disk.' });
  expect(root.querySelector('[role=alert]')!.textContent).toBe('Backstory could not write to the disk.');
  expect(field('note').value).toBe('  Check her words  ');

  // Removing the link: the note is saved without it (Cmd+Enter on a Mac).
  act(() => root.querySelector<HTMLButtonElement>('button.link')!.click());
  expect(root.querySelector('[data-testid="composer-reference"]')).toBeNull();
  key('note', { key: 'Enter', metaKey: true });
  expect(saves().at(-1)).toMatchObject({ type: 'save', keepReference: false });
});

test('Esc closes the composer with what was typed; a composer opened again on the same words starts from it', () => {
  to({ type: 'compose', seq: 1, draft: { quote: 'five months' }, width: 340 });
  type('note', 'half a thought');
  key('note', { key: 'Escape' });
  expect(sent.filter((m) => m.type === 'cancel')).toEqual([{ type: 'cancel', text: 'half a thought', tags: '' }]);
  to({ type: 'clear' });
  to({ type: 'compose', seq: 2, draft: { quote: 'five months', text: 'half a thought', tags: 'toll' }, width: 340 });
  expect(field('note').value).toBe('half a thought');
  expect(field('tags').value).toBe('toll');
});
