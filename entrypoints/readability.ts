// Readability for pages whose markup does not settle the article: injected by the background into the content
// script's world on request (lib/page/parts.ts), never on its own. Kept out of the content script to keep that small.
import { readabilitySteps } from '@/lib/article/readability';
import { providePart } from '@/lib/page/parts';

export default defineUnlistedScript(() => {
  providePart('readability', readabilitySteps);
});
