// What a count covers in time (lib/figures/time.ts), on sentences written for these tests.
import { describe, expect, it } from 'vitest';
import { readFigures } from '../../../lib/figures';
import { isoRange, parseDate } from '../../../lib/figures/dates';
import { figureTime, type FigureTime } from '../../../lib/figures/time';

/** The time of the figure whose number is `numberText`, the sentence being the whole text. */
function timeOf(text: string, numberText: string, date?: string, local = false): FigureTime & { iso?: string } {
  const readings = readFigures(text);
  const i = readings.findIndex((r) => text.slice(r.numberStart, r.numberEnd) === numberText);
  expect(i, `no reading of ${numberText}`).toBeGreaterThanOrEqual(0);
  const r = readings[i]!;
  const segment = { start: readings[i - 1]?.end ?? 0, end: readings[i + 1]?.start ?? text.length };
  const t = figureTime(text, r, { start: 0, end: text.length }, { ...(date ? { date: parseDate(date)! } : {}), local, segment });
  return { ...t, ...(t.when ? { iso: isoRange(t.when) } : {}) };
}

describe('running totals', () => {
  it('a toll without a date is the total as of the text’s date', () => {
    expect(timeOf('The UN says more than 70,000 people have been killed in the conflict.', '70,000', '2013-03-16')).toMatchObject({ scope: 'total', iso: '2013-03-16' });
  });

  it('"since the uprising began" is the whole conflict', () => {
    expect(timeOf('At least 10,000 people have been killed since the uprising against the president began in March 2011.', '10,000', '2012-05-27')).toMatchObject({
      scope: 'total',
      iso: '2012-05-27',
    });
  });

  it('a date the sentence gives a total is its as-of date', () => {
    expect(timeOf('Almost 93,000 people were killed by the end of April this year.', '93,000', '2013-06-13')).toMatchObject({ scope: 'total', iso: '2013-04-30', label: 'to 30 Apr 2013' });
    expect(timeOf('It is above the last death toll back in January of 59,000 people.', '59,000', '2013-06-13')).toMatchObject({ scope: 'total', iso: '2013-01' });
    expect(timeOf('The toll is 100,000, up from nearly 93,000 just over a month ago.', '93,000', '2013-07-25')).toMatchObject({ scope: 'total', iso: '2013-06-25' });
    expect(timeOf('They counted 191,369 deaths from the start of the conflict in March 2011 to April 2014.', '191,369', '2014-08-23')).toMatchObject({ scope: 'total', iso: '2014-04' });
  });

  it('a rise over a span ends at a total ("doubled in the past year to 191,369")', () => {
    expect(timeOf('The number of dead more than doubled in the past year to at least 191,369 deaths.', '191,369', '2014-08-23')).toMatchObject({ scope: 'total', iso: '2014-08-23' });
  });

  it('the day a total is raised dates it; the day’s toll is one day’s count', () => {
    expect(timeOf('The UN chief on Thursday raised the death toll to more than 100,000.', '100,000', '2013-07-25')).toMatchObject({ scope: 'total', iso: '2013-07-25' });
    expect(timeOf('Activists put the day’s death toll at more than 50 nationwide.', '50', '2012-03-04')).toMatchObject({ scope: 'event', iso: '2012-03-04' });
  });
});

describe('spans, days and rates', () => {
  it('reads stated spans against the text’s date', () => {
    expect(timeOf('Forces dropped at least 156 cluster bombs in the past six months.', '156', '2013-03-16')).toMatchObject({ scope: 'span', iso: '2012-09-16/2013-03-16', label: '6 months to 16 Mar 2013' });
    expect(timeOf('In 2012 alone, 40,000 people were killed.', '40,000', '2013-03-16')).toMatchObject({ scope: 'span', iso: '2012', label: '2012' });
    expect(timeOf('More than 1,000 people were killed last month.', '1,000', '2013-03-16')).toMatchObject({ scope: 'span', iso: '2013-02' });
  });

  it('reads a named day as that day, and a day that dates a statement as no day of the count', () => {
    expect(timeOf('More than 50 people were killed in the capital on Friday.', '50', '2012-07-21')).toMatchObject({ scope: 'event', stated: true, iso: '2012-07-20', label: 'Fri 20 Jul 2012' });
    expect(timeOf('On Saturday, the group said forces dropped at least 156 cluster bombs in the past six months.', '156', '2013-03-16')).toMatchObject({ scope: 'span' });
    expect(timeOf('Fighters killed 12 people, the group said on Saturday.', '12', '2013-03-16')).toMatchObject({ scope: 'total', stated: false });
  });

  it('a weekday in a text dated only to the month is any such weekday of it', () => {
    const t = timeOf('More than 50 people were killed on Friday in a district of the capital.', '50', '2012-07');
    expect(t).toMatchObject({ scope: 'event', weekday: 5, iso: '2012-07-06/2012-07-27' });
  });

  it('a count per day or month is a rate', () => {
    expect(timeOf('As many as 6,000 people are fleeing the country each day.', '6,000', '2013-07-25').scope).toBe('rate');
    expect(timeOf('More than 5,000 people have been killed every month since last July.', '5,000', '2013-06-13').scope).toBe('rate');
    // "a day after" dates something; it is no rate.
    expect(timeOf('A day after the march, 40 people were killed in the town.', '40', '2013-06-13').scope).not.toBe('rate');
  });

  it('a local count or one incident is an event around the report, not the conflict’s total', () => {
    expect(timeOf('At least 17 civilians were killed in fighting on the edges of the district.', '17', '2012-03-01')).toMatchObject({ scope: 'event', stated: false, iso: '2012-02-23/2012-03-01' });
    expect(timeOf('Five people were killed when a shell exploded.', 'Five', '2013-03-16')).toMatchObject({ scope: 'event' });
    expect(timeOf('Up to 7,000 people have left the city.', '7,000', '2012-07', true)).toMatchObject({ scope: 'event' });
  });
});

describe('other scopes', () => {
  it('a conflict’s age is as of the text’s date; a plan’s points are fixed; a population is a state', () => {
    expect(timeOf('The 16-month conflict has been transformed.', '16', '2012-07')).toMatchObject({ scope: 'age', iso: '2012-07' });
    expect(timeOf('The envoy’s six-point peace plan was flouted.', 'six', '2012-07')).toMatchObject({ scope: 'fixed' });
    expect(timeOf('The fighting displaced 4 million of the country’s 22 million people.', '22 million', '2013-03-16')).toMatchObject({ scope: 'state', iso: '2013-03-16' });
    expect(timeOf('Some 300 unarmed observers suspended their mission last month.', '300', '2012-07')).toMatchObject({ scope: 'state', iso: '2012-06' });
  });

  it('an undated text keeps the scope and says how long a stated span is, not when', () => {
    expect(timeOf('Forces dropped at least 156 cluster bombs in the past six months.', '156')).toMatchObject({ scope: 'span', label: 'past 6 months' });
    expect(timeOf('More than 50 people were killed on Friday.', '50')).toMatchObject({ scope: 'event', weekday: 5, label: 'Friday' });
    expect(timeOf('The UN says more than 70,000 people have been killed in the conflict.', '70,000').when).toBeUndefined();
  });
});
