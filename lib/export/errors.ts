// The import's size limit and error type: small, so the popup and options page can check a file's size
// (and show results) without loading the parsers.

/** Larger files are refused before they are read: 50 MB is ~50,000 annotations, far beyond any real export. */
export const MAX_IMPORT_BYTES = 50 * 1024 * 1024;

/** A file Backstory will not import, with what is wrong and where. Nothing has been written. */
export class ImportError extends Error {
  constructor(message: string, readonly problems: readonly string[] = []) {
    super(problems.length > 0 ? `${message}\n${problems.map((p) => `• ${p}`).join('\n')}` : message);
    this.name = 'ImportError';
  }
}

/** Call with the file's size before reading it (File.size), so a huge file is never loaded. */
export function checkImportSize(bytes: number): void {
  if (bytes > MAX_IMPORT_BYTES) {
    // In bytes as well: "50.0 MB; up to 50.0 MB" would read as a contradiction one byte over the limit.
    throw new ImportError(
      `This file is larger than Backstory imports: ${bytes.toLocaleString('en')} bytes, and the limit is 50 MB ` +
        `(${MAX_IMPORT_BYTES.toLocaleString('en')} bytes). Nothing was imported.`,
    );
  }
}

/** What the importer takes, in the reader's words, for every message about a file it cannot read. */
export const FORMATS_TAKEN =
  'Backstory imports the files it exports — Web Annotation JSON-LD (.jsonld), CSV (.csv) and Markdown (.md) — and Web Annotation files from other tools.';
