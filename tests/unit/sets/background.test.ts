import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import { backgroundCounter, countPhrases, makeBackgroundTable, phraseHash, phraseKey } from '@/lib/sets/background';
import { DEFAULT_BACKGROUND, readBackground } from '../../../scripts/build-dataset';

const ROOT = resolve(import.meta.dirname, '..', '..', '..');
const CORPUS = resolve(ROOT, DEFAULT_BACKGROUND);

describe('the background table of name counts', () => {
  test('counts runs of capitalised words (names inside names too), folded as the matcher folds, never lower-case words', () => {
    const counts = countPhrases([
      'The Valdora River Authority said. The AUTHORITY met in Pontevalle on Monday, and al-Assad spoke.',
      'Officials in Pontevalle said the Organisation for Security and Co-operation in Europe would come.',
    ]);
    expect(counts.get('valdora river authority')).toBe(1);
    expect(counts.get('valdora river')).toBe(1);
    expect(counts.get('pontevalle')).toBe(2);
    expect(counts.get('authority')).toBe(2);
    // Seven words: longer than the names counted; five are counted.
    expect(counts.get(phraseKey('Organisation for Security and Co-operation in Europe'))).toBe(undefined);
    expect(counts.get(phraseKey('Organisation for Security and Co-operation'))).toBe(1);
    expect(counts.get(phraseKey('al-Assad'))).toBe(1);
    expect(counts.has('said')).toBe(false);
    expect(counts.has('monday, and')).toBe(false);
  });

  test('the table keeps counts under hashes, and a counter reads them back; a name never seen counts 0', () => {
    const texts = ['Pontevalle and Pontevalle again; Castelmora once.', 'PONTEVALLE'];
    const table = makeBackgroundTable('test pages', texts);
    expect(table.source).toBe('test pages');
    expect(table.hashes).not.toMatch(/Pontevalle/i);
    const counter = backgroundCounter(table);
    expect([counter.count('Pontevalle'), counter.count('pontevalle'), counter.count('Castelmora'), counter.count('Atlantis')]).toEqual([3, 3, 1, 0]);
    expect(counter.characters).toBe(texts[0]!.length + texts[1]!.length);
    expect(phraseHash('pontevalle')).toBe(phraseHash('pontevalle'));
    expect(phraseHash('pontevalle')).not.toBe(phraseHash('castelmora'));
  });

  test.runIf(existsSync(CORPUS) || process.env.CI === 'true')('the committed table is what `npm run dataset` makes from ../shared/corpus', { timeout: 120_000 }, () => {
    const background = readBackground(CORPUS);
    const committed = JSON.parse(readFileSync(join(ROOT, 'lib', 'sets', 'background.json'), 'utf8'));
    expect(committed).toEqual(makeBackgroundTable(background.source, background.texts));
  });
});
