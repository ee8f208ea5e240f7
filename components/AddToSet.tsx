// The popup's "Add this article to a reference set": the article Backstory detected on this tab (its text, with
// the page's title, site, date and address) goes into one of the reader's sets, or a new one named here, and the
// set is built (the build goes on when the popup closes). The progress shows while the popup is open.
import { useEffect, useState } from 'preact/hooks';
import type { SetsApi } from '@/lib/sets/api';
import type { NewDocument } from '@/lib/sets/limits';
import type { SetSummary } from '@/lib/sets/types';
import { ARTICLE_UNAVAILABLE } from '@/lib/sets/page-article';
import { useBuildProgress, isBuilding } from './hooks/useBuildProgress';
import { useTask } from './use-task';
import './sets.css';

export interface AddToSetProps {
  api: SetsApi;
  /** The tab's article as a document (the content script's page model), or null where there is none. */
  article(): Promise<NewDocument | null>;
  /** Opens the library at a set. */
  openSet(setId: string): void;
}

const NEW = '__new__';

export function AddToSet({ api, article, openSet }: AddToSetProps) {
  const [sets, setSets] = useState<SetSummary[] | null>(null);
  const [choice, setChoice] = useState<string>('');
  const [name, setName] = useState('');
  const [added, setAdded] = useState<{ setId: string; name: string } | null>(null);
  const { busy, status, run } = useTask();
  const progress = useBuildProgress(api);

  useEffect(() => {
    let alive = true;
    const load = () => void api.repository.summaries().then((s) => {
      if (!alive) return;
      setSets(s);
      setChoice((c) => c || (s.length ? s[s.length - 1]!.id : NEW));
    }).catch(() => { if (alive) setSets([]); });
    load();
    const stop = api.onChange(load);
    return () => { alive = false; stop(); };
  }, [api]);

  const add = (event: Event) => {
    event.preventDefault();
    void run(async () => {
      const doc = await article().catch(() => {
        throw new Error(ARTICLE_UNAVAILABLE);
      });
      if (!doc || doc.text.trim() === '') throw new Error('Backstory found no article on this page to add.');
      let setId = choice;
      let chosen = sets?.find((s) => s.id === choice)?.name ?? '';
      if (choice === NEW) {
        const set = await api.repository.createSet({ name });
        setId = set.id;
        chosen = set.name;
        setChoice(set.id);
        setName('');
      }
      await api.addDocuments(setId, [doc]);
      setSets(await api.repository.summaries());
      setAdded({ setId, name: chosen });
      return `Added “${doc.title || 'this article'}” to “${chosen}”.`;
    });
  };

  const p = added ? progress.get(added.setId) : undefined;
  const building = isBuilding(p);
  return (
    <section class="bs-add-to-set" aria-labelledby="bs-add-to-set-title" data-section="add-to-set">
      <h2 id="bs-add-to-set-title">Add this article to a reference set</h2>
      <form onSubmit={add}>
        <div class="bs-row">
          <label for="bs-add-set">Set</label>
          <select id="bs-add-set" value={choice} disabled={sets === null} onChange={(e) => setChoice(e.currentTarget.value)}>
            {(sets ?? []).map((s) => <option key={s.id} value={s.id}>{s.name} ({s.documents} document{s.documents === 1 ? '' : 's'})</option>)}
            <option value={NEW}>New set…</option>
          </select>
        </div>
        {choice === NEW ? (
          <div class="bs-row">
            <label for="bs-add-set-name">Name of the new set</label>
            <input id="bs-add-set-name" type="text" required maxLength={200} value={name} onInput={(e) => setName(e.currentTarget.value)} />
          </div>
        ) : null}
        <div class="bs-row">
          <button type="submit" class="bs-primary" disabled={busy || sets === null || (choice === NEW && name.trim() === '')}>Add this article</button>
        </div>
      </form>
      {status ? <p class={status.error ? 'bs-error' : 'bs-hint'} role={status.error ? 'alert' : 'status'} data-testid="add-to-set-status">{status.text}</p> : null}
      {added ? (
        <p class="bs-hint" data-testid="add-to-set-build" data-phase={p?.phase ?? 'queued'}>
          {building
            ? p!.phase === 'reading' && p!.total ? `Building the set: ${p!.done} of ${p!.total} documents read…` : 'Building the set…'
            : p?.phase === 'done' ? 'The set is built: its names are highlighted on related articles.'
            : p?.phase === 'failed' ? (p.message ?? 'The build failed.')
            : 'Building the set…'}{' '}
          {building ? <progress max={p?.total || undefined} value={p?.phase === 'reading' && p.total ? p.done : undefined} aria-label="Build progress" /> : null}{' '}
          <button type="button" class="bs-link" onClick={() => openSet(added.setId)}>Open “{added.name}”</button>
        </p>
      ) : null}
    </section>
  );
}
