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

/** Nodes per block of the trie's edge index, which a loaded trie fills a block at a time, when a walk first needs one. */
const BLOCK_SHIFT = 6;
const BLOCK = 1 << BLOCK_SHIFT;
/** A node's code in `TrieArrays.nodes`: NODE_BASE + 2 × its edge count + 1 if a key ends there (printable, so JSON keeps it short). */
const NODE_BASE = 0x30;

/**
 * A trie in its stored form. Nodes are numbered breadth first (the root 0), each node's edges in label order, so
 * edge e leads to node e + 1 and a node's edges follow its predecessors': each node's edge count and the labels
 * are the whole structure. A page uses the stored strings and arrays as they are: nothing is computed per node
 * when a trie loads (a reference of 50,000 aliases has 610,000 nodes); where a node's edges start is worked out a
 * block of nodes at a time, for the blocks the page's words reach.
 */
export interface TrieArrays {
  /** One UTF-16 unit per node, breadth first: NODE_BASE + 2 × its edge count, plus 1 where a key ends. */
  nodes: string;
  /** Where the edges of every BLOCK-th node start (node i × BLOCK). */
  blockStarts: number[];
  /** Every edge's label (a folded UTF-16 unit), breadth first, as one string. */
  labels: string;
  /** Per key index, the node it ends at. */
  keyNodes: number[];
  /** The keys are numbered in the order of their nodes (KeyTrie.inNodeOrder): a key found is told by binary search. */
  keysInNodeOrder?: true;
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
  const ends = new Set(keyNodes.map((n) => renumbered[n]!));
  const units: number[] = [];
  const blockStarts: number[] = [];
  let edge = 0;
  counts.forEach((count, node) => {
    if (node % BLOCK === 0) blockStarts.push(edge);
    const unit = NODE_BASE + 2 * count + (ends.has(node) ? 1 : 0);
    if (unit > 0xffff) throw new Error('KeyTrie: a node with more edges than its code can say');
    units.push(unit);
    edge += count;
  });
  return { nodes: unitsToString(units), blockStarts, labels: unitsToString(labels), keyNodes: keyNodes.map((n) => renumbered[n]!) };
}

function unitsToString(units: readonly number[]): string {
  let text = '';
  for (let i = 0; i < units.length; i += 4096) text += String.fromCharCode(...units.slice(i, i + 4096));
  return text;
}

export class KeyTrie {
  private readonly rootAscii = new Int32Array(128).fill(-1);
  private readonly rootOther = new Map<number, number>();
  /** ASCII two-unit key prefixes, as (first << 7 | second): the cheap test at most word starts. */
  private readonly pairs = new Uint8Array(128 * 128);
  /** First units after which the pair table does not decide (a one-unit key, a non-ASCII second unit). */
  private readonly openAfter = new Uint8Array(128);
  /** TrieArrays.nodes: per node, its edge count and whether a key ends there. */
  private readonly nodes: string;
  private readonly labels: string;
  private readonly blockStarts: readonly number[];
  /** Where each node's edges start, filled a block at a time (`filled`). */
  private readonly edgeStart: Int32Array;
  private readonly filled: Uint8Array;
  private readonly keyNodes: readonly number[];

  /**
   * A trie of `keys` (their order is their key index), or one compiled before (`arrays()`): the keys are then read
   * back from it when asked for (`key`), so its stored form need not hold them.
   */
  constructor(keys: readonly string[] | null, compiled?: TrieArrays) {
    if (!keys && !compiled) throw new Error('KeyTrie: keys or their compiled trie');
    const arrays = compiled ?? buildArrays(keys!);
    this.stored = arrays;
    this.keyList = keys;
    this.nodes = arrays.nodes;
    this.labels = arrays.labels;
    this.blockStarts = arrays.blockStarts;
    this.keyNodes = arrays.keyNodes;
    this.edgeStart = new Int32Array(arrays.nodes.length);
    this.filled = new Uint8Array((arrays.nodes.length >> BLOCK_SHIFT) + 1);
    // The root's tables come from its edges (a few dozen, and theirs).
    const { labels } = this;
    const rootEdges = this.edgeCount(0);
    for (let e = 0; e < rootEdges; e++) {
      const first = labels.charCodeAt(e);
      const node = e + 1;
      if (first >= 128) {
        this.rootOther.set(first, node);
        continue;
      }
      this.rootAscii[first] = node;
      if (this.isTerminal(node)) this.openAfter[first] = 1;
      const from = this.firstEdge(node);
      const to = from + this.edgeCount(node);
      for (let f = from; f < to; f++) {
        const second = labels.charCodeAt(f);
        if (second < 128) this.pairs[(first << 7) | second] = 1;
        else this.openAfter[first] = 1;
      }
    }
  }

  private readonly stored: TrieArrays;
  private keyList: readonly string[] | null;
  /** Key index by node, when the keys are not in node order (a trie of keys in the caller's order). */
  private keyOfNode: Map<number, number> | null = null;

  private edgeCount(node: number): number {
    return (this.nodes.charCodeAt(node) - NODE_BASE) >> 1;
  }

  private isTerminal(node: number): boolean {
    return ((this.nodes.charCodeAt(node) - NODE_BASE) & 1) === 1;
  }

  /** Where the node's edges start (the edge into its first child). */
  private firstEdge(node: number): number {
    const block = node >> BLOCK_SHIFT;
    if (this.filled[block] === 0) this.fill(block);
    return this.edgeStart[node]!;
  }

  /** Works out where each node of a block has its edges start, from the block's start and the nodes' edge counts. */
  private fill(block: number): void {
    const { nodes, edgeStart } = this;
    const from = block << BLOCK_SHIFT;
    const to = Math.min(from + BLOCK, nodes.length);
    let edge = this.blockStarts[block]!;
    for (let n = from; n < to; n++) {
      edgeStart[n] = edge;
      edge += (nodes.charCodeAt(n) - NODE_BASE) >> 1;
    }
    this.filled[block] = 1;
  }

  /** The index of the key ending at `node` (a terminal node). */
  private keyAt(node: number): number {
    const keyNodes = this.keyNodes;
    if (!this.stored.keysInNodeOrder) {
      if (!this.keyOfNode) {
        // A node where several keys end (a key given twice) answers with the first.
        this.keyOfNode = new Map();
        keyNodes.forEach((n, k) => {
          if (!this.keyOfNode!.has(n)) this.keyOfNode!.set(n, k);
        });
      }
      return this.keyOfNode.get(node)!;
    }
    let lo = 0;
    let hi = keyNodes.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (keyNodes[mid]! < node) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** A node's parent: the node whose run of edges holds the edge into it (edge node - 1). */
  private parentOf(node: number): number {
    const edge = node - 1;
    const starts = this.blockStarts;
    // The last block whose edges start at or before that edge holds the parent (the next block's start after it).
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (starts[mid]! <= edge) lo = mid;
      else hi = mid - 1;
    }
    if (this.filled[lo] === 0) this.fill(lo);
    // Within it, the last node whose edges start at or before the edge.
    const { edgeStart } = this;
    let first = lo << BLOCK_SHIFT;
    let last = Math.min(first + BLOCK, this.nodes.length) - 1;
    while (first < last) {
      const mid = (first + last + 1) >>> 1;
      if (edgeStart[mid]! <= edge) first = mid;
      else last = mid - 1;
    }
    return first;
  }

  /** The key of index `index`. */
  key(index: number): string {
    if (this.keyList) return this.keyList[index]!;
    const units: number[] = [];
    for (let node = this.keyNodes[index]!; node > 0; node = this.parentOf(node)) units.push(this.labels.charCodeAt(node - 1));
    return String.fromCharCode(...units.reverse());
  }

  /** The keys, by key index. */
  get keys(): readonly string[] {
    return (this.keyList ??= this.keyNodes.map((_, i) => this.key(i)));
  }

  /**
   * A trie of the distinct `keys` numbered in the order of the nodes they end at (`order[i]`: the index in `keys`
   * of key i): a key found is then told by a binary search of its node, with no table made per key.
   */
  static inNodeOrder(keys: readonly string[]): { trie: KeyTrie; order: number[] } {
    const arrays = buildArrays(keys);
    const order = keys.map((_, i) => i).sort((a, b) => arrays.keyNodes[a]! - arrays.keyNodes[b]!);
    const sorted: TrieArrays = { ...arrays, keyNodes: order.map((i) => arrays.keyNodes[i]!), keysInNodeOrder: true };
    return { trie: new KeyTrie(order.map((i) => keys[i]!), sorted), order };
  }

  /** The trie in its stored form, to load again with `new KeyTrie(null, arrays)`. */
  arrays(): TrieArrays {
    return this.stored;
  }

  private step(node: number, c: number): number {
    if (node === 0) return c < 128 ? this.rootAscii[c]! : (this.rootOther.get(c) ?? -1);
    const { labels } = this;
    const first = this.firstEdge(node);
    const last = first + this.edgeCount(node);
    for (let e = first; e < last; e++) {
      const l = labels.charCodeAt(e);
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
    if (u2 < 0 || this.isTerminal(first) || this.step(first, u2) >= 0) this.walk(s, i, reader, found);
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
    const { nodes, labels, walkEnds, walkNodes } = this;
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
      if (isChar && ((nodes.charCodeAt(node) - NODE_BASE) & 1) === 1) {
        let end = p;
        while (end < length && isCombiningCode(s.charCodeAt(end))) end++;
        // A key ending in a word character must not be followed by one; its last unit is the label into its node.
        const last = labels.charCodeAt(node - 1);
        let boundary = !(last < 128 ? ASCII_WORD[last] === 1 : isWordCode(last));
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
      if (found(this.keyAt(walkNodes[k]!), start, walkEnds[k]!)) break;
    }
  }
}
