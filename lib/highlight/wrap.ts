// Fallback for browsers without the CSS Custom Highlight API: wrap each highlighted run of text in a
// <backstory-mark> element. This does change the page's DOM, so it is kept exactly undoable: we remember
// which original text node every piece was split from and merge the pieces back into that same node, so
// the page gets back its own nodes (same identity, same data), not look-alikes.
import type { MatchCategory } from '../match/types';
import { fallbackMarkStyle } from './styles';
import { textNodesIn } from './registry';

export const MARK_TAG = 'backstory-mark';

export interface WrapRequest {
  range: Range;
  category: MatchCategory;
}

export interface Wrapped {
  /** One range per request, in request order, spanning its marks (ranges over the moved text do not survive the wrap). */
  ranges: (Range | null)[];
  /** Puts every text node back as it was and removes the marks. */
  undo(): void;
}

interface Cut {
  start: number;
  end: number;
  request: number;
}

export function wrapRanges(doc: Document, requests: WrapRequest[]): Wrapped {
  // 1. Which slices of which text nodes each request covers, collected per node.
  const cutsByNode = new Map<Text, Cut[]>();
  requests.forEach(({ range }, request) => {
    for (const node of textNodesIn(range)) {
      const start = node === range.startContainer ? range.startOffset : 0;
      const end = node === range.endContainer ? range.endOffset : node.length;
      if (end <= start) continue;
      let cuts = cutsByNode.get(node);
      if (!cuts) cutsByNode.set(node, (cuts = []));
      cuts.push({ start, end, request });
    }
  });

  const marksByRequest: HTMLElement[][] = requests.map(() => []);
  const pieces = new Map<Text, Text[]>(); // original node → the nodes it was split into, in order
  const marks: HTMLElement[] = [];

  // 2. Split each node at its cut points (from the end, so earlier offsets stay valid), wrap the covered pieces.
  for (const [node, cuts] of cutsByNode) {
    cuts.sort((a, b) => a.start - b.start);
    const points = [...new Set(cuts.flatMap((c) => [c.start, c.end]))].filter((p) => p > 0 && p < node.length).sort((a, b) => b - a);
    const parts: Text[] = [];
    for (const p of points) parts.unshift(node.splitText(p));
    parts.unshift(node);
    pieces.set(node, parts);
    let offset = 0;
    for (const part of parts) {
      const cut = cuts.find((c) => c.start <= offset && offset + part.length <= c.end);
      offset += part.length;
      if (!cut) continue;
      const mark = doc.createElement(MARK_TAG);
      mark.setAttribute('data-category', cut.request in requests ? requests[cut.request]!.category : '');
      mark.setAttribute('style', fallbackMarkStyle(requests[cut.request]!.category));
      part.parentNode!.insertBefore(mark, part);
      mark.append(part);
      marks.push(mark);
      marksByRequest[cut.request]!.push(mark);
    }
  }

  const ranges = marksByRequest.map((ms) => {
    const first = ms[0];
    const last = ms[ms.length - 1];
    if (!first || !last) return null;
    const r = doc.createRange();
    r.setStart(first.firstChild!, 0);
    r.setEnd(last.lastChild!, (last.lastChild as Text).length);
    return r;
  });

  return {
    ranges,
    undo() {
      for (const mark of marks) {
        const parent = mark.parentNode;
        if (!parent) continue; // the page removed it; nothing of ours is left there
        while (mark.firstChild) parent.insertBefore(mark.firstChild, mark);
        mark.remove();
      }
      for (const [original, parts] of pieces) {
        for (const part of parts.slice(1)) {
          // Merge back only pieces still sitting beside the original, as we left them.
          if (part.parentNode && part.parentNode === original.parentNode) {
            original.appendData(part.data);
            part.remove();
          }
        }
      }
    },
  };
}
