// "Open at passage": shows a note where it was written. A tab that already shows the page is brought forward;
// otherwise the page opens in a new tab at an address with a text fragment (`#:~:text=`), so the browser itself
// scrolls to the quote and marks it. Then Backstory's content script scrolls to the note's own highlight and
// shows its text, once the page has loaded and its notes are anchored. Pure: the background passes the tabs API.
import { passageLink } from '../export/passage';
import { normalizeUrl } from '../url';
import type { Annotation } from './types';

export interface PassageTab {
  id: number;
  url?: string;
  windowId?: number;
}

export interface OpenPassageDeps {
  getNote(id: string): Promise<Annotation | undefined>;
  /** Every open tab (tabs.query). */
  tabs(): Promise<PassageTab[]>;
  createTab(url: string): Promise<PassageTab>;
  /** Makes the tab the one the reader sees (and its window the focused one). */
  activate(tab: PassageTab): Promise<void>;
  /** Resolves once the tab has finished loading (at once when it has). */
  loaded(tabId: number): Promise<void>;
  /** Asks the tab's content script to scroll to the note and show it (`notes/page-reveal`); false when it cannot. */
  reveal(tabId: number, id: string): Promise<boolean>;
  sleep(ms: number): Promise<void>;
  /** How long to keep asking a freshly loaded page, whose notes may still be anchoring. */
  revealWithinMs?: number;
}

export interface OpenPassageResult {
  tabId: number;
  /** Whether a new tab was opened (false: an open tab already showed the page). */
  opened: boolean;
  /** Whether Backstory found the note's passage on the page and showed it. */
  revealed: boolean;
}

export async function openAtPassage(id: string, deps: OpenPassageDeps): Promise<OpenPassageResult> {
  const note = await deps.getNote(id);
  if (!note) throw new Error('This note no longer exists (it was deleted, perhaps in another window).');
  const link = passageLink(note);
  if (!link) throw new Error('This note was written on a page that is not a web page, so it cannot be opened.');
  const open = (await deps.tabs()).find((t) => t.url !== undefined && normalizeUrl(t.url) === note.url);
  let tab: PassageTab;
  if (open) {
    tab = open;
    await deps.activate(tab);
  } else {
    tab = await deps.createTab(link);
  }
  await deps.loaded(tab.id);
  // A page note has no passage: the page itself is the place.
  if (!note.target) return { tabId: tab.id, opened: !open, revealed: false };
  const within = deps.revealWithinMs ?? 10_000;
  for (let waited = 0, wait = 100; ; waited += wait, wait = Math.min(wait * 2, 1000)) {
    if (await deps.reveal(tab.id, id).catch(() => false)) return { tabId: tab.id, opened: !open, revealed: true };
    if (waited + wait > within) return { tabId: tab.id, opened: !open, revealed: false };
    await deps.sleep(wait);
  }
}
