// "Add note to selection" (context menu) and the add-note command: remember what the reader selected for
// the tab, then open the composer. Pure over injected browser calls, so the order and the fallbacks are
// tested without a browser.
import { normalizeUrl } from '../url';
import type { PageContext, PendingSelection } from './messages';
import { referenceLinkSchema } from './schema';

/** A selection older than this is not what the reader is adding a note to any more. */
export const PENDING_TTL_MS = 5 * 60_000;

export interface LaunchDeps {
  /** The tab's content script's view of the page; rejects where there is none (browser pages, PDFs). */
  pageContext(tabId: number): Promise<PageContext>;
  /** The toolbar popup (action.openPopup); rejects where unsupported or without a focused window. */
  openPopup(windowId: number | undefined): Promise<void>;
  /** Fallback: the popup page in its own small window, aimed at the tab. */
  openPopupWindow(tabId: number): Promise<void>;
  storePending(p: PendingSelection): Promise<void>;
  loadPending(tabId: number): Promise<PendingSelection | null>;
  clearPending(tabId: number): Promise<void>;
  now(): number;
}

export interface LaunchTab {
  id?: number;
  url?: string;
  windowId?: number;
}

export function createComposerLauncher(deps: LaunchDeps) {
  const writes = new Map<number, Promise<void>>();

  async function capture(tab: LaunchTab & { id: number }, selectionText: string | undefined): Promise<void> {
    let pending: PendingSelection | null = null;
    try {
      const context = await deps.pageContext(tab.id);
      if (context.selection) {
        // The link crosses a message boundary from the page's side: kept only when well-formed (the save
        // validates it again), so a malformed one never costs the reader the selection.
        const reference = referenceLinkSchema.safeParse(context.reference);
        pending = {
          tabId: tab.id, url: context.url, target: context.selection, at: deps.now(),
          ...(reference.success ? { reference: reference.data } : {}),
        };
      }
    } catch {
      // No content script there: fall back to the menu's plain selection text below.
    }
    const text = selectionText?.trim();
    if (!pending && text && tab.url) {
      pending = {
        tabId: tab.id, url: normalizeUrl(tab.url), at: deps.now(),
        target: { quote: { type: 'TextQuoteSelector', exact: text, prefix: '', suffix: '' } },
      };
    }
    if (pending) await deps.storePending(pending);
  }

  return {
    /**
     * Opens the composer for `tab`. The popup is opened first, while the click or key press still counts
     * as a user gesture (openPopup needs one in older Chrome); the selection is captured meanwhile, and
     * `take` waits for that capture.
     */
    async launch(tab: LaunchTab | undefined, selectionText?: string): Promise<void> {
      const tabId = tab?.id;
      if (tab === undefined || tabId === undefined || tabId < 0) return;
      const write = capture({ ...tab, id: tabId }, selectionText).catch(() => undefined);
      writes.set(tabId, write);
      void write.finally(() => { if (writes.get(tabId) === write) writes.delete(tabId); });
      try {
        await deps.openPopup(tab.windowId);
      } catch {
        await deps.openPopupWindow(tabId);
      }
    },

    /** The popup's `notes/take-pending`: the tab's selection once, if fresh. */
    async take(tabId: number): Promise<PendingSelection | null> {
      await writes.get(tabId);
      const p = await deps.loadPending(tabId);
      await deps.clearPending(tabId);
      return p && deps.now() - p.at < PENDING_TTL_MS ? p : null;
    },
  };
}
