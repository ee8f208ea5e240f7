// What a reference covers, in a form small enough to show a reader: its subject, its documents with their dates, how
// many people, places, organisations and figures it knows, and the names it mentions most. The first-run page shows
// it, and the notes library names the subject beside the setting on which pages are highlighted (built from the
// bundled dataset at build time: scripts/reference-summary.ts); a reader-built reference gets the same summary from
// the same function.
import type { Dataset, EntityType } from './types';

export interface ReferenceDocumentSummary {
  title: string;
  publisher?: string;
  /** As in the dataset: YYYY-MM-DD or YYYY-MM. */
  date?: string;
}

export interface ReferenceSummary {
  /** What the reference covers, in its own words ("the Syrian civil war, 2012–2013"), when the dataset says. */
  subject?: string;
  /** Oldest first; undated documents last, in dataset order. */
  documents: ReferenceDocumentSummary[];
  counts: Record<EntityType | 'figure', number>;
  /** Up to `examples` names of each kind (figures by their label), the most mentioned first. */
  examples: Record<EntityType | 'figure', string[]>;
}

const ENTITY_TYPES: readonly EntityType[] = ['person', 'place', 'organization'];

export function summarizeReference(dataset: Dataset, examples = 3): ReferenceSummary {
  const documents = dataset.documents
    .map((d, order) => ({ d, order }))
    .sort((a, b) => (a.d.date && b.d.date ? a.d.date.localeCompare(b.d.date) : a.d.date ? -1 : b.d.date ? 1 : 0) || a.order - b.order)
    .map(({ d }) => ({ title: d.title, ...(d.publisher ? { publisher: d.publisher } : {}), ...(d.date ? { date: d.date } : {}) }));
  const ofType = (type: EntityType) => dataset.entities.filter((e) => e.type === type);
  const mostMentioned = (type: EntityType) =>
    ofType(type)
      .sort((a, b) => b.mentions.length - a.mentions.length || a.name.localeCompare(b.name))
      .slice(0, examples)
      .map((e) => e.name);
  return {
    ...(dataset.subject ? { subject: dataset.subject } : {}),
    documents,
    counts: {
      person: ofType('person').length,
      place: ofType('place').length,
      organization: ofType('organization').length,
      figure: dataset.figures.length,
    },
    examples: {
      ...(Object.fromEntries(ENTITY_TYPES.map((t) => [t, mostMentioned(t)])) as Record<EntityType, string[]>),
      figure: [...dataset.figures]
        .sort((a, b) => b.mentions.length - a.mentions.length || a.label.localeCompare(b.label))
        .slice(0, examples)
        .map((f) => f.label),
    },
  };
}

/**
 * A dataset date for reading: "16 March 2013" for a day, "July 2012" for a month. Dates are calendar dates, not
 * instants, so they are formatted in UTC and never shift with the reader's time zone.
 */
export function formatReferenceDate(date: string, locale?: string): string {
  const match = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/.exec(date);
  if (!match) return date;
  const [, year, month, day] = match;
  const instant = new Date(Date.UTC(Number(year), Number(month) - 1, day ? Number(day) : 1));
  // Date.UTC rolls over (month 13, day 40); such a date is not a date, so it is shown as written.
  if (instant.getUTCMonth() !== Number(month) - 1 || (day && instant.getUTCDate() !== Number(day))) return date;
  return new Intl.DateTimeFormat(locale, {
    timeZone: 'UTC',
    year: 'numeric',
    month: 'long',
    ...(day ? { day: 'numeric' } : {}),
  }).format(instant);
}
