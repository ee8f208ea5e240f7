// The middle of the benches' samples: one rule for every figure they print.

/** The middle sample (the mean of the two middle ones for an even count); NaN for none. */
export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** The median of the samples that were measured (a run that did not measure a phase gives NaN); NaN for none. */
export const medianOfMeasured = (xs: readonly number[]): number => median(xs.filter((x) => !Number.isNaN(x)));
