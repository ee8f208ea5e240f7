// The notes page controller: the reader's notes anchored in the page model's text (the detection the
// highlights use), painted as `backstory-note`, shown on hover, caret and reveal, kept anchored while the
// page changes, and the page's side of a new note.
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { createNotesPageController, type NoteTooltipPresenter, type NotesPageController, type TooltipNote } from '@/lib/notes/page-controller';
import { createPageModel, type PageModel } from '@/lib/page/model';
import { createPageController } from '@/lib/page/controller';
import { defaultSettings } from '@/lib/page/settings';
import { createMatcher } from '@/lib/match';
import { createReference } from '@/lib/reference/lookup';
import { referenceLinkFor } from '@/lib/notes/reference-link';
import type { Annotation, NoteTarget } from '@/lib/notes/types';
import { anchorInPage } from '@/lib/notes/page-anchoring';
import type { Dataset } from '@/lib/reference/types';
import { installFakeHighlights, stubRangeGeometry } from '../highlight/fake-highlights';
import { articleElement } from '../page/helpers';

/** Anchoring as the content script loads it (a part of its own): here, at once. */
const inPage = async () => anchorInPage;

const PAGE = `<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Syria death toll passes 60,000, says UN</h1>
<p>The United Nations said on Wednesday that more than 60,000 people had been killed in Aleppo and elsewhere.</p>
<p>Navi Pillay, the UN high commissioner for human rights, called the number "truly shocking".</p></article>`;

class FakeTooltip implements NoteTooltipPresenter {
  shown: TooltipNote[][] = [];
  moves = 0;
  visible = false;
  show(notes: TooltipNote[]) {
    this.shown.push(notes);
    this.visible = true;
  }
  move() {
    this.moves++;
  }
  hide() {
    this.visible = false;
  }
}

const note = (id: string, text: string, target?: NoteTarget): Annotation => ({
  id, url: 'http://localhost:3000/', title: 'T', created: '2026-01-01T00:00:00.000Z', modified: '2026-01-01T00:00:00.000Z',
  text, tags: ['syria'], ...(target ? { target } : {}),
});

/** Selectors for `needle` in the first element matching `selector`, as the popup would save them. */
function targetOn(controller: NotesPageController, selector: string, needle: string): Promise<NoteTarget> {
  select(selector, needle);
  return controller.context().then((c) => c.selection!);
}

function select(selector: string, needle: string): Range {
  const node = document.querySelector(selector)!.firstChild as Text;
  const at = node.data.indexOf(needle);
  const range = document.createRange();
  range.setStart(node, at);
  range.setEnd(node, at + needle.length);
  const selection = document.getSelection()!;
  selection.removeAllRanges();
  selection.addRange(range);
  return range;
}

let fake: ReturnType<typeof installFakeHighlights>;
let restoreGeometry: () => void;
let page: PageModel;
let tooltip: FakeTooltip;
let saved: Annotation[];
let controller: NotesPageController;

beforeEach(() => {
  fake = installFakeHighlights();
  restoreGeometry = stubRangeGeometry((range) => [new DOMRect(range.startOffset, 100, 50, 16)]);
  document.body.innerHTML = PAGE;
  page = createPageModel(document, { detect: articleElement, quietMs: 5 });
  tooltip = new FakeTooltip();
  saved = [];
  // jsdom's events are never trusted; these tests stand in for the reader (the untrusted case has its own test).
  controller = createNotesPageController({ anchoring: inPage, page, tooltip, load: async () => saved, revealQuietMs: 5, trusted: () => true });
});

afterEach(() => {
  controller.destroy();
  page.destroy();
  document.getSelection()?.removeAllRanges();
  restoreGeometry();
  fake.uninstall();
});

const painted = () => [...(fake.registry.get('backstory-note') ?? [])].map((r) => r.toString());

/** Saves one note on "Navi Pillay" and lets the page read it. */
async function noteOnName() {
  saved = [note('a', 'Who is she?', await targetOn(controller, 'article p:last-of-type', 'Navi Pillay'))];
  await controller.refresh();
}

/** Puts the caret inside the note on "Navi Pillay" with an arrow key, as caret browsing does. */
function caretIntoNote() {
  document.getSelection()!.collapse(document.querySelector('article p:last-of-type')!.firstChild, 2);
  document.dispatchEvent(new KeyboardEvent('keyup', { key: 'ArrowRight' }));
}

describe('anchoring and painting', () => {
  test('the page\'s notes are anchored and painted; a quote that is gone is orphaned, a page note is neither', async () => {
    const quoted = await targetOn(controller, 'article p:last-of-type', 'Navi Pillay');
    const gone: NoteTarget = { quote: { type: 'TextQuoteSelector', exact: 'a sentence no longer on the page', prefix: '', suffix: '' } };
    saved = [note('a', 'Who is she?', quoted), note('b', 'Lost', gone), note('c', 'About the page')];
    expect(await controller.refresh()).toEqual({ anchored: ['a'], orphaned: ['b'] });
    expect(painted()).toEqual(['Navi Pillay']);
    expect(fake.registry.get('backstory-note')!.priority).toBeGreaterThan(3); // above every reference category
    expect(controller.anchoring).toEqual({ anchored: ['a'], orphaned: ['b'] });
    expect(document.body.innerHTML).toContain('Navi Pillay, the UN'); // the page's text untouched

    saved = [];
    expect(await controller.refresh()).toEqual({ anchored: [], orphaned: [] });
    expect(fake.registry.has('backstory-note')).toBe(false);
  });

  test('the notes ask for our stylesheet before reading where their ranges are, and read nothing until it is in', async () => {
    const quoted = await targetOn(controller, 'article p:last-of-type', 'Navi Pillay');
    controller.destroy();
    let styled!: () => void;
    const sheet = new Promise<void>((resolve) => (styled = resolve));
    const asked: string[] = [];
    const styles = {
      acquire: () => {
        asked.push('acquire');
        return () => undefined;
      },
      ready: () => sheet,
    };
    controller = createNotesPageController({ anchoring: inPage, page, tooltip, load: async () => saved, styles, revealQuietMs: 5, trusted: () => true });
    const read = Range.prototype.getBoundingClientRect;
    const boxes = vi.spyOn(Range.prototype, 'getBoundingClientRect');
    boxes.mockImplementation(function (this: Range) {
      asked.push('read');
      return read.call(this);
    });
    saved = [note('a', 'Who is she?', quoted)];
    expect(await controller.refresh()).toEqual({ anchored: ['a'], orphaned: [] });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(asked).toEqual(['acquire']);
    expect(painted()).toEqual([]);
    styled();
    await vi.waitFor(() => expect(painted()).toEqual(['Navi Pillay']));
    expect(asked[0]).toBe('acquire');
    expect(asked).toContain('read');
    boxes.mockRestore();
  });

  test('anchoring is asked for only when the page has notes with a quote; one that fails to load anchors nothing, and the next refresh asks again', async () => {
    const quoted = await targetOn(controller, 'article p:last-of-type', 'Navi Pillay');
    let fail = true;
    const anchoring = vi.fn(async () => {
      if (fail) throw new Error('Backstory\'s anchoring part did not load');
      return anchorInPage;
    });
    const notes = createNotesPageController({ anchoring, page, tooltip, load: async () => saved, trusted: () => true });
    saved = [note('c', 'About the page')];
    expect(await notes.refresh()).toEqual({ anchored: [], orphaned: [] });
    expect(anchoring).not.toHaveBeenCalled(); // a page note needs no anchoring: the part is never loaded
    saved = [note('a', 'Who is she?', quoted)];
    expect(await notes.refresh()).toEqual({ anchored: [], orphaned: [] });
    expect(anchoring).toHaveBeenCalledTimes(1);
    expect(painted()).toEqual([]);
    fail = false;
    expect(await notes.refresh()).toEqual({ anchored: ['a'], orphaned: [] });
    expect(painted()).toEqual(['Navi Pillay']);
    notes.destroy();
  });

  test('a note written on the page\'s article, and highlights painted there, are offsets into one detection', async () => {
    let detections = 0;
    const dataset: Dataset = {
      version: 1, documents: [], figures: [],
      entities: [{ id: 'place:aleppo', name: 'Aleppo', type: 'place', aliases: ['Aleppo'], mentions: [], figureIds: [] }],
    };
    const highlights = createPageController({
      doc: document, matcher: createMatcher(dataset), reference: createReference(dataset),
      detect: (doc) => (detections++, articleElement(doc)), livingQuietMs: 5,
    });
    const notes = createNotesPageController({ anchoring: inPage,
      page: highlights.page, tooltip, load: async () => saved,
      referenceAt: (range) => referenceLinkFor(highlights.referenceAt(range)),
    });
    await highlights.apply(defaultSettings());
    await notes.refresh();
    select('article p', 'killed in Aleppo');
    const context = await notes.context();
    const text = highlights.page.articleText().text;
    const position = context.selection!.position!;
    expect(text.slice(position.start, position.end)).toBe('killed in Aleppo');
    const [painted] = highlights.summary().items;
    expect(painted).toMatchObject({ referenceId: 'place:aleppo' });
    expect(context.reference).toEqual({ id: 'place:aleppo', kind: 'entity', label: 'Aleppo' });
    expect(detections).toBe(1);
    notes.destroy();
    highlights.destroy();
  });

  test('on a page painted with the wrapping fallback (its text nodes split into marks), notes still anchor on the right words', async () => {
    const quoted = await targetOn(controller, 'article p', 'killed in Aleppo and elsewhere');
    const dataset: Dataset = {
      version: 1, documents: [], figures: [],
      entities: [{ id: 'place:aleppo', name: 'Aleppo', type: 'place', aliases: ['Aleppo'], mentions: [], figureIds: [] }],
    };
    const highlights = createPageController({
      doc: document, matcher: createMatcher(dataset), reference: createReference(dataset), detect: articleElement, forceWrap: true, livingQuietMs: 5,
    });
    const notes = createNotesPageController({ anchoring: inPage, page: highlights.page, tooltip, load: async () => saved });
    await highlights.apply(defaultSettings());
    expect(document.querySelectorAll('backstory-mark')).toHaveLength(1);
    saved = [note('w', 'Where?', quoted)];
    await notes.refresh();
    expect(notes.ranges().get('w')?.toString()).toBe('killed in Aleppo and elsewhere');
    notes.destroy();
    highlights.destroy();
  });

  test('a note whose text arrives later (an article rendered by script) is anchored when it does', async () => {
    const quoted = await targetOn(controller, 'article p:last-of-type', 'truly shocking');
    const last = document.querySelector('article p:last-of-type')!;
    last.remove();
    saved = [note('late', 'Found again', quoted)];
    expect(await controller.refresh()).toEqual({ anchored: [], orphaned: ['late'] });
    document.querySelector('article')!.append(last);
    await controller.settle();
    expect(controller.anchoring).toEqual({ anchored: ['late'], orphaned: [] });
    expect(painted()).toEqual(['truly shocking']);
  });

  test('a clock ticking outside the article re-anchors nothing; changes inside it try again with a growing back-off', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    try {
      controller.destroy();
      controller = createNotesPageController({ anchoring: inPage, page, tooltip, load: async () => saved, retry: { firstDelayMs: 1000, maxDelayMs: 8000 } });
      const quoted = await targetOn(controller, 'article p:last-of-type', 'truly shocking');
      const gone: NoteTarget = { ...quoted, quote: { ...quoted.quote, exact: 'never on this page at all' } };
      saved = [note('x', 'Orphan', gone)];
      const refreshed = controller.refresh();
      await vi.runAllTimersAsync();
      await refreshed;
      const bodyText = vi.spyOn(page, 'bodyText');
      const clock = document.createElement('p');
      document.body.prepend(clock);
      for (let i = 0; i < 8; i++) {
        clock.textContent = `tick ${i}`;
        page.flush();
        await vi.advanceTimersByTimeAsync(1000);
      }
      expect(bodyText).not.toHaveBeenCalled();

      // The article itself keeps changing for 20 s: attempts at 0, 1, 3, 7 and 15 s (the wait doubles, up to 8 s).
      const article = document.querySelector('article')!;
      for (let i = 0; i < 20; i++) {
        const p = document.createElement('p');
        p.textContent = `Update ${i}: shelling continued.`;
        article.append(p);
        page.flush();
        await vi.advanceTimersByTimeAsync(1000);
      }
      expect(bodyText.mock.calls.length).toBeGreaterThanOrEqual(4);
      expect(bodyText.mock.calls.length).toBeLessThanOrEqual(6);
    } finally {
      vi.useRealTimers();
    }
  });

  test('a page without quoted notes is not watched', async () => {
    const subscribe = vi.spyOn(page, 'subscribe');
    saved = [note('c', 'About the page')];
    await controller.refresh();
    expect(subscribe).not.toHaveBeenCalled();
  });
});

describe('showing a note', () => {
  test('hovering a note shows its text; moving off hides it', async () => {
    await noteOnName();
    const text = document.querySelector('article p:last-of-type')!.firstChild as Text;
    Object.assign(document, { caretPositionFromPoint: (x: number) => ({ offsetNode: text, offset: x < 100 ? 3 : 40 }) });
    document.dispatchEvent(new MouseEvent('mousemove', { clientX: 10, clientY: 105 }));
    await vi.waitFor(() => expect(tooltip.visible).toBe(true));
    expect(tooltip.shown.at(-1)).toEqual([{ text: 'Who is she?', tags: ['syria'] }]);
    document.dispatchEvent(new MouseEvent('mousemove', { clientX: 200, clientY: 300 }));
    await vi.waitFor(() => expect(tooltip.visible).toBe(false));
    delete (document as { caretPositionFromPoint?: unknown }).caretPositionFromPoint;
  });

  test('moving the caret into a note shows it (keyboard readers); Esc hides it', async () => {
    await noteOnName();
    caretIntoNote();
    expect(tooltip.visible).toBe(true);
    document.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape' }));
    expect(tooltip.visible).toBe(false);
  });

  test('reveal scrolls to the note and shows it once scrolling stops; an unknown note is not revealed', async () => {
    await noteOnName();
    const scrolled: Element[] = [];
    // jsdom lays nothing out and has no scrollIntoView.
    Element.prototype.scrollIntoView = function (this: Element) {
      scrolled.push(this);
    };
    expect(controller.reveal('a')).toBe(true);
    expect(scrolled).toEqual([document.querySelector('article p:last-of-type')]);
    window.dispatchEvent(new Event('scroll'));
    await vi.waitFor(() => expect(tooltip.visible).toBe(true));
    expect(controller.reveal('nope')).toBe(false);
    delete (Element.prototype as { scrollIntoView?: unknown }).scrollIntoView;
  });

  describe('a reveal\'s own scrolling never hides its tooltip; the reader\'s does', () => {
    let scrolled: Element[];
    beforeEach(() => {
      scrolled = [];
      // jsdom lays nothing out and has no scrollIntoView.
      Element.prototype.scrollIntoView = function (this: Element) {
        scrolled.push(this);
      };
    });
    afterEach(() => {
      delete (Element.prototype as { scrollIntoView?: unknown }).scrollIntoView;
    });
    const scroll = () => window.dispatchEvent(new Event('scroll'));
    const pause = (ms: number) => new Promise((ok) => setTimeout(ok, ms));

    test('a smooth scroll whose frames come further apart than the quiet time (a loaded machine): shown, then moved with its note', async () => {
      await noteOnName();
      controller.reveal('a');
      scroll();
      await vi.waitFor(() => expect(tooltip.visible).toBe(true)); // the quiet time (5 ms here) passed mid-scroll
      for (let frame = 0; frame < 3; frame++) {
        await pause(20); // four times the quiet time between frames
        scroll();
        expect(tooltip.visible).toBe(true);
      }
      expect(tooltip.moves).toBe(3);
      expect(tooltip.shown).toHaveLength(1); // placed again, not drawn again
    });

    test('the end of the scroll (scrollend) shows it at once, without waiting for a quiet time', async () => {
      controller.destroy();
      controller = createNotesPageController({ anchoring: inPage, page, tooltip, load: async () => saved, revealQuietMs: 60_000, trusted: () => true });
      await noteOnName();
      controller.reveal('a');
      scroll();
      expect(tooltip.visible).toBe(false);
      window.dispatchEvent(new Event('scrollend'));
      expect(tooltip.visible).toBe(true);
    });

    test('after the reader\'s own wheel, key or click, a scroll hides it; the browser\'s still-pointer mousemove does not end the reveal', async () => {
      for (const input of [new WheelEvent('wheel'), new KeyboardEvent('keydown', { key: 'ArrowDown' }), new MouseEvent('pointerdown')]) {
        // (jsdom has no PointerEvent: a MouseEvent of the pointerdown type stands in for it.)
        controller.destroy();
        controller = createNotesPageController({ anchoring: inPage, page, tooltip, load: async () => saved, revealQuietMs: 5, trusted: () => true });
        tooltip.hide();
        await noteOnName();
        controller.reveal('a');
        await vi.waitFor(() => expect(tooltip.visible).toBe(true));
        document.dispatchEvent(new MouseEvent('mousemove', { clientX: 0, clientY: 0 })); // no movement
        scroll();
        expect(tooltip.visible, `${input.type}: still revealing`).toBe(true);
        window.dispatchEvent(input);
        scroll();
        expect(tooltip.visible, `${input.type}: the reader scrolled away`).toBe(false);
      }
    });

    test('a reveal of another note hides the tooltip shown before it, until that note is reached', async () => {
      const first = await targetOn(controller, 'article p:last-of-type', 'Navi Pillay');
      const second = await targetOn(controller, 'article p', 'United Nations');
      saved = [note('a', 'Who is she?', first), note('b', 'Which body?', second)];
      await controller.refresh();
      controller.reveal('a');
      await vi.waitFor(() => expect(tooltip.visible).toBe(true));
      expect(tooltip.shown.at(-1)![0]!.text).toBe('Who is she?');
      controller.reveal('b');
      expect(tooltip.visible).toBe(false);
      await vi.waitFor(() => expect(tooltip.visible).toBe(true));
      expect(tooltip.shown.at(-1)![0]!.text).toBe('Which body?');
      expect(scrolled).toHaveLength(2);
    });
  });

  test('only the reader opens a note: a page script moving the selection or the pointer (untrusted events) shows nothing', async () => {
    controller.destroy();
    controller = createNotesPageController({ anchoring: inPage, page, tooltip, load: async () => saved });
    await noteOnName();
    const text = document.querySelector('article p:last-of-type')!.firstChild as Text;
    Object.assign(document, { caretPositionFromPoint: () => ({ offsetNode: text, offset: 3 }) });
    document.dispatchEvent(new MouseEvent('mousemove', { clientX: 10, clientY: 105 }));
    caretIntoNote();
    document.dispatchEvent(new Event('selectionchange'));
    await new Promise((ok) => setTimeout(ok, 30));
    expect(tooltip.shown).toEqual([]);
    delete (document as { caretPositionFromPoint?: unknown }).caretPositionFromPoint;
  });

  test('a tooltip on a note that was deleted goes away with it', async () => {
    await noteOnName();
    caretIntoNote();
    expect(tooltip.visible).toBe(true);
    saved = [];
    await controller.refresh();
    expect(tooltip.visible).toBe(false);
  });
});

describe('the page\'s side of a new note', () => {
  test('its address, title, the selection in the article (quote and position) and the anchoring so far', async () => {
    document.title = 'Syria toll';
    await controller.refresh();
    select('article p', 'United Nations');
    const context = await controller.context();
    expect(context).toMatchObject({ url: 'http://localhost:3000/', title: 'Syria toll', anchoring: { anchored: [], orphaned: [] } });
    expect(context.selection?.quote.exact).toBe('United Nations');
    expect(context.selection?.position).toBeDefined();
  });

  test('a selection outside the article is kept by quote and context only; no selection is null', async () => {
    select('nav a[href="/world"]', 'World');
    const outside = await controller.context();
    expect(outside.selection).toEqual({ quote: expect.objectContaining({ exact: 'World' }) });
    document.getSelection()!.removeAllRanges();
    expect((await controller.context()).selection).toBeNull();
  });

  test('the reference item the selection lies on is linked, and a failing lookup never loses the selection', async () => {
    controller.destroy();
    let fail = false;
    controller = createNotesPageController({ anchoring: inPage,
      page, tooltip, load: async () => saved,
      referenceAt: () => {
        if (fail) throw new Error('boom');
        return { id: 'organization:un', kind: 'entity', label: 'United Nations' };
      },
    });
    select('article p', 'United Nations');
    expect((await controller.context()).reference).toEqual({ id: 'organization:un', kind: 'entity', label: 'United Nations' });
    fail = true;
    const context = await controller.context();
    expect(context.reference).toBeUndefined();
    expect(context.selection?.quote.exact).toBe('United Nations');
  });

  test('off for the site: the notes\' highlights and tooltip go and nothing opens them; on again, they come back', async () => {
    await noteOnName();
    caretIntoNote();
    expect(tooltip.visible).toBe(true);
    controller.setEnabled(false);
    expect(painted()).toEqual([]);
    expect(tooltip.visible).toBe(false);
    caretIntoNote();
    expect(tooltip.visible).toBe(false);
    expect(controller.reveal('a')).toBe(false);
    // A save elsewhere while off re-reads the notes, and still paints nothing.
    await controller.refresh();
    expect(painted()).toEqual([]);
    controller.setEnabled(true);
    // Anchored again in the page as it is now (in time-boxed chunks, so once that has run).
    await controller.settle();
    expect(painted()).toEqual(['Navi Pillay']);
    caretIntoNote();
    expect(tooltip.visible).toBe(true);
  });

  test('a controller that starts off paints nothing until turned on', async () => {
    controller.destroy();
    controller = createNotesPageController({ anchoring: inPage, page, tooltip, load: async () => saved, enabled: false, trusted: () => true });
    await noteOnName();
    expect(painted()).toEqual([]);
    expect(controller.anchoring?.anchored).toEqual(['a']);
    controller.setEnabled(true);
    await controller.settle();
    expect(painted()).toEqual(['Navi Pillay']);
  });

  test('the site switch and the note-highlights switch are two: either off paints nothing, only both on paint', async () => {
    await noteOnName();
    controller.showHighlights(false);
    expect(painted()).toEqual([]);
    // Turning the site off and on again keeps the reader's choice for note highlights.
    controller.setEnabled(false);
    controller.setEnabled(true);
    await controller.settle();
    expect(painted()).toEqual([]);
    expect(controller.anchoring?.anchored).toEqual(['a']);
    caretIntoNote();
    expect(tooltip.visible).toBe(false);
    controller.setEnabled(false);
    controller.showHighlights(true);
    expect(painted()).toEqual([]);
    controller.setEnabled(true);
    await controller.settle();
    expect(painted()).toEqual(['Navi Pillay']);
    caretIntoNote();
    expect(tooltip.visible).toBe(true);
  });

  test('destroy takes the notes off the page and stops listening', async () => {
    await noteOnName();
    controller.destroy();
    expect(fake.registry.has('backstory-note')).toBe(false);
    caretIntoNote();
    expect(tooltip.visible).toBe(false);
  });
});
