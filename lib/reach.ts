// Whether Backstory can run on a tab, and getting it there. Backstory reads web pages (http and https); browsers
// keep extensions out of their own pages and their extension stores. A tab that was open before Backstory was
// installed or updated has no content script yet: it gets one, rather than being called off limits. Pure: the
// popup and the background pass the tabs and scripting APIs.

/** Why a tab is not one Backstory can run on, in the reader's words; null for a web page it may run on. */
export function unreachableReason(url: string | undefined): string | null {
  let parsed: URL | null = null;
  try {
    parsed = url ? new URL(url) : null;
  } catch {
    parsed = null;
  }
  if (!parsed || url === 'about:blank' || url === 'about:newtab' || url === 'chrome://newtab/' || url === 'about:home') {
    return 'This tab has no page open. Open a news article to see its highlights and write notes on it.';
  }
  const { protocol, hostname, pathname } = parsed;
  if (protocol === 'file:') return 'Backstory works on web pages, not on files from this computer.';
  if (protocol !== 'http:' && protocol !== 'https:') {
    return 'This is one of the browser\u2019s own pages, which browsers keep extensions out of. Open a news article to see its highlights and write notes on it.';
  }
  if (isExtensionStore(hostname, pathname)) {
    return 'Browsers do not let extensions run on their extension stores, so Backstory cannot read this page.';
  }
  return null;
}

/** The add-on stores browsers protect from every extension (Chrome, Edge, Firefox). */
function isExtensionStore(host: string, path: string): boolean {
  const h = host.toLowerCase();
  return h === 'chromewebstore.google.com' || (h === 'chrome.google.com' && path.startsWith('/webstore')) ||
    (h === 'microsoftedge.microsoft.com' && path.startsWith('/addons')) || h === 'addons.mozilla.org';
}

/** What the popup knows of its tab once it has tried to reach it. */
export type TabReach<Context> =
  | { state: 'ready'; url: string; title: string; context: Context }
  | { state: 'unreachable'; url: string | undefined; title: string; reason: string };

export interface TabInfo {
  url?: string;
  title?: string;
  /** 'loading' until the tab's document has loaded ('complete'). */
  status?: string;
}

export interface ReachDeps<Context> {
  tab(): Promise<TabInfo | null>;
  /** The content script's answer (e.g. the page's context for a note); throws when none answers. */
  ask(): Promise<Context>;
  /** Runs Backstory's content script in the tab (scripting.executeScript with the manifest's files). */
  inject(): Promise<void>;
  sleep(ms: number): Promise<void>;
  /** How long to wait for a loading tab, and for a script just injected, to answer. */
  waitMs?: number;
}

export const NOT_STARTED = 'Backstory could not start on this page. Browsers keep extensions out of some pages, such as PDF viewers; on others, reloading the page may help.';

/**
 * Reaches the tab's content script: asks it; while the tab is still loading, waits for it; a loaded tab with no
 * content script (open before Backstory was installed or updated) gets one injected, then is asked again.
 */
export async function reachTab<Context>(deps: ReachDeps<Context>): Promise<TabReach<Context>> {
  const waitMs = deps.waitMs ?? 5000;
  const info = (await deps.tab().catch(() => null)) ?? {};
  const url = info.url;
  const title = info.title ?? '';
  const reason = unreachableReason(url);
  if (reason) return { state: 'unreachable', url, title, reason };
  const ready = (context: Context): TabReach<Context> => ({ state: 'ready', url: url!, title, context });
  const attempt = () => deps.ask().then(ready, () => null);

  const first = await attempt();
  if (first) return first;
  // A page still loading gets its content script when it has loaded (document_idle).
  let waited = 0;
  for (let status = info.status; status === 'loading' && waited < waitMs; waited += 200) {
    await deps.sleep(200);
    status = (await deps.tab().catch(() => null))?.status;
    const now = await attempt();
    if (now) return now;
  }
  const settled = await attempt();
  if (settled) return settled;
  try {
    await deps.inject();
  } catch {
    return { state: 'unreachable', url, title, reason: NOT_STARTED };
  }
  for (let wait = 50, spent = 0; spent <= waitMs; spent += wait, wait = Math.min(wait * 2, 500)) {
    const now = await attempt();
    if (now) return now;
    await deps.sleep(wait);
  }
  return { state: 'unreachable', url, title, reason: NOT_STARTED };
}

export interface OpenTab extends TabInfo {
  id?: number;
}

export interface InjectDeps {
  tabs(): Promise<OpenTab[]>;
  /** Whether a content script answers in the tab. */
  answers(tabId: number): Promise<boolean>;
  inject(tabId: number): Promise<void>;
}

/**
 * After an install or an update: every open web page that has no content script answering (Chrome runs the
 * manifest's content scripts only in pages loaded afterwards; after an update the old ones are cut off) gets one.
 * Pages still loading get theirs from the manifest. Returns the ids of the tabs it injected into.
 */
export async function injectIntoOpenTabs(deps: InjectDeps): Promise<number[]> {
  const injected: number[] = [];
  await Promise.all((await deps.tabs()).map(async (tab) => {
    if (tab.id === undefined || tab.status === 'loading' || unreachableReason(tab.url) !== null) return;
    if (await deps.answers(tab.id).catch(() => false)) return;
    try {
      await deps.inject(tab.id);
      injected.push(tab.id);
    } catch {
      // A page the browser protects (a PDF viewer, an error page): nothing Backstory can do there.
    }
  }));
  return injected.sort((a, b) => a - b);
}

/**
 * The content-script files a manifest declares, as paths from the extension's root: what is injected, exactly as
 * the browser would load them.
 */
export function contentScriptFiles(manifest: { content_scripts?: { js?: string[] }[] }): `/${string}`[] {
  return (manifest.content_scripts ?? []).flatMap((script) => script.js ?? []).map((file) => `/${file.replace(/^\//, '')}` as const);
}
