// The figure reader, on sentences written for these tests (never the source documents' text).
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readFigures, type FigureReading } from '../../../lib/figures';
import { COUNTS, LABEL_TEMPLATES } from '../../../lib/figures/vocabulary';

/** The one reading whose number is `numberText` (fails if there are none or several). */
function readingOf(text: string, numberText: string): FigureReading {
  const found = readFigures(text).filter((r) => text.slice(r.numberStart, r.numberEnd) === numberText);
  expect(found, `readings of "${numberText}" in "${text}": ${JSON.stringify(readFigures(text))}`).toHaveLength(1);
  return found[0]!;
}

describe('numbers', () => {
  it.each([
    ['Officials counted 70,000 graves.', '70,000', 70000],
    ['A budget of 1,234,567 pounds was agreed.', '1,234,567', 1234567],
    ['The camp holds 4 million refugees.', '4 million', 4_000_000],
    ['Some 1.5 million refugees are registered.', '1.5 million', 1_500_000],
    ['They found 3.5 tons of food.', '3.5', 3.5],
    ['The truck carried two tons of explosives.', 'two', 2],
    ['Seventy thousand refugees crossed.', 'Seventy thousand', 70000],
    ['Twenty-five soldiers defected.', 'Twenty-five', 25],
    ['three hundred and twelve refugees arrived', 'three hundred and twelve', 312],
    ['a dozen soldiers were wounded', 'a dozen', 12],
    ['two dozen soldiers were wounded', 'two dozen', 24],
    ['half a million refugees', 'half a million', 500_000],
    ['a million refugees', 'a million', 1_000_000],
  ])('%s → %s = %d', (text, numberText, value) => {
    const r = readingOf(text, numberText);
    expect(r.value).toBe(value);
    expect(text.slice(r.numberStart, r.numberEnd)).toBe(numberText);
  });
});

describe('number forms news copy uses', () => {
  it.each([
    ['Some 4m people have fled.', '4m', 4_000_000],
    ['Some 4mn people have fled.', '4mn', 4_000_000],
    ['Nearly 70k refugees crossed.', '70k', 70_000],
    ['Rebuilding will cost $2.5bn, the bank said.', '2.5bn', 2_500_000_000],
    ['Aid of 1.2 bn dollars was pledged.', '1.2 bn', 1_200_000_000],
    ['two and a half years of war', 'two and a half', 2.5],
    ['a two-and-a-half-year war', 'two-and-a-half', 2.5],
    ['the 2½ year civil war', '2½', 2.5],
    ['one and a half million people fled', 'one and a half million', 1_500_000],
    ['2 and a quarter tons of explosives', '2 and a quarter', 2.25],
    ['70\u202f000 refugees arrived', '70\u202f000', 70_000], // a narrow no-break space groups thousands in any language
  ])('%s → %s = %d', (text, numberText, value) => {
    const r = readingOf(text, numberText);
    expect(r.value).toBe(value);
  });

  it('a fraction sets the rounding step the tolerance rule uses', () => {
    expect(readingOf('the 2½ year civil war', '2½').step).toBe(0.5);
    expect(readingOf('two and a half years of war', 'two and a half').step).toBe(0.5);
    expect(readingOf('one and a half million people fled', 'one and a half million').step).toBe(500_000);
    expect(readingOf('The war displaced 2.5 million.', '2.5 million').step).toBeUndefined();
  });

  it('"4m" before a length is metres, not millions', () => {
    expect(readFigures('A 4m high wall and a 100m race.')).toEqual([]);
  });
});

describe('thousands and decimals by the page’s language', () => {
  const value = (text: string, lang: string | undefined) => readFigures(text, lang ? { lang } : {}).map((r) => r.value);

  it('reads "70.000" and "60 000" as thousands on European pages', () => {
    expect(value('Mehr als 70.000 people were killed.', 'de')).toEqual([70_000]);
    expect(value('Some 1.234.567 people were counted.', 'de-AT')).toEqual([1_234_567]);
    expect(value('Plus de 60 000 people were killed.', 'fr')).toEqual([60_000]);
    expect(value('Plus de 60\u00a0000 people were killed.', 'fr-CA')).toEqual([60_000]);
    expect(value('Some 2,5 million people fled.', 'es')).toEqual([2_500_000]);
    expect(value('Some 70’000 people were killed.', 'de-CH')).toEqual([70_000]);
    expect(value('Some 2.5 million people fled.', 'de-CH')).toEqual([2_500_000]);
  });

  it('reads English pages (and pages with no language) the English way, and leaves an ambiguous "70.000" unread', () => {
    expect(value('Some 2.5 million people fled.', 'en-GB')).toEqual([2_500_000]);
    expect(value('More than 70,000 people were killed.', undefined)).toEqual([70_000]);
    expect(value('More than 70.000 people were killed.', 'en')).toEqual([]);
    expect(value('More than 70.000 people were killed.', undefined)).toEqual([]);
    // With a scale word the point is a decimal point in English.
    expect(value('Some 1.125 million people fled.', 'en')).toEqual([1_125_000]);
  });

  it('does not take a comma list or a date for a European number', () => {
    expect(value('Am 15.03.2013 kamen 40 people.', 'de')).toEqual([40]);
  });
});

describe('what a duration counts', () => {
  it.each([
    ['the violence began 16 months ago', '16', 'conflict duration'],
    ['a departure after 16 months of bloodshed', '16', 'conflict duration'],
    ['the 19-month conflict goes on', '19', 'conflict duration'],
  ])('%s → %s', (text, numberText, counts) => {
    expect(readingOf(text, numberText).counts).toBe(counts);
  });

  it('a stretch of a conflict, or days of it, is not its age', () => {
    expect(readingOf('the report covered the first two years of the conflict', 'two').counts).toBeUndefined();
    expect(readingOf('after three days of fighting the town fell', 'three').counts).toBeUndefined();
  });

  it('a plan, an initiative or a proposal has points', () => {
    expect(readingOf('a six-point initiative to end the violence', 'six').counts).toBe('peace plan points');
    expect(readingOf('his initial six-point proposal', 'six').counts).toBe('peace plan points');
  });

  it('"up from" compares with the count before it', () => {
    const text = 'The death toll rose to more than 100,000, up from nearly 93,000 a month ago.';
    expect(readFigures(text).map((r) => [r.value, r.counts])).toEqual([
      [100_000, 'people killed'],
      [93_000, 'people killed'],
    ]);
  });
});

describe('qualifiers', () => {
  it.each([
    ['more than', 'more than'],
    ['More than', 'more than'],
    ['over', 'more than'],
    ['in excess of', 'more than'],
    ['at least', 'at least'],
    ['no fewer than', 'at least'],
    ['up to', 'up to'],
    ['as many as', 'up to'],
    ['nearly', 'up to'],
    ['almost', 'up to'],
    ['at most', 'at most'],
    ['no more than', 'at most'],
    ['fewer than', 'fewer than'],
    ['less than', 'fewer than'],
    ['some', 'some'],
    ['Some', 'some'],
    ['about', 'about'],
    ['around', 'about'],
    ['roughly', 'about'],
    ['approximately', 'about'],
    ['an estimated', 'about'],
  ])('"%s 9,000 people were killed" reads as %s, and the phrase starts at the hedge', (hedge, qualifier) => {
    const text = `Officials said ${hedge} 9,000 people were killed.`;
    const r = readingOf(text, '9,000');
    expect(r.qualifier).toBe(qualifier);
    expect(text.slice(r.start, r.end)).toBe(`${hedge} 9,000 people`);
  });

  it('a bare number is exact, and a hedge elsewhere in the sentence does not leak onto it', () => {
    const text = 'More aid arrived as 9,000 people fled.';
    const r = readingOf(text, '9,000');
    expect(r.qualifier).toBe('exact');
    expect(r.start).toBe(r.numberStart);
  });

  it('"a dozen" is approximate by itself', () => {
    expect(readingOf('a dozen soldiers were wounded', 'a dozen').qualifier).toBe('about');
  });

  it('words that only look like hedges inside other words do not count ("handover 40 tanks")', () => {
    expect(readingOf('the handover 40 tanks', '40').qualifier).toBe('exact');
  });
});

describe('units', () => {
  it.each([
    ['some 300 unarmed observers arrived', '300', 'observers'],
    ['12 rebel fighters were killed', '12', 'fighters'],
    ['at least 156 cluster bombs fell', '156', 'bombs'],
    ['more than 450 amateur videos were posted', '450', 'videos'],
    ['two more Syrian generals defected', 'two', 'generals'],
    ['the 16-month conflict', '16', 'months'],
    ['a 30-day mission', '30', 'days'],
    ['the two-year-old uprising', 'two', 'years'],
    ['two tons of explosives', 'two', 'tons'],
    ['27 national leaders met', '27', 'leaders'],
    ['one person died', 'one', 'people'],
    ['unemployment rose to 40% this year', '40', 'percent'],
    ['unemployment rose to 40 per cent this year', '40', 'percent'],
    ['rebels destroyed 40 tanks', '40', 'tanks'],
    ['rebels seized 40 tanks.', '40', 'tanks'],
    ['donors pledged $3.5 billion', '3.5 billion', 'dollars'],
    ['a budget of €200 million', '200 million', 'euros'],
  ])('%s → %s', (text, numberText, unit) => {
    expect(readingOf(text, numberText).unit).toBe(unit);
  });

  it('the phrase ends at the unit word, so a highlight covers "some 300 unarmed observers" and not what follows', () => {
    const text = 'Then some 300 unarmed observers left.';
    const r = readingOf(text, '300');
    expect(text.slice(r.start, r.end)).toBe('some 300 unarmed observers');
  });

  it('a currency sign belongs to the phrase, after any hedge', () => {
    const text = 'Donors pledged more than $1,500 each.';
    const r = readingOf(text, '1,500');
    expect([text.slice(r.start, r.end), r.qualifier, r.unit]).toEqual(['more than $1,500', 'more than', 'dollars']);
    expect(readingOf('It cost $2000.', '2000').unit).toBe('dollars');
  });

  it('a unit is not looked for across punctuation', () => {
    const r = readingOf('The toll was 40, observers said.', '40');
    expect(r.unit).not.toBe('observers');
  });

  it('a count of people that leaves the noun out still has the unit "people"', () => {
    expect(readingOf('60,000 killed in the war', '60,000').unit).toBe('people');
  });
});

describe('what is counted', () => {
  it.each([
    // The same fact, phrased by different outlets, must land on the same term.
    ['The war has killed some 70,000 people.', '70,000', 'people killed'],
    ['More than 70,000 people have been killed in the conflict.', '70,000', 'people killed'],
    ['60,000 killed in Syria, the report says.', '60,000', 'people killed'],
    ['The death toll rose to 93,000 on Monday.', '93,000', 'people killed'],
    ['UN says death toll tops 60,000', '60,000', 'people killed'],
    ["The death toll in the country's two-year conflict has passed 70,000.", '70,000', 'people killed'],
    // Long words: "toll" is seven tokens back but more characters away than the reader's first, shorter look.
    ['The death toll among internationally unacknowledged noncombatants reportedly surpassed 70,000.', '70,000', 'people killed'],
    ['Nearly 4 million Syrians have been forced from their homes.', '4 million', 'people displaced'],
    ['The toll, officials said, 60,000 hens.', '60,000', undefined],
    ['Nearly 90,000 people have died since 2011.', '90,000', 'people killed'],
    ['Rebels say 3,000 fighters are dead.', '3,000', 'fighters killed'],
    ['An air raid killed 11 civilians on Tuesday.', '11', 'civilians killed'],
    ['Clashes left at least 12 rebel fighters dead.', '12', 'fighters killed'],
    ['The blast killed four members of the cabinet.', 'four', 'officials killed'],
    ['Shelling wounded 40 people.', '40', 'people wounded'],
    ['Gunmen killed 3 hostages.', '3', 'people killed'],
    ['Rebels seized 20 tanks.', '20', undefined],
    ['Shelling destroyed 80 homes and killed 12 more.', '80', undefined],
    ['Police arrested 200 protesters overnight.', '200', 'people detained'],
    ['The fighting displaced 4 million of them.', '4 million', 'people displaced'],
    ['Up to 7,000 people have left the city.', '7,000', 'people fled'],
    ['About 5,000 residents fled the town.', '5,000', 'people fled'],
    ['Nearly 1.5 million refugees are registered.', '1.5 million', 'refugees'],
    ['The country has a population of 22 million.', '22 million', 'population'],
    ['The country has a population of about 22 million.', '22 million', 'population'],
    ["Of the country's 22 million people, few are safe.", '22 million', 'population'],
    ["Aleppo's 2 million residents wait.", '2 million', 'population'],
    ["Aleppo's 300 people were killed.", '300', 'people killed'],
    ["The general's 300 soldiers wait.", '300', undefined],
    ['Jets dropped at least 156 cluster bombs.', '156', 'cluster bombs dropped'],
    ['The jets dropped 80 bombs.', '80', 'bombs dropped'],
    ['They were used in 119 locations.', '119', 'locations'],
    ['They studied more than 450 amateur videos.', '450', 'amateur videos'],
    ['Broadcasters aired 20 videos.', '20', 'videos'],
    ['Some 300 unarmed observers left.', '300', 'observers'],
    ['A car rigged with more than two tons of explosives blew up.', 'two', 'explosives'],
    ['Two more generals have defected.', 'Two', 'generals defected'],
    ['Two more generals crossed into Turkey.', 'Two', 'generals defected'],
    ['The 27 national leaders could not agree.', '27', 'national leaders'],
    ['The 27 EU leaders could not agree.', '27', 'national leaders'],
    ['Some 300 U.N. observers left.', '300', 'observers'],
    ['The U.N. says 70,000 people have been killed.', '70,000', 'people killed'],
    ["The country's 16-month conflict goes on.", '16', 'conflict duration'],
    ['The two-year-old uprising goes on.', 'two', 'conflict duration'],
    ['The 30-day mission was extended.', '30', 'mission duration'],
    ["The envoy's six-point peace plan failed.", 'six', 'peace plan points'],
    ['Two strikes hit the market.', 'Two', 'strikes'],
  ])('%s → %s counts %s', (text, numberText, counts) => {
    expect(readingOf(text, numberText).counts).toBe(counts);
  });

  it('one sentence can hold several counts, each with its own verb', () => {
    const text = "The war killed some 70,000 people and displaced 4 million of the country's 22 million people.";
    expect(readFigures(text).map((r) => [r.value, r.counts])).toEqual([
      [70000, 'people killed'],
      [4_000_000, 'people displaced'],
      [22_000_000, 'population'],
    ]);
  });

  it('"including two women and five children" continues the count before it, within the sentence only', () => {
    const text = 'Two strikes killed 11 civilians, including two women and five children. Later five children sang.';
    const counts = readFigures(text).map((r) => [text.slice(r.numberStart, r.numberEnd), r.counts]);
    expect(counts).toEqual([
      ['Two', 'strikes'],
      ['11', 'civilians killed'],
      ['two', 'women killed'],
      ['five', 'children killed'],
      ['five', undefined],
    ]);
  });

  it('a time span that only dates something counts nothing', () => {
    const r = readingOf('Jets dropped bombs in the past six months.', 'six');
    expect(r.unit).toBe('months');
    expect(r.counts).toBeUndefined();
  });

  it('a number in digits with no context is returned with counts undefined; the matcher decides', () => {
    const r = readingOf('He scored 300 in the final.', '300');
    expect(r.counts).toBeUndefined();
    expect(r.unit).toBe('');
  });

  it('every term the reader produces belongs to the closed vocabulary, and every term has a label template', () => {
    const text = [
      'The war killed some 70,000 people and displaced 4 million.',
      'At least 156 cluster bombs fell in 119 locations, and 300 observers counted 450 amateur videos.',
      'Two generals defected; 27 national leaders met; 40 people were wounded and 200 arrested.',
    ].join(' ');
    const counts = readFigures(text).map((r) => r.counts).filter((c) => c !== undefined);
    expect(counts.length).toBeGreaterThan(8);
    for (const c of counts) expect(COUNTS).toContain(c);
    for (const c of COUNTS) expect(LABEL_TEMPLATES[c]).toContain('{n}');
  });
});

describe('not figures', () => {
  it.each([
    ['a year', 'The uprising began in 2011.'],
    ['a year after a month', 'It began in March 2011.'],
    ['a date, month first', 'The opposition marks March 15 as the start.'],
    ['a date, day first', 'It started on 15 March in Deraa.'],
    ['a date in figures', 'Posted 3/15/2013.'],
    ['a time', 'The blast came at 10:30 on Friday.'],
    ['a time with a.m.', 'The blast came at 3 a.m. on Friday.'],
    ['a time with pm', 'It ended at 5pm.'],
    ['an ordinal in digits', 'It was the 15th day of fighting.'],
    ['an ordinal in words', 'The conflict entered its third year on the sixth day.'],
    ['a phone number', 'Call 020 7946 0000 for details.'],
    ['a dashed phone number', 'Call 555-1234 now.'],
    ['identifiers', 'The G20 met about COVID-19 and the A380.'],
    ['a range written with a dash', 'Scores were 1-2 at home.'],
    ['vague hundreds', 'Hundreds of families fled the district.'],
    ['vague thousands', 'Thousands of civilians fled to Lebanon.'],
    ['vague dozens', 'Dozens of people were killed.'],
    ['vague tens of thousands', 'Tens of thousands of people marched.'],
    ['a pronoun', 'One of them spoke; the two sides met; no one knew.'],
    ['number words inside other words', 'Someone often sent tonnes of bones.'],
    ['a hyphenated word', 'No-one came; a one-third share; the twenty-first day.'],
  ])('%s', (_why, text) => {
    expect(readFigures(text)).toEqual([]);
  });

  it('a year-like number that counts something is a figure ("2000 people")', () => {
    expect(readingOf('In all 2000 people fled.', '2000').counts).toBe('people fled');
  });

  it('a small number next to a month is a date; the same number without one is a count', () => {
    expect(readFigures('On March 15 rebels attacked.')).toEqual([]);
    expect(readingOf('By the weekend 15 rebels were killed.', '15').counts).toBe('fighters killed');
  });
});

describe('offsets and scale', () => {
  const sentence = fc.constantFrom(
    'More than 50 people were killed on Friday.',
    'Some 300 unarmed observers left.',
    'The war displaced 4 million.',
    'It began in March 2011.',
    'Hundreds of families fled.',
    'A dozen soldiers defected.',
  );

  it('readings are in order, do not overlap, and their offsets point at the number they report', () => {
    fc.assert(
      fc.property(fc.array(sentence, { minLength: 1, maxLength: 12 }), (parts) => {
        const text = parts.join(' ');
        const readings = readFigures(text);
        for (let i = 0; i < readings.length; i++) {
          const r = readings[i]!;
          expect(r.start).toBeLessThanOrEqual(r.numberStart);
          expect(r.numberEnd).toBeLessThanOrEqual(r.end);
          if (i > 0) expect(readings[i - 1]!.end).toBeLessThanOrEqual(r.start);
          expect(/\d|dozen|one|two|three|four|five|six|seven|eight|nine|ten|hundred|thousand|million/i.test(text.slice(r.numberStart, r.numberEnd))).toBe(true);
        }
        // Each sentence reads the same wherever it sits: figures do not depend on unrelated text around them.
        const alone = parts.flatMap((p) => readFigures(p).map((r) => [r.value, r.qualifier, r.unit, r.counts]));
        expect(readings.map((r) => [r.value, r.qualifier, r.unit, r.counts])).toEqual(alone);
      }),
    );
  });

  it('reads a 200,000-word page completely (every figure of every paragraph, nothing in between)', () => {
    const paragraph = 'Officials said more than 50 people were killed and 4 million displaced in the region during the long week of fighting. ';
    const repeats = Math.ceil(200_000 / paragraph.split(' ').length);
    const text = paragraph.repeat(repeats);
    const readings = readFigures(text);
    expect(readings).toHaveLength(repeats * 2);
    expect(readings[readings.length - 1]!.counts).toBe('people displaced');
  });
});

describe('fit for the content script', () => {
  it('imports nothing but its own folder and the reference types (no NLP library, no DOM, no extension API)', () => {
    const folder = resolve(dirname(fileURLToPath(import.meta.url)), '../../../lib/figures');
    for (const file of readdirSync(folder).filter((f) => f.endsWith('.ts'))) {
      const source = readFileSync(resolve(folder, file), 'utf8');
      const imports = [...source.matchAll(/^\s*(?:import|export)[^'"]*from\s+['"]([^'"]+)['"]/gm)].map((m) => m[1]!);
      for (const spec of imports) expect(/^\.\/[\w-]+$/.test(spec) || spec === '../reference/types', `${file} imports ${spec}`).toBe(true);
    }
  });
});
