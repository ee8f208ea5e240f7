// A set's name and description, each editable in place (Enter or Save; Esc cancels).
import { useState } from 'preact/hooks';
import type { SetsApi } from '@/lib/sets/api';
import type { ReferenceSet } from '@/lib/sets/types';
import { useTask } from './use-task';

export function SetHeader({ api, set, onChanged }: { api: SetsApi; set: ReferenceSet; onChanged(): void }) {
  const [editing, setEditing] = useState(false);
  const [name, setName] = useState(set.name);
  const [description, setDescription] = useState(set.description);
  const { busy, status, run } = useTask();
  const save = (event: Event) => {
    event.preventDefault();
    void run(async () => {
      await api.repository.updateSet(set.id, { name, description });
      setEditing(false);
      onChanged();
    });
  };
  if (!editing) {
    return (
      <header class="bs-set-header">
        <h2 id="bs-set-title" tabIndex={-1}>{set.name}</h2>
        {set.description ? <p class="bs-set-description">{set.description}</p> : null}
        <button type="button" class="bs-link" onClick={() => { setName(set.name); setDescription(set.description); setEditing(true); }}>
          Rename or describe
        </button>
      </header>
    );
  }
  return (
    <form class="bs-set-header" aria-labelledby="bs-set-title" onSubmit={save} onKeyDown={(e) => { if (e.key === 'Escape') setEditing(false); }}>
      <h2 id="bs-set-title">{set.name}</h2>
      <label class="bs-field">
        Name
        <input type="text" required maxLength={200} value={name} onInput={(e) => setName(e.currentTarget.value)} />
      </label>
      <label class="bs-field">
        Description
        <textarea rows={2} maxLength={2000} value={description} onInput={(e) => setDescription(e.currentTarget.value)} />
      </label>
      <div class="bs-row">
        <button type="submit" class="bs-primary" disabled={busy || name.trim() === ''}>Save</button>
        <button type="button" onClick={() => setEditing(false)}>Cancel</button>
      </div>
      {status?.error ? <p class="bs-error" role="alert">{status.text}</p> : null}
    </form>
  );
}
