import { expect, test } from 'vitest';
import { defaultSettings, isSetEnabled, isSiteEnabled, loadSettings, normalizeSettings, noteHighlightsShown, saveSettings, SETTINGS_KEY, siteKey, watchSettings, withCategory, withNoteHighlights, withSet, withSite, type SettingsArea } from '@/lib/page/settings';

test('site keys: host name, lower case, no www., from a URL or a host', () => {
  expect(siteKey('https://WWW.BBC.co.uk/news/world?x=1#y')).toBe('bbc.co.uk');
  expect(siteKey('www.example.org')).toBe('example.org');
  expect(siteKey('example.org.')).toBe('example.org');
  expect(siteKey('http://127.0.0.1:8080/a')).toBe('127.0.0.1');
});

test('turning a site off and on again, and categories', () => {
  let s = defaultSettings();
  expect(isSiteEnabled(s, 'news.example')).toBe(true);
  s = withSite(s, 'https://www.news.example/a', false);
  expect(isSiteEnabled(s, 'news.example')).toBe(false);
  expect(isSiteEnabled(s, 'other.example')).toBe(true);
  s = withSite(withSite(s, 'news.example', false), 'news.example', true);
  expect(s.disabledSites).toEqual([]);
  s = withCategory(s, 'place', false);
  expect(s.categories).toEqual({ person: true, place: false, organization: true, figure: true, 'figure-differs': true });
});

test('notes are highlighted on a site unless the reader said not to there, and never where Backstory is off', () => {
  let s = defaultSettings();
  expect(noteHighlightsShown(s, 'news.example')).toBe(true);
  s = withNoteHighlights(s, 'https://www.news.example/a', false);
  expect(noteHighlightsShown(s, 'news.example')).toBe(false);
  expect(noteHighlightsShown(s, 'other.example')).toBe(true);
  expect(isSiteEnabled(s, 'news.example')).toBe(true); // the reference highlights stay
  s = withNoteHighlights(s, 'news.example', true);
  expect(s.noteHighlightsOff).toEqual([]);
  expect(noteHighlightsShown(withSite(s, 'news.example', false), 'news.example')).toBe(false);
});

test('stored values are read defensively: junk, old shapes and unknown keys never break highlighting', () => {
  expect(normalizeSettings(undefined)).toEqual(defaultSettings());
  expect(normalizeSettings('nonsense')).toEqual(defaultSettings());
  expect(normalizeSettings({ disabledSites: ['WWW.A.com', 3, 'a.com'], categories: { place: false, person: 'no', bogus: false } })).toEqual({
    disabledSites: ['a.com'],
    categories: { person: true, place: false, organization: true, figure: true, 'figure-differs': true },
    disabledSets: [],
    everyPage: false,
    noteHighlightsOff: [],
  });
  expect(normalizeSettings({ everyPage: true }).everyPage).toBe(true);
  expect(normalizeSettings({ everyPage: 'yes' }).everyPage).toBe(false);
  expect(normalizeSettings({ noteHighlightsOff: ['www.B.org', null] }).noteHighlightsOff).toEqual(['b.org']);
  expect(normalizeSettings({ disabledSets: ['set-a', '', 7, 'set-a', 'bundled'] }).disabledSets).toEqual(['set-a', 'bundled']);
});

test('reference sets are on until the reader turns one off', () => {
  let s = defaultSettings();
  expect(isSetEnabled(s, 'bundled')).toBe(true);
  s = withSet(s, 'set-abc', false);
  expect([isSetEnabled(s, 'set-abc'), isSetEnabled(s, 'bundled')]).toEqual([false, true]);
  s = withSet(withSet(s, 'set-abc', false), 'set-abc', true);
  expect(s.disabledSets).toEqual([]);
});

test('load, save and watch through a storage area and its change event', async () => {
  const store: Record<string, unknown> = {};
  const area: SettingsArea = { get: async (k) => ({ [k]: store[k] }), set: async (items) => void Object.assign(store, items) };
  expect(await loadSettings(area)).toEqual(defaultSettings());
  await saveSettings(area, withCategory(defaultSettings(), 'figure', false));
  expect((await loadSettings(area)).categories.figure).toBe(false);
  expect(await loadSettings({ get: () => Promise.reject(new Error('gone')), set: async () => {} })).toEqual(defaultSettings());

  type L = (changes: Record<string, { newValue?: unknown }>, area: string) => void;
  const listeners = new Set<L>();
  const event = { addListener: (l: L) => listeners.add(l), removeListener: (l: L) => listeners.delete(l) };
  const seen: boolean[] = [];
  const stop = watchSettings(event, (s) => seen.push(s.categories.place));
  const fire = (changes: Record<string, { newValue?: unknown }>, name = 'local') => listeners.forEach((l) => l(changes, name));
  fire({ [SETTINGS_KEY]: { newValue: { categories: { place: false } } } });
  fire({ other: { newValue: 1 } });
  fire({ [SETTINGS_KEY]: { newValue: {} } }, 'sync');
  expect(seen).toEqual([false]);
  stop();
  expect(listeners.size).toBe(0);
});
