// Fixing a figure the builder misread (its value, how it is hedged, its unit), or dropping it from the set.
import { useState } from 'preact/hooks';
import type { Figure, Qualifier } from '@/lib/reference/types';
import { QUALIFIERS, figureTarget, type CurationEdit } from '@/lib/sets/curation';
import { useTask } from './use-task';

export function FigureEditor({ figure, onEdit, onDone }: { figure: Figure; onEdit(edit: CurationEdit): Promise<void>; onDone(): void }) {
  const [value, setValue] = useState(String(figure.value));
  const [qualifier, setQualifier] = useState<Qualifier>(figure.qualifier);
  const [unit, setUnit] = useState(figure.unit);
  const { busy, status, run } = useTask();
  const id = figure.id.replace(/[^a-z0-9-]/g, '-');
  const number = Number(value.replace(/,/g, ''));
  const valid = value.trim() !== '' && Number.isFinite(number) && number >= 0;
  const target = figureTarget(figure);
  const save = (edit: CurationEdit) => void run(async () => {
    await onEdit(edit);
    onDone();
  });
  return (
    <form class="bs-figure-editor" aria-label={`Correct ${figure.label}`} onSubmit={(e) => {
      e.preventDefault();
      if (valid) save({ kind: 'fix-figure', figure: target, value: number, qualifier, unit });
    }}>
      <div class="bs-row">
        <label for={`${id}-qualifier`}>Hedge</label>
        <select id={`${id}-qualifier`} value={qualifier} onChange={(e) => setQualifier(e.currentTarget.value as Qualifier)}>
          {QUALIFIERS.map((q) => <option key={q} value={q}>{q === 'exact' ? 'exactly' : q}</option>)}
        </select>
        <label for={`${id}-value`}>Value</label>
        <input id={`${id}-value`} type="text" inputMode="decimal" value={value} onInput={(e) => setValue(e.currentTarget.value)} aria-invalid={!valid} />
        <label for={`${id}-unit`}>Unit</label>
        <input id={`${id}-unit`} type="text" value={unit} maxLength={100} onInput={(e) => setUnit(e.currentTarget.value)} />
      </div>
      <div class="bs-row">
        <button type="submit" class="bs-primary" disabled={busy || !valid}>Save the figure</button>
        <button type="button" class="bs-danger" disabled={busy} onClick={() => save({ kind: 'drop-figure', figure: target })}>Drop it from the set</button>
        <button type="button" onClick={onDone}>Close</button>
      </div>
      {status?.error ? <p class="bs-error" role="alert">{status.text}</p> : null}
    </form>
  );
}
