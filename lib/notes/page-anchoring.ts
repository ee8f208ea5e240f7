// Anchoring a page's notes in today's document. The article text (lib/article + lib/text) is where notes
// are written; they are found again in the article and the whole body at once, the best-scoring place in
// either winning, so a quote the detector left out (a caption, a heading) lands on its own words rather than
// on another copy of them in the article.
import { detectArticle } from '../article';
import { buildTextMap, type TextMap } from '../text';
import { anchorInScopes, describeInScopes } from '../anchor';
import type { Annotation, NoteTarget } from './types';
import type { AnchorReport } from './messages';

const SKIP = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'TEXTAREA']);

/** Every visible-ish text node of the body, for quotes outside the article. */
function bodyTextNodes(doc: Document): Text[] {
  const nodes: Text[] = [];
  const root = doc.body ?? doc.documentElement;
  const walker = doc.createTreeWalker(root, 4 /* NodeFilter.SHOW_TEXT */);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const parent = n.parentElement;
    if (parent && !SKIP.has(parent.tagName) && !parent.closest('backstory-note-tip')) nodes.push(n as Text);
  }
  return nodes;
}

export class PageText {
  private articleMap: TextMap | undefined;
  private bodyMap: TextMap | undefined;
  constructor(private readonly doc: Document) {}

  get article(): TextMap {
    return (this.articleMap ??= buildTextMap(detectArticle(this.doc).nodes));
  }

  get body(): TextMap {
    return (this.bodyMap ??= buildTextMap(bodyTextNodes(this.doc)));
  }

  /**
   * Selectors for the reader's selection: into the article text when it is there (quote + position), else
   * quote and context from the whole body (a position into another text would mislead later).
   */
  describeSelection(range: Range): NoteTarget | null {
    return describeInScopes(range, [this.article, this.body]);
  }

  anchor(target: NoteTarget): Range | null {
    return anchorInScopes(target, [this.article, this.body])?.range ?? null;
  }
}

export interface AnchoredNotes {
  ranges: Map<string, Range>;
  report: AnchorReport;
}

/** Anchors every note that has a quote; notes on the whole page are neither anchored nor orphaned. */
export function anchorNotes(doc: Document, notes: readonly Annotation[]): AnchoredNotes {
  const text = new PageText(doc);
  const ranges = new Map<string, Range>();
  const report: AnchorReport = { anchored: [], orphaned: [] };
  for (const note of notes) {
    if (!note.target) continue;
    const range = text.anchor(note.target);
    if (range) {
      ranges.set(note.id, range);
      report.anchored.push(note.id);
    } else {
      report.orphaned.push(note.id);
    }
  }
  return { ranges, report };
}
