// Painting with the CSS Custom Highlight API: one named highlight per category in CSS.highlights and our
// ::highlight rules (lib/highlight/styles.ts). The page's DOM is never touched. On a page with more highlights
// than the cap, only those near the viewport are registered at a time (lib/highlight/viewport.ts).
import { MATCH_CATEGORIES, type MatchCategory } from '../match/types';
import { createNamedHighlight, type NamedHighlight } from './registry';
import { CATEGORY_STYLES, FOCUS_HIGHLIGHT, highlightStyles, type HighlightStyles } from './styles';
import { NearViewport, type NearViewportOptions } from './viewport';
import { BookedHighlighter, type HighlightItem } from './items';

export interface CssHighlighterOptions {
  /** Where our ::highlight rules come from (shared with the notes); an adopted sheet by default. */
  styles?: HighlightStyles;
  viewport?: NearViewportOptions;
}

/** Only where the API exists (see supportsCustomHighlights): createNamedHighlight returns null elsewhere. */
export class CssHighlighter extends BookedHighlighter {
  readonly mode = 'css';
  private readonly named = new Map<MatchCategory, NamedHighlight>();
  private readonly focus: NamedHighlight;
  private readonly near: NearViewport;
  private readonly styles: HighlightStyles;
  private releaseStyles: (() => void) | null = null;

  constructor(doc: Document, options: CssHighlighterOptions = {}) {
    super(doc);
    const win = doc.defaultView!;
    for (const category of MATCH_CATEGORIES) {
      const style = CATEGORY_STYLES[category];
      this.named.set(category, createNamedHighlight(win, style.name, style.priority)!);
    }
    this.focus = createNamedHighlight(win, FOCUS_HIGHLIGHT, 10)!;
    this.near = new NearViewport(win, options.viewport);
    this.styles = options.styles ?? highlightStyles(doc);
  }

  /** How many ranges are in CSS.highlights now (all of them, or those near the viewport on a long page). */
  get registered(): number {
    return this.near.registeredCount;
  }

  add(items: HighlightItem[]): void {
    // Our rules go into the page with the first highlight, not before: in Chromium, a sheet inserted ahead of the
    // page's own with a cascade layer (scripting.insertCSS, lib/highlight/styles.ts) lays every text of the page
    // out again, one long rendering task on a long page (300 ms on 200,000 words), which a page where nothing
    // matches (most pages a reader visits) need not pay.
    if (items.length && !this.releaseStyles) {
      this.releaseStyles = this.styles.acquire();
      // And the window near the viewport is read only once they are in (and laid out on a frame): read before,
      // the boxes would make our script do that whole-page layout. The hold ends after a second whatever `ready`
      // does, so highlights never stay stuck where the first ones were.
      const ready = this.styles.ready?.();
      if (ready) this.near.holdUntil(ready);
    }
    for (const item of items) {
      this.book.add(item);
      this.near.add(item.range, this.named.get(item.match.category)!);
    }
  }

  remove(gone: Iterable<HighlightItem>): void {
    for (const item of gone) {
      if (!this.book.has(item)) continue;
      this.book.delete(item);
      this.near.delete(item.range);
      this.focus.delete(item.range);
    }
  }

  setFocus(item: HighlightItem | null): void {
    this.focus.replace(item ? [item.range] : []);
  }

  destroy(): void {
    this.near.destroy();
    this.focus.dispose();
    for (const h of this.named.values()) h.dispose();
    this.book.clear();
    this.releaseStyles?.();
    this.releaseStyles = null;
  }
}
