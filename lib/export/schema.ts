// The shape a Web Annotation in an imported file must have before Backstory reads a note out of it; the
// note itself then meets the notes' own schema (lib/notes/schema.ts). Messages: lib/validation.ts.
//
// It accepts what the W3C model allows for the parts Backstory can keep (single values or lists, a
// `type` string or list, TextualBody or bodyValue notes, extra properties it does not know), and refuses
// what Backstory could only keep by losing it: a body that is not text, several targets, a selector list
// without a TextQuoteSelector.
import { z } from 'zod';

/** One value or a list of them, as JSON-LD allows almost everywhere. */
function oneOrMany<T extends z.ZodType>(schema: T) {
  return z.union([schema, z.array(schema)]);
}

export function asList<T>(value: T | T[] | undefined): T[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

/** `type` is a string or a list of strings that must include `name`. */
function hasType(name: string) {
  return oneOrMany(z.string()).refine((t) => asList(t).includes(name), { message: `expected type "${name}"` });
}

// Offsets may be absent (no zone) in foreign files; a stored timestamp must say its zone so "newer wins"
// compares instants, so local times are refused with the path named.
const dateTime = z.iso.datetime({ offset: true, error: 'expected an ISO 8601 date-time with a time zone, e.g. 2024-05-01T09:30:00Z' });

export const textQuoteSelectorSchema = z.object({
  type: z.literal('TextQuoteSelector'),
  exact: z.string(),
  prefix: z.string().optional(),
  suffix: z.string().optional(),
});

export const textPositionSelectorSchema = z
  .object({
    type: z.literal('TextPositionSelector'),
    start: z.number().int().nonnegative(),
    end: z.number().int().nonnegative(),
  })
  .refine((s) => s.end >= s.start, { message: 'end must not be before start', path: ['end'] });

/** Other selector types (RangeSelector, XPathSelector...) may sit beside the quote; they are not kept. */
const otherSelectorSchema = z.looseObject({
  // `abort` makes a quote or position selector with a bad field fail this alternative outright, so the
  // union reports the quote's real problem ("exact: required") rather than this catch-all.
  type: z.string().refine((t) => t !== 'TextQuoteSelector' && t !== 'TextPositionSelector', { message: 'malformed selector', abort: true }),
});

const selectorSchema = z.union([textQuoteSelectorSchema, textPositionSelectorSchema, otherSelectorSchema]);

const pageSchema = z.looseObject({
  id: z.string().min(1),
  'dc:title': z.string().optional(),
  title: z.string().optional(),
});

export const specificResourceSchema = z.looseObject({
  type: hasType('SpecificResource').optional(),
  source: z.union([z.string().min(1), pageSchema]),
  'dc:title': z.string().optional(),
  selector: oneOrMany(selectorSchema).optional(),
});

export const textualBodySchema = z.looseObject({
  // The model lets `type` be omitted when `value` is present (§3.2.4).
  type: hasType('TextualBody').optional(),
  value: z.string({ error: (iss) => (iss.input === undefined ? 'required (Backstory imports text bodies only)' : undefined) }),
  purpose: oneOrMany(z.string()).optional(),
});

export const referenceSchema = z.object({
  'backstory:id': z.string().min(1),
  'backstory:kind': z.enum(['entity', 'figure']),
  'backstory:label': z.string(),
});

export const annotationSchema = z
  .looseObject({
    id: z.string().min(1),
    type: hasType('Annotation'),
    created: dateTime.optional(),
    modified: dateTime.optional(),
    motivation: oneOrMany(z.string()).optional(),
    body: oneOrMany(textualBodySchema).optional(),
    bodyValue: z.string().optional(),
    target: z.union([z.url(), specificResourceSchema, z.array(specificResourceSchema).length(1, 'Backstory keeps one target per annotation')]),
    'backstory:reference': referenceSchema.optional(),
  })
  .refine((a) => a.created !== undefined || a.modified !== undefined, {
    message: 'required: an annotation needs `created` or `modified`',
    path: ['created'],
  });

export type AnnotationInput = z.infer<typeof annotationSchema>;
export type SpecificResourceInput = z.infer<typeof specificResourceSchema>;
