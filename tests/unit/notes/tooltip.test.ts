import { expect, test } from 'vitest';
import { createNoteTooltip } from '@/lib/notes/tooltip';

const rect = { left: 10, top: 10, bottom: 30, right: 100, width: 90, height: 20, x: 10, y: 10 } as DOMRect;

test('shows note text with HTML as text, never as markup, in a shadow root', () => {
  const tip = createNoteTooltip(document, { mode: 'open' });
  tip.show([{ text: '<img src=x onerror="window.__pwned=1"><b>bold</b>', tags: ['<i>t</i>'] }], rect);
  const host = document.querySelector('backstory-note-tip')!;
  expect(host).not.toBeNull();
  const root = host.shadowRoot!;
  expect(root.querySelector('img, b, i')).toBeNull();
  expect(root.textContent).toContain('<img src=x onerror="window.__pwned=1"><b>bold</b>');
  expect(root.textContent).toContain('#<i>t</i>');
  expect(root.querySelector('[role=tooltip]')).not.toBeNull();
  tip.hide();
  expect(document.querySelector('backstory-note-tip')).toBeNull();
  expect(tip.visible).toBe(false);
});

test('the default (closed) root keeps the note out of the page\'s reach, and several notes are listed', () => {
  const tip = createNoteTooltip(document);
  tip.show([{ text: 'one', tags: [] }, { text: '', tags: [] }], rect);
  const host = document.querySelector('backstory-note-tip')!;
  expect(host.shadowRoot).toBeNull();
  expect(host.textContent).toBe('');
  expect(tip.visible).toBe(true);
  tip.destroy();
});
