// Popup section: Backstory on/off for this site, on pages about other subjects than the reference's, and each
// highlight category on/off. Saved in storage.local; every open tab's content script applies the change at once
// (storage.onChanged).
import { useEffect, useState } from 'preact/hooks';
import { MATCH_CATEGORIES, type MatchCategory } from '@/lib/match/types';
import { CATEGORY_STYLES } from '@/lib/highlight/styles';
import { isSiteEnabled, loadSettings, saveSettings, watchSettings, withCategory, withEveryPage, withSite, type Settings } from '@/lib/page/settings';
import { usePageSummary } from './hooks/usePageSummary';

export function SiteControls({ tabId }: { tabId: number | undefined }) {
  const { summary } = usePageSummary(tabId);
  const [settings, setSettings] = useState<Settings | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    void loadSettings(browser.storage.local).then(setSettings);
    return watchSettings(browser.storage.onChanged, setSettings);
  }, []);
  if (!settings) return null;

  const save = (next: Settings) => {
    setSettings(next);
    saveSettings(browser.storage.local, next).catch((e: unknown) => setError(`Could not save the setting: ${e instanceof Error ? e.message : String(e)}`));
  };
  const site = summary?.site;
  return (
    <section aria-labelledby="controls-h" data-section="controls">
      <h2 id="controls-h">Highlights</h2>
      {site ? (
        <label>
          <input type="checkbox" data-control="site" checked={isSiteEnabled(settings, site)} onChange={(e) => save(withSite(settings, site, e.currentTarget.checked))} />{' '}
          On {site}
        </label>
      ) : null}
      <label style={{ display: 'block' }}>
        <input type="checkbox" data-control="every-page" checked={settings.everyPage} onChange={(e) => save(withEveryPage(settings, e.currentTarget.checked))} />{' '}
        Also on pages about other subjects
      </label>
      <fieldset>
        <legend>Show</legend>
        {MATCH_CATEGORIES.map((c: MatchCategory) => {
          const style = CATEGORY_STYLES[c];
          return (
            <label key={c} style={{ display: 'block' }}>
              <input type="checkbox" data-control="category" data-category={c} checked={settings.categories[c]} onChange={(e) => save(withCategory(settings, c, e.currentTarget.checked))} />{' '}
              <span style={{ textDecoration: `underline ${style.decoration === 'double' ? 'double' : style.decoration} ${style.line}`, background: style.tint }}>{style.label}</span>
            </label>
          );
        })}
      </fieldset>
      {error ? <p role="alert">{error}</p> : null}
    </section>
  );
}
