// Calendar days for figure comparisons: a date is a range of days (a document dated "2012-07" could be any day of
// that July), days are counted from 1970-01-01 (UTC), and labels are in the project's own words ("16 Mar 2013").

export interface DayRange {
  /** First and last day, inclusive, as days since 1970-01-01. */
  from: number;
  to: number;
}

// The calendar is worked out in integers (the proleptic Gregorian days-from-civil algorithm, as Date.UTC and the
// getUTC… methods count), not through Date objects: a page's first Date costs the browser more than all of a
// figure's date arithmetic, and a reference's figures are dated by the thousand. Exactly what Date says, for every
// input Date accepts (tests/unit/figures/dates.test.ts compares the two).

/** Date's limit: ±100,000,000 days around 1970-01-01 (a time value beyond ±8.64e15 ms is NaN). */
const MAX_DAYS = 100_000_000;

/** Days since 1970-01-01 of year-month-day with month 1-12 and day 1 on (later days run into the next months). */
function civilToDays(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5);
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468 + (day - 1);
}

/** Date.UTC's reading of its arguments: whole numbers, a two-digit year in the 1900s, months past 12 into years. */
export function dayOf(year: number, month: number, day: number): number {
  if (!Number.isFinite(year) || !Number.isFinite(month) || !Number.isFinite(day)) return NaN;
  let y = Math.trunc(year);
  if (y >= 0 && y <= 99) y += 1900;
  const m0 = Math.trunc(month) - 1;
  const days = civilToDays(y + Math.floor(m0 / 12), (((m0 % 12) + 12) % 12) + 1, 1) + Math.trunc(day) - 1;
  return Math.abs(days) > MAX_DAYS ? NaN : days;
}

/** The last day of a month (1-12). */
function lastDay(year: number, month: number): number {
  return partsOf(dayOf(year, month + 1, 0)).day;
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
  // A fraction of a day is a time within it; beyond Date's range, or not a number, every part is NaN.
  const ms = day * 86_400_000;
  if (!(Math.abs(ms) <= 8.64e15)) return { year: NaN, month: NaN, day: NaN, weekday: NaN };
  const z0 = Math.floor(Math.trunc(ms) / 86_400_000);
  const z = z0 + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return { year, month, day: d, weekday: (((z0 + 4) % 7) + 7) % 7 };
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
