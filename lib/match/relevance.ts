// Is the article about the reference's subject? Names are painted only where it is.
//
// A name is evidence of the subject in proportion to how much more often the reference's own documents use it
// than ordinary news does: its *weight* is the log of the ratio of its rate per character in the reference
// documents to its rate in a background of ordinary news pages (both measured when the dataset is built, with the
// matcher itself; see lib/builder/build.ts), never below zero. "Facebook", "New York" or "AP" are as common in
// ordinary news as in the reference: weight about 0. "Homs", "Free Syrian Army" or "Bashar al-Assad" are far more
// common in the reference: weight 4-7 nats. A country's demonym ("Syrian") is evidence like its name, with its
// own weight, and counts together with it.
//
// An article's *evidence* is the sum, over the reference items it names, of the item's weight times how many times
// it is named, at most MAX_COUNTED times (repetition shows what the article is about, but one item alone cannot
// make an unrelated article relevant). The article is on the subject when the evidence reaches SUBJECT_EVIDENCE
// and it names the subject's *core*: an item most of the reference's documents name ("Syria" or "Syrian",
// "Bashar al-Assad", "Damascus"). Peripheral items, however specific, do not make an article about the subject
// on their own: a football report naming Turkey, Istanbul and France is not about the Syrian war.
//
// Measured (`npm run eval`): real Syria reports (../shared/coverage) score 18-110 and all name the core; news pages
// that mention Syria in passing score at most 8; unrelated pages at most 14 (weights recomputed without the page
// scored) and name no core item.
import type { Dataset, RelevanceStats } from '../reference/types';

/** Evidence (nats) at which an article counts as on the reference's subject. */
export const SUBJECT_EVIDENCE = 12;
/** Mentions of one item counted towards the evidence. */
export const MAX_COUNTED = 4;
/** Added to background counts, so a name the background never uses is rare, not impossible. */
const BACKGROUND_PRIOR = 0.5;

export interface Relevance {
  /** Whether the article counts as on the subject (always true without relevance data or with `everyPage`). */
  onSubject: boolean;
  /** The evidence found (nats), and the threshold it was compared with. */
  evidence: number;
  /** Whether the article names one of the subject's core items. */
  namesCore: boolean;
  threshold: number;
  /** What the reference is about, when the dataset says ("the Syrian civil war, 2012–2013"). */
  subject?: string;
  /** Mentions seen per entity id: names, and demonyms. */
  names: Map<string, number>;
  demonyms: Map<string, number>;
  /** With several reference sets: each set's own verdict, in the dataset's order of parts. */
  parts?: PartRelevance[];
}

/** One reference set's verdict on an article (see Dataset.parts). */
export interface PartRelevance {
  id: string;
  name: string;
  onSubject: boolean;
  evidence: number;
  namesCore: boolean;
  subject?: string;
}

export interface RelevanceWeights {
  /**
   * Weight per mention of each entity's names / demonyms; undefined for entities not listed (they weigh nothing).
   * Worked out for an entity when first asked: an article names a handful of a reference's entities.
   */
  name: { get(id: string): number | undefined };
  demonym: { get(id: string): number | undefined };
  core: Set<string>;
}

function ratio(inReference: number, referenceCharacters: number, inBackground: number, backgroundCharacters: number): number {
  if (inReference <= 0 || referenceCharacters <= 0 || backgroundCharacters <= 0) return 0;
  return Math.max(0, Math.log(inReference / referenceCharacters / ((inBackground + BACKGROUND_PRIOR) / backgroundCharacters)));
}

/** Per-mention weights from the dataset's relevance statistics (see the file comment). */
export function relevanceWeights(stats: RelevanceStats): RelevanceWeights {
  const lazy = (inReference: Record<string, number>, inBackground: Record<string, number>) => {
    const known = new Map<string, number>();
    return {
      get(id: string): number | undefined {
        let w = known.get(id);
        if (w === undefined && Object.hasOwn(inReference, id)) {
          w = ratio(inReference[id]!, stats.referenceCharacters, inBackground[id] ?? 0, stats.backgroundCharacters);
          known.set(id, w);
        }
        return w;
      },
    };
  };
  return { name: lazy(stats.reference, stats.background), demonym: lazy(stats.demonymsInReference, stats.demonymsInBackground), core: new Set(stats.core) };
}

/** The evidence of an article's mentions (names and demonyms per entity id). */
export function evidenceOf(weights: RelevanceWeights, names: ReadonlyMap<string, number>, demonyms: ReadonlyMap<string, number>): number {
  let evidence = 0;
  for (const id of new Set([...names.keys(), ...demonyms.keys()])) {
    const count = (names.get(id) ?? 0) + (demonyms.get(id) ?? 0);
    const w = Math.max(names.has(id) ? (weights.name.get(id) ?? 0) : 0, demonyms.has(id) ? (weights.demonym.get(id) ?? 0) : 0);
    evidence += w * Math.min(count, MAX_COUNTED);
  }
  return evidence;
}

/** The verdict for an article, given its mentions. */
export function judgeRelevance(
  dataset: Pick<Dataset, 'relevance' | 'subject'>,
  weights: RelevanceWeights | undefined,
  names: Map<string, number>,
  demonyms: Map<string, number>,
  everyPage: boolean,
): Relevance {
  const evidence = weights ? evidenceOf(weights, names, demonyms) : 0;
  const namesCore = weights !== undefined && [...weights.core].some((id) => names.has(id) || demonyms.has(id));
  const gated = weights !== undefined && dataset.relevance !== undefined && !everyPage;
  return {
    onSubject: !gated || (namesCore && evidence >= SUBJECT_EVIDENCE),
    evidence,
    namesCore,
    threshold: SUBJECT_EVIDENCE,
    ...(dataset.subject ? { subject: dataset.subject } : {}),
    names,
    demonyms,
  };
}

/**
 * The verdict for an article matched against several sets: on the subject when any set is (each set's own verdict
 * is kept in `parts`); its evidence the strongest; its subject every set's, for a page about none of them.
 */
export function combineRelevance(parts: readonly PartRelevance[], verdicts: readonly Relevance[]): Relevance {
  const names = new Map<string, number>();
  const demonyms = new Map<string, number>();
  for (const v of verdicts) {
    for (const [id, n] of v.names) names.set(id, n);
    for (const [id, n] of v.demonyms) demonyms.set(id, n);
  }
  const on = parts.filter((p) => p.onSubject);
  const subjects = (on.length ? on : parts).map((p) => p.subject ?? p.name);
  return {
    onSubject: on.length > 0,
    evidence: Math.max(0, ...parts.map((p) => p.evidence)),
    namesCore: parts.some((p) => p.namesCore),
    threshold: SUBJECT_EVIDENCE,
    ...(subjects.length ? { subject: subjects.length > 1 ? `${subjects.slice(0, -1).join(', ')} and ${subjects.at(-1)}` : subjects[0]! } : {}),
    names,
    demonyms,
    parts: [...parts],
  };
}
