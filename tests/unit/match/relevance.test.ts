// Relevance: an article is about the reference's subject when its names are evidence of it (weighted by how much
// more often the reference's documents use them than ordinary news) and it names the subject's core.
import { describe, expect, it } from 'vitest';
import { createMatcher } from '../../../lib/match';
import { evidenceOf, MAX_COUNTED, relevanceWeights, SUBJECT_EVIDENCE } from '../../../lib/match/relevance';
import { dataset as bundled } from '../../../lib/reference';
import type { Dataset, RelevanceStats } from '../../../lib/reference/types';
import { dataset, entity } from './helpers';

const stats: RelevanceStats = {
  backgroundSource: 'test',
  core: ['place:syria'],
  referenceCharacters: 10_000,
  backgroundCharacters: 1_000_000,
  reference: { 'place:syria': 10, 'place:homs': 2, 'organization:facebook': 1, 'place:turkey': 1 },
  background: { 'place:syria': 10, 'organization:facebook': 200, 'place:turkey': 20 },
  demonymsInReference: { 'place:syria': 10 },
  demonymsInBackground: { 'place:syria': 5 },
};
const subject: Dataset = {
  ...dataset([
    { ...entity('place:syria', 'place', 'Syria'), demonyms: ['Syrian', 'Syrians'] },
    entity('place:homs', 'place', 'Homs'),
    entity('place:turkey', 'place', 'Turkey'),
    entity('organization:facebook', 'organization', 'Facebook'),
  ]),
  subject: 'the Syrian war',
  relevance: stats,
};
const matcher = createMatcher(subject, { readFigures: () => [] });

describe('relevance', () => {
  it('weighs a name by how much more often the reference uses it than ordinary news, never below zero', () => {
    const w = relevanceWeights(stats);
    // Syria: 10 per 10,000 characters against 10.5 per million: ln(95) ≈ 4.6.
    expect(w.name.get('place:syria')).toBeCloseTo(Math.log(10 / 10_000 / (10.5 / 1_000_000)), 5);
    expect(w.name.get('place:homs')!).toBeGreaterThan(w.name.get('place:syria')!);
    expect(w.name.get('organization:facebook')).toBe(0);
    expect(w.demonym.get('place:syria')!).toBeGreaterThan(0);
  });

  it('counts each item at most MAX_COUNTED times, a country\'s name and demonym together', () => {
    const w = relevanceWeights(stats);
    const syria = Math.max(w.name.get('place:syria')!, w.demonym.get('place:syria')!);
    expect(evidenceOf(w, new Map([['place:syria', 2]]), new Map([['place:syria', 9]]))).toBeCloseTo(syria * MAX_COUNTED, 5);
    expect(evidenceOf(w, new Map([['organization:facebook', 50]]), new Map())).toBe(0);
  });

  it('an article is on the subject with enough evidence and a core item; nothing is highlighted otherwise', () => {
    const on = 'Syrian forces shelled Homs. Syria said Syrians fled Homs to Turkey.';
    const session = matcher.begin(on);
    session.scan(0, on.length);
    const { relevance } = session.settle();
    expect(relevance.evidence).toBeGreaterThanOrEqual(SUBJECT_EVIDENCE);
    expect(relevance).toMatchObject({ onSubject: true, namesCore: true, subject: 'the Syrian war' });
    expect(matcher.match(on).map((m) => m.text)).toEqual(['Homs', 'Syria', 'Homs', 'Turkey']);

    // Peripheral names, however often: no core item, nothing highlighted.
    const off = 'Turkey beat France. Homs FC lost. Homs, Homs, Homs. Facebook posts followed.';
    expect(matcher.match(off)).toEqual([]);
    // A core item in passing is not enough evidence either.
    expect(matcher.match('The president spoke about Syria and Facebook at length.')).toEqual([]);
  });

  it('the reader\'s "every page" setting highlights an article off the subject; a dataset without statistics gates nothing', () => {
    expect(matcher.match('Turkey beat France.', { everyPage: true }).map((m) => m.text)).toEqual(['Turkey']);
    const { relevance: _stats, ...plain } = subject;
    expect(createMatcher(plain, { readFigures: () => [] }).match('Turkey beat France.').map((m) => m.text)).toEqual(['Turkey']);
  });

  it('the bundled dataset: its subject, its core, and what it makes of a passing mention', () => {
    expect(bundled.subject).toBe('the Syrian civil war, 2012–2013');
    expect(bundled.relevance!.core).toEqual(expect.arrayContaining(['place:syria', 'person:bashar-al-assad']));
    expect(bundled.relevance!.core).not.toContain('place:turkey');
    const real = createMatcher(bundled);
    expect(real.match('Obama said the UK and the EU agree, and mentioned Syria once.')).toEqual([]);
    expect(real.match('Turkey drew Iceland 0-0 in Istanbul, which also sent France through.')).toEqual([]);
  });
});
