// The month names the figure reader looks for beside a day-like number ("15 March", "March 15"), so that a date is
// not read as a count, and the spaces it reads between words.

/** The spaces between a number and its words. */
export const SPACE_CHARS = ' \u00a0';
export const SPACE = `[${SPACE_CHARS}]+`;

const MONTH_NAMES = [
  'january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december',
  'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec',
];
const MONTHS = MONTH_NAMES.join('|');
/** The word "15 of March" may hold between the number and the month. */
const OF = 'of';
export const MONTH_BEFORE_RE = new RegExp(`\\b(?:${MONTHS})\\.?${SPACE}$`, 'i');
export const MONTH_AFTER_RE = new RegExp(`^${SPACE}(?:${OF}${SPACE})?(?:${MONTHS})\\b`, 'i');

/** The first letters every month name above starts with, as many as the shortest name has. */
const START_LENGTH = Math.min(...MONTH_NAMES.map((m) => m.length));
const MONTH_STARTS = new Set(MONTH_NAMES.map((m) => m.slice(0, START_LENGTH)));

/**
 * Whether MONTH_AFTER_RE could match `s`: spaces, perhaps "of" and spaces, then a month's first letters (in any ASCII
 * case, all a case-blind expression without the u flag reads). The expression is the figure reader's third largest
 * to compile, and most numbers are followed by no month.
 */
export function monthMayFollow(s: string): boolean {
  let i = 0;
  const spaces = () => {
    const from = i;
    while (i < s.length && SPACE_CHARS.includes(s[i]!)) i++;
    return i > from;
  };
  const startsMonth = () => MONTH_STARTS.has(s.slice(i, i + START_LENGTH).toLowerCase());
  if (!spaces()) return false;
  if (startsMonth()) return true;
  if (s.slice(i, i + OF.length).toLowerCase() !== OF) return false;
  i += OF.length;
  return spaces() && startsMonth();
}

/** Whether a month follows, as in "15 March" or "15 of March", at the start of `s` (the text after the number). */
export function monthFollows(s: string): boolean {
  return monthMayFollow(s) && MONTH_AFTER_RE.test(s);
}
