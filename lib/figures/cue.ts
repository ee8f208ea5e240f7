// Whether a stretch of text could hold a number the figure reader reads (./numbers.ts): a digit, or one of the
// number words it reads ("two", "seventeen", "a dozen", "half a million"). Every number it finds starts with a
// digit or such a word and holds no line break, so a paragraph without either has no figure and need not be read
// at all. A plain loop over character codes that stops at the first cue, with no regex and no copy of the text: it
// runs before the figure reader is loaded. Superset by design (tests/unit/figures/cue.test.ts checks it against
// every number the reader's patterns find): "one" in "one of them" passes, and the reader decides.

/** The number words ./numbers.ts reads (its small numbers, and the scale words a number in words can start with). */
const NUMBER_WORDS = [
  'zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve',
  'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen', 'twenty', 'thirty', 'forty',
  'fifty', 'sixty', 'seventy', 'eighty', 'ninety', 'hundred', 'thousand', 'million', 'billion', 'dozen',
];

/** The words by their first letter's code (lower case ASCII), shortest first (a shorter one that matches settles it). */
const BY_FIRST: (string[] | undefined)[] = [];
for (const word of [...NUMBER_WORDS].sort((a, b) => a.length - b.length)) (BY_FIRST[word.charCodeAt(0)] ??= []).push(word);

/** `word` (lower-case ASCII) at text[at], in any case. */
function wordAt(text: string, at: number, word: string, to: number): boolean {
  if (at + word.length > to) return false;
  for (let k = 1; k < word.length; k++) if ((text.charCodeAt(at + k) | 0x20) !== word.charCodeAt(k)) return false;
  return true;
}

/** Whether text[from, to) could hold a number the figure reader reads (see the file comment). */
export function mayHoldNumber(text: string, from = 0, to = text.length): boolean {
  // Whether the previous character is a word character ([A-Za-z0-9_], a regex's \b without the u flag, as
  // ./numbers.ts writes them): a number word must start a word.
  let afterWord = false;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x30 && c <= 0x39) return true;
    const lower = c | 0x20;
    if (lower >= 0x61 && lower <= 0x7a) {
      if (!afterWord) {
        const words = BY_FIRST[lower];
        if (words) for (const word of words) if (wordAt(text, i, word, to)) return true;
      }
      afterWord = true;
    } else afterWord = c === 0x5f;
  }
  return false;
}
