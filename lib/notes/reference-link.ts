// A note's link to the reference entity or figure its selection lies on: built from the page's highlight
// under the selection, and worded the same way wherever it is shown (composer, saved note).
import type { MatchCategory } from '../match/types';
import type { ReferenceLink } from './types';

/** The highlight a selection overlaps, as the page controller reports it (lib/page/controller.ts referenceAt). */
export interface ReferenceHit {
  match: { category: MatchCategory; referenceId: string };
  label: string;
}

/** The link stored on a note; figures whether they agree with the reference or differ from it. */
export function referenceLinkFor(hit: ReferenceHit | null | undefined): ReferenceLink | undefined {
  if (!hit) return undefined;
  const { category, referenceId } = hit.match;
  const kind = category === 'figure' || category === 'figure-differs' ? 'figure' : 'entity';
  return { id: referenceId, kind, label: hit.label || referenceId };
}

/** What follows "On " in the UI: an entity's name, or "figure" and the figure's label. */
export function referenceLinkText(link: ReferenceLink): string {
  return link.kind === 'figure' ? `figure ${link.label}` : link.label;
}
