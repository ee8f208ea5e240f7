// From plain-text news documents to the reference dataset. Pure: documents and curation in, dataset out, the same
// bytes for the same input (no clock, no randomness, every list sorted by a stable key).
//
// Entities: the curation's canonical entities are found by their aliases (longest form first, whole words); then
// the names in the documents (lib/builder: capitalised runs read with compromise's tags and the words around them)
// that the curation does not cover or exclude become entities of their own, merged across documents, so a folder
// of documents about anything still works without curation.
// A country's institutions also go by the country's name ("Syrian army" = "Syria's army" = "army of Syria").
//
// Relevance: when a background of ordinary news text is given, the matcher itself counts how often each name and
// demonym occurs there and in the documents, so the extension can tell an article about the reference's subject
// from one that merely names a country or a company (lib/match/relevance.ts).
//
// Figures: the same reader the content script uses (lib/figures) reads every number; `compromise` parses the
// number again as a cross-check, reported as a warning when they disagree. What counts as a figure is decided
// here, deliberately:
// - a number whose counted thing the reader recognised (people killed, cluster bombs, observers, the length of
//   the conflict, a population...) is a figure;
// - a time span that only dates another figure ("in the past six months", "for two days") is that figure's
//   `period`, not a figure of its own; so are dates and years;
// - every figure keeps its document's date (`asOf`) and what it covers in time (`scope`: a running total, the
//   conflict's age, a stated span, one event, a state, a fixed property), read by the rules the page judge uses
//   (lib/figures/time.ts), its period resolved to days against that date, and the kind of event it counts;
// - a count per day or month (a rate) is not a figure of the reference;
// - vague quantities ("hundreds of families", "thousands of civilians") are not figures (see lib/figures);
// - ordinals ("sixth consecutive day", "third year", "second anniversary") are not figures.
import nlp from 'compromise';
import { findCandidates, type Candidate } from './candidates';
import { discoverEntities } from './entities';
import { sha256Hex } from './sha256';
import { readFigures } from '../figures/index';
import type { Counts } from '../figures/vocabulary';
import { labelFor } from '../figures/label';
import type { FigureReading } from '../figures/types';
import { formatRange, isoDay, parseDate, parseRange } from '../figures/dates';
import { cityReferredTo, figureClause, isDescriptive, isLocal, placeOfFigure, SPECIFICITY } from '../figures/place';
import { eventKindIn, figureTime, type FigureTime } from '../figures/time';
import type { CuratedEntity, Curation, PlaceKind } from './curation';
import { articleEnd, firstLine, occurrences, sentences, slug, type Span } from './text';
import { createMatcher, type Matcher } from '../match/index';
import { englishLooseKeys, looseEligible } from '../match/loose';
import type { Dataset, Entity, EntityType, Figure, FigurePeriod, FigureScope, Mention, Qualifier, RelevanceStats, SourceDocument } from '../reference/types';

export { formatValue, labelFor } from '../figures/label';

export interface InputDocument {
  /** Stable id, e.g. the file name without `.txt`. */
  id: string;
  text: string;
}

/** Ordinary news text the reference's names are compared with (for relevance); counts are kept, never the text. */
export interface Background {
  /** Where it came from, recorded in the dataset. */
  source: string;
  texts: string[];
}

export interface BuildOptions {
  background?: Background;
  /**
   * The name candidates of one document (lib/builder/candidates: findCandidates over text[0, end)), when the caller
   * keeps them: reading a document is most of a build's cost, so the extension reads each document once and
   * rebuilds a set from what it kept.
   */
  candidates?: (doc: InputDocument, end: number) => Candidate[];
  /** A document's SHA-256 when the caller knows it already (hashing in plain TypeScript is a build's next cost). */
  sha256?: (doc: InputDocument) => string | undefined;
}

export interface BuildResult {
  dataset: Dataset;
  /** Things a person should look at: number parses that disagree, curation notes that matched nothing. */
  warnings: string[];
}

export function buildDataset(documents: InputDocument[], curation: Curation, options: BuildOptions = {}): Dataset {
  return buildDatasetWithReport(documents, curation, options).dataset;
}

interface EntityDraft {
  id: string;
  name: string;
  type: EntityType;
  aliases: string[];
  contextualAliases: string[];
  shortNames: string[];
  demonyms: string[];
  variants: string[];
  placeKind?: PlaceKind;
  description?: string;
  mentions: Mention[];
}

interface DocState {
  doc: InputDocument;
  end: number;
  occupied: Uint8Array;
  /** Entity mentions in this document, sorted by start once all entities are found. */
  mentions: Array<Mention & { entityId: string }>;
}

/**
 * "Syrian army" → "Syria's army", "Syria army", "army of Syria": a name made of a curated demonym and lower-case
 * words is also written with the country's name.
 */
export function countryForms(name: string, countries: ReadonlyArray<{ name: string; demonyms: string[] }>): string[] {
  const out: string[] = [];
  for (const country of countries) {
    for (const demonym of country.demonyms) {
      if (!name.startsWith(`${demonym} `)) continue;
      const rest = name.slice(demonym.length + 1);
      if (!/^\p{Ll}/u.test(rest)) continue;
      // Matching folds ’ into ', so one possessive form covers both.
      out.push(`${country.name}'s ${rest}`, `${country.name} ${rest}`, `${rest} of ${country.name}`);
    }
  }
  return out;
}

/** Curated forms, longest first so "United Nations Security Council" wins over "United Nations". */
function curatedForms(drafts: Iterable<EntityDraft>): Array<{ form: string; entityId: string; contextual: boolean }> {
  const forms = [...drafts].flatMap((e) => [
    ...[...e.aliases, ...e.shortNames, ...e.variants].map((form) => ({ form, entityId: e.id, contextual: false })),
    ...e.contextualAliases.map((form) => ({ form, entityId: e.id, contextual: true })),
  ]);
  return forms.sort((a, b) => b.form.length - a.form.length || (a.form < b.form ? -1 : a.form > b.form ? 1 : 0));
}

function claim(state: DocState, entity: EntityDraft, start: number, end: number): boolean {
  if (state.occupied.subarray(start, end).some(Boolean)) return false;
  state.occupied.fill(1, start, end);
  const mention = { doc: state.doc.id, start, end };
  entity.mentions.push(mention);
  state.mentions.push({ ...mention, entityId: entity.id });
  return true;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function buildDatasetWithReport(input: InputDocument[], curation: Curation, options: BuildOptions = {}): BuildResult {
  const warnings: string[] = [];
  const documents = [...input].sort((a, b) => compare(a.id, b.id));
  const ids = new Set<string>();
  for (const d of documents) {
    if (ids.has(d.id)) throw new Error(`Two documents have the id "${d.id}"`);
    ids.add(d.id);
  }
  const states: DocState[] = documents.map((doc) => {
    const end = articleEnd(doc.text);
    return { doc, end, occupied: new Uint8Array(end), mentions: [] };
  });

  // 1. Curated entities, by their forms. Contextual forms count only after a full mention in the same document.
  const drafts = new Map<string, EntityDraft>();
  const countries = curation.entities.filter((e) => e.demonyms.length > 0).map((e) => ({ name: e.name, demonyms: e.demonyms }));
  for (const e of curation.entities) {
    // The name is a full alias unless the curation lists it among the short names ("LBC").
    const curated = [e.name, ...e.aliases].filter((a) => !e.shortNames.includes(a));
    const taken = new Set([...curated, ...e.shortNames, ...e.contextualAliases, ...e.variants]);
    const derived = curated.flatMap((a) => countryForms(a, countries)).filter((a) => !taken.has(a));
    drafts.set(e.id, {
      id: e.id,
      name: e.name,
      type: e.type,
      aliases: [...new Set([...curated, ...derived])],
      contextualAliases: e.contextualAliases,
      shortNames: e.shortNames,
      demonyms: e.demonyms,
      variants: e.variants,
      ...(e.placeKind ? { placeKind: e.placeKind } : {}),
      ...(e.description ? { description: e.description } : {}),
      mentions: [],
    });
  }
  const forms = curatedForms(drafts.values());
  for (const state of states) {
    for (const pass of [false, true]) {
      for (const { form, entityId, contextual } of forms) {
        if (contextual !== pass) continue;
        const entity = drafts.get(entityId)!;
        // "the Observatory": the document must say "the" (or "The") before it; the mention is the name.
        const article = contextual ? /^the\s+/i.exec(form) : null;
        const name = article ? form.slice(article[0].length) : form;
        for (const at of occurrences(state.doc.text, name, state.end)) {
          if (article && !/(?:^|[^\p{L}])the\s+$/iu.test(state.doc.text.slice(Math.max(0, at - 5), at))) continue;
          if (contextual && !entity.mentions.some((m) => m.doc === state.doc.id && m.start < at)) continue;
          claim(state, entity, at, at + name.length);
        }
      }
    }
  }

  // 2. Names the curation does not cover become entities of their own (lib/builder: found in each document,
  // merged across all of them).
  const exclusions = new Set(curation.exclusions.map((x) => x.toLowerCase()));
  const found = states.flatMap((state) =>
    (options.candidates?.(state.doc, state.end) ?? findCandidates(state.doc.id, state.doc.text, state.end)).filter(
      (c) => !c.inTitleLine && !state.occupied.subarray(c.start, c.end).some(Boolean) && !exclusions.has(c.name.toLowerCase()),
    ),
  );
  const discoveredForms: Array<{ form: string; entity: EntityDraft; contextual: boolean }> = [];
  for (const d of discoverEntities(found)) {
    const id = `${d.type}:${slug(d.name)}`;
    if (id === `${d.type}:` || drafts.has(id)) continue;
    const entity: EntityDraft = {
      id,
      name: d.name,
      type: d.type,
      aliases: d.aliases,
      contextualAliases: d.contextualAliases,
      shortNames: [],
      demonyms: [],
      variants: d.variants,
      ...(d.placeKind ? { placeKind: d.placeKind } : {}),
      mentions: [],
    };
    drafts.set(id, entity);
    for (const form of [...d.aliases, ...d.variants]) discoveredForms.push({ form, entity, contextual: false });
    for (const form of d.contextualAliases) discoveredForms.push({ form, entity, contextual: true });
  }
  discoveredForms.sort((a, b) => b.form.length - a.form.length || compare(a.form, b.form));
  for (const state of states) {
    for (const pass of [false, true]) {
      for (const { form, entity, contextual } of discoveredForms) {
        if (contextual !== pass) continue;
        for (const at of occurrences(state.doc.text, form, state.end)) {
          if (contextual && !entity.mentions.some((m) => m.doc === state.doc.id && m.start < at)) continue;
          claim(state, entity, at, at + form.length);
        }
      }
    }
  }
  for (const state of states) state.mentions.sort((a, b) => a.start - b.start);

  // 3. Figures.
  const demonyms = new Map(curation.entities.filter((e) => e.demonyms.length).map((e) => [e.id, e.demonyms]));
  const notes = curation.figures.map((note) => ({ note, used: false }));
  const drafted: Array<Omit<Figure, 'id' | 'entityIds'> & { entityIds: string[]; firstDoc: number }> = [];
  states.forEach((state, docIndex) => {
    const body = state.doc.text.slice(0, state.end);
    const spans = sentences(body);
    const sources = sentenceSources(body, spans, state, drafts);
    const readings = readFigures(body).filter((r): r is FigureReading & { counts: Counts } => r.counts !== undefined);
    const country = mainCountry(state, drafts, demonyms);
    const asOf = curation.documents[state.doc.id]?.date;
    const docDate = parseDate(asOf);
    for (const reading of readings) {
      checkNumber(body, reading, state.doc.id, warnings);
      const sentenceIndex = spans.findIndex((s) => s.start <= reading.start && reading.start < s.end);
      const sentence = spans[sentenceIndex] ?? { start: reading.start, end: reading.end };
      const inSentence = readings.filter((r) => r.start >= sentence.start && r.start < sentence.end);
      const me = inSentence.indexOf(reading);
      const around = { start: inSentence[me - 1]?.end ?? sentence.start, end: inSentence[me + 1]?.start ?? sentence.end };
      const segment = figureClause(body, reading, around);
      const asides = asidesOf(body, sentence, reading);
      const source = sources[sentenceIndex];
      const placeId = placeFor(body, reading, sentence, asides, around.end, state, drafts, country);
      const place = placeId ? drafts.get(placeId) : undefined;
      const time = figureTime(body, reading, sentence, { ...(docDate ? { date: docDate } : {}), local: !!place && isLocal(place), segment: around });
      const segmentEntities = state.mentions
        .filter((m) => m.start >= segment.start && m.end <= segment.end && !isDescriptive(body, m.end) && !within(asides, m))
        .map((m) => m.entityId);

      let label = labelFor(reading.counts, reading.value, reading.qualifier, reading.unit);
      // The reference states no rates; a count per day is not a figure of it.
      if (time.scope === 'rate') continue;
      let scope: FigureScope = time.scope;
      let period = periodOf(time);
      let event = scope === 'event' || scope === 'span' ? eventKindIn(body, segment.start, segment.end, reading) : undefined;
      let figurePlace = placeId;
      let attributedToId = source?.entityId;
      const extra: string[] = [];
      const note = notes.find((n) => n.note.doc === state.doc.id && n.note.counts === reading.counts && n.note.value === reading.value);
      if (note) {
        note.used = true;
        if (note.note.label) label = note.note.label;
        if (note.note.scope) scope = note.note.scope;
        if (note.note.date) {
          const day = parseRange(note.note.date)!;
          period = { label: formatRange(day, day.from === day.to), from: isoDay(day.from), to: isoDay(day.to) };
        }
        if (note.note.event) event = note.note.event;
        if (note.note.placeId) figurePlace = note.note.placeId;
        if (note.note.attributedToId) attributedToId = note.note.attributedToId;
        extra.push(...note.note.entityIds);
      }
      const entityIds = [...new Set([figurePlace, attributedToId, ...segmentEntities, ...extra].filter((id): id is string => id !== undefined))];
      drafted.push({
        value: reading.value,
        qualifier: reading.qualifier,
        unit: reading.unit,
        counts: reading.counts,
        label,
        ...(asOf ? { asOf } : {}),
        scope,
        ...(period ? { period } : {}),
        ...(event ? { event } : {}),
        ...(figurePlace ? { placeId: figurePlace } : {}),
        ...(attributedToId ? { attributedToId } : {}),
        ...(!attributedToId && source?.text ? { attributedTo: source.text } : {}),
        entityIds,
        mentions: [{ doc: state.doc.id, start: reading.start, end: reading.end }],
        firstDoc: docIndex,
      });
    }
  });
  for (const { note, used } of notes) {
    if (!used && ids.has(note.doc)) warnings.push(`curation figure note matched nothing: ${note.doc} ${note.counts} ${note.value}`);
  }

  // The same fact stated twice (same value, hedge, place, source and period) is one figure with two mentions.
  const merged = new Map<string, (typeof drafted)[number]>();
  for (const f of drafted) {
    const key = JSON.stringify([f.counts, f.value, f.qualifier, f.unit, f.placeId, f.attributedToId, f.attributedTo, f.asOf, f.scope, f.period, f.event]);
    const same = merged.get(key);
    if (same) {
      same.mentions.push(...f.mentions);
      same.entityIds = [...new Set([...same.entityIds, ...f.entityIds])];
    } else merged.set(key, f);
  }

  const entities = [...drafts.values()].filter((e) => e.mentions.length > 0);
  const present = new Set(entities.map((e) => e.id));
  const usedIds = new Set<string>();
  const figures: Figure[] = [...merged.values()]
    .sort((a, b) => a.firstDoc - b.firstDoc || a.mentions[0]!.start - b.mentions[0]!.start)
    .map(({ firstDoc: _firstDoc, ...f }) => {
      const base = `figure:${slug(f.counts)}-${String(f.value).replace('.', 'p')}${f.qualifier === 'exact' ? '' : `-${slug(f.qualifier)}`}`;
      let id = base;
      for (let n = 2; usedIds.has(id); n++) id = `${base}-${n}`;
      usedIds.add(id);
      const { entityIds, mentions, ...rest } = f;
      return {
        id,
        ...rest,
        ...(rest.placeId && !present.has(rest.placeId) ? { placeId: undefined } : {}),
        ...(rest.attributedToId && !present.has(rest.attributedToId) ? { attributedToId: undefined } : {}),
        entityIds: entityIds.filter((e) => present.has(e)),
        mentions,
      };
    })
    // Drop the keys left undefined (an unresolved place or source), so the JSON has no nulls and rebuilds diff cleanly.
    .map((f) => JSON.parse(JSON.stringify(f)) as Figure);

  const figureIdsOf = new Map<string, string[]>();
  for (const f of figures) for (const e of f.entityIds) figureIdsOf.set(e, [...(figureIdsOf.get(e) ?? []), f.id]);

  const english = englishWords(options.background?.texts ?? []);
  const outEntities: Entity[] = entities
    .sort((a, b) => compare(a.id, b.id))
    .map((e) => ({
      id: e.id,
      name: e.name,
      type: e.type,
      aliases: e.aliases,
      ...(e.contextualAliases.length ? { contextualAliases: e.contextualAliases } : {}),
      ...(e.shortNames.length ? { shortNames: e.shortNames } : {}),
      ...looseNamesOf(e, english),
      ...(e.demonyms.length ? { demonyms: e.demonyms } : {}),
      ...(e.variants.length ? { variants: e.variants } : {}),
      ...(e.placeKind ? { placeKind: e.placeKind } : {}),
      ...(e.description ? { description: e.description } : {}),
      mentions: [...e.mentions].sort((a, b) => compare(a.doc, b.doc) || a.start - b.start),
      figureIds: figureIdsOf.get(e.id) ?? [],
    }));

  const outDocuments: SourceDocument[] = documents.map((d) => {
    const meta = curation.documents[d.id] ?? {};
    return {
      id: d.id,
      title: meta.title ?? firstLine(d.text),
      ...(meta.publisher ? { publisher: meta.publisher } : {}),
      ...(meta.date ? { date: meta.date } : {}),
      sha256: options.sha256?.(d) ?? sha256Hex(d.text),
      length: d.text.length,
    };
  });

  const otherNames = [...new Set(curation.others.flatMap((o) => [o.name, ...o.aliases]))];
  const dataset: Dataset = {
    version: 1,
    ...(curation.subject ? { subject: curation.subject } : {}),
    documents: outDocuments,
    entities: outEntities,
    figures,
    ...(otherNames.length ? { otherNames } : {}),
  };
  if (options.background) {
    dataset.relevance = relevanceStats(dataset, states.map((s) => s.doc.text.slice(0, s.end)), options.background);
  }
  return { dataset, warnings };
}

function countsOf(counts: Map<string, number>): Record<string, number> {
  return Object.fromEntries([...counts].filter(([, n]) => n > 0).sort(([a], [b]) => compare(a, b)));
}

/**
 * How often each entity's names and each country's demonyms occur in the documents' articles and in the
 * background, counted by the page matcher itself (every page treated as on the subject), so the extension weighs
 * exactly what it finds.
 */
export function relevanceStats(dataset: Dataset, articles: string[], background: Background): RelevanceStats {
  const matcher = createMatcher(dataset, { readFigures: () => [] });
  return relevanceFrom(matcher, articles, countMentions(matcher, background.texts), background.source);
}

/** Mentions counted in a background: per entity id, names and demonyms, and how many characters were read. */
export type BackgroundCounts = ReturnType<typeof countMentions>;

/**
 * Relevance statistics from the documents' articles (counted by `matcher`, the page matcher on the dataset) and
 * counts already made in a background (the extension's reader-built sets count theirs in a table of the same
 * background, lib/sets/background.ts).
 */
export function relevanceFrom(matcher: Matcher, articles: string[], other: BackgroundCounts, backgroundSource: string): RelevanceStats {
  const reference = countMentions(matcher, articles);
  // The core: what most of the documents name, the subject's constant companions ("Syria", "Bashar al-Assad").
  const documentsNaming = new Map<string, number>();
  for (const text of articles) {
    const one = countMentions(matcher, [text]);
    for (const id of new Set([...one.names.keys(), ...one.demonyms.keys()])) documentsNaming.set(id, (documentsNaming.get(id) ?? 0) + 1);
  }
  const needed = Math.max(Math.ceil(articles.length / 2), Math.min(2, articles.length));
  const core = [...documentsNaming].filter(([, n]) => n >= needed).map(([id]) => id).sort(compare);
  return {
    backgroundSource,
    core,
    referenceCharacters: reference.characters,
    backgroundCharacters: other.characters,
    reference: countsOf(reference.names),
    background: countsOf(other.names),
    demonymsInReference: countsOf(reference.demonyms),
    demonymsInBackground: countsOf(other.demonyms),
  };
}

/** Names (per entity id) and demonyms (per country id) the matcher finds in texts, every text taken as on the subject. */
export function countMentions(matcher: Matcher, texts: readonly string[]): { names: Map<string, number>; demonyms: Map<string, number>; characters: number } {
  const names = new Map<string, number>();
  const demonyms = new Map<string, number>();
  let characters = 0;
  for (const text of texts) {
    characters += text.length;
    if (text.length === 0) continue;
    const session = matcher.begin(text, { everyPage: true });
    session.scan(0, text.length);
    const { relevance } = session.settle();
    for (const [id, n] of relevance.names) names.set(id, (names.get(id) ?? 0) + n);
    for (const [id, n] of relevance.demonyms) demonyms.set(id, (demonyms.get(id) ?? 0) + n);
  }
  return { names, demonyms, characters };
}

/**
 * Ordinary words, by loose key: the NLP library's lexicon with the usual inflections, and every word the background
 * news text writes in lower case. A name whose words fold like a different ordinary word gets no loose key, so
 * ordinary words never match it.
 */
function englishWords(background: readonly string[]): Map<string, Set<string>> {
  const lexicon = Object.keys((nlp as unknown as { world(): { model: { one: { lexicon: Record<string, unknown> } } } }).world().model.one.lexicon);
  const words = new Set<string>();
  for (const w of lexicon) {
    if (!/^[a-z]+$/.test(w)) continue;
    for (const suffix of ['', 's', 'es', 'ed', 'ing']) words.add(w + suffix);
  }
  for (const text of background) for (const w of text.match(/(?<![\p{L}\p{N}])\p{Ll}[\p{Ll}\p{M}]*/gu) ?? []) words.add(w);
  return englishLooseKeys(words);
}

/** The forms of a person, place or organisation that also get a loose key (lib/match/loose: looseEligible). */
function looseNamesOf(e: EntityDraft, english: Map<string, Set<string>>): { looseNames?: string[] } {
  const forms = [...new Set([...e.aliases, ...e.shortNames])].filter((f) => looseEligible(f, english));
  return forms.length ? { looseNames: forms } : {};
}

function checkNumber(body: string, reading: FigureReading, doc: string, warnings: string[]): void {
  const numberText = body.slice(reading.numberStart, reading.numberEnd);
  // compromise does not read "a dozen" or "half a million" as numbers; only compare where it reads one.
  const parsed = (nlp(numberText).numbers().get() as unknown[]).filter((n): n is number => typeof n === 'number');
  if (parsed.length === 1 && parsed[0] !== reading.value) {
    warnings.push(`${doc}@${reading.numberStart}: the figure reader read ${reading.value}, compromise ${parsed[0]} ("${numberText}")`);
  }
}

function within(spans: Span[], m: Span): boolean {
  return spans.some((a) => a.start <= m.start && m.end <= a.end);
}

/** Relative clauses about someone else ("their ministers, who will meet in Dublin"): they do not place a figure. */
function asidesOf(body: string, sentence: Span, reading: FigureReading): Span[] {
  const asides: Span[] = [];
  const relative = /,\s+(?:who|which|whose|where)\b[^,;]*/g;
  const text = body.slice(sentence.start, sentence.end);
  for (let m = relative.exec(text); m; m = relative.exec(text)) {
    const aside = { start: sentence.start + m.index, end: sentence.start + m.index + m[0].length };
    if (!(aside.start <= reading.start && reading.end <= aside.end)) asides.push(aside);
  }
  return asides;
}

function specificity(entity: EntityDraft | undefined): number {
  return SPECIFICITY[entity?.placeKind ?? 'city'];
}

/**
 * The country a document is about: the one named or described ("Syrian forces") most often. Demonyms count because
 * news copy says "Syrian" far more often than "Syria", while a neighbour may be named more often than the subject.
 */
function mainCountry(state: DocState, drafts: Map<string, EntityDraft>, demonyms: Map<string, string[]>): string | undefined {
  const count = new Map<string, number>();
  for (const m of state.mentions) if (drafts.get(m.entityId)?.placeKind === 'country') count.set(m.entityId, (count.get(m.entityId) ?? 0) + 1);
  for (const [id, words] of demonyms) {
    for (const word of words) count.set(id, (count.get(id) ?? 0) + occurrences(state.doc.text, word, state.end).length);
  }
  let best: string | undefined;
  for (const [id, n] of count) if (best === undefined || n > count.get(best)! || (n === count.get(best)! && compare(id, best) < 0)) best = id;
  return best;
}

/**
 * Where a figure happened: the shared rule (lib/figures/place.ts) over the places named in its sentence, leaving out
 * relative clauses about someone else; failing that, "the city" is the last city named before, and "the country",
 * "the conflict", "the uprising" are the country the document is about.
 */
function placeFor(
  body: string,
  reading: FigureReading,
  sentence: Span,
  asides: Span[],
  clauseEnd: number,
  state: DocState,
  drafts: Map<string, EntityDraft>,
  mainCountry: string | undefined,
): string | undefined {
  const places = state.mentions.filter((m) => drafts.get(m.entityId)?.type === 'place' && !isDescriptive(body, m.end) && !within(asides, m));
  const named = placeOfFigure(
    body,
    reading,
    sentence,
    clauseEnd,
    places.map((m) => ({ start: m.start, end: m.end, id: m.entityId, specificity: specificity(drafts.get(m.entityId)) })),
  );
  if (named) return named.id;
  const words = body.slice(sentence.start, sentence.end);
  const city = cityReferredTo(
    body,
    reading,
    sentence,
    places.map((m) => ({ start: m.start, end: m.end, id: m.entityId, specificity: specificity(drafts.get(m.entityId)) })),
  );
  if (city) return city.id;
  if (/\b(?:country|conflict|uprising|war|rebellion|civil war)\b/i.test(words)) return mainCountry;
  return undefined;
}

/** A figure's stated period as the dataset stores it, or undefined when its text states none. */
function periodOf(time: FigureTime): FigurePeriod | undefined {
  if (!time.stated || !time.label) return undefined;
  const exact = time.when && time.weekday === undefined;
  return {
    label: time.label,
    ...(time.when ? { from: isoDay(time.when.from), to: isoDay(time.when.to) } : {}),
    ...(!exact && time.weekday !== undefined ? { weekday: time.weekday } : {}),
  };
}

interface Source {
  entityId?: string;
  text?: string;
}

const SPEECH = /\b(?:said|says|say|reported|reports|estimates|estimated|claimed|claims|claim|told|counted|documented|according to)\b/g;
const COREFERENT_SUBJECT = /\b(?:the (?:report|group|organi[sz]ation|agency|monitor|watchdog|study|survey)|it)\s+(?:also\s+)?$/i;
const GENERIC_SUBJECT = /\b((?:opposition |rights |local )?(?:activists|witnesses|residents|officials|rights groups|state media|doctors|medics|rebels|the military|the army|the government|the regime))\s+(?:also\s+|have\s+|had\s+)?$/i;

/**
 * Who each sentence credits, in order: "Human Rights Watch said", "according to U.N. estimates", "the Observatory
 * also said". "The report said" and "the group said" refer back to the last named source in the document.
 */
function sentenceSources(body: string, spans: Span[], state: DocState, drafts: Map<string, EntityDraft>): Array<Source | undefined> {
  let lastNamed: string | undefined;
  return spans.map((sentence) => {
    const text = body.slice(sentence.start, sentence.end);
    const mentions = state.mentions.filter((m) => m.start >= sentence.start && m.end <= sentence.end && drafts.get(m.entityId)?.type !== 'place');
    let found: Source | undefined;
    SPEECH.lastIndex = 0;
    for (let v = SPEECH.exec(text); v && !found; v = SPEECH.exec(text)) {
      const at = sentence.start + v.index;
      if (v[0] === 'according to') {
        const next = mentions.find((m) => m.start >= at + v![0].length && m.start - (at + v![0].length) <= 8);
        if (next) found = { entityId: next.entityId };
        else {
          const generic = /^\s+((?:opposition |rights )?(?:activists|witnesses|residents|officials|rights groups|state media))\b/i.exec(text.slice(v.index + v[0].length));
          if (generic) found = { text: generic[1]!.toLowerCase() };
        }
        continue;
      }
      // The subject: a named entity ending just before the verb, with at most a few words between
      // ("The Observatory also said", "Human Rights Watch has reported").
      const subject = [...mentions].reverse().find((m) => m.end <= at && /^[\s,]*(?:[\w’'-]+\s+){0,2}$/.test(body.slice(m.end, at)) && !/[.;]/.test(body.slice(m.end, at)));
      if (subject) {
        found = { entityId: subject.entityId };
        continue;
      }
      const lead = text.slice(0, v.index);
      if (COREFERENT_SUBJECT.test(lead) && lastNamed) found = { entityId: lastNamed };
      else {
        const generic = GENERIC_SUBJECT.exec(lead);
        if (generic) found = { text: generic[1]!.toLowerCase() };
      }
    }
    if (found?.entityId) lastNamed = found.entityId;
    return found;
  });
}
