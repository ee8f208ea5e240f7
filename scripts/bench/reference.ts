// A generated reference for `npm run bench`: the bundled dataset grown to the size a reader's own reference may
// reach (10,000 entities with 50,000 aliases, 5,000 figures), to show whether loading and matching stay flat as
// the reference grows. Deterministic (a seeded PRNG), so every run and machine benches the same reference. The
// names are made of syllables that are not English words, so the seed pages' text matches what it matched with
// the bundled reference, plus whatever generated name happens to occur (none do): the work measured is the
// cost of the reference's size, not of more matches.
import { COUNTS } from '../../lib/figures/vocabulary';
import type { Dataset, Entity, EntityType, Figure } from '../../lib/reference/types';
import { prng } from './prng';

export interface ReferenceSize {
  entities: number;
  aliases: number;
  figures: number;
}

export const LARGE_REFERENCE: ReferenceSize = { entities: 10_000, aliases: 50_000, figures: 5_000 };


const ONSETS = ['b', 'd', 'f', 'g', 'k', 'l', 'm', 'n', 'r', 's', 't', 'v', 'z', 'kh', 'sh', 'th', 'dr', 'tr', 'br', 'gr'];
const VOWELS = ['a', 'e', 'i', 'o', 'u', 'ai', 'ou', 'ei'];
const CODAS = ['', 'n', 'r', 'l', 'm', 'sh', 'k', 'th', 'z'];

const TYPES: readonly EntityType[] = ['person', 'place', 'organization'];

/**
 * The bundled `base` plus generated entities and figures up to `size` in all. Each generated entity has
 * aliases/entities aliases (its name and spellings of it), is tied to its figures, and appears in the relevance
 * statistics like a real one, so every table the matcher builds grows with it.
 */
export function generateReference(base: Dataset, size: ReferenceSize = LARGE_REFERENCE): Dataset {
  const random = prng(0x5eed_2013);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const used = new Set(base.entities.flatMap((e) => e.aliases.map((a) => a.toLowerCase())));
  const word = (syllables: number) => {
    let w = '';
    for (let i = 0; i < syllables; i++) w += pick(ONSETS) + pick(VOWELS) + pick(CODAS);
    return w[0]!.toUpperCase() + w.slice(1);
  };
  const fresh = (make: () => string) => {
    for (;;) {
      const name = make();
      if (!used.has(name.toLowerCase())) {
        used.add(name.toLowerCase());
        return name;
      }
    }
  };
  const doc = base.documents[0]?.id ?? 'generated';
  const entities: Entity[] = [...base.entities];
  const reference: Record<string, number> = { ...(base.relevance?.reference ?? {}) };
  const background: Record<string, number> = { ...(base.relevance?.background ?? {}) };
  const perEntity = Math.max(1, Math.round(size.aliases / size.entities));
  for (let i = entities.length; i < size.entities; i++) {
    const type = TYPES[i % TYPES.length]!;
    const given = word(2);
    const family = word(2 + (i % 2));
    const name = fresh(() => (type === 'person' ? `${given} ${family}` : type === 'place' ? `${family} ${pick(['Province', 'Valley', 'Heights', 'Junction'])}` : `${given} ${family} Front`));
    const spellings = [
      (n: string) => n.replace(/ou/g, 'u'),
      (n: string) => n.replace(/ei/g, 'ey'),
      (n: string) => `al-${n}`,
      (n: string) => n.replace(/k/g, 'q'),
      (n: string) => n.replace(/sh/g, 'ch'),
      (n: string) => `${n} ${pick(['Brigade', 'Council', 'District', 'Office'])}`,
    ];
    const aliases = [name];
    for (const spell of spellings) {
      if (aliases.length >= perEntity) break;
      const alias = spell(name);
      if (!used.has(alias.toLowerCase())) {
        used.add(alias.toLowerCase());
        aliases.push(alias);
      }
    }
    while (aliases.length < perEntity) aliases.push(fresh(() => `${name} ${word(1)}`));
    const id = `${type}:generated-${i}`;
    entities.push({ id, name, type, aliases, mentions: [{ doc, start: 0, end: name.length }], figureIds: [] });
    reference[id] = 1 + Math.floor(random() * 4);
    if (random() < 0.3) background[id] = Math.floor(random() * 3);
  }
  const figures: Figure[] = [...base.figures];
  const generated = entities.slice(base.entities.length);
  for (let i = figures.length; i < size.figures && generated.length > 0; i++) {
    // Only generated entities get generated figures: the bundled ones stay as they are.
    const owner = generated[Math.floor(random() * generated.length)]!;
    const counts = pick(COUNTS);
    const value = (1 + Math.floor(random() * 900)) * pick([1, 10, 100, 1000]);
    const id = `figure:generated-${i}`;
    figures.push({
      id,
      value,
      qualifier: pick(['exact', 'more than', 'about', 'up to'] as const),
      unit: 'people',
      counts,
      label: `${value.toLocaleString('en')} ${counts}`,
      asOf: `2012-${String(1 + (i % 12)).padStart(2, '0')}`,
      scope: pick(['total', 'event', 'span', 'state'] as const),
      ...(owner.type === 'place' ? { placeId: owner.id } : {}),
      entityIds: [owner.id],
      mentions: [{ doc, start: 0, end: 1 }],
    });
    owner.figureIds.push(id);
  }
  return {
    ...base,
    entities,
    figures,
    ...(base.relevance ? { relevance: { ...base.relevance, reference, background } } : {}),
  };
}
