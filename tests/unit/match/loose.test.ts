// Transliteration-tolerant names: every spelling outlets use finds the name; no ordinary English word ever does.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import nlp from 'compromise';
import { describe, expect, it } from 'vitest';
import { createMatcher } from '../../../lib/match';
import { buildLooseTables, englishLooseKeys, looseCandidates, looseEligible } from '../../../lib/match/loose';
import { compileAliases } from '../../../lib/match/aliases';
import { dataset as bundled } from '../../../lib/reference';
import type { Entity } from '../../../lib/reference/types';
import { dataset } from './helpers';

const noFigures = { readFigures: () => [] };
const person = (id: string, name: string, looseNames: string[], extra: Partial<Entity> = {}): Entity => ({
  id,
  name,
  type: id.split(':')[0] as Entity['type'],
  aliases: [name],
  looseNames,
  mentions: [],
  figureIds: [],
  ...extra,
});

const reference = dataset([
  person('person:mouaz-al-khatib', 'Mouaz al-Khatib', ['Mouaz al-Khatib']),
  person('person:khalouf', 'Mohammed Ezz al-Din Khalouf', ['Mohammed Ezz al-Din Khalouf', 'Khalouf'], { shortNames: ['Khalouf'] }),
  person('place:deir-el-zour', 'Deir el-Zour', ['Deir el-Zour']),
  person('organization:nusra', 'Jabhat al-Nusra', ['Jabhat al-Nusra']),
  person('organization:al-qaida', 'al-Qaida', ['al-Qaida']),
  person('place:qaboun', 'Qaboun', ['Qaboun']),
  person('place:yabrud', 'Yabrud', ['Yabrud']),
  person('organization:coalition', 'National Coalition for Syrian Revolutionary and Opposition Forces', []),
]);
const matcher = createMatcher(reference, noFigures);
const ids = (text: string) => matcher.match(text).map((m) => [m.text, m.referenceId]);

describe('spellings the aliases do not list', () => {
  it.each([
    ['Alkhatib', 'Mouaz Alkhatib', 'person:mouaz-al-khatib'],
    ['al-Khateeb', 'Mouaz al-Khateeb', 'person:mouaz-al-khatib'],
    ['Moaz', 'Moaz al Khatib', 'person:mouaz-al-khatib'],
    ['Khalluf', 'Khalluf', 'person:khalouf'],
    ['Dayr az-Zawr', 'Dayr az-Zawr', 'place:deir-el-zour'],
    ['Deir Ezzour', 'Deir Ezzour', 'place:deir-el-zour'],
    ['Nusrah', 'Jabhat al-Nusrah', 'organization:nusra'],
    ["Qa'ida", "Al-Qa'ida", 'organization:al-qaida'],
    ['Qaeda', 'al-Qaeda', 'organization:al-qaida'],
    ['Qaboon', 'Qaboon', 'place:qaboun'],
    ['Yabrod', 'Yabrod', 'place:yabrud'],
  ])('%s', (_label, spelling, id) => {
    expect(ids(`Reports said ${spelling} was involved.`)).toEqual([[spelling, id]]);
  });

  it('a long formal name reordered, with one word different, is that name; its parts alone are not', () => {
    expect(ids('The National Coalition of the Syrian Revolutionary Forces and the Opposition met.')).toEqual([
      ['National Coalition of the Syrian Revolutionary Forces and the Opposition', 'organization:coalition'],
    ]);
    expect(ids('the Chairman of Syrian National Council for Opposition and Revolutionary Forces (SNCORF)')).toEqual([
      ['Syrian National Council for Opposition and Revolutionary Forces', 'organization:coalition'],
    ]);
    expect(ids('The Syrian National Council met the Revolutionary Forces.')).toEqual([]);
  });

  // Variant spellings, generated: the article joined, dropped or capitalised; letters doubled or single; each vowel
  // group in the class transliterations mix it with (ou/oo/u/o, ee/i, ai/ay/ei/ae); -a and -ah.
  const article = fc.constantFrom('al-', 'el-', 'Al-', 'al ', 'Al', '');
  const VOWEL_CLASSES: Record<string, string[]> = {
    ou: ['ou', 'oo', 'u', 'o'],
    oo: ['ou', 'oo', 'u'],
    u: ['u', 'ou', 'oo'],
    o: ['o', 'ou'],
    i: ['i', 'ee'],
    ee: ['ee', 'i'],
    ei: ['ei', 'ai', 'ay', 'ey'],
    ai: ['ai', 'ay', 'ei', 'ae'],
    ae: ['ae', 'ai'],
    oua: ['oua', 'oa', 'ua'],
  };
  const respell = (word: string) =>
    fc.tuple(fc.array(fc.nat(3), { minLength: 6, maxLength: 6 }), fc.boolean(), fc.boolean()).map(([picks, doubled, ah]) => {
      let k = 0;
      let w = (word.match(/[aeiou]+|[^aeiou]+/g) ?? []).map((run) => {
        const forms = VOWEL_CLASSES[run];
        return forms ? forms[picks[k++ % picks.length]! % forms.length]! : run;
      }).join('');
      if (doubled) w = w.replace(/([bdfklmnrstz])(?!\1)/, '$1$1');
      if (ah) w = w.replace(/a$/, 'ah');
      return w;
    });
  const cap = (w: string) => w[0]!.toUpperCase() + w.slice(1);

  it('property: "Mouaz al-Khatib" in any of these spellings', () => {
    fc.assert(
      fc.property(respell('mouaz'), article, respell('khatib'), (first, art, last) => {
        const spelling = `${cap(first)} ${art}${art === 'Al' ? last : cap(last)}`.replace(/\s+/g, ' ');
        const found = matcher.match(`Yesterday ${spelling} said so.`);
        expect(found.map((m) => m.referenceId), spelling).toEqual(['person:mouaz-al-khatib']);
      }),
      { numRuns: 300 },
    );
  });

  it('property: "Deir el-Zour" and "Jabhat al-Nusra" in any of these spellings', () => {
    fc.assert(
      fc.property(respell('deir'), article, respell('zour'), respell('nusra'), (deir, art, zour, nusra) => {
        const place = `${cap(deir)} ${art}${art === 'Al' ? zour : cap(zour)}`;
        const group = `Jabhat ${art}${art === 'Al' ? nusra : cap(nusra)}`;
        const found = matcher.match(`Fighting in ${place} involved ${group} units.`);
        expect(found.map((m) => m.referenceId), `${place} / ${group}`).toEqual(['place:deir-el-zour', 'organization:nusra']);
      }),
      { numRuns: 300 },
    );
  });
});

describe('ordinary English words never fold onto a name', () => {
  // The English lexicon of the NLP library, every word capitalised as at a sentence start, and the words of the
  // background news pages when they are there.
  const lexicon = Object.keys((nlp as unknown as { world(): { model: { one: { lexicon: Record<string, unknown> } } } }).world().model.one.lexicon).filter((w) =>
    /^[a-z]+$/.test(w),
  );
  const corpus = resolve(import.meta.dirname, '../../../../shared/corpus');
  const pageWords = existsSync(corpus)
    ? readdirSync(corpus).flatMap((d) => {
        const f = join(corpus, d, 'expected.txt');
        return existsSync(f) ? (readFileSync(f, 'utf8').match(/\p{L}+/gu) ?? []) : [];
      })
    : [];
  // The names' own words ("britain", "khatib") are not ordinary words: spelled as the name, they are the name.
  const nameWords = new Set(
    bundled.entities.flatMap((e) => [e.name, ...e.aliases, ...(e.shortNames ?? [])]).flatMap((a) => a.toLowerCase().split(/[^\p{L}]+/u)),
  );
  const allWords = [...new Set([...lexicon, ...pageWords.map((w) => w.toLowerCase())])];
  const words = allWords.filter((w) => !nameWords.has(w));
  const tables = buildLooseTables(compileAliases(bundled));
  const capitalised = (w: string) => w[0]!.toUpperCase() + w.slice(1);

  it('no word alone, and no two words in a row, of the lexicon or the pages match a name loosely', () => {
    expect(words.length).toBeGreaterThan(20_000);
    expect(tables.byFirst.size).toBeGreaterThan(10);
    // One word per sentence, and then words in capitalised pairs (names of two words need two page words).
    const single = words.map((w) => `${capitalised(w)}.`).join(' ');
    expect(looseCandidates(single, 0, single.length, tables).map((c) => single.slice(c.start, c.end))).toEqual([]);
    const pairs = words.map((w, i) => `${capitalised(w)} ${capitalised(words[(i * 7919) % words.length]!)}.`).join(' ');
    expect(looseCandidates(pairs, 0, pairs.length, tables).map((c) => pairs.slice(c.start, c.end))).toEqual([]);
  });

  it('names made of English words, or too short to be distinctive, get no loose key', () => {
    const english = englishLooseKeys(allWords);
    expect(looseEligible('Mouaz al-Khatib', english)).toBe(true);
    expect(looseEligible('Qaboun', english)).toBe(true);
    expect(looseEligible('Syrian army', english)).toBe(false);
    expect(looseEligible('Mr Assad', english)).toBe(false);
    expect(looseEligible('FSA', english)).toBe(false);
    // "Asaad" (another man) and "Assad" fold alike, which is why a bare "Assad" never gets a loose key.
    expect(looseEligible('Assad', english)).toBe(false);
  });

  it('the bundled dataset: a namesake spelled like a transliteration is still not the reference\'s', () => {
    const real = createMatcher(bundled);
    const text = ['Syrian forces shelled Homs and Aleppo, the Syrian Observatory for Human Rights said.', 'The leader of the FSA, Riad al-Asaad, spoke. Gen Asaad said Khan al-Assal was hit.'].join('\n\n');
    expect(real.match(text).filter((m) => m.referenceId === 'person:bashar-al-assad')).toEqual([]);
  });
});
