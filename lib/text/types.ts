/**
 * The article as one string plus a map back to the DOM: `text` is the concatenation of the text nodes
 * (with block boundaries turned into separators), and `segments` says which node each slice came from,
 * so a match at [start, end) in `text` becomes a DOM Range.
 */
export interface TextSegment {
  node: Text;
  /** Offset of this node's first character in `text`. */
  start: number;
  /** Number of characters of the node used (the whole node's data). */
  length: number;
}

export interface TextMap {
  text: string;
  segments: TextSegment[];
}
