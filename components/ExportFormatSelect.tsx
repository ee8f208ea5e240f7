// The export format picker shared by the popup and the options page; remembers the last choice.
import { EXPORT_FORMATS, FORMAT_LABELS, isExportFormat, type ExportFormat } from '@/lib/export/formats';

const STORAGE_KEY = 'backstory.exportFormat';

export function rememberedFormat(): ExportFormat {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    return isExportFormat(saved) ? saved : 'jsonld';
  } catch {
    return 'jsonld'; // storage unavailable (private mode, tests): the default is fine
  }
}

export interface ExportFormatSelectProps {
  id: string;
  value: ExportFormat;
  onChange(format: ExportFormat): void;
}

export function ExportFormatSelect({ id, value, onChange }: ExportFormatSelectProps) {
  return (
    <select
      id={id}
      value={value}
      onChange={(e) => {
        const next = (e.currentTarget as HTMLSelectElement).value;
        if (!isExportFormat(next)) return;
        try {
          localStorage.setItem(STORAGE_KEY, next);
        } catch {
          // Not remembering the choice is harmless.
        }
        onChange(next);
      }}
    >
      {EXPORT_FORMATS.map((f) => (
        <option key={f} value={f}>{FORMAT_LABELS[f]}</option>
      ))}
    </select>
  );
}
