// Article-body detection on the live DOM: which text nodes of the page are the article (headline,
// standfirst, body) and which are the page around it (menus, related links, comments, footers...).
// Runs unchanged in the content script and under jsdom in Node.
import { runReadability } from './readability';
import { collectLive, isExcludedText } from './filter';

export interface ArticleResult {
  /** The article's text nodes in document order: headline, standfirst and body. */
  nodes: Text[];
  /** How it was found ("readability", "body"...), for debugging and eval. */
  method: string;
  /** The article's title as the page states it (metadata or headline), when known. */
  title: string | null;
}

export function detectArticle(doc: Document): ArticleResult {
  const found = runReadability(doc);
  if (found && found.nodes.size > 0) {
    return { nodes: collectLive(doc, found.nodes), method: 'readability', title: found.title };
  }
  // Nothing article-like (an index page, an app): every readable text node, so that the user still
  // gets highlights, rather than none.
  const all = collectLive(doc, null);
  return { nodes: all, method: 'body', title: found?.title ?? null };
}

export { articleText } from './text';
export { isExcludedText };
