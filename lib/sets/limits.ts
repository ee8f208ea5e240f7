// What a reference set may hold, in one place: the repository checks what the reader types and adds against
// these, and a set file is checked against the same rules before anything of it is written.
import { z } from 'zod';

export const SET_LIMITS = {
  name: 200,
  description: 2_000,
  /** A document's text, in UTF-16 code units: a long report, not a library. */
  text: 2_000_000,
  title: 2_000,
  publisher: 300,
  /** Chromium's own limit on addresses. */
  url: 2 * 1024 * 1024,
  documents: 5_000,
  edits: 20_000,
  /** A set file (bytes): a set with its texts at the document limit is well under this. */
  fileBytes: 200 * 1024 * 1024,
} as const;

const count = (n: number) => n.toLocaleString('en');

/** Whole strings kept as they are; only one over the limit is cut, at a code point, with an ellipsis. */
export function cut(text: string, limit: number): string {
  if (text.length <= limit) return text;
  return [...text].slice(0, limit - 1).join('') + '…';
}

/** ISO dates the builder reads (YYYY-MM or YYYY-MM-DD). */
export const ISO_DAY = /^\d{4}-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?$/;

export const setNameSchema = z.string().transform((s) => s.replace(/\s+/g, ' ').trim()).pipe(
  z.string().min(1, 'the set needs a name').max(SET_LIMITS.name, `a set's name is at most ${SET_LIMITS.name} characters`),
);
export const setDescriptionSchema = z.string().transform((s) => s.trim()).pipe(
  z.string().max(SET_LIMITS.description, `a description is at most ${count(SET_LIMITS.description)} characters`),
);

export const documentTextSchema = z
  .string()
  .refine((s) => s.trim().length > 0, { message: 'the document has no text' })
  .refine((s) => s.length <= SET_LIMITS.text, {
    error: (i) => `the document is ${count((i.input as string).length)} characters long; the limit is ${count(SET_LIMITS.text)}`,
  });

/** What the reader (or a page, or a file) gives for a new document. */
export const newDocumentSchema = z.object({
  title: z.string().transform((s) => cut(s.replace(/\s+/g, ' ').trim(), SET_LIMITS.title)),
  publisher: z.string().transform((s) => cut(s.replace(/\s+/g, ' ').trim(), SET_LIMITS.publisher)).optional(),
  date: z.string().regex(ISO_DAY, 'dates are YYYY-MM-DD or YYYY-MM').optional(),
  url: z.string().min(1).max(SET_LIMITS.url, `the address is longer than ${count(SET_LIMITS.url)} characters`).optional(),
  text: documentTextSchema,
  origin: z.enum(['page', 'paste', 'file', 'import']),
});

export type NewDocument = z.input<typeof newDocumentSchema>;
