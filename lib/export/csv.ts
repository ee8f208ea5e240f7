// CSV export for spreadsheets: one row per annotation, written by papaparse (quoting of commas, quotes and
// newlines per RFC 4180), CRLF line ends, UTF-8 with a byte-order mark so Excel reads non-Latin text as
// UTF-8 instead of the system code page.
//
// Formula injection: a spreadsheet runs a cell that starts with = + - @ (or a tab / carriage return, which
// some programs skip before looking) as a formula, so a quote like "=HYPERLINK(...)" from a hostile page
// would become live. Such cells get a leading apostrophe, the convention spreadsheet programs and OWASP use
// for "this is text". The rows this module means are the guarded ones (`csvRows`): parsing the file back
// gives exactly them, and `unguardCell` recovers the original text.
import Papa from 'papaparse';
import type { Annotation } from '../notes/types';

export const CSV_COLUMNS = ['url', 'title', 'quote', 'note', 'tags', 'created', 'modified'] as const;
/** Tags share one cell; "; " reads naturally and is rare inside a tag. */
export const TAG_SEPARATOR = '; ';
const BOM = '\ufeff';
// Apostrophes already in front of a formula character are counted in, so guarding stays reversible:
// "'=x" is written "''=x" and reads back as "'=x", never as "=x".
const FORMULA_START = /^'*[=+\-@\t\r]/;

export function guardCell(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** The text a guarded cell stands for. */
export function unguardCell(cell: string): string {
  return cell.startsWith("'") && FORMULA_START.test(cell.slice(1)) ? cell.slice(1) : cell;
}

export function csvRow(a: Annotation): string[] {
  return [a.url, a.title, a.target?.quote.exact ?? '', a.text, a.tags.join(TAG_SEPARATOR), a.created, a.modified].map(guardCell);
}

/** Header then one row per annotation, exactly as a CSV reader will see them. */
export function csvRows(annotations: readonly Annotation[]): string[][] {
  return [[...CSV_COLUMNS], ...annotations.map(csvRow)];
}

export function writeCsv(annotations: readonly Annotation[]): string {
  // No line break after the last row (RFC 4180 allows either): readers then see no empty trailing row.
  return BOM + Papa.unparse(csvRows(annotations), { newline: '\r\n', header: false });
}
