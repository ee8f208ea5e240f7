// Readability rewrites the document it parses, so it runs on a clone; this pairs every text node of the
// clone with the live text node it was copied from. A clone has exactly the live tree's shape, so two
// tree walkers advancing in step meet corresponding nodes: no marker is written into the live page.

export interface ClonedDocument {
  clone: Document;
  /** Clone's text node → live text node. Readability moves text nodes but keeps their identity. */
  liveOf: Map<Text, Text>;
}

const SHOW_TEXT = 4; // NodeFilter.SHOW_TEXT, spelled out so this also runs where NodeFilter is not global.

/**
 * A clone of the page with its text nodes paired to the live ones. `leaveOut` are live elements whose
 * copies are removed from the clone (page parts that must not reach the extractor at all).
 */
export function cloneWithTextMap(doc: Document, leaveOut: ReadonlySet<Element> = new Set()): ClonedDocument {
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
  // Found by the same path of child positions in the clone; removed only after all are found. An element the page
  // has taken away since it was found has no copy: its path would lead to the copied document or its <html>.
  const removals = Array.from(leaveOut, (el) => el.isConnected && counterpart(el, clone)).filter(
    (el): el is Element => !!el,
  );
  for (const el of removals) el.remove();
  return { clone, liveOf };
}

function counterpart(live: Node, clone: Document): Node | null {
  const path: number[] = [];
  for (let n: Node = live; n.parentNode; n = n.parentNode) {
    let index = 0;
    for (let sib = n.previousSibling; sib; sib = sib.previousSibling) index++;
    path.push(index);
  }
  let copy: Node | null = clone;
  for (let i = path.length - 1; i >= 0 && copy; i--) copy = copy.childNodes[path[i]!] ?? null;
  return copy;
}
