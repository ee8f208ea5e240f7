// The first-run page as the reader sees it: the legend, the reference's documents, the keys (and a key the
// browser left unset), the links to the notes.
import { afterEach, beforeEach, expect, test } from 'vitest';
import { render } from 'preact';
import { Welcome } from '@/components/Welcome';
import { PopupHeader } from '@/components/PopupHeader';
import { CATEGORY_STYLES } from '@/lib/highlight/styles';
import type { ReferenceSummary } from '@/lib/reference/summary';

const summary: ReferenceSummary = {
  documents: [
    { title: 'Generals defect', publisher: 'Radio', date: '2012-07' },
    { title: 'A general defects', date: '2013-03-16' },
  ],
  counts: { person: 1, place: 2, organization: 3, figure: 4 },
  examples: { person: ['Bashar al-Assad'], place: ['Aleppo'], organization: ['UN'], figure: ['70,000 people killed'] },
};

let root: HTMLElement;
beforeEach(() => {
  root = document.createElement('div');
  document.body.append(root);
});
afterEach(() => {
  render(null, root);
  root.remove();
});

const show = (keys = { note: 'Alt+Shift+M', next: 'Alt+Shift+J' }) =>
  render(
    <Welcome
      summary={summary}
      shortcuts={[
        { description: 'Add a note to the selected text', keys: keys.note },
        { description: 'Move to the next highlight', keys: keys.next },
      ]}
      shortcutsHint="Change them at chrome://extensions/shortcuts."
      iconUrl="icon.svg"
      notesUrl="chrome-extension://id/options.html"
    />,
    root,
  );

test('the legend has one row per kind of highlight, drawn in its style and named in words', () => {
  show();
  const rows = [...root.querySelectorAll<HTMLElement>('.bs-legend-row')];
  expect(rows.map((r) => r.dataset.category)).toEqual(Object.keys(CATEGORY_STYLES));
  const person = rows[0]!.querySelector<HTMLElement>('.bs-legend-sample')!;
  expect(person.textContent).toBe('Bashar al-Assad');
  expect(person.style.textDecorationStyle).toBe('solid');
  expect(rows[0]!.querySelector('dd')!.textContent).toContain('Person, solid underline.');
  expect(rows[4]!.querySelector('dd')!.textContent).toContain('wavy underline');
});

test('the reference: counts in words, each document with its publisher and date', () => {
  show();
  const text = root.querySelector('.bs-reference-summary')!.textContent!;
  expect(text).toContain('built from 2 news documents');
  expect(text).toContain('1 person, 2 places, 3 organisations and 4 figures');
  const items = [...root.querySelectorAll('.bs-documents li')].map((li) => li.textContent);
  expect(items[0]).toMatch(/^Generals defect — Radio, July 2012$/);
  expect(items[1]).toMatch(/^A general defects — .*2013/);
});

test('keys as the browser has them; one it left unset says so', () => {
  show({ note: '', next: 'Alt+Shift+J' });
  const rows = [...root.querySelectorAll('.bs-shortcuts tbody tr')].map((tr) => tr.textContent);
  expect(rows[0]).toBe('not setAdd a note to the selected text');
  expect(rows[1]).toBe('Alt+Shift+JMove to the next highlight');
  expect(root.textContent).toContain('Change them at chrome://extensions/shortcuts.');
});

test('both links lead to the notes page; the popup header leads back here', () => {
  show();
  const links = [...root.querySelectorAll('a')].map((a) => a.getAttribute('href'));
  expect(links).toEqual(['chrome-extension://id/options.html', 'chrome-extension://id/options.html']);
  render(<PopupHeader iconUrl="icon.svg" guideUrl="chrome-extension://id/welcome.html" query="" onQuery={() => undefined} openLibrary={() => undefined} />, root);
  const guide = root.querySelector('a')!;
  expect(guide.textContent).toBe('Help');
  expect(guide.getAttribute('href')).toBe('chrome-extension://id/welcome.html');
  expect(guide.getAttribute('target')).toBe('_blank');
});
