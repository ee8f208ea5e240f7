// The notes page controller is a part loaded for a page with notes that quote it (lib/notes/deferred-controller.ts):
// until then a stand-in reads the page's notes, answers for a page without such notes exactly as the controller
// would, keeps the reader's switches, and makes the controller once a quoted note is there; a part that fails to
// load leaves nothing made, and the next refresh asks again.
import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import { createNotesPageController, type NoteTooltipPresenter, type NotesPageOptions } from '@/lib/notes/page-controller';
import { deferredNotesPageController, type NotesPart } from '@/lib/notes/deferred-controller';
import { anchorInPage, describeSelection } from '@/lib/notes/page-anchoring';
import { noteScopes } from '@/lib/notes/note-context';
import { createPageModel, type PageModel } from '@/lib/page/model';
import type { Annotation, NoteTarget } from '@/lib/notes/types';
import { installFakeHighlights, stubRangeGeometry } from '../highlight/fake-highlights';
import { articleElement } from '../page/helpers';

const PAGE = `<nav><a href="/">Home</a></nav>
<article><h1>Syria death toll passes 60,000, says UN</h1>
<p>Navi Pillay, the UN high commissioner for human rights, called the number "truly shocking".</p></article>`;

const tooltip: NoteTooltipPresenter = { show: () => undefined, hide: () => undefined, move: () => undefined, visible: false };

const note = (id: string, target?: NoteTarget): Annotation => ({
  id, url: 'http://localhost:3000/', title: 'T', created: '2026-01-01T00:00:00.000Z', modified: '2026-01-01T00:00:00.000Z',
  text: `note ${id}`, tags: [], ...(target ? { target } : {}),
});

function selectName(): Range {
  const node = document.querySelector('article p')!.firstChild as Text;
  const range = document.createRange();
  range.setStart(node, 0);
  range.setEnd(node, 'Navi Pillay'.length);
  document.getSelection()!.removeAllRanges();
  document.getSelection()!.addRange(range);
  return range;
}

/** The part as the background injects it, counted; it loads when the test says so, or fails to. */
function gatedPart() {
  const made: Partial<NotesPageOptions>[] = [];
  const waiting: { resolve(): void; reject(): void }[] = [];
  const value: NotesPart = {
    anchorInPage,
    createNotesPageController: (options) => {
      made.push({ enabled: options.enabled, showHighlights: options.showHighlights });
      return createNotesPageController(options);
    },
  };
  const part = vi.fn(() => new Promise<NotesPart>((resolve, reject) => waiting.push({ resolve: () => resolve(value), reject: () => reject(new Error('gone')) })));
  const next = async () => {
    await vi.waitFor(() => expect(waiting.length).toBeGreaterThan(0));
    return waiting.shift()!;
  };
  return { part, made, load: async () => (await next()).resolve(), fail: async () => (await next()).reject() };
}

let fake: ReturnType<typeof installFakeHighlights>;
let restoreGeometry: () => void;
let page: PageModel;
let saved: Annotation[];
let load: ReturnType<typeof vi.fn<(url: string) => Promise<Annotation[]>>>;

beforeEach(() => {
  fake = installFakeHighlights();
  restoreGeometry = stubRangeGeometry((range) => [new DOMRect(range.startOffset, 100, 50, 16)]);
  document.body.innerHTML = PAGE;
  page = createPageModel(document, { detect: articleElement, quietMs: 5 });
  saved = [];
  load = vi.fn(async () => saved);
});

afterEach(() => {
  page.destroy();
  document.getSelection()?.removeAllRanges();
  restoreGeometry();
  fake.uninstall();
});

test('a page without quoted notes reads its notes once, loads no part, and answers as the controller would', async () => {
  const gate = gatedPart();
  const notes = deferredNotesPageController({ page, tooltip, load, part: gate.part });
  expect(notes.anchoring).toBeNull();
  expect(await notes.refresh()).toEqual({ anchored: [], orphaned: [] });
  saved = [note('p')]; // a page note: nothing to anchor
  expect(await notes.refresh()).toEqual({ anchored: [], orphaned: [] });
  expect(load).toHaveBeenCalledTimes(2);
  expect(gate.part).not.toHaveBeenCalled();
  expect(notes.anchoring).toEqual({ anchored: [], orphaned: [] });
  expect(notes.reveal('p')).toBe(false);
  expect(notes.ranges().size).toBe(0);

  // The page's side of a new note needs no stored note: the selection as selectors, the same as the controller's.
  const range = selectName();
  const context = await notes.context();
  expect(context).toMatchObject({ url: 'http://localhost:3000/', title: document.title, anchoring: { anchored: [], orphaned: [] } });
  expect(context.selection).toEqual(describeSelection(range, noteScopes(page)));
  expect(context.selection!.quote.exact).toBe('Navi Pillay');
  expect(notes.describe(range).selection).toEqual(context.selection);
  expect(gate.part).not.toHaveBeenCalled();
  notes.destroy();
});

test('a quoted note loads the part once, makes the controller with the switches as they are then, and paints the note', async () => {
  const gate = gatedPart();
  const notes = deferredNotesPageController({ page, tooltip, load, part: gate.part, enabled: false });
  const target = describeSelection(selectName(), noteScopes(page))!;
  document.getSelection()!.removeAllRanges();
  saved = [note('a', target)];
  const first = notes.refresh();
  const second = notes.refresh(); // asked again while the part loads: still one load
  notes.setEnabled(true);
  notes.showHighlights(false);
  await gate.load();
  expect(await first).toEqual({ anchored: ['a'], orphaned: [] });
  expect(await second).toEqual({ anchored: ['a'], orphaned: [] });
  expect(gate.part).toHaveBeenCalledTimes(1);
  expect(gate.made).toEqual([{ enabled: true, showHighlights: false }]);
  expect(fake.registry.has('backstory-note')).toBe(false); // highlights off for the site: anchored, not painted
  notes.showHighlights(true);
  expect([...fake.registry.get('backstory-note')!].map((r) => r.toString())).toEqual(['Navi Pillay']);
  expect(notes.ranges().get('a')!.toString()).toBe('Navi Pillay');
  expect(notes.anchoring).toEqual({ anchored: ['a'], orphaned: [] });
  // Made, it answers everything: a later list with no quoted note takes the painted one down.
  saved = [];
  expect(await notes.refresh()).toEqual({ anchored: [], orphaned: [] });
  expect(fake.registry.has('backstory-note')).toBe(false);
  expect(gate.part).toHaveBeenCalledTimes(1);
  notes.destroy();
});

test('a part that fails to load makes nothing and forgets; the next refresh asks again and paints', async () => {
  const gate = gatedPart();
  const notes = deferredNotesPageController({ page, tooltip, load, part: gate.part });
  const target = describeSelection(selectName(), noteScopes(page))!;
  saved = [note('a', target)];
  const failed = notes.refresh();
  await gate.fail();
  expect(await failed).toEqual({ anchored: [], orphaned: [] });
  expect(notes.ranges().size).toBe(0);
  expect(fake.registry.has('backstory-note')).toBe(false);
  expect(gate.made).toEqual([]);

  const again = notes.refresh();
  await gate.load();
  expect(await again).toEqual({ anchored: ['a'], orphaned: [] });
  expect(gate.part).toHaveBeenCalledTimes(2);
  expect([...fake.registry.get('backstory-note')!].map((r) => r.toString())).toEqual(['Navi Pillay']);
  notes.destroy();
});

test('a stand-in ended while its part loads makes no controller', async () => {
  const gate = gatedPart();
  const notes = deferredNotesPageController({ page, tooltip, load, part: gate.part });
  saved = [note('a', describeSelection(selectName(), noteScopes(page))!)];
  const refreshed = notes.refresh();
  await vi.waitFor(() => expect(gate.part).toHaveBeenCalled());
  notes.destroy();
  await gate.load();
  expect(await refreshed).toEqual({ anchored: [], orphaned: [] });
  expect(gate.made).toEqual([]);
  expect(fake.registry.has('backstory-note')).toBe(false);
});

test('a list that answers after a newer read was asked for is dropped: a deleted note does not come back', async () => {
  const gate = gatedPart();
  const target = describeSelection(selectName(), noteScopes(page))!;
  document.getSelection()!.removeAllRanges();
  const replies: ((list: Annotation[]) => void)[] = [];
  const slow = vi.fn(() => new Promise<Annotation[]>((resolve) => replies.push(resolve)));
  const notes = deferredNotesPageController({ page, tooltip, load: slow, part: gate.part });
  const first = notes.refresh(); // the page's start
  const second = notes.refresh(); // the popup's refresh after the note was deleted
  replies[1]!([]);
  expect(await second).toEqual({ anchored: [], orphaned: [] });
  replies[0]!([note('a', target)]); // the older list, still with the note, answers last
  expect(await first).toEqual({ anchored: [], orphaned: [] });
  await notes.settle();
  expect(gate.part).not.toHaveBeenCalled();
  expect(notes.ranges().size).toBe(0);
  expect(fake.registry.has('backstory-note')).toBe(false);
  expect(notes.anchoring).toEqual({ anchored: [], orphaned: [] });
  notes.destroy();
});

test('a list read for one address is not handed to the controller once the page has moved to another', async () => {
  const gate = gatedPart();
  const target = describeSelection(selectName(), noteScopes(page))!;
  document.getSelection()!.removeAllRanges();
  const byUrl = vi.fn(async (url: string) => (url.endsWith('/other') ? [] : [note('a', target)]));
  const notes = deferredNotesPageController({ page, tooltip, load: byUrl, part: gate.part });
  try {
    const refreshed = notes.refresh(); // read for this address: a quoted note, so the part loads
    await vi.waitFor(() => expect(gate.part).toHaveBeenCalled());
    window.history.pushState(null, '', '/other'); // a single-page site moves on while the part loads
    await gate.load();
    expect(await refreshed).toEqual({ anchored: [], orphaned: [] });
    expect(byUrl).toHaveBeenLastCalledWith('http://localhost:3000/other');
    expect(notes.ranges().size).toBe(0);
    expect(fake.registry.has('backstory-note')).toBe(false);
  } finally {
    window.history.replaceState(null, '', '/');
    notes.destroy();
  }
});

test('the controller is handed the list the stand-in read (one message), and context() waits for the part', async () => {
  const gate = gatedPart();
  saved = [note('a', describeSelection(selectName(), noteScopes(page))!)];
  document.getSelection()!.removeAllRanges();
  const notes = deferredNotesPageController({ page, tooltip, load, part: gate.part });
  const refreshed = notes.refresh();
  await vi.waitFor(() => expect(gate.part).toHaveBeenCalled());
  const context = notes.context(); // the popup asks while the part loads
  await gate.load();
  expect(await refreshed).toEqual({ anchored: ['a'], orphaned: [] });
  expect((await context).anchoring).toEqual({ anchored: ['a'], orphaned: [] });
  expect(load).toHaveBeenCalledTimes(1);
  notes.destroy();
});

test('a list that arrives after the stand-in ended asks for no part', async () => {
  const gate = gatedPart();
  let reply!: (list: Annotation[]) => void;
  const slow = vi.fn(() => new Promise<Annotation[]>((resolve) => (reply = resolve)));
  const notes = deferredNotesPageController({ page, tooltip, load: slow, part: gate.part });
  const refreshed = notes.refresh();
  notes.destroy();
  reply([note('a', describeSelection(selectName(), noteScopes(page))!)]);
  expect(await refreshed).toEqual({ anchored: [], orphaned: [] });
  expect(gate.part).not.toHaveBeenCalled();
});
