// The page part of the typed protocol (lib/messages.ts): what Backstory found on a tab, the badge, revealing
// an item. Settings are not messages: they live in storage.local (lib/page/settings.ts) and every context
// reads and watches them there.
import type { MatchCategory } from '../match/types';
import type { PartName } from './parts';

export interface FoundItem {
  referenceId: string;
  category: MatchCategory;
  /** Entity name or figure label from the reference. */
  label: string;
  /** How many highlights on the page point at it. */
  count: number;
  /** How the page writes it ("Assad", "al-Assad"), most frequent first. */
  words: string[];
}

/**
 * Where Backstory is on a page: `starting` until the reader's settings are read, `running` while it reads or
 * paints, `settled` when what is painted is complete, `off` when the reader turned it off for the site.
 */
export type PageStatus = 'starting' | 'running' | 'settled' | 'off';

export interface PageSummary {
  /** The page's address as the content script sees it (a single-page site changes it without a load). */
  url: string;
  /** The page's site key (lib/page/settings.ts siteKey): what the popup's "On this site" switch turns off. */
  site: string;
  status: PageStatus;
  /** 'css' (Custom Highlight API) or 'wrap' (fallback). */
  mode: 'css' | 'wrap';
  /** Highlights painted (categories turned off are not counted): the badge number. */
  total: number;
  byCategory: Record<MatchCategory, number>;
  /** One line per reference item, in order of first appearance on the page. */
  items: FoundItem[];
  /**
   * Whether the article is about the reference's subject (or the reader asked for every page); on a page that is
   * not, nothing is highlighted. Absent until the article has been read, and while Backstory is off here.
   */
  onSubject?: boolean;
  /** What the reference covers, in its words ("the Syrian civil war, 2012–2013"), when the dataset says. */
  subject?: string;
  /**
   * Set while the reference in use is short of what the reader's settings ask for because it could not be loaded (it
   * is tried again): what is found, or not, is then no verdict on the page (for the sets missing).
   */
  referenceUnavailable?: ReferenceShortfall;
}

/**
 * What the reference in use lacks of what the settings ask for: the bundled set (then nothing is in use: the reader's
 * sets are never matched without it) and the reader's own sets, by name, whose highlights are missing.
 */
export interface ReferenceShortfall {
  bundled: boolean;
  sets: string[];
}

export interface PageProtocol {
  /**
   * Content script → the extension (the background sets the badge; an open popup shows it): the page's summary
   * changed.
   */
  'page/report': { request: PageSummary; response: null };
  /**
   * Content script → background: load a part of Backstory into the sender's frame (lib/page/parts.ts): Readability
   * for a page whose markup does not settle the article, the figure reader for an article with figures to read.
   * Resolves once it is there.
   */
  'page/load-part': { request: { part: PartName }; response: null };
  /** Popup → content script (tabs.sendMessage): what was found on this page. */
  'page/summary': { request: Record<string, never>; response: PageSummary };
  /** Popup → content script: scroll to the next highlight of a reference item and open its card. */
  'page/reveal': { request: { referenceId: string }; response: boolean };
  /**
   * Content script → background: put our ::highlight rules into this tab's page (`on`), or take them out. The
   * browser inserts them ahead of the page's own sheets, where no rule of the page can outrank them.
   */
  'page/highlight-styles': { request: { on: boolean }; response: null };
  /** Background (keyboard command) → content script: move to the next/previous highlight. */
  'page/step': { request: { direction: 1 | -1 }; response: boolean };
}
