// The compiled matcher tables: the committed ones are exactly what compiling the committed dataset gives (so a
// dataset changed without `npm run dataset` fails here), and loading compiled tables gives the matcher the very
// tables building them does.
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import datasetJson from '@/lib/reference/dataset.json';
import tablesJson from '@/lib/reference/dataset.tables.json';
import { createMatcher } from '@/lib/match';
import { buildTables, compileTables, fingerprint, loadTables, TABLES_FORMAT, type CompiledTables } from '@/lib/match/tables';
import { figuresByCounts } from '@/lib/match/figure-engine';
import { COUNTS } from '@/lib/figures/vocabulary';
import { generateReference } from '@/scripts/bench/reference';
import { KeyTrie } from '@/lib/match/trie';
import { serializeTables } from '@/lib/reference/serialize';
import type { Dataset } from '@/lib/reference/types';
import { combineSets } from '@/lib/sets/combine';
import { publishTimings, resetTimingsForTests } from '@/lib/timings';

const dataset = datasetJson as unknown as Dataset;
const committed = tablesJson as unknown as CompiledTables;
const SEEDS = resolve(import.meta.dirname, '../../../../shared/seeds');

describe('compiled matcher tables', () => {
  test('the committed tables are what compiling the committed dataset gives (npm run dataset rebuilds both)', () => {
    const fresh = serializeTables(compileTables(JSON.parse(JSON.stringify(dataset)) as Dataset));
    expect(fresh === readFileSync(resolve(import.meta.dirname, '../../../lib/reference/dataset.tables.json'), 'utf8')).toBe(true);
  });

  test('a dataset edited without a rebuild no longer matches its tables', () => {
    const edited = JSON.parse(JSON.stringify(dataset)) as Dataset;
    edited.entities[0]!.aliases.push('Zz Newly Added Alias');
    expect(JSON.stringify(compileTables(edited))).not.toBe(JSON.stringify(committed));
    // And the page does not trust them: the fingerprint differs, so the matcher builds its tables instead.
    expect(fingerprint(edited)).not.toBe(committed.fingerprint);
    expect(loadTables(edited, committed)).toBeUndefined();
    // What a figure counts is not in the fingerprint (its figure count is): a figure moved to another group changes the
    // compiled groups, which the committed tables' test above catches.
    const moved = JSON.parse(JSON.stringify(dataset)) as Dataset;
    const group = committed.figureGroups.find((g) => g.length > 1)!;
    moved.figures[group[1]!]!.counts = moved.figures[committed.figureGroups.find((g) => g !== group)![0]!]!.counts;
    expect(fingerprint(moved)).toBe(committed.fingerprint);
    expect(compileTables(moved).figureGroups).not.toEqual(committed.figureGroups);
  });

  test('loading reads the alias lists of a bounded sample of a large reference, and an alias added to a sampled entity still shows', () => {
    const large = generateReference(JSON.parse(JSON.stringify(dataset)) as Dataset, { entities: 2000, aliases: 10000, figures: 100 });
    const compiled = JSON.parse(serializeTables(compileTables(large))) as CompiledTables;
    /** How many entities the fingerprint reads the alias counts of (its sample). */
    const SAMPLE = 64;
    const read = new Set<number>();
    const watched: Dataset = {
      ...large,
      entities: large.entities.map((e, i) => new Proxy(e, { get: (t, k, r) => (k === 'aliases' && read.add(i), Reflect.get(t, k, r)) })),
    };
    expect(fingerprint(watched)).toBe(compiled.fingerprint);
    // Never a pass over the 2,000: the first and evenly spaced ones after it.
    expect(read.size).toBeGreaterThan(SAMPLE / 2);
    expect(read.size).toBeLessThanOrEqual(SAMPLE);
    expect(read.has(0)).toBe(true);
    const sampled = [...read].sort((a, b) => a - b);
    // The rest of the load reads only the entities of the few loose names it makes patterns for.
    read.clear();
    expect(loadTables(watched, compiled)).toBeDefined();
    expect(read.size).toBeLessThan(SAMPLE + compiled.loose.byFirst.reduce((n, [, names]) => n + names.length, 0) + compiled.loose.bags.length + 1);
    const middle = sampled[sampled.length >> 1]!;
    const edited = JSON.parse(JSON.stringify(large)) as Dataset;
    edited.entities[middle]!.aliases.push('Zz Newly Added Alias');
    expect(loadTables(edited, compiled)).toBeUndefined();
  });

  test('tables of another format (an older build) are not loaded: the page builds its own and matches the same', () => {
    const older = { ...committed, format: TABLES_FORMAT - 1 } as unknown as CompiledTables;
    expect(loadTables(dataset, older)).toBeUndefined();
    expect(loadTables(dataset, committed)).toBeDefined();
    const text = readFileSync(join(SEEDS, readdirSync(SEEDS).filter((f) => f.endsWith('.txt'))[0]!), 'utf8');
    const withOlder = createMatcher(JSON.parse(JSON.stringify(dataset)) as Dataset, { tables: older }).match(text);
    expect(withOlder.length).toBeGreaterThan(10);
    expect(withOlder).toEqual(createMatcher(JSON.parse(JSON.stringify(dataset)) as Dataset).match(text));
  });

  test('tables compiled for another combination of sets are refused: the matcher builds its own, says so with a mark, and matches the same', () => {
    const fresh = (subject: string) =>
      combineSets([
        { id: 'bundled', name: 'Syrian civil war, 2012–2013', dataset: JSON.parse(JSON.stringify(dataset)) as Dataset },
        { id: 'set-copy', name: 'A copy', dataset: { ...(JSON.parse(JSON.stringify(dataset)) as Dataset), subject, entities: dataset.entities.slice(0, subject.length) } },
      ]);
    const text = readFileSync(join(SEEDS, readdirSync(SEEDS).filter((f) => f.endsWith('.txt'))[0]!), 'utf8');
    publishTimings(true); // diagnostics mode, as the bench and the browser tests run: the mark is published
    try {
      const builds = () => performance.getEntriesByName('backstory:tables-built').length;
      const stale = compileTables(fresh('the war, copied'));
      const before = builds();
      const given = createMatcher(fresh('the war'), { tables: stale }).match(text);
      expect(builds()).toBe(before + 1);
      expect(given.length).toBeGreaterThan(10);
      // Its own tables are loaded: nothing built, and the same matches.
      const own = fresh('the war');
      expect(createMatcher(own, { tables: compileTables(own) }).match(text)).toEqual(given);
      expect(builds()).toBe(before + 1);
      expect(given).toEqual(createMatcher(fresh('the war')).match(text));
      expect(builds()).toBe(before + 2);
    } finally {
      resetTimingsForTests();
    }
  });

  test('the stored patterns refer to the aliases the dataset holds instead of repeating them', () => {
    const own = (p: CompiledTables['patterns'][number]) => {
      const e = p[3] >= 0 ? dataset.entities[p[3]]! : undefined;
      if (!e) return dataset.otherNames ?? [];
      return { full: [e.name, ...e.aliases], short: e.shortNames ?? [], contextual: e.contextualAliases ?? [], demonym: e.demonyms ?? [], other: [] }[p[2]];
    };
    const written = committed.patterns.filter((p) => typeof p[1] === 'string');
    expect(written.length).toBeLessThan(committed.patterns.length / 10);
    // Only what the dataset does not hold is written out: an acronym's variant ("U.N." of "UN").
    for (const p of written) expect(own(p)).not.toContain(p[1]);
    // A case rule's words are stored only where folding the alias would not give them back.
    expect(committed.patterns.filter((p) => p[4]?.wordCases).length).toBeGreaterThan(20);
    expect(committed.patterns.filter((p) => p[4]?.casedWords)).toEqual([]);
  });

  test('loaded tables equal built tables, pattern for pattern', () => {
    const built = buildTables(dataset);
    const loaded = loadTables(dataset, committed)!;
    expect(loaded).toBeDefined();
    // The same trie, its keys read back from it (the stored form does not hold them).
    expect(loaded.trie.arrays()).toEqual(built.trie.arrays());
    expect(loaded.trie.keys).toEqual(built.trie.keys);
    const keys = built.trie.keys.map((_, k) => k);
    expect(keys.length).toBeGreaterThan(100);
    expect(keys.map((k) => loaded.patternsOf(k))).toEqual(keys.map((k) => built.patternsOf(k)));
    // The same entity objects, not copies: a match names the dataset's entity.
    expect(keys.every((k) => loaded.patternsOf(k).every((p, i) => p.entity === built.patternsOf(k)[i]!.entity))).toBe(true);
    // Made once: a key's patterns are the same objects each time (the loose tables share them).
    expect(loaded.patternsOf(3)).toBe(loaded.patternsOf(3));
    expect(loaded.loose).toEqual(built.loose);
    // The figures by what they count: the same lists of the same figure objects, for every thing counted.
    const grouped = figuresByCounts(dataset);
    expect(grouped.size).toBeGreaterThan(5);
    for (const counts of COUNTS) {
      expect(loaded.byCounts.has(counts)).toBe(grouped.has(counts));
      expect(loaded.byCounts.get(counts)).toEqual(built.byCounts.get(counts));
      expect(loaded.byCounts.get(counts)?.every((f, i) => f === grouped.get(counts)![i])).toBe(grouped.has(counts) ? true : undefined);
    }
    expect(loaded.demonyms).toEqual(built.demonyms);
    const ids = dataset.entities.map((e) => e.id);
    expect(ids.map((id) => [loaded.weights!.name.get(id), loaded.weights!.demonym.get(id)])).toEqual(ids.map((id) => [built.weights!.name.get(id), built.weights!.demonym.get(id)]));
    expect(ids.some((id) => (loaded.weights!.name.get(id) ?? 0) > 0)).toBe(true);
    expect(loaded.weights!.core).toEqual(built.weights!.core);
  });

  test('a trie loaded from its stored form finds what the one built from its keys finds, and gives its keys back', () => {
    const keys = ['aleppo', 'al qusayr', 'al', 'u.n.', 'damascus', 'dayr az zawr', 'ḥoms', 'zz', 'دمشق'];
    const built = new KeyTrie(keys);
    const loaded = new KeyTrie(null, JSON.parse(JSON.stringify(built.arrays())));
    expect(keys.map((_, k) => loaded.key(k))).toEqual(keys);
    expect(loaded.keys).toEqual(keys);
    const text = 'In Aleppo and Al Qusayr, the U.N. said; Dayr az-Zawr, Al, Damascus; Ḥoms. zz';
    const hits = (trie: KeyTrie) => {
      const out: [number, number, number][] = [];
      trie.scanOriginal(text, (key, start, end) => (out.push([key, start, end]), true));
      return out;
    };
    expect(hits(loaded)).toEqual(hits(built));
    expect(hits(built).map(([k]) => keys[k])).toEqual(expect.arrayContaining(['aleppo', 'al qusayr', 'u.n.', 'damascus', 'al', 'zz']));
  });

  test('any trie, loaded from its stored form a block of nodes at a time, finds every key at every word start and reads its keys back', () => {
    // Folded keys over a small alphabet share prefixes and spread over many blocks of nodes; the text is made of them.
    const word = fc.stringMatching(/^[a-d][a-d']{0,3}(?: [a-d']{1,4})?$/);
    const isWord = (c: string | undefined) => c !== undefined && /[a-z]/i.test(c);
    fc.assert(
      fc.property(fc.uniqueArray(word, { minLength: 150, maxLength: 400, size: 'max' }), fc.array(fc.nat(), { minLength: 1, maxLength: 60, size: 'max' }), fc.boolean(), (keys, picks, inNodeOrder) => {
        const built = inNodeOrder ? KeyTrie.inNodeOrder(keys).trie : new KeyTrie(keys);
        const loaded = new KeyTrie(null, JSON.parse(JSON.stringify(built.arrays())));
        expect(loaded.keys).toEqual(built.keys);
        const text = picks.map((n) => keys[n % keys.length]!.toUpperCase()).join(' x ');
        // Every key at every word start, bounded by a character that is not a letter when the key ends in one.
        const expected: string[] = [];
        for (let i = 0; i < text.length; i++) {
          if (!isWord(text[i]) || isWord(text[i - 1])) continue;
          built.keys.forEach((key, k) => {
            const end = i + key.length;
            if (text.startsWith(key.toUpperCase(), i) && (!isWord(key.at(-1)) || !isWord(text[end]))) expected.push(`${k} ${i} ${end}`);
          });
        }
        const hits = (trie: KeyTrie) => {
          const out: string[] = [];
          trie.scanOriginal(text, (key, start, end) => (out.push(`${key} ${start} ${end}`), false));
          return out.sort();
        };
        expect(hits(built)).toEqual(expected.sort());
        expect(hits(loaded)).toEqual(expected);
      }),
      { numRuns: 100 },
    );
    // A hundred tries and tables: seconds on a loaded machine, not the default five.
  }, 30_000);

  test('a matcher given the compiled tables matches the seed documents exactly as one that builds them', () => {
    const files = readdirSync(SEEDS).filter((f) => f.endsWith('.txt'));
    expect(files.length).toBeGreaterThan(0);
    // Fresh dataset objects: createMatcher caches per dataset object.
    const withTables = createMatcher(JSON.parse(JSON.stringify(dataset)) as Dataset, { tables: committed });
    const building = createMatcher(JSON.parse(JSON.stringify(dataset)) as Dataset);
    for (const file of files) {
      const text = readFileSync(join(SEEDS, file), 'utf8');
      const a = withTables.match(text);
      expect(a.length).toBeGreaterThan(10);
      expect(a).toEqual(building.match(text));
    }
  });

  test('a dataset of several sets compiles too: each pattern keeps its set, and the matcher judges each set on its own', () => {
    const fresh = () =>
      combineSets([
        { id: 'bundled', name: 'Syrian civil war, 2012–2013', dataset: JSON.parse(JSON.stringify(dataset)) as Dataset },
        { id: 'set-copy', name: 'A copy', dataset: { ...(JSON.parse(JSON.stringify(dataset)) as Dataset), subject: 'a copy of the war' } },
      ]);
    const combined = fresh();
    const compiled = JSON.parse(serializeTables(compileTables(combined))) as CompiledTables;
    // Tables compiled for one dataset are refused by another split of the same entities.
    expect(loadTables(dataset, compiled)).toBeUndefined();
    const built = buildTables(combined);
    const loaded = loadTables(combined, compiled)!;
    expect(loaded).toBeDefined();
    const keys = built.trie.keys.map((_, k) => k);
    expect(keys.map((k) => loaded.patternsOf(k))).toEqual(keys.map((k) => built.patternsOf(k)));
    // Both sets know "Syria": its key lists a pattern of each.
    const syria = built.trie.keys.indexOf('syria');
    expect(loaded.patternsOf(syria).map((p) => p.part).sort()).toEqual([0, 1]);
    expect(loaded.parts!.map((p) => [p.part.id, p.view.entities.length, p.byCounts.size])).toEqual(built.parts!.map((p) => [p.part.id, p.view.entities.length, p.byCounts.size]));
    const text = readFileSync(join(SEEDS, readdirSync(SEEDS).filter((f) => f.endsWith('.txt'))[0]!), 'utf8');
    const run = (m: ReturnType<typeof createMatcher>) => {
      const session = m.begin(text);
      session.scan(0, text.length);
      const context = session.settle();
      return { parts: context.relevance.parts, matches: session.matchesIn(0, text.length) };
    };
    const withTables = run(createMatcher(fresh(), { tables: compiled }));
    expect(withTables.parts!.map((p) => [p.id, p.onSubject])).toEqual([['bundled', true], ['set-copy', true]]);
    expect(withTables.matches.length).toBeGreaterThan(10);
    expect(withTables).toEqual(run(createMatcher(fresh())));
  });

  test('with a large reference, a page reads only the entities it names and the figures of the things its figures count', () => {
    const large = generateReference(JSON.parse(JSON.stringify(dataset)) as Dataset, { entities: 1500, aliases: 7500, figures: 800 });
    const compiled = JSON.parse(serializeTables(compileTables(large))) as CompiledTables;
    // Which entities had their id read, which figures what they count, once the tables are loaded.
    const idsRead = new Set<number>();
    const countsRead = new Set<number>();
    let watching = false;
    const watched: Dataset = {
      ...large,
      entities: large.entities.map((e, i) => new Proxy(e, { get: (t, k, r) => (watching && k === 'id' && idsRead.add(i), Reflect.get(t, k, r)) })),
      figures: large.figures.map((f, i) => new Proxy(f, { get: (t, k, r) => (watching && k === 'counts' && countsRead.add(i), Reflect.get(t, k, r)) })),
    };
    const matcher = createMatcher(watched, { tables: compiled });
    matcher.prepare();
    watching = true;
    const text = readFileSync(join(SEEDS, readdirSync(SEEDS).filter((f) => f.endsWith('.txt'))[0]!), 'utf8');
    const matches = matcher.match(text);
    const named = new Set(matches.filter((m) => !m.category.startsWith('figure')).map((m) => m.referenceId));
    // The page's figures were judged against the reference (with a verdict), so the judge ran.
    expect(matches.filter((m) => m.figure).length).toBeGreaterThan(0);
    expect(named.size).toBeGreaterThan(10);
    // Every entity id read is one the page names (or a figure's owner or place): never a pass over the 1,500.
    expect(idsRead.size).toBeLessThanOrEqual(named.size * 2);
    // The figures read are a group's first (what it counts) and the groups the page's figures count: not the 800.
    expect(countsRead.size).toBeLessThan(large.figures.length / 3);
    expect(countsRead.size).toBeGreaterThan(0);
  });
});
