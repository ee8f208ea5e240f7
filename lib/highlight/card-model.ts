// What the card says about a highlight, as plain data: computed from the match and the reference dataset,
// so it is tested without a browser and the Preact card only lays it out.
import type { FigureVerdict, TextMatch } from '../match/types';
import { formatRange, parseRange } from '../figures/dates';
import type { EntityType, Figure, Qualifier } from '../reference/types';
import type { Reference } from '../reference/lookup';
import { splitReferenceId, BUNDLED_SET_ID } from '../reference/ids';

/** Where a reader's set's document opens in the library, with the passage that names the item marked. */
export interface SourcePassage {
  setId: string;
  docId: string;
  start: number;
  end: number;
}

export interface SourceLine {
  id: string;
  title: string;
  publisher?: string;
  date?: string;
  /** A reader's own document: it opens in the library at the item's first passage in it. */
  open?: SourcePassage;
}

export interface FigureFact {
  id: string;
  /** "more than 70,000 people killed". */
  label: string;
  value: number;
  qualifier: Qualifier;
  unit: string;
  counts: string;
  /** The date it was stated (its document's), as a card shows dates: "16 Mar 2013", "Jul 2012". */
  asOf?: string;
  /** The period its text states, in the project's words: "6 months to 16 Mar 2013", "Fri 20 Jul 2012". */
  period?: string;
  /** The kind of event it counts ("bombing", "summit"). */
  event?: string;
  place?: string;
  attribution?: string;
}

/** What the page says of its figure. */
export interface PageFigureFact {
  value: number;
  qualifier: Qualifier;
  unit: string;
  text: string;
  /** The date or period the page's figure is for, as a card shows dates. */
  asOf?: string;
  /** The period its sentence states, in the project's words. */
  period?: string;
  /** Who the page's sentence credits it to, as the page writes it. */
  attribution?: string;
  /** Where the page's sentence says it happened. */
  place?: string;
}

export interface EntityCard {
  kind: 'entity';
  id: string;
  name: string;
  type: EntityType;
  typeLabel: string;
  /** Other names it goes by (without the main name). */
  aliases: string[];
  description?: string;
  /** Text as it appears on the page, when it differs from the name. */
  pageText: string;
  figures: FigureFact[];
  sources: SourceLine[];
  /** The reference set it comes from, when the reader has sets of their own. */
  set?: string;
}

export interface FigureCard {
  kind: 'figure';
  id: string;
  pageText: string;
  reference: FigureFact;
  /** What the page says, when the reader could read it. */
  page?: PageFigureFact;
  verdict: FigureVerdict;
  /** Entities the figure belongs to, by name. */
  about: string[];
  sources: SourceLine[];
  /** The reference set it comes from, when the reader has sets of their own. */
  set?: string;
}

export type CardModel = EntityCard | FigureCard;

const TYPE_LABELS: Record<EntityType, string> = { person: 'Person', place: 'Place', organization: 'Organisation' };

export function formatNumber(value: number): string {
  return value.toLocaleString('en-US', { maximumFractionDigits: 2 });
}

/** "more than 70,000", "70,000" (exact), "about 4,000,000". */
export function formatQualified(value: number, qualifier: Qualifier): string {
  return qualifier === 'exact' ? formatNumber(value) : `${qualifier} ${formatNumber(value)}`;
}

function sourcesOf(ref: Reference, mentions: { doc: string; start: number; end: number }[]): SourceLine[] {
  const seen = new Set<string>();
  const lines: SourceLine[] = [];
  for (const m of mentions) {
    if (seen.has(m.doc)) continue;
    seen.add(m.doc);
    const d = ref.document(m.doc);
    if (!d) continue;
    // Dates as the rest of the card writes them ("16 Mar 2013").
    const date = cardDate(d.date) ?? d.date;
    // A reader's set's document (its id qualified by the set) is in the library, where it opens at this passage.
    const { setId, localId } = splitReferenceId(d.id);
    const open = setId === BUNDLED_SET_ID ? undefined : { setId, docId: localId, start: m.start, end: m.end };
    lines.push({ id: d.id, title: d.title, ...(d.publisher ? { publisher: d.publisher } : {}), ...(date ? { date } : {}), ...(open ? { open } : {}) });
  }
  return lines;
}

/** The name of the reference set an item comes from, in a reference of several sets (Dataset.parts). */
function setNameOf(ref: Reference, id: string): string | undefined {
  const parts = ref.dataset.parts;
  if (!parts) return undefined;
  const { setId } = splitReferenceId(id);
  return parts.find((p) => p.id === setId)?.name;
}

/** An ISO date or range as the card shows it ("16 Mar 2013"), or undefined. */
export function cardDate(iso: string | undefined): string | undefined {
  const range = parseRange(iso);
  return range ? formatRange(range) : undefined;
}

function figureFact(ref: Reference, f: Figure): FigureFact {
  const place = f.placeId ? ref.entity(f.placeId)?.name : undefined;
  const asOf = cardDate(f.asOf);
  // A named source (the U.N.) or, failing that, who the text credits ("activists").
  const attribution = (f.attributedToId ? ref.entity(f.attributedToId)?.name : undefined) ?? f.attributedTo;
  return {
    id: f.id,
    label: f.label,
    value: f.value,
    qualifier: f.qualifier,
    unit: f.unit,
    counts: f.counts,
    ...(asOf ? { asOf } : {}),
    ...(f.period ? { period: f.period.label } : {}),
    ...(f.event ? { event: f.event } : {}),
    ...(place ? { place } : {}),
    ...(attribution ? { attribution } : {}),
  };
}

/**
 * What a card is about: a highlight's match and the reference it was matched against. The page's controllers hand
 * this to the card, which describes it where it is drawn (the card's part), so the page's own script carries none
 * of the describing.
 */
export interface CardSubject {
  reference: Reference;
  match: TextMatch;
}

/** Whether a match names a figure (looked up among the reference's figures) or an entity: one rule for both below. */
const namesFigure = (match: TextMatch) => match.category === 'figure' || match.category === 'figure-differs';

/** Whether the reference still has what a match names: the cheap check of `describeMatch`'s null, for the page. */
export function hasCard(ref: Reference, match: TextMatch): boolean {
  return namesFigure(match) ? !!ref.figure(match.referenceId) : !!ref.entity(match.referenceId);
}

/** The card for a match, or null when the reference no longer has that id (stale dataset). */
export function describeMatch(ref: Reference, match: TextMatch): CardModel | null {
  if (namesFigure(match)) {
    const f = ref.figure(match.referenceId);
    if (!f) return null;
    const reading = match.figure?.reading;
    const said = match.figure?.page;
    const pageAsOf = cardDate(said?.asOf);
    return {
      kind: 'figure',
      id: f.id,
      pageText: match.text,
      reference: figureFact(ref, f),
      ...(reading
        ? {
            page: {
              value: reading.value,
              qualifier: reading.qualifier,
              unit: reading.unit,
              text: match.text,
              ...(pageAsOf ? { asOf: pageAsOf } : {}),
              ...(said?.period ? { period: said.period } : {}),
              ...(said?.attribution ? { attribution: said.attribution } : {}),
              ...(said?.place ? { place: said.place } : {}),
            },
          }
        : {}),
      verdict: match.figure?.verdict ?? (match.category === 'figure-differs' ? 'differs' : 'matches'),
      about: f.entityIds.map((id) => ref.entity(id)?.name).filter((n): n is string => !!n),
      sources: sourcesOf(ref, f.mentions),
      ...withSet(setNameOf(ref, f.id)),
    };
  }
  const e = ref.entity(match.referenceId);
  if (!e) return null;
  return {
    kind: 'entity',
    id: e.id,
    name: e.name,
    type: e.type,
    typeLabel: TYPE_LABELS[e.type],
    aliases: e.aliases.filter((a) => a !== e.name),
    ...(e.description ? { description: e.description } : {}),
    pageText: match.text,
    figures: ref.figuresOf(e.id).map((f) => figureFact(ref, f)),
    sources: sourcesOf(ref, e.mentions),
    ...withSet(setNameOf(ref, e.id)),
  };
}

const withSet = (set: string | undefined) => (set ? { set } : {});

/** How the card words a verdict. */
export const VERDICT_TEXT: Record<FigureVerdict, string> = {
  matches: 'Matches the reference',
  differs: 'Differs from the reference',
  earlier: 'An earlier estimate than the reference’s',
  later: 'A later estimate than the reference’s',
};

/** One sentence a screen reader announces when the card opens. */
export function announce(card: CardModel): string {
  if (card.kind === 'entity') {
    const facts = card.figures.length ? ` ${card.figures.length} reference figure${card.figures.length === 1 ? '' : 's'}.` : '';
    return `${card.name}, ${card.typeLabel.toLowerCase()}.${facts}`;
  }
  const r = card.reference;
  const reference = `${formatQualified(r.value, r.qualifier)} ${r.counts}${r.attribution ? ` according to ${r.attribution}` : ''}${r.asOf ? ` (${r.asOf})` : ''}`;
  if (card.verdict === 'matches') return `Figure matches the reference: ${reference}.`;
  const p = card.page;
  const page = p
    ? `${formatQualified(p.value, p.qualifier)}${p.attribution ? ` according to ${p.attribution}` : ''}${p.asOf ? ` (${p.asOf})` : ''}`
    : card.pageText;
  return `Figure: ${VERDICT_TEXT[card.verdict].toLowerCase()}. The page says ${page}; the reference says ${reference}.`;
}
