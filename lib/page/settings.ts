// The reader's controls: Backstory on/off per site, on pages about other subjects, per highlight category, and
// whether the reader's notes are highlighted on a site's pages. Kept in extension storage (storage.local) under
// one key, so the popup writes it and every open tab's content script hears the change through storage.onChanged
// at once. Pure: callers pass the storage area and the change event.
import { MATCH_CATEGORIES, type MatchCategory } from '../match/types';

export const SETTINGS_KEY = 'backstory:settings';

export interface Settings {
  /** Sites (see siteKey) where the reader turned Backstory off. */
  disabledSites: string[];
  /** Categories shown; a category missing here is shown (new categories appear on by default). */
  categories: Record<MatchCategory, boolean>;
  /** Reference sets the reader turned off (lib/sets: the bundled set's id, or a reader's set's); new sets are on. */
  disabledSets: string[];
  /** Highlight on every article, even one not about the reference's subject (off by default). */
  everyPage: boolean;
  /**
   * Sites where the reader's notes are not highlighted on the page (they stay in the popup). A highlight is
   * visible to the page's scripts (which passages carry a note, never the note's text): the reader decides per site.
   */
  noteHighlightsOff: string[];
}

export function defaultSettings(): Settings {
  return { disabledSites: [], categories: Object.fromEntries(MATCH_CATEGORIES.map((c) => [c, true])) as Record<MatchCategory, boolean>, disabledSets: [], everyPage: false, noteHighlightsOff: [] };
}

/** Reads whatever is stored (older versions, hand edits, nothing) into valid settings; never throws. */
export function normalizeSettings(value: unknown): Settings {
  const settings = defaultSettings();
  if (typeof value !== 'object' || value === null) return settings;
  const v = value as { disabledSites?: unknown; categories?: unknown; disabledSets?: unknown; everyPage?: unknown; noteHighlightsOff?: unknown };
  const sites = (list: unknown[]) => [...new Set(list.filter((s): s is string => typeof s === 'string').map(siteKey).filter(Boolean))];
  if (Array.isArray(v.disabledSites)) settings.disabledSites = sites(v.disabledSites);
  if (Array.isArray(v.noteHighlightsOff)) settings.noteHighlightsOff = sites(v.noteHighlightsOff);
  if (Array.isArray(v.disabledSets)) settings.disabledSets = [...new Set(v.disabledSets.filter((s): s is string => typeof s === 'string' && s.length > 0))];
  if (typeof v.categories === 'object' && v.categories !== null) {
    for (const c of MATCH_CATEGORIES) {
      const on = (v.categories as Record<string, unknown>)[c];
      if (typeof on === 'boolean') settings.categories[c] = on;
    }
  }
  if (typeof v.everyPage === 'boolean') settings.everyPage = v.everyPage;
  return settings;
}

/** The site a setting applies to: one rule for every part of Backstory (lib/url.ts). */
export { siteOf as siteKey } from '../url';
import { siteOf as siteKey } from '../url';

export function isSiteEnabled(settings: Settings, site: string): boolean {
  return !settings.disabledSites.includes(siteKey(site));
}

export function withSite(settings: Settings, site: string, enabled: boolean): Settings {
  const key = siteKey(site);
  const others = settings.disabledSites.filter((s) => s !== key);
  return { ...settings, disabledSites: enabled ? others : [...others, key] };
}

export function isSetEnabled(settings: Settings, setId: string): boolean {
  return !settings.disabledSets.includes(setId);
}

export function withSet(settings: Settings, setId: string, enabled: boolean): Settings {
  const others = settings.disabledSets.filter((s) => s !== setId);
  return { ...settings, disabledSets: enabled ? others : [...others, setId] };
}

export function withEveryPage(settings: Settings, everyPage: boolean): Settings {
  return { ...settings, everyPage };
}

/** Whether the reader's notes are highlighted on `site`'s pages: not where Backstory is off, nor where the reader said so. */
export function noteHighlightsShown(settings: Settings, site: string): boolean {
  return isSiteEnabled(settings, site) && !settings.noteHighlightsOff.includes(siteKey(site));
}

export function withNoteHighlights(settings: Settings, site: string, shown: boolean): Settings {
  const key = siteKey(site);
  const others = settings.noteHighlightsOff.filter((s) => s !== key);
  return { ...settings, noteHighlightsOff: shown ? others : [...others, key] };
}

export function withCategory(settings: Settings, category: MatchCategory, shown: boolean): Settings {
  return { ...settings, categories: { ...settings.categories, [category]: shown } };
}

/** The part of browser.storage.local we use. */
export interface SettingsArea {
  get(key: string): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
}

export async function loadSettings(area: SettingsArea): Promise<Settings> {
  try {
    return normalizeSettings((await area.get(SETTINGS_KEY))[SETTINGS_KEY]);
  } catch {
    // Storage unavailable (extension reloading): highlight with defaults rather than not at all.
    return defaultSettings();
  }
}

export async function saveSettings(area: SettingsArea, settings: Settings): Promise<void> {
  await area.set({ [SETTINGS_KEY]: settings });
}

type ChangeListener = (changes: Record<string, { newValue?: unknown }>, areaName: string) => void;
export interface SettingsChangeEvent {
  addListener(cb: ChangeListener): void;
  removeListener(cb: ChangeListener): void;
}

/** Calls `onChange` with the new settings whenever another context saves them; returns the unsubscribe. */
export function watchSettings(event: SettingsChangeEvent, onChange: (settings: Settings) => void): () => void {
  const listener: ChangeListener = (changes, areaName) => {
    if (areaName !== 'local' || !(SETTINGS_KEY in changes)) return;
    onChange(normalizeSettings(changes[SETTINGS_KEY]?.newValue));
  };
  event.addListener(listener);
  return () => event.removeListener(listener);
}
