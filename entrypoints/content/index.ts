import { startReferenceHighlights } from './reference-highlights';
import { startNoteHighlights } from './note-highlights';

// Runs in other people's pages: everything it adds lives in CSS.highlights or a shadow root,
// and it never changes the page's text or nodes.
export default defineContentScript({
  matches: ['http://*/*', 'https://*/*'],
  runAt: 'document_idle',
  main(ctx) {
    startReferenceHighlights(ctx);
    startNoteHighlights(ctx);
  },
});
