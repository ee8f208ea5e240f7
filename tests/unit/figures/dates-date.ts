// The calendar as Date counts it: the form lib/figures/dates.ts had before it worked in integers, kept as the
// oracle its property test compares with (./dates.test.ts).
const MS_PER_DAY = 86_400_000;

export function dayOf(year: number, month: number, day: number): number {
  return Math.floor(Date.UTC(year, month - 1, day) / MS_PER_DAY);
}

export function lastDay(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function partsOf(day: number): { year: number; month: number; day: number; weekday: number } {
  const d = new Date(day * MS_PER_DAY);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), weekday: d.getUTCDay() };
}
