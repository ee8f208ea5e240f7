// Whether a stretch of text could hold a number the figure reader reads (./numbers.ts): a digit, or one of the
// number words it reads ("two", "seventeen", "a dozen", "half a million"). Every number it finds starts with a
// digit or such a word and holds no line break, so a paragraph without either has no figure and need not be read
// at all. A plain loop over character codes, with no regex and no copy of the text: it runs before the figure
// reader is loaded, on every paragraph near a reference name. Superset by design (tests/unit/figures/cue.test.ts
// checks it against every number the reader's patterns find): "one" in "one of them" passes, and the reader decides.

/** The number words ./numbers.ts reads (its small numbers, and the scale words a number in words can start with). */
const NUMBER_WORDS = [
  'zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve',
  'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen', 'twenty', 'thirty', 'forty',
  'fifty', 'sixty', 'seventy', 'eighty', 'ninety', 'hundred', 'thousand', 'million', 'billion', 'dozen',
];

/** The words by their first letter's code, shortest first (a shorter one that matches settles it). */
const BY_FIRST = new Map<number, string[]>();
for (const word of [...NUMBER_WORDS].sort((a, b) => a.length - b.length)) {
  const first = word.charCodeAt(0);
  BY_FIRST.set(first, [...(BY_FIRST.get(first) ?? []), word]);
}

/** [A-Za-z0-9_]: what a regex's \b (without the u flag, as ./numbers.ts writes them) counts as a word character. */
function isWordChar(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a) || c === 0x5f;
}

/** `word` (lower-case ASCII) at text[at], in any case. */
function wordAt(text: string, at: number, word: string, to: number): boolean {
  if (at + word.length > to) return false;
  for (let k = 0; k < word.length; k++) if ((text.charCodeAt(at + k) | 0x20) !== word.charCodeAt(k)) return false;
  return true;
}

/** Whether text[from, to) could hold a number the figure reader reads (see the file comment). */
export function mayHoldNumber(text: string, from = 0, to = text.length): boolean {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x30 && c <= 0x39) return true;
    const words = BY_FIRST.get(c | 0x20);
    // A number word starts a word: an ASCII letter not preceded by a word character.
    if (!words || !((c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a) || (i > from && isWordChar(text.charCodeAt(i - 1)))) continue;
    for (const word of words) if (wordAt(text, i, word, to)) return true;
  }
  return false;
}
