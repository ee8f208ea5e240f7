// The popup's "Add this article to a reference set": the page's article as a document for a set. The sets part
// (lib/page/parts.ts) turns it into one; the article, its text and the address are read together once the part is
// there, since a single-page site may move to its next article while the part loads.
import type { PageModel } from '../page/model';
import type { PageSets } from '../page/parts';
import type { NewDocument } from './limits';

/**
 * What the popup shows when the article cannot be had: the part cannot load (the extension updated, the background
 * restarting) or the tab does not answer. The popup's words, so that the content script does not carry them.
 */
export const ARTICLE_UNAVAILABLE = 'Backstory could not read this page just now. Reload the page and try again.';

export async function pageArticle(
  page: Pick<PageModel, 'detection' | 'articleText'>,
  doc: Document,
  part: () => Promise<Pick<PageSets, 'articleDocument'>>,
): Promise<NewDocument | null> {
  // No article: nothing to add, and no part to load for it.
  if (page.detection().article.nodes.length === 0) return null;
  const { articleDocument } = await part();
  // From here on, no await: the nodes, their text and the address are of one moment.
  const { article } = page.detection();
  if (article.nodes.length === 0) return null;
  return articleDocument(doc, article, page.articleText().text, doc.defaultView?.location.href, 'page');
}
