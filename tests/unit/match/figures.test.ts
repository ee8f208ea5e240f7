// The figure judge on hand-made sentences: one test per rule of lib/match/figures.ts. Every sentence here is
// written for the test; the reference figures are hand-made too, dated as the dataset builder dates them.
import { describe, expect, it } from 'vitest';
import { createMatcher, type PageContext } from '../../../lib/match';
import { sentenceAround } from '../../../lib/match/figures';
import type { FigureReading } from '../../../lib/figures/types';
import type { Entity } from '../../../lib/reference/types';
import { dataset, entity, figure } from './helpers';

const country = (id: string, name: string, ...aliases: string[]): Entity => ({ ...entity(id, 'place', name, ...aliases), placeKind: 'country' });
const city = (id: string, name: string): Entity => ({ ...entity(id, 'place', name), placeKind: 'city' });

const syria = country('place:syria', 'Syria');
const iraq = country('place:iraq', 'Iraq');
const turkey = country('place:turkey', 'Turkey');
const damascus = city('place:damascus', 'Damascus');
const aleppo = city('place:aleppo', 'Aleppo');
const homs = city('place:homs', 'Homs');
const un = entity('organization:un', 'organization', 'United Nations', 'UN', 'U.N.');
const assad = entity('person:assad', 'person', 'Bashar al-Assad', 'Assad');
const annan = entity('person:annan', 'person', 'Kofi Annan', 'Annan');
const league = entity('organization:arab-league', 'organization', 'Arab League');

const warDead = figure('figure:war-dead', {
  value: 70000, qualifier: 'more than', unit: 'people', counts: 'people killed', asOf: '2013-03-16', scope: 'total',
  placeId: syria.id, attributedToId: un.id, entityIds: [syria.id, un.id],
});
const displaced = figure('figure:displaced', {
  value: 4_000_000, unit: 'people', counts: 'people displaced', asOf: '2013-03-16', scope: 'total', placeId: syria.id, entityIds: [syria.id],
});
const fridayDead = figure('figure:friday-dead', {
  value: 50, qualifier: 'more than', unit: 'people', counts: 'people killed', asOf: '2012-07', scope: 'event',
  period: { label: 'Fri 20 Jul 2012', from: '2012-07-20', to: '2012-07-20' }, placeId: damascus.id, entityIds: [damascus.id],
});
const age = figure('figure:age', { value: 16, unit: 'months', counts: 'conflict duration', asOf: '2012-07', scope: 'age', placeId: syria.id, entityIds: [syria.id] });
const generals = figure('figure:generals', { value: 2, unit: 'generals', counts: 'generals defected', asOf: '2012-07', scope: 'event', placeId: turkey.id, entityIds: [turkey.id] });
const plan = figure('figure:plan', { value: 6, unit: 'points', counts: 'peace plan points', asOf: '2012-07', scope: 'fixed', entityIds: [annan.id] });
const officials = figure('figure:officials', {
  value: 4, unit: 'members', counts: 'officials killed', asOf: '2012-07', scope: 'event', event: 'bombing',
  period: { label: 'Wed 18 Jul 2012', from: '2012-07-18', to: '2012-07-18' }, placeId: damascus.id, entityIds: [damascus.id, assad.id],
});
const explosives = figure('figure:explosives', {
  value: 2, qualifier: 'more than', unit: 'tons', counts: 'explosives', asOf: '2013-03-16', scope: 'event',
  period: { label: 'Sat 16 Mar 2013', from: '2013-03-16', to: '2013-03-16' }, entityIds: [],
});
const fled = figure('figure:fled', { value: 7000, qualifier: 'up to', unit: 'people', counts: 'people fled', asOf: '2012-07', scope: 'event', placeId: aleppo.id, entityIds: [aleppo.id] });
const population = figure('figure:population', { value: 22_000_000, unit: 'people', counts: 'population', asOf: '2013-03-16', scope: 'state', placeId: syria.id, entityIds: [syria.id] });

const reference = dataset(
  [syria, iraq, turkey, damascus, aleppo, homs, un, assad, annan, league],
  [warDead, displaced, fridayDead, age, generals, plan, officials, explosives, fled, population],
);
const matcher = createMatcher(reference);

/** [text, verdict, reference id] of every figure marked in `text`, read as a page of `page`. */
const judged = (text: string, page: PageContext = {}) =>
  matcher
    .match(text, { page })
    .filter((m) => m.figure)
    .map((m) => [m.text, m.figure!.verdict, m.referenceId]);

/** The same as `judged`, for one sentence in an article about Syria (the article names the subject). */
const inSyria = (sentence: string, date?: string, lang?: string) =>
  judged(`Assad's forces pressed on across Syria, the UN said.\n\n${sentence}`, { ...(date ? { date } : {}), ...(lang ? { lang } : {}) });

describe('running totals: the same date matches or differs, another date is an earlier or later estimate', () => {
  it('matches or differs only at the reference’s date', () => {
    expect(inSyria('The UN says some 70,000 people have been killed in Syria.', '2013-03-18')).toEqual([['some 70,000 people', 'matches', warDead.id]]);
    expect(inSyria('The war in Syria has killed 60,000 people, the UN said.', '2013-03-18')).toEqual([['60,000 people', 'differs', warDead.id]]);
  });

  it('calls a toll from another date an earlier or later estimate, not a contradiction', () => {
    expect(inSyria('The UN says more than 9,000 people have died in the Syrian conflict.', '2012-03-27')).toEqual([['more than 9,000 people', 'earlier', warDead.id]]);
    expect(inSyria('At least 93,000 people have been killed in Syria, the UN says.', '2013-06-13')).toEqual([['At least 93,000 people', 'later', warDead.id]]);
    // Even the same number, a year later, is a later statement of the total, with both dates on the card.
    expect(inSyria('More than 70,000 people have been killed in Syria.', '2014-03-16')).toEqual([['More than 70,000 people', 'later', warDead.id]]);
  });

  it('reads the date the sentence gives the total ("by the end of April", "back in January")', () => {
    const byApril = matcher.match("Syria's war goes on.\n\nAlmost 93,000 people were killed in Syria by the end of April, the UN said.", { page: { date: '2013-06-13' } }).find((m) => m.figure);
    expect(byApril!.figure!.verdict).toBe('later');
    expect(byApril!.figure!.page).toMatchObject({ asOf: '2013-04-30', period: 'to 30 Apr 2013' });
    // January 2013 is before the reference's March 2013: an earlier estimate, though the page is from June.
    expect(inSyria('The figure is far above the UN’s last death toll back in January of 59,000 people in Syria.', '2013-06-13')).toEqual([['59,000 people', 'earlier', warDead.id]]);
  });

  it('gives no verdict to a later count below the reference’s (it counts something narrower)', () => {
    expect(inSyria('The report did not include nearly 52,000 deaths in Syria that lacked detail.', '2014-08-23')).toEqual([]);
  });

  it('reads "since the uprising began" and "since March 2011" as the whole conflict', () => {
    expect(inSyria('At least 10,000 people have been killed in Syria since the uprising against Assad began, the UN says.', '2012-05-27')).toEqual([
      ['At least 10,000 people', 'earlier', warDead.id],
    ]);
    const withAge = createMatcher(dataset(reference.entities, [warDead, age, figure('figure:age-2', { value: 2, unit: 'years', counts: 'conflict duration', asOf: '2013-03-16', scope: 'age', placeId: syria.id, entityIds: [syria.id] })]));
    const found = withAge.match("Assad's Syria.\n\nSome 80,000 people have been killed in Syria since March 2011.", { page: { date: '2013-04-20' } }).filter((m) => m.figure);
    expect(found.map((m) => [m.text, m.figure!.verdict])).toEqual([['Some 80,000 people', 'later']]);
  });

  it('gives no verdict to a toll for one year or one stretch of the war', () => {
    expect(inSyria('In 2012 alone, 40,000 people were killed in Syria, the UN said.', '2013-03-18')).toEqual([]);
    expect(inSyria('More than 70,000 people were killed in Syria in the past year.', '2013-03-18')).toEqual([]);
  });

  it('gives no verdict to a rate', () => {
    expect(inSyria('More than 5,000 people have been killed in Syria every month since last July.', '2013-03-18')).toEqual([]);
    expect(inSyria('As many as 6,000 people are fleeing Syria each day, the UN says.', '2013-03-18')).toEqual([]);
  });

  it('only agrees, never differs, when the page’s date is unknown', () => {
    expect(inSyria('More than 70,000 people have been killed in Syria.')).toEqual([['More than 70,000 people', 'matches', warDead.id]]);
    expect(inSyria('The war in Syria has killed 60,000 people, the UN said.')).toEqual([]);
  });

  it('only agrees when the reference’s figure is undated', () => {
    const undated = createMatcher(dataset(reference.entities, [{ ...warDead, asOf: undefined }]));
    const run = (sentence: string) => undated.match(`Assad's Syria.\n\n${sentence}`, { page: { date: '2013-03-18' } }).filter((m) => m.figure).map((m) => m.figure!.verdict);
    expect(run('More than 70,000 people have been killed in Syria.')).toEqual(['matches']);
    expect(run('The war in Syria has killed 60,000 people.')).toEqual([]);
  });
});

describe('place: a count for another place gets no verdict', () => {
  it('does not let a toll for another country match because Syria is named elsewhere', () => {
    expect(inSyria('In Iraq, more than 70,000 people have been killed since the war began.', '2013-03-18')).toEqual([]);
    // A country the reference does not know is still another country.
    expect(inSyria('Libya’s war has killed more than 70,000 people.', '2013-03-18')).toEqual([]);
    expect(inSyria('In Syria, more than 70,000 people have been killed since the war began.', '2013-03-18')).toEqual([
      ['more than 70,000 people', 'matches', warDead.id],
    ]);
  });

  it('does not read a place that describes someone as where the count is ("the Iraq-based group")', () => {
    expect(inSyria('The Iraq-based group said more than 70,000 people have been killed.', '2013-03-18')).toEqual([['more than 70,000 people', 'matches', warDead.id]]);
  });

  it('does not compare a city’s toll with the country’s', () => {
    expect(inSyria('Since the uprising began, 5,000 people have been killed in Homs.', '2013-03-18')).toEqual([]);
  });
});

describe('events: only the same incident is compared', () => {
  it('gives no verdict to another day’s toll in the same city', () => {
    expect(inSyria('More than 50 people were killed in Damascus on Tuesday, activists said.', '2012-07-25')).toEqual([]);
  });

  it('compares the same day’s toll in the same city', () => {
    expect(inSyria('More than 50 people were killed in Damascus on Friday, activists said.', '2012-07-21')).toEqual([['More than 50 people', 'matches', fridayDead.id]]);
    expect(inSyria('At least 30 people were killed in Damascus on Friday, activists said.', '2012-07-21')).toEqual([['At least 30 people', 'differs', fridayDead.id]]);
  });

  it('gives no verdict to a new defection against an earlier one', () => {
    expect(inSyria('Two more Syrian generals have crossed the border into Turkey.', '2013-03-16')).toEqual([]);
    // Reported the same week, without a day: it may be another defection, so only the same count is marked.
    expect(inSyria('Three Syrian generals have crossed the border into Turkey.', '2012-07-21')).toEqual([]);
    expect(inSyria('Two more Syrian generals have crossed the border into Turkey.', '2012-07-21')).toEqual([['Two more Syrian generals', 'matches', generals.id]]);
  });

  it('compares counts of one bombing across unit synonyms (officials and members)', () => {
    const text = 'The bombing in Damascus on Wednesday killed four officials close to Assad.';
    expect(inSyria(text, '2012-07-19')).toEqual([['four officials', 'matches', officials.id]]);
    expect(inSyria(text.replace('four', 'five'), '2012-07-19')).toEqual([['five officials', 'differs', officials.id]]);
    // Another kind of incident is another event.
    expect(inSyria('Clashes in Damascus on Wednesday killed five officials close to Assad.', '2012-07-19')).toEqual([]);
  });

  it('converts kilograms and tonnes', () => {
    expect(inSyria('On Saturday rebels detonated a car rigged with more than 2,000 kilograms of explosives.', '2013-03-16')).toEqual([
      ['more than 2,000 kilograms', 'matches', explosives.id],
    ]);
    expect(inSyria('On Saturday rebels detonated a car rigged with 500 kilograms of explosives.', '2013-03-16')).toEqual([['500 kilograms', 'differs', explosives.id]]);
  });
});

describe('a plan’s number of points', () => {
  // The plan's author is named two paragraphs back; the paragraph before the figure is about Syria.
  const article = (sentence: string) => judged(`Kofi Annan met Assad in Damascus.\n\nNothing changed.\n\nSyria accepted it.\n\n${sentence}`, { date: '2013-01-10' });

  it('matches the plan of the author the article names', () => {
    expect(article('The six-point initiative is laid out in the statement.')).toEqual([['six-point', 'matches', plan.id]]);
  });

  it('gives no verdict to another plan’s points, and says so only of the same author’s plan', () => {
    expect(article('The Arab League put forward a 10-point plan.')).toEqual([]);
    expect(article('Annan’s 10-point plan was discussed.')).toEqual([['10-point', 'differs', plan.id]]);
  });
});

describe('how long the conflict has lasted: compared through the start each side implies', () => {
  it('matches when both dates put the start in the same weeks, differs when not', () => {
    expect(inSyria('Homs was the scene of the worst fighting of the nine-month uprising in Syria.', '2011-12-27')).toEqual([['nine-month', 'matches', age.id]]);
    expect(inSyria('Syria’s almost three-year-old civil war goes on.', '2014-01-22')).toEqual([['almost three-year-old', 'matches', age.id]]);
    expect(inSyria('Russia called for an end to the 19-month conflict in Syria.', '2012-08-17')).toEqual([['19-month', 'differs', age.id]]);
  });

  it('compares with an undated page only when the number is the same', () => {
    expect(inSyria('Syria’s 16-month conflict goes on.')).toEqual([['16-month', 'matches', age.id]]);
    expect(inSyria('Syria’s two-year conflict goes on.')).toEqual([]);
  });

  it('does not read a stretch of the war as its age', () => {
    expect(inSyria('The report covered the first two years of the conflict in Syria.', '2014-08-23')).toEqual([]);
  });
});

describe('hedges and the tolerance rule', () => {
  it('hedges that point away from each other do not match', () => {
    expect(inSyria('Up to 70,000 people have been killed in Syria.', '2013-03-18')).toEqual([['Up to 70,000 people', 'differs', warDead.id]]);
    expect(inSyria('Nearly 70,000 people have been killed in Syria.', '2013-03-18')).toEqual([['Nearly 70,000 people', 'differs', warDead.id]]);
    expect(inSyria('At least 70,000 people have been killed in Syria.', '2013-03-18')).toEqual([['At least 70,000 people', 'matches', warDead.id]]);
  });

  it('treats a bare round number and a hedged one alike', () => {
    // The reference says 22 million: "23 million" is as far from it as "about 23 million".
    expect(inSyria('The country has a population of 23 million.', '2013-03-18')).toEqual([['23 million', 'differs', population.id]]);
    expect(inSyria('Syria’s 23 million people are tired of war.', '2013-03-18')).toEqual([['23 million people', 'differs', population.id]]);
    expect(inSyria('Syria’s about 23 million people are tired of war.', '2013-03-18')).toEqual([['about 23 million people', 'differs', population.id]]);
    expect(inSyria('Syria’s 22 million people are tired of war.', '2013-03-18')).toEqual([['22 million people', 'matches', population.id]]);
  });

  it('compares a state only near its date', () => {
    expect(inSyria('Syria’s 23 million people are tired of war.', '2015-03-18')).toEqual([]);
  });
});

describe('number forms and the page’s language', () => {
  it('reads abbreviated scales', () => {
    expect(inSyria('Some 4m people have been displaced in Syria.', '2013-03-18')).toEqual([['Some 4m people', 'matches', displaced.id]]);
    expect(inSyria('Nearly 70k people have been killed in Syria.', '2013-03-18')).toEqual([['Nearly 70k people', 'differs', warDead.id]]);
  });

  it('reads thousands separators by the page’s language', () => {
    expect(inSyria('More than 70.000 people have been killed in Syria.', '2013-03-18', 'de')).toEqual([['More than 70.000 people', 'matches', warDead.id]]);
    expect(inSyria('Some 60 000 people have been killed in Syria.', '2013-03-18', 'fr')).toEqual([['Some 60 000 people', 'differs', warDead.id]]);
    // In English "70.000" could be seventy: it is left unread rather than compared as seventy.
    expect(inSyria('More than 70.000 people have been killed in Syria.', '2013-03-18', 'en')).toEqual([]);
  });
});

describe('what the page says of its figure', () => {
  it('keeps the page’s attribution, date and place beside the verdict', () => {
    const text = 'Officials in Damascus dispute the toll.\n\nA pro-government newspaper put the number at 60,000 killed in Syria.';
    const [m] = matcher.match(`Assad spoke.\n\n${text}`, { page: { date: '2013-03-19' } }).filter((x) => x.figure);
    expect(m!.figure!.verdict).toBe('differs');
    expect(m!.figure!.page).toEqual({ asOf: '2013-03-19', attribution: 'A pro-government newspaper', place: 'Syria' });
  });
});

describe('relevance', () => {
  it('highlights nothing on a page that does not name the reference subject', () => {
    const sport = 'Manchester United beat Chelsea 3-1. 50 people were killed in a crash in Ohio. More than 70,000 people attended.';
    expect(matcher.match(sport, { page: { date: '2013-03-18' } })).toEqual([]);
  });

  it('needs an entity in the figure’s sentence, or several in the article with one nearby', () => {
    const far = ['Assad and the UN met in Damascus.', 'Unrelated paragraph one.', 'Unrelated paragraph two.', 'Some 70,000 people have died.'].join('\n\n');
    expect(judged(far)).toEqual([]);
    const near = ['Assad and the UN met in Syria.', 'Some 70,000 people have died.'].join('\n\n');
    expect(judged(near)).toEqual([['Some 70,000 people', 'matches', warDead.id]]);
    const lone = ['Assad spoke.', 'Some 70,000 people have died.'].join('\n\n');
    expect(judged(lone)).toEqual([]);
  });
});

describe('matches and offsets', () => {
  it('ignores readings without what they count, and never overlaps entities', () => {
    const reading = (over: Partial<FigureReading>): FigureReading => ({ start: 0, end: 0, numberStart: 0, numberEnd: 0, value: 70000, qualifier: 'exact', unit: 'people', ...over });
    const text = 'Syria: 70,000 Syria people';
    const m = createMatcher(reference, {
      readFigures: () => [
        reading({ start: 7, end: 13, numberStart: 7, numberEnd: 13 }),
        reading({ start: 7, end: 26, numberStart: 7, numberEnd: 13, counts: 'people killed' }),
      ],
    });
    // The figure phrase overlaps the entity "Syria": it keeps just its number.
    expect(m.match(text).map((x) => [x.text, x.category])).toEqual([
      ['Syria', 'place'],
      ['70,000', 'figure'],
      ['Syria', 'place'],
    ]);
  });

  it('paints earlier and later estimates as figures the reference has, and differences as differing', () => {
    const categories = (sentence: string, date: string) => matcher.match(`Assad's Syria.\n\n${sentence}`, { page: { date } }).filter((x) => x.figure).map((x) => x.category);
    expect(categories('At least 93,000 people have been killed in Syria.', '2013-06-13')).toEqual(['figure']);
    expect(categories('60,000 people have been killed in Syria.', '2013-03-18')).toEqual(['figure-differs']);
  });

  it('keeps figure offsets exact when only some paragraphs are read', () => {
    const filler = Array.from({ length: 30 }, (_, i) => `Filler paragraph ${i} about nothing, with 12 numbers.`).join('\n\n');
    const text = `${filler}\n\nThe UN says more than 70,000 people have been killed in Syria.\n\n${filler}`;
    const [m] = matcher.match(text).filter((x) => x.figure);
    expect(m).toBeDefined();
    expect(text.slice(m!.start, m!.end)).toBe('more than 70,000 people');
    expect(text.slice(m!.figure!.reading.numberStart, m!.figure!.reading.numberEnd)).toBe('70,000');
  });
});

describe('sentenceAround', () => {
  it('does not end a sentence at an abbreviation or a dotted acronym', () => {
    const text = 'Earlier news. The U.N. says Mr. Assad lost 70,000 men. Later news.';
    const at = text.indexOf('70,000');
    const s = sentenceAround(text, at, at + 6);
    expect(text.slice(s.start, s.end)).toBe('The U.N. says Mr. Assad lost 70,000 men.');
  });

  it('stops at a paragraph break', () => {
    const text = 'Heading without stop\n\nBody with 5 items';
    const at = text.indexOf('5');
    const s = sentenceAround(text, at, at + 1);
    expect(text.slice(s.start, s.end)).toBe('Body with 5 items');
  });
});
