// Painting with the CSS Custom Highlight API: one named highlight per category in CSS.highlights and an adopted
// stylesheet of ::highlight rules. The page's DOM is never touched.
import { MATCH_CATEGORIES, type MatchCategory } from '../match/types';
import { createNamedHighlight, type NamedHighlight } from './registry';
import { CATEGORY_STYLES, FOCUS_HIGHLIGHT, installHighlightStyles } from './styles';
import { ItemBook, type Highlighter } from './items';

/** Only where the API exists (see supportsCustomHighlights): createNamedHighlight returns null elsewhere. */
export function createCssHighlighter(doc: Document): Highlighter {
  const win = doc.defaultView!;
  const book = new ItemBook(doc);
  const named = new Map<MatchCategory, NamedHighlight>();
  for (const category of MATCH_CATEGORIES) {
    const style = CATEGORY_STYLES[category];
    named.set(category, createNamedHighlight(win, style.name, style.priority)!);
  }
  const focus = createNamedHighlight(win, FOCUS_HIGHLIGHT, 10)!;
  const uninstallStyles = installHighlightStyles(doc);

  return {
    mode: 'css',
    add(items) {
      for (const item of items) {
        book.add(item);
        named.get(item.match.category)!.add(item.range);
      }
    },
    remove(gone) {
      for (const item of gone) {
        if (!book.has(item)) continue;
        book.delete(item);
        named.get(item.match.category)!.delete(item.range);
        focus.delete(item.range);
      }
    },
    items: () => book.sorted(),
    get size() {
      return book.size;
    },
    countByCategory: () => book.countByCategory(),
    itemAt: (x, y) => book.itemAt(x, y),
    setFocus(item) {
      focus.replace(item ? [item.range] : []);
    },
    destroy() {
      focus.unregister();
      for (const h of named.values()) h.unregister();
      book.clear();
      uninstallStyles();
    },
  };
}
