// Runtime checks for what crosses the message boundary into the notes database: the background trusts
// its types only after these, so a malformed request gets a clear error instead of a corrupt record.
import { z } from 'zod';

const quote = z.object({
  type: z.literal('TextQuoteSelector'),
  exact: z.string().min(1, 'the quote is empty').max(20_000, 'the quote is longer than 20,000 characters'),
  prefix: z.string().max(1_000),
  suffix: z.string().max(1_000),
});
const position = z
  .object({ type: z.literal('TextPositionSelector'), start: z.number().int().nonnegative(), end: z.number().int().nonnegative() })
  .refine((p) => p.end > p.start, 'the position ends before it starts');

export const noteTargetSchema = z.object({ quote, position: position.optional() });
export const referenceLinkSchema = z.object({ id: z.string().min(1), kind: z.enum(['entity', 'figure']), label: z.string() });

const tags = z.array(z.string().max(100, 'a tag is longer than 100 characters')).max(50, 'a note can have at most 50 tags');
const text = z.string().max(100_000, 'this note is longer than 100,000 characters');
const iso = z.iso.datetime({ offset: true });

export const newAnnotationSchema = z.object({
  url: z.string().min(1, 'the page address is missing').max(8_000),
  title: z.string().max(2_000),
  text,
  tags: tags.optional(),
  target: noteTargetSchema.optional(),
  reference: referenceLinkSchema.optional(),
});

export const annotationSchema = z.object({
  id: z.string().min(1),
  url: z.string().min(1),
  title: z.string(),
  created: iso,
  modified: iso,
  text,
  tags,
  target: noteTargetSchema.optional(),
  reference: referenceLinkSchema.optional(),
});

export const patchSchema = z.object({ text: text.optional(), tags: tags.optional(), title: z.string().max(2_000).optional() });

/** Parses or throws an Error whose message names the first problem ("text: this note is longer than ..."). */
export function parseOrThrow<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const path = issue?.path.length ? `${issue.path.join('.')}: ` : '';
  throw new Error(`Invalid ${what}: ${path}${issue?.message ?? 'malformed'}.`);
}
