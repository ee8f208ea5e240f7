// The figures the builder read in a set's documents: what each counts, as of when, where and according to whom,
// and where it was read; each can be fixed (value, hedge, unit) or dropped.
import { useState } from 'preact/hooks';
import type { Dataset } from '@/lib/reference/types';
import type { CurationEdit } from '@/lib/sets/curation';
import type { SetDocument } from '@/lib/sets/types';
import { formatReferenceDate } from '@/lib/reference/summary';
import { FigureEditor } from './FigureEditor';

export interface SetFiguresProps {
  dataset: Dataset;
  documents: ReadonlyMap<string, SetDocument>;
  onEdit(edit: CurationEdit): Promise<void>;
  onShow(docId: string, range: { start: number; end: number }): void;
}

export function SetFigures({ dataset, documents, onEdit, onShow }: SetFiguresProps) {
  const [editing, setEditing] = useState<string | null>(null);
  const name = (id: string | undefined) => (id ? dataset.entities.find((e) => e.id === id)?.name : undefined);
  return (
    <section aria-labelledby="bs-figures-title" class="bs-set-figures">
      <h3 id="bs-figures-title">Figures ({dataset.figures.length})</h3>
      {dataset.figures.length === 0 ? <p class="bs-hint">None found: Backstory reads counts of people killed, wounded, displaced and the like.</p> : null}
      <ul class="bs-figure-list">
        {dataset.figures.map((f) => {
          const first = f.mentions[0];
          const details = [
            f.asOf ? formatReferenceDate(f.asOf) : undefined,
            name(f.placeId) && `in ${name(f.placeId)}`,
            (name(f.attributedToId) ?? f.attributedTo) && `according to ${name(f.attributedToId) ?? f.attributedTo}`,
          ].filter(Boolean);
          return (
            <li key={f.id} data-figure-id={f.id} class="bs-figure">
              <strong>{f.label}</strong>
              {details.length ? <span class="bs-muted"> · {details.join(' · ')}</span> : null}
              {first ? (
                <button type="button" class="bs-link" onClick={() => onShow(first.doc, first)}>
                  Show where<span class="bs-visually-hidden"> {f.label} was read, in “{documents.get(first.doc)?.title ?? first.doc}”</span>
                </button>
              ) : null}
              <button type="button" class="bs-link" aria-expanded={editing === f.id} onClick={() => setEditing(editing === f.id ? null : f.id)}>
                Correct<span class="bs-visually-hidden"> {f.label}</span>
              </button>
              {editing === f.id ? <FigureEditor figure={f} onEdit={onEdit} onDone={() => setEditing(null)} /> : null}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
