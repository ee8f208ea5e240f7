// The corrections a reader can make to one entity: rename it, change its category, add or remove one of its
// names, merge it into another entity, or remove it. Each is one edit, kept apart from the built set and applied
// over every build; each can be undone.
import { useState } from 'preact/hooks';
import type { Entity } from '@/lib/reference/types';
import { ENTITY_TYPES, entityTarget, type CurationEdit } from '@/lib/sets/curation';
import { useTask } from './use-task';

const TYPE_LABEL: Record<Entity['type'], string> = { person: 'Person', place: 'Place', organization: 'Organisation' };

export interface EntityEditorProps {
  entity: Entity;
  /** Every entity of the set (to merge into). */
  entities: readonly Entity[];
  onEdit(edit: CurationEdit): Promise<void>;
  onDone(): void;
}

export function EntityEditor({ entity, entities, onEdit, onDone }: EntityEditorProps) {
  const target = entityTarget(entity);
  const [name, setName] = useState(entity.name);
  const [type, setType] = useState(entity.type);
  const [alias, setAlias] = useState('');
  const [into, setInto] = useState('');
  const { busy, status, run } = useTask();
  const id = entity.id.replace(/[^a-z0-9-]/g, '-');
  const act = (edit: CurationEdit, close = true) => (event?: Event) => {
    event?.preventDefault();
    void run(async () => {
      await onEdit(edit);
      if (close) onDone();
    });
  };
  const forms = [...entity.aliases.filter((a) => a !== entity.name), ...(entity.contextualAliases ?? [])];
  return (
    <div class="bs-entity-editor" role="group" aria-label={`Correct ${entity.name}`}>
      <form class="bs-row" onSubmit={act({ kind: 'rename', entity: target, name })}>
        <label for={`${id}-name`}>Name</label>
        <input id={`${id}-name`} type="text" value={name} maxLength={300} onInput={(e) => setName(e.currentTarget.value)} />
        <button type="submit" disabled={busy || name.trim() === '' || name.trim() === entity.name}>Rename</button>
      </form>
      <form class="bs-row" onSubmit={act({ kind: 'set-type', entity: target, type })}>
        <label for={`${id}-type`}>Category</label>
        <select id={`${id}-type`} value={type} onChange={(e) => setType(e.currentTarget.value as Entity['type'])}>
          {ENTITY_TYPES.map((t) => <option key={t} value={t}>{TYPE_LABEL[t]}</option>)}
        </select>
        <button type="submit" disabled={busy || type === entity.type}>Change</button>
      </form>
      {forms.length ? (
        <ul class="bs-alias-list" aria-label="Other names">
          {forms.map((a) => (
            <li key={a}>
              {a}{' '}
              <button type="button" class="bs-link" disabled={busy} onClick={() => act({ kind: 'remove-alias', entity: target, alias: a }, false)()}>
                Remove<span class="bs-visually-hidden"> the name {a}</span>
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      <form class="bs-row" onSubmit={act({ kind: 'add-alias', entity: target, alias })}>
        <label for={`${id}-alias`}>Another name</label>
        <input id={`${id}-alias`} type="text" value={alias} maxLength={300} onInput={(e) => setAlias(e.currentTarget.value)} />
        <button type="submit" disabled={busy || alias.trim() === ''}>Add the name</button>
      </form>
      <form class="bs-row" onSubmit={(e) => {
        const other = entities.find((x) => x.id === into);
        if (other) act({ kind: 'merge', entity: target, into: entityTarget(other) })(e);
        else e.preventDefault();
      }}>
        <label for={`${id}-merge`}>Same as</label>
        <select id={`${id}-merge`} value={into} onChange={(e) => setInto(e.currentTarget.value)}>
          <option value="">Choose an entity…</option>
          {entities.filter((x) => x.id !== entity.id).map((x) => <option key={x.id} value={x.id}>{x.name} ({TYPE_LABEL[x.type].toLowerCase()})</option>)}
        </select>
        <button type="submit" disabled={busy || into === ''}>Merge into it</button>
      </form>
      <div class="bs-row">
        <button type="button" class="bs-danger" disabled={busy} onClick={() => act({ kind: 'remove', entity: target })()}>
          Remove {entity.name} from the set
        </button>
        <button type="button" onClick={onDone}>Close</button>
      </div>
      {status?.error ? <p class="bs-error" role="alert">{status.text}</p> : null}
    </div>
  );
}
