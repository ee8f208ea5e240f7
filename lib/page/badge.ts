// The toolbar badge: the number of highlights on each tab, set from the page's reports.

/** Badge text for a count: empty for none (no badge), compact above 999 so it fits. */
export function badgeText(total: number): string {
  if (!Number.isFinite(total) || total <= 0) return '';
  return total > 999 ? `${Math.floor(total / 1000)}k+` : String(Math.floor(total));
}

export type SetBadgeText = (details: { tabId: number; text: string }) => Promise<void>;

/**
 * Answers a page's report by setting the badge of the tab it came from. Reports without a tab (an extension
 * page) and browsers without a badge are ignored. The browser clears a tab's badge when it navigates, so a page
 * Backstory does not run on never shows the previous page's count.
 */
export function reportToBadge(setBadgeText: SetBadgeText | undefined) {
  return async ({ total }: { total: number }, sender: unknown): Promise<null> => {
    const tabId = (sender as { tab?: { id?: number } } | undefined)?.tab?.id;
    if (tabId === undefined || !setBadgeText) return null;
    await setBadgeText({ tabId, text: badgeText(total) });
    return null;
  };
}
