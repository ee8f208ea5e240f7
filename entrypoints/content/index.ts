import { startReferenceHighlights } from './reference-highlights';
import { startNoteHighlights } from './note-highlights';
import { referenceLinkFor } from '@/lib/notes/reference-link';

// Runs in other people's pages: everything it adds lives in CSS.highlights or a shadow root,
// and it never changes the page's text or nodes.
export default defineContentScript({
  matches: ['http://*/*', 'https://*/*'],
  runAt: 'document_idle',
  main(ctx) {
    const highlights = startReferenceHighlights(ctx);
    // A note on selected text is linked to the reference entity or figure highlighted there.
    startNoteHighlights(ctx, { referenceAt: highlights ? (range) => referenceLinkFor(highlights.referenceAt(range)) : undefined });
  },
});
