// The list of reference sets in the library: the bundled one first (read-only), then the reader's, each with what
// it holds, whether it is being built, and whether Backstory highlights it on pages (the same switch as the
// popup's, in the reader's settings).
import { useEffect, useState } from 'preact/hooks';
import type { BuildProgress } from '@/lib/sets/build';
import type { Dataset } from '@/lib/reference/types';
import { BUNDLED_SET_ID, type SetSummary } from '@/lib/sets/types';
import { BUNDLED_SET_NAME, setTitle } from '@/lib/sets/bundled';
import { isSetEnabled, loadSettings, saveSettings, watchSettings, withSet, type Settings, type SettingsArea, type SettingsChangeEvent } from '@/lib/page/settings';
import { isBuilding } from './hooks/useBuildProgress';

export interface SetListProps {
  sets: SetSummary[] | null;
  bundled: Dataset;
  progress: ReadonlyMap<string, BuildProgress>;
  onOpen(setId: string): void;
  settingsArea: SettingsArea;
  settingsChanges: SettingsChangeEvent;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en')} ${n === 1 ? one : many}`;

function state(summary: SetSummary, p: BuildProgress | undefined): string {
  if (isBuilding(p)) return p!.phase === 'reading' && p!.total ? `building: ${p!.done} of ${plural(p!.total, 'document')} read` : 'building…';
  if (summary.documents === 0) return 'no documents yet';
  if (!summary.built) return 'not built yet';
  return `${plural(summary.entities, 'entity', 'entities')} · ${plural(summary.figures, 'figure')}`;
}

export function SetList({ sets, bundled, progress, onOpen, settingsArea, settingsChanges }: SetListProps) {
  const [settings, setSettings] = useState<Settings | null>(null);
  useEffect(() => {
    void loadSettings(settingsArea).then(setSettings);
    return watchSettings(settingsChanges, setSettings);
  }, [settingsArea, settingsChanges]);
  const toggle = (id: string, on: boolean) => {
    if (!settings) return;
    const next = withSet(settings, id, on);
    setSettings(next);
    void saveSettings(settingsArea, next);
  };
  const row = (id: string, title: string, detail: string, readOnly: boolean) => (
    <li key={id} class="bs-set-row" data-set-id={id}>
      <div class="bs-set-main">
        <button type="button" class="bs-link bs-set-open" onClick={() => onOpen(id)}>{title}</button>
        <span class="bs-muted"> · {detail}{readOnly ? ' · read-only' : ''}</span>
      </div>
      {settings ? (
        <label class="bs-set-switch">
          <input type="checkbox" data-control="set" checked={isSetEnabled(settings, id)} onChange={(e) => toggle(id, e.currentTarget.checked)} /> Highlight on pages
        </label>
      ) : null}
    </li>
  );
  return (
    <ul class="bs-set-list" aria-label="Reference sets" aria-busy={sets === null}>
      {row(BUNDLED_SET_ID, setTitle(BUNDLED_SET_NAME, bundled.documents.length), `${plural(bundled.entities.length, 'entity', 'entities')} · ${plural(bundled.figures.length, 'figure')}`, true)}
      {(sets ?? []).map((s) => row(s.id, setTitle(s.name, s.documents), state(s, progress.get(s.id)), false))}
    </ul>
  );
}
