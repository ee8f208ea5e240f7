// The popup's list of what was found on a page, in the page's own words: one line per reference item, in order of
// first appearance, with how many highlights point at it and how the page wrote it ("Assad", "al-Assad"), the most
// frequent spelling first.
import type { TextMatch } from '../match/types';
import type { FoundItem } from './messages';

export function foundItems(matches: Iterable<Pick<TextMatch, 'category' | 'referenceId' | 'text'>>, label: (referenceId: string) => string): FoundItem[] {
  const items = new Map<string, FoundItem & { spellings: Map<string, number> }>();
  for (const { category, referenceId, text } of matches) {
    const key = `${category} ${referenceId}`;
    let item = items.get(key);
    if (!item) {
      item = { referenceId, category, label: label(referenceId), count: 0, words: [], spellings: new Map() };
      items.set(key, item);
    }
    item.count++;
    const word = text.replace(/\s+/g, ' ').trim();
    if (word) item.spellings.set(word, (item.spellings.get(word) ?? 0) + 1);
  }
  return [...items.values()].map(({ spellings, ...item }) => ({
    ...item,
    // Most frequent first; a Map keeps first appearance, and sort is stable, so ties stay in page order.
    words: [...spellings].sort((a, b) => b[1] - a[1]).map(([w]) => w),
  }));
}
