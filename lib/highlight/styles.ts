// How Backstory's highlights look. Only `::highlight(backstory-*)` rules (and the fallback's own element),
// so the sheet can style nothing of the page's, and the page's rules cannot restyle our card (shadow root).
import type { MatchCategory } from '../match/types';

export interface CategoryStyle {
  /** Highlight name in CSS.highlights: a public contract (users and tests read it). */
  name: string;
  label: string;
  /** Never colour alone: each category has its own underline style. */
  decoration: 'solid' | 'dotted' | 'dashed' | 'double' | 'wavy';
  /** Mid-luminance colours: the tint is translucent and the underline saturated, readable on light and dark pages. */
  tint: string;
  line: string;
  priority: number;
}

export const CATEGORY_STYLES: Record<MatchCategory, CategoryStyle> = {
  person: { name: 'backstory-person', label: 'Person', decoration: 'solid', tint: 'rgb(255 170 0 / 0.26)', line: 'rgb(214 120 0)', priority: 1 },
  place: { name: 'backstory-place', label: 'Place', decoration: 'dotted', tint: 'rgb(0 170 120 / 0.24)', line: 'rgb(0 150 100)', priority: 1 },
  organization: { name: 'backstory-organization', label: 'Organisation', decoration: 'dashed', tint: 'rgb(60 130 255 / 0.24)', line: 'rgb(40 110 240)', priority: 1 },
  figure: { name: 'backstory-figure', label: 'Figure (consistent with the reference)', decoration: 'double', tint: 'rgb(160 90 255 / 0.24)', line: 'rgb(140 70 230)', priority: 2 },
  'figure-differs': { name: 'backstory-figure-differs', label: 'Figure (differs from the reference)', decoration: 'wavy', tint: 'rgb(255 60 60 / 0.26)', line: 'rgb(225 30 30)', priority: 3 },
};

/** The keyboard-focused highlight: drawn over its category so the reader sees where they are. */
export const FOCUS_HIGHLIGHT = 'backstory-focus';

/** The reader's own notes on the page: above the reference highlights, so where both cover a word the note shows. */
export const NOTE_HIGHLIGHT = 'backstory-note';
export const NOTE_PRIORITY = 10;

// A marker-pen tint with a solid magenta underline: distinct from the reference categories' colours and
// underline styles, and readable on light and dark pages (translucent tint, saturated line).
const NOTE_RULE = `::highlight(${NOTE_HIGHLIGHT}) { background-color: rgb(255 80 170 / 0.22) !important; text-decoration: underline solid rgb(205 0 110) !important; text-decoration-thickness: 2px !important; text-underline-offset: 2px !important; text-shadow: none !important; }`;

/**
 * Every `::highlight(backstory-…)` rule, important and inside an anonymous cascade layer. A page's own rules
 * for our names (its `::highlight(backstory-figure-differs) { … !important }`, however specific, in whatever
 * layer) must not hide or restyle a mark. Measured in Chromium: important declarations of a layer win over
 * unlayered ones and over those of every later layer, and a sheet the browser inserts for the extension
 * (scripting.insertCSS, see HighlightStyles) comes before the page's own sheets, so its layer is the first one;
 * an anonymous layer cannot be joined by a page that guesses its name. The user origin would beat any author
 * rule, but Chromium does not paint `::highlight` rules from user sheets (they only show in getComputedStyle).
 *
 * The layer has a price in Chromium: a sheet with cascade layers that goes in anywhere but after the page's own
 * sheets (as this one must, to be the first layer) makes the style engine rebuild every at-rule registry, fonts
 * included, so every text of the page is laid out again ("Fonts changed"; about 200 ms of thread time on a page of
 * 200,000 words). Measured and not taken: the same rules without the layer cost one style recalculation and no
 * layout, but a page's important rule in a layer of its own then hides our marks; an adopted sheet is appended (no
 * relayout either) but its layer is the last one, which every page layer outranks, and the page sees it, rules
 * and all, in its own `document.adoptedStyleSheets`; user-origin rules, with or without an author sheet beside
 * them, are not painted.
 */
export function highlightCss(): string {
  const rules = Object.values(CATEGORY_STYLES).map(
    (s) => `::highlight(${s.name}) { background-color: ${s.tint} !important; text-decoration: underline ${s.decoration} ${s.line} !important; text-decoration-thickness: 2px !important; text-underline-offset: auto !important; text-shadow: none !important; }`,
  );
  // The focused one gets a stronger tint and thicker line, not a colour change, so it reads in any theme.
  rules.push(`::highlight(${FOCUS_HIGHLIGHT}) { background-color: rgb(255 220 0 / 0.55) !important; color: inherit !important; text-decoration: underline solid rgb(20 20 20) !important; text-decoration-thickness: 3px !important; text-underline-offset: auto !important; text-shadow: none !important; }`);
  rules.push(NOTE_RULE);
  return `@layer {\n${rules.join('\n')}\n}`;
}

/** Inline style for the fallback `<backstory-mark>` element (no stylesheet needed, nothing leaks). */
export function fallbackMarkStyle(category: MatchCategory): string {
  const s = CATEGORY_STYLES[category];
  return `all: unset; display: inline; background-color: ${s.tint}; text-decoration: underline ${s.decoration} ${s.line}; text-decoration-thickness: 2px; color: inherit;`;
}

/**
 * Adopts the ::highlight rules into `doc` as a constructed stylesheet: no <style> node is added to the page.
 * Returns a function that removes it again. Falls back to a <style> element only where constructed sheets
 * cannot be adopted (e.g. some content-script sandboxes), since the rules must live in the page's scope.
 * An adopted sheet comes after the page's own sheets, so a page that declares a cascade layer of its own first
 * can still outrank it: the content script asks the browser to insert the sheet instead (HighlightStyles), and
 * this is the fallback.
 */
export function installHighlightStyles(doc: Document, css: string = highlightCss()): () => void {
  const win = doc.defaultView as (Window & { CSSStyleSheet: typeof CSSStyleSheet }) | null;
  try {
    if (!win || !('adoptedStyleSheets' in doc)) throw new Error('no adoptedStyleSheets');
    const sheet = new win.CSSStyleSheet();
    sheet.replaceSync(css);
    doc.adoptedStyleSheets = [...doc.adoptedStyleSheets, sheet];
    return () => {
      doc.adoptedStyleSheets = doc.adoptedStyleSheets.filter((s) => s !== sheet);
    };
  } catch {
    const style = doc.createElement('style');
    style.setAttribute('data-backstory', 'highlight-styles');
    style.textContent = css;
    (doc.head ?? doc.documentElement).append(style);
    return () => style.remove();
  }
}

/**
 * Our ::highlight rules on a page while anything of ours is painted there (the reference highlights, the
 * notes): `acquire` returns the release. Off pages (Backstory turned off, no notes shown) keep no rules, so a
 * page cannot borrow our look for highlights of its own.
 */
export interface HighlightStyles {
  acquire(): () => void;
  /** Settles once the rules asked for so far are in the page (or could not be put there); absent where nothing waits. */
  ready?(): Promise<void>;
}

/**
 * Styles the browser inserts into the page for the extension (`insert(true)`, `insert(false)` takes them out;
 * the content script passes a request to the background, which calls scripting.insertCSS), with an adopted
 * sheet wherever that fails.
 */
export function highlightStyles(doc: Document, insert?: (on: boolean) => Promise<unknown>): HighlightStyles {
  let holders = 0;
  let removeFallback: (() => void) | null = null;
  let queue: Promise<unknown> = Promise.resolve();
  const fallback = () => {
    if (holders > 0) removeFallback ??= installHighlightStyles(doc);
  };
  const dropFallback = () => {
    if (holders > 0) return;
    removeFallback?.();
    removeFallback = null;
  };
  const set = (on: boolean) => {
    if (!insert) {
      if (on) fallback();
      else dropFallback();
      return;
    }
    // In order: a quick off-and-on must end on.
    queue = queue.then(() => insert(on)).then(
      () => (on ? undefined : dropFallback()),
      () => (on ? fallback() : dropFallback()),
    );
  };
  return {
    // Only a sheet the browser inserts is on its way (and lays the page out again); an adopted one is in at once.
    ready: insert && (() => queue.then(
      () => undefined,
      () => undefined,
    )),
    acquire() {
      if (holders++ === 0) set(true);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        if (--holders === 0) set(false);
      };
    },
  };
}
