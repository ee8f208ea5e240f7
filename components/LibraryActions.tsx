// Actions on many notes at once in the notes library: select every note the filters show, then delete them (with
// Undo), export them, or add or remove a tag. Each says how it went.
import { useState } from 'preact/hooks';
import type { ExportFormat } from '@/lib/export/formats';
import { ExportFormatSelect, rememberedFormat } from './ExportFormatSelect';
import { parseTags } from './NoteTags';
import type { TaskStatus } from './use-task';

export interface LibraryActionsProps {
  /** Notes the filters show (all pages of the list, not only the part drawn). */
  shown: number;
  selected: number;
  /** How many of the selected notes the filters show; the rest are selected but hidden by the filters. */
  selectedShown: number;
  /** False while the library is still reading its notes: nothing can be selected or acted on yet. */
  ready?: boolean;
  busy: boolean;
  status: TaskStatus | null;
  onSelectShown(select: boolean): void;
  onClear(): void;
  onDelete(): void;
  onExport(format: ExportFormat): void;
  onTag(tag: string, action: 'add' | 'remove'): void;
}

const notes = (n: number) => `${n.toLocaleString()} note${n === 1 ? '' : 's'}`;

export function LibraryActions(props: LibraryActionsProps) {
  const { shown, selected, selectedShown, ready = true, busy, status, onSelectShown, onClear, onDelete, onExport, onTag } = props;
  const [format, setFormat] = useState<ExportFormat>(rememberedFormat);
  const [tag, setTag] = useState('');
  const allShown = shown > 0 && selectedShown === shown;
  const none = selected === 0 || busy || !ready;
  const cleanTag = parseTags(tag)[0] ?? '';
  const applyTag = (action: 'add' | 'remove') => {
    if (!cleanTag) return;
    onTag(cleanTag, action);
  };
  return (
    <div class="bs-bulk" role="group" aria-label="Selected notes">
      <label class="bs-select-all">
        <input
          type="checkbox"
          checked={allShown}
          disabled={shown === 0 || !ready}
          ref={(el) => { if (el) el.indeterminate = selectedShown > 0 && !allShown; }}
          onChange={(e) => onSelectShown(e.currentTarget.checked)}
        />{' '}
        Select all {notes(shown)} shown
      </label>
      <span class="bs-muted" aria-live="polite" data-testid="selected-count">
        {selected === 0 ? 'None selected' : `${notes(selected)} selected${selected > selectedShown ? ` (${selected - selectedShown} hidden by the filters)` : ''}`}
      </span>
      <div class="bs-bulk-actions">
        <button type="button" class="bs-danger" disabled={none} onClick={onDelete}>Delete selected</button>
        <span class="bs-inline">
          <label class="bs-visually-hidden" for="bs-bulk-format">Export format</label>
          <ExportFormatSelect id="bs-bulk-format" value={format} onChange={setFormat} />
          <button type="button" disabled={none} onClick={() => onExport(format)}>Export selected</button>
        </span>
        <form class="bs-inline" onSubmit={(e) => { e.preventDefault(); applyTag('add'); }}>
          <label class="bs-visually-hidden" for="bs-bulk-tag">Tag for the selected notes</label>
          <input id="bs-bulk-tag" type="text" placeholder="tag" size={12} value={tag} onInput={(e) => setTag(e.currentTarget.value)} />
          <button type="submit" disabled={none || !cleanTag}>Add tag</button>
          <button type="button" disabled={none || !cleanTag} onClick={() => applyTag('remove')}>Remove tag</button>
        </form>
        <button type="button" class="bs-link" disabled={selected === 0} onClick={onClear}>Clear selection</button>
      </div>
      <p class={status?.error ? 'bs-error' : 'bs-hint'} role={status?.error ? 'alert' : 'status'} data-testid="bulk-status">{status?.text ?? ''}</p>
    </div>
  );
}
