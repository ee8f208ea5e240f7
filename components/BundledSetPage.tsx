// The bundled set, read-only: what it covers (its documents and their dates) and what it knows. Its documents'
// texts are not in Backstory (only the facts are), so it cannot be corrected or rebuilt here.
import type { Dataset } from '@/lib/reference/types';
import { formatReferenceDate } from '@/lib/reference/summary';
import { BUNDLED_SET_NAME, setTitle } from '@/lib/sets/bundled';

const TYPE_LABEL = { person: 'Person', place: 'Place', organization: 'Organisation' } as const;

export function BundledSetPage({ dataset, onBack }: { dataset: Dataset; onBack(): void }) {
  const entities = [...dataset.entities].sort((a, b) => b.mentions.length - a.mentions.length || a.name.localeCompare(b.name));
  return (
    <div class="bs-set-page" data-set-id="bundled">
      <button type="button" class="bs-link" onClick={onBack}>← All reference sets</button>
      <h2 id="bs-set-title" tabIndex={-1}>{setTitle(BUNDLED_SET_NAME, dataset.documents.length)}</h2>
      <p class="bs-hint">Comes with Backstory and cannot be changed. Its documents’ texts are not included, only the facts they state.</p>
      <h3>Documents</h3>
      <ol>
        {dataset.documents.map((d) => (
          <li key={d.id}><cite>{d.title}</cite><span class="bs-muted"> — {[d.publisher, d.date ? formatReferenceDate(d.date) : undefined].filter(Boolean).join(', ')}</span></li>
        ))}
      </ol>
      <h3>People, places and organisations ({entities.length})</h3>
      <ul class="bs-entity-list">
        {entities.map((e) => <li key={e.id}><strong>{e.name}</strong> <span class={`bs-type bs-type-${e.type}`}>{TYPE_LABEL[e.type]}</span></li>)}
      </ul>
      <h3>Figures ({dataset.figures.length})</h3>
      <ul>{dataset.figures.map((f) => <li key={f.id}>{f.label}{f.asOf ? <span class="bs-muted"> · {formatReferenceDate(f.asOf)}</span> : null}</li>)}</ul>
    </div>
  );
}
