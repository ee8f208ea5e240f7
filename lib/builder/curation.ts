// The schema of the builder's curation (the seed reports' is curation.json beside it): what the project knows
// better than the NLP library. Canonical names, types, the aliases other outlets use, forms that only work in
// context, exclusions, per-document metadata, and figure notes for what a text implies but a reader cannot parse.
// Validated with zod so a typo in the JSON fails the build with a clear message instead of silently producing a
// poorer dataset.
import { z } from 'zod';
import { COUNTS } from '../figures/vocabulary';

const ENTITY_ID = /^(person|place|organization):[a-z0-9]+(?:-[a-z0-9]+)*$/;
const ISO_DATE = /^\d{4}-\d{2}(?:-\d{2})?$/;

export const PLACE_KINDS = ['country', 'province', 'city', 'town', 'district', 'building'] as const;
export type PlaceKind = (typeof PLACE_KINDS)[number];

export const CuratedEntitySchema = z
  .object({
    id: z.string().regex(ENTITY_ID, 'entity ids look like "person:bashar-al-assad"'),
    name: z.string().min(1),
    type: z.enum(['person', 'place', 'organization']),
    /** Forms a page may use for it, besides `name`. */
    aliases: z.array(z.string().min(1)).default([]),
    /**
     * Forms that refer to it only once its full name has appeared in the same text ("the Observatory", a first
     * name). A leading "the " must be on the page too but is not highlighted.
     */
    contextualAliases: z.array(z.string().min(1)).default([]),
    /**
     * Short forms others share ("Assad", "Security Council", "state TV"): they name this entity after its full
     * name, or anywhere in an article on the reference's subject, unless another bearer listed in `others` was
     * named more recently in the same paragraph.
     */
    shortNames: z.array(z.string().min(1)).default([]),
    /** Misspellings found in source documents: counted as mentions, never offered to page matching. */
    variants: z.array(z.string().min(1)).default([]),
    description: z.string().min(1).optional(),
    /** For countries: adjectives and nouns for its people ("Syrian"), used to tell which country a text is about. */
    demonyms: z.array(z.string().min(1)).default([]),
    /** For places: how specific it is, so a figure is tied to "Qaboun" rather than to "Damascus" around it. */
    placeKind: z.enum(PLACE_KINDS).optional(),
  })
  .strict()
  .refine((e) => e.id.startsWith(`${e.type}:`), { message: 'an entity id starts with its type' })
  .refine((e) => e.type === 'place' || e.placeKind === undefined, { message: 'placeKind is for places only' });

export const CuratedDocumentSchema = z
  .object({
    title: z.string().min(1).optional(),
    publisher: z.string().min(1).optional(),
    date: z.string().regex(ISO_DATE, 'dates are YYYY-MM or YYYY-MM-DD').optional(),
  })
  .strict();

/** A note on one figure of one document, keyed by what it counts and its value (never by the text's words). */
export const FigureNoteSchema = z
  .object({
    doc: z.string().min(1),
    counts: z.enum(COUNTS),
    value: z.number(),
    label: z.string().min(1).optional(),
    /** What the count covers in time, when the sentence does not say (lib/figures/time.ts). */
    scope: z.enum(['total', 'age', 'span', 'event', 'state', 'fixed']).optional(),
    /** The day (or days, "from/to") the counted event happened, when the document's date cannot resolve it. */
    date: z.string().regex(/^\d{4}-\d{2}-\d{2}(?:\/\d{4}-\d{2}-\d{2})?$/, 'dates are YYYY-MM-DD or YYYY-MM-DD/YYYY-MM-DD').optional(),
    /** The kind of event counted, in the project's words ("bombing", "summit"). */
    event: z.string().min(1).optional(),
    placeId: z.string().regex(ENTITY_ID).optional(),
    attributedToId: z.string().regex(ENTITY_ID).optional(),
    /** Entities the figure is about although the sentence does not name them (e.g. the EU for its leaders). */
    entityIds: z.array(z.string().regex(ENTITY_ID)).default([]),
  })
  .strict();

/** A known other entity whose name contains or shares a reference name: it wins on longest match, never painted. */
export const OtherEntitySchema = z
  .object({
    name: z.string().min(1),
    aliases: z.array(z.string().min(1)).default([]),
    /** Why it is listed (whose name it shares), for people reading the curation. */
    note: z.string().min(1).optional(),
  })
  .strict();

export const CurationSchema = z
  .object({
    /** What the reference is about, in the project's words: the popup says it on pages about something else. */
    subject: z.string().min(1).optional(),
    entities: z.array(CuratedEntitySchema),
    others: z.array(OtherEntitySchema).default([]),
    /** Candidate names the NLP library proposes that are not people, places or organisations (case-insensitive). */
    exclusions: z.array(z.string().min(1)).default([]),
    documents: z.record(z.string(), CuratedDocumentSchema).default({}),
    figures: z.array(FigureNoteSchema).default([]),
  })
  .strict()
  .superRefine((c, ctx) => {
    const ids = new Set<string>();
    const forms = new Map<string, string>();
    for (const e of c.entities) {
      if (ids.has(e.id)) ctx.addIssue({ code: 'custom', message: `duplicate entity id ${e.id}` });
      ids.add(e.id);
      for (const form of [e.name, ...e.aliases, ...e.contextualAliases, ...e.shortNames, ...e.variants]) {
        const owner = forms.get(form);
        if (owner && owner !== e.id) ctx.addIssue({ code: 'custom', message: `"${form}" is given to both ${owner} and ${e.id}` });
        forms.set(form, e.id);
      }
    }
    for (const o of c.others) {
      for (const form of [o.name, ...o.aliases]) {
        const owner = forms.get(form);
        if (owner) ctx.addIssue({ code: 'custom', message: `"${form}" names ${owner} and is also listed among others` });
      }
    }
    for (const f of c.figures) {
      for (const id of [f.placeId, f.attributedToId, ...f.entityIds]) {
        if (id && !ids.has(id)) ctx.addIssue({ code: 'custom', message: `figure note refers to unknown entity ${id}` });
      }
    }
  });

export type Curation = z.output<typeof CurationSchema>;
export type CuratedEntity = Curation['entities'][number];

/** Parses and validates curation JSON, with every problem listed in one error. */
export function parseCuration(json: unknown): Curation {
  const result = CurationSchema.safeParse(json);
  if (!result.success) {
    const problems = result.error.issues.map((i) => `  ${i.path.join('.') || '(root)'}: ${i.message}`).join('\n');
    throw new Error(`Invalid curation:\n${problems}`);
  }
  return result.data;
}
