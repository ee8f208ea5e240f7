// Attribution as lib/figures/attribution.ts read it before it looked at a phrase's last word before trimming it:
// kept as the oracle the current form is compared with (./attribution-fast.test.ts).
// Who a page's sentence credits a figure to: "according to U.N. estimates", "activists say", "a pro-government
// newspaper put the number at 60,000", "..., the United Nations human rights office says". The card shows it beside
// the reference's source, so a reader sees whose figure meets whose, not a contradiction between equals.
//
// The source is the noun phrase the sentence gives, as written (at most MAX_WORDS words), taken from the
// attribution nearest the figure. A pronoun ("it said") names no one and is passed over.

const MAX_WORDS = 12;

/** Verbs and phrases that credit a count to their subject. */
export const CREDIT =
  /\b(?:said|says|say|saying|reported|reports|report|reporting|estimated|estimates|estimate|estimating|claimed|claims|claim|told|counted|counts|documented|documents|recorded|records|identified|announced|announces|confirmed|confirms|stated|states|believes|believe|put(?:s|ting)?\s+(?:the|its|their)\s+(?:[\w’'-]+\s+){0,3}?(?:number|toll|figure|count|total|tally)(?:\s+(?:of|in|for|from)(?:\s+[\w’'-]+){1,4}?)?\s+at|rais(?:ed|es|ing)\s+(?:the|its|their)\s+(?:[\w-]+\s+){0,2}?(?:number|toll|figure|count|total|tally))\b/gi;
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

function words(s: string): string[] {
  return s.split(/\s+/).filter(Boolean);
}

function clean(phrase: string): string | undefined {
  let p = phrase.trim().replace(LEADING, '').replace(TRAILING, '').replace(/[\s,;:]+$/, '').trim();
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
  for (const re of [new RegExp(BOUNDARY.source, 'gi'), new RegExp(CREDIT.source, 'gi')]) {
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
  CREDIT.lastIndex = 0;
  for (let m = CREDIT.exec(body); m; m = CREDIT.exec(body)) {
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
