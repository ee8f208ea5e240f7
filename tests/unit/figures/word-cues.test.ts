// The figure reader's cue words (lib/figures/word-cues.ts): a stretch holds one exactly when a token read from that
// stretch alone is one (the reader's tokens of plain letters are runs of letters cut by the stretch's ends), or when
// it holds an apostrophe and "s".
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { holdsWord, wordTrie } from '@/lib/figures/word-cues';

const WORDS = ['kill', 'killed', 'toll', 'dead', 'war', 'a'];
const trie = wordTrie(WORDS);
const set = new Set(WORDS);

/** What the reader's tokens of text[from, to) say, read from that stretch alone. */
function oracle(text: string, from: number, to: number): boolean {
  const slice = text.slice(from, to);
  for (const m of slice.matchAll(/[A-Za-z]+/g)) if (set.has(m[0].toLowerCase())) return true;
  return /['’]s/.test(slice);
}

const PIECES = ['kill', 'KILLED', 'overkill', 'skilled', 'toll', 'atoll', 'tolls', 'dead', 'deadline', 'war', 'Warden', 'a', 'A', 'ab', "'", '’', 's', 'S', ' ', '-', '.', '5', 'é', 'K'];
const text = fc.array(fc.constantFrom(...PIECES), { maxLength: 25 }).map((p) => p.join(''));

describe('cue words in a stretch of text', () => {
  test('says exactly what the tokens of the stretch read alone say', () => {
    fc.assert(
      fc.property(text, fc.nat(), fc.nat(), (t, a, b) => {
        const from = a % (t.length + 1);
        const to = from + (b % (t.length - from + 1));
        expect(holdsWord(trie, t, from, to)).toBe(oracle(t, from, to));
      }),
      { numRuns: 20_000 },
    );
  });

  test('reads a word cut by either end of the stretch as the part inside', () => {
    const t = 'an overkill deadline';
    // "kill" of "overkill", cut at its start; "dead" of "deadline", cut at its end; "over" and "line" are no cue.
    expect(holdsWord(trie, t, 7, 11)).toBe(true);
    expect(holdsWord(trie, t, 12, 16)).toBe(true);
    expect(holdsWord(trie, t, 3, 7)).toBe(false);
    expect(holdsWord(trie, t, 16, 20)).toBe(false);
  });

  test('refuses a word that is not lower-case ASCII letters', () => {
    expect(() => wordTrie(['per cent'])).toThrow(/lower-case ASCII/);
    expect(() => wordTrie(['Killed'])).toThrow(/lower-case ASCII/);
  });
});
