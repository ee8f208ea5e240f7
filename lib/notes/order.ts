// The orders notes are listed in, named the same way wherever a list offers a choice (the popup's page notes,
// the notes library): newest and oldest by when the note was written (an edit does not move it), by site, and in
// reading order (each page's notes as they appear on the page).
import { groupByPage, titleFor } from './group';
import type { Annotation } from './types';
import { siteOf } from '../url';

export type NoteOrder = 'newest' | 'oldest' | 'site' | 'reading';

export const NOTE_ORDER_LABELS: Record<NoteOrder, string> = {
  newest: 'Newest first',
  oldest: 'Oldest first',
  site: 'By site',
  reading: 'Reading order',
};

export function isNoteOrder(value: unknown): value is NoteOrder {
  return typeof value === 'string' && Object.hasOwn(NOTE_ORDER_LABELS, value);
}

/** Whether an order lists notes page by page (so a list can head each page once). */
export function groupsByPage(order: NoteOrder): boolean {
  return order === 'site' || order === 'reading';
}

/**
 * The instant a note was written; imported dates may carry any offset, which string order gets wrong. A date
 * that does not parse counts as the oldest.
 */
function createdTime(note: Annotation): number {
  const t = Date.parse(note.created);
  return Number.isNaN(t) ? -Infinity : t;
}

const byId = (a: Annotation, b: Annotation) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** A new array in `order`; ties broken by id so every order is total (a list never shuffles between renders). */
export function sortNotes(notes: readonly Annotation[], order: NoteOrder): Annotation[] {
  switch (order) {
    case 'newest':
    case 'oldest': {
      const time = new Map(notes.map((n) => [n, createdTime(n)]));
      const sign = order === 'newest' ? -1 : 1;
      return [...notes].sort((a, b) => sign * (time.get(a)! - time.get(b)!) || byId(a, b));
    }
    case 'reading':
      // Pages with the most recent activity first; within a page, its notes as they appear on it.
      return groupByPage(notes).flatMap((g) => g.annotations);
    case 'site': {
      const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });
      const groups = groupByPage(notes).map((g) => ({ g, site: siteOf(g.url), title: titleFor(g) }));
      // Sites A to Z (notes on addresses without a site last), then pages by title, each page in reading order.
      groups.sort((a, b) => (a.site === '' ? 1 : 0) - (b.site === '' ? 1 : 0) || collator.compare(a.site, b.site) || collator.compare(a.title, b.title) || (a.g.url < b.g.url ? -1 : 1));
      return groups.flatMap(({ g }) => g.annotations);
    }
  }
}
