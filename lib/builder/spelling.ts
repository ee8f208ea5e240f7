// When two written names are one name: the same words in another case or transliteration ("Dawoud Rajha" and
// "Daoud Rajha", "Riad" and "Riyadh", "Sergei" and "Sergey", "Montreux" and "Montreaux"), with or without the
// Arabic article ("Bashar al-Assad", "Bashar Assad"), or a shorter form of a longer name ("Mohammed Shaar" for
// "Mohammed Ibrahim al-Shaar").
import { HYPHEN_PARTICLES } from './lexicon';

/** Articles a name is written with or without ("al-Assad", "Assad"); "Abu", "bin", "Abdul" are words of the name. */
const ARTICLES = new Set('al el ad ag an ar as ash at az ez es ed ul de del della da di du van von der den la le dos das'.split(' '));

/** Words of a name without case, accents, full stops or the Arabic article: "Bashar Al-Assad" → ["bashar", "assad"]. */
export function nameWords(name: string): string[] {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    // "Co-ordination" is "coordination"; "al-Assad" and "Ki-moon" stay two words.
    .replace(/(\p{Lu}\p{Ll}+)-(?=\p{Ll}{3,})/gu, (m, left: string) => (HYPHEN_PARTICLES.has(left.toLowerCase()) ? m : left))
    .toLowerCase()
    .replace(/[’'`ʿʾ]/g, '')
    .replace(/\./g, '')
    .split(/[\s-]+/)
    .filter((w) => w && !ARTICLES.has(w));
}

const VOWELISH = /[aeiouy]/;

/**
 * A transliteration key for one word: vowels (and a w or y between vowels) fold to one mark, doubled letters to
 * one, and letter pairs that transliterate one Arabic or Cyrillic sound to one letter. "dawoud" and "daoud",
 * "riad" and "riyadh", "sergei" and "sergey", "montreux" and "montreaux" share a key.
 */
export function wordKey(word: string): string {
  let w = word
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z]/g, '')
    .replace(/ph/g, 'f')
    .replace(/(?<=[dtgkszc])h/g, '')
    .replace(/q/g, 'k')
    .replace(/ck/g, 'k')
    .replace(/c(?=[aou]|$)/g, 'k')
    .replace(/x/g, 'ks');
  // w and y next to a vowel are vowels here: "Dawoud"/"Daoud", "Riyad"/"Riad", "Sergey"/"Sergei".
  w = w.replace(/[wy](?=[aeiou]|$)|(?<=[aeiou])[wy]/g, 'a');
  let key = '';
  for (const ch of w) {
    const c = VOWELISH.test(ch) ? 'a' : ch;
    if (key[key.length - 1] !== c) key += c;
  }
  return key;
}

export function nameKey(name: string): string {
  return nameWords(name).map(wordKey).join(' ');
}

/** The same name written two ways: every word matches by its transliteration key, in order. */
export function sameSpelling(a: string, b: string): boolean {
  const ka = nameKey(a);
  if (ka.length > 0 && ka === nameKey(b)) return true;
  // In a name of several words, a final vowel may be written or not ("Baba Amr", "Bab al-Amr").
  const wa = ka.split(' ');
  const wb = nameKey(b).split(' ');
  const stem = (w: string) => (w.length > 2 ? w.replace(/a$/, '') : w);
  return wa.length > 1 && wa.length === wb.length && wa.every((w, i) => stem(w) === stem(wb[i]!));
}

/**
 * Whether `short` is a shorter form of the person name `full`: same first and last word, and the rest of its words
 * in order among the full name's ("Mohammed Shaar" of "Mohammed Ibrahim al-Shaar").
 */
export function isShorterPersonName(short: string, full: string): boolean {
  const s = nameWords(short).map(wordKey);
  const f = nameWords(full).map(wordKey);
  if (s.length < 2 || s.length >= f.length) return false;
  if (s[0] !== f[0] || s[s.length - 1] !== f[f.length - 1]) return false;
  let j = 0;
  for (const w of s) {
    while (j < f.length && f[j] !== w) j++;
    if (j === f.length) return false;
    j++;
  }
  return true;
}

/** Levenshtein distance, for telling a misspelling ("Montreaux") from another name. */
export function editDistance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j]!;
      prev[j] = Math.min(prev[j]! + 1, prev[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return prev[b.length]!;
}
