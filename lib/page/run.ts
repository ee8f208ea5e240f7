// Running the pipeline on the page: the one place the page controller matches text. A full run matches the
// page model's article text and hands over what it found slice by slice, giving the main thread back between
// steps; text a living page adds later is matched with the article text around it.
import type { Matcher } from '../match';
import { annotateNodes, blockSpans, matchSpan } from '../pipeline';
import { rangesForMatches, type MatchRange } from '../highlight/ranges';
import { textNodesIn } from '../highlight/registry';
import type { PageModel } from './model';
import { measure, yieldToMain } from './schedule';

/** Above this many characters (~3,000 words), an article is matched in slices of about this size. */
const MATCH_SPAN_CHARS = 20_000;

/** Article text read around later additions, so figures in them are judged in context. */
const CONTEXT_CHARS = 1_500;

/**
 * Matches the article. `onFound` receives each slice's ranges and is awaited (painting may take several
 * tasks); nothing more happens once `cancelled()` says so.
 */
export async function runArticle(page: PageModel, matcher: Matcher, onFound: (found: MatchRange[]) => Promise<void>, cancelled: () => boolean): Promise<void> {
  const { article, context } = page.detection();
  await yieldToMain();
  // A page without article text (an app, a search page) costs detection and nothing more.
  if (cancelled() || article.nodes.length === 0) return;
  // The matcher's tables are built once per page, in a task of their own rather than on top of the first match.
  let t = performance.now();
  matcher.prepare();
  measure('backstory:setup', t);
  await yieldToMain();
  if (cancelled()) return;
  t = performance.now();
  const map = page.articleText();
  measure('backstory:text map', t);
  // An ordinary article is matched in one pass (the matcher sees all of it, for figure relevance); a very long
  // page is matched a few paragraphs at a time, yielding in between, so no task runs long.
  for (const span of blockSpans(map.text, MATCH_SPAN_CHARS)) {
    await yieldToMain();
    if (cancelled()) return;
    t = performance.now();
    const found = rangesForMatches(map, matchSpan(map, matcher, span, context));
    t = measure('backstory:match', t);
    await onFound(found);
    measure('backstory:highlight', t);
  }
}

/**
 * Matches text the page added to its article (document order). The matcher judges a figure by the entities
 * around it (its sentence, the paragraphs beside it), so the added text is matched with the article text just
 * before and after it; matches that fall in that context are already painted and are dropped.
 */
export function matchAdded(page: PageModel, matcher: Matcher, added: readonly Text[]): MatchRange[] {
  const live = new Set(added.filter((t) => t.isConnected));
  const first = added[0];
  const last = added[added.length - 1];
  if (!live.size || !first || !last) return [];
  const nodes = [...articleAround(page, first, -1).reverse(), ...live, ...articleAround(page, last, 1)];
  const { map, matches } = annotateNodes(nodes, matcher, page.detection().context);
  return rangesForMatches(map, matches).filter(({ range }) => textNodesIn(range).every((n) => live.has(n)));
}

/** Up to CONTEXT_CHARS of article text just before (-1) or after (1) `node`, nearest first. */
function articleAround(page: PageModel, node: Text, direction: -1 | 1): Text[] {
  const scope = page.detection().scope;
  if (!scope) return [];
  const walker = page.doc.createTreeWalker(scope, 4 /* NodeFilter.SHOW_TEXT */);
  walker.currentNode = node;
  const step = () => (direction < 0 ? walker.previousNode() : walker.nextNode()) as Text | null;
  const out: Text[] = [];
  let chars = 0;
  for (let n = step(); n && chars < CONTEXT_CHARS; n = step()) {
    if (!page.isArticleText(n)) continue; // only article text (detected, or accepted in an earlier change)
    out.push(n);
    chars += n.data.length;
  }
  return out;
}
