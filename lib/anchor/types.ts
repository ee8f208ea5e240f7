// The selectors a note's quote is stored with (W3C Web Annotation), defined here because anchoring is what
// reads and writes them; the note record (lib/notes) uses these types.

/** W3C Web Annotation TextQuoteSelector: the quoted text with some context each side. */
export interface TextQuoteSelector {
  type: 'TextQuoteSelector';
  exact: string;
  prefix: string;
  suffix: string;
}

/**
 * W3C Web Annotation TextPositionSelector: offsets into the text the quote was described in (for Backstory's
 * own notes, the article's lib/text TextMap.text; an imported note may count another text's characters).
 */
export interface TextPositionSelector {
  type: 'TextPositionSelector';
  start: number;
  end: number;
}

/** What anchoring needs to find a quote again: the quote with its context, and where it was. */
export interface AnchorTarget {
  quote: TextQuoteSelector;
  position?: TextPositionSelector;
}
