import { expect, test } from 'vitest';
import { anchorNotes, describeSelection } from '@/lib/notes/page-anchoring';
import { noteScopes } from '@/lib/notes/note-context';
import { createPageModel } from '@/lib/page/model';
import type { Annotation, NoteTarget } from '@/lib/notes/types';

const note = (id: string, target?: NoteTarget): Annotation => ({
  id, url: 'https://n.example/', title: 'T', created: '2026-01-01T00:00:00.000Z', modified: '2026-01-01T00:00:00.000Z',
  text: `note ${id}`, tags: [], ...(target ? { target } : {}),
});

const PAGE = `<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Syria death toll passes 60,000, says UN</h1>
<p>The United Nations said on Wednesday that more than 60,000 people had been killed in Syria's conflict.</p>
<p>Navi Pillay, the UN high commissioner for human rights, called the number "truly shocking".</p></article>`;

test('notes written on the selection come back on the same text after the page changed; gone quotes are orphaned', () => {
  document.body.innerHTML = PAGE;
  const page = createPageModel(document);
  const sel = document.createRange();
  const p = document.querySelectorAll('p')[1]!.firstChild!;
  sel.setStart(p, 0);
  sel.setEnd(p, 'Navi Pillay'.length);
  const onName = describeSelection(sel, noteScopes(page))!;
  expect(onName.quote.exact).toBe('Navi Pillay');
  const heading = document.createRange();
  heading.selectNodeContents(document.querySelector('h1')!);
  const gone = describeSelection(heading, noteScopes(page))!;

  // Next visit: a correction above, the headline rewritten.
  document.body.innerHTML = PAGE.replace('<article>', '<article><p>Correction: an earlier version misstated the date.</p>')
    .replace('Syria death toll passes 60,000, says UN', 'UN: Syria toll now over 60,000');
  const { ranges, report } = anchorNotes([note('a', onName), note('b', gone), note('c')], noteScopes(page));
  expect(report).toEqual({ anchored: ['a'], orphaned: ['b'] });
  expect(ranges.get('a')!.toString()).toBe('Navi Pillay');
  expect(ranges.get('a')!.startContainer.parentElement!.tagName).toBe('P');
});

test('a quote outside the detected article is kept by quote and context, and found again', () => {
  document.body.innerHTML = PAGE;
  const page = createPageModel(document);
  const r = document.createRange();
  r.selectNodeContents(document.querySelector('nav a[href="/world"]')!);
  const target = describeSelection(r, noteScopes(page));
  // Whether the placeholder or the real detector is in use, a nav link is either in the article
  // text (with a position) or in the body (quote only); both must anchor again.
  expect(target?.quote.exact).toBe('World');
  const { ranges } = anchorNotes([note('n', target!)], noteScopes(page));
  expect(ranges.get('n')?.toString()).toBe('World');
});
