// Running the pipeline on the page: the one place the page controller matches text. A full run hands the page
// model's article text to lib/pipeline's annotateArticle — the function `npm run annotate` calls — with a pause
// that gives the main thread back between its steps, and paints what it finds slice by slice; text a living page
// adds later is matched with the article text around it, in what the full run learnt about the article.
import type { ArticleContext, Matcher } from '../match/matcher';
import { annotateAddition, annotateArticle } from '../pipeline';
import { rangesForMatches, type MatchRange } from '../highlight/ranges';
import { textNodesIn } from '../highlight/registry';
import type { PageModel } from './model';
import { yieldToMain } from './schedule';
import { measure } from '../timings';

/** Article text read around later additions, so figures in them are judged in context. */
const CONTEXT_CHARS = 1_500;

export interface RunOptions {
  /** Receives each slice's ranges and is awaited (painting may take several tasks). */
  onFound: (found: MatchRange[]) => Promise<void>;
  /** Nothing more happens once this says so (a newer run started, Backstory was turned off). */
  cancelled: () => boolean;
  /** Highlight the article even when it is not about the reference's subject (the reader's setting). */
  everyPage: boolean;
}

/**
 * Matches the article. Resolves to what was learnt about it (its relevance, the names it introduced), which text
 * the page adds later is matched in; null when the run was cancelled or the page has no article text.
 */
export async function runArticle(page: PageModel, matcher: Matcher, options: RunOptions): Promise<ArticleContext | null> {
  const pause = async () => {
    await yieldToMain();
    return !options.cancelled();
  };
  // Detection in steps, the main thread given back between them (a long page's passes over its DOM add up).
  const detected = await page.detectionInSteps(pause);
  if (!detected || !(await pause())) return null;
  const { article, context } = detected;
  if (article.nodes.length === 0) {
    // A page without article text (an app, a search page) costs detection and nothing more. One waiting for
    // Readability keeps this run going until it is there: the page is detected again and read in a run of its own,
    // and meanwhile the page is not reported settled.
    await page.detectorReady();
    return null;
  }
  const result = await annotateArticle(() => page.articleText(), matcher, {
    page: context,
    everyPage: options.everyPage,
    pause,
    onPhase: (phase, startedAt) => void measure(`backstory:${phase}`, startedAt),
    onMatches: async (matches, map) => {
      const t = performance.now();
      await options.onFound(rangesForMatches(map, matches));
      measure('backstory:highlight', t);
    },
  });
  return result && !options.cancelled() ? result.context : null;
}

export interface Added {
  found: MatchRange[];
  /** The article was judged off its subject and this text names reference items: read the article again. */
  rereadArticle: boolean;
}

/**
 * Matches text the page added to its article (document order), in the article's context (`article`, from the
 * full run). The matcher judges a figure by the entities around it (its sentence, the paragraphs beside it), so
 * the added text is matched with the article text just before and after it; matches that fall in that context
 * are already painted and are dropped.
 */
export async function matchAdded(page: PageModel, matcher: Matcher, added: readonly Text[], article: ArticleContext | undefined, everyPage: boolean): Promise<Added> {
  const live = new Set(added.filter((t) => t.isConnected));
  const first = added[0];
  const last = added[added.length - 1];
  if (!live.size || !first || !last) return { found: [], rereadArticle: false };
  const nodes = [...articleAround(page, first, -1).reverse(), ...live, ...articleAround(page, last, 1)];
  const { map, matches, rereadArticle } = await annotateAddition(nodes, matcher, article, { everyPage, page: page.detection().context });
  return { found: rangesForMatches(map, matches).filter(({ range }) => textNodesIn(range).every((n) => live.has(n))), rereadArticle };
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
