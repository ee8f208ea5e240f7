// One entry point for "make the file": content, suggested name and MIME type for each format.
import type { Annotation } from '../notes/types';
import { writeJsonLd } from './jsonld';
import { writeMarkdown } from './markdown';
import { writeCsv } from './csv';
import { MIME_TYPES, exportFilename, type ExportFile, type ExportFormat } from './formats';

export function exportAnnotations(annotations: readonly Annotation[], format: ExportFormat, now: Date = new Date()): ExportFile {
  const content =
    format === 'jsonld' ? writeJsonLd(annotations, { now }) : format === 'markdown' ? writeMarkdown(annotations, { now }) : writeCsv(annotations);
  return { filename: exportFilename(format, now), mimeType: MIME_TYPES[format], content, count: annotations.length };
}
