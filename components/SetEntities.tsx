// What the builder found in a set's documents: its people, places and organisations, most mentioned first, with
// a filter, each with its other names, how often and where it is mentioned, and its corrections (EntityEditor).
// Long lists are shown a page at a time so a set of hundreds of documents stays quick.
import { useMemo, useState } from 'preact/hooks';
import type { Dataset, Entity } from '@/lib/reference/types';
import type { CurationEdit } from '@/lib/sets/curation';
import type { SetDocument } from '@/lib/sets/types';
import { EntityEditor } from './EntityEditor';

const PAGE = 50;
export const TYPE_LABEL: Record<Entity['type'], string> = { person: 'Person', place: 'Place', organization: 'Organisation' };

export interface SetEntitiesProps {
  dataset: Dataset;
  documents: ReadonlyMap<string, SetDocument>;
  onEdit(edit: CurationEdit): Promise<void>;
  onShow(docId: string, range: { start: number; end: number }): void;
}

export function SetEntities({ dataset, documents, onEdit, onShow }: SetEntitiesProps) {
  const [filter, setFilter] = useState('');
  const [shown, setShown] = useState(PAGE);
  const [editing, setEditing] = useState<string | null>(null);
  const sorted = useMemo(
    () => [...dataset.entities].sort((a, b) => b.mentions.length - a.mentions.length || a.name.localeCompare(b.name)),
    [dataset],
  );
  const wanted = filter.trim().toLocaleLowerCase();
  const matching = wanted ? sorted.filter((e) => [e.name, ...e.aliases].some((n) => n.toLocaleLowerCase().includes(wanted))) : sorted;
  return (
    <section aria-labelledby="bs-entities-title" class="bs-set-entities">
      <h3 id="bs-entities-title">People, places and organisations ({dataset.entities.length})</h3>
      <label class="bs-field bs-filter">
        Filter by name
        <input type="search" value={filter} onInput={(e) => { setFilter(e.currentTarget.value); setShown(PAGE); }} />
      </label>
      <ul class="bs-entity-list">
        {matching.slice(0, shown).map((e) => {
          const docs = new Set(e.mentions.map((m) => m.doc));
          const first = e.mentions[0];
          return (
            <li key={e.id} data-entity-id={e.id} class="bs-entity">
              <div class="bs-entity-line">
                <strong>{e.name}</strong> <span class={`bs-type bs-type-${e.type}`}>{TYPE_LABEL[e.type]}</span>
                <span class="bs-muted">
                  {' '}· {e.mentions.length} mention{e.mentions.length === 1 ? '' : 's'} in {docs.size} document{docs.size === 1 ? '' : 's'}
                </span>
                {first ? (
                  <button type="button" class="bs-link" onClick={() => onShow(first.doc, first)}>
                    Show where<span class="bs-visually-hidden"> {e.name} is first named, in “{documents.get(first.doc)?.title ?? first.doc}”</span>
                  </button>
                ) : null}
                <button type="button" class="bs-link" aria-expanded={editing === e.id} onClick={() => setEditing(editing === e.id ? null : e.id)}>
                  Correct<span class="bs-visually-hidden"> {e.name}</span>
                </button>
              </div>
              {e.aliases.length > 1 || e.contextualAliases?.length ? (
                <p class="bs-aliases bs-muted">
                  Also: {[...e.aliases.filter((a) => a !== e.name), ...(e.contextualAliases ?? []).map((a) => `${a} (after the full name)`)].join(' · ')}
                </p>
              ) : null}
              {editing === e.id ? <EntityEditor entity={e} entities={sorted} onEdit={onEdit} onDone={() => setEditing(null)} /> : null}
            </li>
          );
        })}
      </ul>
      {matching.length > shown ? (
        <button type="button" class="bs-more" onClick={() => setShown(shown + PAGE)}>
          Show {Math.min(PAGE, matching.length - shown)} more of {matching.length - shown}
        </button>
      ) : null}
      {wanted && matching.length === 0 ? <p class="bs-hint">No entity is called that.</p> : null}
    </section>
  );
}
