// A new reference set: a name (required) and a description. Opens the new set, ready for documents.
import { useState } from 'preact/hooks';
import type { SetsApi } from '@/lib/sets/api';
import { useTask } from './use-task';

export function SetCreateForm({ api, onCreated }: { api: SetsApi; onCreated(setId: string): void }) {
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const { busy, status, run } = useTask();
  const submit = (event: Event) => {
    event.preventDefault();
    void run(async () => {
      const set = await api.repository.createSet({ name, description });
      setName('');
      setDescription('');
      onCreated(set.id);
    });
  };
  return (
    <form class="bs-set-create" aria-labelledby="bs-set-create-title" onSubmit={submit}>
      <h3 id="bs-set-create-title">New set</h3>
      <label class="bs-field">
        Name
        <input type="text" name="name" required maxLength={200} value={name} onInput={(e) => setName(e.currentTarget.value)} placeholder="e.g. City budget 2025" />
      </label>
      <label class="bs-field">
        Description <span class="bs-muted">(optional)</span>
        <textarea name="description" rows={2} maxLength={2000} value={description} onInput={(e) => setDescription(e.currentTarget.value)} />
      </label>
      <button type="submit" class="bs-primary" disabled={busy || name.trim() === ''}>Create set</button>
      {status ? <p class={status.error ? 'bs-error' : 'bs-hint'} role={status.error ? 'alert' : 'status'}>{status.text}</p> : null}
    </form>
  );
}
