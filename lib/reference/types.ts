// The bundled reference dataset: what Backstory knows, built from source documents by scripts/build-dataset.ts.
// It describes facts in structured fields and the project's own words; it never stores the documents' sentences.

export type EntityType = 'person' | 'place' | 'organization';

/** How a figure's value is hedged in the text: "more than 50", "some 300", "up to 7,000". */
export type Qualifier = 'exact' | 'more than' | 'at least' | 'up to' | 'at most' | 'fewer than' | 'some' | 'about';

export interface SourceDocument {
  /** Stable id derived from the file name, e.g. "000_506e256ba1041ff2". */
  id: string;
  title: string;
  publisher?: string;
  /** ISO date (YYYY-MM-DD or YYYY-MM) where the text or curation says. */
  date?: string;
  /** Where the document can be read (a reader's own documents: the page it was added from). */
  url?: string;
  /** SHA-256 of the document's text, so provenance offsets can be checked against the exact version used. */
  sha256: string;
  length: number;
}

/** Where something is mentioned: character offsets into a source document's text (UTF-16 code units, end exclusive). */
export interface Mention {
  doc: string;
  start: number;
  end: number;
}

export interface Entity {
  /** Stable slug, e.g. "person:bashar-al-assad". */
  id: string;
  name: string;
  type: EntityType;
  /** Every form to recognise on a page, including `name`, e.g. "Bashar Assad", "President Assad", "Mr Assad". */
  aliases: string[];
  /**
   * Forms that refer to it only where its full name has already appeared in the same text ("the Observatory" for
   * the Syrian Observatory for Human Rights, "Bashar" once "Bashar al-Assad" was named). A page matcher uses them
   * only after a full-name match; a leading "the " is required on the page but not highlighted.
   */
  contextualAliases?: string[];
  /**
   * Short forms that others share (a bare family name, a generic description: "Assad", "Security Council",
   * "state TV"): they name this entity after its full name, or anywhere in an article on the reference's subject,
   * unless another bearer (see `Dataset.otherNames`) was named more recently in the same paragraph.
   */
  shortNames?: string[];
  /**
   * Names (among `name`, `aliases`, `shortNames`) spelled many ways in transliteration ("Mouaz al-Khatib"): also
   * matched by a looser key (lib/text/normalize: looseWord). Chosen when the dataset is built: long enough, and no
   * word of them folds together with a different English word.
   */
  looseNames?: string[];
  /** For countries: the words for its people ("Syrian"): evidence that an article is about it, never highlighted. */
  demonyms?: string[];
  /** Misspellings seen in the source documents ("Mr Assads"): counted in `mentions`, never used for page matching. */
  variants?: string[];
  /** For places: how specific the place is. */
  placeKind?: 'country' | 'province' | 'city' | 'town' | 'district' | 'building';
  /** A short description in the project's own words (from curation), if any. */
  description?: string;
  mentions: Mention[];
  /** Ids of the figures tied to this entity (place it applies to, who it is attributed to, what it is about). */
  figureIds: string[];
}

/**
 * What a figure's count covers in time (lib/figures/time.ts): a running 'total' as of a date, how long something
 * had lasted ('age'), a count over a stated 'span', one 'event', a slowly changing 'state', or a 'fixed' property
 * of something named (a plan's points).
 */
export type FigureScope = 'total' | 'age' | 'span' | 'event' | 'state' | 'fixed';

/** The period a figure's text states, in the project's words and as days. */
export interface FigurePeriod {
  /** "6 months to 16 Mar 2013", "Fri 20 Jul 2012", "Jun 2012". */
  label: string;
  /** First and last day, ISO (YYYY-MM-DD), when the document's date resolves them. */
  from?: string;
  to?: string;
  /** The weekday the text names (0 Sunday … 6 Saturday) when the document's date does not resolve the day. */
  weekday?: number;
}

export interface Figure {
  /** Stable slug, e.g. "figure:people-killed-70000". */
  id: string;
  value: number;
  qualifier: Qualifier;
  /** What one unit is: "people", "bombs", "locations", "videos", "tons", "months", "days", "members", "observers"... */
  unit: string;
  /** The canonical thing counted, from the closed vocabulary in lib/figures/vocabulary.ts, e.g. "people killed". */
  counts: string;
  /** Human phrasing of the figure in the project's words, e.g. "more than 70,000 people killed". */
  label: string;
  /** The date the figure was stated: its document's date (YYYY-MM-DD or YYYY-MM), when known. */
  asOf?: string;
  /** What the count covers in time; when absent (a hand-made dataset), what `counts` usually covers. */
  scope?: FigureScope;
  /** The period the text states ("in the past six months", "on Friday"), resolved against `asOf`. */
  period?: FigurePeriod;
  /** The kind of event it belongs to, in the project's words ("bombing", "clashes", "summit"), when one is named. */
  event?: string;
  /** Entity id of the place it applies to. */
  placeId?: string;
  /** Entity id of who it is attributed to (the U.N., Human Rights Watch...). */
  attributedToId?: string;
  /** Who the text credits when that is not a named entity ("activists", "witnesses"). */
  attributedTo?: string;
  /** Entities the figure belongs to (place, attribution, subject). */
  entityIds: string[];
  mentions: Mention[];
}

/**
 * How often the reference's names occur in its own documents and in ordinary news text: what the matcher uses to
 * decide whether an article is about the reference's subject (lib/match/relevance.ts). Counts, never text.
 */
export interface RelevanceStats {
  /** Where the background came from, for people reading the dataset. */
  backgroundSource: string;
  /** Characters of the reference documents (their article parts) and of the background text. */
  referenceCharacters: number;
  backgroundCharacters: number;
  /**
   * The subject's core: entities named in at least half of the reference documents (at least two of them when there
   * are several). An article is about the subject only if it names one of them.
   */
  core: string[];
  /** Mentions of each entity (by id) in the reference documents and in the background; entities not listed: none. */
  reference: Record<string, number>;
  background: Record<string, number>;
  /** Uses of each country's demonyms (by entity id) in the reference documents and in the background. */
  demonymsInReference: Record<string, number>;
  demonymsInBackground: Record<string, number>;
}

/**
 * One reference set inside a dataset made of several (lib/sets/combine.ts): its entities and figures (by id), and
 * what the matcher needs to judge on its own whether an article is about its subject.
 */
export interface DatasetPart {
  /** The set's id ("bundled", or a reader's "set-…"). */
  id: string;
  name: string;
  subject?: string;
  relevance?: RelevanceStats;
  entityIds: string[];
  figureIds: string[];
}

export interface Dataset {
  version: 1;
  /** What the reference is about, in the project's words ("the Syrian civil war, 2012–2013"): said on pages off it. */
  subject?: string;
  documents: SourceDocument[];
  entities: Entity[];
  figures: Figure[];
  /**
   * Names of known other entities that contain or share a reference name ("Hafez al-Assad", "The New York Times"):
   * they win on longest match and are never highlighted.
   */
  otherNames?: string[];
  /** Absent: every article counts as on the subject. */
  relevance?: RelevanceStats;
  /**
   * Present when the dataset is several reference sets matched together: each part's names are counted and its
   * relevance judged on its own (an article is painted for a set only when it is about that set's subject).
   */
  parts?: DatasetPart[];
}
