// The figure engine loaded on demand (lib/match/figure-engine.ts): the content script's matcher loads the figure
// reader and judge only for an article on the subject with a number near the reference's names, and then marks
// exactly what the matcher with the engine built in (Node's, `npm run annotate`'s) marks.
import { describe, expect, it, vi } from 'vitest';
import { createMatcher, createMatcherWith } from '../../../lib/match';
import { figureEngine } from '../../../lib/match/figure-part';
import { annotateText } from '../../../lib/pipeline';
import type { Entity } from '../../../lib/reference/types';
import { dataset, entity, figure } from './helpers';

const syria: Entity = { ...entity('place:syria', 'place', 'Syria'), placeKind: 'country' };
const damascus: Entity = { ...entity('place:damascus', 'place', 'Damascus'), placeKind: 'city' };
const un = entity('organization:un', 'organization', 'United Nations', 'UN');
const annan = entity('person:annan', 'person', 'Kofi Annan', 'Annan');
const warDead = figure('figure:war-dead', {
  value: 70000, qualifier: 'more than', unit: 'people', counts: 'people killed', asOf: '2013-03-16', scope: 'total',
  placeId: syria.id, attributedToId: un.id, entityIds: [syria.id, un.id],
});
const reference = dataset([syria, damascus, un, annan], [warDead]);
const page = { date: '2013-03-18', lang: 'en' };

const WITH_FIGURE = 'More than 70,000 people have been killed in Syria, the United Nations said on Saturday.\n\nKofi Annan was in Damascus.';
const NO_NUMBER = 'Kofi Annan was in Damascus, and the United Nations said Syria would talk.';
const NUMBER_FAR = 'Kofi Annan was in Damascus.\n\nThe weather held.\n\nMarkets were calm.\n\nMore than 70,000 people came to the fair.';
const NO_NAME = 'More than 70,000 people came to the fair on Saturday.';

const builtIn = (text: string) => annotateText(text, createMatcher(reference), { page });

describe('the figure engine loaded on demand', () => {
  it('an article with a number near the reference\'s names loads it once, and marks what the built-in engine marks', async () => {
    const load = vi.fn(async () => figureEngine);
    const matcher = createMatcherWith(reference, load);
    const first = await annotateText(WITH_FIGURE, matcher, { page });
    expect(load).toHaveBeenCalledTimes(1);
    expect(first!.matches).toEqual((await builtIn(WITH_FIGURE))!.matches);
    expect(first!.matches.filter((m) => m.figure).map((m) => [m.text, m.figure!.verdict])).toEqual([['More than 70,000 people', 'matches']]);
    await annotateText(WITH_FIGURE.replace('70,000', '71,000'), matcher, { page });
    expect(load).toHaveBeenCalledTimes(1);
  });

  it.each([
    ['names but no number', NO_NUMBER],
    ['a number only paragraphs away from any name', NUMBER_FAR],
    ['a number and no name', NO_NAME],
  ])('%s: nothing is loaded, and nothing is lost', async (_, text) => {
    const load = vi.fn(async () => figureEngine);
    const result = await annotateText(text, createMatcherWith(reference, load), { page });
    expect(load).not.toHaveBeenCalled();
    const expected = (await builtIn(text))!.matches;
    expect(result!.matches).toEqual(expected);
    expect(expected.some((m) => m.figure)).toBe(false);
  });

  it('matching in one call before the engine is there says so rather than dropping figures', async () => {
    const matcher = createMatcherWith(reference, async () => figureEngine);
    expect(() => matcher.match(WITH_FIGURE, { page })).toThrow(/figure reader/);
    expect(matcher.match(NO_NUMBER, { page }).length).toBeGreaterThan(0);
    await annotateText(WITH_FIGURE, matcher, { page });
    expect(matcher.match(WITH_FIGURE, { page })).toEqual(createMatcher(reference).match(WITH_FIGURE, { page }));
  });

  it('an engine that fails to load leaves that article\'s figures unmarked, its names marked; the next article asks again', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const load = vi.fn().mockRejectedValueOnce(new Error('extension reloaded')).mockResolvedValue(figureEngine);
    const matcher = createMatcherWith(reference, load);
    const failed = await annotateText(WITH_FIGURE, matcher, { page });
    expect(failed!.matches.some((m) => m.figure)).toBe(false);
    expect(failed!.matches.map((m) => m.text)).toEqual(expect.arrayContaining(['Syria', 'United Nations', 'Kofi Annan', 'Damascus']));
    const again = await annotateText(WITH_FIGURE, matcher, { page });
    expect(load).toHaveBeenCalledTimes(2);
    expect(again!.matches).toEqual((await builtIn(WITH_FIGURE))!.matches);
    warn.mockRestore();
  });
});
