// Who a page's sentence credits a figure to: "according to U.N. estimates", "activists say", "a pro-government
// newspaper put the number at 60,000", "..., the United Nations human rights office says". The card shows it beside
// the reference's source, so a reader sees whose figure meets whose, not a contradiction between equals.
//
// The source is the noun phrase the sentence gives, as written (at most MAX_WORDS words), taken from the
// attribution nearest the figure. A pronoun ("it said") names no one and is passed over.

const MAX_WORDS = 12;

/** Verbs that credit a count to their subject. */
const CREDIT_VERBS =
  'said|says|say|saying|reported|reports|report|reporting|estimated|estimates|estimate|estimating|claimed|claims|claim|told|counted|counts|documented|documents|recorded|records|identified|announced|announces|confirmed|confirms|stated|states|believes|believe';
/**
 * Phrases that do ("put the death toll at", "raised its count"), each as the letters it starts with and the rest: a
 * phrase is written as `${start}(?:${rest})`, so every match of it starts with its letters, and the check that lets
 * a text without them skip the phrases is built from the same list.
 */
export const CREDIT_PHRASES: readonly (readonly [start: string, rest: string])[] = [
  ['put', "(?:s|ting)?\\s+(?:the|its|their)\\s+(?:[\\w’'-]+\\s+){0,3}?(?:number|toll|figure|count|total|tally)(?:\\s+(?:of|in|for|from)(?:\\s+[\\w’'-]+){1,4}?)?\\s+at"],
  ['rais', '(?:ed|es|ing)\\s+(?:the|its|their)\\s+(?:[\\w-]+\\s+){0,2}?(?:number|toll|figure|count|total|tally)'],
];
const PHRASES = CREDIT_PHRASES.map(([start, rest]) => `${start}(?:${rest})`).join('|');
/**
 * The credits in a text, as a global expression (reset `lastIndex`): verbs and phrases, or the verbs alone when the
 * text holds none of the phrases' first letters (in any case); the two find the same there. The phrases' bounded
 * repeats make that expression cost a page's first run ten times the verbs' to compile, and most sentences hold
 * none of them. `inLead`: the one subjectBefore runs inside attributionOf's own search.
 */
const credits: RegExp[] = [];
export function creditPattern(text: string, inLead = false): RegExp {
  const withPhrases = holdsPhraseStart(text);
  const slot = (withPhrases ? 2 : 0) + (inLead ? 1 : 0);
  return (credits[slot] ??= new RegExp(withPhrases ? `\\b(?:${CREDIT_VERBS}|${PHRASES})\\b` : `\\b(?:${CREDIT_VERBS})\\b`, 'gi'));
}

/**
 * Whether a phrase's first letters (lower-case ASCII) stand in `text`, in any ASCII case: all a case-blind expression
 * without the u flag reads (`| 0x20` lower-cases an ASCII letter and turns no other unit into one).
 */
function holdsPhraseStart(text: string): boolean {
  for (const [start] of CREDIT_PHRASES) {
    next: for (let i = 0; i + start.length <= text.length; i++) {
      for (let k = 0; k < start.length; k++) if ((text.charCodeAt(i + k) | 0x20) !== start.charCodeAt(k)) continue next;
      return true;
    }
  }
  return false;
}
const ACCORDING = /\baccording\s+to\s+/gi;
/** The source after "according to": words (dotted abbreviations such as "U.N." included) up to punctuation. */
const WORD = `(?:(?:[A-Za-z]\\.){2,}|[^\\s,.;:!?“”"()]+)`;
const ACCORDING_SOURCE = new RegExp(`^(${WORD}(?:\\s+(?!(?:that|which|who)\\b)${WORD}){0,${MAX_WORDS - 1}})`);
/** Where a subject phrase starts: the sentence's start or a clause boundary before the verb. */
const BOUNDARY = /(?:[,;:“”"(\u2013\u2014]|\b(?:that|which|who|while|whereas|with|as|but|although|though|because|after|when)\b)\s*/gi;
const PRONOUN = /^(?:it|he|she|they|we|i|you|this|that|these|those|there|officials?)$/i;
/** Words that end a subject phrase but are not part of it: "Ban Ki-moon on Thursday", "the office also said". */
const TRAILING = /(?:\s+(?:also|now|again|earlier|later|then|yesterday|today|tonight|reportedly|previously|has|have|had|had\s+been|on\s+(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)|last\s+(?:week|month|year|night)|this\s+(?:week|month|year)))+$/i;
const LEADING = /^(?:and|but|or|so|then|also)\s+/i;
/** The last words TRAILING can end with: a phrase ending in another word is left as it is without running it. */
const TRAILING_LAST = new Set([
  'also', 'now', 'again', 'earlier', 'later', 'then', 'yesterday', 'today', 'tonight', 'reportedly', 'previously', 'has', 'have', 'had', 'been',
  'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'week', 'month', 'year', 'night',
]);

/** The run of ASCII letters `s` ends with, lower-cased ("" when it ends with anything else). */
function lastLetters(s: string): string {
  let i = s.length;
  while (i > 0 && ((s.charCodeAt(i - 1) | 0x20) >= 0x61 && (s.charCodeAt(i - 1) | 0x20) <= 0x7a)) i--;
  return s.slice(i).toLowerCase();
}

function words(s: string): string[] {
  return s.split(/\s+/).filter(Boolean);
}

function clean(phrase: string): string | undefined {
  let p = phrase.trim().replace(LEADING, '');
  // TRAILING ends with one of its words after a space: only a phrase whose last letters are one can match it.
  if (TRAILING_LAST.has(lastLetters(p))) p = p.replace(TRAILING, '');
  p = p.replace(/[\s,;:]+$/, '').trim();
  p = p.replace(/^["“”‘’']+|["“”‘’']+$/g, '').trim();
  const w = words(p);
  if (w.length === 0 || w.length > MAX_WORDS) return undefined;
  if (w.length === 1 && PRONOUN.test(w[0]!)) return undefined;
  // A subject starts with a capital, a determiner or a plain noun; a number or a stray verb is not one.
  if (/^\d/.test(p) || /^(?:is|are|was|were|has|have|had|be|been)\b/i.test(p)) return undefined;
  return p;
}

/** The subject ending at `verbStart` in text[sentenceStart, verbStart). */
function subjectBefore(text: string, sentenceStart: number, verbStart: number): string | undefined {
  const lead = text.slice(sentenceStart, verbStart);
  let from = 0;
  // "The UN says it estimates ...": the subject of "estimates" is "it", whatever said so.
  for (const re of [BOUNDARY, creditPattern(lead, true)]) {
    re.lastIndex = 0;
    for (let m = re.exec(lead); m; m = re.exec(lead)) if (m.index + m[0].length < lead.length) from = Math.max(from, m.index + m[0].length);
  }
  return clean(lead.slice(from));
}

/** The subject after a verb that opens an inverted clause: ", said the Syrian Observatory." */
function subjectAfter(text: string, verbEnd: number, sentenceEnd: number): string | undefined {
  const rest = text.slice(verbEnd, sentenceEnd);
  const m = /^\s+((?:the|a|an)\s+[^,.;:!?“”"]{2,80}?|[A-Z][^,.;:!?“”"]{1,80}?)(?=[,.;:!?“”"]|$)/.exec(rest);
  return m ? clean(m[1]!) : undefined;
}

/**
 * Who the sentence [sentence.start, sentence.end) of `text` credits the figure at [figure.start, figure.end) to,
 * in its own words; undefined when it credits no one.
 */
export function attributionOf(text: string, figure: { start: number; end: number }, sentence: { start: number; end: number }): string | undefined {
  const body = text.slice(sentence.start, sentence.end);
  const candidates: Array<{ at: number; source: string }> = [];
  const sources: Array<{ start: number; end: number }> = [];
  ACCORDING.lastIndex = 0;
  for (let m = ACCORDING.exec(body); m; m = ACCORDING.exec(body)) {
    const from = sentence.start + m.index + m[0].length;
    const source = ACCORDING_SOURCE.exec(text.slice(from, sentence.end));
    const cleaned = source ? clean(source[1]!) : undefined;
    if (!source || !cleaned || (from <= figure.start && figure.end <= from + source[0].length)) continue;
    sources.push({ start: from, end: from + source[0].length });
    candidates.push({ at: sentence.start + m.index, source: cleaned });
  }
  const credit = creditPattern(body);
  credit.lastIndex = 0;
  for (let m = credit.exec(body); m; m = credit.exec(body)) {
    const verbStart = sentence.start + m.index;
    const verbEnd = verbStart + m[0].length;
    // A verb inside the figure's own phrase is not an attribution of it, nor a noun in a source ("U.N. estimates").
    if (verbStart >= figure.start && verbEnd <= figure.end) continue;
    if (sources.some((x) => x.start <= verbStart && verbEnd <= x.end)) continue;
    const before = text.slice(Math.max(sentence.start, verbStart - 3), verbStart);
    const inverted = /[,“”"]\s*$/.test(before) || verbStart === sentence.start;
    const source = (inverted ? subjectAfter(text, verbEnd, sentence.end) : undefined) ?? subjectBefore(text, sentence.start, verbStart);
    if (source) candidates.push({ at: verbStart, source });
  }
  if (candidates.length === 0) return undefined;
  const distance = (at: number) => (at >= figure.end ? at - figure.end : at <= figure.start ? figure.start - at : 0);
  return candidates.sort((a, b) => distance(a.at) - distance(b.at))[0]!.source;
}
