// Article-body detection on the live DOM: which text nodes of the page are the article (headline,
// standfirst, body) and which are the page around it (menus, related links, comments, footers...).
// Runs unchanged in the content script and under jsdom in Node: it reads the live page and never
// changes it (Readability works on a clone).
import { runReadability } from './readability';
import { collectLive, isExcludedText } from './filter';
import { commonAncestor, pruneBoilerplate } from './prune';
import { findHeadline, headlineNodes, titleCandidates, titleRepeats } from './headline';

export interface ArticleResult {
  /** The article's text nodes in document order: headline, standfirst and body. */
  nodes: Text[];
  /** How it was found ("readability", "body"...), for debugging and eval. */
  method: string;
  /** The article's title as the page states it (metadata or <title>), when known. */
  title: string | null;
  /** The nodes of `nodes` that are the headline (and repeats of it), so callers can tell them from the body. */
  headline: Text[];
}

export function detectArticle(doc: Document): ArticleResult {
  const found = runReadability(doc);
  if (!found || found.nodes.size === 0) {
    // Nothing article-like (an index page, an app): every readable text node, so that the user still
    // gets highlights rather than none.
    return { nodes: collectLive(doc, null), method: 'body', title: found?.title ?? null, headline: [] };
  }
  const extracted = collectLive(doc, found.nodes);
  const pruned = pruneBoilerplate(extracted, commonAncestor(extracted));
  // Pruning is a refinement: if it would leave nothing, Readability's own result is the better answer.
  const body = pruned.length > 0 ? pruned : extracted;
  const titles = titleCandidates(doc, found.title);
  const repeats = titleRepeats(body, titles);
  const headlineEl = findHeadline(doc, titles, body.find((n) => !repeats.has(n)) ?? null);
  const headline = [...headlineNodes(doc, headlineEl), ...repeats];
  const all = new Set<Text>([...body, ...headline]);
  return {
    nodes: collectLive(doc, all),
    method: pruned.length > 0 ? 'readability+prune' : 'readability',
    title: found.title,
    headline: collectLive(doc, new Set(headline)),
  };
}

export { articleText } from './text';
export { isExcludedText };
