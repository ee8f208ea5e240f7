// The builder's own SHA-256 against Node's, on inputs around the block boundaries and in several scripts, so a
// dataset built in a browser records the same document hashes as one built by `npm run dataset`.
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../../../lib/builder/sha256';

const node = (s: string): string => createHash('sha256').update(s, 'utf8').digest('hex');

describe('sha256Hex', () => {
  it('gives the standard digests of the empty string and "abc"', () => {
    expect(sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('agrees with Node at every length around one and two 64-byte blocks', () => {
    for (let n = 0; n <= 130; n++) expect(sha256Hex('x'.repeat(n)), `${n} bytes`).toBe(node('x'.repeat(n)));
  });

  it('hashes the UTF-8 bytes of any text (accents, Arabic, emoji)', () => {
    for (const s of ['Kızılay', 'Türkiye', 'دمشق', 'naïve café', '😀 and 𝔘𝔫𝔦𝔠𝔬𝔡𝔢', 'line\nbreak\r\n']) expect(sha256Hex(s)).toBe(node(s));
    fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 300 }), (s) => sha256Hex(s) === node(s)));
  });
});
