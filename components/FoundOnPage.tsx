// Popup section: what Backstory found on the tab, per category, with each reference item; choosing one
// scrolls the page to it and opens its card.
import { MATCH_CATEGORIES } from '@/lib/match/types';
import { CATEGORY_STYLES } from '@/lib/highlight/styles';
import type { PageSummary } from '@/lib/page/messages';
import { pageClient, usePageSummary } from './hooks/usePageSummary';

/** Read, and nothing painted because the article is about something else than the reference's subject. */
const offSubject = (summary: PageSummary) => summary.status === 'settled' && summary.total === 0 && summary.onSubject === false;

/** The one-line status for a summary; null when the page has highlights to list. */
function statusLine(summary: PageSummary): string | null {
  switch (summary.status) {
    case 'off':
      return `Backstory is off for ${summary.site}.`;
    case 'starting':
      return 'Reading the page…';
    case 'running':
      return summary.total === 0 ? 'Reading the page…' : null;
    case 'settled':
      if (summary.total > 0) return null;
      return offSubject(summary)
        ? `Backstory’s reference covers ${summary.subject ?? 'one subject'}. This page is not about that, so nothing on it is highlighted.`
        : 'Nothing from the reference found in this article.';
  }
}

export function FoundOnPage({ tabId }: { tabId: number | undefined }) {
  const { summary, error } = usePageSummary(tabId);
  if (tabId === undefined) return null;
  const line = error ?? (summary ? statusLine(summary) : 'Reading the page…');
  const reveal = (referenceId: string) => void pageClient(tabId)('page/reveal', { referenceId }).catch(() => {});
  return (
    <section aria-labelledby="found-h" data-section="found" data-status={summary?.status}>
      <h2 id="found-h">On this page</h2>
      {line !== null || !summary ? (
        <p role="status" data-off-subject={summary && !error && offSubject(summary) ? true : undefined}>
          {line}
        </p>
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
