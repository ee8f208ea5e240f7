import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { createPageController, type PageController } from '@/lib/page/controller';
import type { CardPresenter } from '@/lib/page/interaction';
import { describeMatch, type CardModel, type CardSubject } from '@/lib/highlight/card-model';
import { createReference } from '@/lib/reference/lookup';
import { createMatcher } from '@/lib/match';
import { defaultSettings, withCategory, withSite } from '@/lib/page/settings';
import type { Dataset } from '@/lib/reference/types';
import type { PageSummary } from '@/lib/page/messages';
import { installFakeHighlights, stubRangeGeometry } from '../highlight/fake-highlights';
import { articleElement, element } from './helpers';

const dataset: Dataset = {
  version: 1,
  documents: [{ id: 'd', title: 'A story', sha256: 'x', length: 1 }],
  entities: [
    { id: 'place:aleppo', name: 'Aleppo', type: 'place', aliases: ['Aleppo'], mentions: [{ doc: 'd', start: 0, end: 6 }], figureIds: [] },
    { id: 'place:homs', name: 'Homs', type: 'place', aliases: ['Homs'], mentions: [], figureIds: [] },
    { id: 'person:ban', name: 'Ban Ki-moon', type: 'person', aliases: ['Ban Ki-moon'], mentions: [], figureIds: [] },
  ],
  figures: [],
};

class FakeCard implements CardPresenter {
  shown: { model: CardModel; how: string }[] = [];
  isOpen = false;
  show(subject: CardSubject, _anchor: DOMRect, how: 'hover' | 'keyboard') {
    // Described as the card's layer describes it.
    this.shown.push({ model: describeMatch(subject.reference, subject.match)!, how });
    this.isOpen = true;
  }
  hide() {
    this.isOpen = false;
  }
  owns() {
    return false;
  }
  hasFocus = false;
}

const PAGE = `<header><nav>Aleppo Homs</nav></header><article><h1>Ban Ki-moon in Aleppo</h1><p>Shelling in Homs and Aleppo.</p></article><footer>Aleppo</footer>`;
const settle = (c: PageController) => c.settle();

describe('page controller', () => {
  let fake: ReturnType<typeof installFakeHighlights>;
  let restoreGeometry: () => void;
  let controller: PageController;
  let card: FakeCard;
  let reports: PageSummary[];
  const names = () => Object.fromEntries([...fake.registry].map(([k, v]) => [k, [...v].map((r) => r.toString())]));

  beforeEach(async () => {
    fake = installFakeHighlights();
    restoreGeometry = stubRangeGeometry(() => [new DOMRect(0, 100, 10, 10)]);
    document.body.innerHTML = PAGE;
    card = new FakeCard();
    reports = [];
    controller = createPageController({
      doc: document, matcher: createMatcher(dataset), reference: createReference(dataset), card,
      detect: articleElement, livingQuietMs: 10, onChange: (s) => reports.push(s),
    });
    await controller.apply(defaultSettings());
    await settle(controller);
  });
  afterEach(() => {
    controller.destroy();
    restoreGeometry();
    fake.uninstall();
  });

  test('highlights the article only, reports the count, and summarises per category and item', () => {
    expect(names()).toEqual({ 'backstory-person': ['Ban Ki-moon'], 'backstory-place': ['Aleppo', 'Homs', 'Aleppo'] });
    const s = controller.summary();
    expect(s.total).toBe(4);
    expect(s.status).toBe('settled');
    expect(s.byCategory).toEqual({ person: 1, place: 3, organization: 0, figure: 0, 'figure-differs': 0 });
    expect(s.items).toEqual([
      { referenceId: 'person:ban', category: 'person', label: 'Ban Ki-moon', count: 1, words: ['Ban Ki-moon'] },
      { referenceId: 'place:aleppo', category: 'place', label: 'Aleppo', count: 2, words: ['Aleppo'] },
      { referenceId: 'place:homs', category: 'place', label: 'Homs', count: 1, words: ['Homs'] },
    ]);
    expect(reports.at(-1)?.total).toBe(4);
  });

  test('a category turned off disappears at once and comes back without re-running; a site turned off clears all', async () => {
    await controller.apply(withCategory(defaultSettings(), 'place', false));
    expect(names()).toEqual({ 'backstory-person': ['Ban Ki-moon'] });
    expect(controller.summary().total).toBe(1);
    await controller.apply(defaultSettings());
    expect(names()['backstory-place']).toEqual(['Aleppo', 'Homs', 'Aleppo']);

    await controller.apply(withSite(defaultSettings(), location.hostname || 'localhost', false));
    expect(fake.registry.size).toBe(0);
    expect(controller.summary()).toMatchObject({ status: 'off', total: 0 });
    await settle(controller);
    expect(reports.at(-1)).toMatchObject({ status: 'off', total: 0 });
    await controller.apply(defaultSettings());
    await settle(controller);
    expect(controller.summary().total).toBe(4);
  });

  test('living page: added article text is highlighted, furniture is not, removed text leaves no highlight', async () => {
    document.querySelector('article')!.append(element('p', 'Later, Homs again.'), element('aside', 'Related: Aleppo'));
    document.querySelector('footer')!.append(' and Homs');
    await settle(controller);
    expect(names()['backstory-place']).toEqual(['Aleppo', 'Homs', 'Aleppo', 'Homs']);
    expect(reports.at(-1)?.total).toBe(5);

    document.querySelector('h1')!.remove();
    await settle(controller);
    expect(names()).toEqual({ 'backstory-place': ['Homs', 'Aleppo', 'Homs'] });
    expect(controller.summary().total).toBe(3);

    // The page rewrites a paragraph's text: its old highlights go, the new text is read.
    (document.querySelector('article p')!.firstChild as Text).data = 'Calm in Aleppo.';
    await settle(controller);
    expect(names()['backstory-place']!.sort()).toEqual(['Aleppo', 'Homs']);
    expect(controller.summary().total).toBe(2);
  });

  test('keyboard: Alt+Shift+J steps through highlights and opens their card; Esc closes it', () => {
    const key = (init: KeyboardEventInit) => window.dispatchEvent(new KeyboardEvent('keydown', { bubbles: true, cancelable: true, ...init }));
    key({ key: 'J', code: 'KeyJ', altKey: true, shiftKey: true });
    expect(card.shown.at(-1)).toMatchObject({ how: 'keyboard', model: { kind: 'entity', name: 'Ban Ki-moon' } });
    expect(names()['backstory-focus']).toEqual(['Ban Ki-moon']);
    key({ key: 'J', code: 'KeyJ', altKey: true, shiftKey: true });
    expect(card.shown.at(-1)?.model).toMatchObject({ name: 'Aleppo' });
    key({ key: 'K', code: 'KeyK', altKey: true, shiftKey: true });
    expect(card.shown.at(-1)?.model).toMatchObject({ name: 'Ban Ki-moon' });
    key({ key: 'Escape', code: 'Escape' });
    expect(card.isOpen).toBe(false);
    expect(fake.registry.has('backstory-focus')).toBe(false);
    // Typing in a field is never hijacked.
    const input = document.createElement('input');
    document.body.append(input);
    const before = card.shown.length;
    input.dispatchEvent(new KeyboardEvent('keydown', { bubbles: true, cancelable: true, code: 'KeyJ', altKey: true, shiftKey: true }));
    expect(card.shown.length).toBe(before);
    // Nor in a field inside a page's web component, where the event reaches the window retargeted to the host.
    const widget = document.createElement('div');
    document.body.append(widget);
    const field = document.createElement('textarea');
    widget.attachShadow({ mode: 'open' }).append(field);
    field.dispatchEvent(new KeyboardEvent('keydown', { bubbles: true, composed: true, cancelable: true, code: 'KeyJ', altKey: true, shiftKey: true }));
    expect(card.shown.length).toBe(before);
    // Nor in an editor inside a closed shadow root, which the path hides: the focus inside it is followed
    // through the extension's view of closed roots (chrome.dom in Chromium, openOrClosedShadowRoot in Firefox).
    const editor = document.createElement('div');
    document.body.append(editor);
    const closed = editor.attachShadow({ mode: 'closed' });
    const inner = document.createElement('div');
    inner.setAttribute('contenteditable', 'true');
    closed.append(inner);
    Object.assign(editor, { openOrClosedShadowRoot: () => closed });
    Object.defineProperty(closed, 'activeElement', { value: inner, configurable: true });
    const taken = !inner.dispatchEvent(new KeyboardEvent('keydown', { bubbles: true, composed: true, cancelable: true, code: 'KeyJ', altKey: true, shiftKey: true }));
    expect(taken).toBe(false);
    expect(card.shown.length).toBe(before);
  });

  test('a card the keyboard was in closes with the caret back at its highlight; the open card\'s item is known', () => {
    const key = (init: KeyboardEventInit) => window.dispatchEvent(new KeyboardEvent('keydown', { bubbles: true, cancelable: true, ...init }));
    key({ key: 'J', code: 'KeyJ', altKey: true, shiftKey: true });
    const item = controller.cardItem()!;
    expect(item).toMatchObject({ label: 'Ban Ki-moon', match: { referenceId: expect.any(String) } });
    expect(item.range.toString()).toBe('Ban Ki-moon');
    card.hasFocus = true; // the presenter moved the focus into the card
    key({ key: 'Escape', code: 'Escape' });
    expect(card.isOpen).toBe(false);
    expect(controller.cardItem()).toBeNull();
    const caret = document.getSelection()!;
    expect(caret.isCollapsed).toBe(true);
    expect(caret.anchorNode).toBe(item.range.startContainer);
    expect(caret.anchorOffset).toBe(item.range.startOffset);
    // The focus went to the highlight's element for a moment (where Tab goes on from), and left it as it was.
    const block = item.range.startContainer.parentElement!;
    expect(block.hasAttribute('tabindex')).toBe(false);
    // The next step goes on from the closed card's highlight.
    key({ key: 'J', code: 'KeyJ', altKey: true, shiftKey: true });
    expect(card.shown.at(-1)?.model).toMatchObject({ name: 'Aleppo' });
    key({ key: 'Escape', code: 'Escape' });
    // A card closed while the reader is elsewhere leaves their selection alone.
    card.hasFocus = false;
    caret.removeAllRanges();
    key({ key: 'J', code: 'KeyJ', altKey: true, shiftKey: true });
    key({ key: 'Escape', code: 'Escape' });
    expect(caret.rangeCount).toBe(0);
  });

  test('a reference that could not be loaded is in the summary and reported until one is', async () => {
    expect(controller.summary().referenceUnavailable).toBeUndefined();
    controller.referenceUnavailable({ bundled: false, sets: ['Water'] });
    await settle(controller);
    expect(controller.summary().referenceUnavailable).toEqual({ bundled: false, sets: ['Water'] });
    expect(reports.at(-1)?.referenceUnavailable).toEqual({ bundled: false, sets: ['Water'] });
    controller.referenceUnavailable(null);
    await settle(controller);
    expect(reports.at(-1)?.referenceUnavailable).toBeUndefined();
  });

  test('reveal cycles through the occurrences of one reference item', () => {
    expect(controller.reveal('place:aleppo')).toBe(true);
    const first = fake.registry.get('backstory-focus')!.values().next().value as Range;
    expect(controller.reveal('place:aleppo')).toBe(true);
    const second = fake.registry.get('backstory-focus')!.values().next().value as Range;
    expect(first.startContainer).not.toBe(second.startContainer);
    expect(controller.reveal('place:nowhere')).toBe(false);
  });

  test('destroy leaves the page as it was', () => {
    controller.destroy();
    expect(fake.registry.size).toBe(0);
    expect(document.body.innerHTML).toBe(PAGE);
  });

  test('destroyed is final: settings, a reference or a failed load arriving late paint and report nothing', async () => {
    controller.destroy();
    const reportsBefore = reports.length;
    await controller.apply(withCategory(defaultSettings(), 'place', true));
    await controller.useReference({ matcher: createMatcher(dataset), reference: createReference(dataset) });
    controller.referenceUnavailable({ bundled: true, sets: [] });
    await settle(controller);
    expect(fake.registry.size).toBe(0);
    expect(reports).toHaveLength(reportsBefore);
    expect(document.body.innerHTML).toBe(PAGE);
  });
});

test('fallback mode follows a living page without reacting to its own marks', async () => {
  document.body.innerHTML = PAGE;
  const before = document.body.innerHTML;
  let reports = 0;
  const c = createPageController({ doc: document, matcher: createMatcher(dataset), reference: createReference(dataset), detect: articleElement, livingQuietMs: 10, onChange: () => reports++ });
  await c.apply(defaultSettings());
  await settle(c);
  expect(Array.from(document.querySelectorAll('backstory-mark')).map((m) => m.textContent)).toEqual(['Ban Ki-moon', 'Aleppo', 'Homs', 'Aleppo']);
  const p = document.createElement('p');
  p.textContent = 'Then Homs.';
  document.querySelector('article')!.append(p);
  await settle(c);
  expect(document.querySelectorAll('backstory-mark')).toHaveLength(5);
  const settledReports = reports;
  await settle(c);
  expect(reports).toBe(settledReports); // no feedback loop from our own wrapping
  p.remove();
  c.destroy();
  expect(document.body.innerHTML).toBe(before);
});

test('when the app replaces the whole article element, the new article is found and highlighted', async () => {
  const fake = installFakeHighlights();
  document.body.innerHTML = PAGE;
  const c = createPageController({ doc: document, matcher: createMatcher(dataset), reference: createReference(dataset), detect: articleElement, livingQuietMs: 10 });
  await c.apply(defaultSettings());
  await settle(c);
  const fresh = document.createElement('article');
  fresh.innerHTML = '<h1>Elsewhere</h1><p>Quiet in Homs.</p>';
  document.querySelector('article')!.replaceWith(fresh);
  await settle(c);
  expect(c.summary().items.map((i) => i.label)).toEqual(['Homs']);
  expect([...fake.registry.keys()]).toEqual(['backstory-place']);
  c.destroy();
  fake.uninstall();
});

test('a figure in a paragraph added later is judged with the article around it (its neighbours name the subject)', async () => {
  const fake = installFakeHighlights();
  const withFigure: Dataset = {
    ...dataset,
    entities: [
      ...dataset.entities,
      { id: 'place:syria', name: 'Syria', type: 'place', aliases: ['Syria'], mentions: [], figureIds: [] },
      { id: 'organization:un', name: 'United Nations', type: 'organization', aliases: ['United Nations'], mentions: [], figureIds: [] },
    ],
    figures: [{ id: 'figure:killed', value: 70000, qualifier: 'more than', unit: 'people', counts: 'people killed', label: 'more than 70,000 people killed', placeId: 'place:syria', attributedToId: 'organization:un', entityIds: ['place:syria', 'organization:un'], mentions: [] }],
  };
  document.body.innerHTML = '<article><h1>Aleppo</h1><p>The United Nations gave new numbers on the war in Syria on Friday.</p></article>';
  const c = createPageController({ doc: document, matcher: createMatcher(withFigure), reference: createReference(withFigure), detect: articleElement, livingQuietMs: 10 });
  await c.apply(defaultSettings());
  await settle(c);
  const before = c.summary().total;
  const p = document.createElement('p');
  p.textContent = 'More than 70,000 people have been killed, it said.';
  document.querySelector('article')!.append(p);
  await settle(c);
  expect(c.summary().byCategory.figure).toBe(1);
  expect(c.summary().total).toBe(before + 1); // the context paragraphs were not painted twice
  expect([...fake.registry.get('backstory-figure')!].map((r) => r.toString()).join('')).toContain('70,000');
  c.destroy();
  fake.uninstall();
});

describe('status', () => {
  test('before the reader\'s settings are read the page is "starting", never "settled" or "off"; then running, then settled with everything painted', async () => {
    const fake = installFakeHighlights();
    document.body.innerHTML = PAGE;
    const reports: PageSummary[] = [];
    const c = createPageController({ doc: document, matcher: createMatcher(dataset), reference: createReference(dataset), detect: articleElement, onChange: (s) => reports.push(s) });
    expect(c.summary()).toMatchObject({ status: 'starting', total: 0 });
    const applying = c.apply(defaultSettings());
    expect(c.summary().status).toBe('running');
    await applying;
    await c.settle();
    expect(c.summary()).toMatchObject({ status: 'settled', total: 4 });
    // Every report that says "settled" has the page's highlights painted; none says "off".
    expect(reports.length).toBeGreaterThan(0);
    for (const r of reports) expect(r.status).not.toBe('off');
    for (const r of reports.filter((r) => r.status === 'settled')) expect(r.total).toBe(4);
    c.destroy();
    fake.uninstall();
  });

  test('a site turned off is "off" from the first settings on, and nothing is read', async () => {
    document.body.innerHTML = PAGE;
    let detections = 0;
    const c = createPageController({
      doc: document, matcher: createMatcher(dataset), reference: createReference(dataset),
      detect: (doc) => (detections++, articleElement(doc)),
    });
    await c.apply(withSite(defaultSettings(), location.hostname || 'localhost', false));
    expect(c.summary()).toMatchObject({ status: 'off', total: 0 });
    expect(detections).toBe(0);
    c.destroy();
  });
});

describe('page controller: articles about another subject', () => {
  // Aleppo and Homs each weigh log(20,000) ≈ 9.9 (far more common in the reference than in the background):
  // one mention is under the 12 an article needs, two are over it, and Aleppo is the subject's core.
  const gated: Dataset = {
    ...dataset,
    subject: 'the test war',
    relevance: {
      backgroundSource: 'test', referenceCharacters: 1_000, backgroundCharacters: 1_000_000, core: ['place:aleppo'],
      reference: { 'place:aleppo': 10, 'place:homs': 10 }, background: {}, demonymsInReference: {}, demonymsInBackground: {},
    },
  };
  let fake: ReturnType<typeof installFakeHighlights>;
  let restoreGeometry: () => void;
  let controller: PageController;
  const painted = () => [...fake.registry.values()].flatMap((ranges) => [...ranges].map((r) => r.toString())).sort();

  beforeEach(async () => {
    fake = installFakeHighlights();
    restoreGeometry = stubRangeGeometry(() => [new DOMRect(0, 100, 10, 10)]);
    document.body.innerHTML = '<article><h1>Markets</h1><p>A trader who left Homs years ago said prices rose again.</p></article>';
    controller = createPageController({ doc: document, matcher: createMatcher(gated), reference: createReference(gated), detect: articleElement, livingQuietMs: 10 });
    await controller.apply(defaultSettings());
    await controller.settle();
  });
  afterEach(() => {
    controller.destroy();
    restoreGeometry();
    fake.uninstall();
  });

  test('nothing is painted and the summary says why; the reader\'s "every page" setting paints it, and turning it off clears it', async () => {
    expect(painted()).toEqual([]);
    expect(controller.summary()).toMatchObject({ status: 'settled', total: 0, onSubject: false, subject: 'the test war' });
    await controller.apply({ ...defaultSettings(), everyPage: true });
    await controller.settle();
    expect(painted()).toEqual(['Homs']);
    expect(controller.summary()).toMatchObject({ status: 'settled', total: 1, onSubject: true });
    await controller.apply(defaultSettings());
    await controller.settle();
    expect(painted()).toEqual([]);
    expect(controller.summary()).toMatchObject({ total: 0, onSubject: false });
  });

  test('a living page that turns out to be about the subject is read again as a whole', async () => {
    document.querySelector('article')!.append(element('p', 'Aleppo was shelled again; Aleppo has no power.'));
    // The addition alone is matched in the article's verdict (off the subject), then the whole article is read
    // again, at most a second after the last full run: Homs, Aleppo and Aleppo together are about the subject.
    await expect.poll(async () => (await controller.settle(), painted()), { timeout: 3000 }).toEqual(['Aleppo', 'Aleppo', 'Homs']);
    expect(controller.summary()).toMatchObject({ status: 'settled', total: 3, onSubject: true });
  });
});
