// What Backstory found on a tab, for the popup: asked once when the popup opens, then pushed by the tab's
// content script whenever it changes (the `page/report` that also sets the badge). Reports arrive in the order
// they were sent, so once one has arrived the first answer, which may be older, is not taken.
import { useEffect, useState } from 'preact/hooks';
import { createClient, isEnvelope, type Envelope } from '@/lib/messages';
import type { PageSummary } from '@/lib/page/messages';

/** Typed requests to the content script of a tab's top frame. */
export function pageClient(tabId: number) {
  return createClient((message: Envelope) => browser.tabs.sendMessage(tabId, message, { frameId: 0 }));
}

export interface PageSummaryState {
  summary: PageSummary | null;
  /** Set when the tab has no content script to answer (browser pages, the extension store). */
  error: string | null;
}

const NOT_ON_THIS_PAGE = 'Backstory does not run on this page (browser pages and the extension store are off limits).';

export function usePageSummary(tabId: number | undefined): PageSummaryState {
  const [state, setState] = useState<PageSummaryState>({ summary: null, error: null });
  useEffect(() => {
    if (tabId === undefined) return;
    let alive = true;
    let reported = false;
    // Returns nothing: the report is the background's to answer.
    const onMessage = (message: unknown, sender: unknown) => {
      if (!isEnvelope(message) || message.type !== 'page/report') return;
      const from = sender as { tab?: { id?: number }; frameId?: number } | undefined;
      if (from?.tab?.id !== tabId || (from.frameId ?? 0) !== 0) return;
      reported = true;
      if (alive) setState({ summary: message.payload as PageSummary, error: null });
    };
    browser.runtime.onMessage.addListener(onMessage);
    pageClient(tabId)('page/summary', {}).then(
      (summary) => alive && !reported && setState({ summary, error: null }),
      () => alive && !reported && setState({ summary: null, error: NOT_ON_THIS_PAGE }),
    );
    return () => {
      alive = false;
      browser.runtime.onMessage.removeListener(onMessage);
    };
  }, [tabId]);
  return state;
}
