import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseCuration } from '../../../lib/builder/curation';

const committed = JSON.parse(readFileSync(resolve(dirname(fileURLToPath(import.meta.url)), '../../../lib/builder/curation.json'), 'utf8')) as unknown;

describe('curation', () => {
  it('the committed curation file is valid', () => {
    const curation = parseCuration(committed);
    expect(curation.entities.length).toBeGreaterThan(40);
    // Every curated entity says what it is, in the project's words, so the card has something to show.
    for (const e of curation.entities) expect(e.description, e.id).toBeTruthy();
  });

  it('lists every problem at once, with its path', () => {
    const bad = {
      entities: [
        { id: 'person:x', name: 'X', type: 'place' },
        { id: 'Not An Id', name: 'Y', type: 'person' },
      ],
      documents: { d: { date: '16 March 2013' } },
    };
    let message = '';
    try {
      parseCuration(bad);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/^Invalid curation:/);
    expect(message).toContain('an entity id starts with its type');
    expect(message).toContain('entities.1.id');
    expect(message).toContain('documents.d.date');
  });

  it('refuses one alias given to two entities, and notes pointing at unknown entities', () => {
    expect(() =>
      parseCuration({
        entities: [
          { id: 'organization:a', name: 'A', type: 'organization', aliases: ['AA'] },
          { id: 'organization:b', name: 'B', type: 'organization', aliases: ['AA'] },
        ],
      }),
    ).toThrow(/"AA" is given to both organization:a and organization:b/);
    expect(() => parseCuration({ entities: [], figures: [{ doc: 'd', counts: 'refugees', value: 1, placeId: 'place:nowhere' }] })).toThrow(
      /unknown entity place:nowhere/,
    );
  });

  it('refuses a figure note whose counts is outside the closed vocabulary, and unknown fields', () => {
    expect(() => parseCuration({ entities: [], figures: [{ doc: 'd', counts: 'goats', value: 1 }] })).toThrow(/figures\.0\.counts/);
    expect(() => parseCuration({ entities: [], typo: true })).toThrow(/typo/);
  });
});
