// Character classes by code unit (lib/text/chars.ts) are exactly the `\p{…}` classes, for every code unit and for
// astral code points.
import { describe, expect, test } from 'vitest';
import { classesOf, classesOfPoint, isAlnumCode, isLetterCode, isSpaceCode, isUpperCode, LETTER, LOWER, MARK, NUMBER, stripMarks, UPPER } from '@/lib/text/chars';

const expected = (ch: string) =>
  (/^\p{L}$/u.test(ch) ? LETTER : 0) | (/^\p{Lu}$/u.test(ch) ? UPPER : 0) | (/^\p{Ll}$/u.test(ch) ? LOWER : 0) | (/^\p{N}$/u.test(ch) ? NUMBER : 0) | (/^\p{M}$/u.test(ch) ? MARK : 0);

describe('character classes', () => {
  test('every BMP code unit has the classes \\p{L}, \\p{Lu}, \\p{Ll}, \\p{N} and \\p{M} give it', () => {
    const wrong: string[] = [];
    for (let c = 0; c < 0x10000; c++) {
      const ch = String.fromCharCode(c);
      if (classesOf(c) !== expected(ch)) wrong.push(c.toString(16));
      if (isLetterCode(c) !== /\p{L}/u.test(ch) || isUpperCode(c) !== /\p{Lu}/u.test(ch) || isAlnumCode(c) !== /[\p{L}\p{N}]/u.test(ch)) wrong.push(c.toString(16));
      if (isSpaceCode(c) !== /\s/u.test(ch)) wrong.push(`space ${c.toString(16)}`);
    }
    expect(wrong).toEqual([]);
  });

  test('astral code points are classified whole', () => {
    for (const ch of ['𝐀', '𝐚', '𝟏', '😀', '𐐀', '𐐨', '\u{1D167}']) expect(classesOfPoint(ch.codePointAt(0)!), ch).toBe(expected(ch));
    expect(classesOfPoint('𝐀'.codePointAt(0)!)).toBe(LETTER | UPPER);
    // A lone surrogate is no letter, and past a string's end there is nothing.
    expect(classesOf(0xd835)).toBe(0);
    expect(classesOf(Number.NaN)).toBe(0);
  });

  test('stripMarks drops exactly what \\p{M} matches, a code point at a time', () => {
    const wrong: string[] = [];
    for (let c = 0; c < 0x10000; c++) {
      const ch = `a${String.fromCharCode(c)}b`;
      if (stripMarks(ch) !== ch.replace(/\p{M}/gu, '')) wrong.push(c.toString(16));
    }
    expect(wrong).toEqual([]);
    // Astral marks and letters, surrogate pairs and lone halves, marks at either end and in runs.
    const pieces = ['e', '\u0301', '\u0308', '\u{1D167}', '\u{E0100}', '𝐀', '\ud835', '\udc00', 'ͅ', '\u20dd', ' ', 'İ'];
    for (let i = 0; i < 3000; i++) {
      let s = '';
      for (let n = (i * 7) % 9; n > 0; n--) s += pieces[(i * 31 + n * 17 + (i >> 3)) % pieces.length];
      expect(stripMarks(s), JSON.stringify(s)).toBe(s.replace(/\p{M}/gu, ''));
    }
    // Text without marks is given back as it is.
    const plain = 'Bashar al-Assad’s';
    expect(stripMarks(plain)).toBe(plain);
  });
});
