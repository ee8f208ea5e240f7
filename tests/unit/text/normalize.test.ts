import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { foldForMatching, isCombiningCode, isWordCode, looseWord, looseWordKeys, normalizeText } from '../../../lib/text/normalize';

describe('normalizeText: what folds together', () => {
  it('folds case, diacritics (precomposed and combining), apostrophes, dashes and no-break spaces', () => {
    expect(foldForMatching('BASHAR AL-ASSAD')).toBe('bashar al assad');
    expect(foldForMatching('Bashar al\u2011Assad')).toBe('bashar al assad'); // non-breaking hyphen
    expect(foldForMatching('Bashar al\u00a0Assad')).toBe('bashar al assad');
    expect(foldForMatching('al \u2013 Assad')).toBe('al assad'); // spaced en dash: one space
    expect(foldForMatching('Assad\u2019s')).toBe("assad's");
    expect(foldForMatching('Assad\u02bcs')).toBe("assad's");
    expect(foldForMatching('Assad`s')).toBe("assad's");
    expect(foldForMatching('Alépo')).toBe('alepo');
    expect(foldForMatching('Ale\u0301po')).toBe('alepo');
    expect(foldForMatching('İSTANBUL')).toBe('istanbul');
    expect(foldForMatching('“quoted”')).toBe('"quoted"');
  });

  it('folds compatibility forms: ligatures, full-width letters, ß', () => {
    expect(foldForMatching('ﬁghters')).toBe('fighters');
    expect(foldForMatching('ＳＹＲＩＡ')).toBe('syria');
    expect(foldForMatching('Straße')).toBe('strasse');
  });

  it('drops invisible characters, so a soft hyphen or zero-width space does not split a word', () => {
    expect(foldForMatching('As\u00adsad')).toBe('assad');
    expect(foldForMatching('As\u200bsad')).toBe('assad');
    expect(foldForMatching('\ufeffSyria')).toBe('syria');
  });

  it('turns one line break into a space but two or more (or U+2029) into a paragraph break (U+2029)', () => {
    expect(foldForMatching('Bashar\nal-Assad')).toBe('bashar al assad');
    expect(foldForMatching('Bashar\r\nal-Assad')).toBe('bashar al assad');
    expect(foldForMatching('Bashar\n\nal-Assad')).toBe('bashar\u2029al assad');
    expect(foldForMatching('Bashar \r\n \t\r\n al-Assad')).toBe('bashar\u2029al assad');
    expect(foldForMatching('Bashar\u2029Assad')).toBe('bashar\u2029assad');
    expect(foldForMatching('Bashar\r\rAssad')).toBe('bashar\u2029assad');
  });

  it('reads a name through a reporter\'s square brackets, and keeps a footnote mark a word apart', () => {
    expect(foldForMatching('the [Syrian] Regime')).toBe('the syrian regime');
    expect(foldForMatching('[Bashar al-]Assad')).toBe(' bashar al assad');
    expect(foldForMatching('Homs[2] and Hama')).toBe('homs 2 and hama');
    // Parentheses are not editorial: "(FSA)" stays as it is.
    expect(foldForMatching('Free Syrian Army (FSA)')).toBe('free syrian army (fsa)');
  });

  it('keeps case when asked, folding the rest', () => {
    expect(foldForMatching('U.N.\u2019s É', { foldCase: false })).toBe("U.N.'s E");
  });
});

describe('normalizeText: offsets back to the original', () => {
  it('maps a match in the folded text to the exact original slice', () => {
    const original = 'Said  BASHAR\u00a0al\u2011Ássad’s aide';
    const n = normalizeText(original);
    const at = n.text.indexOf('bashar al assad');
    expect(at).toBeGreaterThan(0);
    const start = n.toOriginal(at);
    const end = n.toOriginalEnd(at + 'bashar al assad'.length);
    expect(original.slice(start, end)).toBe('BASHAR\u00a0al\u2011Ássad');
  });

  it('includes combining marks folded into the last character of a match', () => {
    const original = 'Jose\u0301 Ramos';
    const n = normalizeText(original);
    expect(n.text).toBe('jose ramos');
    expect(original.slice(n.toOriginal(0), n.toOriginalEnd(4))).toBe('Jose\u0301');
  });

  it('maps every character of an expansion to its source, and an end inside it to the whole source', () => {
    const original = 'ﬁve';
    const n = normalizeText(original);
    expect(n.text).toBe('five');
    expect(Array.from(n.offsets)).toEqual([0, 0, 1, 2, 3]);
    expect(n.toOriginalEnd(2)).toBe(1);
  });

  it('handles astral characters (surrogate pairs) as one source character', () => {
    const original = 'a😀b𝐒yria';
    const n = normalizeText(original);
    // Mathematical bold S folds to "s" by NFKD; the emoji stays.
    expect(n.text).toBe('a😀bsyria');
    const s = n.text.indexOf('syria');
    expect(original.slice(n.toOriginal(s), n.toOriginalEnd(s + 5))).toBe('𝐒yria');
  });

  // Characters chosen to exercise every rule: expansions, marks, dashes, breaks, invisible and astral ones.
  const tricky = ['a', 'B', 'é', 'e\u0301', 'ﬁ', 'ß', 'İ', '’', "'", '-', '\u2013', ' ', '\u00a0', '\n', '\r\n', '\u2029', '\u00ad', '\u200b', '😀', '𝐒', '.', 'U', 'N', 'Ａ'];
  const trickyText = fc.array(fc.constantFrom(...tricky), { maxLength: 40 }).map((parts) => parts.join(''));

  it('offsets are non-decreasing, start at a source character and end at the original length', () => {
    fc.assert(
      fc.property(trickyText, (original) => {
        const n = normalizeText(original);
        expect(n.offsets.length).toBe(n.text.length + 1);
        expect(n.offsets[n.text.length]).toBe(original.length);
        for (let i = 1; i <= n.text.length; i++) expect(n.offsets[i]!).toBeGreaterThanOrEqual(n.offsets[i - 1]!);
      }),
    );
  });

  it('every word of the folded text maps back to an original slice that folds to exactly that word', () => {
    fc.assert(
      fc.property(trickyText, (original) => {
        const n = normalizeText(original);
        for (const m of n.text.matchAll(/[^ \u2029]+/g)) {
          const start = n.toOriginal(m.index);
          const end = n.toOriginalEnd(m.index + m[0].length);
          expect(foldForMatching(original.slice(start, end))).toBe(m[0]);
        }
      }),
    );
  });

  it('is idempotent: folding folded text changes nothing', () => {
    fc.assert(
      fc.property(trickyText, (original) => {
        const once = foldForMatching(original);
        expect(foldForMatching(once)).toBe(once);
      }),
    );
  });

  it('folds a long text in one pass with an exact map (no per-character string building)', () => {
    const original = 'Mr Assad’s troops – and Ａleppo’s ﬁghters.\n\n'.repeat(20_000);
    const n = normalizeText(original);
    expect(n.text.length).toBeGreaterThan(original.length * 0.9);
    const last = n.text.lastIndexOf('aleppo');
    expect(original.slice(n.toOriginal(last), n.toOriginalEnd(last + 6))).toBe('Ａleppo');
  });
});

describe('loose keys for transliterated names', () => {
  it('fold the spellings outlets use for one name together', () => {
    const same = (...words: string[]) => expect(new Set(words.map((w) => looseWordKeys(w)[0])).size, words.join(' / ')).toBe(1);
    same('khatib', 'khateeb');
    same('khalouf', 'khalluf');
    same('nusra', 'nusrah');
    same('qaeda', "qa'ida", 'qaida', 'qa\u02bfida');
    same('deir', 'dayr', 'dair');
    same('zor', 'zour', 'zawr');
    same('qaboun', 'qaboon', 'qabun');
    same('yabrud', 'yabrod', 'yabroud');
    same('mouaz', 'moaz', 'muaz');
  });

  it('offer the word without a joined article too', () => {
    expect(looseWordKeys('alkhatib')).toEqual(['alkhatib', 'khatib']);
    expect(looseWordKeys('ezzour')).toEqual(['izur', 'zur']);
    expect(looseWordKeys('aleppo')).toEqual(['alipu']);
  });

  it('keep consonants apart: different names stay different', () => {
    expect(looseWord('assal')).not.toBe(looseWord('assad'));
    expect(looseWord('khatib')).not.toBe(looseWord('khatab'));
    expect(looseWord('homs')).not.toBe(looseWord('hama'));
  });
});

describe('the word and mark tests the matcher reads folded text with', () => {
  it('are \\p{M} and [\\p{L}\\p{N}] on every code unit (a lone surrogate is neither), and false past the text', () => {
    const wrong: string[] = [];
    for (let c = 0; c < 0x10000; c++) {
      const ch = String.fromCharCode(c);
      if (isCombiningCode(c) !== /\p{M}/u.test(ch)) wrong.push(`mark ${c.toString(16)}`);
      if (isWordCode(c) !== /[\p{L}\p{N}]/u.test(ch)) wrong.push(`word ${c.toString(16)}`);
    }
    expect(wrong.slice(0, 10)).toEqual([]);
    expect([isCombiningCode(0x301), isWordCode(0xd835), isCombiningCode(Number.NaN), isWordCode(-1)]).toEqual([true, false, false, false]);
  });
});
