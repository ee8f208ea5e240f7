// Article-body detection on the live DOM (lib/article/detect.ts), with Readability for pages whose markup does not
// settle the article: what Node (npm run annotate, eval, tests) and the bench use. The content script detects
// through lib/page/model.ts, which loads Readability only for a page that needs it.
import { detectArticleWith, type ArticleResult, type DetectOptions } from './detect';
import { readabilitySteps } from './readability';
import { FURNITURE_SELECTOR, isExcludedText, isPageText } from './filter';

export function detectArticle(doc: Document, options: DetectOptions = {}): ArticleResult {
  // With Readability at hand the detector always answers.
  return detectArticleWith(doc, readabilitySteps, options)!;
}

export { detectArticleWith, type ArticleResult, type DetectOptions, type RunReadability } from './detect';
export { articleText } from './text';
export { FURNITURE_SELECTOR, isExcludedText, isPageText };
