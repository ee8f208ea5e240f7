// The builder section of `npm run eval`: the dataset builder run on documents nobody tuned it to, scored against
// hand judgements (tests/gold/builder-coverage.json, tests/gold/builder-corpus.json).
//
// A reader's documents get no curation, so every run here uses an empty one. The builder runs on each coverage
// report alone (what a reader adding one article gets) and on the whole folder (what merging across documents
// gets: spellings of one name, a short form in one report and the full name in another). Scores are given for the
// reports used while tuning the builder, for the ones held out, and for three corpus pages never looked at.
//
// Names: a builder entity is right when its name is one of the full names the gold gives for an entity of that
// type in that document. A name that is only a short form of a gold entity (a lone surname, an acronym) while the
// full name is there is wrong (unmerged); a second entity for the same gold entity is wrong (a duplicate);
// anything else is wrong (junk, a cut name). Figures: right when the value and what it counts agree.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { buildDatasetWithReport, type InputDocument } from '../../lib/builder/build';
import { parseCuration } from '../../lib/builder/curation';
import type { Dataset, EntityType } from '../../lib/reference/types';

const ROOT = resolve(import.meta.dirname, '..', '..');
export const COVERAGE_DIR = resolve(ROOT, '..', 'shared', 'coverage');
export const BUILDER_CORPUS_DIR = resolve(ROOT, '..', 'shared', 'corpus');
const COVERAGE_GOLD = resolve(ROOT, 'tests', 'gold', 'builder-coverage.json');
const CORPUS_GOLD = resolve(ROOT, 'tests', 'gold', 'builder-corpus.json');

export interface GoldEntity {
  key: string;
  type: EntityType;
  /** Other types accepted ("White House": an organisation, or the building). */
  alsoTypes?: EntityType[];
  names: string[];
  short?: string[];
  kind?: string;
  optional?: boolean;
}

export interface GoldFigure {
  value: number;
  qualifier: string;
  counts: string[];
  what: string;
  optional?: boolean;
}

export interface GoldDocument {
  entities: GoldEntity[];
  figures?: GoldFigure[];
}

export interface Gold {
  split?: { tuning: string[]; heldOut: string[] };
  documents: Record<string, GoldDocument>;
}

export const CATEGORIES: EntityType[] = ['person', 'place', 'organization'];

export interface Counts {
  tp: number;
  fp: number;
  fn: number;
}

export type ErrorKind = 'junk' | 'unmerged' | 'duplicate' | 'wrong type' | 'missed';

export interface NameError {
  doc: string;
  kind: ErrorKind;
  type: EntityType;
  name: string;
  /** The gold entity it was taken for, if any. */
  gold?: string;
}

export interface NameScore {
  byType: Record<EntityType, Counts>;
  all: Counts;
  /** Short forms of matched gold entities that the builder's entity also answers to. */
  shortForms: { merged: number; total: number };
  /** Places whose kind the gold gives: how many the builder gave the same kind. */
  placeKinds: { right: number; total: number };
  errors: NameError[];
}

export interface FigureScore {
  tp: number;
  fp: number;
  /** Gold figures missed, of all and of those the closed vocabulary can say. */
  fn: number;
  expressible: { tp: number; total: number };
  /** Right value, but counting something else. */
  wrongCounts: number;
  qualifierAgrees: number;
  errors: Array<{ doc: string; kind: 'missed' | 'wrong counts' | 'not a figure'; label: string }>;
}

const EMPTY_CURATION = parseCuration({ entities: [] });

/** Names compared the way a reader would: case, accents, dots, hyphens and a leading "the" do not matter. */
export function nameKey(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[’‘`]/g, "'")
    .toLowerCase()
    .replace(/\./g, '')
    .replace(/[-\s]+/g, ' ')
    .replace(/^the /, '')
    .trim();
}

function emptyCounts(): Counts {
  return { tp: 0, fp: 0, fn: 0 };
}

export function emptyNameScore(): NameScore {
  return {
    byType: { person: emptyCounts(), place: emptyCounts(), organization: emptyCounts() },
    all: emptyCounts(),
    shortForms: { merged: 0, total: 0 },
    placeKinds: { right: 0, total: 0 },
    errors: [],
  };
}

export function addNameScores(into: NameScore, from: NameScore): NameScore {
  for (const t of CATEGORIES) for (const k of ['tp', 'fp', 'fn'] as const) into.byType[t][k] += from.byType[t][k];
  for (const k of ['tp', 'fp', 'fn'] as const) into.all[k] += from.all[k];
  into.shortForms.merged += from.shortForms.merged;
  into.shortForms.total += from.shortForms.total;
  into.placeKinds.right += from.placeKinds.right;
  into.placeKinds.total += from.placeKinds.total;
  into.errors.push(...from.errors);
  return into;
}

/** An output entity as scored: its name, type, every form it answers to, its place kind. */
export interface ScoredEntity {
  name: string;
  type: EntityType;
  forms: string[];
  placeKind?: string;
}

/**
 * Scores the builder's entities for one unit (a document, or the whole folder with gold merged by key) against
 * the gold entities of that unit.
 */
export function scoreNames(unit: string, output: ScoredEntity[], gold: GoldEntity[]): NameScore {
  const score = emptyNameScore();
  const byName = new Map<string, GoldEntity[]>();
  const byShort = new Map<string, GoldEntity[]>();
  for (const g of gold) {
    for (const n of g.names) byName.set(nameKey(n), [...(byName.get(nameKey(n)) ?? []), g]);
    for (const s of g.short ?? []) byShort.set(nameKey(s), [...(byShort.get(nameKey(s)) ?? []), g]);
  }
  const typesOf = (g: GoldEntity): EntityType[] => [g.type, ...(g.alsoTypes ?? [])];
  const matched = new Map<GoldEntity, ScoredEntity>();
  const wrong = (kind: ErrorKind, o: ScoredEntity, g?: GoldEntity): void => {
    score.byType[o.type].fp++;
    score.all.fp++;
    score.errors.push({ doc: unit, kind, type: o.type, name: o.name, ...(g ? { gold: `${g.names[0]} (${g.type})` } : {}) });
  };
  // Entities named exactly first, so a duplicate is always the second-best one.
  const ordered = [...output].sort((a, b) => Number(!byName.has(nameKey(a.name))) - Number(!byName.has(nameKey(b.name))));
  for (const o of ordered) {
    const candidates = byName.get(nameKey(o.name)) ?? [];
    const g = candidates.find((c) => typesOf(c).includes(o.type) && !matched.has(c)) ?? candidates.find((c) => typesOf(c).includes(o.type)) ?? candidates[0];
    if (g) {
      if (matched.has(g)) {
        if (!g.optional) wrong('duplicate', o, g);
        continue;
      }
      if (!typesOf(g).includes(o.type)) {
        if (!g.optional) wrong('wrong type', o, g);
        continue;
      }
      matched.set(g, o);
      if (g.optional) continue;
      score.byType[g.type].tp++;
      score.all.tp++;
      const forms = new Set(o.forms.map(nameKey));
      for (const s of g.short ?? []) {
        score.shortForms.total++;
        if (forms.has(nameKey(s))) score.shortForms.merged++;
      }
      if (g.type === 'place' && g.kind) {
        score.placeKinds.total++;
        if (o.placeKind === g.kind) score.placeKinds.right++;
      }
      continue;
    }
    const owners = byShort.get(nameKey(o.name)) ?? [];
    if (owners.some((s) => s.optional)) continue;
    if (owners.length) wrong('unmerged', o, owners[0]);
    else wrong('junk', o);
  }
  for (const g of gold) {
    if (g.optional || matched.has(g)) continue;
    score.byType[g.type].fn++;
    score.all.fn++;
    score.errors.push({ doc: unit, kind: 'missed', type: g.type, name: g.names[0]! });
  }
  return score;
}

export function emptyFigureScore(): FigureScore {
  return { tp: 0, fp: 0, fn: 0, expressible: { tp: 0, total: 0 }, wrongCounts: 0, qualifierAgrees: 0, errors: [] };
}

export function addFigureScores(into: FigureScore, from: FigureScore): FigureScore {
  into.tp += from.tp;
  into.fp += from.fp;
  into.fn += from.fn;
  into.expressible.tp += from.expressible.tp;
  into.expressible.total += from.expressible.total;
  into.wrongCounts += from.wrongCounts;
  into.qualifierAgrees += from.qualifierAgrees;
  into.errors.push(...from.errors);
  return into;
}

export interface ScoredFigure {
  value: number;
  qualifier: string;
  counts: string;
  label: string;
}

/** Scores one document's figures: a figure is right when its value and what it counts agree with a gold figure. */
export function scoreFigures(doc: string, output: ScoredFigure[], gold: GoldFigure[]): FigureScore {
  const score = emptyFigureScore();
  const found = new Set<GoldFigure>();
  for (const o of output) {
    const sameValue = gold.filter((g) => Math.abs(g.value - o.value) < 1e-9);
    const right = sameValue.find((g) => g.counts.includes(o.counts));
    if (right) {
      // The same fact read twice (another hedge, another sentence) is neither a new hit nor a mistake.
      if (found.has(right) || right.optional) continue;
      found.add(right);
      score.tp++;
      if (right.counts.length) score.expressible.tp++;
      if (right.qualifier === o.qualifier) score.qualifierAgrees++;
      continue;
    }
    if (sameValue.some((g) => g.optional)) continue;
    score.fp++;
    if (sameValue.length) score.wrongCounts++;
    score.errors.push({ doc, kind: sameValue.length ? 'wrong counts' : 'not a figure', label: `${o.label} [${o.counts}]` });
  }
  for (const g of gold) {
    if (g.optional) continue;
    if (g.counts.length) score.expressible.total++;
    if (found.has(g)) continue;
    score.fn++;
    score.errors.push({ doc, kind: 'missed', label: `${g.qualifier === 'exact' ? '' : `${g.qualifier} `}${g.value} ${g.what}${g.counts.length ? ` [${g.counts.join(' | ')}]` : ' [no term]'}` });
  }
  return score;
}

function entitiesIn(dataset: Dataset, doc?: string): ScoredEntity[] {
  return dataset.entities
    .filter((e) => doc === undefined || e.mentions.some((m) => m.doc === doc))
    .map((e) => ({
      name: e.name,
      type: e.type,
      forms: [...e.aliases, ...(e.contextualAliases ?? []), ...(e.variants ?? [])],
      ...(e.placeKind ? { placeKind: e.placeKind } : {}),
    }));
}

function figuresIn(dataset: Dataset, doc: string): ScoredFigure[] {
  return dataset.figures
    .filter((f) => f.mentions.some((m) => m.doc === doc))
    .map((f) => ({ value: f.value, qualifier: f.qualifier, counts: f.counts, label: f.label }));
}

/** The gold of several documents as one: entities with the same key merged, required if required anywhere. */
export function mergeGold(docs: GoldDocument[]): GoldEntity[] {
  const byKey = new Map<string, GoldEntity>();
  for (const d of docs) {
    for (const e of d.entities) {
      const had = byKey.get(e.key);
      if (!had) {
        byKey.set(e.key, { ...e, names: [...e.names], short: [...(e.short ?? [])] });
        continue;
      }
      had.names = [...new Set([...had.names, ...e.names])];
      had.short = [...new Set([...(had.short ?? []), ...(e.short ?? [])])];
      had.optional = Boolean(had.optional && e.optional);
      if (!had.optional && e.optional !== true && had.type !== e.type) throw new Error(`gold: ${e.key} has two types`);
      if (had.kind !== e.kind) delete had.kind;
    }
  }
  // A short form in one document may be a full name in another ("Security Council"): across documents it is a name.
  const names = new Set([...byKey.values()].flatMap((e) => e.names.map(nameKey)));
  for (const e of byKey.values()) e.short = e.short!.filter((s) => !names.has(nameKey(s)));
  return [...byKey.values()];
}

export function loadGold(path: string): Gold {
  return JSON.parse(readFileSync(path, 'utf8')) as Gold;
}

export function readFolderDocuments(dir: string, ids: string[]): InputDocument[] {
  return ids.map((id) => {
    const direct = join(dir, `${id}.txt`);
    const file = existsSync(direct) ? direct : join(dir, id, 'expected.txt');
    return { id, text: readFileSync(file, 'utf8') };
  });
}

export interface UnitResult {
  doc: string;
  names: NameScore;
  figures: FigureScore;
  ms: number;
}

export interface BuilderReport {
  perDocument: UnitResult[];
  tuning: { names: NameScore; figures: FigureScore };
  heldOut: { names: NameScore; figures: FigureScore };
  all: { names: NameScore; figures: FigureScore };
  wholeFolder: { names: NameScore; ms: number };
  corpus: { names: NameScore; perDocument: UnitResult[] };
}

function runOne(doc: InputDocument, gold: GoldDocument): UnitResult {
  const start = performance.now();
  const { dataset } = buildDatasetWithReport([doc], EMPTY_CURATION);
  const ms = performance.now() - start;
  return {
    doc: doc.id,
    names: scoreNames(doc.id, entitiesIn(dataset, doc.id), gold.entities),
    figures: scoreFigures(doc.id, figuresIn(dataset, doc.id), gold.figures ?? []),
    ms,
  };
}

function total(units: UnitResult[]): { names: NameScore; figures: FigureScore } {
  return {
    names: units.reduce((acc, u) => addNameScores(acc, u.names), emptyNameScore()),
    figures: units.reduce((acc, u) => addFigureScores(acc, u.figures), emptyFigureScore()),
  };
}

export function evaluateBuilder(): BuilderReport {
  const coverage = loadGold(COVERAGE_GOLD);
  const ids = Object.keys(coverage.documents).sort();
  const docs = readFolderDocuments(COVERAGE_DIR, ids);
  const perDocument = docs.map((d) => runOne(d, coverage.documents[d.id]!));
  const inSplit = (names: string[]) => perDocument.filter((u) => names.some((n) => u.doc.startsWith(`${n}_`)));
  const split = coverage.split ?? { tuning: [], heldOut: [] };

  const start = performance.now();
  const { dataset } = buildDatasetWithReport(docs, EMPTY_CURATION);
  const ms = performance.now() - start;
  const wholeFolder = { names: scoreNames('(all coverage)', entitiesIn(dataset), mergeGold(Object.values(coverage.documents))), ms };

  const corpusGold = loadGold(CORPUS_GOLD);
  const corpusIds = Object.keys(corpusGold.documents).sort();
  const corpusUnits = readFolderDocuments(BUILDER_CORPUS_DIR, corpusIds).map((d) => runOne(d, corpusGold.documents[d.id]!));

  return {
    perDocument,
    tuning: total(inSplit(split.tuning)),
    heldOut: total(inSplit(split.heldOut)),
    all: total(perDocument),
    wholeFolder,
    corpus: { names: total(corpusUnits).names, perDocument: corpusUnits },
  };
}

function ratio(a: number, b: number): number {
  return b === 0 ? 1 : a / b;
}

export function precision(c: Counts): number {
  return ratio(c.tp, c.tp + c.fp);
}

export function recall(c: Counts): number {
  return ratio(c.tp, c.tp + c.fn);
}

const pct = (x: number): string => `${(100 * x).toFixed(1)}%`.padStart(6);

function nameLine(label: string, s: NameScore): string {
  const cells = [
    `P ${pct(precision(s.all))} R ${pct(recall(s.all))}`,
    ...CATEGORIES.map((t) => `${t.slice(0, 6)} P ${pct(precision(s.byType[t]))} R ${pct(recall(s.byType[t]))}`),
  ];
  return `${label.padEnd(30)} ${cells.join('   ')}   (${s.all.tp} right, ${s.all.fp} wrong, ${s.all.fn} missed)`;
}

function figureLine(label: string, f: FigureScore): string {
  const p = ratio(f.tp, f.tp + f.fp);
  const r = ratio(f.tp, f.tp + f.fn);
  return `${label.padEnd(30)} P ${pct(p)} R ${pct(r)}  R where the vocabulary has a term ${pct(ratio(f.expressible.tp, f.expressible.total))}   (${f.tp} right, ${f.fp} wrong of which ${f.wrongCounts} count the wrong thing, ${f.fn} missed; qualifier agrees on ${f.qualifierAgrees}/${f.tp})`;
}

/** Prints the builder section (or adds it to `json`). `--builder-errors` lists every wrong and missed item. */
export function runBuilderEval(argv: string[], json: Record<string, unknown> | null): void {
  if (!existsSync(COVERAGE_DIR)) {
    console.log(`builder: ${COVERAGE_DIR} not found; skipped`);
    return;
  }
  const report = evaluateBuilder();
  const summary = (s: { names: NameScore; figures?: FigureScore }) => ({
    names: {
      precision: precision(s.names.all),
      recall: recall(s.names.all),
      ...Object.fromEntries(CATEGORIES.map((t) => [t, { precision: precision(s.names.byType[t]), recall: recall(s.names.byType[t]), ...s.names.byType[t] }])),
      ...s.names.all,
      shortFormsMerged: s.names.shortForms,
      placeKinds: s.names.placeKinds,
    },
    ...(s.figures ? { figures: { precision: ratio(s.figures.tp, s.figures.tp + s.figures.fp), recall: ratio(s.figures.tp, s.figures.tp + s.figures.fn), expressibleRecall: ratio(s.figures.expressible.tp, s.figures.expressible.total), ...s.figures, errors: undefined } } : {}),
  });
  if (json) {
    json.builder = {
      tuning: summary(report.tuning),
      heldOut: summary(report.heldOut),
      all: summary(report.all),
      wholeFolder: summary(report.wholeFolder),
      corpus: summary(report.corpus),
      errors: [...report.all.names.errors, ...report.wholeFolder.names.errors, ...report.corpus.names.errors],
    };
    return;
  }
  console.log('Names (people, places, organisations), each report built alone without curation:');
  console.log(nameLine('  reports used for tuning', report.tuning.names));
  console.log(nameLine('  held-out reports', report.heldOut.names));
  console.log(nameLine('  all 25 reports', report.all.names));
  console.log(nameLine('The 25 reports built together', report.wholeFolder.names));
  console.log(nameLine('7 corpus pages, other subjects', report.corpus.names));
  const sf = report.all.names.shortForms;
  const pk = report.all.names.placeKinds;
  console.log(`Short forms (lone surname, given name, acronym) merged into the full name: ${sf.merged}/${sf.total}; place kinds right: ${pk.right}/${pk.total}`);
  console.log('\nFigures (value and what it counts), each report alone:');
  console.log(figureLine('  reports used for tuning', report.tuning.figures));
  console.log(figureLine('  held-out reports', report.heldOut.figures));
  console.log(figureLine('  all 25 reports', report.all.figures));
  const docMs = report.perDocument.reduce((a, u) => a + u.ms, 0) / report.perDocument.length;
  console.log(`\nBuild time: ${docMs.toFixed(0)} ms a report alone, ${report.wholeFolder.ms.toFixed(0)} ms for the 25 together.`);
  // --builder-errors lists every wrong and missed item; --builder-errors=tuning only those of the tuning reports,
  // so the held-out reports stay unseen while the builder is being improved.
  const flag = argv.find((a) => a.startsWith('--builder-errors'));
  if (flag) {
    const tuningOnly = flag === '--builder-errors=tuning';
    const tuning = new Set(report.perDocument.filter((u) => (loadGold(COVERAGE_GOLD).split?.tuning ?? []).some((n) => u.doc.startsWith(`${n}_`))).map((u) => u.doc));
    const keep = (doc: string) => !tuningOnly || tuning.has(doc);
    const errors = tuningOnly ? report.all.names.errors : [...report.all.names.errors, ...report.wholeFolder.names.errors, ...report.corpus.names.errors];
    console.log('\nName errors:');
    for (const e of errors.filter((x) => keep(x.doc))) console.log(`  ${e.doc.padEnd(32)} ${e.kind.padEnd(10)} ${e.type.padEnd(12)} ${e.name}${e.gold ? `  → ${e.gold}` : ''}`);
    console.log('\nFigure errors:');
    for (const e of report.all.figures.errors.filter((x) => keep(x.doc))) console.log(`  ${e.doc.padEnd(32)} ${e.kind.padEnd(12)} ${e.label}`);
  }
}
