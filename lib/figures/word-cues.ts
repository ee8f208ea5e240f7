// Whether a stretch of text holds one of a fixed set of words, as the figure reader's tokens see them (./index.ts:
// a token of plain ASCII letters is a whole run of them, cut only where the stretch it is read from begins or ends).
// The reader asks it for the windows around every number it finds, so it is one loop over the stretch's character
// codes, walking the words' trie, with no string copied and nothing allocated: one shared function that the engine
// compiles once, rather than a closure per text.

const LETTERS = 26;

/** The letter index of an ASCII letter's code (either case), or -1. */
function letterOf(c: number): number {
  const lower = c | 0x20;
  return lower >= 0x61 && lower <= 0x7a ? lower - 0x61 : -1;
}

/** A trie of words over letter indexes: state s, letter l → next state at s * LETTERS + l (0: none; the root is 1). */
export interface WordTrie {
  readonly next: Int32Array;
  /** 1 where a state ends a word. */
  readonly ends: Uint8Array;
}

/** The trie of `words` (lower-case ASCII letters only). */
export function wordTrie(words: readonly string[]): WordTrie {
  const next: number[] = new Array<number>(2 * LETTERS).fill(0);
  const ends: number[] = [0, 0];
  let states = 2;
  for (const word of words) {
    let s = 1;
    for (let k = 0; k < word.length; k++) {
      const l = letterOf(word.charCodeAt(k));
      if (l < 0 || word.charCodeAt(k) !== 0x61 + l) throw new Error(`a cue word must be lower-case ASCII letters: ${word}`);
      let t = next[s * LETTERS + l]!;
      if (t === 0) {
        t = states++;
        for (let x = 0; x < LETTERS; x++) next.push(0);
        ends.push(0);
        next[s * LETTERS + l] = t;
      }
      s = t;
    }
    ends[s] = 1;
  }
  return { next: Int32Array.from(next), ends: Uint8Array.from(ends) };
}

/**
 * Whether text[from, to), read on its own, has a run of ASCII letters that is one of the trie's words (in any case;
 * a run cut by `from` or `to` is the part inside), or an apostrophe followed by "s" ("Aleppo's").
 */
export function holdsWord(trie: WordTrie, text: string, from: number, to: number): boolean {
  const { next, ends } = trie;
  // The trie state of the current run of letters (1 at its start, 0 once it is no word's prefix), -1 outside a run.
  let state = -1;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    const l = letterOf(c);
    if (l >= 0) {
      if (state < 0) state = 1;
      if (state !== 0) state = next[state * LETTERS + l]!;
      continue;
    }
    if (state > 0 && ends[state] === 1) return true;
    state = -1;
    if ((c === 0x27 || c === 0x2019) && i + 1 < to && text.charCodeAt(i + 1) === 0x73) return true;
  }
  return state > 0 && ends[state] === 1;
}
