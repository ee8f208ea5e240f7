// Painting with the CSS Custom Highlight API: one named highlight per category in CSS.highlights and an adopted
// stylesheet of ::highlight rules. The page's DOM is never touched.
import { MATCH_CATEGORIES, type MatchCategory } from '../match/types';
import { createNamedHighlight, type NamedHighlight } from './registry';
import { CATEGORY_STYLES, FOCUS_HIGHLIGHT, installHighlightStyles } from './styles';
import { BookedHighlighter, type HighlightItem } from './items';

/** Only where the API exists (see supportsCustomHighlights): createNamedHighlight returns null elsewhere. */
export class CssHighlighter extends BookedHighlighter {
  readonly mode = 'css';
  private readonly named = new Map<MatchCategory, NamedHighlight>();
  private readonly focus: NamedHighlight;
  private readonly uninstallStyles: () => void;

  constructor(doc: Document) {
    super(doc);
    const win = doc.defaultView!;
    for (const category of MATCH_CATEGORIES) {
      const style = CATEGORY_STYLES[category];
      this.named.set(category, createNamedHighlight(win, style.name, style.priority)!);
    }
    this.focus = createNamedHighlight(win, FOCUS_HIGHLIGHT, 10)!;
    this.uninstallStyles = installHighlightStyles(doc);
  }

  add(items: HighlightItem[]): void {
    for (const item of items) {
      this.book.add(item);
      this.named.get(item.match.category)!.add(item.range);
    }
  }

  remove(gone: Iterable<HighlightItem>): void {
    for (const item of gone) {
      if (!this.book.has(item)) continue;
      this.book.delete(item);
      this.named.get(item.match.category)!.delete(item.range);
      this.focus.delete(item.range);
    }
  }

  setFocus(item: HighlightItem | null): void {
    this.focus.replace(item ? [item.range] : []);
  }

  destroy(): void {
    this.focus.unregister();
    for (const h of this.named.values()) h.unregister();
    this.book.clear();
    this.uninstallStyles();
  }
}
