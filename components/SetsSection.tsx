// The library's "Reference sets" section: the bundled set (read-only) and the reader's own, made from their own
// documents; a new set, an import, the recently deleted sets; and, opened from the list (or from a highlight's
// card, by the page's address), one set's page. The address says what is open (#sets, #sets?set=…, and a
// document at a passage), so the browser's Back returns to the list and a card can link straight to a passage.
import { useCallback, useEffect, useState } from 'preact/hooks';
import type { SetsApi } from '@/lib/sets/api';
import type { TrashEntry } from '@/lib/sets/db';
import { passageFromHash } from '@/lib/sets/handlers';
import type { DocumentPassage } from '@/lib/sets/messages';
import type { Dataset } from '@/lib/reference/types';
import { BUNDLED_SET_ID, type SetSummary } from '@/lib/sets/types';
import type { SettingsArea, SettingsChangeEvent } from '@/lib/page/settings';
import { readSetsIndex, watchSetsIndex } from '@/lib/sets/index-mirror';
import { useBuildProgress } from './hooks/useBuildProgress';
import { SetList } from './SetList';
import { SetCreateForm } from './SetCreateForm';
import { SetImport } from './SetImport';
import { SetPage } from './SetPage';
import { BundledSetPage } from './BundledSetPage';
import { SetTrash } from './SetTrash';
import { errorText } from './use-task';
import './sets.css';

export interface SetsSectionProps {
  api: SetsApi;
  /** The bundled dataset (shown read-only). */
  bundled: Dataset;
  settingsArea: SettingsArea;
  settingsChanges: SettingsChangeEvent;
  /** The page's location, for the address of what is open; the window's by default. */
  location?: Pick<Location, 'hash'>;
  onNavigate?(hash: string): void;
}

interface Route {
  setId: string | null;
  passage: DocumentPassage | null;
}

function routeOf(hash: string): Route {
  const passage = passageFromHash(hash);
  if (passage) return { setId: passage.setId, passage };
  const m = /^#sets\?set=([a-z0-9-]+)$/.exec(hash);
  return { setId: m ? m[1]! : null, passage: null };
}

export function SetsSection({ api, bundled, settingsArea, settingsChanges, location: where = window.location, onNavigate }: SetsSectionProps) {
  const [sets, setSets] = useState<SetSummary[] | null>(null);
  const [trash, setTrash] = useState<TrashEntry[]>([]);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [route, setRoute] = useState<Route>(() => routeOf(where.hash));
  const progress = useBuildProgress(api);

  // The list is the sets' summaries the background keeps after every change (lib/sets/index-mirror.ts): reading
  // them costs nothing, where working them out here would apply every set's edits on this page's thread.
  useEffect(() => {
    void readSetsIndex(settingsArea).then((index) => setSets(index.sets));
    return watchSetsIndex(settingsChanges, (index) => setSets(index.sets));
  }, [settingsArea, settingsChanges]);
  const reload = useCallback(async () => {
    try {
      setTrash(await api.repository.listDeleted());
      setLoadError(null);
    } catch (e) {
      setLoadError(`Could not read your reference sets: ${errorText(e)}`);
    }
  }, [api]);
  useEffect(() => void reload(), [reload]);
  useEffect(() => api.onChange(() => void reload()), [api, reload]);
  useEffect(() => {
    const onHash = () => setRoute(routeOf(window.location.hash));
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);

  const navigate = (hash: string) => {
    if (onNavigate) onNavigate(hash);
    else window.location.hash = hash;
    setRoute(routeOf(hash));
  };
  const openSet = (id: string) => navigate(`#sets?set=${id}`);
  const back = () => navigate('#sets');

  if (route.setId === BUNDLED_SET_ID) {
    return (
      <section id="sets" class="bs-panel bs-sets" aria-labelledby="bs-set-title" data-section="sets">
        <BundledSetPage dataset={bundled} onBack={back} />
      </section>
    );
  }
  if (route.setId) {
    return (
      <section id="sets" class="bs-panel bs-sets" aria-labelledby="bs-set-title" data-section="sets">
        <SetPage
          key={route.setId}
          api={api}
          setId={route.setId}
          progress={progress.get(route.setId)}
          passage={route.passage}
          onBack={back}
          onDeleted={() => {
            void reload();
            back();
          }}
          onCloseDocument={() => openSet(route.setId!)}
          onOpenDocument={(docId, range) => navigate(`#sets?${new URLSearchParams({ set: route.setId!, doc: docId, ...(range ? { start: String(range.start), end: String(range.end) } : {}) }).toString()}`)}
        />
      </section>
    );
  }
  return (
    <section id="sets" class="bs-panel bs-sets" aria-labelledby="bs-sets-title" data-section="sets">
      <h2 id="bs-sets-title">Reference sets</h2>
      <p class="bs-hint">
        Backstory highlights what a reference set knows on the articles you read. Make your own from your own documents: articles you add
        from the popup, text you paste, or files. Each set is built in your browser; nothing leaves it.
      </p>
      {loadError ? <p class="bs-error" role="alert">{loadError}</p> : null}
      <SetList sets={sets} bundled={bundled} progress={progress} onOpen={openSet} settingsArea={settingsArea} settingsChanges={settingsChanges} />
      <div class="bs-set-tools">
        <SetCreateForm api={api} onCreated={(id) => { void reload(); openSet(id); }} />
        <SetImport api={api} onImported={(id) => { void reload(); openSet(id); }} />
      </div>
      <SetTrash api={api} trash={trash} onRestored={() => void reload()} />
    </section>
  );
}
