// The page part of the background: the toolbar badge (number of highlights, per tab) and the
// next / previous highlight keyboard commands, forwarded to the active tab's content script.
import type { Handlers } from '@/lib/messages';
import { reportToBadge } from '@/lib/page/badge';

/** `action` in MV3 (Chrome), `browserAction` in Firefox's MV2 build. */
function actionApi() {
  const b = browser as unknown as { action?: typeof browser.action; browserAction?: typeof browser.action };
  return b.action ?? b.browserAction;
}

const STEPS: Record<string, 1 | -1> = { 'next-highlight': 1, 'previous-highlight': -1 };

export function pageHandlers(): Handlers {
  const action = actionApi();
  return { 'page/report': reportToBadge(action && ((details) => action.setBadgeText(details))) };
}

export function startPageBackground(): void {
  // Blue with white text (5.8:1): apart from the icon's plum, and visible on light and dark toolbars alike.
  void actionApi()?.setBadgeBackgroundColor({ color: '#1a5fd1' });
  void actionApi()?.setBadgeTextColor?.({ color: '#ffffff' });
  browser.commands?.onCommand.addListener(async (command: string) => {
    const direction = STEPS[command];
    if (direction === undefined) return;
    const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
    if (tab?.id === undefined) return;
    await browser.tabs.sendMessage(tab.id, { backstory: 1, type: 'page/step', payload: { direction } }).catch(() => {
      // No content script on this tab (browser pages, the store): nothing to move through.
    });
  });
}
