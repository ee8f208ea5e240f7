// The reader's own sets' side of a page: their datasets combined with the bundled one into the page's reference
// (lib/sets/combine.ts), and the article as a document for a set (lib/sets/documents.ts, the popup's "Add this
// article"). Injected by the background into the content script's world on request (lib/page/parts.ts), never on its
// own: a reader with no sets of their own, who adds no article, never needs it.
import { combineSets } from '@/lib/sets/combine';
import { pageArticle } from '@/lib/sets/page-article';
import { providePart } from '@/lib/page/parts';

export default defineUnlistedScript(() => {
  providePart('sets', { combineSets, pageArticle });
});
