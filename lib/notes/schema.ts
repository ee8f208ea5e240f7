// The one schema of a note, built from the rules in ./limits.ts: the repository checks every record it
// writes against it (a new note, an edit, an import), so whatever is stored can be edited, deleted and
// restored again. It tidies what it may (titles cut, tags cleaned, context trimmed, an empty position
// dropped) and refuses what it cannot keep without losing the reader's words.
import { z } from 'zod';
import { LIMITS, LIMIT_MESSAGES, cleanTags, cleanTitle } from './limits';
import { foldForSearch } from './fold';

const quote = z.object({
  type: z.literal('TextQuoteSelector'),
  exact: z.string().min(1, LIMIT_MESSAGES.quoteEmpty).refine((s) => s.length <= LIMITS.quote, { error: (i) => LIMIT_MESSAGES.quote((i.input as string).length) }),
  // Context is a hint for re-anchoring: the nearest characters matter, the far ones are cut.
  prefix: z.string().transform((s) => s.slice(-LIMITS.context)),
  suffix: z.string().transform((s) => s.slice(0, LIMITS.context)),
});
const position = z.object({ type: z.literal('TextPositionSelector'), start: z.number().int().nonnegative(), end: z.number().int().nonnegative() });

export const noteTargetSchema = z
  .object({ quote, position: position.optional() })
  // A position that selects nothing is no help in finding the quote; the quote alone still anchors.
  .transform(({ quote, position }) => (position && position.end > position.start ? { quote, position } : { quote }));

export const referenceLinkSchema = z.object({ id: z.string().min(1), kind: z.enum(['entity', 'figure']), label: z.string() });

const text = z.string().refine((s) => s.length <= LIMITS.text, { error: (i) => LIMIT_MESSAGES.text((i.input as string).length) });
const tags = z
  .array(z.string())
  .transform(cleanTags)
  .refine((t) => t.length <= LIMITS.tags, { error: (i) => LIMIT_MESSAGES.tags((i.input as string[]).length) });
const title = z.string().transform(cleanTitle);
const url = z.string().min(1, LIMIT_MESSAGES.url).max(LIMITS.url, LIMIT_MESSAGES.urlLong);
const iso = z.iso.datetime({ offset: true });

/** A new note as the reader writes it (the URL already normalised by the caller). */
export const newAnnotationSchema = z.object({
  url,
  title,
  text,
  tags: tags.optional(),
  target: noteTargetSchema.optional(),
  reference: referenceLinkSchema.optional(),
});

/** A whole record, as an import brings it. */
export const annotationSchema = z.object({
  id: z.string().min(1, LIMIT_MESSAGES.id),
  url,
  title,
  created: iso,
  modified: iso,
  text,
  tags,
  target: noteTargetSchema.optional(),
  reference: referenceLinkSchema.optional(),
});

/** The fields an edit may change; only the fields it names are checked, never the rest of the record. */
export const patchSchema = z.object({ text: text.optional(), tags: tags.optional(), title: title.optional() });

/**
 * The record `annotationSchema` would make of `raw`, found without zod when `raw` needs no tidying and breaks no
 * rule (what Backstory's own exports hold); null for anything else, which the schema then judges and describes.
 * An import of 10,000 notes spends most of its checking time in the schema's general machinery; this path costs a
 * few property reads per note. It never accepts what the schema refuses, nor returns other than what the schema
 * would (tests/unit/notes/schema.test.ts compares the two on generated records).
 */
export function plainRecord(raw: unknown): z.output<typeof annotationSchema> | null {
  if (!isPlain(raw)) return null;
  const { id, url, title, created, modified, text, tags } = raw;
  if (typeof id !== 'string' || id.length === 0) return null;
  if (typeof url !== 'string' || url.length === 0 || url.length > LIMITS.url) return null;
  if (typeof title !== 'string' || title.length > LIMITS.title) return null;
  if (!isCanonicalInstant(created) || !isCanonicalInstant(modified)) return null;
  if (typeof text !== 'string' || text.length > LIMITS.text) return null;
  if (!Array.isArray(tags) || tags.length > LIMITS.tags || !tags.every(isCleanTag) || !distinctTags(tags as string[])) return null;
  const record: z.output<typeof annotationSchema> = { id, url, title, created, modified, text, tags: [...(tags as string[])] };
  if ('target' in raw) {
    const target = plainTarget(raw.target);
    if (!target) return null;
    record.target = target;
  }
  if ('reference' in raw) {
    const reference = raw.reference;
    if (!isPlain(reference)) return null;
    const { id: refId, kind, label } = reference;
    if (typeof refId !== 'string' || refId.length === 0 || (kind !== 'entity' && kind !== 'figure') || typeof label !== 'string') return null;
    record.reference = { id: refId, kind, label };
  }
  return record;
}

function isPlain(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const CANONICAL_INSTANT = /^(\d{4})-(\d\d)-(\d\d)T([01]\d|2[0-3]):[0-5]\d:[0-5]\d\.\d{3}Z$/;
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * toISOString's own form ("2026-01-02T03:04:05.678Z") of a real date: the schema takes it as it is. Read by its
 * digits rather than through a Date and back (an import checks two dates a note, 10,000 notes at a time).
 */
export function isCanonicalInstant(value: unknown): value is string {
  if (typeof value !== 'string' || value.length !== 24) return false;
  const m = CANONICAL_INSTANT.exec(value);
  if (!m) return false;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = month === 2 && year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return day <= DAYS_IN_MONTH[month - 1]! + (leap ? 1 : 0);
}

/** A tag cleanTags would keep as it is: no '#' or space to trim, one plain space between words, short enough. */
function isCleanTag(tag: unknown): boolean {
  return typeof tag === 'string' && tag.length > 0 && tag.length <= LIMITS.tagChars && !/^[#\s]|\s$|[^\S ]| {2}/.test(tag);
}

function distinctTags(tags: readonly string[]): boolean {
  if (tags.length < 2) return true;
  return new Set(tags.map(foldForSearch)).size === tags.length;
}

function plainTarget(target: unknown): z.output<typeof noteTargetSchema> | null {
  if (!isPlain(target) || !isPlain(target.quote)) return null;
  const { type, exact, prefix, suffix } = target.quote;
  if (type !== 'TextQuoteSelector' || typeof exact !== 'string' || exact.length === 0 || exact.length > LIMITS.quote) return null;
  if (typeof prefix !== 'string' || prefix.length > LIMITS.context || typeof suffix !== 'string' || suffix.length > LIMITS.context) return null;
  const quote = { type, exact, prefix, suffix } as const;
  if (!('position' in target)) return { quote };
  const position = target.position;
  if (!isPlain(position) || position.type !== 'TextPositionSelector') return null;
  const { start, end } = position;
  if (!Number.isInteger(start) || !Number.isInteger(end) || (start as number) < 0 || (end as number) < 0) return null;
  return (end as number) > (start as number) ? { quote, position: { type: 'TextPositionSelector', start: start as number, end: end as number } } : { quote };
}
