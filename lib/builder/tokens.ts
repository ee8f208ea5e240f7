// A document as words with offsets, for finding names: "U.N." and "Brig." keep their full stops, a possessive
// "’s" is a token of its own, a hyphen splits a word into parts that remember they were joined ("UN-Arab",
// "al-Assad"), and line breaks are tokens (a headline or a dateline is a line of its own).
import { bare } from './lexicon';

export type TokenKind = 'word' | 'punct' | 'break' | 'possessive';

export interface Token {
  text: string;
  start: number;
  end: number;
  kind: TokenKind;
  /** A word joined to the previous word by a hyphen, with no space ("Arab" in "UN-Arab", "Assad" in "al-Assad"). */
  hyphenBefore?: boolean;
}

/** Abbreviations whose full stop belongs to the word ("Gen. Manaf Tlass" is not two sentences). */
const ABBREVIATIONS = new Set(
  `gen brig lt col maj capt sgt cpl cmdr adm mr mrs ms messrs dr st jr sr prof gov sen rep rev hon no mt ft inc ltd co corp vs lt-col lt-gen maj-gen`.split(' '),
);

const LETTER_OR_DIGIT = /[\p{L}\p{N}\p{M}]/u;
const LETTER = /[\p{L}\p{M}]/u;
const DOTTED_INITIALS = /^(?:\p{L}\.)+\p{L}$/u;

export function tokenize(text: string, end = text.length): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  let joined = false;
  while (i < end) {
    const ch = text[i]!;
    if (ch === '\n') {
      const s = i;
      while (i < end && /\s/.test(text[i]!)) i++;
      tokens.push({ text: '\n', start: s, end: s + 1, kind: 'break' });
      joined = false;
      continue;
    }
    if (/\s/.test(ch)) {
      i++;
      joined = false;
      continue;
    }
    if (LETTER_OR_DIGIT.test(ch)) {
      const s = i;
      i++;
      for (;;) {
        while (i < end && LETTER_OR_DIGIT.test(text[i]!)) i++;
        const next = text[i];
        const after = text[i + 1];
        if ((next === "'" || next === '’') && after !== undefined && LETTER.test(after)) {
          // "’s" followed by a non-letter is a possessive; "O'Brien" is one word.
          if ((after === 's' || after === 'S') && !LETTER_OR_DIGIT.test(text[i + 2] ?? ' ')) break;
          i++;
          continue;
        }
        // "U.N", "Polygraph.info", "AT&T" are one word; "said.Liwa" (a missing space after a full stop) is two.
        const dotJoins =
          next === '.' &&
          after !== undefined &&
          (/[\p{Ll}\p{N}]/u.test(after) || /^\p{L}$/u.test(text.slice(s, i).split('.').pop()!) || /^(?:com|net|org|info|gov|edu)(?![\p{L}])/iu.test(text.slice(i + 1, i + 6)));
        if ((dotJoins || (next === '&' && after !== undefined && LETTER_OR_DIGIT.test(after))) && i + 1 < end) {
          i++;
          continue;
        }
        break;
      }
      let e = i;
      const word = text.slice(s, e);
      if (text[e] === '.' && (DOTTED_INITIALS.test(word) || ABBREVIATIONS.has(bare(word)) || /^\p{Lu}$/u.test(word))) e = ++i;
      tokens.push({ text: text.slice(s, e), start: s, end: e, kind: 'word', ...(joined ? { hyphenBefore: true } : {}) });
      joined = false;
      if ((text[i] === "'" || text[i] === '’') && (text[i + 1] === 's' || text[i + 1] === 'S') && !LETTER_OR_DIGIT.test(text[i + 2] ?? ' ')) {
        tokens.push({ text: text.slice(i, i + 2), start: i, end: i + 2, kind: 'possessive' });
        i += 2;
      } else if (text[i] === '-' && LETTER_OR_DIGIT.test(text[i + 1] ?? ' ')) {
        i++;
        joined = true;
      }
      continue;
    }
    // Punctuation: a run of dashes ("--") is one token.
    const s = i;
    if (ch === '-') while (i < end && text[i] === '-') i++;
    else i++;
    tokens.push({ text: text.slice(s, i), start: s, end: i, kind: 'punct' });
    joined = false;
  }
  return tokens;
}

/** Punctuation after which the next word starts a sentence. */
export function endsSentence(token: Token): boolean {
  return token.kind === 'break' || (token.kind === 'punct' && /^[.!?:•;]$|^\.\.\.$|^…$/.test(token.text));
}

/** Opening quotes and brackets, which a sentence may start with. */
export function isOpener(token: Token): boolean {
  return token.kind === 'punct' && /^["“‘'(\[]$/.test(token.text);
}
