import { describe, expect, test } from 'vitest';
import { applyEdits, describeEdit, entityTarget, figureTarget, type CurationEdit } from '@/lib/sets/curation';
import { sampleDataset, TEXTS } from './fixtures';

const base = sampleDataset();
const byId = (d = base) => new Map(d.entities.map((e) => [e.id, e]));
const ortiz = entityTarget(byId().get('person:ana-ortiz')!);
const authority = entityTarget(byId().get('organization:riverside-water-authority')!);
const millbrook = entityTarget(byId().get('place:millbrook')!);
const households = figureTarget(base.figures[0]!);

describe('applyEdits', () => {
  test('never changes the dataset it is given, and applies nothing for no edits', () => {
    const before = JSON.stringify(base);
    const { dataset, outcomes } = applyEdits(base, [{ kind: 'remove', entity: ortiz }]);
    expect(JSON.stringify(base)).toBe(before);
    expect(outcomes).toEqual([{ applied: true }]);
    expect(dataset).not.toBe(base);
    expect(applyEdits(base, []).dataset).toBe(base);
  });

  test('rename keeps the id (notes stay linked) and the old name as an alias', () => {
    const { dataset } = applyEdits(base, [{ kind: 'rename', entity: ortiz, name: ' Ana María Ortiz ' }]);
    const e = byId(dataset).get('person:ana-ortiz')!;
    expect(e.name).toBe('Ana María Ortiz');
    expect(e.aliases).toEqual(['Ana María Ortiz', 'Ana Ortiz']);
  });

  test('merge moves names, mentions, figures and relevance counts into the kept entity, and later edits of the merged id follow it', () => {
    const edits: CurationEdit[] = [
      { kind: 'merge', entity: millbrook, into: authority },
      { kind: 'add-alias', entity: millbrook, alias: 'the Authority' },
    ];
    const { dataset, outcomes } = applyEdits(base, edits);
    expect(outcomes.every((o) => o.applied)).toBe(true);
    const ids = byId(dataset);
    expect(ids.has('place:millbrook')).toBe(false);
    const kept = ids.get('organization:riverside-water-authority')!;
    expect(kept.aliases).toEqual(['Riverside Water Authority', 'Millbrook', 'the Authority']);
    const where = (doc: string, form: string) => `${doc}:${TEXTS[doc]!.indexOf(form)}`;
    expect(kept.mentions.map((m) => `${m.doc}:${m.start}`)).toEqual(
      [where('d0001', 'Riverside'), where('d0001', 'Millbrook'), where('d0002', 'Riverside'), where('d0002', 'Millbrook')],
    );
    const f = dataset.figures[0]!;
    expect(f.placeId).toBe('organization:riverside-water-authority');
    expect(f.entityIds).toEqual(['organization:riverside-water-authority']);
    expect(dataset.relevance!.reference['organization:riverside-water-authority']).toBe(4);
    expect(dataset.relevance!.background['organization:riverside-water-authority']).toBe(1);
    expect(dataset.relevance!.core).toEqual(['organization:riverside-water-authority']);
  });

  test('remove drops the entity everywhere: figures no longer point at it, nor do relevance counts', () => {
    const { dataset } = applyEdits(base, [{ kind: 'remove', entity: millbrook }]);
    expect(byId(dataset).has('place:millbrook')).toBe(false);
    const f = dataset.figures[0]!;
    expect(f.placeId).toBeUndefined();
    expect(f.entityIds).toEqual(['organization:riverside-water-authority']);
    expect(dataset.relevance!.reference['place:millbrook']).toBeUndefined();
    expect(dataset.relevance!.core).toEqual([]);
  });

  test('aliases: added (taken out of the contextual forms), removed; the name itself and another entity’s name are refused', () => {
    const { dataset, outcomes } = applyEdits(base, [
      { kind: 'add-alias', entity: ortiz, alias: 'Ortiz' },
      { kind: 'add-alias', entity: ortiz, alias: 'Millbrook' },
      { kind: 'remove-alias', entity: ortiz, alias: 'Ana Ortiz' },
      { kind: 'remove-alias', entity: authority, alias: 'Nowhere' },
    ]);
    const e = byId(dataset).get('person:ana-ortiz')!;
    expect(e.aliases).toEqual(['Ana Ortiz', 'Ortiz']);
    expect(e.contextualAliases).toBeUndefined();
    expect(outcomes.map((o) => o.applied)).toEqual([true, false, false, false]);
    expect(outcomes[1]!.reason).toMatch(/name of “Millbrook”: merge/);
    expect(outcomes[2]!.reason).toMatch(/rename it first/);
    const removed = applyEdits(dataset, [{ kind: 'remove-alias', entity: ortiz, alias: 'ortiz' }]).dataset;
    expect(byId(removed).get('person:ana-ortiz')!.aliases).toEqual(['Ana Ortiz']);
  });

  test('a category change keeps the id; a place kind goes with a place', () => {
    const { dataset } = applyEdits(base, [{ kind: 'set-type', entity: millbrook, type: 'organization' }]);
    const e = byId(dataset).get('place:millbrook')!;
    expect(e.type).toBe('organization');
    expect(e.placeKind).toBeUndefined();
  });

  test('a figure is fixed (label made again in the project’s words) or dropped, and the entities’ links follow', () => {
    const fixed = applyEdits(base, [{ kind: 'fix-figure', figure: households, value: 1300, qualifier: 'more than', unit: 'households' }]).dataset;
    expect(fixed.figures[0]).toMatchObject({ value: 1300, qualifier: 'more than', label: 'more than 1,300 households' });
    const dropped = applyEdits(base, [{ kind: 'drop-figure', figure: households }]).dataset;
    expect(dropped.figures).toEqual([]);
    expect(byId(dropped).get('place:millbrook')!.figureIds).toEqual([]);
  });

  test('a target whose id changed is found by its mention, then by its name; one found nowhere does nothing and says why', () => {
    const moved = { ...ortiz, id: 'person:someone-else' };
    expect(byId(applyEdits(base, [{ kind: 'rename', entity: moved, name: 'A. Ortiz' }]).dataset).get('person:ana-ortiz')!.name).toBe('A. Ortiz');
    const byName = { id: 'person:x', name: 'ana ortiz' };
    expect(byId(applyEdits(base, [{ kind: 'rename', entity: byName, name: 'B. Ortiz' }]).dataset).get('person:ana-ortiz')!.name).toBe('B. Ortiz');
    const nowhere = { id: 'person:x', name: 'Nobody', mention: { doc: 'd0009', start: 0, end: 3 } };
    const { dataset, outcomes } = applyEdits(base, [{ kind: 'remove', entity: nowhere }]);
    expect(outcomes[0]).toEqual({ applied: false, reason: '“Nobody” is no longer in the set' });
    expect(dataset.entities).toHaveLength(base.entities.length);
  });

  test('each edit says what it did in one line', () => {
    expect(describeEdit({ kind: 'merge', entity: millbrook, into: authority })).toBe('Merged “Millbrook” into “Riverside Water Authority”');
    expect(describeEdit({ kind: 'set-type', entity: millbrook, type: 'organization' })).toBe('Made “Millbrook” an organisation');
  });
});
