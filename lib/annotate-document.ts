// A whole document through the pipeline, as `npm run annotate` reads a saved page: article detection (Readability
// included), the page's language and date, then lib/pipeline's annotateArticle — the function the content script
// runs on the article its page model detected (which loads Readability only when a page needs it, so the content
// script never imports this module).
import { detectArticle, type ArticleResult } from './article';
import type { Matcher, PageContext } from './match';
import { readPageContext } from './page-context';
import { annotateArticle, type ArticleAnnotation, type PipelineOptions } from './pipeline';

export interface Annotated extends ArticleAnnotation {
  article: ArticleResult;
  /** The page's language and date (lib/page-context.ts), as the figures were read with. */
  page: PageContext;
}

/** Detection and the page's language and date, then annotateArticle: `npm run annotate` (no pause, so it never stops). */
export async function annotateDocument(doc: Document, matcher: Matcher, options: Omit<PipelineOptions, 'page'> = {}): Promise<Annotated | null> {
  const article = detectArticle(doc);
  const page = readPageContext(doc);
  const result = await annotateArticle(article.nodes, matcher, { ...options, page });
  return result && { article, page, ...result };
}

