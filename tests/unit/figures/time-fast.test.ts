// The time phrases and event kinds are looked for only in sentences holding their cue words (lib/figures/time.ts):
// on any text they find exactly what running every pattern finds (./time-regex.ts, the form before the cues).
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { eventKindIn, figureTime, findPhrases } from '@/lib/figures/time';
import { parseDate } from '@/lib/figures/dates';
import * as general from './time-regex';

// The patterns' words in any case, near misses, digits and years, and characters a case-insensitive match or a
// lower-casing could confuse (the long s, the Kelvin sign, the dotted capital I, accents, no-break spaces).
const WORDS = [
  'in', 'the', 'past', 'last', 'first', 'previous', 'recent', 'days', 'Week', 'MONTHS', 'year', 'years', 'each', 'every', 'a', 'per', 'single',
  'daily', 'Weekly', 'monthly', 'annually', 'since', 'Since', 'from', 'start', 'beginning', 'outbreak', 'onset', 'of', 'conflict', 'war', 'uprising',
  'began', 'broke', 'out', 'by', 'at', 'end', 'as', 'until', 'through', 'to', 'back', 'early', 'late', 'mid-', 'March', 'march', 'Sept.', 'SEP', 'May',
  'december', 'Dec', 'jan', 'on', 'Friday', 'SATURDAY', 'night', 'morning', 'today', 'Yesterday', 'tonight', 'overnight', 'this', 'day’s', "day's",
  'ago', 'just', 'over', 'under', 'two', 'several', 'few', 'so', 'far', 'during', 'throughout', 'within', 'for', 'earlier', 'later', 'after', 'when', 'and',
  '2012', '2013', '15', '3', '1999', '31', 'killed', 'bombing', 'Shelling', 'air strike', 'airstrikes', 'clashes', 'massacre', 'EXECUTED', 'summit',
  'conference', 'rockets', 'detonated', 'ſince', 'K', 'İn', 'é', 'dáy', 'yeaſ',
  // Whole phrases, so every pattern matches often.
  'two days ago', '3 Weeks AGO', 'just over a year ago', 'so far this year', 'by the end of March', 'at the end of May last year', 'as of March 2013',
  'back in May 2012', 'since the uprising began', 'since the start of the war', 'from the beginning of the conflict', 'in the past six months',
  'over the last two weeks', 'on March 15, 2012', '15 March 2013', 'Sept. 3', 'in recent weeks', 'earlier this month', 'in 2012', 'during July',
  'since early March', 'since last July', 'since 2011', 'on Friday night', 'the day’s', 'this morning', 'last night', 'each day', 'a week after',
  'of one day', 'per day', 'a day later', 'the death toll rose to', 'toll', 'passed', 'in an attack', 'during clashes', 'when a car bomb', 'after the raid',
  '60,000', '70,000 people', 'killed', ';', ':', '—',
];
const GAPS = [' ', ' ', ' ', '  ', '\u00a0', '\n', ', ', '. ', '-', ''];
const sentence = fc.array(fc.tuple(fc.constantFrom(...WORDS), fc.constantFrom(...GAPS)), { maxLength: 24 }).map((parts) => parts.map(([w, g]) => w + g).join(''));
const plain = (list: { kind: string; start: number; end: number; match: RegExpExecArray }[]) => list.map((p) => [p.kind, p.start, p.end, [...p.match]]);

// Thousands of generated texts: seconds on a loaded machine.
describe('time phrases and event kinds looked for by their cue words', { timeout: 60_000 }, () => {
  test('findPhrases finds what every pattern run on the sentence finds', () => {
    fc.assert(
      fc.property(sentence, sentence, sentence, (before, body, after) => {
        const text = before + body + after;
        const from = before.length;
        const to = from + body.length;
        expect(plain(findPhrases(text, from, to))).toEqual(plain(general.findPhrases(text, from, to)));
      }),
      { numRuns: 4000 },
    );
  });

  test('eventKindIn names the kind every pattern run on the clause names', () => {
    fc.assert(
      fc.property(sentence, fc.nat(), fc.nat(), (text, a, b) => {
        const from = text.length ? a % text.length : 0;
        const to = from + (text.length - from ? b % (text.length - from + 1) : 0);
        const skip = { start: from + Math.floor((to - from) / 3), end: from + Math.floor((2 * (to - from)) / 3) };
        expect(eventKindIn(text, from, to)).toBe(general.eventKindIn(text, from, to));
        expect(eventKindIn(text, from, to, skip)).toBe(general.eventKindIn(text, from, to, skip));
      }),
      { numRuns: 4000 },
    );
  });

  test('figureTime reads the time of any figure in any sentence as the form before did', () => {
    const COUNTS = ['people killed', 'population', 'conflict duration', 'peace plan points', 'strikes', 'refugees', undefined];
    fc.assert(
      fc.property(sentence, fc.nat(), fc.nat({ max: 20 }), fc.constantFrom(...COUNTS), fc.constantFrom(undefined, '2013-03-16', '2012-07', '2012'), fc.boolean(), fc.nat(), (text, at, length, counts, date, local, cut) => {
        const start = text.length ? at % text.length : 0;
        const figure = { start, end: Math.min(text.length, start + length), ...(counts ? { counts } : {}) };
        const sentenceRange = { start: 0, end: text.length };
        const segment = { start: Math.min(start, cut % (start + 1)), end: text.length };
        const day = parseDate(date);
        const context = { ...(day ? { date: day } : {}), local, segment };
        expect(figureTime(text, figure, sentenceRange, context)).toEqual(general.figureTime(text, figure, sentenceRange, context));
      }),
      { numRuns: 4000 },
    );
  });

  test('figureTime tells a toll from one incident as the form before did, in sentences without a date', () => {
    const EVENT_WORDS = [
      'in', 'an', 'the', 'attack', 'Attacks', 'bombing', 'blast', 'explosion', 'shelling', 'clashes', 'massacre', 'ambush', 'raids', 'air strike',
      'airstrikes', 'strikes', 'fighting', 'battle', 'gunfight', 'firefights', 'assault', 'offensive', 'when', 'WHEN', 'a', 'car', 'bomb', 'shell',
      'rocket', 'suicide', 'during', 'after', 'that', 'this', 'killed', 'people', 'were', 'Homs', 'rebel', 'government', 'toll', 'rose', 'to',
    ];
    const plainSentence = fc.array(fc.tuple(fc.constantFrom(...EVENT_WORDS), fc.constantFrom(' ', ' ', ', ', '. ', '\n')), { maxLength: 16 }).map((parts) => parts.map(([w, g]) => w + g).join(''));
    fc.assert(
      fc.property(plainSentence, plainSentence, fc.constantFrom('people killed', 'refugees', 'strikes'), fc.boolean(), (before, after, counts, local) => {
        const text = `${before}60,000 killed ${after}`;
        const figure = { start: before.length, end: before.length + 12, counts };
        const whole = { start: 0, end: text.length };
        const context = { date: parseDate('2013-03-16')!, local };
        expect(figureTime(text, figure, whole, context)).toEqual(general.figureTime(text, figure, whole, context));
      }),
      { numRuns: 3000 },
    );
  });
});
