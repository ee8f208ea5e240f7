// Anchoring a page's notes in the page as it is today, in the page model's texts (lib/page/model.ts): the
// article, where notes are written and where their positions point, and the page's whole body. A note is found
// again in both at once, the best-scoring place in either winning (lib/anchor), so a quote the detector left
// out (a caption, a heading) lands on its own words rather than on another copy of them in the article.
import { anchorInScopes, describeInScopes } from '../anchor';
import type { TextMap } from '../text';
import type { Annotation, NoteTarget } from './types';
import type { AnchorReport } from './messages';

/** The texts a note may lie in. */
export interface NoteScopes {
  /** The article's text: a note's position selector is an offset into it. */
  article: TextMap;
  /** Every selectable text of the body. */
  body: TextMap;
}

/** How a stored note is found in the page: `anchorInPage`, which the content script loads as a part of its own. */
export type AnchorInPage = (target: NoteTarget, scopes: NoteScopes) => Range | null;

/** The range a stored note lies on today, or null when it is orphaned. Every note is anchored through here. */
export function anchorInPage(target: NoteTarget, scopes: NoteScopes): Range | null {
  return anchorInScopes(target, [scopes.article, scopes.body])?.range ?? null;
}

/**
 * Selectors for the reader's selection: into the article text when it is there (quote and position), else
 * quote and context from the whole body. Null when it selects no text.
 */
export function describeSelection(range: Range, scopes: NoteScopes): NoteTarget | null {
  return describeInScopes(range, [scopes.article, scopes.body]);
}

export interface AnchoredNotes {
  ranges: Map<string, Range>;
  report: AnchorReport;
}

/** Anchors every note that has a quote; notes on the whole page are neither anchored nor orphaned. */
export function anchorNotes(notes: readonly Annotation[], scopes: NoteScopes): AnchoredNotes {
  const ranges = new Map<string, Range>();
  const report: AnchorReport = { anchored: [], orphaned: [] };
  for (const note of notes) {
    if (!note.target) continue;
    const range = anchorInPage(note.target, scopes);
    if (range) {
      ranges.set(note.id, range);
      report.anchored.push(note.id);
    } else {
      report.orphaned.push(note.id);
    }
  }
  return { ranges, report };
}
