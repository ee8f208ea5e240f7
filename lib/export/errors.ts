// The import's size limit, result and error type: small, so the popup and options page can check a file's
// size (and show results) without loading the schema and parser.

/** Larger files are refused before they are read: 50 MB is ~50,000 annotations, far beyond any real export. */
export const MAX_IMPORT_BYTES = 50 * 1024 * 1024;
export interface ImportCounts {
  /** Not in the database before. */
  added: number;
  /** In the database with an older `modified`: replaced. */
  updated: number;
  /** In the database already, same or newer: kept as it was. */
  skipped: number;
}

/** A file Backstory will not import, with what is wrong and where. Nothing has been written. */
export class ImportError extends Error {
  constructor(message: string, readonly problems: readonly string[] = []) {
    super(problems.length > 0 ? `${message}\n${problems.map((p) => `• ${p}`).join('\n')}` : message);
    this.name = 'ImportError';
  }
}

function megabytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** Call with the file's size before reading it (File.size), so a huge file is never loaded. */
export function checkImportSize(bytes: number): void {
  if (bytes > MAX_IMPORT_BYTES) {
    throw new ImportError(
      `This file is ${megabytes(bytes)}; Backstory imports files up to ${megabytes(MAX_IMPORT_BYTES)}. Nothing was imported.`,
    );
  }
}

