import { describe, expect, test } from 'vitest';
import { arg, flag, option, wholeNumber } from '@/scripts/bench/args';
import { median, medianOfMeasured } from '@/scripts/bench/median';

describe("the benches' median", () => {
  test('the middle sample of an odd count, the mean of the two middle ones of an even count, whatever the order', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([7])).toBe(7);
  });
  test('none is NaN; a sample that was not measured (NaN) is left out where asked', () => {
    expect(median([])).toBeNaN();
    expect(medianOfMeasured([NaN, 4, 2, NaN])).toBe(3);
    expect(medianOfMeasured([NaN])).toBeNaN();
  });
  test('leaves the samples as they were', () => {
    const xs = [3, 1, 2];
    median(xs);
    expect(xs).toEqual([3, 1, 2]);
  });
});

describe("the benches' command lines", () => {
  const argv = ['node', 'bench.ts', '--runs=7', '--only=popup', '--json', '--empty='];
  test('an option is the text after `--name=`, a switch is `--name` alone', () => {
    expect(option('runs', argv)).toBe('7');
    expect(option('empty', argv)).toBe('');
    expect(option('json', argv)).toBeUndefined();
    expect(option('run', argv)).toBeUndefined();
    expect(arg('only', 'all', argv)).toBe('popup');
    expect(arg('builds', '.output/chrome-mv3', argv)).toBe('.output/chrome-mv3');
    expect(flag('json', argv)).toBe(true);
    expect(flag('runs', argv)).toBe(false);
  });
  test('a whole number is positive and whole, or the script stops saying which option is wrong', () => {
    expect(wholeNumber('bench', 'runs', 5, argv)).toBe(7);
    expect(wholeNumber('bench', 'visits', 3, argv)).toBe(3);
    expect(() => wholeNumber('bench', 'runs', 5, ['--runs=0'])).toThrow('bench: --runs needs a positive whole number');
    expect(() => wholeNumber('bench-export', 'count', 5, ['--count=2.5'])).toThrow('bench-export: --count needs a positive whole number');
    expect(() => wholeNumber('bench', 'words', 5, ['--words='])).toThrow('bench: --words needs a positive whole number');
  });
});
