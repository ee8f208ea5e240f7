// The shape of a reference dataset as a file brings it (a set file, or what `npm run dataset` writes), checked
// before anything of it is kept: every field bounded, every id unique, every reference to an entity, figure or
// document resolved, every provenance range inside its document. The bundled dataset is the project's own and
// is not checked at run time; anything a reader opens is.
import { z } from 'zod';
import type { Dataset } from '../reference/types';

const LIMIT = {
  short: 300,
  label: 1_000,
  description: 2_000,
  forms: 500,
  mentions: 200_000,
  items: 200_000,
} as const;

const iso = /^\d{4}-\d{2}(?:-\d{2})?$/;
const short = z.string().min(1).max(LIMIT.short);
const forms = z.array(short).max(LIMIT.forms);
/** Entity and figure ids as the builder makes them: a kind, a colon, a slug ("person:jane-doe", "figure:people-killed-70000-2"). */
const itemId = z.string().regex(/^[a-z]+:[a-z0-9]+(?:-[a-z0-9]+)*$/, 'ids look like "person:jane-doe"').max(400);
export const documentIdSchema = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$/, 'document ids are letters, digits, "_", "." and "-"');

const mention = z.object({ doc: documentIdSchema, start: z.number().int().nonnegative(), end: z.number().int().positive() }).strict()
  .refine((m) => m.end > m.start, { message: 'a mention ends after it starts' });

const sourceDocument = z.object({
  id: documentIdSchema,
  title: z.string().max(2_000),
  publisher: z.string().max(LIMIT.short).optional(),
  date: z.string().regex(iso, 'dates are YYYY-MM-DD or YYYY-MM').optional(),
  url: z.string().max(2 * 1024 * 1024).optional(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/, 'a SHA-256 in hexadecimal'),
  length: z.number().int().nonnegative(),
}).strict();

const entity = z.object({
  id: itemId,
  name: short,
  type: z.enum(['person', 'place', 'organization']),
  aliases: forms.min(1),
  contextualAliases: forms.optional(),
  shortNames: forms.optional(),
  looseNames: forms.optional(),
  demonyms: forms.optional(),
  variants: forms.optional(),
  placeKind: z.enum(['country', 'province', 'city', 'town', 'district', 'building']).optional(),
  description: z.string().max(LIMIT.description).optional(),
  mentions: z.array(mention).max(LIMIT.mentions),
  figureIds: z.array(itemId).max(LIMIT.items),
}).strict();

const figure = z.object({
  id: itemId,
  value: z.number().finite(),
  qualifier: z.enum(['exact', 'more than', 'at least', 'up to', 'at most', 'fewer than', 'some', 'about']),
  unit: z.string().max(100),
  counts: z.string().min(1).max(200),
  label: z.string().min(1).max(LIMIT.label),
  asOf: z.string().regex(iso).optional(),
  scope: z.enum(['total', 'age', 'span', 'event', 'state', 'fixed']).optional(),
  period: z.object({
    label: z.string().max(LIMIT.label),
    from: z.string().regex(iso).optional(),
    to: z.string().regex(iso).optional(),
    weekday: z.number().int().min(0).max(6).optional(),
  }).strict().optional(),
  event: z.string().max(LIMIT.short).optional(),
  placeId: itemId.optional(),
  attributedToId: itemId.optional(),
  attributedTo: z.string().max(LIMIT.short).optional(),
  entityIds: z.array(itemId).max(LIMIT.items),
  mentions: z.array(mention).max(LIMIT.mentions),
}).strict();

const counts = z.record(itemId, z.number().finite().nonnegative());
const relevance = z.object({
  backgroundSource: z.string().max(LIMIT.label),
  referenceCharacters: z.number().finite().nonnegative(),
  backgroundCharacters: z.number().finite().nonnegative(),
  core: z.array(itemId).max(LIMIT.items),
  reference: counts,
  background: counts,
  demonymsInReference: counts,
  demonymsInBackground: counts,
}).strict();

export const datasetSchema = z.object({
  version: z.literal(1),
  subject: z.string().min(1).max(LIMIT.label).optional(),
  documents: z.array(sourceDocument).max(100_000),
  entities: z.array(entity).max(LIMIT.items),
  figures: z.array(figure).max(LIMIT.items),
  otherNames: forms.optional(),
  relevance: relevance.optional(),
}).strict().superRefine((d, ctx) => {
  const problem = (path: (string | number)[], message: string) => ctx.addIssue({ code: 'custom', path, message });
  const docs = new Map<string, number>();
  d.documents.forEach((doc, i) => {
    if (docs.has(doc.id)) problem(['documents', i, 'id'], `a second document with the id "${doc.id}"`);
    docs.set(doc.id, doc.length);
  });
  const checkMentions = (list: { doc: string; start: number; end: number }[], path: (string | number)[]) => {
    list.forEach((m, i) => {
      const length = docs.get(m.doc);
      if (length === undefined) problem([...path, i, 'doc'], `no document has the id "${m.doc}"`);
      else if (m.end > length) problem([...path, i, 'end'], `the range ends at ${m.end}, after the end of its document (${length} characters)`);
    });
  };
  const entityIds = new Set<string>();
  d.entities.forEach((e, i) => {
    if (entityIds.has(e.id)) problem(['entities', i, 'id'], `a second entity with the id "${e.id}"`);
    entityIds.add(e.id);
    checkMentions(e.mentions, ['entities', i, 'mentions']);
  });
  const figureIds = new Set<string>();
  d.figures.forEach((f, i) => {
    if (figureIds.has(f.id)) problem(['figures', i, 'id'], `a second figure with the id "${f.id}"`);
    figureIds.add(f.id);
    checkMentions(f.mentions, ['figures', i, 'mentions']);
    const refs: Array<[string | undefined, (string | number)[]]> = [[f.placeId, ['placeId']], [f.attributedToId, ['attributedToId']], ...f.entityIds.map((id, j): [string, (string | number)[]] => [id, ['entityIds', j]])];
    for (const [id, at] of refs) if (id !== undefined && !entityIds.has(id)) problem(['figures', i, ...at], `no entity has the id "${id}"`);
  });
  d.entities.forEach((e, i) => e.figureIds.forEach((id, j) => {
    if (!figureIds.has(id)) problem(['entities', i, 'figureIds', j], `no figure has the id "${id}"`);
  }));
  if (d.relevance) {
    const r = d.relevance;
    for (const [name, table] of [['reference', r.reference], ['background', r.background], ['demonymsInReference', r.demonymsInReference], ['demonymsInBackground', r.demonymsInBackground]] as const) {
      for (const id of Object.keys(table)) if (!entityIds.has(id)) problem(['relevance', name, id], `no entity has the id "${id}"`);
    }
    r.core.forEach((id, i) => {
      if (!entityIds.has(id)) problem(['relevance', 'core', i], `no entity has the id "${id}"`);
    });
  }
});

/** A checked dataset, typed as the rest of Backstory reads it. */
export function asDataset(value: z.output<typeof datasetSchema>): Dataset {
  return value as unknown as Dataset;
}
