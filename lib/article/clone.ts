// Readability rewrites the document it parses, so it runs on a clone; this pairs every text node of the
// clone with the live text node it was copied from. A clone has exactly the live tree's shape, so two
// tree walkers advancing in step meet corresponding nodes: no marker is written into the live page.
import { runToEnd, type Steps } from './steps';

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
  return runToEnd(cloneWithTextMapSteps(doc, leaveOut));
}

/** Text nodes paired between two places to pause: the pairing walks the whole page twice over. */
const PAIRS_A_STEP = 2000;

/** cloneWithTextMap in steps (lib/article/steps.ts): the copy (one call), the pairing a slice at a time, the removals. */
export function* cloneWithTextMapSteps(doc: Document, leaveOut: ReadonlySet<Element> = new Set()): Steps<ClonedDocument> {
  const clone = doc.cloneNode(true) as Document;
  yield;
  const liveOf = new Map<Text, Text>();
  const liveWalker = doc.createTreeWalker(doc, SHOW_TEXT);
  const cloneWalker = clone.createTreeWalker(clone, SHOW_TEXT);
  for (let paired = 1; ; paired++) {
    const live = liveWalker.nextNode();
    const copy = cloneWalker.nextNode();
    if (!live || !copy) break;
    liveOf.set(copy as Text, live as Text);
    if (paired % PAIRS_A_STEP === 0) yield;
  }
  yield;
  // Found by the same path of child positions in the clone; removed only after all are found.
  const removals = Array.from(leaveOut, (el) => counterpart(el, clone)).filter((el): el is Element => !!el);
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
