// How often names occur in ordinary news: the background a reader's set is weighed against to tell an article on
// the set's subject from one that merely names a common place or company (lib/match/relevance.ts). The bundled
// dataset counts its names in a background of news pages when it is built; a reader's set is built in the
// extension, which cannot carry those pages. So what it carries is a table made from the same pages by
// `npm run dataset`: for every run of one to six words that starts and ends with a capital (names, as the matcher
// finds them), how many times it occurs — stored as hashes of the folded phrase, so the table holds counts and
// no text of the pages. A reader's entity then weighs what its names (folded the matcher's way) count there.
import { foldForMatching } from '../text/normalize';

export interface BackgroundTable {
  /** Where the counts come from, recorded in each set's relevance statistics. */
  source: string;
  /** Characters of visible text counted (the rate's denominator). */
  characters: number;
  /** Phrases counted: FNV-1a hashes of the folded phrases and their counts, both base64 of little-endian arrays. */
  hashes: string;
  counts: string;
}

/** Longest phrase counted, in words: longer names are rare in any background. */
export const MAX_PHRASE_WORDS = 6;

/** FNV-1a, 32 bits, over UTF-16 code units: stable, fast, and one of 4 billion values for 20,000 phrases. */
export function phraseHash(folded: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < folded.length; i++) {
    h ^= folded.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** The key a name is counted under: folded as the matcher folds text (case, accents, apostrophes, dashes). */
export function phraseKey(name: string): string {
  return foldForMatching(name).trim();
}

const WORD = /[\p{L}\p{N}][\p{L}\p{N}\p{M}'’.\-]*/gu;
const CAPITAL = /^\p{Lu}/u;
/** Lower-case words that sit inside names ("al-Assad", "Organisation for Security", "bin Laden"). */
const INSIDE = new Set(['of', 'for', 'and', 'the', 'al', 'el', 'bin', 'ibn', 'de', 'del', 'la', 'le', 'van', 'von', 'der', 'da', 'di', 'du']);

/** Counts every name-like phrase of the texts (see the file comment), by key. */
export function countPhrases(texts: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const text of texts) {
    const words = [...text.matchAll(WORD)].map((m) => ({ word: m[0].replace(/[.'’-]+$/, ''), at: m.index! }));
    for (let i = 0; i < words.length; i++) {
      const first = words[i]!.word;
      if (!CAPITAL.test(first) && !/^(?:al|el)-/i.test(first)) continue;
      let end = words[i]!.at;
      for (let k = 0; k < MAX_PHRASE_WORDS && i + k < words.length; k++) {
        const w = words[i + k]!;
        if (k > 0 && !/^[ \t\u00a0-]+$/.test(text.slice(end, w.at))) break;
        end = w.at + w.word.length;
        if (k > 0 && !CAPITAL.test(w.word) && !INSIDE.has(w.word.toLowerCase()) && !/^(?:al|el)-/i.test(w.word)) break;
        if (!CAPITAL.test(w.word) && k > 0) continue;
        const key = phraseKey(text.slice(words[i]!.at, end));
        counts.set(key, (counts.get(key) ?? 0) + 1);
      }
    }
  }
  return counts;
}

function toBase64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

function fromBase64(text: string): Uint8Array {
  const s = atob(text);
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

/** The table for some texts (`npm run dataset` makes it from the background pages). */
export function makeBackgroundTable(source: string, texts: readonly string[]): BackgroundTable {
  const byHash = new Map<number, number>();
  for (const [key, n] of countPhrases(texts)) {
    const h = phraseHash(key);
    byHash.set(h, (byHash.get(h) ?? 0) + n);
  }
  const sorted = [...byHash].sort((a, b) => a[0] - b[0]);
  const hashes = new Uint32Array(sorted.map(([h]) => h));
  const counts = new Uint32Array(sorted.map(([, n]) => n));
  const le = (a: Uint32Array) => {
    const bytes = new Uint8Array(a.length * 4);
    const view = new DataView(bytes.buffer);
    a.forEach((v, i) => view.setUint32(i * 4, v, true));
    return bytes;
  };
  return { source, characters: texts.reduce((n, t) => n + t.length, 0), hashes: toBase64(le(hashes)), counts: toBase64(le(counts)) };
}

export interface BackgroundCounter {
  source: string;
  characters: number;
  /** How often a name occurs in the background (0 when never). */
  count(name: string): number;
}

/** Reads a table for lookups (binary search over the sorted hashes). */
export function backgroundCounter(table: BackgroundTable): BackgroundCounter {
  const read = (text: string) => {
    const bytes = fromBase64(text);
    const view = new DataView(bytes.buffer);
    const out = new Uint32Array(bytes.length / 4);
    for (let i = 0; i < out.length; i++) out[i] = view.getUint32(i * 4, true);
    return out;
  };
  const hashes = read(table.hashes);
  const counts = read(table.counts);
  return {
    source: table.source,
    characters: table.characters,
    count(name) {
      const h = phraseHash(phraseKey(name));
      let lo = 0;
      let hi = hashes.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (hashes[mid]! < h) lo = mid + 1;
        else hi = mid;
      }
      return lo < hashes.length && hashes[lo] === h ? counts[lo]! : 0;
    },
  };
}
