// The reader asked for counted figures only skips numbers near no word a count is read from (lib/figures/index.ts,
// COUNT_CUES): on any text it returns exactly the full reading's figures that have a count.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { readFigures } from '@/lib/figures';

const counted = (text: string, lang?: string) => readFigures(text, lang ? { lang } : {}).filter((r) => r.counts !== undefined);

// Words each rule of the reader turns on: actions and their near misses, units that count by themselves, the words
// that make a population or a conflict's age, possessives, continuations, and words cut by a window's edge
// ("overkill", "deadline") around numbers in digits and in words.
const WORDS = [
  '60,000', '70,000', '4 million', '2.5bn', '$3.5 billion', '€5', 'two', 'three', 'one', 'a dozen', 'seventeen', 'twenty-five', '2012', '15', '3',
  '5½', 'two and a half', 'March', 'people', 'civilians', 'killed', 'were killed', 'Killed', 'died', 'dying', 'dead', 'deadline', 'overkill',
  'skilled', 'the death toll rose to', 'toll', 'atoll', 'lives', 'livestock', 'fled', 'left the city', 'left', 'crossed into', 'forced from',
  'driven out', 'refugees', "refugee's", 'soldiers', 'defected', 'generals', 'observers', 'monitors', 'strikes', 'airstrikes', 'raids',
  'sites', 'locations', 'videos', 'amateur', 'clips', 'defectors', 'leaders', 'national', 'E.U.', 'points', 'point', 'plan', 'peace', 'initiative', 'proposal', 'peace plan', 'cluster',
  'bombs', 'dropped', 'tons', 'of explosives', 'TNT', 'tnt', 'population', 'populace', 'inhabitants', "Aleppo's", 'country’s', 'city',
  'months', 'years', 'days', '-month', '-year', 'of the conflict', 'war', 'warden', 'uprising', 'began', 'ago', 'mission', 'ceasefire',
  'first', 'including', 'among them', 'and', 'up from', 'them', 'hostages', 'tanks', 'per cent', '%', 'the', 'of', 'in', 'more than',
  'about', 'nearly', 'a populace of', 'a population of', 'cluster bombs', 'the mission lasted', 'months of the mission', 'of the truce', 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaakilled', 'é', 'İ', 'K',
];
const GAPS = [' ', ' ', ' ', '  ', '\u00a0', ', ', '. ', '; ', '-', '', '\n', "'", '’'];
// Mostly words no count is read from, so that a number often has a single cue word near it (or none).
const NEUTRAL = ['the', 'a', 'of', 'and', 'it', 'was', 'they', 'said', 'on', 'with', 'from', 'that', 'which', 'report', 'town', 'road', 'week'];
const word = fc.oneof({ arbitrary: fc.constantFrom(...NEUTRAL), weight: 6 }, { arbitrary: fc.constantFrom(...WORDS), weight: 4 });
const text = fc.array(fc.tuple(word, fc.constantFrom(...GAPS)), { maxLength: 80 }).map((parts) => parts.map(([w, g]) => w + g).join(''));

// One or two numbers, each with at most a word or phrase on either side, in plain words that hold no cue: each cue
// word alone decides whether its number is counted, and the second number may continue the first one's count from
// beyond the first one's windows ("killed 11 civilians … including two women").
const NUMBERS = ['60,000', '4 million', '$3.5 billion', '€5', 'two', 'a dozen', 'twenty-five', '15', '5½', 'two and a half', '2000'];
const plain = (max: number) => fc.array(fc.constantFrom(...NEUTRAL), { maxLength: max }).map((w) => w.join(' '));
const figure = fc
  .tuple(fc.option(fc.constantFrom(...WORDS)), fc.constantFrom(' ', '-', '', ', '), fc.constantFrom(...NUMBERS), fc.constantFrom(' ', '-', '', ' '), fc.option(fc.constantFrom(...WORDS)), fc.option(fc.constantFrom(...WORDS)))
  .map(([before, gap, number, gap2, after, after2]) => `${before ?? ''}${before ? ' ' : ''}${gap}${number}${gap2}${after ?? ''} ${after2 ?? ''}`);
const sparse = fc.tuple(plain(20), figure, plain(30), fc.option(fc.tuple(fc.constantFrom('including', 'and', 'among them', 'up from', 'plus'), figure)), plain(20)).map(
  ([a, f, b, second, c]) => `${a} ${f} ${b} ${second ? `${second[0]} ${second[1]}` : ''} ${c}`,
);

describe('the reader asked for counted figures only', { timeout: 120_000 }, () => {
  test('reads exactly the counted figures of the full reading around one cue word at a time', () => {
    fc.assert(
      fc.property(sparse, (page) => {
        expect(readFigures(page, { countedOnly: true })).toEqual(counted(page));
      }),
      { numRuns: 20_000 },
    );
  });

  test('reads exactly the counted figures of the full reading, in any text', () => {
    fc.assert(
      fc.property(text, fc.constantFrom(undefined, 'en', 'de'), (page, lang) => {
        const options = lang ? { lang } : {};
        expect(readFigures(page, { ...options, countedOnly: true })).toEqual(counted(page, lang));
      }),
      { numRuns: 10_000 },
    );
  });

  // ../shared beside the checkout (CI has it; a bare clone skips this one).
  const shared = join(import.meta.dirname, '..', '..', '..', '..', 'shared');
  test.skipIf(!existsSync(shared) && process.env.CI !== 'true')('reads exactly the counted figures of the full reading on the seed documents and every corpus page', () => {
    const texts: string[] = [];
    for (const dir of ['seeds', 'corpus', 'coverage']) {
      const walk = (path: string) => {
        for (const entry of readdirSync(path, { withFileTypes: true })) {
          const full = join(path, entry.name);
          if (entry.isDirectory()) walk(full);
          else if (/\.(?:txt|md)$/.test(entry.name)) texts.push(readFileSync(full, 'utf8'));
        }
      };
      walk(join(shared, dir));
    }
    expect(texts.length).toBeGreaterThan(50);
    let figures = 0;
    for (const t of texts) {
      const expected = counted(t);
      figures += expected.length;
      expect(readFigures(t, { countedOnly: true })).toEqual(expected);
    }
    // Far from empty: the comparison covers scores of counted figures.
    expect(figures).toBeGreaterThan(50);
  });

  test('skips a number near no cue word, and still reads one whose count continues the number before', () => {
    // "one" and "two" near no cue: nothing; the continuation "including two women" after "killed 11" is kept.
    expect(readFigures('one of the two sides met on the road', { countedOnly: true })).toEqual([]);
    const read = readFigures('Shelling killed 11 civilians, including two women and five children.', { countedOnly: true });
    expect(read.map((r) => [r.value, r.counts])).toEqual([
      [11, 'civilians killed'],
      [2, 'women killed'],
      [5, 'children killed'],
    ]);
  });

  test('after a count with an action, skips a number near no cue word only when its phrase cannot continue that count', () => {
    // The gap from "civilians" to the hedge "no fewer than": 119 characters still continues "killed" (the rule is
    // < 120, counted from where the hedge starts, 14 characters before the number); 120, or a full stop in the gap,
    // does not. Neither number's windows hold a cue word of the other's.
    const page = (gap: number, stop = false) =>
      `Shelling killed 11 civilians${`, ${'the road '.repeat(20)}`.slice(0, gap - 11)}${stop ? '.' : ' '}including no fewer than 60,000 on the road.`;
    const values = (text: string) => readFigures(text, { countedOnly: true }).map((r) => [r.value, r.counts]);
    for (const [gap, stop] of [[119, false], [120, false], [119, true], [76, false], [300, false]] as const) {
      expect(readFigures(page(gap, stop), { countedOnly: true })).toEqual(counted(page(gap, stop)));
    }
    expect(values(page(119))).toEqual([
      [11, 'civilians killed'],
      [60_000, 'people killed'],
    ]);
    expect(values(page(120))).toEqual([[11, 'civilians killed']]);
    expect(values(page(119, true))).toEqual([[11, 'civilians killed']]);
  });
});
