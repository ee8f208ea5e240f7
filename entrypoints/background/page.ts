// The page part of the background: the toolbar badge (number of highlights, per tab) and the
// "next highlight" keyboard command, forwarded to the active tab's content script.
import type { Handlers } from '@/lib/messages';

type SenderWithTab = { tab?: { id?: number } };

/** `action` in MV3 (Chrome), `browserAction` in Firefox's MV2 build. */
function actionApi() {
  const b = browser as unknown as { action?: typeof browser.action; browserAction?: typeof browser.action };
  return b.action ?? b.browserAction;
}

/** Badge text for a count: empty for none (no badge), compact above 999 so it fits. */
export function badgeText(total: number): string {
  if (!Number.isFinite(total) || total <= 0) return '';
  return total > 999 ? `${Math.floor(total / 1000)}k+` : String(Math.floor(total));
}

// Per-tab badge text is reset by the browser when the tab navigates (Chrome and Firefox), so a page Backstory
// does not run on never shows the previous page's count; the content script reports anew on every page.
export function pageHandlers(): Handlers {
  return {
    'page/report': async ({ total }, sender) => {
      const tabId = (sender as SenderWithTab).tab?.id;
      const action = actionApi();
      if (tabId === undefined || !action) return null;
      await action.setBadgeText({ tabId, text: badgeText(total) });
      return null;
    },
  };
}

export function startPageBackground(): void {
  // Blue with white text (5.8:1): apart from the icon's plum, and visible on light and dark toolbars alike.
  void actionApi()?.setBadgeBackgroundColor({ color: '#1a5fd1' });
  void actionApi()?.setBadgeTextColor?.({ color: '#ffffff' });
  browser.commands?.onCommand.addListener(async (command: string) => {
    if (command !== 'next-highlight') return;
    const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
    if (tab?.id === undefined) return;
    await browser.tabs.sendMessage(tab.id, { backstory: 1, type: 'page/step', payload: { direction: 1 } }).catch(() => {
      // No content script on this tab (browser pages, the store): nothing to move through.
    });
  });
}
