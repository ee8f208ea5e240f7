// The loose scan reads capitalised words by code unit (lib/text/chars.ts), without `\p{…}` regular expressions:
// on any text it finds exactly what the regular-expression form finds (./loose-regex.ts).
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import datasetJson from '@/lib/reference/dataset.json';
import type { Dataset } from '@/lib/reference/types';
import { buildTables } from '@/lib/match/tables';
import { looseCandidates, particleBefore } from '@/lib/match/loose';
import * as general from './loose-regex';

const tables = buildTables(datasetJson as unknown as Dataset).loose;
// The reference's loose names' words, spelt other ways, and the characters around names (astral letters, marks,
// name marks, separators).
const POOL = [
  ...' .,-–—\u00a0\u2011\'’ʼʻʾʿ\n',
  'Deir', 'ez', 'Zor', 'Dayr', 'az', 'Zawr', 'Ezzour', 'Al', 'al', 'El', 'Khatib', 'Alkhatib', 'Mouaz', 'Moaz', 'Nusrah', 'Qa\'ida', 'Qaboon', 'Yabrod',
  'Arabiya', 'Alarabiya', 'Television', 'Jabhat', 'Nusra', 'Front', 'Kremlin', 'Adelnasser', 'Adilnasir', 'Ferzat', 'Firzat', 'Bashar', 'Assad', 'Asad', 'Kofi', 'Anan',
  'Halab', 'Salaheddine', 'Salah', 'Din', 'Sakhour', 'Britain', 'Great', 'United', 'Unitid', 'Nations', 'Kingdom', 'Gen', 'Brig', 'Major', 'General',
  'National', 'Coalition', 'for', 'of', 'the', 'Syrian', 'Revolutionary', 'and', 'Opposition', 'Forces', 'Mc', 'Donald',
  'é', 'É', '\u0301', '𝐀', '𝐚', '\ud835', 'ǅ', 'İ', 'Ω', 'x', 'Q',
];
const text = fc.array(fc.constantFrom(...POOL), { maxLength: 40 }).map((parts) => parts.join(''));

/** The particle before a name as the loose scan read it with a regular expression (lib/match/loose.ts `particleBefore`). */
const PARTICLE_BEFORE = /(?<![\p{L}\p{N}])(?:(?:al|el|an|ar|as|ash|at|ad|az|ed|er|es|et|ez|en)[-\u2010\u2011]|(?:Al|El) )$/iu;
const expected = (page: string, from: number, start: number) => PARTICLE_BEFORE.exec(page.slice(Math.max(from, start - 4), start))?.[0].length ?? 0;

describe('the loose scan without \\p{…} regular expressions', () => {
  test('finds what the regular-expression form finds, in any text and any span of it', () => {
    const strip = (list: ReturnType<typeof looseCandidates>) => list.map((c) => [c.start, c.end, c.pattern.alias]);
    fc.assert(
      fc.property(text, fc.nat(), fc.nat(), (page, a, b) => {
        const from = page.length === 0 ? 0 : Math.min(a, b) % (page.length + 1);
        const to = Math.max(from, page.length === 0 ? 0 : Math.max(a, b) % (page.length + 1));
        expect(strip(looseCandidates(page, from, to, tables))).toEqual(strip(general.looseCandidates(page, from, to, tables)));
      }),
      { numRuns: 5000 },
    );
    // An astral letter just before a word ("𝐀Kremlin"), the span starting inside it: a seed found this once.
    for (const from of [0, 3, 4, 5]) {
      expect(strip(looseCandidates('Mc 𝐀Kremlin', from, 12, tables))).toEqual(strip(general.looseCandidates('Mc 𝐀Kremlin', from, 12, tables)));
    }
    // And it finds something: the pool spells the reference's loose names.
    expect(looseCandidates('Dayr az-Zawr and Alkhatib', 0, 25, tables).length).toBeGreaterThan(0);
  });

  test('skips a capitalised word by its first letter only where no name can begin with it', () => {
    // Every loose name and long name of the reference, in running text, after a sentence's first word and spelt
    // with a joined article: found as the regular-expression form finds them, and found.
    const strip = (list: ReturnType<typeof looseCandidates>) => list.map((c) => [c.start, c.end, c.pattern.alias]);
    const names = [...[...tables.byFirst.values()].flat(), ...tables.bags].map((n) => n.pattern.alias);
    expect(names.length).toBeGreaterThan(20);
    for (const name of names) {
      for (const page of [`${name} said.`, `The ${name}, Then ${name}`, `Al${name.toLowerCase()} and El${name.toLowerCase()}`, `With ${name.toUpperCase()} Opposition`]) {
        expect(strip(looseCandidates(page, 0, page.length, tables)), page).toEqual(strip(general.looseCandidates(page, 0, page.length, tables)));
      }
    }
    // Names capitalised throughout are found in running text.
    const capitalised = names.filter((name) => /^(?:\p{Lu}\S*[\s-]*)+$/u.test(name));
    expect(capitalised.filter((name) => looseCandidates(`The ${name} said.`, 0, name.length + 10, tables).length === 0)).toEqual([]);
  });

  test('reads the particle before a name as its regular expression does, in any text and from any start', () => {
    // The particles' letters in both cases, the long s and U+0345 (which case-blind matching reads as an "s" and a
    // letter), the three hyphens, a space, letters and digits of other kinds, astral letters and lone surrogates.
    const units = [...'aAlLeEsShHnNzZtTdD\u017f\u0345-\u2010\u2011 x1é.', '\ud835', '\udc00', '𝐀'];
    const check = (page: string) => {
      for (let start = 0; start <= page.length; start++) {
        for (let from = Math.max(0, start - 5); from <= start; from++) {
          if (particleBefore(page, from, start) !== expected(page, from, start)) return `${JSON.stringify(page)} from ${from} to ${start}`;
        }
      }
      return undefined;
    };
    // Every text of up to four of the units that can stand in a particle, then any text of them all.
    const particleUnits = [...'aAlLsS\u017fh-\u2011 x'];
    const wrong: string[] = [];
    const all = (prefix: string, left: number): void => {
      const found = check(prefix);
      if (found) wrong.push(found);
      if (left > 0) for (const u of particleUnits) all(prefix + u, left - 1);
    };
    all('', 4);
    expect(wrong.slice(0, 5)).toEqual([]);
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...units), { maxLength: 8 }), (parts) => {
        expect(check(parts.join(''))).toBeUndefined();
      }),
      { numRuns: 20000 },
    );
    // And it reads them: "al-", "Ash-", "Al " after a space, none after a letter.
    expect([particleBefore('x al-', 0, 5), particleBefore('Ash-', 0, 4), particleBefore(' Al ', 0, 4), particleBefore('bal-', 0, 4)]).toEqual([3, 4, 3, 0]);
  });

  // Which units case-blind Unicode matching reads as a particle's letter ("ſ" as "s") or as a letter before one
  // (U+0345) is the engine's Unicode data: every code unit is tried, so a newer Node or ICU is checked again.
  test('reads every code unit inside or before a particle as its regular expression does', { timeout: 60_000 }, () => {
    const wrong: string[] = [];
    const compare = (page: string) => {
      for (let from = 0; from <= 2; from++) {
        if (particleBefore(page, from, page.length) !== expected(page, from, page.length)) wrong.push(`${JSON.stringify(page)} from ${from}`);
      }
    };
    for (let code = 0; code < 0x10000; code++) {
      const c = String.fromCharCode(code);
      // Before a particle, in the four units looked at.
      for (const shape of ['al-', 'Al ', 'sh-', 'es\u2011']) compare(`q${c}${shape}`);
      // In place of each letter of a particle, before a hyphen and before a space.
      for (const particle of ['ash', 'al', 'el', 'an', 'ar', 'at', 'ad', 'az', 'ed', 'er', 'es', 'et', 'ez', 'en']) {
        for (let k = 0; k < particle.length; k++) {
          const page = particle.slice(0, k) + c + particle.slice(k + 1);
          compare(`${page}-`);
          if (particle.length === 2) compare(`${page} `);
        }
      }
    }
    expect(wrong.slice(0, 5)).toEqual([]);
  });
});

