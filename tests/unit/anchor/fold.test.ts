import { describe, expect, test } from 'vitest';
import { endOfFoldedHead, foldSpaces, startOfFoldedTail } from '@/lib/anchor/fold';

describe('foldSpaces', () => {
  test('every run of whitespace reads as one space, and each character remembers where it came from', () => {
    const raw = '  Header\n\n\t Level\u00a02 \u2029x ';
    const f = foldSpaces(raw);
    expect(f.text).toBe(' Header Level 2 x ');
    expect(f.starts).toHaveLength(f.text.length);
    for (let i = 0; i < f.text.length; i++) {
      const ch = raw[f.starts[i]!]!;
      if (f.text[i] === ' ') expect(ch).toMatch(/\s/);
      else expect(ch).toBe(f.text[i]);
    }
    expect(f.starts[1]).toBe(2);
    expect(f.starts[f.text.indexOf('Level')]).toBe(raw.indexOf('Level'));
  });

  test('text without whitespace runs is unchanged', () => {
    expect(foldSpaces('a b c').text).toBe('a b c');
    expect(foldSpaces('').text).toBe('');
  });
});

describe('context windows in folded characters', () => {
  test('the last n characters a reader sees before an offset, and the first n after one', () => {
    const raw = 'one two\n\n\t\tthree';
    expect(raw.slice(startOfFoldedTail(raw, raw.length, 9))).toBe('two\n\n\t\tthree');
    expect(raw.slice(startOfFoldedTail(raw, raw.length, 6))).toBe('\n\n\t\tthree');
    expect(raw.slice(0, endOfFoldedHead(raw, 0, 8))).toBe('one two\n\n\t\t');
    expect(startOfFoldedTail(raw, 3, 10)).toBe(0);
    expect(endOfFoldedHead(raw, 10, 100)).toBe(raw.length);
  });

  test('a huge run of whitespace is bounded', () => {
    const raw = `word${' '.repeat(10_000)}quote`;
    const at = raw.indexOf('quote');
    expect(at - startOfFoldedTail(raw, at, 32)).toBeLessThanOrEqual(32 * 8);
  });
});
