// The one schema of a note, built from the rules in ./limits.ts: the repository checks every record it
// writes against it (a new note, an edit, an import), so whatever is stored can be edited, deleted and
// restored again. It tidies what it may (titles cut, tags cleaned, context trimmed, an empty position
// dropped) and refuses what it cannot keep without losing the reader's words.
import { z } from 'zod';
import { LIMITS, LIMIT_MESSAGES, cleanTags, cleanTitle } from './limits';

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
