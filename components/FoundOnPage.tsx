// Popup section: what Backstory found on the tab, per category, with each reference item; choosing one
// scrolls the page to it and opens its card.
import { useEffect, useState } from 'preact/hooks';
import { createClient } from '@/lib/messages';
import type { PageSummary } from '@/lib/page/messages';
import { MATCH_CATEGORIES } from '@/lib/match/types';
import { CATEGORY_STYLES } from '@/lib/highlight/styles';

export function pageClient(tabId: number) {
  return createClient((m) => browser.tabs.sendMessage(tabId, m));
}

/** The tab's summary, kept fresh while the popup is open (living pages, settings changes). */
export function usePageSummary(tabId: number | undefined): { summary: PageSummary | null; error: string | null } {
  const [summary, setSummary] = useState<PageSummary | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (tabId === undefined) return;
    let alive = true;
    const send = pageClient(tabId);
    const refresh = () =>
      send('page/summary', {})
        .then((s) => alive && (setSummary(s), setError(null)))
        .catch(() => alive && setError('Backstory does not run on this page (browser pages and the extension store are off limits).'));
    void refresh();
    const timer = setInterval(refresh, 1000);
    const onChanged = () => setTimeout(refresh, 150);
    browser.storage.onChanged.addListener(onChanged);
    return () => {
      alive = false;
      clearInterval(timer);
      browser.storage.onChanged.removeListener(onChanged);
    };
  }, [tabId]);
  return { summary, error };
}

export function FoundOnPage({ tabId }: { tabId: number | undefined }) {
  const { summary, error } = usePageSummary(tabId);
  if (tabId === undefined) return null;
  if (error) return <section aria-labelledby="found-h"><h2 id="found-h">On this page</h2><p role="status">{error}</p></section>;
  if (!summary) return <section aria-labelledby="found-h"><h2 id="found-h">On this page</h2><p role="status">Reading the page…</p></section>;
  const reveal = (referenceId: string) => void pageClient(tabId)("page/reveal", { referenceId }).catch(() => {});
  return (
    <section aria-labelledby="found-h" data-section="found">
      <h2 id="found-h">On this page</h2>
      {!summary.active ? (
        <p role="status">Backstory is off for {summary.site}.</p>
      ) : summary.total === 0 ? (
        <p role="status">Nothing from the reference found in this article.</p>
      ) : (
        <>
          <p role="status" data-total={summary.total}>
            {summary.total} highlight{summary.total === 1 ? '' : 's'}
          </p>
          <ul class="counts">
            {MATCH_CATEGORIES.filter((c) => summary.byCategory[c] > 0).map((c) => (
              <li key={c} data-category={c}>
                {CATEGORY_STYLES[c].label}: <span data-count>{summary.byCategory[c]}</span>
              </li>
            ))}
          </ul>
          <ul class="found-items">
            {summary.items.map((item) => (
              <li key={`${item.category} ${item.referenceId}`}>
                <button type="button" data-reference-id={item.referenceId} title="Show it on the page" onClick={() => reveal(item.referenceId)}>
                  {item.label}
                </button>{' '}
                <small>
                  {CATEGORY_STYLES[item.category].label}
                  {item.count > 1 ? ` ×${item.count}` : ''}
                </small>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
