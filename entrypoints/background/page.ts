// The page part of the background: the toolbar badge (number of highlights, per tab), our highlight styles put
// into a tab's page, and the next / previous highlight keyboard commands, forwarded to the active tab's content
// script.
import type { Handlers } from '@/lib/messages';
import { reportToBadge } from '@/lib/page/badge';
import { highlightCss } from '@/lib/highlight/styles';
import { isPartName, PART_SCRIPTS } from '@/lib/page/parts';
import { senderTab } from './sender';

/** `action` in MV3 (Chrome), `browserAction` in Firefox's MV2 build. */
function actionApi() {
  const b = browser as unknown as { action?: typeof browser.action; browserAction?: typeof browser.action };
  return b.action ?? b.browserAction;
}

const STEPS: Record<string, 1 | -1> = { 'next-highlight': 1, 'previous-highlight': -1 };

export function pageHandlers(): Handlers {
  const action = actionApi();
  return {
    'page/report': reportToBadge(action && ((details) => action.setBadgeText(details))),
    // The sheet goes where the asking content script runs (a tab's top frame) and nowhere else.
    'page/highlight-styles': async ({ on }, sender) => {
      const tab = senderTab(sender);
      if (!tab) throw new Error('Only a page\'s own content script styles its highlights.');
      const details = { target: { tabId: tab.id, frameIds: [0] }, css: highlightCss(), origin: 'AUTHOR' as const };
      if (on) await browser.scripting.insertCSS(details);
      else await browser.scripting.removeCSS(details);
      return null;
    },
    'page/load-part': ({ part }, sender) => injectPart(part, sender),
  };
}

/**
 * Runs a part's script (lib/page/parts.ts) where the asking content script runs (a tab's top frame), in its world:
 * scripting.executeScript in MV3 (Chrome), tabs.executeScript in Firefox's MV2 build. Only our own files. Where the
 * sender names its document (Chrome), the script goes into that document only: a tab that navigated meanwhile gets
 * nothing (the request fails and the asker's retry takes over), never another page's part.
 */
export async function injectPart(part: unknown, sender: unknown): Promise<null> {
  if (!isPartName(part)) throw new Error('No such part of Backstory.');
  const tab = senderTab(sender);
  if (!tab) throw new Error('Only a page\'s own content script can load a part of Backstory.');
  const file = PART_SCRIPTS[part];
  const b = browser as unknown as {
    scripting?: { executeScript(details: { target: { tabId: number; frameIds?: number[]; documentIds?: string[] }; files: string[] }): Promise<unknown> };
    tabs: { executeScript?(tabId: number, details: { file: string; frameId: number }): Promise<unknown> };
  };
  const documentId = (sender as { documentId?: unknown }).documentId;
  const target = typeof documentId === 'string' ? { tabId: tab.id, documentIds: [documentId] } : { tabId: tab.id, frameIds: [0] };
  if (b.scripting) await b.scripting.executeScript({ target, files: [file] });
  else if (b.tabs.executeScript) await b.tabs.executeScript(tab.id, { file, frameId: 0 });
  else throw new Error(`This browser cannot load Backstory's ${part} part.`);
  return null;
}

export function startPageBackground(): void {
  // Blue with white text (5.8:1): apart from the icon's plum, and visible on light and dark toolbars alike.
  void actionApi()?.setBadgeBackgroundColor({ color: '#1a5fd1' });
  void actionApi()?.setBadgeTextColor?.({ color: '#ffffff' });
  // A page starting to load wakes the background (a listener registered at its start is what Chrome starts a stopped
  // service worker for), so it is up when the page's content script, at document idle, asks it for the bundled
  // reference: Chrome stops an idle worker after 30 s, and its start-up would otherwise come before the first highlight.
  // Nothing more is done here: the content script asks for what it needs (lib/page/parts.ts).
  browser.tabs.onUpdated.addListener(() => undefined);
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
