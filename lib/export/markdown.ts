// Markdown export, ready to paste into a notes app: one section per page (its title as a link), each quote as
// a blockquote with a link to the passage, the reference item it is on, the note, the tags and the local
// time. Notes and quotes are plain text, so every character that Markdown would read as syntax is escaped:
// what the reader typed or quoted is what the notes app shows.
import type { Annotation } from '../notes/types';
import { groupByPage, titleFor } from '../notes/group';
import { referenceLinkText } from '../notes/reference-link';
import { passageLink, readableLocalTime, rememberedPageHref } from './passage';

/**
 * Characters that start or end inline syntax anywhere in a line (CommonMark allows escaping any of them), and `&`
 * where it would start an entity reference (`&amp;`, `&#38;`). One pass for both: what follows an `&` is judged the
 * same whether the specials in it are escaped yet or not, since no special is a letter, a digit, `#` or `;`.
 */
const INLINE_SPECIALS = /[\\`*_[\]<>|~]|&(?=#?[0-9A-Za-z]+;)/g;
/** A line whose start a block construct could read (whitespace, a block character, a digit). */
const BLOCK_START = /^[\s#>+=\-\d]/;

const NEEDS_ESCAPE = /[\\`*_[\]<>|~&]|^\s|^[#>+=\-\d]|\s$/;

/** Escapes one line of plain text so that CommonMark renders it literally. */
export function escapeMarkdownLine(line: string): string {
  // Most lines of prose need nothing: one test instead of five replacements (10,000 notes export faster).
  if (!NEEDS_ESCAPE.test(line)) return line;
  let out = line.replace(INLINE_SPECIALS, '\\$&');
  // Block syntax is only read at the start of a line (after up to three spaces of indentation):
  // headings, quotes, list items, thematic breaks, setext underlines, fenced code. None of these can match a line
  // that does not start with whitespace, a block character or a digit (most lines): they are skipped for it.
  if (BLOCK_START.test(out)) {
    out = out.replace(/^(\s{0,3})([#>+=-])/, '$1\\$2');
    out = out.replace(/^(\s{0,3}\d{1,9})([.)])/, '$1\\$2');
    // Four spaces or a tab would start an indented code block; non-breaking spaces show the same and do not.
    out = out.replace(/^[ \t]+/, (lead) => '\u00a0'.repeat(lead.replace(/\t/g, '    ').length));
  }
  // Two trailing spaces would become a hard line break that the original did not have.
  return out.endsWith(' ') ? out.replace(/ +$/, (trail) => '\u00a0'.repeat(trail.length)) : out;
}

/**
 * Multi-line plain text as Markdown that keeps its line breaks: lines end with a backslash hard break,
 * blank lines separate paragraphs.
 */
export function escapeMarkdownText(text: string): string[] {
  // One line (most quotes, many notes): what the general path below gives for it, without its splits and copies.
  // An escaped line is never a lone backslash (a backslash is itself escaped), so nothing is dropped here.
  if (typeof text === 'string' && !text.includes('\n') && !text.includes('\r')) return [escapeMarkdownLine(text)];
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

const oneLine = (text: string) => text.replace(/\s*[\r\n]+\s*/g, ' ');

/**
 * Each note's record, whole, in an HTML comment after it: Markdown renderers and notes apps hide it, and an
 * import reads it back, so a Markdown export imports without loss. JSON never holds "--" here (each "-"
 * before another is written \u002d), so nothing in a note can end the comment early.
 */
export const RECORD_COMMENT = 'backstory:note';

export function recordComment(a: Annotation): string {
  const json = JSON.stringify(a);
  // Most notes hold no "--": a plain search spares them the expression (10,000 notes an export).
  return `<!-- ${RECORD_COMMENT} ${json.includes('--') ? json.replace(/-(?=-)/g, '\\u002d') : json} -->`;
}

export interface MarkdownOptions {
  now: Date;
}

export function writeMarkdown(annotations: readonly Annotation[], options: MarkdownOptions): string {
  const groups = groupByPage(annotations);
  const pageHref = rememberedPageHref();
  const lines: string[] = ['# Backstory notes', ''];
  const n = annotations.length;
  lines.push(`Exported ${readableLocalTime(options.now.toISOString())}: ${n} note${n === 1 ? '' : 's'} on ${groups.length} page${groups.length === 1 ? '' : 's'}.`);
  for (const group of groups) {
    const heading = escapeMarkdownLine(oneLine(titleFor(group)));
    const href = pageHref(group.url);
    // Only web pages become links: a javascript: or data: address stays text a renderer will not run.
    lines.push('', href ? `## [${heading}](${linkDestination(href)})` : `## ${heading}`);
    if (!href) lines.push('', `Address: ${escapeMarkdownLine(oneLine(group.url))}`);
    group.annotations.forEach((a, i) => {
      lines.push('');
      if (i > 0) lines.push('* * *', '');
      if (a.target) {
        const quoted = escapeMarkdownText(a.target.quote.exact);
        for (const line of quoted) lines.push(line === '' ? '>' : `> ${line}`);
        lines.push('');
        const link = passageLink(a, pageHref);
        if (link) lines.push(`[Passage on the page](${linkDestination(link)})`, '');
      }
      if (a.reference) lines.push(`Linked to ${escapeMarkdownLine(oneLine(referenceLinkText(a.reference)))}`, '');
      if (a.text.trim() !== '') {
        lines.push(...escapeMarkdownText(a.text), '');
      }
      if (a.tags.length > 0) {
        lines.push(`Tags: ${a.tags.map((t) => escapeMarkdownLine(oneLine(t))).join(', ')}  `);
      }
      lines.push(`*Saved ${readableLocalTime(a.modified)}*`, '', recordComment(a));
    });
  }
  return lines.join('\n') + '\n';
}
