// Readability rewrites the document it parses, so it runs on a clone; this pairs every text node of the
// clone with the live text node it was copied from. A clone has exactly the live tree's shape, so two
// tree walkers advancing in step meet corresponding nodes: no marker is written into the live page.

export interface ClonedDocument {
  clone: Document;
  /** Clone's text node → live text node. Readability moves text nodes but keeps their identity. */
  liveOf: Map<Text, Text>;
}

// NodeFilter's constants, spelled out so this also runs where NodeFilter is not global.
const SHOW_ELEMENT = 1;
const SHOW_TEXT = 4;

/**
 * A clone of the page with its text nodes paired to the live ones. `leaveOut` are live elements whose
 * copies are removed from the clone (page parts that must not reach the extractor at all).
 */
export function cloneWithTextMap(doc: Document, leaveOut: ReadonlySet<Element> = new Set()): ClonedDocument {
  const clone = doc.cloneNode(true) as Document;
  const liveOf = new Map<Text, Text>();
  const show = leaveOut.size ? SHOW_TEXT | SHOW_ELEMENT : SHOW_TEXT;
  const liveWalker = doc.createTreeWalker(doc, show);
  const cloneWalker = clone.createTreeWalker(clone, show);
  const removals: Element[] = [];
  for (;;) {
    const live = liveWalker.nextNode();
    const copy = cloneWalker.nextNode();
    if (!live || !copy) break;
    if (live.nodeType === 3) liveOf.set(copy as Text, live as Text);
    else if (leaveOut.has(live as Element)) removals.push(copy as Element);
  }
  for (const el of removals) el.remove();
  return { clone, liveOf };
}
