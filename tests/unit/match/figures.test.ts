import { describe, expect, it } from 'vitest';
import { createMatcher, valuesAgree } from '../../../lib/match';
import { sentenceAround } from '../../../lib/match/figures';
import type { FigureReading } from '../../../lib/figures/types';
import type { Qualifier } from '../../../lib/reference/types';
import { dataset, entity, figure } from './helpers';

const syria = entity('place:syria', 'place', 'Syria');
const damascus = entity('place:damascus', 'place', 'Damascus');
const homs = entity('place:homs', 'place', 'Homs');
const un = entity('organization:un', 'organization', 'United Nations', 'UN', 'U.N.');
const assad = entity('person:assad', 'person', 'Bashar al-Assad', 'Assad');

const warDead = figure('figure:people-killed-70000', {
  value: 70000,
  qualifier: 'more than',
  unit: 'people',
  counts: 'people killed',
  placeId: 'place:syria',
  attributedToId: 'organization:un',
  entityIds: ['place:syria', 'organization:un'],
});
const fridayDead = figure('figure:people-killed-50', {
  value: 50,
  qualifier: 'more than',
  unit: 'people',
  counts: 'people killed',
  placeId: 'place:damascus',
  period: 'on Friday',
  entityIds: ['place:damascus'],
});
const duration = figure('figure:conflict-duration-16', { value: 16, unit: 'months', counts: 'conflict duration', entityIds: ['place:syria'] });
const reference = dataset([syria, damascus, homs, un, assad], [warDead, fridayDead, duration]);
const matcher = createMatcher(reference);

const figuresIn = (text: string) =>
  matcher
    .match(text)
    .filter((m) => m.figure)
    .map((m) => [m.text, m.category, m.referenceId]);

describe('valuesAgree: the qualifier-tolerant value comparison', () => {
  const page = (value: number, qualifier: Qualifier = 'exact', unit = 'people') => ({ value, qualifier, unit });
  const ref = (value: number, qualifier: Qualifier = 'exact', unit = 'people') => ({ value, qualifier, unit });

  it('treats the same number under any hedge as the same figure', () => {
    for (const q of ['exact', 'some', 'more than', 'at least', 'up to', 'about', 'fewer than'] as Qualifier[]) {
      expect(valuesAgree(page(70000, q), ref(70000, 'more than')), q).toBe(true);
    }
  });

  it('allows 5 % between hedged values, nothing between two exact ones', () => {
    expect(valuesAgree(page(68000, 'about'), ref(70000, 'more than'))).toBe(true);
    expect(valuesAgree(page(66000, 'about'), ref(70000, 'more than'))).toBe(false);
    expect(valuesAgree(page(69000), ref(70000))).toBe(false);
    expect(valuesAgree(page(60000), ref(70000, 'some'))).toBe(false);
    expect(valuesAgree(page(11), ref(12, 'about'))).toBe(false);
  });

  it('compares durations across units and nothing else across units', () => {
    expect(valuesAgree(page(2, 'exact', 'years'), ref(24, 'exact', 'months'))).toBe(true);
    expect(valuesAgree(page(16, 'exact', 'months'), ref(16, 'exact', 'weeks'))).toBe(false);
    expect(valuesAgree(page(2, 'exact', 'tons'), ref(2, 'exact', 'kilograms'))).toBe(false);
  });
});

describe('figures on a page against the reference', () => {
  it('marks a page figure that agrees with the reference as a match', () => {
    expect(figuresIn('The U.N. says some 70,000 people have been killed in Syria.')).toEqual([['some 70,000 people', 'figure', warDead.id]]);
    expect(figuresIn('The UN said more than 70,000 people have died in the Syrian conflict.')).toEqual([['more than 70,000 people', 'figure', warDead.id]]);
  });

  it('marks a figure counting the same thing with another value as differing, pointing at the reference figure', () => {
    const [m] = matcher.match('The war in Syria has killed 60,000 people, the UN said.').filter((x) => x.figure);
    expect(m).toMatchObject({ text: '60,000 people', category: 'figure-differs', referenceId: warDead.id });
    expect(m!.figure!.verdict).toBe('differs');
    expect(m!.figure!.reading.value).toBe(60000);
  });

  it('picks the reference figure of the same place, and compares with it', () => {
    expect(figuresIn('More than 50 people were killed in Damascus on Friday, activists said of Assad’s forces.')).toEqual([['More than 50 people', 'figure', fridayDead.id]]);
    expect(figuresIn('At least 45 people were killed in Damascus on Friday, activists said of Assad’s forces.')).toEqual([['At least 45 people', 'figure-differs', fridayDead.id]]);
  });

  it('does not compare a figure about another place, or of another order of magnitude', () => {
    // Homs: the reference knows no death toll for it; a local toll is not the war's total.
    expect(figuresIn('In Syria, Assad’s forces shelled Homs. 45 people were killed in Homs.')).toEqual([]);
    // A day's toll somewhere in Syria is not a contradiction of the war's total.
    expect(figuresIn('Assad’s forces shelled a town in Syria, where 300 people were killed.')).toEqual([]);
  });

  it('takes a country the article names as the default scope for agreement, never for disagreement', () => {
    const country = { ...entity('place:syria', 'place', 'Syria'), placeKind: 'country' as const };
    const newYork = entity('place:new-york', 'place', 'New York');
    const hrw = entity('organization:hrw', 'organization', 'Human Rights Watch');
    const bombs = figure('figure:bombs-156', { value: 156, qualifier: 'at least', unit: 'bombs', counts: 'cluster bombs dropped', placeId: 'place:syria', entityIds: ['place:syria'] });
    const m = createMatcher(dataset([country, newYork, hrw], [bombs]));
    const article = (sentence: string) => `The war in Syria goes on.\n\n${sentence}`;
    const figs = (text: string) => m.match(text).filter((x) => x.figure).map((x) => [x.text, x.category]);
    expect(figs(article('The New York-based Human Rights Watch said forces dropped at least 156 cluster bombs.'))).toEqual([['at least 156 cluster bombs', 'figure']]);
    expect(figs(article('The New York-based Human Rights Watch said forces dropped 120 cluster bombs.'))).toEqual([]);
    expect(figs(article('Human Rights Watch said forces dropped 120 cluster bombs.'))).toEqual([['120 cluster bombs', 'figure-differs']]);
  });

  it('reads durations across units', () => {
    expect(figuresIn('Syria’s two-year conflict has hardened Assad.')).toEqual([['two-year', 'figure-differs', duration.id]]);
    expect(figuresIn('Syria’s 16-month conflict has hardened Assad.')).toEqual([['16-month', 'figure', duration.id]]);
  });

  it('highlights nothing on a page that does not name the reference subject', () => {
    const sport = 'Manchester United beat Chelsea 3-1. 50 people were killed in a crash in Ohio. More than 70,000 people attended.';
    expect(matcher.match(sport)).toEqual([]);
  });

  it('needs an entity in the figure’s sentence, or several in the article with one nearby', () => {
    const far = ['Assad and the UN met in Damascus.', 'Unrelated paragraph one.', 'Unrelated paragraph two.', 'Some 70,000 people have died.'].join('\n\n');
    expect(figuresIn(far)).toEqual([]);
    const near = ['Assad and the UN met in Syria.', 'Some 70,000 people have died.'].join('\n\n');
    expect(figuresIn(near)).toEqual([['Some 70,000 people', 'figure', warDead.id]]);
    // One entity only, in another paragraph: not enough to call the article about the subject.
    const lone = ['Assad spoke.', 'Some 70,000 people have died.'].join('\n\n');
    expect(figuresIn(lone)).toEqual([]);
  });

  it('ignores readings without what they count, and never overlaps entities', () => {
    const reading = (over: Partial<FigureReading>): FigureReading => ({ start: 0, end: 0, numberStart: 0, numberEnd: 0, value: 70000, qualifier: 'exact', unit: 'people', ...over });
    const text = 'Syria: 70,000 Syria people';
    const m = createMatcher(reference, {
      readFigures: () => [
        reading({ start: 7, end: 13, numberStart: 7, numberEnd: 13 }),
        reading({ start: 7, end: 26, numberStart: 7, numberEnd: 13, counts: 'people killed' }),
      ],
    });
    const out = m.match(text);
    // The figure phrase overlaps the entity "Syria": it keeps just its number.
    expect(out.map((x) => [x.text, x.category])).toEqual([
      ['Syria', 'place'],
      ['70,000', 'figure'],
      ['Syria', 'place'],
    ]);
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
