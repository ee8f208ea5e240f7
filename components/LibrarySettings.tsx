// The reader's settings, on the notes library page: the sites where Backstory is off (turned back on here, or off
// for a site typed in), the highlight categories shown, and which pages are highlighted (only articles about the
// reference's subject, or every page). Saved in storage.local; every open tab applies a change at once.
import { useEffect, useState } from 'preact/hooks';
import { MATCH_CATEGORIES } from '@/lib/match/types';
import { CATEGORY_STYLES } from '@/lib/highlight/styles';
import { loadSettings, saveSettings, siteKey, watchSettings, withCategory, withEveryPage, withSite, type Settings, type SettingsArea, type SettingsChangeEvent } from '@/lib/page/settings';
import { CategorySample } from './CategorySample';
import { errorText } from './use-task';

export interface LibrarySettingsProps {
  /** browser.storage.local and its change event (tests pass their own). */
  area: SettingsArea;
  changes: SettingsChangeEvent;
  /** What the bundled reference covers ("the Syrian civil war, 2012–2013"), when its dataset says. */
  subject?: string;
  /** Called once the settings are read and drawn (the library brings a section into view only then). */
  onLoaded?(): void;
}

export function LibrarySettings({ area, changes, subject, onLoaded }: LibrarySettingsProps) {
  const [settings, setSettings] = useState<Settings | null>(null);
  const [site, setSite] = useState('');
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    void loadSettings(area).then(setSettings);
    return watchSettings(changes, setSettings);
  }, [area, changes]);
  const drawn = settings !== null;
  useEffect(() => {
    if (drawn) onLoaded?.();
  }, [drawn]);
  if (!settings) return <p class="bs-muted">Loading your settings…</p>;

  const save = (next: Settings) => {
    setSettings(next);
    setError(null);
    saveSettings(area, next).catch((e: unknown) => setError(`Could not save the setting: ${errorText(e)}`));
  };
  const typed = siteKey(site.includes('://') ? site : site.trim() ? `https://${site.trim()}` : '');
  const turnOff = () => {
    if (!typed) return;
    save(withSite(settings, typed, false));
    setSite('');
  };
  return (
    <div class="bs-settings">
      <section class="bs-panel" aria-labelledby="bs-sites-title">
        <h3 id="bs-sites-title">Sites where Backstory is off</h3>
        <p class="bs-hint">On these sites Backstory highlights nothing and shows none of your notes on the page. The popup turns it off for the site you are on.</p>
        {settings.disabledSites.length === 0 ? (
          <p data-testid="no-sites-off">None: Backstory runs on every site.</p>
        ) : (
          <ul class="bs-site-list" aria-label="Sites where Backstory is off">
            {settings.disabledSites.map((s) => (
              <li key={s}>
                <span>{s}</span>{' '}
                <button type="button" onClick={() => save(withSite(settings, s, true))} aria-label={`Turn Backstory back on for ${s}`}>Turn back on</button>
              </li>
            ))}
          </ul>
        )}
        <form class="bs-row" onSubmit={(e) => { e.preventDefault(); turnOff(); }}>
          <label for="bs-site-off">Turn off for a site</label>
          <input id="bs-site-off" type="text" placeholder="example.com" value={site} onInput={(e) => setSite(e.currentTarget.value)} />
          <button type="submit" disabled={!typed}>Turn off</button>
        </form>
      </section>
      <section class="bs-panel" aria-labelledby="bs-categories-title">
        <h3 id="bs-categories-title">Highlights shown</h3>
        <fieldset class="bs-choice">
          <legend class="bs-visually-hidden">Highlights shown</legend>
          {MATCH_CATEGORIES.map((c) => (
            <label key={c}>
              <input type="checkbox" data-control="category" data-category={c} checked={settings.categories[c]} onChange={(e) => save(withCategory(settings, c, e.currentTarget.checked))} />{' '}
              <CategorySample category={c}>{CATEGORY_STYLES[c].label}</CategorySample>
            </label>
          ))}
        </fieldset>
      </section>
      <section class="bs-panel" aria-labelledby="bs-pages-title">
        <h3 id="bs-pages-title">Pages highlighted</h3>
        <p class="bs-hint" id="bs-every-page-hint">
          Backstory highlights an article only when it is about {subject ? <>the subject of its reference, {subject}</> : 'the subject of its reference'}.
          On other pages it paints nothing, and the popup says why. Your notes show on every page either way.
        </p>
        <label>
          <input type="checkbox" data-control="every-page" aria-describedby="bs-every-page-hint" checked={settings.everyPage} onChange={(e) => save(withEveryPage(settings, e.currentTarget.checked))} />{' '}
          Also on pages about other subjects
        </label>
      </section>
      {error ? <p class="bs-error" role="alert">{error}</p> : null}
    </div>
  );
}
