// The time phrases and event kinds as the figure judge read them before it looked for cue words first: every
// pattern run on every sentence. Kept as the oracle lib/figures/time.ts is compared with (./time-fast.test.ts).
type Kind = 'rate' | 'start' | 'asof' | 'since' | 'day' | 'ago' | 'span';
interface Phrase {
  kind: Kind;
  start: number;
  end: number;
  match: RegExpExecArray;
}

const MONTH = '(?:january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)\\.?';
const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const WEEKDAY = `(?:${WEEKDAYS.join('|')})`;
const SMALL_NUMBERS: Record<string, number> = {
  a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12,
  eighteen: 18, twenty: 20, few: 3, several: 3,
};
const COUNT = `(?:\\d+|${Object.keys(SMALL_NUMBERS).join('|')})`;
const CONFLICT = '(?:conflict|war|uprising|revolt|revolution|crisis|unrest|protests|violence|rebellion|fighting|bloodshed|insurgency)';
const PATTERNS: Array<[Kind, RegExp]> = [
  ['rate', /(?<!\b(?:in|within|for|of|than|one|the|that|same|next|whole|single)\s)\b(?:each|every|a|per)\s+(?:single\s+)?(day|week|month|year)\b(?!\s+(?:after|before|earlier|later|ago|of|when|and))/gi],
  ['rate', /\b(?:daily|weekly|monthly|annually|a\s+day|per\s+day)\b(?!\s+(?:after|before|earlier|later))/gi],
  ['start', new RegExp(`\\b(?:since|from)\\s+the\\s+(?:very\\s+)?(?:start|beginning|outbreak|onset)\\s+of\\s+(?:the\\s+|this\\s+)?(?:[\\w-]+\\s+){0,2}?${CONFLICT}\\b`, 'gi')],
  ['start', new RegExp(`\\bsince\\s+(?:the\\s+|its\\s+)?(?:[\\w-]+\\s+){0,2}?${CONFLICT}\\s+(?:[\\w’'-]+\\s+){0,8}?(?:began|started|erupted|broke\\s+out)\\b`, 'gi')],
  ['asof', new RegExp(`\\b(?:by|at)\\s+the\\s+end\\s+of\\s+(${MONTH})(?:\\s+(\\d{4})|\\s+(this|last)\\s+year)?`, 'gi')],
  ['asof', new RegExp(`\\b(?:as\\s+of|until|through|to)\\s+(${MONTH})\\s+(\\d{4})\\b`, 'gi')],
  ['asof', new RegExp(`\\bback\\s+in\\s+(${MONTH})(?:\\s+(\\d{4}))?`, 'gi')],
  ['since', new RegExp(`\\bsince\\s+(?:early\\s+|late\\s+|mid-?)?(?:(last)\\s+)?(${MONTH})(?:\\s+\\d{1,2}(?!\\d))?(?:,?\\s+(\\d{4}))?`, 'gi')],
  ['since', /\bsince\s+(\d{4})\b/gi],
  ['day', new RegExp(`\\b(?:(?:on|late|early|last)\\s+)?(${WEEKDAY})\\b(?:\\s+(?:night|morning|evening|afternoon))?`, 'gi')],
  ['day', /\b(today|yesterday|tonight|overnight|this\s+morning|last\s+night|the\s+day['’]s)(?![\w-])/gi],
  ['day', new RegExp(`\\b(?:on\\s+)?(${MONTH})\\s+(\\d{1,2})(?!\\d)(?:,?\\s+(\\d{4}))?`, 'gi')],
  ['day', new RegExp(`\\b(?:on\\s+)?(\\d{1,2})\\s+(${MONTH})(?:\\s+(\\d{4}))?`, 'gi')],
  ['ago', new RegExp(`\\b(?:just\\s+(?:over|under)\\s+)?(${COUNT})\\s+(day|week|month|year)s?\\s+ago\\b`, 'gi')],
  ['span', new RegExp(`\\b(?:in|over|during|within|for)\\s+the\\s+(?:past|last|previous|first)\\s+(?:(${COUNT})\\s+)?(day|week|month|year)s?\\b`, 'gi')],
  ['span', /\bin\s+recent\s+(day|week|month|year)s\b/gi],
  ['span', /\b(?:(?:earlier|later)\s+)?(last|this|past)\s+(week|month|year)\b/gi],
  ['span', /\bso\s+far\s+this\s+(year|month)\b/gi],
  ['span', /\b(?:in|during|throughout)\s+(\d{4})\b/gi],
  ['span', new RegExp(`\\b(?:in|during|throughout)\\s+(${MONTH})(?:\\s+(\\d{4}))?(?![\\w-])`, 'gi')],
];

export function findPhrases(text: string, from: number, to: number): Phrase[] {
  const slice = text.slice(from, to);
  const found: Phrase[] = [];
  for (const [kind, re] of PATTERNS) {
    re.lastIndex = 0;
    for (let m = re.exec(slice); m; m = re.exec(slice)) {
      const start = from + m.index;
      const end = start + m[0].length;
      if (found.some((p) => p.start < end && start < p.end)) continue;
      found.push({ kind, start, end, match: m });
    }
  }
  return found;
}

/** What kind of event a clause describes ("bombing", "clashes", "summit"), in the project's words. */
const EVENT_KINDS: Array<[string, RegExp]> = [
  ['bombing', /\b(?:bomb(?:s|ing|ings|er)?|blasts?|explosions?|exploded|detonat\w*|suicide)\b/i],
  ['shelling', /\b(?:shell(?:s|ing|ed)?|artillery|mortars?|rockets?|missiles?|air\s?strikes?|warplanes?)\b/i],
  ['clashes', /\b(?:clashes|clashed|fighting|battles?|gunfights?|firefights?|ambush(?:es|ed)?)\b/i],
  ['massacre', /\b(?:massacres?|executions?|executed)\b/i],
  ['summit', /\b(?:summit|conference)\b/i],
];

/** The kind of event named in text[from, to) outside the figure's own phrase `skip` ("cluster bombs"), if any. */
export function eventKindIn(text: string, from: number, to: number, skip?: { start: number; end: number }): string | undefined {
  const slice = skip && skip.start >= from && skip.end <= to ? `${text.slice(from, skip.start)} ${' '.repeat(skip.end - skip.start)}${text.slice(skip.end, to)}` : text.slice(from, to);
  let best: { kind: string; at: number } | undefined;
  for (const [kind, re] of EVENT_KINDS) {
    const m = re.exec(slice);
    if (m && (!best || m.index < best.at)) best = { kind, at: m.index };
  }
  return best?.kind;
}

