// The page's side of a new note, which needs none of the page's stored notes: the selection (or any range) as
// selectors in the page model's texts, and the reference item it lies on. Shared by the notes page controller and
// the stand-in the page runs until a page with notes needs the controller (lib/notes/deferred-controller.ts).
import type { PageModel } from '../page/model';
import { normalizeUrl } from '../url';
import { describeSelection, type NoteScopes } from './page-anchoring';
import type { AnchorReport, PageContext } from './messages';
import type { ReferenceLink } from './types';

/** The page model's texts for anchoring. */
export function noteScopes(page: PageModel): NoteScopes {
  return { article: page.articleText(), body: page.bodyText() };
}

export type NoteDescription = Pick<PageContext, 'selection' | 'reference'>;

/** Selectors for `range`, and the reference item it lies on (`referenceAt`, the page's highlights). */
export function describeForNote(page: PageModel, range: Range, referenceAt?: (range: Range) => ReferenceLink | undefined): NoteDescription {
  const target = describeSelection(range, noteScopes(page));
  if (!target) return { selection: null };
  let reference: ReferenceLink | undefined;
  try {
    reference = referenceAt?.(range);
  } catch {
    // A link is a convenience: never lose the selection over it.
  }
  return reference ? { selection: target, reference } : { selection: target };
}

/** The reader's selection described (only a selection a note can quote), as `describe` describes a range. */
export function selectionContext(doc: Document, describe: (range: Range) => NoteDescription): NoteDescription {
  const selection = doc.getSelection();
  if (!selection || selection.rangeCount === 0 || selection.isCollapsed) return { selection: null };
  return describe(selection.getRangeAt(0));
}

/** The page's side of 'notes/page-context', the one shape the controller and its stand-in both answer in. */
export function pageContext(doc: Document, describe: (range: Range) => NoteDescription, anchoring: AnchorReport | null): PageContext {
  return { url: normalizeUrl(doc.defaultView!.location.href), title: doc.title, ...selectionContext(doc, describe), anchoring };
}
