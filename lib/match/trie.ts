// A character trie of folded alias keys, walked from every word start of the folded text.
//
// Why not a general Aho–Corasick automaton: every match must begin at a word start, so there is nothing to gain
// from failure links; restarting the walk at each word start visits each character once for the scan plus a
// short walk (as long as the common prefix with some alias, rarely more than a few characters). That is one pass
// over the text with no allocation per character. modern-ahocorasick was measured first: on a 1.2 M-character
// page it took ~100 ms for ASCII text (one string slice and Map lookup per character, Intl.Segmenter after the
// first non-ASCII character), against ~9 ms for the bare combined RegExp the issue uses as the baseline.
//
// Layout: node 0 is the root; the root's ASCII transitions are a dense table; other transitions are sorted
// (label, target) runs in two Int32Arrays, searched linearly (most nodes have one or two children).
import { isWordCode } from '../text/normalize';

/** Word characters among ASCII code units (the hot path; other code units go through isWordCode). */
const ASCII_WORD = new Uint8Array(128);
for (let c = 0; c < 128; c++) ASCII_WORD[c] = /[A-Za-z0-9]/.test(String.fromCharCode(c)) ? 1 : 0;

export function isWordAt(text: string, i: number): boolean {
  if (i < 0 || i >= text.length) return false;
  const c = text.charCodeAt(i);
  return c < 128 ? ASCII_WORD[c] === 1 : isWordCode(c);
}

export class KeyTrie {
  private readonly rootAscii = new Int32Array(128).fill(-1);
  private readonly rootOther = new Map<number, number>();
  private readonly edgeStart: Int32Array;
  private readonly labels: Int32Array;
  private readonly targets: Int32Array;
  /** Key index ending at each node, or -1. */
  private readonly terminal: Int32Array;
  /** Whether the key ending at each node ends with a word character (then the next character must not be one). */
  private readonly endsInWord: Uint8Array;

  constructor(keys: readonly string[]) {
    const children: Map<number, number>[] = [new Map()];
    const terminal: number[] = [-1];
    keys.forEach((key, index) => {
      let node = 0;
      for (let i = 0; i < key.length; i++) {
        const c = key.charCodeAt(i);
        let next = children[node]!.get(c);
        if (next === undefined) {
          next = children.length;
          children.push(new Map());
          terminal.push(-1);
          children[node]!.set(c, next);
        }
        node = next;
      }
      if (terminal[node] === -1) terminal[node] = index;
    });
    const count = children.length;
    this.terminal = Int32Array.from(terminal);
    this.endsInWord = new Uint8Array(count);
    keys.forEach((key, index) => {
      let node = 0;
      for (let i = 0; i < key.length; i++) node = children[node]!.get(key.charCodeAt(i))!;
      if (this.terminal[node] === index) this.endsInWord[node] = isWordAt(key, key.length - 1) ? 1 : 0;
    });
    let edges = 0;
    for (const m of children) edges += m.size;
    this.edgeStart = new Int32Array(count + 1);
    this.labels = new Int32Array(edges);
    this.targets = new Int32Array(edges);
    let e = 0;
    for (let node = 0; node < count; node++) {
      this.edgeStart[node] = e;
      for (const [label, target] of [...children[node]!].sort((a, b) => a[0] - b[0])) {
        this.labels[e] = label;
        this.targets[e++] = target;
      }
    }
    this.edgeStart[count] = e;
    for (const [label, target] of children[0]!) {
      if (label < 128) this.rootAscii[label] = target;
      else this.rootOther.set(label, target);
    }
  }

  /**
   * Calls `found(keyIndex, start, end)` for every key occurrence in the first `n` code units of `text` that starts
   * at a word start and ends at a word end, longest first at each start; `found` returns true to accept it (then
   * shorter keys at the same start are not offered). Offsets are in `text`.
   */
  scan(text: Uint16Array, n: number, found: (key: number, start: number, end: number) => boolean): void {
    const { rootAscii, rootOther, terminal, endsInWord, edgeStart, labels, targets } = this;
    // Ends of keys seen on the current walk, so the longest can be offered first. Keys are short; a walk that
    // finds more than 64 nested keys keeps the longest 64.
    const ends = new Int32Array(64);
    const nodes = new Int32Array(64);
    let previousIsWord = false;
    for (let i = 0; i < n; i++) {
      const c = text[i]!;
      const isWord = c < 128 ? ASCII_WORD[c] === 1 : isWordCode(c);
      if (!previousIsWord) {
        let node = c < 128 ? rootAscii[c]! : (rootOther.get(c) ?? -1);
        let j = i;
        let count = 0;
        while (node >= 0) {
          j++;
          if (terminal[node]! >= 0) {
            const next = j < n ? text[j]! : 0x20;
            if (endsInWord[node] === 0 || !(next < 128 ? ASCII_WORD[next] === 1 : isWordCode(next))) {
              const k = count < 64 ? count++ : 63;
              ends[k] = j;
              nodes[k] = node;
            }
          }
          if (j >= n) break;
          // Inline transition: sorted labels, linear search (nodes below the root have one or two children).
          const label = text[j]!;
          const last = edgeStart[node + 1]!;
          let next = -1;
          for (let e = edgeStart[node]!; e < last; e++) {
            const l = labels[e]!;
            if (l === label) {
              next = targets[e]!;
              break;
            }
            if (l > label) break;
          }
          node = next;
        }
        for (let k = count - 1; k >= 0; k--) {
          if (found(terminal[nodes[k]!]!, i, ends[k]!)) break;
        }
      }
      previousIsWord = isWord;
    }
  }
}
