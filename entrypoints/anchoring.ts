// The anchoring that finds a stored note in the page (lib/notes/page-anchoring.ts: fuzzy quote matching) and the
// notes page controller that paints, shows and keeps those notes (lib/notes/page-controller.ts), for a page with
// notes that quote it: injected by the background into the content script's world on request (lib/page/parts.ts),
// never on its own. Kept out of the content script, which every page parses: only a page with such notes needs them.
import { anchorInPage } from '@/lib/notes/page-anchoring';
import { createNotesPageController } from '@/lib/notes/page-controller';
import { providePart } from '@/lib/page/parts';

export default defineUnlistedScript(() => {
  providePart('anchoring', { anchorInPage, createNotesPageController });
});
