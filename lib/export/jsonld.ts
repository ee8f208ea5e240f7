// W3C Web Annotation JSON-LD writer (https://www.w3.org/TR/annotation-model/).
//
// Shape, chosen so that strict W3C consumers and simple ones (Hypothesis-style code reading
// `target.source` as a URL string) both understand it, and so that import gives back the stored record exactly:
//
//   { "@context": ["http://www.w3.org/ns/anno.jsonld", { "backstory": BACKSTORY_NS }],
//     "type": "AnnotationCollection", "id", "label", "total",
//     "first": { "type": "AnnotationPage", "id", "partOf", "startIndex": 0, "items": [Annotation...] } }
//
// The model puts a collection's annotations in pages (§5.2, `first`); one embedded page holds them all.
// Each Annotation:
//   - id `urn:uuid:<stored id>`; created / modified verbatim (the stored ISO strings);
//   - motivation `commenting` (there is a note), `highlighting` (a quote without a note) or `bookmarking`
//     (a page saved without either);
//   - body: one TextualBody `purpose: commenting` for the note, one `purpose: tagging` per tag, in order;
//   - target: a SpecificResource whose `source` is the page URL string, with `dc:title` for the page title
//     (`dc:` is a prefix the anno.jsonld context defines, so no extra vocabulary is needed) and
//     `selector: [TextQuoteSelector, TextPositionSelector]` when the note is on a quote;
//   - `backstory:reference`: the reference entity or figure the note was written on (id, kind, label), and
//     on the target `backstory:passage`, a link that opens the page at the quote (a text fragment), in
//     Backstory's own namespace declared in the second @context entry, as the model allows for extensions.
import type { Annotation } from '../notes/types';
import { passageLink, rememberedPageHref, type PageHref } from './passage';
import { webHref } from '../url';

export const ANNO_CONTEXT = 'http://www.w3.org/ns/anno.jsonld';
/**
 * Backstory's extension namespace: a URN, so it names our terms without claiming a domain, and nothing
 * dereferences it. Files written with the earlier `https://backstory.invalid/ns#` use the same compact
 * `backstory:` terms and import the same way.
 */
export const BACKSTORY_NS = 'urn:x-backstory:ns:';
export const OLD_BACKSTORY_NS = 'https://backstory.invalid/ns#';
export const BACKSTORY_CONTEXT = [ANNO_CONTEXT, { backstory: BACKSTORY_NS }] as const;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Ids that are not UUIDs (none should exist, but an export must never lose a record) get a reversible URN. */
export const OTHER_ID_PREFIX = 'urn:x-backstory:annotation:';

export function annotationIri(id: string): string {
  return UUID.test(id) ? `urn:uuid:${id}` : OTHER_ID_PREFIX + encodeURIComponent(id);
}

export type JsonLdSelector =
  | { type: 'TextQuoteSelector'; exact: string; prefix?: string; suffix?: string }
  | { type: 'TextPositionSelector'; start: number; end: number };

export interface JsonLdBody {
  type: 'TextualBody';
  value: string;
  format: 'text/plain';
  purpose: 'commenting' | 'tagging';
}

export interface JsonLdAnnotation {
  id: string;
  type: 'Annotation';
  created: string;
  modified: string;
  motivation: 'commenting' | 'highlighting' | 'bookmarking';
  body?: JsonLdBody[];
  target: { type: 'SpecificResource'; source: string; 'dc:title'?: string; selector?: JsonLdSelector[]; 'backstory:passage'?: string };
  'backstory:reference'?: { 'backstory:id': string; 'backstory:kind': 'entity' | 'figure'; 'backstory:label': string };
}

export interface JsonLdCollection {
  '@context': typeof BACKSTORY_CONTEXT;
  id: string;
  type: 'AnnotationCollection';
  label: string;
  total: number;
  generated: string;
  first?: { id: string; type: 'AnnotationPage'; partOf: string; startIndex: 0; items: JsonLdAnnotation[] };
}

/** One note as an Annotation; a writer of many notes passes one `rememberedPageHref()` for all of them. */
export function toJsonLdAnnotation(a: Annotation, pageHref: PageHref = webHref): JsonLdAnnotation {
  const body: JsonLdBody[] = [];
  if (a.text !== '') body.push({ type: 'TextualBody', value: a.text, format: 'text/plain', purpose: 'commenting' });
  for (const tag of a.tags) body.push({ type: 'TextualBody', value: tag, format: 'text/plain', purpose: 'tagging' });

  const target: JsonLdAnnotation['target'] = { type: 'SpecificResource', source: a.url };
  // An empty title is written as no title; import reads a missing title back as ''.
  if (a.title !== '') target['dc:title'] = a.title;
  if (a.target) {
    const { exact, prefix, suffix } = a.target.quote;
    const quote: JsonLdSelector = { type: 'TextQuoteSelector', exact };
    if (prefix !== '') quote.prefix = prefix;
    if (suffix !== '') quote.suffix = suffix;
    target.selector = [quote];
    if (a.target.position) {
      target.selector.push({ type: 'TextPositionSelector', start: a.target.position.start, end: a.target.position.end });
    }
    const passage = passageLink(a, pageHref);
    if (passage) target['backstory:passage'] = passage;
  }

  const out: JsonLdAnnotation = {
    id: annotationIri(a.id),
    type: 'Annotation',
    created: a.created,
    modified: a.modified,
    motivation: a.text !== '' ? 'commenting' : a.target ? 'highlighting' : 'bookmarking',
    target,
  };
  if (body.length > 0) out.body = body;
  if (a.reference) {
    out['backstory:reference'] = {
      'backstory:id': a.reference.id,
      'backstory:kind': a.reference.kind,
      'backstory:label': a.reference.label,
    };
  }
  return out;
}

export interface CollectionOptions {
  /** When the file was made (ISO 8601); also the collection's `generated`. */
  now: Date;
  /** The collection's IRI; a fresh urn:uuid by default. */
  id?: string;
}

export function toJsonLdCollection(annotations: readonly Annotation[], options: CollectionOptions): JsonLdCollection {
  const id = options.id ?? `urn:uuid:${crypto.randomUUID()}`;
  const collection: JsonLdCollection = {
    '@context': BACKSTORY_CONTEXT,
    id,
    type: 'AnnotationCollection',
    label: 'Backstory notes',
    total: annotations.length,
    generated: options.now.toISOString(),
  };
  // The model: a collection SHOULD have `first` "if there are any annotations"; an empty one has none.
  if (annotations.length > 0) {
    const pageHref = rememberedPageHref();
    collection.first = {
      id: `${id}#page-1`,
      type: 'AnnotationPage',
      partOf: id,
      startIndex: 0,
      items: annotations.map((a) => toJsonLdAnnotation(a, pageHref)),
    };
  }
  return collection;
}

export function writeJsonLd(annotations: readonly Annotation[], options: CollectionOptions): string {
  // Indented: people open these files to look at them; the size cost is small next to the text itself.
  return JSON.stringify(toJsonLdCollection(annotations, options), null, 2) + '\n';
}
