// One pass from a document to what Backstory highlights: article detection → text map → matching.
// The content script and `npm run annotate` both call this, so they agree by construction.
import { detectArticle, type ArticleResult } from './article';
import { buildTextMap, type TextMap } from './text';
import type { Matcher, TextMatch } from './match';

export interface Annotated {
  article: ArticleResult;
  map: TextMap;
  matches: TextMatch[];
}

export interface AnnotatedNodes {
  map: TextMap;
  matches: TextMatch[];
}

/** Matches in a given list of text nodes (document order): the whole article, or content a living page added. */
export function annotateNodes(nodes: Text[], matcher: Matcher): AnnotatedNodes {
  const map = buildTextMap(nodes);
  return { map, matches: matcher.match(map.text) };
}

export function annotateDocument(doc: Document, matcher: Matcher): Annotated {
  const article = detectArticle(doc);
  return { article, ...annotateNodes(article.nodes, matcher) };
}
