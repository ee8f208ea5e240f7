// Small datasets written for the sets tests: two documents, a few entities and figures, provenance inside the texts.
import type { Dataset, Entity, Figure } from '@/lib/reference/types';
import { sha256Hex } from '@/lib/builder/sha256';

export const TEXTS: Record<string, string> = {
  d0001: 'Mayor Ana Ortiz said the Riverside Water Authority raised rates. Ortiz spoke in Millbrook.',
  d0002: 'The Riverside Water Authority said 1,200 households in Millbrook lost water on Monday.',
};

export function entity(over: Partial<Entity> & Pick<Entity, 'id' | 'name'>): Entity {
  return { type: 'person', aliases: [over.name], mentions: [], figureIds: [], ...over };
}

const at = (doc: string, form: string, nth = 0) => {
  let from = 0;
  let start = -1;
  for (let i = 0; i <= nth; i++) {
    start = TEXTS[doc]!.indexOf(form, from);
    from = start + 1;
  }
  if (start < 0) throw new Error(`${form} not in ${doc}`);
  return { doc, start, end: start + form.length };
};

export function sampleDataset(): Dataset {
  const figure: Figure = {
    id: 'figure:households-1200',
    value: 1200,
    qualifier: 'exact',
    unit: 'households',
    counts: 'households',
    label: '1,200 households',
    entityIds: ['place:millbrook', 'organization:riverside-water-authority'],
    placeId: 'place:millbrook',
    attributedToId: 'organization:riverside-water-authority',
    mentions: [at('d0002', '1,200 households')],
  };
  return {
    version: 1,
    documents: Object.entries(TEXTS).map(([id, text]) => ({ id, title: `Title ${id}`, date: '2024-05-01', sha256: sha256Hex(text), length: text.length })),
    entities: [
      entity({ id: 'organization:riverside-water-authority', name: 'Riverside Water Authority', type: 'organization', mentions: [at('d0001', 'Riverside Water Authority'), at('d0002', 'Riverside Water Authority')], figureIds: [figure.id] }),
      entity({ id: 'person:ana-ortiz', name: 'Ana Ortiz', aliases: ['Ana Ortiz'], contextualAliases: ['Ortiz'], mentions: [at('d0001', 'Ana Ortiz'), at('d0001', 'Ortiz', 1)] }),
      entity({ id: 'place:millbrook', name: 'Millbrook', type: 'place', placeKind: 'town', mentions: [at('d0001', 'Millbrook'), at('d0002', 'Millbrook')], figureIds: [figure.id] }),
    ],
    figures: [figure],
    relevance: {
      backgroundSource: 'test',
      referenceCharacters: 170,
      backgroundCharacters: 100_000,
      core: ['place:millbrook'],
      reference: { 'place:millbrook': 2, 'person:ana-ortiz': 2, 'organization:riverside-water-authority': 2 },
      background: { 'place:millbrook': 1 },
      demonymsInReference: {},
      demonymsInBackground: {},
    },
  } as Dataset;
}
