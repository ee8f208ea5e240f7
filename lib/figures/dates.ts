// Calendar days for figure comparisons: a date is a range of days (a document dated "2012-07" could be any day of
// that July), days are counted from 1970-01-01 (UTC), and labels are in the project's own words ("16 Mar 2013").

export interface DayRange {
  /** First and last day, inclusive, as days since 1970-01-01. */
  from: number;
  to: number;
}

const MS_PER_DAY = 86_400_000;

export function dayOf(year: number, month: number, day: number): number {
  return Math.floor(Date.UTC(year, month - 1, day) / MS_PER_DAY);
}

/** The last day of a month (1-12). */
function lastDay(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function monthRange(year: number, month: number): DayRange {
  return { from: dayOf(year, month, 1), to: dayOf(year, month, lastDay(year, month)) };
}

export function yearRange(year: number): DayRange {
  return { from: dayOf(year, 1, 1), to: dayOf(year, 12, 31) };
}

/**
 * A date as documents and pages write it in metadata: "2013-03-16", "2012-07", "2012", an ISO date-time
 * ("2013-03-16T08:00:00+02:00": the calendar day written, not converted to UTC), or undefined.
 */
export function parseDate(text: string | undefined | null): DayRange | undefined {
  if (!text) return undefined;
  const m = /^\s*(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?:[T\s]|$)/.exec(text);
  if (!m) return undefined;
  const year = Number(m[1]);
  if (year < 1900 || year > 2200) return undefined;
  if (!m[2]) return yearRange(year);
  const month = Number(m[2]);
  if (month < 1 || month > 12) return undefined;
  if (!m[3]) return monthRange(year, month);
  const day = Number(m[3]);
  if (day < 1 || day > lastDay(year, month)) return undefined;
  const d = dayOf(year, month, day);
  return { from: d, to: d };
}

/** The calendar parts of a day number. */
export function partsOf(day: number): { year: number; month: number; day: number; weekday: number } {
  const d = new Date(day * MS_PER_DAY);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), weekday: d.getUTCDay() };
}

/** "2013-03-16". */
export function isoDay(day: number): string {
  const p = partsOf(day);
  return `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
}

/** A range as the shortest ISO form that says it: "2013-03-16", "2012-07", "2012", or "2013-03-02/2013-03-16". */
export function isoRange(range: DayRange): string {
  const a = partsOf(range.from);
  const b = partsOf(range.to);
  if (range.from === range.to) return isoDay(range.from);
  const wholeMonth = a.day === 1 && a.year === b.year && a.month === b.month && b.day === lastDay(b.year, b.month);
  if (wholeMonth) return isoDay(range.from).slice(0, 7);
  if (a.day === 1 && a.month === 1 && b.month === 12 && b.day === 31 && a.year === b.year) return String(a.year);
  return `${isoDay(range.from)}/${isoDay(range.to)}`;
}

/** Parses what `isoRange` writes (and plain dates). */
export function parseRange(text: string | undefined): DayRange | undefined {
  if (!text) return undefined;
  const slash = text.indexOf('/');
  if (slash < 0) return parseDate(text);
  const a = parseDate(text.slice(0, slash));
  const b = parseDate(text.slice(slash + 1));
  return a && b ? { from: a.from, to: b.to } : undefined;
}

const MONTH_NAMES = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const WEEKDAY_NAMES = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** "16 Mar 2013", "Jul 2012", "2012", "2–16 Mar 2013": how a card shows a date range. */
export function formatRange(range: DayRange, withWeekday = false): string {
  const a = partsOf(range.from);
  const b = partsOf(range.to);
  const day = (p: ReturnType<typeof partsOf>) => `${withWeekday ? `${WEEKDAY_NAMES[p.weekday]} ` : ''}${p.day} ${MONTH_NAMES[p.month - 1]} ${p.year}`;
  if (range.from === range.to) return day(a);
  const iso = isoRange(range);
  if (/^\d{4}-\d{2}$/.test(iso)) return `${MONTH_NAMES[a.month - 1]} ${a.year}`;
  if (/^\d{4}$/.test(iso)) return iso;
  if (a.year === b.year && a.month === b.month) return `${a.day}–${b.day} ${MONTH_NAMES[a.month - 1]} ${a.year}`;
  if (a.year === b.year) return `${a.day} ${MONTH_NAMES[a.month - 1]} – ${b.day} ${MONTH_NAMES[b.month - 1]} ${b.year}`;
  return `${day(a)} – ${day(b)}`;
}

/** Days between two ranges (0 when they touch or overlap). */
export function gapBetween(a: DayRange, b: DayRange): number {
  if (a.to < b.from) return b.from - a.to;
  if (b.to < a.from) return a.from - b.to;
  return 0;
}

export function overlapDays(a: DayRange, b: DayRange): boolean {
  return a.from <= b.to && b.from <= a.to;
}

/** `range` moved by whole months (the same day of the month, clamped to the month's end). */
export function addMonths(day: number, months: number): number {
  const p = partsOf(day);
  const total = p.year * 12 + (p.month - 1) + months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  return dayOf(year, month, Math.min(p.day, lastDay(year, month)));
}
