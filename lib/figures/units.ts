// What a unit measures, and its size in that measure's base: the synonym groups and conversions the figure
// comparison uses (./tolerance.ts). A unit not listed measures only itself ("bombs" meet only "bombs").
//
// - Persons: every unit that counts people is one measure. Which people is already said by what the figure
//   counts ("officials killed", "civilians killed"), so "four officials" and "four members" (of the inner circle)
//   meet, while a count of civilians never meets a count of fighters: they count different things.
// - Mass in kilograms: a ton is read as a metric tonne (news copy rarely says which, and the rounding step of
//   "two tons" covers the difference to a short ton).
// - Time in days, with the mean month and year.

export interface Measure {
  dimension: string;
  factor: number;
}

const PERSONS = [
  'people', 'civilians', 'children', 'women', 'men', 'fighters', 'soldiers', 'members', 'officials', 'generals',
  'leaders', 'observers', 'refugees', 'defectors', 'protesters', 'journalists', 'residents',
];

const MEASURES: Record<string, Measure> = {
  ...Object.fromEntries(PERSONS.map((u) => [u, { dimension: 'persons', factor: 1 }])),
  kilograms: { dimension: 'mass', factor: 1 },
  tons: { dimension: 'mass', factor: 1000 },
  pounds: { dimension: 'mass', factor: 0.45359237 },
  hours: { dimension: 'time', factor: 1 / 24 },
  days: { dimension: 'time', factor: 1 },
  weeks: { dimension: 'time', factor: 7 },
  months: { dimension: 'time', factor: 365.2425 / 12 },
  years: { dimension: 'time', factor: 365.2425 },
};

export function measureOf(unit: string): Measure {
  return MEASURES[unit] ?? { dimension: unit, factor: 1 };
}
