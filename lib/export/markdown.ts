// Markdown export, ready to paste into a notes app: one section per page (its title as a link), each quote as
// a blockquote, then the note and the tags. Notes and quotes are plain text, so every character that
// Markdown would read as syntax is escaped: what the reader typed or quoted is what the notes app shows.
import type { Annotation } from '../notes/types';

/** Characters that start or end inline syntax anywhere in a line (CommonMark allows escaping any of them). */
const INLINE_SPECIALS = /[\\`*_[\]<>|~]/g;
/** `&` only matters where it would start an entity reference (`&amp;`, `&#38;`). */
const ENTITY_LIKE = /&(?=#?[0-9A-Za-z]+;)/g;

const NEEDS_ESCAPE = /[\\`*_[\]<>|~&]|^\s|^[#>+=\-\d]|\s$/;

/** Escapes one line of plain text so that CommonMark renders it literally. */
export function escapeMarkdownLine(line: string): string {
  // Most lines of prose need nothing: one test instead of five replacements (10,000 notes export faster).
  if (!NEEDS_ESCAPE.test(line)) return line;
  let out = line.replace(INLINE_SPECIALS, '\\$&').replace(ENTITY_LIKE, '\\&');
  // Block syntax is only read at the start of a line (after up to three spaces of indentation):
  // headings, quotes, list items, thematic breaks, setext underlines, fenced code.
  out = out.replace(/^(\s{0,3})([#>+=-])/, '$1\\$2');
  out = out.replace(/^(\s{0,3}\d{1,9})([.)])/, '$1\\$2');
  // Four spaces or a tab would start an indented code block; non-breaking spaces show the same and do not.
  out = out.replace(/^[ \t]+/, (lead) => '\u00a0'.repeat(lead.replace(/\t/g, '    ').length));
  // Two trailing spaces would become a hard line break that the original did not have.
  return out.replace(/ +$/, (trail) => '\u00a0'.repeat(trail.length));
}

/**
 * Multi-line plain text as Markdown that keeps its line breaks: lines end with a backslash hard break,
 * blank lines separate paragraphs.
 */
export function escapeMarkdownText(text: string): string[] {
  const paragraphs = text.replace(/\r\n?/g, '\n').split(/\n\s*\n/);
  const out: string[] = [];
  paragraphs.forEach((paragraph, i) => {
    if (i > 0) out.push('');
    const lines = paragraph.split('\n').map(escapeMarkdownLine);
    lines.forEach((line, j) => out.push(j < lines.length - 1 ? `${line}\\` : line));
  });
  // An empty hard-break line ("\" alone) is literal; drop trailing empties so nothing dangles.
  return out.map((line) => (line === '\\' ? '' : line));
}

/** A link destination in angle brackets survives spaces and parentheses; only <, > and newlines must go. */
function linkDestination(url: string): string {
  return `<${url.replace(/[<>\n\r]/g, (c) => encodeURIComponent(c))}>`;
}

function titleFor(group: { url: string; title: string }): string {
  return group.title.trim() !== '' ? group.title : group.url;
}

function formatDate(iso: string): string {
  const time = Date.parse(iso);
  if (Number.isNaN(time)) return iso;
  return new Date(time).toISOString().slice(0, 16).replace('T', ' ') + ' UTC';
}

interface PageGroup {
  url: string;
  title: string;
  latest: number;
  annotations: Annotation[];
}

/** Pages with the most recently touched first; within a page, notes in reading order, then page notes. */
export function groupByPage(annotations: readonly Annotation[]): PageGroup[] {
  const groups = new Map<string, PageGroup>();
  for (const a of annotations) {
    let group = groups.get(a.url);
    if (!group) {
      group = { url: a.url, title: a.title, latest: -Infinity, annotations: [] };
      groups.set(a.url, group);
    }
    // The most recent note carries the freshest title (pages retitle their articles).
    const modified = Date.parse(a.modified);
    if (modified > group.latest || group.latest === -Infinity) {
      group.latest = Number.isNaN(modified) ? group.latest : modified;
      if (a.title.trim() !== '') group.title = a.title;
    }
    group.annotations.push(a);
  }
  const readingOrder = (a: Annotation) => a.target?.position?.start ?? (a.target ? Number.MAX_SAFE_INTEGER - 1 : Number.MAX_SAFE_INTEGER);
  for (const group of groups.values()) {
    // Plain comparison, not localeCompare: ISO strings, and ICU collation is slow over 10,000 notes.
    group.annotations.sort((a, b) => readingOrder(a) - readingOrder(b) || (a.created < b.created ? -1 : a.created > b.created ? 1 : 0));
  }
  return [...groups.values()].sort((a, b) => b.latest - a.latest);
}

export interface MarkdownOptions {
  now: Date;
}

export function writeMarkdown(annotations: readonly Annotation[], options: MarkdownOptions): string {
  const groups = groupByPage(annotations);
  const lines: string[] = ['# Backstory annotations', ''];
  const n = annotations.length;
  lines.push(`Exported ${options.now.toISOString().slice(0, 10)}: ${n} annotation${n === 1 ? '' : 's'} on ${groups.length} page${groups.length === 1 ? '' : 's'}.`);
  for (const group of groups) {
    lines.push('', `## [${escapeMarkdownLine(titleFor(group).replace(/\s*[\r\n]+\s*/g, ' '))}](${linkDestination(group.url)})`);
    group.annotations.forEach((a, i) => {
      lines.push('');
      if (i > 0) lines.push('* * *', '');
      if (a.target) {
        const quoted = escapeMarkdownText(a.target.quote.exact);
        for (const line of quoted) lines.push(line === '' ? '>' : `> ${line}`);
        lines.push('');
      }
      if (a.text.trim() !== '') {
        lines.push(...escapeMarkdownText(a.text), '');
      }
      if (a.tags.length > 0) {
        lines.push(`Tags: ${a.tags.map((t) => escapeMarkdownLine(t.replace(/\s*\n\s*/g, ' '))).join(', ')}  `);
      }
      lines.push(`*Saved ${formatDate(a.modified)}*`);
    });
  }
  return lines.join('\n') + '\n';
}
