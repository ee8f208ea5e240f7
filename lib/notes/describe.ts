// How a note is named and dated wherever Backstory shows it: one short name (its text, or the passage it quotes
// when it has no text of its own) for buttons and screen readers, and dates in the reader's own locale.
import type { Annotation } from './types';

const oneLine = (s: string) => s.replace(/\s+/g, ' ').trim();

/** At most `max` characters, cut at a word where one is near, with an ellipsis. */
export function shorten(text: string, max: number): string {
  const line = oneLine(text);
  if (line.length <= max) return line;
  const cut = line.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/**
 * The note's short name: its text; for a note that only quotes, the quote in quotation marks; failing both,
 * its page's title or address. Never empty, so "Edit note: …" always says which note.
 */
export function noteLabel(note: Pick<Annotation, 'text' | 'target' | 'title' | 'url'>, max = 60): string {
  if (oneLine(note.text)) return shorten(note.text, max);
  const quote = note.target ? oneLine(note.target.quote.exact) : '';
  if (quote) return `“${shorten(quote, max - 2)}”`;
  return shorten(oneLine(note.title) || note.url || 'a note', max);
}

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const dateOnly = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });

/** A stored ISO date in the reader's locale and time zone ("30 Nov 2026, 09:16"); '' when it is not a date. */
export function formatNoteDate(iso: string, withTime = true): string {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return '';
  return (withTime ? dateTime : dateOnly).format(t);
}
