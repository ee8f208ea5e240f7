// The scorer of the builder section of `npm run eval`: each kind of mistake is counted as the gold's rules say.
import { describe, expect, it } from 'vitest';
import { mergeGold, nameKey, scoreFigures, scoreNames, type GoldEntity, type ScoredEntity } from '../../../scripts/eval/builder';

const GOLD: GoldEntity[] = [
  { key: 'person:riad-hijab', type: 'person', names: ['Riad Hijab', 'Riyad Hijab'], short: ['Hijab'] },
  { key: 'organization:fsa', type: 'organization', names: ['Free Syrian Army'], short: ['FSA'] },
  { key: 'place:homs', type: 'place', names: ['Homs'], kind: 'city' },
  { key: 'place:deir', type: 'place', names: ['Deir ez-Zor'] },
  { key: 'organization:youtube', type: 'organization', names: ['YouTube'], optional: true },
];

const entity = (name: string, type: ScoredEntity['type'], forms: string[] = [], placeKind?: string): ScoredEntity => ({ name, type, forms: [name, ...forms], ...(placeKind ? { placeKind } : {}) });

describe('scoreNames', () => {
  it('counts right names, with their short forms and place kinds', () => {
    const s = scoreNames('d', [entity('Riyad Hijab', 'person', ['Hijab']), entity('Free Syrian Army', 'organization'), entity('HOMS', 'place', [], 'city')], GOLD);
    expect(s.all).toEqual({ tp: 3, fp: 0, fn: 1 });
    expect(s.shortForms).toEqual({ merged: 1, total: 2 });
    expect(s.placeKinds).toEqual({ right: 1, total: 1 });
    expect(s.errors).toEqual([{ doc: 'd', kind: 'missed', type: 'place', name: 'Deir ez-Zor' }]);
  });

  it('calls a short form on its own unmerged, a second spelling a duplicate, a wrong type and anything else junk', () => {
    const s = scoreNames(
      'd',
      [entity('Riad Hijab', 'person'), entity('Riyad Hijab', 'person'), entity('FSA', 'organization'), entity('Homs', 'organization'), entity('Terrorist group', 'organization'), entity('YouTube', 'organization')],
      GOLD,
    );
    expect(s.errors.map((e) => [e.kind, e.name])).toEqual([
      ['duplicate', 'Riyad Hijab'],
      ['wrong type', 'Homs'],
      ['unmerged', 'FSA'],
      ['junk', 'Terrorist group'],
      ['missed', 'Free Syrian Army'],
      ['missed', 'Homs'],
      ['missed', 'Deir ez-Zor'],
    ]);
    expect(s.all).toEqual({ tp: 1, fp: 4, fn: 3 });
    expect(s.byType.organization).toEqual({ tp: 0, fp: 3, fn: 1 });
  });

  it('compares names without case, accents, full stops, hyphens or a leading "the"', () => {
    expect(nameKey('The U.N.')).toBe(nameKey('UN'));
    expect(nameKey('Deir Ez-Zor')).toBe(nameKey('deir ez zor'));
    expect(nameKey('Hervé Ladsous')).toBe(nameKey('Herve Ladsous'));
  });
});

describe('mergeGold', () => {
  it('joins one entity across documents; a name in one document is not a short form in the union', () => {
    const merged = mergeGold([
      { entities: [{ key: 'organization:unsc', type: 'organization', names: ['U.N. Security Council'], short: ['Security Council'] }] },
      { entities: [{ key: 'organization:unsc', type: 'organization', names: ['Security Council'] }] },
    ]);
    expect(merged).toEqual([{ key: 'organization:unsc', type: 'organization', names: ['U.N. Security Council', 'Security Council'], short: [], optional: false }]);
  });
});

describe('scoreFigures', () => {
  it('needs the value and what it counts; another hedge of the same fact is neither right nor wrong', () => {
    const s = scoreFigures(
      'd',
      [
        { value: 93000, qualifier: 'at least', counts: 'people killed', label: 'a' },
        { value: 93000, qualifier: 'up to', counts: 'people killed', label: 'b' },
        { value: 10, qualifier: 'exact', counts: 'defectors', label: 'c' },
        { value: 7, qualifier: 'exact', counts: 'observers', label: 'd' },
      ],
      [
        { value: 93000, qualifier: 'at least', counts: ['people killed'], what: 'killed' },
        { value: 10, qualifier: 'exact', counts: ['soldiers killed'], what: 'defectors killed' },
        { value: 68, qualifier: 'exact', counts: [], what: 'classrooms' },
      ],
    );
    expect([s.tp, s.fp, s.fn, s.wrongCounts, s.qualifierAgrees]).toEqual([1, 2, 2, 1, 1]);
    expect(s.expressible).toEqual({ tp: 1, total: 2 });
  });
});
