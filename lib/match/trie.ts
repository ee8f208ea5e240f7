// A character trie of folded alias keys, walked from every word start of the text.
//
// Why not a general Aho–Corasick automaton: every match must begin at a word start, so there is nothing to gain
// from failure links; restarting the walk at each word start looks at each character once for the scan plus a
// short walk (as long as the common prefix with some alias, rarely more than a few characters). That is one pass
// over the text with no allocation per character. modern-ahocorasick was measured first: on a 1.2 M-character
// page it took ~100 ms for ASCII text (one string slice and Map lookup per character, Intl.Segmenter after the
// first non-ASCII character), against ~5-9 ms for the bare combined RegExp the bench uses as its baseline.
//
// The scan folds the text on the fly (lib/text/normalize's FoldReader: the rules of normalizeText exactly, which
// a property test checks) instead of materialising a folded copy and its offset map: writing 1.2 M characters and
// 1.2 M offsets cost more than the scan itself, and offsets then come out in the original text directly.
//
// Layout: nodes are numbered breadth first, node 0 the root, so edge e leads to node e + 1; the root's ASCII
// transitions are a dense table; each node's edge labels are a sorted run of one Int32Array, searched linearly (most
// nodes have one or two children). The same arrays are the trie's stored form (TrieArrays, lib/match/tables.ts).
import * as fold from '../text/normalize';
import { FoldReader } from '../text/normalize';

// Imported bindings copied into module constants: under tsx and vitest, esbuild turns imports into getter calls,
// which would cost a property lookup per character in the loops below.
const isWordCode = fold.isWordCode;
const isCombiningCode = fold.isCombiningCode;
const FOLD_SPACE = fold.FOLD_SPACE;
const FOLD_LINE = fold.FOLD_LINE;
const FOLD_PARAGRAPH = fold.FOLD_PARAGRAPH;
const FOLD_DROP = fold.FOLD_DROP;
const READ_CHAR = fold.READ_CHAR;
const READ_BREAK = fold.READ_BREAK;
const READ_END = fold.READ_END;

/** Word characters among ASCII code units (the hot path; other code units go through isWordCode). */
const ASCII_WORD = new Uint8Array(128);
for (let c = 0; c < 128; c++) ASCII_WORD[c] = /[A-Za-z0-9]/.test(String.fromCharCode(c)) ? 1 : 0;

export function isWordAt(text: string, i: number): boolean {
  if (i < 0 || i >= text.length) return false;
  const c = text.charCodeAt(i);
  return c < 128 ? ASCII_WORD[c] === 1 : isWordCode(c);
}

/**
 * A trie in its stored form. Nodes are numbered breadth first (the root 0), each node's edges in label order, so
 * edge e leads to node e + 1 and a node's edges follow its predecessors': the child counts and the labels are the
 * whole structure. Which key ends where is stored per key; whether it ends in a word character is read from the key.
 */
export interface TrieArrays {
  /** Per node, breadth first, how many edges leave it. */
  children: number[];
  /** Every edge's label (a folded UTF-16 unit), breadth first, as one string. */
  labels: string;
  /** Per key index, the node it ends at. */
  keyNodes: number[];
}

function buildArrays(keys: readonly string[]): TrieArrays {
  const children: Map<number, number>[] = [new Map()];
  const keyNodes: number[] = [];
  for (const key of keys) {
    let node = 0;
    for (let i = 0; i < key.length; i++) {
      const c = key.charCodeAt(i);
      let next = children[node]!.get(c);
      if (next === undefined) {
        next = children.length;
        children.push(new Map());
        children[node]!.set(c, next);
      }
      node = next;
    }
    keyNodes.push(node);
  }
  // Renumber breadth first: the order nodes are dequeued in is their new number.
  const renumbered = new Int32Array(children.length);
  const counts: number[] = [];
  const labels: number[] = [];
  const queue = [0];
  for (let head = 0; head < queue.length; head++) {
    const node = queue[head]!;
    renumbered[node] = head;
    const edges = [...children[node]!].sort((x, y) => x[0] - y[0]);
    counts.push(edges.length);
    for (const [label, target] of edges) {
      labels.push(label);
      queue.push(target);
    }
  }
  let text = '';
  for (let i = 0; i < labels.length; i += 4096) text += String.fromCharCode(...labels.slice(i, i + 4096));
  return { children: counts, labels: text, keyNodes: keyNodes.map((n) => renumbered[n]!) };
}

export class KeyTrie {
  private readonly rootAscii = new Int32Array(128).fill(-1);
  private readonly rootOther = new Map<number, number>();
  /** ASCII two-unit key prefixes, as (first << 7 | second): the cheap test at most word starts. */
  private readonly pairs = new Uint8Array(128 * 128);
  /** First units after which the pair table does not decide (a one-unit key, a non-ASCII second unit). */
  private readonly openAfter = new Uint8Array(128);
  private readonly edgeStart: Int32Array;
  private readonly labels: Int32Array;
  /** Key index ending at each node, or -1. */
  private readonly terminal: Int32Array;
  /** Whether the key ending at each node ends with a word character (then the next character must not be one). */
  private readonly endsInWord: Uint8Array;

  /**
   * A trie of `keys` (their order is their key index), or one compiled before (`arrays()`): the keys are then read
   * back from it when asked for (`key`), so its stored form need not hold them.
   */
  constructor(keys: readonly string[] | null, compiled?: TrieArrays) {
    if (!keys && !compiled) throw new Error('KeyTrie: keys or their compiled trie');
    const { children, labels, keyNodes } = compiled ?? buildArrays(keys!);
    const count = children.length;
    this.edgeStart = new Int32Array(count + 1);
    for (let n = 0; n < count; n++) this.edgeStart[n + 1] = this.edgeStart[n]! + children[n]!;
    const edges = labels.length;
    this.labels = new Int32Array(edges);
    // Edge e leads to node e + 1 (breadth-first numbering): no target array.
    for (let e = 0; e < edges; e++) this.labels[e] = labels.charCodeAt(e);
    this.terminal = new Int32Array(count).fill(-1);
    this.endsInWord = new Uint8Array(count);
    keyNodes.forEach((node, index) => {
      if (this.terminal[node] !== -1) return;
      this.terminal[node] = index;
      // A key's last unit is the label of the edge into its node (edge node - 1).
      this.endsInWord[node] = isWordAt(labels, node - 1) ? 1 : 0;
    });
    this.arraysFrom = { children, labels, keyNodes };
    this.keyList = keys;
    // The root's tables come from its edges.
    const { edgeStart, terminal } = this;
    for (let e = edgeStart[0]!; e < edgeStart[1]!; e++) {
      const first = this.labels[e]!;
      const node = e + 1;
      if (first >= 128) {
        this.rootOther.set(first, node);
        continue;
      }
      this.rootAscii[first] = node;
      if (terminal[node]! >= 0) this.openAfter[first] = 1;
      for (let f = edgeStart[node]!; f < edgeStart[node + 1]!; f++) {
        const second = this.labels[f]!;
        if (second < 128) this.pairs[(first << 7) | second] = 1;
        else this.openAfter[first] = 1;
      }
    }
  }

  private readonly arraysFrom: TrieArrays;
  private keyList: readonly string[] | null;
  /** Each node's parent, made the first time a key is read back from a compiled trie. */
  private parents: Int32Array | null = null;

  /** The key of index `index`. */
  key(index: number): string {
    if (this.keyList) return this.keyList[index]!;
    const { edgeStart, labels } = this;
    if (!this.parents) {
      this.parents = new Int32Array(edgeStart.length - 1);
      for (let n = 0; n + 1 < edgeStart.length; n++) for (let e = edgeStart[n]!; e < edgeStart[n + 1]!; e++) this.parents[e + 1] = n;
    }
    const units: number[] = [];
    for (let node = this.arraysFrom.keyNodes[index]!; node > 0; node = this.parents[node]!) units.push(labels[node - 1]!);
    return String.fromCharCode(...units.reverse());
  }

  /** The keys, by key index. */
  get keys(): readonly string[] {
    return (this.keyList ??= this.arraysFrom.keyNodes.map((_, i) => this.key(i)));
  }

  /** The trie in its stored form, to load again with `new KeyTrie(null, arrays)`. */
  arrays(): TrieArrays {
    return this.arraysFrom;
  }

  private step(node: number, c: number): number {
    if (node === 0) return c < 128 ? this.rootAscii[c]! : (this.rootOther.get(c) ?? -1);
    const { edgeStart, labels } = this;
    const last = edgeStart[node + 1]!;
    for (let e = edgeStart[node]!; e < last; e++) {
      const l = labels[e]!;
      if (l === c) return e + 1;
      if (l > c) return -1;
    }
    return -1;
  }

  /**
   * The same search as `scan`, on the ORIGINAL text, folding on the fly (lib/text/normalize's FoldReader, the
   * very rules of normalizeText): no folded copy and no offset map are written, and offsets come out in the
   * original text directly. A match's end takes in combining marks folded into its last character.
   *
   * Hot loop: ASCII is classified with two small tables; at a word start the first two folded characters are
   * checked against the trie inline, and only a start that survives them pays for a walk (most words do not
   * begin like any alias). Keys must begin with a word character (compileAliases guarantees it).
   */
  scanOriginal(s: string, found: (key: number, start: number, end: number) => boolean): void {
    const reader = new FoldReader();
    const codes = reader.codes;
    const { rootAscii, pairs, openAfter } = this;
    const length = s.length;
    let previousIsWord = 0;
    for (let i = 0; i < length; i++) {
      const code = s.charCodeAt(i);
      if (code < 128) {
        const word = ASCII_WORD[code]!;
        if (word === 1 && previousIsWord === 0) {
          const u1 = codes[code]!;
          if (rootAscii[u1]! >= 0) {
            // startAscii's first test, inline: most word starts end on it, and a call each cost more than the test.
            const e2 = i + 1 < length ? codes[s.charCodeAt(i + 1)]! : -1;
            if (e2 < 0 || e2 >= 128 || openAfter[u1] === 1 || pairs[(u1 << 7) | e2] === 1) this.startAscii(s, i, reader, found);
          }
        }
        previousIsWord = word;
      } else {
        // Returns the index of the last code unit it consumed, and whether the text there ends in a word.
        const state = this.nonAscii(s, i, previousIsWord, reader, found);
        previousIsWord = state & 1;
        i = state >> 1;
      }
    }
  }

  /** A word start on an ASCII letter or digit with a trie transition: check the second character, then walk. */
  private startAscii(s: string, i: number, reader: FoldReader, found: (key: number, start: number, end: number) => boolean): void {
    const codes = reader.codes;
    const u1 = codes[s.charCodeAt(i)]!;
    const first = this.rootAscii[u1]!;
    // Peek at the second character: most candidate starts end here, on one table read.
    const c2 = i + 1 < s.length ? s.charCodeAt(i + 1) : 0x20;
    let e2 = codes[c2]!;
    if (e2 >= 0 && e2 < 128 && this.openAfter[u1] === 0) {
      if (this.pairs[(u1 << 7) | e2] === 1) this.walk(s, i, reader, found);
      return;
    }
    if (e2 < 0) e2 = reader.entry(c2);
    const u2 = e2 >= 0 ? e2 : FoldReader.isSpace(e2) ? 0x20 : -1;
    if (u2 < 0 || this.terminal[first]! >= 0 || this.step(first, u2) >= 0) this.walk(s, i, reader, found);
  }

  /** The scan at a non-ASCII code unit; returns (index of the last unit consumed) << 1 | (ends in a word). */
  private nonAscii(s: string, i: number, previousIsWord: number, reader: FoldReader, found: (key: number, start: number, end: number) => boolean): number {
    const code = s.charCodeAt(i);
    const e = reader.entry(code);
    if (e >= 0) {
      if (previousIsWord === 0 && this.step(0, e) >= 0) this.walk(s, i, reader, found);
      return (i << 1) | (e < 128 ? ASCII_WORD[e]! : isWordCode(e) ? 1 : 0);
    }
    if (e === FOLD_SPACE || e === FOLD_LINE || e === FOLD_PARAGRAPH) return i << 1;
    if (e === FOLD_DROP) return (i << 1) | previousIsWord;
    // A character folding to several units, or an astral one: the reader knows.
    reader.read(s, i);
    if (reader.kind === READ_CHAR) {
      const next = reader.next;
      const lastUnit = reader.units ? reader.units.charCodeAt(reader.units.length - 1) : reader.unit;
      if (previousIsWord === 0 && this.step(0, reader.unit) >= 0) this.walk(s, i, reader, found);
      return ((next - 1) << 1) | (lastUnit < 128 ? ASCII_WORD[lastUnit]! : isWordCode(lastUnit) ? 1 : 0);
    }
    if (reader.kind === READ_END) return (s.length << 1);
    return (reader.next - 1) << 1;
  }

  /** Ends and nodes of keys found on one walk (reused: a walk never nests). */
  private readonly walkEnds = new Int32Array(64);
  private readonly walkNodes = new Int32Array(64);

  /** Walk the trie from original offset `start`, then offer the keys found, longest first. */
  private walk(s: string, start: number, reader: FoldReader, found: (key: number, start: number, end: number) => boolean): void {
    const { terminal, endsInWord, walkEnds, walkNodes } = this;
    const codes = reader.codes;
    const length = s.length;
    let count = 0;
    let node = 0;
    let p = start;
    for (;;) {
      // Fast path, inline: a code unit that folds to one unit (nearly all text). The reader does the rest.
      const code = p < length ? s.charCodeAt(p) : -1;
      const e = code >= 0 ? codes[code]! : -1;
      let isChar: boolean;
      if (e >= 0) {
        node = this.step(node, e);
        if (node < 0) break;
        p++;
        isChar = true;
      } else if (code === 0x20 && p + 1 < length && codes[s.charCodeAt(p + 1)]! >= 0) {
        // A lone ASCII space between words (the usual gap): one folded space, no run to read.
        node = this.step(node, 0x20);
        if (node < 0) break;
        p++;
        isChar = false;
      } else {
        reader.read(s, p);
        if (reader.kind === READ_END || reader.kind === READ_BREAK) break;
        node = this.step(node, reader.unit);
        const units = reader.units;
        for (let k = 1; node >= 0 && k < units.length; k++) node = this.step(node, units.charCodeAt(k));
        if (node < 0) break;
        p = reader.next;
        isChar = reader.kind === READ_CHAR;
      }
      if (isChar && terminal[node]! >= 0) {
        let end = p;
        while (end < length && isCombiningCode(s.charCodeAt(end))) end++;
        let boundary = endsInWord[node] === 0;
        if (!boundary) {
          const f = end < length ? codes[s.charCodeAt(end)]! : -1;
          if (f >= 0) boundary = !(f < 128 ? ASCII_WORD[f] === 1 : isWordCode(f));
          else {
            reader.read(s, end);
            boundary = reader.kind !== READ_CHAR || !(reader.unit < 128 ? ASCII_WORD[reader.unit] === 1 : isWordCode(reader.unit));
          }
        }
        if (boundary) {
          const k = count < 64 ? count++ : 63;
          walkEnds[k] = end;
          walkNodes[k] = node;
        }
      }
    }
    for (let k = count - 1; k >= 0; k--) {
      if (found(terminal[walkNodes[k]!]!, start, walkEnds[k]!)) break;
    }
  }
}
