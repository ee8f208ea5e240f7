// The popup's "Add this article to a reference set": the page's article as a document for a set. It runs in the sets
// part (lib/page/parts.ts), which the content script loads on the popup's asking: the article, its text and the
// address are read together once the part is there, since a single-page site may move to its next article while the
// part loads.
import type { PageModel } from '../page/model';
import { articleDocument } from './documents';
import type { NewDocument } from './limits';

/**
 * What the popup shows when the article cannot be had: the part cannot load (the extension updated, the background
 * restarting) or the tab does not answer. The popup's words, so that the content script does not carry them.
 */
export const ARTICLE_UNAVAILABLE = 'Backstory could not read this page just now. Reload the page and try again.';

export function pageArticle(page: Pick<PageModel, 'detection' | 'articleText'>, doc: Document): NewDocument | null {
  // From here on, nothing waits: the nodes, their text and the address are of one moment.
  const { article } = page.detection();
  if (article.nodes.length === 0) return null;
  return articleDocument(doc, article, page.articleText().text, doc.defaultView?.location.href, 'page');
}
