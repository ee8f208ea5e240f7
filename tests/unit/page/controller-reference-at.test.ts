// The page controller's answer to "which reference item does this selection lie on" (a note on it is
// linked to that item): overlap with the painted highlights, never mere touching, never hidden ones.
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { createPageController, type PageController } from '@/lib/page/controller';
import { createReference } from '@/lib/reference/lookup';
import { createMatcher } from '@/lib/match';
import { defaultSettings, withCategory, withSite } from '@/lib/page/settings';
import { referenceLinkFor, referenceLinkText } from '@/lib/notes/reference-link';
import type { Dataset } from '@/lib/reference/types';
import { installFakeHighlights, stubRangeGeometry } from '../highlight/fake-highlights';
import { articleElement } from './helpers';

const dataset: Dataset = {
  version: 1,
  documents: [{ id: 'd', title: 'A story', sha256: 'x', length: 1 }],
  entities: [
    { id: 'place:aleppo', name: 'Aleppo', type: 'place', aliases: ['Aleppo', 'Halab'], mentions: [], figureIds: [] },
    { id: 'place:homs', name: 'Homs', type: 'place', aliases: ['Homs'], mentions: [], figureIds: [] },
    { id: 'person:ban', name: 'Ban Ki-moon', type: 'person', aliases: ['Ban Ki-moon', 'Mr Ban'], mentions: [], figureIds: [] },
    { id: 'place:syria', name: 'Syria', type: 'place', aliases: ['Syria'], mentions: [], figureIds: [] },
    { id: 'organization:un', name: 'United Nations', type: 'organization', aliases: ['United Nations'], mentions: [], figureIds: [] },
  ],
  figures: [{
    id: 'figure:killed', value: 70000, qualifier: 'more than', unit: 'people', counts: 'people killed', label: 'more than 70,000 people killed',
    placeId: 'place:syria', attributedToId: 'organization:un', entityIds: ['place:syria', 'organization:un'], mentions: [],
  }],
};

const PAGE = '<header><nav>Aleppo Homs</nav></header><article><h1>Mr Ban in Halab</h1>'
  + '<p>Shelling in Homs and Aleppo.</p>'
  + '<p>The United Nations says more than 70,000 people have been killed in Syria.</p></article><footer>Aleppo</footer>';


/** A range over `needle` in the first text node under `selector` that has it, from `from` to `to` characters into it. */
function rangeOver(selector: string, needle: string, from = 0, to = needle.length): Range {
  const root = document.querySelector(selector)!;
  const w = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let n = w.nextNode() as Text | null; n; n = w.nextNode() as Text | null) {
    const at = n.data.indexOf(needle);
    if (at < 0) continue;
    const r = document.createRange();
    r.setStart(n, at + from);
    r.setEnd(n, at + to);
    return r;
  }
  throw new Error(`no ${needle} in ${selector}`);
}

const idAt = (c: PageController, r: Range) => c.referenceAt(r)?.match.referenceId ?? null;

describe('page controller: referenceAt', () => {
  let fake: ReturnType<typeof installFakeHighlights>;
  let restoreGeometry: () => void;
  let controller: PageController;

  beforeEach(async () => {
    fake = installFakeHighlights();
    restoreGeometry = stubRangeGeometry(() => [new DOMRect(0, 100, 10, 10)]);
    document.body.innerHTML = PAGE;
    controller = createPageController({ doc: document, matcher: createMatcher(dataset), reference: createReference(dataset), detect: articleElement, livingQuietMs: 10 });
    await controller.apply(defaultSettings());
    await controller.settle();
  });
  afterEach(() => {
    controller.destroy();
    restoreGeometry();
    fake.uninstall();
  });

  test('a selection on a highlighted alias names the reference item, with its label (not the page\'s wording)', () => {
    expect(controller.referenceAt(rangeOver('h1', 'Halab'))).toMatchObject({ match: { referenceId: 'place:aleppo', category: 'place', text: 'Halab' }, label: 'Aleppo' });
    expect(controller.referenceAt(rangeOver('h1', 'Mr Ban'))).toMatchObject({ match: { referenceId: 'person:ban' }, label: 'Ban Ki-moon' });
  });

  test('any overlap counts: part of the name, or a selection running past it', () => {
    expect(idAt(controller, rangeOver('article p', 'Homs', 1, 3))).toBe('place:homs'); // "om"
    expect(idAt(controller, rangeOver('article p', 'Shelling in Homs', 6))).toBe('place:homs'); // "ng in Homs"
    expect(idAt(controller, rangeOver('article p', 'Aleppo.', 0))).toBe('place:aleppo');
  });

  test('a selection over several highlights names the first in the page\'s order, even across elements', () => {
    expect(idAt(controller, rangeOver('article p', 'Homs and Aleppo'))).toBe('place:homs');
    const across = document.createRange();
    across.setStart(rangeOver('h1', 'in Halab').startContainer, rangeOver('h1', 'in Halab').startOffset);
    across.setEnd(rangeOver('article p', 'Shelling in Homs').endContainer, rangeOver('article p', 'Shelling in Homs').endOffset);
    expect(idAt(controller, across)).toBe('place:aleppo');
  });

  test('touching a highlight is not lying on it; unhighlighted text (the footer, the menu) names nothing', () => {
    expect(controller.referenceAt(rangeOver('article p', 'Shelling in '))).toBeNull(); // ends where "Homs" starts
    expect(controller.referenceAt(rangeOver('article p', ' and '))).toBeNull(); // between Homs and Aleppo
    expect(controller.referenceAt(rangeOver('footer', 'Aleppo'))).toBeNull();
    expect(controller.referenceAt(rangeOver('nav', 'Aleppo Homs'))).toBeNull();
  });

  test('a figure is named as a figure', () => {
    const hit = controller.referenceAt(rangeOver('article p:last-child', '70,000'));
    expect(hit).toMatchObject({ match: { referenceId: 'figure:killed', category: 'figure' }, label: 'more than 70,000 people killed' });
    const link = referenceLinkFor(hit)!;
    expect(link).toEqual({ id: 'figure:killed', kind: 'figure', label: 'more than 70,000 people killed' });
    expect(referenceLinkText(link)).toBe('figure more than 70,000 people killed');
  });

  test('only what the reader sees: a hidden category or a site turned off names nothing', async () => {
    const homs = rangeOver('article p', 'Homs and Aleppo');
    await controller.apply(withCategory(defaultSettings(), 'place', false));
    expect(controller.referenceAt(homs)).toBeNull();
    expect(idAt(controller, rangeOver('h1', 'Mr Ban in Halab'))).toBe('person:ban'); // the person is still shown
    await controller.apply(defaultSettings());
    expect(idAt(controller, homs)).toBe('place:homs');
    await controller.apply(withSite(defaultSettings(), location.hostname, false));
    expect(controller.referenceAt(homs)).toBeNull();
  });

  test('a range from another document or a removed paragraph names nothing and does not throw', async () => {
    const other = document.implementation.createHTMLDocument('other');
    other.body.textContent = 'Homs';
    const foreign = other.createRange();
    foreign.selectNodeContents(other.body);
    expect(controller.referenceAt(foreign)).toBeNull();
    const p = document.querySelector('article p')!;
    const inside = rangeOver('article p', 'Homs');
    p.remove();
    await controller.settle();
    expect(controller.referenceAt(inside)).toBeNull();
  });
});

test('referenceLinkFor: entities of every type are entities; a differing figure is still a figure; no hit, no link', () => {
  for (const category of ['person', 'place', 'organization'] as const) {
    expect(referenceLinkFor({ match: { category, referenceId: `${category}:x` }, label: 'X' })).toEqual({ id: `${category}:x`, kind: 'entity', label: 'X' });
  }
  expect(referenceLinkFor({ match: { category: 'figure-differs', referenceId: 'figure:y' }, label: 'Y' })?.kind).toBe('figure');
  expect(referenceLinkFor(null)).toBeUndefined();
  expect(referenceLinkText({ id: 'person:x', kind: 'entity', label: 'Bashar al-Assad' })).toBe('Bashar al-Assad');
});
