// Readability rewrites the document it parses, so it runs on a clone; this pairs every text node of the
// clone with the live text node it was copied from. A clone has exactly the live tree's shape, so two
// tree walkers advancing in step meet corresponding nodes: no marker is written into the live page.

export interface ClonedDocument {
  clone: Document;
  /** Clone's text node → live text node. Readability moves text nodes but keeps their identity. */
  liveOf: Map<Text, Text>;
}

const SHOW_TEXT = 4; // NodeFilter.SHOW_TEXT, spelled out so this also runs where NodeFilter is not global.

export function cloneWithTextMap(doc: Document): ClonedDocument {
  const clone = doc.cloneNode(true) as Document;
  const liveOf = new Map<Text, Text>();
  const liveWalker = doc.createTreeWalker(doc, SHOW_TEXT);
  const cloneWalker = clone.createTreeWalker(clone, SHOW_TEXT);
  for (;;) {
    const live = liveWalker.nextNode();
    const copy = cloneWalker.nextNode();
    if (!live || !copy) break;
    liveOf.set(copy as Text, live as Text);
  }
  return { clone, liveOf };
}
