// The popup's switch per reference set: which sets Backstory highlights on pages (the bundled one and each of the
// reader's). Saved in the reader's settings, so every open tab follows at once.
import { useEffect, useState } from 'preact/hooks';
import { isSetEnabled, loadSettings, saveSettings, watchSettings, withSet, type Settings } from '@/lib/page/settings';
import { readSetsIndex, watchSetsIndex } from '@/lib/sets/index-mirror';
import { BUNDLED_SET_NAME, setTitle } from '@/lib/sets/bundled';
import { BUNDLED_SET_ID, type SetSummary } from '@/lib/sets/types';

export function SetToggles({ bundledDocuments }: { bundledDocuments: number }) {
  const [settings, setSettings] = useState<Settings | null>(null);
  const [sets, setSets] = useState<SetSummary[]>([]);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    void loadSettings(browser.storage.local).then(setSettings);
    void readSetsIndex(browser.storage.local).then((i) => setSets(i.sets));
    const a = watchSettings(browser.storage.onChanged, setSettings);
    const b = watchSetsIndex(browser.storage.onChanged, (i) => setSets(i.sets));
    return () => { a(); b(); };
  }, []);
  if (!settings) return null;
  const save = (id: string, on: boolean) => {
    const next = withSet(settings, id, on);
    setSettings(next);
    saveSettings(browser.storage.local, next).catch((e: unknown) => setError(`Could not save the setting: ${e instanceof Error ? e.message : String(e)}`));
  };
  const rows = [{ id: BUNDLED_SET_ID, title: setTitle(BUNDLED_SET_NAME, bundledDocuments) }, ...sets.map((s) => ({ id: s.id, title: setTitle(s.name, s.documents) }))];
  return (
    <fieldset class="bs-set-toggles" data-section="set-toggles">
      <legend>Reference sets highlighted</legend>
      {rows.map((r) => (
        <label key={r.id}>
          <input type="checkbox" data-control="set" data-set-id={r.id} checked={isSetEnabled(settings, r.id)} onChange={(e) => save(r.id, e.currentTarget.checked)} /> {r.title}
        </label>
      ))}
      {error ? <p role="alert">{error}</p> : null}
    </fieldset>
  );
}
