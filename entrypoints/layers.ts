// The layers that draw the reference card, the notes adder (Preact and their components) and the frames of the note
// tooltip and the composer: injected by the background into the content script's world on request
// (lib/page/parts.ts), on the reader's first sign of reading or for a page with notes (lib/page/deferred-layers.ts),
// never on its own. Kept out of the content script, which every page parses.
import { mountCardLayer } from '@/components/CardLayer';
import { mountAdderLayer } from '@/components/AdderLayer';
import { mountComposerLayer } from '@/components/ComposerLayer';
import { mountNoteTooltipLayer } from '@/components/NoteTooltipLayer';
import { providePart } from '@/lib/page/parts';

export default defineUnlistedScript(() => {
  providePart('layers', { mountCardLayer, mountAdderLayer, mountComposerLayer, mountNoteTooltipLayer });
});
