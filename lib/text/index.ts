// Text for matching: the article's text nodes as one string with a map back to the DOM (map.ts), and the
// folding that makes "Assad’s", "ASSAD" and "Assad" read alike, with an exact offset map (normalize.ts).
export type { TextMap, TextSegment } from './types';
export { buildTextMap, rangeFromOffsets, offsetsFromRange, offsetOfTextPoint, textPointAt, BLOCK_SEPARATOR } from './map';
export { normalizeText, foldForMatching, isWordCode, type NormalizedText, type NormalizeOptions } from './normalize';
