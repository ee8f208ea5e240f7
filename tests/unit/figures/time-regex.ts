// What a figure's count covers in time, as lib/figures/time.ts read it before it looked for cue words first: every
// pattern run on every sentence. Kept as the oracle the current form is compared with (./time-fast.test.ts).
// What a figure's count covers in time, read from its sentence: the same rules for the reference's documents (the
// dataset builder) and for pages (the figure judge), so the two sides are compared on equal terms.
//
// Scopes:
// - 'total': a running total since the conflict began, as of a date ("more than 70,000 people have been killed in
//   the conflict", "the death toll rose to 93,000"). It grows with time: a total from another date is an earlier or
//   later estimate, not a contradiction.
// - 'age': how long something has lasted by a date ("the 16-month conflict"). Compared through the start it
//   implies.
// - 'span': a count over a stated stretch of time ("in the past six months", "last year", "in 2012").
// - 'event': one event's count (a day's toll, a bombing, a defection, a summit), on a stated day or around the
//   date of the report.
// - 'state': how things stood at a date, changing slowly (a population, a membership, a mission's size).
// - 'fixed': a property of something named, whatever the date (a plan's number of points).
// - 'rate': a count per day or month ("6,000 flee each day"). Never compared: the reference states no rates.
import { addMonths, dayOf, formatRange, monthRange, partsOf, yearRange, type DayRange } from '@/lib/figures/dates';
import type { Counts } from '@/lib/figures/vocabulary';

export type FigureScope = 'total' | 'age' | 'span' | 'event' | 'state' | 'fixed' | 'rate';

export interface FigureTime {
  scope: FigureScope;
  /**
   * When: the as-of date of a total, age or state; the days a span counts; the day of an event (or, when the
   * text states no day, the days before the report when it happened). Undefined when the date is unknown.
   */
  when?: DayRange;
  /** Whether the text states the period (a day, a span, an as-of date) rather than it being the report's date. */
  stated: boolean;
  /** A weekday the text names ("on Friday") when the date it falls on is not known to the day. */
  weekday?: number;
  /** A span opened with "since <date>": a total when that date is the conflict's start. */
  since?: boolean;
  /** The period in the project's words ("6 months to 16 Mar 2013", "Fri 20 Jul 2012"), when the text states one. */
  label?: string;
  /** Offsets of the time phrase read, if any. */
  phrase?: { start: number; end: number };
}

/** Counts that run up over a conflict, so a sentence without a date or place is read as the running total. */
const RUNNING: ReadonlySet<string> = new Set<Counts>([
  'people killed', 'civilians killed', 'fighters killed', 'soldiers killed', 'children killed', 'women killed',
  'people wounded', 'people detained', 'people displaced', 'people fled', 'refugees', 'defectors',
]);
const STATES: ReadonlySet<string> = new Set<Counts>(['population', 'observers', 'national leaders']);

/** What a count covers when nothing in its sentence says (a hand-made reference figure without a scope). */
export function defaultScope(counts: string): Exclude<FigureScope, 'rate' | 'span'> {
  if (counts === 'peace plan points') return 'fixed';
  if (counts === 'conflict duration') return 'age';
  if (STATES.has(counts)) return 'state';
  return RUNNING.has(counts) ? 'total' : 'event';
}

/** Events are reported within days: an event without a stated day happened in the week before the report. */
export const REPORT_WINDOW_DAYS = 7;

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const MONTH = '(?:january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)\\.?';
const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const WEEKDAY = `(?:${WEEKDAYS.join('|')})`;
const SMALL_NUMBERS: Record<string, number> = {
  a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12,
  eighteen: 18, twenty: 20, few: 3, several: 3,
};
const COUNT = `(?:\\d+|${Object.keys(SMALL_NUMBERS).join('|')})`;
const CONFLICT = '(?:conflict|war|uprising|revolt|revolution|crisis|unrest|protests|violence|rebellion|fighting|bloodshed|insurgency)';
const UNIT_DAYS: Record<string, number> = { day: 1, week: 7, month: 365.2425 / 12, year: 365.2425 };

type Kind = 'rate' | 'start' | 'asof' | 'since' | 'day' | 'ago' | 'span';

interface Phrase {
  kind: Kind;
  start: number;
  end: number;
  match: RegExpExecArray;
}

// In priority order: a phrase found by an earlier pattern hides any later one overlapping it ("since the uprising
// began in March 2011" is the start of the conflict, not "in March 2011").
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

/** 1-12 for a month's name or abbreviation ("March", "Sept."), 0 for anything else. */
function monthIndex(word: string | undefined): number {
  const w = (word ?? '').toLowerCase().replace('.', '');
  return w.length < 3 ? 0 : MONTHS.findIndex((m) => m.startsWith(w)) + 1;
}

/** The month `month` (1-12) most recently begun by `ref` (this year's if it has started, else last year's). */
function recentMonth(month: number, ref: DayRange, year?: number): DayRange {
  if (year) return monthRange(year, month);
  const now = partsOf(ref.to);
  return monthRange(month <= now.month ? now.year : now.year - 1, month);
}

/** The last day on or before `ref` that is `weekday`. */
function lastWeekday(weekday: number, day: number): number {
  return day - ((partsOf(day).weekday - weekday + 7) % 7);
}

function countOf(word: string | undefined): number {
  if (!word) return 1;
  return /^\d+$/.test(word) ? Number(word) : (SMALL_NUMBERS[word.toLowerCase()] ?? 1);
}

interface Resolved {
  when?: DayRange;
  weekday?: number;
  label?: string;
}

/** The days a phrase names, given the date of the text it is in. */
function resolve(p: Phrase, date: DayRange | undefined): Resolved {
  const m = p.match;
  const unitOf = (u: string) => u.toLowerCase().replace(/s$/, '');
  switch (p.kind) {
    case 'asof': {
      const month = monthIndex(m[1]!);
      const explicitYear = m[2] && /^\d{4}$/.test(m[2]) ? Number(m[2]) : undefined;
      const relative = m[3]?.toLowerCase();
      if (!date && !explicitYear) return {};
      const thisYear = date ? partsOf(date.to).year : 0;
      let range = explicitYear
        ? monthRange(explicitYear, month)
        : relative === 'this'
          ? monthRange(thisYear, month)
          : relative === 'last'
            ? monthRange(thisYear - 1, month)
            : recentMonth(month, date!);
      // "by the end of April": the last day of the month.
      if (/\bend\b/i.test(m[0])) range = { from: range.to, to: range.to };
      return { when: range, label: `to ${formatRange(range)}` };
    }
    case 'since': {
      if (/^\d{4}$/.test(m[1] ?? '')) {
        const year = Number(m[1]);
        return { ...(date ? { when: { from: yearRange(year).from, to: date.to } } : {}), label: `since ${year}` };
      }
      const month = monthIndex(m[2]!);
      const year = m[3] ? Number(m[3]) : undefined;
      if (!date && !year) return {};
      let from = year ? monthRange(year, month) : recentMonth(month, date!);
      // "since last July" written in July means the July before.
      if (m[1] && !year && date && partsOf(from.from).year === partsOf(date.to).year && partsOf(date.to).month === month) from = monthRange(partsOf(date.to).year - 1, month);
      return { ...(date ? { when: { from: from.from, to: date.to } } : {}), label: `since ${formatRange(from)}` };
    }
    case 'day': {
      const word = (m[1] ?? '').toLowerCase();
      const weekday = WEEKDAYS.indexOf(word);
      if (weekday >= 0) {
        if (!date) return { weekday, label: `${WEEKDAYS[weekday]![0]!.toUpperCase()}${WEEKDAYS[weekday]!.slice(1)}` };
        if (date.from === date.to) {
          const day = lastWeekday(weekday, date.to);
          return { when: { from: day, to: day }, label: formatRange({ from: day, to: day }, true) };
        }
        // Only the month is known: the day lies within it (or the week before it began).
        const first = lastWeekday(weekday, date.from + 6);
        const last = lastWeekday(weekday, date.to);
        return { when: { from: first, to: last }, weekday, label: `a ${WEEKDAYS[weekday]![0]!.toUpperCase()}${WEEKDAYS[weekday]!.slice(1)} in ${formatRange(date)}` };
      }
      if (/^(?:today|tonight|this\s+morning|the\s+day)/i.test(word) || /day['’]s$/i.test(m[0])) return date ? { when: date, label: formatRange(date) } : {};
      if (/^(?:yesterday|last\s+night)/i.test(word)) return date ? { when: { from: date.from - 1, to: date.to - 1 }, label: formatRange({ from: date.from - 1, to: date.to - 1 }) } : {};
      if (word === 'overnight') return date ? { when: { from: date.from - 1, to: date.to }, label: formatRange({ from: date.from - 1, to: date.to }) } : {};
      // "March 15" / "15 March", with or without a year.
      const [monthWord, dayText] = /^\d/.test(m[1]!) ? [m[2]!, m[1]!] : [m[1]!, m[2]!];
      const month = monthIndex(monthWord);
      const year = m[3] ? Number(m[3]) : date ? partsOf(recentMonth(month, date).from).year : undefined;
      if (!year || Number(dayText) < 1 || Number(dayText) > 31) return {};
      const day = dayOf(year, month, Number(dayText));
      return { when: { from: day, to: day }, label: formatRange({ from: day, to: day }) };
    }
    case 'ago': {
      if (!date) return {};
      const n = countOf(m[1]);
      const unit = unitOf(m[2]!);
      const days = Math.round(n * UNIT_DAYS[unit]!);
      const range = unit === 'month' || unit === 'year'
        ? { from: addMonths(date.from, -(unit === 'year' ? 12 * n : n)), to: addMonths(date.to, -(unit === 'year' ? 12 * n : n)) }
        : { from: date.from - days, to: date.to - days };
      return { when: range, label: `to ${formatRange(range)}` };
    }
    case 'span': {
      const text = m[0].toLowerCase();
      if (/^(?:in|during|throughout)\s+\d{4}$/.test(text)) {
        const year = Number(m[1]);
        return { when: yearRange(year), label: String(year) };
      }
      if (/^(?:in|during|throughout)\s/.test(text) && monthIndex(m[1]) > 0 && !/recent/.test(text)) {
        const month = monthIndex(m[1]!);
        const year = m[2] ? Number(m[2]) : undefined;
        if (!date && !year) return {};
        const range = year ? monthRange(year, month) : recentMonth(month, date!);
        return { when: range, label: formatRange(range) };
      }
      if (/recent/.test(text)) return {};
      const past = /^(?:in|over|during|within|for)\s+the\s+(?:past|last|previous)\s/.test(text);
      // Undated text: "the past two weeks" still says how long, though not when.
      if (!date) return past ? { label: `past ${countOf(m[1])} ${unitOf(m[2]!)}${countOf(m[1]) === 1 ? '' : 's'}` } : {};
      const end = date.to;
      if (/so\s+far\s+this/.test(text)) {
        const p = partsOf(end);
        const from = m[1]!.toLowerCase() === 'year' ? dayOf(p.year, 1, 1) : dayOf(p.year, p.month, 1);
        return { when: { from, to: end }, label: `${formatRange({ from, to: from })} to ${formatRange({ from: end, to: end })}` };
      }
      const calendar = /^(?:(?:earlier|later)\s+)?(last|this|past)\s+(week|month|year)$/.exec(text);
      if (calendar) {
        const [, which, unit] = calendar;
        const p = partsOf(end);
        if (unit === 'year') {
          const range = yearRange(which === 'last' ? p.year - 1 : p.year);
          return { when: which === 'this' ? { from: range.from, to: end } : which === 'past' ? { from: end - 365, to: end } : range, label: which === 'past' ? `year to ${formatRange({ from: end, to: end })}` : String(partsOf(range.from).year) };
        }
        if (unit === 'month') {
          const range = which === 'last' ? monthRange(p.month === 1 ? p.year - 1 : p.year, p.month === 1 ? 12 : p.month - 1) : monthRange(p.year, p.month);
          return { when: which === 'past' ? { from: end - 30, to: end } : which === 'this' ? { from: range.from, to: end } : range, label: which === 'past' ? `month to ${formatRange({ from: end, to: end })}` : formatRange(range) };
        }
        // Weeks: the seven days before (last week) or up to (this week) the report.
        const range = which === 'last' ? { from: end - 13, to: end - 7 } : { from: end - 6, to: end };
        return { when: range, label: formatRange(range) };
      }
      // "in the past six months", "in the last two weeks", "over the past year".
      const n = countOf(m[1]);
      const unit = unitOf(m[2]!);
      const first = /\bfirst\b/.test(text);
      if (first) return {}; // "the first two years" of something: its start is not in the sentence
      const from = unit === 'month' || unit === 'year' ? addMonths(end, -(unit === 'year' ? 12 * n : n)) : end - Math.round(n * UNIT_DAYS[unit]!);
      return { when: { from, to: end }, label: `${n} ${unit}${n === 1 ? '' : 's'} to ${formatRange({ from: end, to: end })}` };
    }
    default:
      return {};
  }
}

/** Verbs of saying: a day named with one dates the statement ("On Saturday, the group said ..."), not the count. */
const SAYING = /\b(?:said|says|say|saying|reported|reports|announced|announces|told|stated|claimed|claims|estimated|estimates)\b/i;

function datesTheReport(text: string, p: Phrase, figure: { start: number; end: number }): boolean {
  if (p.kind !== 'day') return false;
  if (p.end <= figure.start && SAYING.test(text.slice(p.end, figure.start))) return true;
  // "..., the Observatory said on Saturday", "told AFP on Thursday".
  return new RegExp(`\\b(?:said|says|reported|announced|told\\s+[\\w.]+|stated)\\s+(?:on\\s+)?(?:${WEEKDAY},?\\s+)?$`, 'i').test(text.slice(Math.max(0, p.start - 40), p.start));
}

/** What before a number makes it a level reached (a toll, a total), so a span in its sentence dates the change. */
const LEVEL_BEFORE =
  /(?:\b(?:toll|tally|number|figure|count|total)\b[^.;:!?]{0,60}?\b(?:at|to|of|reached|hit|passed|topped|surpassed|surpasses|exceeded|stood\s+at|stands\s+at|is|was|has\s+reached)|\btoll|\b(?:rose|risen|rising|climbed|jumped|increased|grew|grown|doubled|tripled|soared)\b[^.;:!?]{0,60}?\bto|\b(?:reached|reaching|surpass(?:ed|es|ing)?|pass(?:ed|es|ing)|top(?:ped|s|ping)|exceed(?:ed|s|ing)|hit|hits))\s*[–—-]?\s*$/i;

/** Event nouns that tie a count to one incident rather than to the conflict as a whole. */
const EVENT_AFTER =
  /^[^.;!?]{0,60}?\b(?:in|during|after)\s+(?:an?\s+|the\s+|that\s+|this\s+)?(?:[\w-]+\s+){0,2}?(?:attacks?|bombings?|blasts?|explosions?|shelling|clashes|massacres?|ambush(?:es)?|raids?|air\s?strikes?|strikes?|fighting|battles?|gunfights?|firefights?|assault|offensive)\b|^[^.;!?]{0,60}?\bwhen\s+(?:an?|the)\s+(?:[\w-]+\s+){0,2}?(?:bomb|shell|rocket|missile|mortar|car|blast|explosion|suicide)/i;

export interface TimeContext {
  /** The date of the document or page the text comes from, when known. */
  date?: DayRange;
  /** The figure's place is a city, town, district or building (not a country): a local count, not a national total. */
  local?: boolean;
  /**
   * The part of the sentence that is this figure's: from the end of the figure before it to the start of the one
   * after it. A date next to another figure is that figure's ("raised the toll on Thursday to 100,000, up from
   * 93,000 a month ago").
   */
  segment?: { start: number; end: number };
}

/**
 * What `counts`, read at [start, end) in `text`, covers in time, judged from its sentence [sentence.start,
 * sentence.end) and the date of the text.
 */
export function figureTime(text: string, figure: { start: number; end: number; counts?: string }, sentence: { start: number; end: number }, context: TimeContext = {}): FigureTime {
  const { date } = context;
  const counts = figure.counts ?? '';
  if (counts === 'peace plan points') return { scope: 'fixed', stated: false };

  const segment = {
    start: Math.max(sentence.start, context.segment?.start ?? sentence.start),
    end: Math.min(sentence.end, context.segment?.end ?? sentence.end),
  };
  const all = findPhrases(text, sentence.start, sentence.end).filter(
    (p) => !(p.start <= figure.start && p.end >= figure.end) && !(figure.start <= p.start && p.end <= figure.end) && !datesTheReport(text, p, figure),
  );
  const own = all.filter((p) => p.start >= segment.start && p.end <= segment.end);
  // The figure's own part of the sentence first; a sentence-wide date applies to every figure in it otherwise
  // ("two strikes in the past two weeks killed 11 civilians, including two women").
  const phrases = own.some((p) => p.kind !== 'rate') ? own : [...own, ...all.filter((p) => p.kind !== 'rate' && !own.includes(p))];
  const clauseStart = Math.max(segment.start, lastClauseBreak(text, segment.start, figure.start));
  const clauseEnd = nextClauseBreak(text, figure.end, segment.end);
  const inClause = (p: Phrase) => p.start >= clauseStart && p.end <= clauseEnd;
  const distance = (p: Phrase) => (p.end <= figure.start ? figure.start - p.end : p.start >= figure.end ? p.start - figure.end : 0);
  const nearest = (list: Phrase[]) => [...list].sort((a, b) => Number(inClause(b)) - Number(inClause(a)) || distance(a) - distance(b))[0];

  if (own.some((p) => p.kind === 'rate' && inClause(p) && p.start >= figure.start)) return { scope: 'rate', stated: true };
  if (counts === 'conflict duration') return { scope: 'age', stated: false, ...(date ? { when: date } : {}) };

  const before = text.slice(Math.max(segment.start, figure.start - 90), figure.start);
  const level = LEVEL_BEFORE.test(before);
  const start = phrases.find((p) => p.kind === 'start');
  const phrase = nearest(phrases.filter((p) => p.kind !== 'rate' && p.kind !== 'start'));
  const at = (p: Phrase | undefined) => (p ? { phrase: { start: p.start, end: p.end } } : {});
  const labelOf = (r: Resolved) => ({ ...(r.label ? { label: r.label } : {}), ...(r.weekday !== undefined ? { weekday: r.weekday } : {}) });

  if (STATES.has(counts)) {
    const r = phrase ? resolve(phrase, date) : {};
    const when = r.when ?? date;
    return { scope: 'state', stated: !!r.when, ...(when ? { when } : {}), ...labelOf(r), ...at(r.when ? phrase : undefined) };
  }

  const running = RUNNING.has(counts);
  if (running && start) {
    // "from the start of the conflict ... to April 2014": a total as of the date the sentence gives, if any.
    const asOf = phrases.find((p) => p.kind === 'asof' || p.kind === 'ago');
    const r = asOf ? resolve(asOf, date) : {};
    const when = r.when ?? date;
    return { scope: 'total', stated: !!r.when, ...(when ? { when } : {}), ...(r.label ? { label: r.label } : {}), ...at(start) };
  }
  if (phrase) {
    const r = resolve(phrase, date);
    const stated = { stated: true, ...(r.when ? { when: r.when } : {}), ...labelOf(r), ...at(phrase) };
    switch (phrase.kind) {
      case 'asof':
      case 'ago':
        return { scope: running ? 'total' : 'event', ...stated };
      case 'day':
        // "raised the toll on Thursday to 100,000": the day dates the total; "the day's toll": one day's count.
        if (level && running && !/day['’]s/i.test(phrase.match[0])) return { scope: 'total', ...stated };
        return { scope: 'event', ...stated };
      case 'since':
      case 'span':
        // "the toll doubled in the past year to 191,369": the span dates the rise; the number is the total.
        if (level && running) return { scope: 'total', stated: false, ...(date ? { when: date } : {}) };
        return { scope: 'span', ...(phrase.kind === 'since' ? { since: true } : {}), ...stated };
    }
  }
  if (running && (level || !(context.local || EVENT_AFTER.test(text.slice(figure.end, clauseEnd))))) {
    return { scope: 'total', stated: false, ...(date ? { when: date } : {}) };
  }
  return { scope: 'event', stated: false, ...(date ? { when: { from: date.from - REPORT_WINDOW_DAYS, to: date.to } } : {}) };
}

/** Offset just after the last clause break (";", ":", a dash) in text[from, to), or `from`. */
function lastClauseBreak(text: string, from: number, to: number): number {
  for (let i = to - 1; i >= from; i--) {
    const c = text[i];
    if (c === ';' || c === ':' || c === '\u2013' || c === '\u2014') return i + 1;
  }
  return from;
}

function nextClauseBreak(text: string, from: number, to: number): number {
  for (let i = from; i < to; i++) {
    const c = text[i];
    if (c === ';' || c === ':' || c === '\u2013' || c === '\u2014') return i;
  }
  return to;
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

/** Whether two event kinds can describe the same incident ("attack" words are read as their specific kinds). */
export function eventKindsCompatible(a: string | undefined, b: string | undefined): boolean {
  if (!a || !b || a === b) return true;
  const violent = new Set(['bombing', 'shelling', 'clashes', 'massacre']);
  // Two descriptions of one violent incident name the same kind of violence; a summit and a bombing are never one.
  return violent.has(a) && violent.has(b) ? a === b : false;
}
