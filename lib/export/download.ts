// Saves an export from an extension page: a Blob behind an <a download>. It works the same in Chrome and
// Firefox, needs no extra permission at run time, keeps the suggested file name, and lets the browser's
// own download UI (and tests' download events) see it.
import type { ExportFile } from './formats';

/** CSV and Markdown are text the OS should open as UTF-8; the CSV carries its own BOM for spreadsheets. */
export function downloadExport(file: ExportFile, doc: Document = document): void {
  const started = performance.now();
  const blob = new Blob([file.content], { type: file.mimeType });
  const url = URL.createObjectURL(blob);
  const link = doc.createElement('a');
  link.href = url;
  link.download = file.filename;
  link.rel = 'noopener';
  link.style.display = 'none';
  doc.body.append(link);
  link.click();
  link.remove();
  try {
    // `npm run bench` prints it beside the export's reading and writing.
    performance.measure('backstory:export-save', { start: started, end: performance.now() });
  } catch {
    // An engine without measure options: the figure is only diagnostics.
  }
  // The download has started from the URL by now; revoking later rather than at once lets slow disks finish.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
