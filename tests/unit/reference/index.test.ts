import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createReference, dataset } from '../../../lib/reference';
import type { Dataset } from '../../../lib/reference/types';

const small: Dataset = {
  version: 1,
  documents: [{ id: 'd1', title: 'T', sha256: 'x', length: 10 }],
  entities: [
    { id: 'place:kenya', name: 'Kenya', type: 'place', aliases: ['Kenya'], mentions: [{ doc: 'd1', start: 0, end: 5 }], figureIds: ['figure:a', 'figure:b'] },
    { id: 'organization:red-cross', name: 'Red Cross', type: 'organization', aliases: ['Red Cross', 'ICRC'], contextualAliases: ['the Committee'], mentions: [], figureIds: ['figure:b'] },
  ],
  figures: [
    { id: 'figure:a', value: 1, qualifier: 'exact', unit: 'people', counts: 'people killed', label: '1 people killed', placeId: 'place:kenya', entityIds: ['place:kenya'], mentions: [] },
    { id: 'figure:b', value: 2, qualifier: 'some', unit: 'people', counts: 'people fled', label: 'some 2 people fled', entityIds: ['place:kenya', 'organization:red-cross'], mentions: [] },
  ],
};

describe('createReference', () => {
  const ref = createReference(small);

  it('reads nothing of the dataset until a lookup asks, then only what that lookup needs', () => {
    const read: string[] = [];
    const watched = new Proxy(small, { get: (t, k, r) => (read.push(String(k)), Reflect.get(t, k, r)) });
    // The content script makes one on every page: a large reference would be indexed whole on each.
    const lazy = createReference(watched);
    expect(read).toEqual([]);
    expect(lazy.entity('place:kenya')?.name).toBe('Kenya');
    expect(read).toEqual(['entities']);
    expect(lazy.figuresOf('organization:red-cross').map((f) => f.id)).toEqual(['figure:b']);
    expect(lazy.entitiesNamed('the Committee').map((e) => e.id)).toEqual(['organization:red-cross']);
    expect(lazy.label('figure:a')).toBe('1 people killed');
  });

  it('looks up entities, figures and documents by id, and answers undefined for unknown ids', () => {
    expect(ref.entity('place:kenya')?.name).toBe('Kenya');
    expect(ref.figure('figure:b')?.qualifier).toBe('some');
    expect(ref.document('d1')?.title).toBe('T');
    expect([ref.entity('place:mars'), ref.figure('figure:z'), ref.document('nope')]).toEqual([undefined, undefined, undefined]);
  });

  it('figuresOf lists the figures tied to an entity, in dataset order', () => {
    expect(ref.figuresOf('place:kenya').map((f) => f.id)).toEqual(['figure:a', 'figure:b']);
    expect(ref.figuresOf('organization:red-cross').map((f) => f.id)).toEqual(['figure:b']);
    expect(ref.figuresOf('place:mars')).toEqual([]);
  });

  it('entitiesNamed finds an entity by any of its forms, exactly', () => {
    expect(ref.entitiesNamed('ICRC').map((e) => e.id)).toEqual(['organization:red-cross']);
    expect(ref.entitiesNamed('the Committee').map((e) => e.id)).toEqual(['organization:red-cross']);
    expect(ref.entitiesNamed('icrc')).toEqual([]);
  });

  it('figuresOf takes links recorded on either side, skips ids that name no figure, and label names any id', () => {
    const oneSided: Dataset = {
      ...small,
      entities: [{ ...small.entities[0]!, figureIds: ['figure:b', 'figure:gone'] }, { ...small.entities[1]!, figureIds: [] }],
    };
    const r = createReference(oneSided);
    expect(r.figuresOf('place:kenya').map((f) => f.id)).toEqual(['figure:a', 'figure:b']);
    expect(r.figuresOf('organization:red-cross').map((f) => f.id)).toEqual(['figure:b']);
    expect([r.label('place:kenya'), r.label('figure:b'), r.label('person:nobody')]).toEqual(['Kenya', 'some 2 people fled', 'person:nobody']);
  });

  it('over the bundled dataset, whose figures all resolve their entities', () => {
    const bundled = createReference(dataset);
    expect(bundled.dataset).toBe(dataset);
    expect(dataset.version).toBe(1);
    for (const e of dataset.entities) {
      expect(bundled.figuresOf(e.id).map((f) => f.id)).toEqual(e.figureIds);
    }
  });
});

describe('fit for the content script', () => {
  it('lib/reference/index.ts and its lookups import only the data and its types, never the builder or its NLP library', () => {
    const source = readFileSync(resolve(dirname(fileURLToPath(import.meta.url)), '../../../lib/reference/index.ts'), 'utf8');
    const imports = [...source.matchAll(/^\s*(?:import|export)[^'"]*from\s+['"]([^'"]+)['"]/gm)].map((m) => m[1]);
    expect(imports.length).toBeGreaterThan(0);
    for (const spec of imports) expect(['./dataset.json', './types', './lookup']).toContain(spec);
    const lookup = readFileSync(resolve(dirname(fileURLToPath(import.meta.url)), '../../../lib/reference/lookup.ts'), 'utf8');
    expect([...lookup.matchAll(/^\s*(?:import|export)[^'"]*from\s+['"]([^'"]+)['"]/gm)].map((m) => m[1])).toEqual(['./types']);
  });
});
