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

export function annotateDocument(doc: Document, matcher: Matcher): Annotated {
  const article = detectArticle(doc);
  const map = buildTextMap(article.nodes);
  return { article, map, matches: matcher.match(map.text) };
}
