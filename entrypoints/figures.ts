// The figure reader and judge (lib/match/figure-part.ts) for an article on the reference's subject whose paragraphs
// near the reference's names hold numbers: injected by the background into the content script's world on request
// (lib/page/parts.ts), never on its own. Kept out of the content script, which most pages load and few need them in.
import { figureEngine } from '@/lib/match/figure-part';
import { providePart } from '@/lib/page/parts';

export default defineUnlistedScript(() => {
  providePart('figures', figureEngine);
});
