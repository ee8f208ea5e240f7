// The quick path of an import's file check: an annotation shaped as Backstory writes them (lib/export/jsonld.ts) and
// plainly valid is taken as it is, without the file schema's general machinery (unions, one-or-many, refinements),
// which is most of what checking a 10,000-note file costs. Anything else — another tool's shapes, a value the schema
// would refuse or describe — returns null and goes through the schema (./schema.ts), which alone writes messages.
// tests/unit/export/plain-input.test.ts checks on generated annotations that this never takes what the schema
// refuses and that the schema, when it takes one, reads the same values.
import type { AnnotationInput } from './schema';
import { isCanonicalInstant } from '../notes/schema';

type Plain = Record<string, unknown>;

const isPlain = (value: unknown): value is Plain => typeof value === 'object' && value !== null && !Array.isArray(value);


const optionalString = (value: unknown) => value === undefined || typeof value === 'string';
const nonNegativeInteger = (value: unknown): value is number => Number.isInteger(value) && (value as number) >= 0;

function isBody(value: unknown): boolean {
  return isPlain(value) && value.type === 'TextualBody' && typeof value.value === 'string' && optionalString(value.purpose);
}

/** A quote selector, or a position selector, as Backstory writes them; at least one quote. */
function isSelectorList(value: unknown): boolean {
  if (!Array.isArray(value)) return false;
  let quotes = 0;
  for (const s of value) {
    if (!isPlain(s)) return false;
    if (s.type === 'TextQuoteSelector' && typeof s.exact === 'string' && optionalString(s.prefix) && optionalString(s.suffix)) quotes++;
    else if (!(s.type === 'TextPositionSelector' && nonNegativeInteger(s.start) && nonNegativeInteger(s.end) && s.end >= s.start)) return false;
  }
  return quotes > 0;
}

function isTarget(value: unknown): boolean {
  if (!isPlain(value) || value.type !== 'SpecificResource') return false;
  if (typeof value.source !== 'string' || value.source.length === 0 || !optionalString(value['dc:title'])) return false;
  return value.selector === undefined || isSelectorList(value.selector);
}

function isReference(value: unknown): boolean {
  if (!isPlain(value)) return false;
  const id = value['backstory:id'];
  const kind = value['backstory:kind'];
  return typeof id === 'string' && id.length > 0 && (kind === 'entity' || kind === 'figure') && typeof value['backstory:label'] === 'string';
}

/** `item` itself when the file schema would take it unchanged and find nothing to say about it; null otherwise. */
export function plainAnnotationInput(item: unknown): AnnotationInput | null {
  if (!isPlain(item) || item.type !== 'Annotation' || typeof item.id !== 'string' || item.id.length === 0) return null;
  if (!isCanonicalInstant(item.created) || !isCanonicalInstant(item.modified)) return null;
  if (!optionalString(item.motivation) || 'bodyValue' in item) return null;
  if (item.body !== undefined && !(Array.isArray(item.body) && item.body.every(isBody))) return null;
  if (!isTarget(item.target)) return null;
  const reference = item['backstory:reference'];
  if (reference !== undefined && !isReference(reference)) return null;
  return item as unknown as AnnotationInput;
}
