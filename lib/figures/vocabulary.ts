// The closed vocabulary of what a figure counts. The reader (lib/figures/index.ts) maps context words onto it,
// the dataset builder stores it in `Figure.counts`, and the matcher compares a page figure with a reference
// figure by it. Closed on purpose: "60,000 killed in Syria" and "some 70,000 people have died" must both land
// on the same term, or the two figures can never be compared.

export const COUNTS = [
  'people killed',
  'civilians killed',
  'fighters killed',
  'soldiers killed',
  'children killed',
  'women killed',
  'officials killed',
  'people wounded',
  'people detained',
  'people displaced',
  'people fled',
  'refugees',
  'population',
  'conflict duration',
  'mission duration',
  'cluster bombs dropped',
  'bombs dropped',
  'strikes',
  'locations',
  'amateur videos',
  'videos',
  'observers',
  'explosives',
  'generals defected',
  'soldiers defected',
  'defectors',
  'national leaders',
  'peace plan points',
] as const;

export type Counts = (typeof COUNTS)[number];

export function isCounts(value: string): value is Counts {
  return (COUNTS as readonly string[]).includes(value);
}

/**
 * How a figure of each kind reads in the project's own words; `{n}` is the qualified number ("more than 70,000"),
 * `{unit}` the unit. Used by the dataset builder for `Figure.label`, and usable by the card for page figures.
 */
export const LABEL_TEMPLATES: Record<Counts, string> = {
  'people killed': '{n} people killed',
  'civilians killed': '{n} civilians killed',
  'fighters killed': '{n} fighters killed',
  'soldiers killed': '{n} soldiers killed',
  'children killed': '{n} children killed',
  'women killed': '{n} women killed',
  'officials killed': '{n} officials killed',
  'people wounded': '{n} people wounded',
  'people detained': '{n} people detained',
  'people displaced': '{n} people displaced',
  'people fled': '{n} people fled',
  refugees: '{n} refugees',
  population: 'population of {n}',
  'conflict duration': 'conflict lasting {n} {unit}',
  'mission duration': 'mission lasting {n} {unit}',
  'cluster bombs dropped': '{n} cluster bombs dropped',
  'bombs dropped': '{n} bombs dropped',
  strikes: '{n} strikes',
  locations: '{n} locations',
  'amateur videos': '{n} amateur videos',
  videos: '{n} videos',
  observers: '{n} observers',
  explosives: '{n} {unit} of explosives',
  'generals defected': '{n} generals defected',
  'soldiers defected': '{n} soldiers defected',
  defectors: '{n} defectors',
  'national leaders': '{n} national leaders',
  'peace plan points': '{n}-point peace plan',
};
