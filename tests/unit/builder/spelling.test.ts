// Spellings of one name, and names that only look alike.
import { describe, expect, it } from 'vitest';
import { editDistance, isShorterPersonName, nameWords, sameSpelling, wordKey } from '../../../lib/builder/spelling';

describe('nameWords', () => {
  it('drops case, accents, full stops and the Arabic article; a hyphen before lower case joins ("Co-ordination")', () => {
    expect(nameWords('Bashar Al-Assad')).toEqual(['bashar', 'assad']);
    expect(nameWords('Fahad Jassim al Feraj')).toEqual(['fahad', 'jassim', 'feraj']);
    expect(nameWords('U.N.')).toEqual(['un']);
    expect(nameWords('Ban Ki-moon')).toEqual(['ban', 'kimoon']);
    expect(nameWords('Abdul-Jabbar Aqidi')).toEqual(['abdul', 'jabbar', 'aqidi']);
    expect(nameWords('Local Co-ordination Committees')).toEqual(nameWords('Local Coordination Committees'));
    expect(nameWords('Hervé')).toEqual(['herve']);
  });
});

describe('transliterations of one name', () => {
  it.each([
    ['Dawoud', 'Daoud'],
    ['Riad', 'Riyadh'],
    ['Riad', 'Riyad'],
    ['Mouaz', 'Moaz'],
    ['Sergei', 'Sergey'],
    ['Montreux', 'Montreaux'],
    ['Zelensky', 'Zelenskiy'],
    ['Qaeda', 'Kaeda'],
    ['Mohammed', 'Mohamed'],
  ])('%s and %s share a key', (a, b) => expect(wordKey(a)).toBe(wordKey(b)));

  it.each([
    ['Homs', 'Hama'],
    ['Riad', 'Reem'],
    ['Aleppo', 'Idlib'],
    ['Kerry', 'Karim'],
  ])('%s and %s do not', (a, b) => expect(wordKey(a)).not.toBe(wordKey(b)));

  it('compares whole names word by word, with or without the article', () => {
    expect(sameSpelling('Dawoud Rajha', 'Daoud Rajha')).toBe(true);
    expect(sameSpelling('Bashar al-Assad', 'Bashar Assad')).toBe(true);
    expect(sameSpelling('Deir Al-Zor', 'Deir ez-Zor')).toBe(true);
    expect(sameSpelling('Baba Amr', 'Bab al-Amr')).toBe(true);
    expect(sameSpelling('Bashar Assad', 'Hafez Assad')).toBe(false);
    expect(sameSpelling('Riad Hijab', 'Riad Seif')).toBe(false);
  });
});

describe('isShorterPersonName', () => {
  it('takes first and last name for the fuller name, in order', () => {
    expect(isShorterPersonName('Mohammed Shaar', 'Mohammed Ibrahim al-Shaar')).toBe(true);
    expect(isShorterPersonName('Mohammed Saeed', 'Mohammed Ahmed Mustafa al-Dabi')).toBe(false);
    expect(isShorterPersonName('Shaar', 'Mohammed Ibrahim al-Shaar')).toBe(false);
    expect(isShorterPersonName('Ibrahim Mohammed', 'Mohammed Ibrahim al-Shaar')).toBe(false);
  });
});

describe('editDistance', () => {
  it('counts insertions, deletions and substitutions', () => {
    expect(editDistance('montreux', 'montreaux')).toBe(1);
    expect(editDistance('cairo', 'kerry')).toBe(4);
    expect(editDistance('', 'abc')).toBe(3);
  });
});
