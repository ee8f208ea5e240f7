// The options page: every annotation across pages, filterable by site, tag and text; export, import, and
// delete-all behind a typed confirmation. It reads and writes through its own notes repository and reloads
// when another of Backstory's pages changes notes.
import { useCallback, useEffect, useMemo, useState } from 'preact/hooks';
import type { TransferApi } from '@/lib/export/transfer';
import type { NotesRepository } from '@/lib/notes/repository';
import { filterAnnotations, isEmptyFilter, type AnnotationFilter } from '@/lib/export/filter';
import type { Annotation } from '@/lib/notes/types';
import { AnnotationFilters } from './AnnotationFilters';
import { AnnotationList } from './AnnotationList';
import { OptionsExport } from './OptionsExport';
import { OptionsImport } from './OptionsImport';
import { OptionsDeleteAll } from './OptionsDeleteAll';
import { StorageFault } from './StorageFault';
import { errorText } from './use-task';

export interface OptionsProps {
  repository: NotesRepository;
  api: TransferApi;
  /** Subscribes to changes made in other contexts; returns the unsubscribe. */
  watchChanges?(listener: () => void): () => void;
}

export function Options({ repository, api, watchChanges }: OptionsProps) {
  const [annotations, setAnnotations] = useState<Annotation[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [filter, setFilter] = useState<AnnotationFilter>({});

  const reload = useCallback(async () => {
    try {
      setAnnotations(await repository.listAll());
      setLoadError(null);
    } catch (e) {
      setLoadError(`Could not read your annotations: ${errorText(e)}`);
    }
  }, [repository]);
  useEffect(() => void reload(), [reload]);
  useEffect(() => watchChanges?.(() => void reload()), [watchChanges, reload]);

  const all = annotations ?? [];
  const shown = useMemo(() => filterAnnotations(all, filter), [all, filter]);
  const pages = useMemo(() => new Set(all.map((a) => a.url)).size, [all]);
  const filtered = !isEmptyFilter(filter);
  const recovered = repository.recovered;

  return (
    <main class="bs-options">
      <header>
        <h1>Backstory: your annotations</h1>
        <p class="bs-muted" role="status" data-testid="summary">
          {annotations === null
            ? loadError ? '' : 'Loading…'
            : `${all.length} annotation${all.length === 1 ? '' : 's'} on ${pages} page${pages === 1 ? '' : 's'}.`}
        </p>
        {loadError ? <p class="bs-error" role="alert">{loadError}</p> : null}
        {recovered > 0 && annotations !== null ? (
          <p class="bs-hint" data-testid="recovered">
            The browser had lost Backstory's notes database; {recovered} note{recovered === 1 ? ' was' : 's were'} restored from Backstory's backup.
          </p>
        ) : null}
      </header>

      <StorageFault repository={repository} api={api} />

      <div class="bs-tools">
        <OptionsExport api={api} filter={filter} total={all.length} shown={shown.length} />
        <OptionsImport api={api} onImported={() => void reload()} />
      </div>

      <section class="bs-panel bs-browse" aria-labelledby="bs-browse-title">
        <h2 id="bs-browse-title">All annotations</h2>
        <AnnotationFilters annotations={all} filter={filter} onChange={setFilter} />
        <p class="bs-muted" aria-live="polite" data-testid="shown-count">
          {annotations === null ? '' : filtered ? `${shown.length} of ${all.length} shown.` : all.length === 0 ? 'No annotations yet: save notes from the popup on a news page, or import a file.' : ''}
        </p>
        <AnnotationList annotations={shown} />
      </section>

      <OptionsDeleteAll api={api} total={all.length} onChanged={() => void reload()} />
    </main>
  );
}
