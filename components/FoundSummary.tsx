// The popup's one line on what Backstory found on the tab ("12 highlights: Assad ×4 · Aleppo ×3 …", in the page's
// own words), which opens on a list of every item (choosing one scrolls the page to it and opens its card) and the
// controls for this site: Backstory on or off here, the reader's notes highlighted here or not, on pages about other
// subjects than the reference's, and which kinds of highlight are shown. A reference that could not be loaded is said so (it is tried again), never
// read as nothing found: the bundled set, or which of the reader's own sets, whose highlights are then missing (said
// under the highlights found with the rest). On an article about something else, the line says what the reference
// covers and that nothing here is on it.
import { useEffect, useState } from 'preact/hooks';
import { MATCH_CATEGORIES, type MatchCategory } from '@/lib/match/types';
import { CATEGORY_STYLES } from '@/lib/highlight/styles';
import type { FoundItem, PageSummary, ReferenceShortfall } from '@/lib/page/messages';
import { isSiteEnabled, loadSettings, saveSettings, watchSettings, withCategory, withEveryPage, withNoteHighlights, withSite, noteHighlightsShown, type Settings } from '@/lib/page/settings';
import { pageClient, usePageSummary } from './hooks/usePageSummary';
import { CategorySample } from './CategorySample';
import { errorText } from './use-task';

export interface FoundSummaryProps {
  tabId: number;
  /** Opens the notes library at its settings. */
  openSettings(): void;
}

/** How the line names an item: the page's most frequent spelling, and how often. */
const itemText = (item: FoundItem) => `${item.words[0] ?? item.label}${item.count > 1 ? ` ×${item.count}` : ''}`;

/** Read, and nothing painted because the article is about something else than the reference's subject. */
const offSubject = (summary: PageSummary | null) => summary?.status === 'settled' && !summary.referenceUnavailable && summary.total === 0 && summary.onSubject === false;

/** “Water”, “Water” and “Fire”, “Water”, “Fire” and “Wells”. */
const quotedList = (names: readonly string[]) => {
  const quoted = names.map((n) => `“${n}”`);
  return quoted.length > 1 ? `${quoted.slice(0, -1).join(', ')} and ${quoted.at(-1)}` : quoted[0] ?? '';
};

/** What the page's reference lacks because a load failed, in the reader's words; null when it lacks nothing. */
function shortfallText(summary: PageSummary | null): string | null {
  const short: ReferenceShortfall | undefined = summary?.referenceUnavailable;
  if (!short || summary!.status === 'off') return null;
  // Without the bundled set nothing is matched, the reader's sets included.
  if (short.bundled || !short.sets.length) return 'Backstory’s reference could not be loaded; it will be tried again.';
  const one = short.sets.length === 1;
  return `Your reference set${one ? '' : 's'} ${quotedList(short.sets)} could not be loaded: highlights from ${one ? 'it' : 'them'} are missing here. ${one ? 'It' : 'They'} will be tried again.`;
}

/** The line, before the list opens; null when there is something to list. */
function statusText(summary: PageSummary | null): string | null {
  if (!summary) return 'Reading the page…';
  // Nothing found with a reference that did not load in full is no verdict on the page.
  const short = shortfallText(summary);
  if (short && summary.total === 0) return short;
  switch (summary.status) {
    case 'off':
      return `Backstory is off on ${summary.site}.`;
    case 'starting':
      return 'Reading the page…';
    case 'running':
      return summary.total === 0 ? 'Reading the page…' : null;
    case 'settled':
      if (summary.total > 0) return null;
      // What matters first (nothing is highlighted, and why) leads, so the closed line still says it when clipped.
      return offSubject(summary)
        ? summary.subject
          ? `Nothing highlighted: this page is not about ${summary.subject}, which Backstory’s reference covers.`
          : 'Nothing highlighted: this page is not about what Backstory’s reference covers.'
        : 'Nothing from the reference in this article.';
  }
}

export function FoundSummary({ tabId, openSettings }: FoundSummaryProps) {
  const { summary } = usePageSummary(tabId);
  const [settings, setSettings] = useState<Settings | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    void loadSettings(browser.storage.local).then(setSettings);
    return watchSettings(browser.storage.onChanged, setSettings);
  }, []);

  const save = (next: Settings) => {
    setSettings(next);
    saveSettings(browser.storage.local, next).catch((e: unknown) => setError(`Could not save the setting: ${errorText(e)}`));
  };
  const reveal = (referenceId: string) => void pageClient(tabId)('page/reveal', { referenceId }).catch(() => undefined);
  const line = statusText(summary);
  // With highlights to show, what is missing from them is said under the line, where it is never clipped.
  const missing = line === null ? shortfallText(summary) : null;
  const site = summary?.site;
  const items = summary && summary.status !== 'off' ? summary.items : [];
  return (
    <>
      <details class="bs-found" data-section="found">
        <summary>
          {line !== null ? (
            <span role="status" data-off-subject={offSubject(summary) ? true : undefined} data-shortfall={line === shortfallText(summary) ? true : undefined}>{line}</span>
          ) : (
            <>
              <span role="status" data-total={summary!.total}>{summary!.total} highlight{summary!.total === 1 ? '' : 's'}</span>
              <span class="bs-found-preview">: {items.slice(0, 6).map(itemText).join(' · ')}{items.length > 6 ? ' …' : ''}</span>
            </>
          )}
        </summary>
        <div class="bs-found-body">
          {items.length > 0 ? (
            <ul class="bs-found-items" aria-label="Found on this page">
              {items.map((item) => (
                <li key={`${item.category} ${item.referenceId}`}>
                  <button
                    type="button"
                    class="bs-link"
                    data-reference-id={item.referenceId}
                    aria-label={`${item.words[0] ?? item.label}: show it on the page`}
                    onClick={() => reveal(item.referenceId)}
                  >
                    <CategorySample category={item.category}>{item.words[0] ?? item.label}</CategorySample>
                  </button>
                  <span class="bs-muted">
                    {item.count > 1 ? ` ×${item.count}` : ''}
                    {' · '}
                    {item.words.length > 1 || item.words[0] !== item.label ? `${item.label}, ` : ''}
                    {CATEGORY_STYLES[item.category].label.toLowerCase()}
                  </span>
                </li>
              ))}
            </ul>
          ) : null}
          {settings ? (
            <div class="bs-site-controls">
              {site ? (
                <label>
                  <input type="checkbox" data-control="site" checked={isSiteEnabled(settings, site)} onChange={(e) => save(withSite(settings, site, e.currentTarget.checked))} />{' '}
                  Backstory on this site <span class="bs-muted">({site})</span>
                </label>
              ) : null}
              {site && isSiteEnabled(settings, site) ? (
                <label>
                  <input
                    type="checkbox"
                    data-control="note-highlights"
                    aria-describedby="note-highlights-hint"
                    checked={noteHighlightsShown(settings, site)}
                    onChange={(e) => save(withNoteHighlights(settings, site, e.currentTarget.checked))}
                  />{' '}
                  Highlight my notes on this site
                  <span id="note-highlights-hint" class="bs-muted" style={{ display: 'block' }}>
                    The site's own scripts can see which passages are highlighted, never what your notes say.
                  </span>
                </label>
              ) : null}
              <label>
                <input type="checkbox" data-control="every-page" checked={settings.everyPage} onChange={(e) => save(withEveryPage(settings, e.currentTarget.checked))} />{' '}
                Also on pages about other subjects
              </label>
              <fieldset class="bs-categories">
                <legend>Show</legend>
                {MATCH_CATEGORIES.map((c: MatchCategory) => (
                  <label key={c}>
                    <input type="checkbox" data-control="category" data-category={c} checked={settings.categories[c]} onChange={(e) => save(withCategory(settings, c, e.currentTarget.checked))} />{' '}
                    <CategorySample category={c}>{CATEGORY_STYLES[c].label}</CategorySample>
                  </label>
                ))}
              </fieldset>
              <button type="button" class="bs-link" onClick={openSettings}>More settings</button>
            </div>
          ) : null}
          {error ? <p class="bs-error" role="alert">{error}</p> : null}
        </div>
      </details>
      {missing ? <p class="bs-found-missing" role="status" data-testid="reference-missing">{missing}</p> : null}
    </>
  );
}
