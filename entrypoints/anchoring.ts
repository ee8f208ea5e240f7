// The anchoring that finds a stored note in the page (lib/notes/page-anchoring.ts: fuzzy quote matching) for a page
// with notes: injected by the background into the content script's world on request (lib/page/parts.ts), never on
// its own. Kept out of the content script, which every page parses: only a page with notes needs it.
import { anchorInPage } from '@/lib/notes/page-anchoring';
import { providePart } from '@/lib/page/parts';

export default defineUnlistedScript(() => {
  providePart('anchoring', anchorInPage);
});
