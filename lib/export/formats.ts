// The export formats: names, labels, file names and MIME types. Kept apart from the writers so the UI can
// offer the choice without loading them (exportAnnotations in ./export.ts makes the file).

export const EXPORT_FORMATS = ['jsonld', 'markdown', 'csv'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const FORMAT_LABELS: Record<ExportFormat, string> = {
  jsonld: 'Web Annotation (JSON-LD)',
  markdown: 'Markdown',
  csv: 'CSV (spreadsheet)',
};

const EXTENSIONS: Record<ExportFormat, string> = { jsonld: 'jsonld', markdown: 'md', csv: 'csv' };
export const MIME_TYPES: Record<ExportFormat, string> = {
  jsonld: 'application/ld+json;profile="http://www.w3.org/ns/anno.jsonld"',
  markdown: 'text/markdown;charset=utf-8',
  csv: 'text/csv;charset=utf-8',
};

export interface ExportFile {
  filename: string;
  mimeType: string;
  content: string;
  /** How many annotations the file holds, for the UI's confirmation. */
  count: number;
}

export function isExportFormat(value: unknown): value is ExportFormat {
  return typeof value === 'string' && (EXPORT_FORMATS as readonly string[]).includes(value);
}

/** backstory-notes-YYYY-MM-DD.ext, with the reader's local date (the day they see on their calendar). */
export function exportFilename(format: ExportFormat, now: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  const day = `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
  return `backstory-notes-${day}.${EXTENSIONS[format]}`;
}
